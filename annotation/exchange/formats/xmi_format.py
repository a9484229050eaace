"""The `xmi` format: UIMA CAS XMI for INCEpTION (and any UIMA tool), written with dkpro-cassis.

Layout: `OUT/TypeSystem.xml` next to one `OUT/doc-N.ANNOTATOR.xmi` per document and annotator
with spans there (N the document's canonical id, as in the json format); a document nobody
annotated is written as `OUT/doc-N.xmi`, its text alone. Types, as INCEpTION wants them
(../shared/FORMATS.md, "Getting XMI into INCEpTION"):
  custom.Span      a uima.tcas.Annotation with String features label, kind, cue, polarity, note,
                   role (the attributes of that name) and entity (what the span refers to, as
                   JSON: kind, name, aliases, attributes)
  custom.Relation  Governor (the link's source, e.g. the claim) and Dependent (its target, e.g.
                   the speaker), both custom.Span, and String feature label (the link's kind);
                   its begin/end are its Dependent's.
Offsets in the XMI are UTF-16 units (cassis converts from Python's code points both ways). In
INCEpTION import TypeSystem.xml as layers first (Settings -> Layers -> Import), then upload the
XMI files: it drops annotations of types its project lacks without a word.

What XMI here does not hold: document titles and other metadata, statuses, origins, timestamps,
attributes other than the six above (writing refuses them rather than dropping them).

Reading takes folders (every `.xmi` in them) or `.xmi` files, each with `TypeSystem.xml` beside
it; the annotator is the file name's part after `doc-N.` ("xmi" when there is none; %XX as
`output.file_name` writes it). Only UTF-8 XML is read: a file that is not UTF-8, holds NUL
bytes (UTF-16 without a byte-order mark) or declares another encoding (UTF-7) is refused, so a
DOCTYPE or an entity declaration cannot hide from the check that refuses them, and a parser
that loads no DTD and expands no entity then refuses any DOCTYPE it finds (`safe_bytes`). A
TypeSystem.xml is bounded before cassis loads it (`check_typesystem`). The export is built
beside `OUT` and replaces it whole (an earlier export there, or nothing).
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from cassis import (  # type: ignore[import-untyped]
    Cas,
    TypeSystem,
    load_cas_from_xmi,
    load_typesystem,
)
from lxml import etree  # type: ignore[import-untyped]

from annotation.exchange.bundle import Bundle, Corpus, ExportOptions, FormatError
from annotation.exchange.canonical import Canonical
from annotation.exchange.formats.brat_format import document_name
from annotation.exchange.output import (
    NOT_XML,
    annotator_of,
    atomic_folder,
    file_name,
    write_new,
)
from annotation.exchange.records import file_bytes, loads
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
from annotation.regular_files import special_file

SPAN_TYPE = "custom.Span"
RELATION_TYPE = "custom.Relation"
STRING = "uima.cas.String"
ATTRIBUTES = ("kind", "cue", "polarity", "note", "role")
SPAN_FEATURES = ("label", *ATTRIBUTES, "entity")
TYPESYSTEM = "TypeSystem.xml"
DEFAULT_ANNOTATOR = "xmi"
_FILE = re.compile(r"(doc-[0-9]+)(?:\.(.+))?\.xmi")
_UNSAFE = (b"<!DOCTYPE", b"<!ENTITY")


def typesystem() -> TypeSystem:
    """custom.Span and custom.Relation, shaped as INCEpTION's layer import wants them."""
    ts = TypeSystem()
    span = ts.create_type(SPAN_TYPE, supertypeName="uima.tcas.Annotation")
    for name in SPAN_FEATURES:
        ts.create_feature(span, name, STRING)
    relation = ts.create_type(RELATION_TYPE, supertypeName="uima.tcas.Annotation")
    ts.create_feature(relation, "Governor", SPAN_TYPE)
    ts.create_feature(relation, "Dependent", SPAN_TYPE)
    ts.create_feature(relation, "label", STRING)
    return ts


# ---------------------------------------------------------------------------------- writing


