"""DocumentListModel: the documents as rows (title, characters, status, spans) for a table view."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from annotation.arabic import is_right_to_left
from annotation.model import DocumentId, DocumentSummary, Status

Index = QModelIndex | QPersistentModelIndex


class DocumentListModel(QAbstractTableModel):
    """A table of document summaries; `reload()` replaces them after an import."""

    TITLE, CHARACTERS, STATUS, SPANS = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DocumentSummary] = []

    def reload(self, summaries: list[DocumentSummary]) -> None:
        """Show these documents instead of the current ones."""
        self.beginResetModel()
        self._rows = summaries
        self.endResetModel()

    def document_id(self, row: int) -> DocumentId:
        """The id of the document shown in `row`."""
        return self._rows[row].id

    def row_of(self, document_id: DocumentId) -> int | None:
        """The row showing `document_id`, if any."""
        for row, summary in enumerate(self._rows):
            if summary.id == document_id:
                return row
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Title"), self.tr("Characters"), self.tr("Status"), self.tr("Spans"))[
            section
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        summary = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TITLE:
                return summary.title or self.tr("(untitled %1)").replace("%1", str(summary.id))
            if column == self.CHARACTERS:
                return f"{summary.characters:,}"
            if column == self.STATUS:
                return self._status_text(summary)
            if column == self.SPANS:
                return str(summary.span_count)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (self.CHARACTERS, self.SPANS):
                return int(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
            if column == self.TITLE and is_right_to_left(summary.title):
                # An Arabic title reads from the right edge whatever the interface language.
                return int(
                    Qt.AlignmentFlag.AlignRight
                    | Qt.AlignmentFlag.AlignAbsolute
                    | Qt.AlignmentFlag.AlignVCenter
                )
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TITLE:
            return summary.title
        return None

    def _status_text(self, summary: DocumentSummary) -> str:
        if not summary.statuses:
            return self.tr("new")
        names = {
            Status.NEW: self.tr("new"),
            Status.IN_PROGRESS: self.tr("in progress"),
            Status.DONE: self.tr("done"),
        }
        return ", ".join(
            f"{who}: {names[status]}" for who, status in sorted(summary.statuses.items())
        )
