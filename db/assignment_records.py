"""Which documents a manager gave to which annotators (part of each engine's store; the SQL
is spoken by SQLite and PostgreSQL alike)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from annotation.model import Assignment, DocumentId, now
from annotation.ports import NotFoundError, StoreError
from db.rows import chunks
from db.store_base import StoreBase


class AssignmentRecords:
    """Assignments of documents to annotators."""

    def assign(
        self: StoreBase, document_ids: Sequence[DocumentId], annotators: Sequence[str], by: str
    ) -> int:
        """Give every one of these documents to every one of these annotators, in one
        transaction; return how many assignments are new. NotFoundError naming the unknown
        ids, and nothing assigned, if any is unknown."""
        ids = sorted(set(document_ids))
        names = sorted(set(annotators))
        if not by.strip():
            raise StoreError("an assignment needs the name of whoever makes it")
        stamp = now().isoformat()
        added = 0
        with self.transaction():
            _check_documents(self, ids)
            for name in names:
                annotator_id = self._annotator_id(name)
                for document_id in ids:
                    cursor = self.db.execute(
                        "INSERT INTO assignments (document_id, annotator_id, assigned_at,"
                        " assigned_by) VALUES (?, ?, ?, ?)"
                        " ON CONFLICT (document_id, annotator_id) DO NOTHING",
                        [document_id, annotator_id, stamp, by],
                    )
                    added += max(cursor.rowcount, 0)
        return added

    def unassign(
        self: StoreBase, document_ids: Sequence[DocumentId], annotators: Sequence[str]
    ) -> int:
        """Take these documents back from these annotators; return how many were taken."""
        taken = 0
        with self.transaction():
            for name in sorted(set(annotators)):
                for chunk in chunks(sorted(set(document_ids)), 500):
                    marks = ", ".join("?" * len(chunk))
                    cursor = self.db.execute(
                        "DELETE FROM assignments WHERE annotator_id ="
                        f" (SELECT id FROM annotators WHERE name = ?) AND document_id IN ({marks})",
                        [name, *chunk],
                    )
                    taken += max(cursor.rowcount, 0)
        return taken

    def assignments(self: StoreBase, annotator: str | None = None) -> list[Assignment]:
        """Every assignment (or `annotator`'s), by document then annotator."""
        only = "" if annotator is None else " WHERE a.name = ?"
        return [
            Assignment(
                DocumentId(row["document_id"]),
                row["name"],
                row["assigned_by"],
                datetime.fromisoformat(row["assigned_at"]),
            )
            for row in self._rows(
                "SELECT s.document_id, a.name, s.assigned_by, s.assigned_at FROM assignments s"
                f" JOIN annotators a ON a.id = s.annotator_id{only}"
                " ORDER BY s.document_id, a.name",
                [] if annotator is None else [annotator],
            )
        ]


def _check_documents(store: StoreBase, ids: Sequence[DocumentId]) -> None:
    """NotFoundError naming every one of `ids` that is no document."""
    known: set[int] = set()
    for chunk in chunks(ids, 500):
        marks = ", ".join("?" * len(chunk))
        known.update(
            row[0]
            for row in store.db.execute(f"SELECT id FROM documents WHERE id IN ({marks})", chunk)
        )
    unknown = [document_id for document_id in ids if document_id not in known]
    if unknown:
        shown = ", ".join(map(str, unknown[:20])) + (" ..." if len(unknown) > 20 else "")
        raise NotFoundError(
            f"no document with the id {shown}: nothing was assigned"
            if len(unknown) == 1
            else f"no documents with the ids {shown}: nothing was assigned"
        )
