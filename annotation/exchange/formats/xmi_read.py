"""Reading UIMA CAS XMI into a bundle: Hamish's own export, and INCEpTION's files and ZIPs
(xmi_sources says where files come from and what INCEpTION writes).

Spans are `custom.Span` annotations (`webanno.custom.Span` in older INCEpTION projects) with
the string features Hamish writes (label, the attributes, entity); links are `custom.Relation`
(or `webanno.custom.Relation`) with Governor and Dependent. Annotations of other layers are left
out and the import says how many of each type, per file; DKPro Core's own (sentences, tokens,
metadata) are not counted.

The annotator (the layer) is, in this order: what a Hamish file name says (`doc-2.amal.xmi`);
the user INCEpTION's project export names in its layout (`annotation/<doc>/<user>.zip`); the
user its DocumentMetaData names (`documentId`, when it is not the document's own name, as in a
single document's export); else "xmi". Two files never merge into one layer: a file whose
layer on its document came already from another file is read under a new name (`amal-2`) and
the import says so.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from cassis import Cas, TypeSystem, load_cas_from_xmi, load_typesystem  # type: ignore[import-untyped]
from lxml import etree  # type: ignore[import-untyped]

from annotation.exchange.bundle import Bundle, FormatError
from annotation.exchange.formats.xmi_format import ATTRIBUTES, RELATION_TYPE, SPAN_TYPE
from annotation.exchange.formats.xmi_sources import (
    DEFAULT_ANNOTATOR,
    INITIAL_CAS,
    TYPESYSTEM,
    XmiSource,
    list_sources,
)
from annotation.exchange.records import loads
from annotation.model import (
    Attributes,
    Document,
    DocumentId,
    Entity,
    EntityId,
    EntityKind,
    Link,
    LinkId,
    Origin,
    Span,
    SpanId,
    text_sha256,
)

DOCUMENT_METADATA = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
SPAN_TYPES = (SPAN_TYPE, "webanno." + SPAN_TYPE)
RELATION_TYPES = (RELATION_TYPE, "webanno." + RELATION_TYPE)
# Types every DKPro Core or INCEpTION CAS carries besides the annotations: not a loss.
_INFRASTRUCTURE = (
    "uima.",
    "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.",
    "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence",
    "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token",
    "de.tudarmstadt.ukp.clarin.webanno.api.type.",  # INCEpTION's layer/feature definitions
)


def read(paths: Sequence[Path]) -> Bundle:
    """Read XMI files, folders of them and INCEpTION's export ZIPs into one bundle."""
    # Every file is checked before any is parsed: an unsafe one never reaches cassis.
    sources = list_sources(paths)
    reader = _Reader(list(sources.notes))
    for source in sources.files:
        reader.read(source, reader.typesystem(source.typesystem, sources.typesystems))
    return Bundle(
        tuple(reader.documents.values()),
        tuple(reader.spans),
        tuple(reader.links),
        tuple(reader.entities.values()),
        notes=tuple(reader.notes),
    )


