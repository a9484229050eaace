"""The store's adjudication decisions (part of both engines' stores)."""

from __future__ import annotations

from datetime import datetime

from annotation.model import Decision, DocumentId, now
from db.store_base import StoreBase


class DecisionRecords:
    """Decisions on differences between layers, by document and gold layer."""

    def decisions(self: StoreBase, document_id: DocumentId, gold: str) -> list[Decision]:
        """Every decision recorded into `gold` on one document."""
        return [
            Decision(
                DocumentId(row["document_id"]),
                row["gold"],
                row["key"],
                row["choice"],
                row["reason"],
                row["decided_by"],
                datetime.fromisoformat(row["decided_at"]),
            )
            for row in self._rows(
                "SELECT * FROM decisions WHERE document_id = ? AND gold = ? ORDER BY id",
                [document_id, gold],
            )
        ]

    def set_decision(
        self: StoreBase, document_id: DocumentId, gold: str, key: str, decision: Decision | None
    ) -> None:
        """Record the decision on one difference, replacing any earlier one; None forgets it."""
        with self.transaction():
            self._text(document_id)  # NotFoundError for an unknown document
            self.db.execute(
                "DELETE FROM decisions WHERE document_id = ? AND gold = ? AND key = ?",
                [document_id, gold, key],
            )
            if decision is None:
                return
            self.db.execute(
                "INSERT INTO decisions (document_id, gold, key, choice, reason, decided_by,"
                " decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    document_id,
                    gold,
                    key,
                    decision.choice,
                    decision.reason,
                    decision.decided_by,
                    (decision.decided_at or now()).isoformat(),
                ],
            )
