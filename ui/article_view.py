"""ArticleView: one article, read-only, right-to-left, in the bundled Arabic font."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextBlockFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import QTextEdit, QWidget

from annotation.model import Document
from ui.fonts import article_font

# Generous spacing: annotators read for hours, and span highlights need room between lines.
LINE_HEIGHT_PERCENT = 110


class ArticleView(QTextEdit):
    """Shows the stored text of one document exactly: Qt positions equal UTF-16 offsets into it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setFont(article_font())
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.document().setDocumentMargin(24)
        self.document_shown: Document | None = None

    def show_document(self, document: Document | None) -> None:
        """Show `document` (or nothing), every paragraph right-to-left and right-aligned."""
        self.document_shown = document
        self.setPlainText(document.text if document else "")
        option = self.document().defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)
        # Each paragraph would otherwise take its direction from its first strong character,
        # turning a line that starts with a URL or a Latin name left-to-right (ARABIC-QT.md).
        block_format = QTextBlockFormat()
        block_format.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        block_format.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        block_format.setLineHeight(
            LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        )
        block_format.setBottomMargin(8)
        cursor = QTextCursor(self.document())
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeBlockFormat(block_format)  # a block format: no glyph runs are split
        self.moveCursor(QTextCursor.MoveOperation.Start)
