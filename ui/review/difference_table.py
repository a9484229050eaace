"""DifferenceTableModel: the compared document's differences in reading order, with the
decision taken on each and its reason."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from annotation.comparison import Difference
from annotation.model import Decision
from ui.review.difference_style import kind_colour
from ui.review.difference_words import Explainer, choice_name, kind_name, one_line

Index = QModelIndex | QPersistentModelIndex
TEXT_LIMIT = 80  # characters of a difference's text shown in its cell (the tooltip explains)
RIGHT_ALIGNED = int(
    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
)


class DifferenceTableModel(QAbstractTableModel):
    """One row a difference: its kind, the text it covers, the decision and its reason."""

    KIND, TEXT, DECISION, REASON = range(4)

    def __init__(self, explainer: Explainer, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.explainer = explainer
        self._text = ""
        self._differences: tuple[Difference, ...] = ()
        self._decisions: dict[str, Decision] = {}

    def set_differences(
        self, text: str, differences: tuple[Difference, ...], decisions: list[Decision]
    ) -> None:
        """Show these differences of a document's `text`, with the decisions taken on them."""
        decided = {decision.key: decision for decision in decisions}
        if differences == self._differences and text == self._text:
            # Only decisions changed: repaint those columns, keeping the selection.
            self._decisions = decided
            if differences:
                self.dataChanged.emit(
                    self.index(0, self.DECISION), self.index(len(differences) - 1, self.REASON)
                )
            return
        self.beginResetModel()
        self._text, self._differences, self._decisions = text, differences, decided
        self.endResetModel()

    def difference(self, row: int) -> Difference | None:
        """The difference in `row`."""
        return self._differences[row] if 0 <= row < len(self._differences) else None

    def row_of(self, difference: Difference | None) -> int | None:
        """The row of a difference."""
        if difference is None:
            return None
        key = difference.key()
        return next((row for row, d in enumerate(self._differences) if d.key() == key), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._differences)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Difference"), self.tr("Text"), self.tr("Decision"), self.tr("Reason"))[
            section
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        difference = self.difference(index.row()) if index.isValid() else None
        if difference is None:
            return None
        column = index.column()
        decision = self._decisions.get(difference.key())
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.KIND:
                return kind_name(difference.kind)
            if column == self.TEXT:
                return one_line(self._text[difference.start : difference.end], TEXT_LIMIT)
            if column == self.DECISION:
                return choice_name(decision.choice) if decision else ""
            if column == self.REASON:
                return decision.reason if decision else ""
        if role == Qt.ItemDataRole.DecorationRole and column == self.KIND:
            return kind_colour(difference.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.explainer.explain(difference, decision)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.TEXT:
            return RIGHT_ALIGNED
        return None


class RightToLeftDelegate(QStyledItemDelegate):
    """Lays a cell's text out right to left, so an Arabic quotation's punctuation and any
    Latin words in it sit where a reader of Arabic expects them, whatever the interface."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        option.direction = Qt.LayoutDirection.RightToLeft
        option.displayAlignment = Qt.AlignmentFlag(RIGHT_ALIGNED)
