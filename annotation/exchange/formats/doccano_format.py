"""The `doccano` format: doccano's relation JSONL, one line per document and annotator.

Each line is {"id": the document's canonical id, "text", "entities": [{"id", "label",
"start_offset", "end_offset"}], "relations": [{"id", "from_id", "to_id", "type"}], "annotator",
"text_sha256", "offset_unit"}, the form a doccano sequence-labelling project with relations
imports (its "JSONL (relation)" option); doccano keeps the extra keys as the example's
metadata. Entity ids are canonical span ids and relation ids canonical link ids (as
`hamish_json.to_data` numbers them); a relation goes from the claim to its speaker. A document
nobody annotated is one line with "annotator": null. Offsets count code points, as doccano does
by default, or UTF-16 units with `ExportOptions.utf16` (reported for some doccano versions,
doccano#2290); "offset_unit" says which ("code_points" or "utf16"). UTF-8 without a
byte-order mark, `\\n` line ends.

Overlapping spans: doccano silently drops a span that overlaps another unless the project
allows overlapping entities (Settings, "Allow overlapping spans"), and Hamish nests them on
purpose, a SPEAKER inside a CLAIM; create the project with that option on before importing,
or the inner spans are lost on doccano's side without a word. doccano imports a line per
annotator as separate examples: to keep one annotator's layer, import their lines alone.

Not carried: attributes, entities (what a span refers to), statuses, titles, origins and
timestamps (`json` keeps everything).

Reading takes such files and doccano's own exports: the relation JSONL above and the simpler
sequence JSONL {"text", "label": [[start, end, "LABEL"], ...]}. The annotator is the line's
"annotator", else the file's stem (doccano exports a `USER.jsonl` per user). Offsets are code
points unless "offset_unit" is "utf16"; doccano keeps no covered text, so they are checked to
lie inside the text and, in UTF-16, off surrogate pairs. A text with CRLF line ends or a BOM is
stored with `\\n` and no BOM, as article import does, its offsets moved to match. Errors name
the file, the line and the entity; reading is all or nothing like every import.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from annotation.cleanup import clean_with_offsets
from annotation.exchange.bundle import Bundle, Corpus, ExportOptions, FormatError, read_files
from annotation.exchange.canonical import Canonical
from annotation.exchange.output import atomic_text
from annotation.exchange.records import json_line, json_lines, naming, typed
from annotation.model import (
    Document,
    DocumentId,
    Link,
    LinkId,
    Origin,
    Span,
    SpanId,
    text_sha256,
)
from annotation.offsets import OffsetError, Utf16Index

CODE_POINTS, UTF16 = "code_points", "utf16"


def write(corpus: Corpus, out: Path, options: ExportOptions | None = None) -> None:
    """Write the corpus as doccano relation JSONL, one line per document and annotator."""
    utf16 = bool(options and options.utf16)
    c = Canonical.of(corpus.whole())
    spans: dict[DocumentId | None, list[Span]] = {}
    for span in c.spans:
        spans.setdefault(span.document_id, []).append(span)
    links = list(enumerate(c.links, start=1))
    # Written beside `out` and moved into place whole; lines end in \n on every platform.
    with atomic_text(out) as stream:
        for document in c.documents:
            index = Utf16Index(document.text)

            def offset(position: int, index: Utf16Index = index) -> int:
                return index.to_utf16(position) if utf16 else position

            mine = spans.get(document.id, [])
            annotators: list[str | None] = [*sorted({s.annotator for s in mine})] or [None]
            for annotator in annotators:
                layer = [s for s in mine if s.annotator == annotator]
                layer_ids = {s.id for s in layer}
                line = {
                    "id": c.document_ids[document.id],
                    "text": document.text,
                    "entities": [
                        {
                            "id": c.span_ids[s.id],
                            "label": s.label,
                            "start_offset": offset(s.start),
                            "end_offset": offset(s.end),
                        }
                        for s in layer
                    ],
                    "relations": [
                        {
                            "id": number,
                            "from_id": c.span_ids[link.source_id],
                            "to_id": c.span_ids[link.target_id],
                            "type": link.kind,
                        }
                        for number, link in links
                        if link.source_id in layer_ids
                    ],
                    "annotator": annotator,
                    "text_sha256": document.text_sha256,
                    "offset_unit": UTF16 if utf16 else CODE_POINTS,
                }
                stream.write(json.dumps(line, ensure_ascii=False) + "\n")


def read(paths: Sequence[Path]) -> Bundle:
    """Read one or more doccano JSONL files (relation or sequence) into one bundle."""
    return read_files(paths, lambda path, offset: _FileReader(path, offset).read())


class _FileReader:
    """One file, line by line; every error names the line (and the entity)."""

    def __init__(self, path: Path, offset: int) -> None:
        self.path, self.offset = path, offset
        self.documents: dict[str, Document] = {}
        self.spans: list[Span] = []
        self.links: dict[tuple[str, SpanId, SpanId], Link] = {}

    def read(self) -> Bundle:
        for line, where in json_lines(self.path):
            self._line(line, where)
        return Bundle(tuple(self.documents.values()), tuple(self.spans), tuple(self.links.values()))

    def _line(self, line: str, where: str) -> None:
        record = json_line(self.path, line, where)
        with naming(self.path, where):
            self._record(record, where)

    def _record(self, record: Any, where: str) -> None:
        if not isinstance(record, dict):
            raise TypeError("a line must hold one JSON object")
        raw = typed(record, "text", str)
        if "text_sha256" in record and record["text_sha256"] != text_sha256(raw):
            raise FormatError(self.path, "the document's SHA-256 does not match its text", where)
        unit = typed(record, "offset_unit", str, CODE_POINTS)
        if unit not in (CODE_POINTS, UTF16):
            raise ValueError(f"offset_unit must be {CODE_POINTS!r} or {UTF16!r}, not {unit!r}")
        annotator = record.get("annotator")
        if annotator is None:
            annotator = self.path.stem
        elif not isinstance(annotator, str) or not annotator:
            raise TypeError(f"'annotator' must be a name or null, not {annotator!r}")
        text, position, notes = clean_with_offsets(raw)
        document = self.documents.get(text_sha256(text))
        if document is None:
            document = Document(
                id=DocumentId(self.offset + len(self.documents) + 1),
                text=text,
                text_sha256=text_sha256(text),
                import_notes=notes,
            )
            self.documents[document.text_sha256] = document
        index = Utf16Index(raw) if unit == UTF16 else None
        if "entities" in record:
            entities = [
                (
                    typed(e, "id", int),
                    typed(e, "label", str),
                    typed(e, "start_offset", int),
                    typed(e, "end_offset", int),
                )
                for e in (_object(item, "an entity") for item in typed(record, "entities", list))
            ]
        else:
            entities = [
                (number, *_triple(item))
                for number, item in enumerate(typed(record, "label", list, []), start=1)
            ]
        ids: dict[int, SpanId] = {}
        for number, label, start, end in entities:
            here = f"{where}, entity {number}"
            if number in ids:
                raise FormatError(self.path, "two entities have this id", here)
            first, last = self._offsets(raw, index, start, end, here)
            first, last = position(first), position(last)
            assert document.id is not None
            ids[number] = SpanId(self.offset + len(self.spans) + 1)
            self.spans.append(
                Span(
                    document_id=document.id,
                    annotator=annotator,
                    label=label,
                    start=first,
                    end=last,
                    text=text[first:last],
                    origin=Origin.IMPORTED,
                    id=ids[number],
                )
            )
        for item in typed(record, "relations", list, []):
            relation = _object(item, "a relation")
            ends = [ids.get(typed(relation, key, int)) for key in ("from_id", "to_id")]
            source, target = ends
            if source is None or target is None:
                raise FormatError(
                    self.path,
                    f"relation {relation.get('id')} names an entity that is not on this line",
                    where,
                )
            kind = typed(relation, "type", str)
            number = LinkId(self.offset + len(self.links) + 1)
            # The same relation twice is one link.
            self.links.setdefault((kind, source, target), Link(kind, source, target, number))

    def _offsets(
        self, raw: str, index: Utf16Index | None, start: int, end: int, where: str
    ) -> tuple[int, int]:
        """Code-point offsets into `raw`, checked to fit it."""
        try:
            if index is not None:
                start, end = index.from_utf16(start), index.from_utf16(end)
            if not 0 <= start < end <= len(raw):
                raise OffsetError(
                    f"offsets {start}-{end} do not fit a text of {len(raw)} characters"
                )
        except OffsetError as error:
            raise FormatError(self.path, str(error), where) from None
        return start, end


def _object(item: Any, what: str) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise TypeError(f"{what} must be a JSON object")
    return item


def _triple(item: Any) -> tuple[str, int, int]:
    """A sequence-JSONL span [start, end, "LABEL"] as (label, start, end)."""
    if (
        not isinstance(item, list)
        or len(item) != 3
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in item[:2])
        or not isinstance(item[2], str)
    ):
        raise TypeError(f"a span must be [start, end, label], not {item!r}")
    return item[2], item[0], item[1]
