"""Drawing links between spans: an arc from a claim to its speaker, with an arrowhead.

The arc joins the two spans' nearest line rectangles (a span may wrap over several lines),
from the top middle of one to the top middle of the other, bowing above the text, so it
follows scrolling and line wrapping and reads the same in right-to-left text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF

ARROW = 7.0


def anchors(source: Sequence[QRectF], target: Sequence[QRectF]) -> tuple[QPointF, QPointF] | None:
    """Where an arc from one span to another starts and ends: the top middle of the pair
    of their line rectangles whose centres lie closest together."""
    if not source or not target:
        return None
    a, b = min(
        ((s, t) for s in source for t in target),
        key=lambda pair: QLineF(pair[0].center(), pair[1].center()).length(),
    )
    return QPointF(a.center().x(), a.top()), QPointF(b.center().x(), b.top())


def arc(start: QPointF, end: QPointF) -> QPainterPath:
    """A curve from `start` to `end` bowing upwards, higher for spans further apart."""
    lift = min(48.0, 14.0 + 0.18 * abs(end.x() - start.x()) + 0.1 * abs(end.y() - start.y()))
    top = min(start.y(), end.y()) - lift
    path = QPainterPath(start)
    path.cubicTo(QPointF(start.x(), top), QPointF(end.x(), top), end)
    return path


def paint_link(
    painter: QPainter, source: Sequence[QRectF], target: Sequence[QRectF], colour: QColor
) -> None:
    """Draw one link from the `source` span's rectangles to the `target`'s."""
    ends = anchors(source, target)
    if ends is None:
        return
    start, end = ends
    path = arc(start, end)
    painter.setPen(QPen(colour, 1.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    # The arrowhead points along the curve's last stretch, into the target (the speaker).
    before = path.pointAtPercent(0.95)
    angle = math.atan2(end.y() - before.y(), end.x() - before.x())
    head = QPolygonF(
        [
            end,
            QPointF(
                end.x() - ARROW * math.cos(angle - 0.45), end.y() - ARROW * math.sin(angle - 0.45)
            ),
            QPointF(
                end.x() - ARROW * math.cos(angle + 0.45), end.y() - ARROW * math.sin(angle + 0.45)
            ),
        ]
    )
    painter.setBrush(colour)
    painter.drawPolygon(head)
    painter.setBrush(Qt.BrushStyle.NoBrush)