@dataclass(slots=True)
class _Reader:
    notes: list[str]
    documents: dict[str, Document] = field(default_factory=dict)  # by SHA-256
    spans: list[Span] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    entities: dict[tuple[str, str], Entity] = field(default_factory=dict)
    typesystems: dict[str, TypeSystem] = field(default_factory=dict)
    layers: dict[tuple[str, str], str] = field(default_factory=dict)  # (sha, annotator) -> file

    def typesystem(self, name: str, data: dict[str, bytes]) -> TypeSystem:
        if name not in self.typesystems:
            try:
                self.typesystems[name] = load_typesystem(data[name].decode("utf-8"))
            except Exception as error:  # cassis raises what lxml and its own checks raise
                raise FormatError(name, f"not a UIMA type system ({error})") from None
        return self.typesystems[name]

    def read(self, source: XmiSource, ts: TypeSystem) -> None:
        # cassis warns (to stderr, with its source path) about what it cannot map, such as
        # an offset past the text, and goes on: its warnings are caught here, and one that
        # the checks below did not already turn into a refusal refuses the file.
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            self._read(source, ts)
        # Only cassis's own: the collector may run meanwhile and warn of something else (an
        # unclosed connection elsewhere), which refused a good file now and then.
        theirs = [w for w in caught if "cassis" in Path(w.filename).parts]
        if theirs:
            raise FormatError(source.name, f"cassis could not read it: {theirs[0].message}")

    def _read(self, source: XmiSource, ts: TypeSystem) -> None:
        name = source.name
        try:
            cas = load_cas_from_xmi(source.data.decode("utf-8"), typesystem=ts)
        except Exception as error:
            raise FormatError(
                name, f"not a UIMA CAS XMI file: {_found(source.data, error)}"
            ) from None
        span_type = next((t for t in SPAN_TYPES if ts.contains_type(t)), None)
        if span_type is None:
            raise FormatError(name, f"its {TYPESYSTEM} has no {' or '.join(SPAN_TYPES)}")
        relation_type = next((t for t in RELATION_TYPES if ts.contains_type(t)), None)
        document_id, title = _metadata(cas)
        text = cas.sofa_string or ""
        document = self._document(source, text, title)
        spans_of = list(cas.select(span_type))
        relations = list(cas.select(relation_type)) if relation_type else []
        self._note_other_layers(name, cas, {span_type, relation_type})
        if source.starting_point:
            if spans_of:
                self.notes.append(
                    f"{name}: INCEpTION's starting point for {document.title!r} (the document"
                    f" as uploaded, not a person's work): its text is read, its {len(spans_of)}"
                    " spans left out"
                )
            return
        annotator = self._layer(name, document, _annotator(source, document_id, title))
        assert document.id is not None
        ids: dict[int, SpanId] = {}
        for annotation in spans_of:
            where = f"{span_type} xmi:id {annotation.xmiID}"
            start, end = annotation.begin, annotation.end
            if not (
                isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
            ):
                raise FormatError(name, f"offsets {start}-{end} do not fit the text", where)
            label = annotation.get("label")
            if not label:
                raise FormatError(name, "the span has no label", where)
            attributes: Attributes = {
                key: value
                for key in ATTRIBUTES
                if isinstance(value := _feature(annotation, key), str)
            }
            ident = SpanId(len(self.spans) + 1)
            ids[annotation.xmiID] = ident
            self.spans.append(
                Span(
                    document_id=document.id,
                    annotator=annotator,
                    label=label,
                    start=start,
                    end=end,
                    text=text[start:end],
                    attributes=attributes,
                    entity_id=self._entity(name, where, _feature(annotation, "entity")),
                    origin=Origin.IMPORTED,
                    id=ident,
                )
            )
        for relation in relations:
            where = f"{relation_type} xmi:id {relation.xmiID}"
            governor, dependent = relation.get("Governor"), relation.get("Dependent")
            if governor is None or dependent is None:
                raise FormatError(name, "the relation lacks its Governor or Dependent", where)
            if governor.xmiID not in ids or dependent.xmiID not in ids:
                raise FormatError(name, f"the relation's ends are not {span_type}s", where)
            self.links.append(
                Link(
                    _feature(relation, "label") or "RELATION",
                    ids[governor.xmiID],
                    ids[dependent.xmiID],
                    LinkId(len(self.links) + 1),
                )
            )

    def _document(self, source: XmiSource, text: str, title: str | None) -> Document:
        sha = text_sha256(text)
        if sha not in self.documents:
            self.documents[sha] = Document(
                text=text,
                text_sha256=sha,
                title=source.title or title or _stem(source.name),
                imported_from=source.name,
                id=DocumentId(len(self.documents) + 1),
            )
        return self.documents[sha]

    def _layer(self, name: str, document: Document, annotator: str) -> str:
        """The annotator this file's spans are read under: a layer another file of this
        import gave already gets a new name (the first free of `NAME-2`, `NAME-3` ...)."""
        first = self.layers.get((document.text_sha256, annotator))
        if first is None:
            self.layers[(document.text_sha256, annotator)] = name
            return annotator
        number = 2
        while (document.text_sha256, f"{annotator}-{number}") in self.layers:
            number += 1
        renamed = f"{annotator}-{number}"
        self.layers[(document.text_sha256, renamed)] = name
        self.notes.append(
            f"{name}: layer {annotator!r} of document {document.title!r} came already from"
            f" {first}; this file's spans are read as annotator {renamed!r}, not merged"
        )
        return renamed

    def _note_other_layers(self, name: str, cas: Cas, read: set[str | None]) -> None:
        left_out = Counter(
            fs.type.name
            for fs in cas.select_all_annotations()
            if fs.type.name not in read and not fs.type.name.startswith(_INFRASTRUCTURE)
        )
        if left_out:
            kinds = ", ".join(f"{kind} ({count})" for kind, count in sorted(left_out.items()))
            self.notes.append(
                f"{name}: {sum(left_out.values())} annotations of layers Hamish does not read"
                f" left out: {kinds}"
            )

    def _entity(self, name: str, where: str, value: object) -> EntityId | None:
        if not value:
            return None
        try:
            data = loads(str(value))  # safe: deep nesting and huge numbers are refused
        except ValueError as error:
            raise FormatError(name, f"cannot read the entity feature ({error})", where) from None
        # A bare number or list (`entity="99"`) crashed with "'int' object is not subscriptable".
        if not isinstance(data, dict) or not {"kind", "name"} <= data.keys():
            raise FormatError(
                name,
                "the entity feature must be a JSON object with a kind and a name, not"
                f" {str(value)[:80]!r}",
                where,
            )
        try:
            key = (data["kind"], data["name"])
            if key not in self.entities:
                self.entities[key] = Entity(
                    EntityKind(data["kind"]),
                    data["name"],
                    tuple(data.get("aliases") or ()),
                    data.get("attributes") or {},
                    EntityId(len(self.entities) + 1),
                )
        except (ValueError, KeyError, TypeError) as error:
            raise FormatError(name, f"cannot read the entity feature ({error})", where) from None
        return self.entities[key].id


