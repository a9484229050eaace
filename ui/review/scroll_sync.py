"""ScrollSync: two article views showing the same text scroll together, to the same place in
the text rather than the same fraction of their height (their lines may wrap differently)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint

from ui.article.view import ArticleView


class ScrollSync(QObject):
    """Scrolling either view scrolls the other so the same line of text is at the same height."""

    def __init__(self, first: ArticleView, second: ArticleView, parent: QObject | None = None):
        super().__init__(parent)
        self._following = False  # a scroll we caused, not the person
        first.verticalScrollBar().valueChanged.connect(lambda: self.align(first, second))
        second.verticalScrollBar().valueChanged.connect(lambda: self.align(second, first))

    def align(self, source: ArticleView, target: ArticleView) -> None:
        """Scroll `target` so the text at the top of `source` is at the same height in it."""
        if self._following or source.document_shown is not target.document_shown:
            return
        self._following = True
        try:
            top = source.cursorForPosition(QPoint(source.viewport().width() // 2, 0))
            position = source.from_qt(top.position())
            there = target.cursorRect(target.cursor_at(position)).top()
            here = source.cursorRect(top).top()
            bar = target.verticalScrollBar()
            bar.setValue(bar.value() + there - here)
        finally:
            self._following = False
