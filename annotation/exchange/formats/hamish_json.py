"""The `json` format: Hamish's own, complete and versioned; importing it restores everything.

{"format": "hamish", "version": 1, "documents": [...], "annotators": [...], "entities": [...],
 "spans": [...], "links": [...], "statuses": [...]}, described by
assets/schemas/hamish-export.schema.json. Offsets are code points; each span also carries its
UTF-16 offsets (`start_utf16`, `end_utf16`) for tools that count those, and its covered text.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from annotation.exchange.bundle import Bundle, Corpus, ExportOptions, FormatError, read_files
from annotation.exchange.canonical import NumberedDocument, Numbering, numbered
from annotation.exchange.output import JsonArray, atomic_text, member, spill
from annotation.exchange.records import an_object, items, json_file, naming, typed
from annotation.model import (
    Document,
    DocumentId,
    DocumentStatus,
    Entity,
    EntityId,
    EntityKind,
    Link,
    LinkId,
    Origin,
    Span,
    SpanId,
    Status,
)
from annotation.offsets import Utf16Index

FORMAT, VERSION = "hamish", 1


def to_data(bundle: Bundle) -> dict[str, Any]:
    """The bundle as JSON-ready data in canonical form (ids renumbered 1, 2, 3 ... in a stable
    order, see canonical.py), exactly what `write` streams: equal annotations give equal
    bytes, whatever ids a database gave them."""
    numbering, documents = numbered(bundle)
    data: dict[str, list[Any]] = {"documents": [], "spans": [], "links": [], "statuses": []}
    for n in documents:
        for key, records in _records(n, numbering):
            data[key].extend(records)
    return {
        "format": FORMAT,
        "version": VERSION,
        "documents": data["documents"],
        "annotators": bundle.annotators(),
        "entities": [_entity(e, numbering) for e in numbering.entities],
        "spans": data["spans"],
        "links": data["links"],
        "statuses": data["statuses"],
    }


def write(corpus: Corpus, out: Path, options: ExportOptions | None = None) -> None:
    """Write the corpus as one JSON file, a document at a time: spans, links and statuses
    wait in temporary files until the documents are out, so memory stays bounded."""
    numbering, documents = numbered(corpus)
    with (
        atomic_text(out) as stream,
        spill(out.parent) as spans,
        spill(out.parent) as links,
        spill(out.parent) as statuses,
    ):
        stream.write("{\n" + member("format", FORMAT) + ",\n" + member("version", VERSION))
        stream.write(',\n "documents": [')
        arrays = {
            "documents": JsonArray(stream),
            "spans": JsonArray(spans),
            "links": JsonArray(links),
            "statuses": JsonArray(statuses),
        }
        for n in documents:
            for key, records in _records(n, numbering):
                arrays[key].extend(records)
        stream.write(arrays["documents"].close() + ",\n")
        stream.write(member("annotators", corpus.annotators()) + ",\n")
        entities = [_entity(e, numbering) for e in numbering.entities]
        stream.write(member("entities", entities))
        for key, section in (("spans", spans), ("links", links), ("statuses", statuses)):
            stream.write(f',\n "{key}": [')
            section.seek(0)
            shutil.copyfileobj(section, stream)
            stream.write(arrays[key].close())
        stream.write("\n}\n")


def _records(
    n: NumberedDocument, numbering: Numbering
) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """One document's records for each of the file's per-document arrays."""
    d, index = n.document, Utf16Index(n.document.text)
    yield (
        "documents",
        [
            {
                "id": n.number,
                "external_id": d.external_id,
                "title": d.title,
                "source": d.source,
                "url": d.url,
                "date": d.date,
                "text": d.text,
                "text_sha256": d.text_sha256,
                "import_notes": d.import_notes,
            }
        ],
    )
    yield (
        "spans",
        [
            {
                "id": n.span_ids[s.id],
                "document_id": n.number,
                "annotator": s.annotator,
                "label": s.label,
                "start": s.start,
                "end": s.end,
                "start_utf16": index.to_utf16(s.start),
                "end_utf16": index.to_utf16(s.end),
                "text": s.text,
                "attributes": s.attributes,
                "entity_id": numbering.entity_id(s),
                "origin": s.origin.value,
                "created_at": s.created_at.isoformat() if s.created_at else None,
                "updated_at": s.updated_at.isoformat() if s.updated_at else None,
            }
            for s in n.spans
        ],
    )
    yield (
        "links",
        [
            {
                "id": number,
                "kind": link.kind,
                "source_id": n.span_ids[link.source_id],
                "target_id": n.span_ids[link.target_id],
            }
            for number, link in n.links
        ],
    )
    yield (
        "statuses",
        [
            {"document_id": n.number, "annotator": s.annotator, "status": s.status.value}
            for s in n.statuses
        ],
    )


def _entity(e: Entity, numbering: Numbering) -> dict[str, Any]:
    return {
        "id": numbering.entity_ids[e.id],
        "kind": e.kind.value,
        "name": e.name,
        "aliases": list(e.aliases),
        "attributes": e.attributes,
    }


def read(paths: Sequence[Path]) -> Bundle:
    """Read one or more Hamish JSON exports into one bundle (ids kept apart per file)."""
    return read_files(paths, _read_one)


def _read_one(path: Path, offset: int) -> Bundle:
    data = json_file(path)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise FormatError(path, 'not a Hamish export ("format": "hamish" is missing)')
    if data.get("version") != VERSION:
        raise FormatError(
            path, f"version {data.get('version')!r} is not one this Hamish reads ({VERSION})"
        )
    with naming(path, "the file"):
        sections = {key: items(data, key) for key in _SECTIONS}
    documents, entities, spans, links, statuses = [], [], [], [], []
    for where, d in _each(path, "documents", sections["documents"]):
        with naming(path, where):
            documents.append(_document(an_object(d, where), offset))
    known = {d.id for d in documents}
    for where, e in _each(path, "entities", sections["entities"]):
        with naming(path, where):
            entities.append(_entity_of(an_object(e, where), offset))
    entity_ids = {e.id for e in entities}
    indexes = {d.id: Utf16Index(d.text) for d in documents}
    for where, s in _each(path, "spans", sections["spans"]):
        with naming(path, where):
            span = _span(an_object(s, where), offset, indexes)
            if span.document_id not in known:
                raise ValueError(f"document_id {s['document_id']} is not in the file")
            if span.entity_id is not None and span.entity_id not in entity_ids:
                raise ValueError(f"entity_id {s['entity_id']} is not in the file")
            spans.append(span)
    span_ids = {span.id for span in spans}
    for where, k in _each(path, "links", sections["links"]):
        with naming(path, where):
            link = an_object(k, where)
            made = Link(
                typed(link, "kind", str),
                SpanId(offset + typed(link, "source_id", int)),
                SpanId(offset + typed(link, "target_id", int)),
                LinkId(offset + typed(link, "id", int)),
            )
            for end in ("source_id", "target_id"):
                if SpanId(offset + link[end]) not in span_ids:
                    raise ValueError(f"{end} {link[end]} is not in the file")
            links.append(made)
    for where, t in _each(path, "statuses", sections["statuses"]):
        with naming(path, where):
            status = an_object(t, where)
            document_id = DocumentId(offset + typed(status, "document_id", int))
            if document_id not in known:
                raise ValueError(f"document_id {status['document_id']} is not in the file")
            statuses.append(
                DocumentStatus(
                    document_id, _name(status, "annotator"), Status(typed(status, "status", str))
                )
            )
    return Bundle(tuple(documents), tuple(spans), tuple(links), tuple(entities), tuple(statuses))


_SECTIONS = ("documents", "entities", "spans", "links", "statuses")


def _each(path: Path, key: str, found: list[Any]) -> Iterator[tuple[str, Any]]:
    """The records of one array, each with its name for errors (`spans[12]`, numbered from
    0 as in the JSON)."""
    for number, record in enumerate(found):
        yield f"{key}[{number}]", record


def _document(d: dict[str, Any], offset: int) -> Document:
    return Document(
        id=DocumentId(offset + typed(d, "id", int)),
        text=typed(d, "text", str),
        text_sha256=typed(d, "text_sha256", str),
        title=_optional(d, "title") or "",
        external_id=_optional(d, "external_id"),
        source=_optional(d, "source"),
        url=_optional(d, "url"),
        date=_optional(d, "date"),
        import_notes=typed(d, "import_notes", dict, None) or {},
    )


def _entity_of(e: dict[str, Any], offset: int) -> Entity:
    aliases = items(e, "aliases")
    if not all(isinstance(alias, str) for alias in aliases):
        raise TypeError("'aliases' must be a list of names")
    return Entity(
        EntityKind(typed(e, "kind", str)),
        typed(e, "name", str),
        tuple(aliases),
        typed(e, "attributes", dict, None) or {},
        EntityId(offset + typed(e, "id", int)),
    )


def _optional(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{key!r} must be a string or null, not {type(value).__name__}")
    return value


def _name(record: dict[str, Any], key: str) -> str:
    value: str = typed(record, key, str)
    if not value.strip():
        raise ValueError(f"{key!r} must not be empty")
    return value


def _span(s: dict[str, Any], offset: int, indexes: dict[DocumentId | None, Utf16Index]) -> Span:
    number, document = typed(s, "id", int), DocumentId(offset + typed(s, "document_id", int))
    start, end = typed(s, "start", int), typed(s, "end", int)
    index = indexes.get(document)
    if index is not None and "start_utf16" in s:
        # The two offset counts must agree: a UTF-16 offset inside a surrogate pair, or one
        # edited without the other, is refused rather than guessed at.
        for key, value in (("start", start), ("end", end)):
            if not 0 <= value <= index.utf16_length:
                raise ValueError(f"span {number}: {key} {value} is outside the text")
            if index.to_utf16(value) != s[f"{key}_utf16"]:
                raise ValueError(
                    f"span {number}: {key} {value} is UTF-16 {index.to_utf16(value)}, not {s[f'{key}_utf16']}"
                )
    entity = s.get("entity_id")
    if entity is not None:
        entity = typed(s, "entity_id", int)
    return Span(
        document_id=document,
        annotator=_name(s, "annotator"),
        label=_name(s, "label"),
        start=start,
        end=end,
        text=typed(s, "text", str),
        attributes=typed(s, "attributes", dict, None) or {},
        entity_id=EntityId(offset + entity) if entity is not None else None,
        origin=Origin(typed(s, "origin", str, "imported")),
        id=SpanId(offset + number),
        created_at=_time(s, "created_at"),
        updated_at=_time(s, "updated_at"),
    )


def _time(s: dict[str, Any], key: str) -> datetime | None:
    value = _optional(s, key)
    return datetime.fromisoformat(value) if value else None