def write(corpus: Corpus, out: Path, options: ExportOptions | None = None) -> None:
    """Write the corpus as XMI files and their TypeSystem.xml in the folder `out` (new,
    empty, or an earlier export, replaced whole); what XML or the type system cannot hold is
    refused before anything is written. `options.utf16` does not apply: XMI always counts
    UTF-16 units."""
    bundle = corpus.whole()
    canonical = Canonical.of(bundle)
    _check(canonical, out)
    layers = sorted({span.annotator for span in bundle.spans})
    names = {layer: file_name(layer) for layer in layers}
    ts = typesystem()
    entities = {e.id: e for e in canonical.entities}
    with atomic_folder(out, is_export_file) as folder:
        (folder / TYPESYSTEM).write_bytes(ts.to_xml().encode("utf-8"))
        for number, document in enumerate(canonical.documents, start=1):
            spans = [s for s in canonical.spans if s.document_id == document.id]
            present: list[str | None] = [*sorted({s.annotator for s in spans})]
            for layer in present or [None]:
                mine = [s for s in spans if s.annotator == layer]
                cas = _cas(ts, document, mine, canonical, entities)
                suffix = f".{names[layer]}" if layer is not None else ""
                xmi = cas.to_xmi(pretty_print=True)
                assert isinstance(xmi, str)
                name = f"{document_name(number)}{suffix}.xmi"
                write_new(folder / name, xmi.encode("utf-8"), out, f"annotator {layer!r}")


def is_export_file(path: PurePosixPath) -> bool:
    """Whether a file at `path` inside a folder is one an XMI export writes."""
    return len(path.parts) == 1 and (path.name == TYPESYSTEM or bool(_FILE.fullmatch(path.name)))


def _check(canonical: Canonical, out: Path) -> None:
    """Refuse what XMI cannot hold, naming the document or span: attributes other than the
    type system's features, and characters XML 1.0 forbids (NUL, ESC ...: a CAS holding
    them is written but no XML parser reads it back)."""
    numbers = canonical.document_ids
    for document in canonical.documents:
        _xml_text(document.text, out, f"document {numbers[document.id]}", "its text")
    for span in canonical.spans:
        where = (
            f"document {numbers[span.document_id]}, span {canonical.span_ids[span.id]}"
            f" {span.label} {span.start}-{span.end} ({span.annotator})"
        )
        _xml_text(span.label, out, where, "its label")
        for name, value in span.attributes.items():
            if value is not None and (name not in ATTRIBUTES or not isinstance(value, str)):
                raise FormatError(
                    out,
                    f"XMI holds text attributes {', '.join(ATTRIBUTES)}, not {name}={value!r}",
                    where,
                )
            if isinstance(value, str):
                _xml_text(value, out, where, f"its attribute {name}")
    for link in canonical.links:
        _xml_text(link.kind, out, f"link {link.kind!r}", "its kind")
    for entity in canonical.entities:
        _xml_text(entity_json(entity), out, f"entity {entity.name!r}", "it")


def _xml_text(value: str, out: Path, where: str, what: str) -> None:
    found = NOT_XML.search(value)
    if found:
        raise FormatError(
            out,
            f"{what} holds {found[0]!r} at {found.start()}, a character XML cannot hold",
            where,
        )


def _cas(
    ts: TypeSystem,
    document: Document,
    spans: Sequence[Span],
    canonical: Canonical,
    entities: dict[EntityId | None, Entity],
) -> Cas:
    cas = Cas(typesystem=ts)
    cas.sofa_string = document.text
    span_type, relation_type = ts.get_type(SPAN_TYPE), ts.get_type(RELATION_TYPE)
    made: dict[SpanId | None, Any] = {}
    for span in spans:
        features: dict[str, Any] = {
            name: value for name, value in span.attributes.items() if isinstance(value, str)
        }
        entity = entities.get(span.entity_id) if span.entity_id is not None else None
        if entity is not None:
            features["entity"] = entity_json(entity)
        made[span.id] = annotation = span_type(
            begin=span.start, end=span.end, label=span.label, **features
        )
        cas.add(annotation)
    for link in canonical.links:
        if link.source_id in made and link.target_id in made:
            governor, dependent = made[link.source_id], made[link.target_id]
            cas.add(
                relation_type(
                    begin=dependent.begin,
                    end=dependent.end,
                    Governor=governor,
                    Dependent=dependent,
                    label=link.kind,
                )
            )
    return cas