def _feature(annotation: Any, name: str) -> Any:
    """A feature's value, None when the annotation's type lacks it (an INCEpTION layer made by
    hand may have only some of Hamish's features)."""
    try:
        return annotation.get(name)
    except AttributeError:
        return None


def _metadata(cas: Cas) -> tuple[str | None, str | None]:
    """DKPro Core's DocumentMetaData: (documentId, documentTitle), when the CAS has them."""
    if not cas.typesystem.contains_type(DOCUMENT_METADATA):
        return None, None
    for meta in cas.select(DOCUMENT_METADATA):
        return meta.get("documentId") or None, meta.get("documentTitle") or None
    return None, None


def _annotator(source: XmiSource, document_id: str | None, title: str | None) -> str:
    if source.annotator is not None:
        return source.annotator
    # INCEpTION sets documentId to the name it writes the file under: the user's in a project
    # export, the document's when one document is exported from the annotation page.
    names_the_document = title is None or document_id in (title, PurePosixPath(title).stem)
    if document_id and document_id != INITIAL_CAS and not names_the_document:
        return document_id
    return DEFAULT_ANNOTATOR


def _stem(name: str) -> str:
    return PurePosixPath(name.rsplit("!", 1)[-1]).name.removesuffix(".xmi").split(".")[0]


def _found(data: bytes, error: Exception) -> str:
    """What a file that cassis could not read holds instead of a CAS, in a few words."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    tag = etree.QName(root).localname
    if tag != "XMI":
        return f"its root element is <{tag}>, not <xmi:XMI>"
    detail = str(error) or "no detail"
    return f"cassis says {type(error).__name__}: {detail}"
