"""The `csv` format: four tables for spreadsheets and data analysis; export only.

`write` makes a folder (or, when `out` ends in `.zip`, a zip) holding `spans.csv`,
`links.csv`, `entities.csv` and `documents.csv`. CSV is for analysis, not exchange: it has no
`read`; to move annotations between workstations use `json` (complete) or `jsonl`.

Files are UTF-8 with a byte-order mark, so spreadsheet programs show the Arabic, and rows end
in CRLF as `csv.writer` makes them. Ids are canonical, renumbered 1..n in the stable order
`hamish_json.to_data` uses, so equal annotations give equal bytes. Offsets are code points.
Attributes and aliases are JSON. A claim's `speaker_span_ids` lists, space-separated, the spans
it is ATTRIBUTED_TO.

To neutralise formula injection, a text cell starting with `=`, `+`, `-`, `@`, a tab or a
carriage return gets a leading apostrophe, as OWASP advises
(https://owasp.org/www-community/attacks/CSV_Injection); to recover the value, drop that
apostrophe. Numbers are written as numbers and never prefixed (a negative one would be).
"""

from __future__ import annotations

import csv
import json
import shutil
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path, PurePosixPath
from typing import IO, Any

from annotation.exchange.bundle import Corpus, ExportOptions
from annotation.exchange.canonical import NumberedDocument, Numbering, numbered
from annotation.exchange.output import atomic_binary, atomic_folder, spill

ATTRIBUTED_TO = "ATTRIBUTED_TO"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_CHARACTERS = frozenset(_FORMULA_START)
# A fixed timestamp for the zip's entries, so the zip's bytes depend only on its content.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)

SPANS_HEADER = (
    "document_id",
    "document_title",
    "annotator",
    "span_id",
    "label",
    "start",
    "end",
    "text",
    "speaker_span_ids",
    "entity_id",
    "entity_name",
    "attributes",
)
LINKS_HEADER = (
    "link_id",
    "kind",
    "source_span_id",
    "target_span_id",
    "document_id",
    "annotator",
)
ENTITIES_HEADER = ("entity_id", "kind", "name", "aliases", "attributes")
DOCUMENTS_HEADER = (
    "document_id",
    "external_id",
    "title",
    "source",
    "url",
    "date",
    "characters",
    "text_sha256",
)

TABLES = {
    "spans.csv": SPANS_HEADER,
    "links.csv": LINKS_HEADER,
    "entities.csv": ENTITIES_HEADER,
    "documents.csv": DOCUMENTS_HEADER,
}

Cell = str | int | None
Row = tuple[Cell, ...]


def neutralise(cell: Cell) -> Cell:
    """A cell a spreadsheet will not run as a formula (text only; numbers stay numbers)."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


def as_json(value: Any) -> str:
    """Attributes or aliases as one JSON cell, keys sorted so the bytes are deterministic."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def write(corpus: Corpus, out: Path, options: ExportOptions | None = None) -> None:
    """Write the four tables into the folder `out`, or into a zip when `out` ends in .zip,
    a document at a time. Each table is complete or absent: they are written to temporary
    files and moved into place (or zipped) only when the whole export has succeeded."""
    zipped = out.suffix.lower() == ".zip"
    out.parent.mkdir(parents=True, exist_ok=True)
    numbering, documents = numbered(corpus)
    with ExitStack() as stack:
        if zipped:
            streams = {name: stack.enter_context(spill(out.parent, "utf-8", "")) for name in TABLES}
        else:
            # The four tables appear together, replacing an earlier export's, or not at all.
            folder = stack.enter_context(atomic_folder(out, is_export_file))
            streams = {
                name: stack.enter_context((folder / name).open("x", encoding="utf-8", newline=""))
                for name in TABLES
            }
        writers = {name: csv.writer(streams[name]) for name in TABLES}
        for name, header in TABLES.items():
            # The byte-order mark written by hand: Python's utf-8-sig codec encodes in
            # Python code, which made it a fifth of the export's time.
            streams[name].write("\ufeff")
            writers[name].writerow(header)
        writers["entities.csv"].writerows(_entity_rows(numbering))
        safe = _SafeCells()
        for n in documents:
            writers["spans.csv"].writerows(_span_rows(n, numbering, safe))
            writers["links.csv"].writerows(_link_rows(n))
            writers["documents.csv"].writerow(_document_row(n))
        if zipped:
            with atomic_binary(out) as raw, zipfile.ZipFile(raw, "w") as archive:
                for name in TABLES:
                    _zip_member(archive, name, streams[name])


