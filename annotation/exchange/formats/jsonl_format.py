"""The `jsonl` format: one document a line, with its spans and links, for pipelines and scripts.

Each line is {"id", "external_id", "title", "text", "text_sha256", "spans": [{"id", "annotator",
"label", "start", "end", "start_utf16", "end_utf16", "text", "attributes", "entity"}],
"links": [{"kind", "source", "target"}]}, where `entity` is {"id", "name", "kind"} or null and
links name span ids. Ids are canonical (renumbered 1..n as `hamish_json.to_data` does); offsets
are code points, with UTF-16 ones beside them. UTF-8 without a byte-order mark, `\\n` line ends.
Statuses, origins, timestamps and entity aliases are not carried: `json` keeps everything.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from annotation.exchange.bundle import Bundle, Corpus, ExportOptions, FormatError, read_files
from annotation.exchange.canonical import Numbering, numbered
from annotation.exchange.output import atomic_text
from annotation.exchange.records import json_line, json_lines, naming, typed
from annotation.model import (
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
from annotation.offsets import Utf16Index


def write(corpus: Corpus, out: Path, options: ExportOptions | None = None) -> None:
    """Write the corpus as JSON Lines, one document a line, as the documents are read."""
    numbering, documents = numbered(corpus)
    entities = {e.id: e for e in numbering.entities}
    with atomic_text(out) as stream:
        for n in documents:
            document, index = n.document, Utf16Index(n.document.text)
            line = {
                "id": n.number,
                "external_id": document.external_id,
                "title": document.title,
                "text": document.text,
                "text_sha256": document.text_sha256,
                "spans": [
                    {
                        "id": n.span_ids[s.id],
                        "annotator": s.annotator,
                        "label": s.label,
                        "start": s.start,
                        "end": s.end,
                        "start_utf16": index.to_utf16(s.start),
                        "end_utf16": index.to_utf16(s.end),
                        "text": s.text,
                        "attributes": dict(sorted(s.attributes.items())),
                        "entity": _entity(
                            numbering, entities.get(s.entity_id) if s.entity_id else None
                        ),
                    }
                    for s in n.spans
                ],
                "links": [
                    {
                        "kind": link.kind,
                        "source": n.span_ids[link.source_id],
                        "target": n.span_ids[link.target_id],
                    }
                    for _, link in n.links
                ],
            }
            stream.write(json.dumps(line, ensure_ascii=False) + "\n")


def _entity(numbering: Numbering, entity: Entity | None) -> dict[str, Any] | None:
    if entity is None:
        return None
    return {"id": numbering.entity_ids[entity.id], "name": entity.name, "kind": entity.kind.value}


def read(paths: Sequence[Path]) -> Bundle:
    """Read one or more JSONL exports into one bundle (ids kept apart per file); spans are
    checked against their text by `import_bundle`."""
    return read_files(paths, lambda path, offset: _FileReader(path, offset).read())


class _FileReader:
    """One file, line by line; every error names the line."""

    def __init__(self, path: Path, offset: int) -> None:
        self.path, self.offset = path, offset
        self.documents: list[Document] = []
        self.spans: list[Span] = []
        self.links: list[Link] = []
        self.entities: dict[EntityId, Entity] = {}
        self.span_ids: set[SpanId] = set()

    def read(self) -> Bundle:
        for line, where in json_lines(self.path):
            self._line(line, where)
        return Bundle(
            tuple(self.documents),
            tuple(self.spans),
            tuple(self.links),
            tuple(self.entities.values()),
        )

    def _line(self, line: str, where: str) -> None:
        record = json_line(self.path, line, where)
        with naming(self.path, where):
            self._record(record, where)

    def _record(self, record: Any, where: str) -> None:
        if not isinstance(record, dict):
            raise TypeError("a line must hold one JSON object")
        text = typed(record, "text", str)
        if typed(record, "text_sha256", str) != text_sha256(text):
            raise FormatError(self.path, "the document's SHA-256 does not match its text", where)
        document = Document(
            id=DocumentId(self.offset + typed(record, "id", int)),
            text=text,
            text_sha256=record["text_sha256"],
            title=_optional(record, "title") or "",
            external_id=_optional(record, "external_id"),
        )
        index = Utf16Index(text)
        here: set[SpanId] = set()
        for item in typed(record, "spans", list, []):
            span = self._span(item, document, index)
            assert span.id is not None
            if span.id in self.span_ids:
                raise ValueError(f"span {item['id']} appears twice")
            here.add(span.id)
            self.span_ids.add(span.id)
            self.spans.append(span)
        for item in typed(record, "links", list, []):
            source = SpanId(self.offset + typed(item, "source", int))
            target = SpanId(self.offset + typed(item, "target", int))
            if source not in here or target not in here:
                raise ValueError(f"link {item!r} names a span that is not on this line")
            number = LinkId(self.offset + len(self.links) + 1)
            self.links.append(Link(typed(item, "kind", str), source, target, number))
        self.documents.append(document)

    def _span(self, s: Any, document: Document, index: Utf16Index) -> Span:
        if not isinstance(s, dict):
            raise TypeError("a span must be a JSON object")
        number = typed(s, "id", int)
        start, end = typed(s, "start", int), typed(s, "end", int)
        # The two offset counts must agree, as in the `json` format: one edited without the
        # other is refused rather than guessed at.
        for key, value in (("start", start), ("end", end)):
            if f"{key}_utf16" in s:
                if not 0 <= value <= len(document.text):
                    raise ValueError(f"span {number}: {key} {value} is outside the text")
                if index.to_utf16(value) != s[f"{key}_utf16"]:
                    raise ValueError(
                        f"span {number}: {key} {value} is UTF-16 {index.to_utf16(value)}, not {s[f'{key}_utf16']}"
                    )
        attributes = typed(s, "attributes", dict, {})
        return Span(
            document_id=document.id,  # type: ignore[arg-type]
            annotator=typed(s, "annotator", str),
            label=typed(s, "label", str),
            start=start,
            end=end,
            text=typed(s, "text", str),
            attributes=attributes,
            entity_id=self._entity(s.get("entity")),
            origin=Origin.IMPORTED,
            id=SpanId(self.offset + number),
        )

    def _entity(self, e: Any) -> EntityId | None:
        if e is None:
            return None
        if not isinstance(e, dict):
            raise TypeError("an entity must be a JSON object or null")
        number = EntityId(self.offset + typed(e, "id", int))
        entity = Entity(EntityKind(typed(e, "kind", str)), typed(e, "name", str), id=number)
        known = self.entities.setdefault(number, entity)
        if (known.kind, known.name) != (entity.kind, entity.name):
            raise ValueError(f"entity {e['id']} is both {known.name!r} and {entity.name!r}")
        return number


def _optional(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{key!r} must be a string or null, not {type(value).__name__}")
    return value
