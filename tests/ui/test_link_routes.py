"""ui/article/link_painter.py: a link's route runs in the gap above the lines, never through
them, in left-to-right and right-to-left text, on one line and across lines; no window needed."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QPointF, QRectF

from ui.article.link_painter import LINK_ROOM, anchors, distance_to_route, route

LINE = 30.0  # a line's height
PITCH = LINE + LINK_ROOM  # from one line's top to the next's, with the room for links
RISE = LINK_ROOM / 2
LANES = (12.0, 588.0)  # the side margins of a 600 px wide page


def on_line(line: int, left: float, right: float) -> QRectF:
    """A span's rectangle on the `line`th line (0 is the top one), from `left` to `right`."""
    return QRectF(left, line * PITCH + LINK_ROOM, right - left, LINE)


def line_top(line: int) -> float:
    return line * PITCH + LINK_ROOM


def highest(points: list[QPointF]) -> float:
    return min(point.y() for point in points)


def assert_in_gap_above(points: list[QPointF], line: int) -> None:
    """The route's highest point lies above `line`'s top and below the bottom of the line
    above it, so it crosses no letter of either."""
    top = highest(points)
    assert top < line_top(line)
    assert top > line_top(line) - LINK_ROOM  # the line above ends LINK_ROOM above this top


def test_on_one_line_left_to_right_the_route_runs_in_the_gap_above_it() -> None:
    claim, speaker = on_line(2, 300, 500), on_line(2, 40, 200)
    points = route([claim], [speaker], RISE, LANES)
    assert points is not None
    assert_in_gap_above(points, 2)
    assert points[0] == QPointF(400, line_top(2)) and points[-1] == QPointF(120, line_top(2))
    # Up, along, down: every leg upright or level.
    assert all(a.x() == b.x() or a.y() == b.y() for a, b in pairwise(points))


def test_on_one_line_right_to_left_the_arrow_comes_down_into_the_speaker() -> None:
    # Arabic: the speaker, read first, is to the right of the claim.
    claim, speaker = on_line(1, 60, 350), on_line(1, 420, 560)
    points = route([claim], [speaker], RISE, LANES)
    assert points is not None
    assert_in_gap_above(points, 1)
    assert points[-1] == QPointF(490, line_top(1))
    before = points[-2]
    assert before.x() == 490 and before.y() < line_top(1)  # the last leg points down


def test_across_lines_each_end_rises_above_its_own_line_and_they_meet_in_the_margin() -> None:
    # A claim on line 3, its speaker on line 1 near the right-hand edge (Arabic text).
    claim, speaker = on_line(3, 100, 400), on_line(1, 450, 560)
    points = route([claim], [speaker], RISE, LANES)
    assert points is not None
    assert_in_gap_above(points, 1)  # the upper span's line
    runs = sorted({point.y() for point in points[1:-1]})
    assert runs == [line_top(1) - RISE, line_top(3) - RISE]
    assert {point.x() for point in points[2:4]} == {LANES[1]}  # the nearer margin: the right


def test_a_wrapped_claim_links_along_the_line_it_shares_with_its_speaker() -> None:
    # The claim's second line lies closer to the speaker's middle, but its first line is the
    # speaker's own: the route stays on that line.
    claim = [on_line(0, 40, 200), on_line(1, 40, 560)]
    speaker = [on_line(0, 400, 560)]
    ends = anchors(claim, speaker)
    assert ends == (QPointF(120, line_top(0)), QPointF(480, line_top(0)))
    points = route(claim, speaker, RISE, LANES)
    assert points is not None
    assert_in_gap_above(points, 0)


def test_distance_to_route_finds_the_run_and_not_the_text_below_it() -> None:
    points = route([on_line(2, 300, 500)], [on_line(2, 40, 200)], RISE, LANES)
    assert points is not None
    run = line_top(2) - RISE
    assert distance_to_route(points, QPointF(250, run + 1)) == 1
    assert distance_to_route(points, QPointF(250, line_top(2) + LINE / 2)) > 10
