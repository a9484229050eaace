"""Drawing links between spans: a route from a claim to its speaker, with an arrowhead.

A link runs in the room the view leaves above each line (`LINK_ROOM`, ui/article/view.py), so
it never crosses a letter: it rises from the top of the claim into the gap above the claim's
line, runs along that gap and comes down into the speaker. When the two spans are on different
lines, each end rises into the gap above its own line and the two runs meet in the document's
side margin, the one nearer both ends. Everything here is geometry in viewport coordinates,
testable without a window; the spans' line rectangles (a wrapped span has several) come from
the view, so the routes follow scrolling and wrapping and read the same in right-to-left text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from enum import StrEnum
from itertools import pairwise

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF

ARROW = 6.0
# How much room (pixels) the view adds above every line while links are shown; a link's run
# goes through the middle of it.
LINK_ROOM = 14.0
CORNER = 4.0  # the radius of a route's rounded corners
# How near (pixels) the pointer must come to a route for its tooltip.
HOVER_PIXELS = 4.0


class LinksShown(StrEnum):
    """Which links the article draws."""

    SELECTED = "selected"  # the selected span's own links, in and out
    ALL = "all"
    NONE = "none"


def anchors(source: Sequence[QRectF], target: Sequence[QRectF]) -> tuple[QPointF, QPointF] | None:
    """Where a link from one span to another starts and ends: the top middle of the pair
    of their line rectangles whose centres lie closest together, a pair on one line first
    (a wrapped claim that shares a line with its speaker links along that line, through no
    margin)."""
    if not source or not target:
        return None
    a, b = min(
        ((s, t) for s in source for t in target),
        key=lambda pair: (
            abs(pair[0].top() - pair[1].top()) >= 1,
            QLineF(pair[0].center(), pair[1].center()).length(),
        ),
    )
    return QPointF(a.center().x(), a.top()), QPointF(b.center().x(), b.top())


def route(
    source: Sequence[QRectF],
    target: Sequence[QRectF],
    rise: float,
    lanes: tuple[float, float],
) -> list[QPointF] | None:
    """The corners of a link's path from the `source` span's line rectangles to the `target`'s.

    `rise` is how far above a line's top its run goes (in the gap above the line); `lanes` are
    the x of the left and right side margins, where runs from two lines meet.
    """
    ends = anchors(source, target)
    if ends is None:
        return None
    start, end = ends
    start_run, end_run = start.y() - rise, end.y() - rise
    if abs(start.y() - end.y()) < 1:  # the same line: along the gap above it
        return [start, QPointF(start.x(), start_run), QPointF(end.x(), end_run), end]
    lane = min(lanes, key=lambda x: abs(start.x() - x) + abs(end.x() - x))
    return [
        start,
        QPointF(start.x(), start_run),
        QPointF(lane, start_run),
        QPointF(lane, end_run),
        QPointF(end.x(), end_run),
        end,
    ]


def rounded_path(points: Sequence[QPointF], radius: float = CORNER) -> QPainterPath:
    """A path through `points` with its corners rounded (never more than half a leg)."""
    path = QPainterPath(points[0])
    for before, corner, after in zip(points, points[1:], points[2:], strict=False):
        r_in = min(radius, QLineF(before, corner).length() / 2)
        r_out = min(radius, QLineF(corner, after).length() / 2)
        path.lineTo(_towards(corner, before, r_in))
        path.quadTo(corner, _towards(corner, after, r_out))
    path.lineTo(points[-1])
    return path


def distance_to_route(points: Sequence[QPointF], point: QPointF) -> float:
    """The shortest distance from `point` to the route's legs."""
    return min(_distance_to_segment(point, a, b) for a, b in pairwise(points))


def paint_route(painter: QPainter, points: Sequence[QPointF], colour: QColor) -> None:
    """Draw one link's route, with an arrowhead into its last point (the speaker)."""
    painter.setPen(QPen(colour, 1.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(rounded_path(points))
    end, before = points[-1], points[-2]
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


def arc(start: QPointF, end: QPointF) -> QPainterPath:
    """A curve from `start` to `end` bowing upwards: the link being drawn by a Ctrl+drag,
    which follows the pointer rather than a span."""
    lift = min(48.0, 14.0 + 0.18 * abs(end.x() - start.x()) + 0.1 * abs(end.y() - start.y()))
    top = min(start.y(), end.y()) - lift
    path = QPainterPath(start)
    path.cubicTo(QPointF(start.x(), top), QPointF(end.x(), top), end)
    return path


def _towards(origin: QPointF, other: QPointF, distance: float) -> QPointF:
    line = QLineF(origin, other)
    if line.length() == 0:
        return QPointF(origin)
    return line.pointAt(distance / line.length())


def _distance_to_segment(point: QPointF, a: QPointF, b: QPointF) -> float:
    dx, dy = b.x() - a.x(), b.y() - a.y()
    length = dx * dx + dy * dy
    t = 0.0
    if length > 0:
        t = max(0.0, min(1.0, ((point.x() - a.x()) * dx + (point.y() - a.y()) * dy) / length))
    return math.hypot(point.x() - (a.x() + t * dx), point.y() - (a.y() + t * dy))
