"""Words in context: a row that leads to a place in a document, with the words before, the
words themselves and those after (a search hit, a span, an entity's mention), as
KwicDelegate draws it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt

from annotation.model import DocumentId, Span
from annotation.tagset import Label

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # where a model or an item keeps its ResultRow
ResultKey = tuple[DocumentId, int, int, int | None]


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One result: where it leads, a heading, and the words in context.

    For a hit in the text, `match` is the hit as written and `before`/`after` the text around
    it; for a span, `match` is the span's text and there is no context.
    """

    document_id: DocumentId
    start: int
    end: int
    heading: str
    before: str
    match: str
    after: str
    span: Span | None = None
    label: Label | None = None
    speakers: str | None = None  # a claim's "said by ..." line

    @property
    def key(self) -> ResultKey:
        """What identifies the row across two runs of the same search."""
        return (self.document_id, self.start, self.end, self.span.id if self.span else None)

    @property
    def line(self) -> str:
        """The words in context as one line of plain text."""
        return self.before + self.match + self.after
