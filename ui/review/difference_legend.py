"""DifferenceLegend: what each colour of the compare window means, with how many of each kind
the document has, and how many of its differences are decided."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from annotation.adjudication import Progress
from annotation.comparison import Kind
from ui.review.difference_style import FILL_ALPHA, kind_colour
from ui.review.difference_words import filled, kind_name

SWATCH_SIZE = 14


class DifferenceLegend(QWidget):
    """A swatch and a count for each kind of difference, then the document's progress."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.counts: dict[Kind, QLabel] = {}
        for kind in Kind:
            swatch = QLabel()
            swatch.setPixmap(swatch_pixmap(kind))
            self.counts[kind] = QLabel()
            layout.addWidget(swatch)
            layout.addWidget(self.counts[kind])
            layout.addSpacing(12)
        layout.addStretch(1)
        self.progress = QProgressBar()
        self.progress.setMinimumWidth(220)
        layout.addWidget(self.progress)

    def show_counts(self, counts: dict[Kind, int]) -> None:
        """How many differences of each kind the document has."""
        for kind, label in self.counts.items():
            label.setText(f"{kind_name(kind)}: {counts.get(kind, 0)}")

    def show_progress(self, done: Progress) -> None:
        """How many of the document's differences are decided."""
        self.progress.setRange(0, max(done.total, 1))  # a range of 0..0 would be a busy bar
        self.progress.setValue(done.decided)
        # Worded here, not with QProgressBar's %v and %m, so it is translated as a whole.
        self.progress.setFormat(
            filled(self.tr("%1 of %2 decided"), str(done.decided), str(done.total))
        )


def swatch_pixmap(kind: Kind) -> QPixmap:
    """A sample of how a kind of difference is painted: a fill, or for LINKS a frame."""
    pixmap = QPixmap(SWATCH_SIZE, SWATCH_SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    if kind is Kind.LINKS:
        painter.setPen(QPen(kind_colour(kind), 2))
        painter.drawRect(1, 1, SWATCH_SIZE - 2, SWATCH_SIZE - 2)
    else:
        painter.fillRect(0, 0, SWATCH_SIZE, SWATCH_SIZE, kind_colour(kind, FILL_ALPHA * 2))
    painter.end()
    return pixmap
