"""How a span looks: its label's colour, made translucent, and an underline style per label so
labels differ without colour too (for colour-blind annotators).

ArticleView paints these itself under the text (ui/article/span_fills.py); the QTextCharFormat
forms remain for what is still an extra selection (the preview of a dragged edge) and for the
benchmark's baseline."""

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


@dataclass(frozen=True)
class FillStyle:
    """What is painted under a span's letters: a translucent fill, and maybe an underline."""

    fill: QColor
    underline: Outline | None = None
    underline_colour: QColor | None = None


def span_fill_style(label: Label | None, selected: bool = False) -> FillStyle:
    """A labelled span's fill (stronger when selected) and its label's underline."""
    return FillStyle(
        fill=label_colour(label, SELECTED_FILL_ALPHA if selected else FILL_ALPHA),
        underline=label.outline if label else Outline.SOLID,
        underline_colour=label_colour(label).darker(130),
    )


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


def look_fill_style(look: SpanLook) -> FillStyle:
    """A span with its viewer's own look: the fill alone (a frame is drawn over the text)."""
    return FillStyle(fill=look.fill)
