"""The `json` format: Hamish's own, complete and versioned; importing it restores everything.

{"format": "hamish", "version": 1, "documents": [...], "annotators": [...], "entities": [...],
 "spans": [...], "links": [...], "statuses": [...]}, described by
assets/schemas/hamish-export.schema.json. Offsets are code points; each span also carries its
UTF-16 offsets (`start_utf16`, `end_utf16`) for tools that count those, and its covered text.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from annotation.exchange.bundle import Bundle, Corpus, ExportOptions, FormatError, read_files
from annotation.exchange.canonical import NumberedDocument, Numbering, numbered
from annotation.exchange.output import JsonArray, atomic_text, member, spill
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
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise FormatError(path, f"cannot read the file ({error})") from None
    except json.JSONDecodeError as error:
        raise FormatError(path, f"malformed JSON ({error.msg})", f"line {error.lineno}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise FormatError(path, 'not a Hamish export ("format": "hamish" is missing)')
    if data.get("version") != VERSION:
        raise FormatError(
            path, f"version {data.get('version')!r} is not one this Hamish reads ({VERSION})"
        )
    try:
        documents = tuple(
            Document(
                id=DocumentId(offset + d["id"]),
                text=d["text"],
                text_sha256=d["text_sha256"],
                title=d.get("title") or "",
                external_id=d.get("external_id"),
                source=d.get("source"),
                url=d.get("url"),
                date=d.get("date"),
                import_notes=d.get("import_notes") or {},
            )
            for d in data["documents"]
        )
        entities = tuple(
            Entity(
                EntityKind(e["kind"]),
                e["name"],
                tuple(e.get("aliases", [])),
                e.get("attributes", {}),
                EntityId(offset + e["id"]),
            )
            for e in data.get("entities", [])
        )
        indexes = {d["id"]: Utf16Index(d["text"]) for d in data["documents"]}
        spans = tuple(_span(s, offset, indexes) for s in data.get("spans", []))
        links = tuple(
            Link(
                link["kind"],
                SpanId(offset + link["source_id"]),
                SpanId(offset + link["target_id"]),
                LinkId(offset + link["id"]),
            )
            for link in data.get("links", [])
        )
        statuses = tuple(
            DocumentStatus(
                DocumentId(offset + s["document_id"]), s["annotator"], Status(s["status"])
            )
            for s in data.get("statuses", [])
        )
    except (KeyError, TypeError, ValueError) as error:
        raise FormatError(
            path, f"a record is incomplete or wrong ({type(error).__name__}: {error})"
        ) from None
    return Bundle(documents, spans, links, entities, statuses)


def _span(s: dict[str, Any], offset: int, indexes: dict[int, Utf16Index]) -> Span:
    index = indexes.get(s["document_id"])
    if index is not None and "start_utf16" in s:
        # The two offset counts must agree: a UTF-16 offset inside a surrogate pair, or one
        # edited without the other, is refused rather than guessed at.
        for key in ("start", "end"):
            if not 0 <= s[key] <= index.utf16_length:
                raise ValueError(f"span {s['id']}: {key} {s[key]} is outside the text")
            if index.to_utf16(s[key]) != s[f"{key}_utf16"]:
                raise ValueError(
                    f"span {s['id']}: {key} {s[key]} is UTF-16 {index.to_utf16(s[key])}, not {s[f'{key}_utf16']}"
                )
    return Span(
        document_id=DocumentId(offset + s["document_id"]),
        annotator=s["annotator"],
        label=s["label"],
        start=s["start"],
        end=s["end"],
        text=s["text"],
        attributes=s.get("attributes") or {},
        entity_id=EntityId(offset + s["entity_id"]) if s.get("entity_id") is not None else None,
        origin=Origin(s.get("origin", "imported")),
        id=SpanId(offset + s["id"]),
        created_at=datetime.fromisoformat(s["created_at"]) if s.get("created_at") else None,
        updated_at=datetime.fromisoformat(s["updated_at"]) if s.get("updated_at") else None,
    )
