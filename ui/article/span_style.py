"""How a span looks: its label's colour, made translucent, and an underline style per label so
labels differ without colour too (for colour-blind annotators)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat

from annotation.tagset import Label, Outline

# Translucent, so a LOCATION inside a CLAIM still shows both colours (docs/arabic-in-qt.md).
FILL_ALPHA = 70
SELECTED_FILL_ALPHA = 150

_UNDERLINES = {
    Outline.SOLID: QTextCharFormat.UnderlineStyle.SingleUnderline,
    Outline.DASHED: QTextCharFormat.UnderlineStyle.DashUnderline,
    Outline.DOTTED: QTextCharFormat.UnderlineStyle.DotLine,
    Outline.WAVY: QTextCharFormat.UnderlineStyle.WaveUnderline,
}


def label_colour(label: Label | None, alpha: int = 255) -> QColor:
    """The label's colour (grey for a label the tag set no longer has)."""
    colour = QColor(label.colour if label else "#808080")
    colour.setAlpha(alpha)
    return colour


def span_format(label: Label | None, selected: bool = False) -> QTextCharFormat:
    """The format an extra selection paints over a span: fill and underline, never glyphs."""
    fmt = QTextCharFormat()
    fmt.setBackground(label_colour(label, SELECTED_FILL_ALPHA if selected else FILL_ALPHA))
    fmt.setUnderlineStyle(
        _UNDERLINES[label.outline] if label else QTextCharFormat.UnderlineStyle.SingleUnderline
    )
    fmt.setUnderlineColor(label_colour(label).darker(130))
    return fmt


@dataclass(frozen=True)
class SpanLook:
    """How one span looks when its viewer, not the tag set, decides: the compare window
    colours spans by how two layers differ there, and explains each in its tooltip."""

    fill: QColor
    outline: QColor | None = None  # a frame around the span, drawn over the text's colours
    outline_width: float = 2.0
    outline_style: Qt.PenStyle = Qt.PenStyle.SolidLine  # dashed for the assistant's suggestions
    tooltip: str = ""


def look_format(look: SpanLook) -> QTextCharFormat:
    """The format an extra selection paints over a span with its own look."""
    fmt = QTextCharFormat()
    fmt.setBackground(look.fill)
    return fmt
