"""What `check` reports: a Problem, its kind, and where it is (db/maintenance.py runs the
checks; db/schema_check.py and db/value_check.py hold the two largest)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from annotation.model import DocumentId, LinkId, SpanId


class Executes(Protocol):
    """What a check reads through: sqlite3's connection, or db/postgres/database.py's
    Database on PostgreSQL (which takes the same `?` placeholders)."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Any:
        """Run one statement; the result iterates over rows and has fetchone()."""
        ...


class ProblemKind(StrEnum):
    """What sort of thing is wrong."""

    INTEGRITY = "integrity"  # SQLite's own integrity_check
    SCHEMA = (
        "schema"  # a table, index or trigger is missing, extra, or not as the migrations make it
    )
    UNREADABLE = "unreadable"  # a check could not read the database at all
    TEXT_HASH = "text_hash"  # a document's SHA-256 is not that of its text
    CHARACTERS = "characters"  # a document's stored length is not its text's
    OFFSETS = "offsets"  # a span's offsets do not fit its text, or cover other text
    SPLIT_LETTER = "split_letter"  # a span starts or ends between a letter and its marks
    LINK_LAYERS = "link_layers"  # a link joins spans of two documents or two layers
    MISSING_DOCUMENT = "missing_document"  # a span or status of a document that is gone
    MISSING_SPAN = "missing_span"  # a link from or to a span that is gone
    MISSING_ENTITY = "missing_entity"  # a span refers to an entity that is gone
    MISSING_ANNOTATOR = "missing_annotator"  # a span or status of an annotator that is gone
    FOREIGN_KEY = "foreign_key"  # any other reference to a missing row
    VALUE = "value"  # a value the app cannot read: bad JSON or timestamp, unknown kind or status
    SEARCH_INDEX = "search_index"  # the search index lacks a document, or holds one that is gone


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a database, and where: the document, span or link, else the table row
    (and the column, when one value is wrong)."""

    kind: ProblemKind
    message: str
    document_id: DocumentId | None = None
    span_id: SpanId | None = None
    link_id: LinkId | None = None
    table: str | None = None
    row_id: int | None = None
    column: str | None = None

    @property
    def where(self) -> str:
        """`document 3, span 12`, `link 7`, `document_status row 4`, or `database`."""
        parts = [
            f"{name} {value}"
            for name, value in (
                ("document", self.document_id),
                ("span", self.span_id),
                ("link", self.link_id),
            )
            if value is not None
        ]
        if not parts and self.table is not None:
            parts.append(f"{self.table} row {self.row_id}" if self.row_id else self.table)
        return ", ".join(parts) or "database"

    def __str__(self) -> str:
        return f"{self.where}: {self.message} [{self.kind}]"

    def as_dict(self) -> dict[str, Any]:
        """The problem as JSON-ready values (absent places left out)."""
        data: dict[str, Any] = {"kind": self.kind.value, "message": self.message}
        for name in ("document_id", "span_id", "link_id", "table", "row_id", "column"):
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        return data
