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
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from annotation.exchange.bundle import Bundle, ExportOptions
from annotation.model import Document, DocumentId, Entity, EntityId, Link, Span, SpanId

ATTRIBUTED_TO = "ATTRIBUTED_TO"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
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

Cell = str | int | None
Row = tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class Canonical:
    """A bundle's items in canonical order with their canonical ids (1..n), exactly as
    `hamish_json.to_data` numbers them; shared by the line- and table-shaped formats."""

    documents: list[Document]
    spans: list[Span]
    entities: list[Entity]
    links: list[Link]
    document_ids: dict[DocumentId | None, int]
    span_ids: dict[SpanId | None, int]
    entity_ids: dict[EntityId | None, int]

    @classmethod
    def of(cls, bundle: Bundle) -> Canonical:
        """Order and number the bundle's items."""
        documents = list(bundle.documents)
        document_ids = {d.id: number for number, d in enumerate(documents, start=1)}
        spans = sorted(
            bundle.spans,
            key=lambda s: (document_ids[s.document_id], s.annotator, s.start, -s.end, s.label),
        )
        span_ids = {s.id: number for number, s in enumerate(spans, start=1)}
        entities = sorted(bundle.entities, key=lambda e: (e.kind.value, e.name))
        entity_ids = {e.id: number for number, e in enumerate(entities, start=1)}
        links = sorted(
            bundle.links,
            key=lambda link: (span_ids[link.source_id], span_ids[link.target_id], link.kind),
        )
        return cls(documents, spans, entities, links, document_ids, span_ids, entity_ids)

    def entity_id(self, span: Span) -> int | None:
        """The canonical id of the span's entity, None when it has none in the bundle."""
        return self.entity_ids.get(span.entity_id) if span.entity_id is not None else None


def neutralise(cell: Cell) -> Cell:
    """A cell a spreadsheet will not run as a formula (text only; numbers stay numbers)."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


def as_json(value: Any) -> str:
    """Attributes or aliases as one JSON cell, keys sorted so the bytes are deterministic."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def write(bundle: Bundle, out: Path, options: ExportOptions | None = None) -> None:
    """Write the four tables into the folder `out`, or into a zip when `out` ends in .zip."""
    canonical = Canonical.of(bundle)
    tables: list[tuple[str, tuple[str, ...], Callable[[Canonical], Iterable[Row]]]] = [
        ("spans.csv", SPANS_HEADER, _span_rows),
        ("links.csv", LINKS_HEADER, _link_rows),
        ("entities.csv", ENTITIES_HEADER, _entity_rows),
        ("documents.csv", DOCUMENTS_HEADER, _document_rows),
    ]
    if out.suffix.lower() == ".zip":
        with zipfile.ZipFile(out, "w") as archive:
            for name, header, rows in tables:
                with _zip_member(archive, name) as stream:
                    _write_table(stream, header, rows(canonical))
    else:
        out.mkdir(parents=True, exist_ok=True)
        for name, header, rows in tables:
            with (out / name).open("w", encoding="utf-8-sig", newline="") as stream:
                _write_table(stream, header, rows(canonical))


@contextmanager
def _zip_member(archive: zipfile.ZipFile, name: str) -> Iterator[IO[str]]:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    with (
        archive.open(info, "w") as raw,
        io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as stream,
    ):
        yield stream


def _write_table(stream: IO[str], header: tuple[str, ...], rows: Iterable[Row]) -> None:
    # Rows are written as they are made: only the canonical order is held in memory.
    writer = csv.writer(stream)
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])


def _span_rows(c: Canonical) -> Iterator[Row]:
    speakers: dict[int, list[int]] = {}
    for link in c.links:
        if link.kind == ATTRIBUTED_TO:
            speakers.setdefault(c.span_ids[link.source_id], []).append(c.span_ids[link.target_id])
    titles = {d.id: d.title for d in c.documents}
    entities = {e.id: e.name for e in c.entities}
    for span in c.spans:
        number = c.span_ids[span.id]
        yield (
            c.document_ids[span.document_id],
            titles[span.document_id],
            span.annotator,
            number,
            span.label,
            span.start,
            span.end,
            span.text,
            " ".join(str(target) for target in sorted(speakers.get(number, []))),
            c.entity_id(span),
            entities.get(span.entity_id) if span.entity_id is not None else None,
            as_json(span.attributes),
        )


def _link_rows(c: Canonical) -> Iterator[Row]:
    spans = {s.id: s for s in c.spans}
    for number, link in enumerate(c.links, start=1):
        source = spans[link.source_id]
        yield (
            number,
            link.kind,
            c.span_ids[link.source_id],
            c.span_ids[link.target_id],
            c.document_ids[source.document_id],
            source.annotator,
        )


def _entity_rows(c: Canonical) -> Iterator[Row]:
    for entity in c.entities:
        yield (
            c.entity_ids[entity.id],
            entity.kind.value,
            entity.name,
            as_json(list(entity.aliases)),
            as_json(entity.attributes),
        )


def _document_rows(c: Canonical) -> Iterator[Row]:
    for document in c.documents:
        yield (
            c.document_ids[document.id],
            document.external_id,
            document.title,
            document.source,
            document.url,
            document.date,
            len(document.text),
            document.text_sha256,
        )
