"""Item models of the agreement dashboard: the documents with their figures, sortable.

Figures sort as numbers through `SORT_ROLE`, and a document with no figure (shown "—") sorts
last whichever way a column is sorted: it is not a low score, it is no score.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from annotation.arabic import is_right_to_left
from annotation.model import DocumentId
from ui.report.summary import DocumentRow

Index = QModelIndex | QPersistentModelIndex

MISSING = "—"
# The value a column sorts by: an int, a float, a str, or None for "no figure".
SORT_ROLE = Qt.ItemDataRole.UserRole


def figure_text(value: float | None) -> str:
    """A figure as the dashboard shows it: three decimals, or a dash when there is none."""
    return MISSING if value is None else f"{value:.3f}"


class DocumentAgreementModel(QAbstractTableModel):
    """One row a document: id, title, state and its exact F1, overlap F1 and kappa."""

    ID, TITLE, STATE, EXACT_F1, OVERLAP_F1, KAPPA = range(6)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DocumentRow] = []
        self._annotators: tuple[str, ...] = ()

    def set_rows(self, rows: Sequence[DocumentRow], annotators: Sequence[str]) -> None:
        """Show these documents, compared between `annotators` (for the states' wording)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._annotators = tuple(annotators)
        self.endResetModel()

    def document_id(self, row: int) -> DocumentId | None:
        """The id of the document in `row` (of this model, not of a proxy)."""
        return self._rows[row].document_id if 0 <= row < len(self._rows) else None

    def state_words(self, state: str) -> str:
        """A document state as the interface says it."""
        first = self._annotators[0] if self._annotators else ""
        last = self._annotators[-1] if self._annotators else ""
        words = {
            "compared": self.tr("compared"),
            "both_empty": self.tr("no spans"),
            "all_empty": self.tr("no spans"),
            "only_a": self.tr("touched only by %1").replace("%1", first),
            "only_b": self.tr("touched only by %1").replace("%1", last),
            "partial": self.tr("not touched by everyone"),
        }
        return words.get(state, state)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Id"),
            self.tr("Title"),
            self.tr("State"),
            self.tr("Exact F1"),
            self.tr("Overlap F1"),
            self.tr("Kappa"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        value = self._value(row, column)
        if role == SORT_ROLE:
            return value
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.STATE:
                return self.state_words(row.state)
            if isinstance(value, float) or value is None:
                return figure_text(value)
            return str(value)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TITLE:
            return row.title
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(row, column)
        return None

    def _value(self, row: DocumentRow, column: int) -> int | float | str | None:
        figures = row.figures
        values: tuple[int | float | str | None, ...] = (
            int(row.document_id),
            row.title,
            row.state,
            figures.exact_f1,
            figures.overlap_f1,
            figures.kappa,
        )
        return values[column]

    def _alignment(self, row: DocumentRow, column: int) -> int:
        if column == self.TITLE and is_right_to_left(row.title):
            # An Arabic title reads from the right edge whatever the interface language.
            return int(
                Qt.AlignmentFlag.AlignRight
                | Qt.AlignmentFlag.AlignAbsolute
                | Qt.AlignmentFlag.AlignVCenter
            )
        if column in (self.TITLE, self.STATE):
            return int(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        return int(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)


class FigureSortProxy(QSortFilterProxyModel):
    """Sorts by `SORT_ROLE`: numbers as numbers, and "no figure" last in either order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, source_left: Index, source_right: Index) -> bool:
        left, right = source_left.data(SORT_ROLE), source_right.data(SORT_ROLE)
        if left is None or right is None:
            if left is None and right is None:
                return False  # a tie: the sort is stable, so the documents stay in id order
            # Qt sorts descending by reversing lessThan, so None is "greater" only ascending.
            descending = self.sortOrder() == Qt.SortOrder.DescendingOrder
            return (right is None) != descending
        if isinstance(left, str) and isinstance(right, str):
            return left.casefold() < right.casefold()
        return bool(left < right)
