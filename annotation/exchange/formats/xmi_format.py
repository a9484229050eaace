"""The `xmi` format: UIMA CAS XMI for INCEpTION (and any UIMA tool), written with dkpro-cassis.

Layout: `OUT/TypeSystem.xml` next to one `OUT/doc-N.ANNOTATOR.xmi` per document and annotator
with spans there (N the document's canonical id, as in the json format); a document nobody
annotated is written as `OUT/doc-N.xmi`, its text alone. Types, as INCEpTION wants them
(docs/formats.md, "Getting XMI into INCEpTION"):
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

Reading is xmi_read's (Hamish's export, and INCEpTION's files and export ZIPs as they come):
the annotator travels in the file name, `doc-N.ANNOTATOR.xmi` (%XX as `output.file_name`
writes it). The export is built beside `OUT` and replaces it whole (an earlier export there, or
nothing).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from cassis import (  # type: ignore[import-untyped]
    Cas,
    TypeSystem,
)

from annotation.exchange.bundle import Corpus, ExportOptions, FormatError
from annotation.exchange.canonical import Canonical
from annotation.exchange.formats.brat_format import document_name
from annotation.exchange.output import (
    NOT_XML,
    atomic_folder,
    file_name,
    write_new,
)
from annotation.model import (
    Document,
    Entity,
    EntityId,
    Span,
    SpanId,
)

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
