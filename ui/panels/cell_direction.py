"""FirstStrongDirectionDelegate: a table cell of Arabic text laid out right to left, whatever the
interface's direction, as the article view lays out its paragraphs."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from annotation.arabic import is_right_to_left

Index = QModelIndex | QPersistentModelIndex
RIGHT_ALIGNED = (
    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
)


class FirstStrongDirectionDelegate(QStyledItemDelegate):
    """Gives each cell whose first strong character is Arabic a right-to-left layout."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        # A cell takes the view's direction: in the English window `إن الحل سياسي.` showed its
        # full stop at the reading start and `3.5% في عام 2015` swapped its numbers (docs/arabic-in-qt.md,
        # pitfalls; issue 14, item 16). The style lays the text out in option.direction.
        if is_right_to_left(option.text):
            option.direction = Qt.LayoutDirection.RightToLeft
            option.displayAlignment = RIGHT_ALIGNED
