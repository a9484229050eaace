"""Span fills: where on screen a stretch of text lies, read from Qt's text layout, and the
translucent colours and underlines that ArticleView paints there, under the glyphs.

Until issue 18 each span in view was a QTextEdit extra selection. Those leave Arabic joined
(char formats break lam-alef ligatures: docs/arabic-in-qt.md), and so does this: the fills are
painted on the viewport before QTextEdit draws the text over them, and no glyph run is split.
What extra selections cost the opening of a long article was mostly finding the lines in view
(QTextEdit.cursorForPosition laid out blocks far below the view, 3-8 ms a call); the view now
reads the lines of the blocks in view directly, and setting the selections is gone with them.

Geometry: a stretch of one line is one rectangle when all its letters share one direction; a
line that mixes Arabic with Latin words or digits may show a logical stretch in several places
(bidi reordering), so there the extents of Qt's glyph runs are taken and neighbours merged, as
Qt paints a selection. Rectangles are in document coordinates (the layout's), so they stay
right while the view scrolls; the view translates them when it paints.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPainterPath, QPen, QTextLine

from annotation.model import SpanId
from annotation.tagset import Outline
from ui.article.span_style import FillStyle

# The bidi classes that make a character run left to right, or at a level of its own, inside
# a right-to-left paragraph: Latin letters, both kinds of digits, the explicit embeddings.
_TURNING_CLASSES = frozenset(
    {"L", "EN", "AN", "LRE", "LRO", "RLE", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}
)

_PEN_STYLES = {
    Outline.SOLID: Qt.PenStyle.SolidLine,
    Outline.DASHED: Qt.PenStyle.DashLine,
    Outline.DOTTED: Qt.PenStyle.DotLine,
}


@dataclass(frozen=True)
class Stretch:
    """Where part of a span lies on one line: its rectangle and the line's baseline."""

    rect: QRectF
    baseline: float


@dataclass(frozen=True)
class SpanFill:
    """What the view paints under one span in view."""

    span_id: SpanId | None
    style: FillStyle
    stretches: tuple[Stretch, ...]


@lru_cache(maxsize=4096)
def _turns(character: str) -> bool:
    return unicodedata.bidirectional(character) in _TURNING_CLASSES


def one_direction(text: str) -> bool:
    """Whether `text` shows in one piece on a right-to-left line: Arabic letters, marks,
    spaces and punctuation only (neutral characters take their Arabic neighbours' direction)."""
    return not any(map(_turns, text))


def line_x(line: QTextLine, position: int, edge: QTextLine.Edge) -> float:
    """The x of `position` (in the line's block) on `line`, at the character's `edge`."""
    # C++ QTextLine::cursorToX(int *cursorPos, Edge) returns the x and may move cursorPos;
    # PySide6 returns both as a tuple (x, cursorPos), which its stubs type only as `object`.
    x, _position = cast(tuple[float, int], line.cursorToX(position, edge))
    return x


def line_extents(
    line: QTextLine, start: int, end: int, simple: bool, last_width: int = 1
) -> list[tuple[float, float]]:
    """The x extents (layout coordinates) on `line` of the characters at Qt positions
    `[start, end)` of its block. `simple`: they all run one way, so one extent, from the first
    character's leading edge to the last one's trailing edge (both measured in the run that
    holds them, never in a neighbouring one). `last_width`: the last character's UTF-16 units
    (2 beyond the BMP: measured from its low half, Qt moved on to the next character's edge)."""
    if simple:
        x1 = line_x(line, start, QTextLine.Edge.Leading)
        x2 = line_x(line, end - last_width, QTextLine.Edge.Trailing)
        return [(min(x1, x2), max(x1, x2))]
    # Mixed directions: Qt's glyph runs of the range, one for each run of one direction and
    # font, each as wide as its characters' advances; cursorToX at run boundaries is ambiguous
    # (a digit's leading edge came back as the Arabic space's before it).
    boxes = sorted(
        (box.left(), box.right())
        for box in (run.boundingRect() for run in line.glyphRuns(start, end - start))
    )
    merged: list[tuple[float, float]] = []
    for left, right in boxes:
        if merged and left <= merged[-1][1] + 0.5:
            merged[-1] = (merged[-1][0], max(merged[-1][1], right))
        else:
            merged.append((left, right))
    return [(left, right) for left, right in merged if right > left]


def paint_fills(
    painter: QPainter, fills: Iterable[SpanFill], offset: QPointF, metrics: QFontMetricsF
) -> None:
    """Paint each fill's colour and underline, in order, so nested translucent fills stack."""
    thickness = max(1.0, metrics.lineWidth())
    below = metrics.underlinePos()
    for fill in fills:
        style = fill.style
        for stretch in fill.stretches:
            # Whole pixels, without antialiasing: a translucent fill of a fractional rectangle
            # took Qt's slow blending path, 0.4 ms a rectangle (as long as the text's paint).
            painter.fillRect(stretch.rect.translated(offset).toRect(), style.fill)
        if style.underline is None or style.underline_colour is None:
            continue
        pen = QPen(style.underline_colour, thickness)
        for stretch in fill.stretches:
            rect = stretch.rect.translated(offset)
            y = stretch.baseline + offset.y() + below + thickness / 2
            if style.underline is Outline.WAVY:
                painter.setPen(pen)
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.drawPath(_wave(rect.left(), rect.right(), y, thickness))
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            else:
                pen.setStyle(_PEN_STYLES[style.underline])
                painter.setPen(pen)
                painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))


def _wave(left: float, right: float, y: float, thickness: float) -> QPainterPath:
    """A wavy underline from `left` to `right` around `y`, like Qt's WaveUnderline."""
    amplitude, period = max(1.0, thickness), 4.0 * max(1.5, thickness)
    path = QPainterPath(QPointF(left, y))
    steps = max(2, math.ceil((right - left) / (period / 8)))
    for step in range(1, steps + 1):
        x = left + (right - left) * step / steps
        path.lineTo(QPointF(x, y + amplitude * math.sin(2 * math.pi * (x - left) / period)))
    return path
