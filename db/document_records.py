"""Documents, annotators and how far each has got (part of each engine's store): the reads
and writes whose SQL both SQLite and PostgreSQL speak. Adding documents differs by engine
(each fills its own search index), so it stays in the stores."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from annotation.model import (
    Document,
    DocumentId,
    DocumentStatus,
    DocumentSummary,
    Statistics,
    Status,
    now,
)
from annotation.ports import NotFoundError
from db.document_index import title_key
from db.door import check_annotator
from db.rows import chunks, dump
from db.store_base import StoreBase

# The columns a new document fills, in the order document_row() gives them.
DOCUMENT_COLUMNS = (
    "external_id, title, title_key, source, url, date, text, text_sha256, characters,"
    " imported_from, import_notes, imported_at"
)


def document_row(document: Document, stamp: str) -> tuple[Any, ...]:
    """A new document's values for DOCUMENT_COLUMNS; `stamp` when it carries no import time."""
    d = document
    return (
        d.external_id,
        d.title,
        title_key(d.title),
        d.source,
        d.url,
        d.date,
        d.text,
        d.text_sha256,
        len(d.text),
        d.imported_from,
        dump(d.import_notes),
        (d.imported_at.isoformat() if d.imported_at else stamp),
    )


class DocumentRecords:
    """Documents without their writes, annotators and their statuses."""

    def known_hashes(self: StoreBase, hashes: Iterable[str]) -> set[str]:
        """Which of these text hashes already belong to a stored document."""
        wanted = list(hashes)
        found: set[str] = set()
        for chunk in chunks(wanted, 500):
            marks = ", ".join("?" * len(chunk))
            found.update(
                row[0]
                for row in self.db.execute(
                    f"SELECT text_sha256 FROM documents WHERE text_sha256 IN ({marks})", chunk
                )
            )
        return found

    def document_id_for_hash(self: StoreBase, text_sha256: str) -> DocumentId | None:
        """The document whose text has this SHA-256, if one is stored."""
        row = self.db.execute(
            "SELECT id FROM documents WHERE text_sha256 = ?", [text_sha256]
        ).fetchone()
        return DocumentId(row[0]) if row else None

    def document(self: StoreBase, document_id: DocumentId) -> Document:
        """One document with its text."""
        row = self._one("SELECT * FROM documents WHERE id = ?", [document_id], "document")
        return Document(
            id=DocumentId(row["id"]),
            text=row["text"],
            text_sha256=row["text_sha256"],
            title=row["title"],
            external_id=row["external_id"],
            source=row["source"],
            url=row["url"],
            date=row["date"],
            imported_from=row["imported_from"],
            import_notes=json.loads(row["import_notes"]),
            imported_at=datetime.fromisoformat(row["imported_at"]),
        )

    def document_count(self: StoreBase) -> int:
        """How many documents there are."""
        return int(self.db.execute("SELECT count(*) FROM documents").fetchone()[0])

    def document_summaries(self: StoreBase, annotator: str | None = None) -> list[DocumentSummary]:
        """Every document without its text, in import order."""
        statuses: dict[int, dict[str, Status]] = {}
        for document_id, name, status in self.db.execute(
            "SELECT s.document_id, a.name, s.status FROM document_status s"
            " JOIN annotators a ON a.id = s.annotator_id"
        ):
            statuses.setdefault(document_id, {})[name] = Status(status)
        layer = (
            ""
            if annotator is None
            else " AND annotator_id = (SELECT id FROM annotators WHERE name = ?)"
        )
        counts = dict(
            self.db.execute(
                f"SELECT document_id, count(*) FROM spans WHERE true{layer} GROUP BY document_id",
                [] if annotator is None else [annotator],
            ).fetchall()
        )
        return [
            DocumentSummary(
                id=DocumentId(row[0]),
                title=row[1],
                characters=row[2],
                source=row[3],
                statuses=statuses.get(row[0], {}),
                span_count=counts.get(row[0], 0),
            )
            for row in self.db.execute(
                "SELECT id, title, characters, source FROM documents ORDER BY id"
            )
        ]

    def annotator_names(self: StoreBase) -> list[str]:
        """The names of everyone with a layer or a status, sorted."""
        return [row[0] for row in self.db.execute("SELECT name FROM annotators ORDER BY name")]

    def _annotator_id(self: StoreBase, name: str) -> int:
        """The id of annotator `name`, creating the annotator on first use."""
        if name in self._annotator_ids:
            return self._annotator_ids[name]
        check_annotator(name)
        with self.transaction():
            self.db.execute(
                "INSERT INTO annotators (name, created_at) VALUES (?, ?)"
                " ON CONFLICT (name) DO NOTHING",
                [name, now().isoformat()],
            )
            row = self.db.execute("SELECT id FROM annotators WHERE name = ?", [name]).fetchone()
        self._annotator_ids[name] = int(row[0])
        return self._annotator_ids[name]

    def status(self: StoreBase, document_id: DocumentId, annotator: str) -> Status:
        """How far `annotator` has got with a document."""
        return DocumentRecords.recorded_status(self, document_id, annotator) or Status.NEW

    def recorded_status(self: StoreBase, document_id: DocumentId, annotator: str) -> Status | None:
        """The status recorded for `annotator` and a document, or None if none ever was."""
        row = self.db.execute(
            "SELECT status FROM document_status s JOIN annotators a ON a.id = s.annotator_id"
            " WHERE s.document_id = ? AND a.name = ?",
            [document_id, annotator],
        ).fetchone()
        return Status(row[0]) if row else None

    def set_status(
        self: StoreBase, document_id: DocumentId, annotator: str, status: Status | None
    ) -> None:
        """Record how far `annotator` has got with a document (None: forget the record)."""
        with self.transaction():
            self._text(document_id)  # NotFoundError for an unknown document
            if status is None:
                self.db.execute(
                    "DELETE FROM document_status WHERE document_id = ?"
                    " AND annotator_id = (SELECT id FROM annotators WHERE name = ?)",
                    [document_id, annotator],
                )
                return
            self.db.execute(
                "INSERT INTO document_status (document_id, annotator_id, status, updated_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (document_id, annotator_id)"
                " DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at",
                [document_id, self._annotator_id(annotator), status.value, now().isoformat()],
            )

    def statistics(self: StoreBase) -> Statistics:
        """Counts over the whole database."""
        documents, characters = self.db.execute(
            "SELECT count(*), coalesce(sum(characters), 0) FROM documents"
        ).fetchone()
        by_label = dict(
            self.db.execute(
                "SELECT label, count(*) FROM spans GROUP BY label ORDER BY label"
            ).fetchall()
        )
        by_annotator = dict(
            self.db.execute(
                "SELECT a.name, count(*) FROM spans s JOIN annotators a ON a.id = s.annotator_id"
                " GROUP BY a.name ORDER BY a.name"
            ).fetchall()
        )
        return Statistics(
            documents=documents,
            characters=characters,
            spans_by_label=by_label,
            spans_by_annotator=by_annotator,
            links=self.db.execute("SELECT count(*) FROM links").fetchone()[0],
            entities=self.db.execute("SELECT count(*) FROM entities").fetchone()[0],
        )

    def recorded_statuses(self: StoreBase, annotators: Sequence[str]) -> list[DocumentStatus]:
        """Every status recorded for `annotators`."""
        return [
            DocumentStatus(DocumentId(document_id), name, Status(status))
            for document_id, name, status in self.db.execute(
                "SELECT s.document_id, a.name, s.status FROM document_status s"
                " JOIN annotators a ON a.id = s.annotator_id"
                f" WHERE a.name IN ({', '.join('?' for _ in annotators)})"
                " ORDER BY s.document_id, a.name",
                list(annotators),
            )
        ]

    def _text(self: StoreBase, document_id: DocumentId) -> str:
        row = self.db.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()
        if row is None:
            raise NotFoundError(f"no document {document_id}")
        return str(row[0])

    def _one(self: StoreBase, sql: str, params: list[Any], what: str) -> dict[str, Any]:
        rows = list(self.db.query(sql, params))
        if not rows:
            raise NotFoundError(f"no {what} {params[0]}")
        return rows[0]