def entity_json(entity: Entity) -> str:
    """What a span refers to, as one string feature."""
    data = {
        "kind": entity.kind.value,
        "name": entity.name,
        "aliases": list(entity.aliases),
        "attributes": entity.attributes,
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


# ---------------------------------------------------------------------------------- reading


def read(paths: Sequence[Path]) -> Bundle:
    """Read XMI files (or folders of them), each next to its TypeSystem.xml, into one bundle."""
    files = [found for path in paths for found in xmi_files(path)]
    if not files:
        raise FormatError(", ".join(map(str, paths)) or ".", "no .xmi files to read")
    # Every file is checked before any is parsed: an unsafe one never reaches the XML parser.
    contents = [(path, annotator, safe_bytes(path)) for path, annotator in files]
    reader = _Reader()
    for path, annotator, data in contents:
        reader.read(path, annotator, data)
    return Bundle(
        tuple(reader.documents.values()),
        tuple(reader.spans),
        tuple(reader.links),
        tuple(reader.entities.values()),
    )


def xmi_files(path: Path) -> Iterator[tuple[Path, str]]:
    """The `.xmi` files a path names, each with the annotator its name gives."""
    if path.is_dir():
        listed = [p for p in path.glob("*.xmi") if not p.name.startswith(".")]
        for each in listed:
            # A pipe or a device named *.xmi is refused, naming it, never skipped unseen.
            kind = special_file(each)
            if kind is not None and kind != "a folder":
                raise FormatError(each, f"{kind}, not a regular file: not read")
        found = sorted((p for p in listed if p.is_file()), key=_natural)
        if not found:
            raise FormatError(path, "no .xmi files in this folder")
    elif path.suffix == ".xmi" and (path.is_file() or special_file(path)):
        found = [path]
    else:
        raise FormatError(path, "not a folder nor an .xmi file")
    for each in found:
        match = _FILE.fullmatch(each.name)
        yield each, (annotator_of(match[2]) if match and match[2] else DEFAULT_ANNOTATOR)


def _natural(path: Path) -> list[str | int]:
    return [int(p) if i % 2 else p for i, p in enumerate(re.split(r"([0-9]+)", path.name))]


def safe_bytes(path: Path) -> bytes:
    """The file's bytes, refused unless they are UTF-8 XML without a DOCTYPE or an entity
    declaration (XXE, billion laughs). The check cannot be hidden by an encoding: bytes that
    are not UTF-8, NUL bytes (UTF-16 or UTF-32 without a byte-order mark pass as UTF-8 on
    ASCII text, `<` then NUL), and an XML declaration naming another encoding (UTF-7 writes
    `<` as `+ADw-`) are refused before any XML parser sees them; then a parser that loads no
    DTD and expands no entity reads the file, and any DOCTYPE it found is refused too."""
    data = file_bytes(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FormatError(
            path, f"not UTF-8 (byte {error.start}): Hamish reads UTF-8 XML only"
        ) from None
    if "\x00" in text:
        raise FormatError(
            path,
            f"holds a NUL byte (at byte {data.index(0)}): UTF-16 or UTF-32 without a byte-order"
            " mark? Hamish reads UTF-8 XML only",
        )
    declared = _DECLARED_ENCODING.match(text.removeprefix("\ufeff"))
    if declared and declared[1].lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise FormatError(path, f"declares encoding {declared[1]!r}: Hamish reads UTF-8 XML only")
    for marker in _UNSAFE:
        if marker in data:
            raise FormatError(
                path, f"contains {marker.decode()}: DTDs and entities are refused (unsafe XML)"
            )
    _parse_safely(path, data)
    return data


_DECLARED_ENCODING = re.compile(r"""<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")


def _parse_safely(path: Path, data: bytes) -> etree._Element:
    """The XML tree, read by a parser that loads no DTD, expands no entity and reaches no
    network; a DOCTYPE is refused."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise FormatError(
            path, f"not well-formed XML ({error.msg})", f"line {error.lineno}"
        ) from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise FormatError(path, "declares a DOCTYPE: DTDs and entities are refused (unsafe XML)")
    return root


# A type system far beyond any real one (INCEpTION's and DKPro Core's have a few hundred types,
# inheritance a few levels deep) is refused: cassis sorts types in superlinear time.
MAX_TYPES, MAX_DEPTH = 1_000, 50


def check_typesystem(path: Path, data: bytes) -> None:
    """Refuse a TypeSystem.xml with more than MAX_TYPES types or an inheritance chain deeper
    than MAX_DEPTH (or a cycle), before cassis loads it."""
    root = _parse_safely(path, data)
    supertypes: dict[str, str] = {}
    for number, description in enumerate(root.iter("{*}typeDescription"), start=1):
        if number > MAX_TYPES:
            raise FormatError(path, f"more than {MAX_TYPES} types: not a type system Hamish reads")
        name = description.findtext("{*}name") or ""
        supertypes[name.strip()] = (description.findtext("{*}supertypeName") or "").strip()
    depths: dict[str, int] = {}
    for name in supertypes:
        chain: list[str] = []
        at = name
        while at in supertypes and at not in depths:
            if at in chain:
                raise FormatError(path, f"type {at!r} inherits from itself", f"type {at!r}")
            chain.append(at)
            if len(chain) > MAX_DEPTH:
                raise FormatError(
                    path,
                    f"inheritance deeper than {MAX_DEPTH} levels: not a type system Hamish reads",
                    f"type {name!r}",
                )
            at = supertypes[at]
        base = depths.get(at, 0)
        for offset, each in enumerate(reversed(chain), start=1):
            depths[each] = base + offset
            if depths[each] > MAX_DEPTH:
                raise FormatError(
                    path,
                    f"inheritance deeper than {MAX_DEPTH} levels: not a type system Hamish reads",
                    f"type {each!r}",
                )


@dataclass(slots=True)
class _Reader:
    documents: dict[str, Document] = field(default_factory=dict)  # by SHA-256
    spans: list[Span] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    entities: dict[tuple[str, str], Entity] = field(default_factory=dict)
    typesystems: dict[Path, TypeSystem] = field(default_factory=dict)

    def typesystem(self, folder: Path) -> TypeSystem:
        if folder not in self.typesystems:
            path = folder / TYPESYSTEM
            if not path.exists():
                raise FormatError(path, "missing: XMI is read with the TypeSystem.xml beside it")
            data = safe_bytes(path)
            check_typesystem(path, data)
            try:
                self.typesystems[folder] = load_typesystem(data.decode("utf-8"))
            except FormatError:
                raise
            except Exception as error:  # cassis raises what lxml and its own checks raise
                raise FormatError(path, f"not a UIMA type system ({error})") from None
        return self.typesystems[folder]

    def read(self, path: Path, annotator: str, data: bytes) -> None:
        # cassis warns (to stderr, with its source path) about what it cannot map, such as
        # an offset past the text, and goes on: its warnings are caught here, and one that
        # the checks below did not already turn into a refusal refuses the file.
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            self._read(path, annotator, data)
        if caught:
            raise FormatError(path, f"cassis could not read it: {caught[0].message}")

    def _read(self, path: Path, annotator: str, data: bytes) -> None:
        ts = self.typesystem(path.parent)
        try:
            cas = load_cas_from_xmi(data.decode("utf-8"), typesystem=ts)
        except Exception as error:
            raise FormatError(path, f"not a UIMA CAS XMI file: {_found(data, error)}") from None
        text = cas.sofa_string or ""
        sha = text_sha256(text)
        if sha not in self.documents:
            self.documents[sha] = Document(
                text=text,
                text_sha256=sha,
                title=path.name.removesuffix(".xmi").split(".")[0],
                imported_from=str(path),
                id=DocumentId(len(self.documents) + 1),
            )
        document = self.documents[sha]
        assert document.id is not None
        try:
            spans_of = list(cas.select(SPAN_TYPE))
            relations = list(cas.select(RELATION_TYPE))
        except Exception:
            raise FormatError(path, f"{TYPESYSTEM} lacks {SPAN_TYPE} or {RELATION_TYPE}") from None
        ids: dict[int, SpanId] = {}
        for annotation in spans_of:
            where = f"{SPAN_TYPE} xmi:id {annotation.xmiID}"
            start, end = annotation.begin, annotation.end
            if not (
                isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
            ):
                raise FormatError(path, f"offsets {start}-{end} do not fit the text", where)
            label = annotation.get("label")
            if not label:
                raise FormatError(path, "the span has no label", where)
            attributes: Attributes = {
                name: value for name in ATTRIBUTES if isinstance(value := annotation.get(name), str)
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
                    entity_id=self._entity(path, where, annotation.get("entity")),
                    origin=Origin.IMPORTED,
                    id=ident,
                )
            )
        for relation in relations:
            where = f"{RELATION_TYPE} xmi:id {relation.xmiID}"
            governor, dependent = relation.get("Governor"), relation.get("Dependent")
            if governor is None or dependent is None:
                raise FormatError(path, "the relation lacks its Governor or Dependent", where)
            if governor.xmiID not in ids or dependent.xmiID not in ids:
                raise FormatError(path, f"the relation's ends are not {SPAN_TYPE}s", where)
            self.links.append(
                Link(
                    relation.get("label") or "RELATION",
                    ids[governor.xmiID],
                    ids[dependent.xmiID],
                    LinkId(len(self.links) + 1),
                )
            )

    def _entity(self, path: Path, where: str, value: object) -> EntityId | None:
        if not value:
            return None
        try:
            data = loads(str(value))  # safe: deep nesting and huge numbers are refused
        except ValueError as error:
            raise FormatError(path, f"cannot read the entity feature ({error})", where) from None
        # A bare number or list (`entity="99"`) crashed with "'int' object is not subscriptable".
        if not isinstance(data, dict) or not {"kind", "name"} <= data.keys():
            raise FormatError(
                path,
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
            raise FormatError(path, f"cannot read the entity feature ({error})", where) from None
        return self.entities[key].id


def _found(data: bytes, error: Exception) -> str:
    """What a file that cassis could not read holds instead of a CAS, in a few words."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    tag = etree.QName(root).localname
    if tag != "XMI":
        return f"its root element is <{tag}>, not <xmi:XMI>"
    detail = str(error) or "no detail"
    return f"cassis says {type(error).__name__}: {detail}"