def is_export_file(path: PurePosixPath) -> bool:
    """Whether a file at `path` inside a folder is one a CSV export writes."""
    return len(path.parts) == 1 and path.name in TABLES


def _zip_member(archive: zipfile.ZipFile, name: str, table: IO[str]) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    table.flush()
    buffer = table.buffer  # type: ignore[attr-defined]
    buffer.seek(0)
    with archive.open(info, "w") as member:
        shutil.copyfileobj(buffer, member)


def _safe(cell: str | None) -> str | None:
    # neutralise() for a cell known to be text or None, without the isinstance test.
    return "'" + cell if cell and cell[0] in _FORMULA_CHARACTERS else cell


class _SafeCells(dict[str | None, str | None]):
    """Neutralised values remembered during one export: annotators, labels and entity
    names repeat on every row."""

    def __missing__(self, cell: str | None) -> str | None:
        self[cell] = safe = _safe(cell)
        return safe


def _span_rows(n: NumberedDocument, numbering: Numbering, safe: _SafeCells) -> list[Row]:
    # The hottest loop of a large export: one list comprehension, lookups bound to locals.
    # A document's spans are numbered in their order, so a span's id is `first` + its index.
    speakers: dict[int, str] = {}
    for _, link in n.links:
        if link.kind == ATTRIBUTED_TO:
            claim = n.span_ids[link.source_id]
            speakers[claim] = f"{speakers[claim]} " if claim in speakers else ""
            speakers[claim] += str(n.span_ids[link.target_id])
    for claim, ids in speakers.items():  # in numeric order, as the ids were written before
        speakers[claim] = " ".join(sorted(ids.split(), key=int))
    title, number = _safe(n.document.title), n.number
    first = n.span_ids[n.spans[0].id] if n.spans else 0
    names, entity_ids, formula = numbering.entity_names, numbering.entity_ids, _FORMULA_CHARACTERS
    no_entity = (None, None)
    return [
        (
            number,
            title,
            safe[s.annotator],
            span_id,
            safe[s.label],
            s.start,
            s.end,
            "'" + s.text if s.text[0] in formula else s.text,
            speakers.get(span_id, ""),
            *(
                (entity_ids.get(s.entity_id), safe[names.get(s.entity_id)])
                if s.entity_id is not None
                else no_entity
            ),
            as_json(s.attributes) if s.attributes else "{}",
        )
        for span_id, s in enumerate(n.spans, start=first)
    ]


def _link_rows(n: NumberedDocument) -> Iterator[Row]:
    if not n.links:
        return
    annotators = {s.id: _safe(s.annotator) for s in n.spans}
    for number, link in n.links:
        yield (
            number,
            _safe(link.kind),
            n.span_ids[link.source_id],
            n.span_ids[link.target_id],
            n.number,
            annotators[link.source_id],
        )


def _entity_rows(numbering: Numbering) -> Iterator[Row]:
    for entity in numbering.entities:
        yield (
            numbering.entity_ids[entity.id],
            entity.kind.value,
            _safe(entity.name),
            as_json(list(entity.aliases)),
            as_json(entity.attributes),
        )


def _document_row(n: NumberedDocument) -> Row:
    d = n.document
    return (
        n.number,
        _safe(d.external_id),
        _safe(d.title),
        _safe(d.source),
        _safe(d.url),
        _safe(d.date),
        len(d.text),
        d.text_sha256,
    )
