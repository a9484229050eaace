"""The open document's title, above its text: SaudiNewsNet-style articles carry a headline
that the text does not repeat (issue 18)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from annotation.arabic import is_right_to_left
from ui.fonts import article_font


class DocumentTitle(QLabel):
    """A bold, wrapped headline, set in the direction of its own first strong letter (an
    Arabic title reads from the right even in an English window, as the article does)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a click must leave the keys to the article
        self.setContentsMargins(8, 6, 8, 6)
        font = article_font()  # the article's own face, so the headline matches its text
        font.setBold(True)
        self.setFont(font)
        self.hide()

    def show_title(self, title: str | None) -> None:
        """Show `title` (None or empty: no headline, and no empty band above the text)."""
        title = (title or "").strip()
        self.setText(title)
        right_to_left = is_right_to_left(title)
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if right_to_left else Qt.LayoutDirection.LeftToRight
        )
        self.setAlignment(
            (Qt.AlignmentFlag.AlignRight if right_to_left else Qt.AlignmentFlag.AlignLeft)
            | Qt.AlignmentFlag.AlignAbsolute
            | Qt.AlignmentFlag.AlignVCenter
        )
        self.setVisible(bool(title))
