"""KwicDelegate: paints a search result as keyword in context, right-to-left.

A row shows a small heading (the document, or a span's label, annotator and document), then
the line: the hit in the middle of the row with the text before it on its reading side, so
that the hits of successive rows line up (a span's text starts at the reading edge instead),
then, for a claim, who said it.

The line is shaped once, as one QTextLayout, and the hit is marked by a selection drawn over
it, as the article's spans are (docs/arabic-in-qt.md): the text before a hit often ends
inside the same word (`بـ` of `بالرقة`, found as `الرقة`), and painting the hit as a run of
its own, or in another format, would cut the letters apart.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QLinearGradient,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from annotation.arabic import is_right_to_left
from annotation.offsets import Utf16Index
from ui.article.in_context import ROW_ROLE, ResultRow
from ui.article.span_style import label_colour

Index = QModelIndex | QPersistentModelIndex

PADDING = 4  # pixels around a row's contents
GAP = 2  # pixels between its lines
HIT_FILL = QColor(255, 190, 0, 120)  # amber, translucent so a selected row's colour shows
SPAN_FILL_ALPHA = 110
FADE = 14  # pixels over which a cut line fades out at each edge
UNBOUNDED = 100_000.0  # a line width no result reaches: lines never wrap


class KwicDelegate(QStyledItemDelegate):
    """Draws ResultRows: heading, words in context with the hit marked, a claim's speakers.
    Without headings (the Entities tab, whose first column says where), the line alone."""

    def __init__(self, parent: QObject | None = None, headings: bool = True) -> None:
        super().__init__(parent)
        self.headings = headings

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""  # the style draws the background, selection and focus; the text is ours
        style = item.widget.style() if item.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        row = index.data(ROW_ROLE)
        if not isinstance(row, ResultRow):
            return
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Active
            if item.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ink = item.palette.color(group, role)
        faint = QColor(ink)
        faint.setAlpha(170)
        small, large = _small_font(item.font), _line_font(item.font)
        area = item.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        top = area.top()

        painter.save()
        height = QFontMetrics(small).height()
        # Every line of a row starts on the side its words in context start, so an English
        # title over an Arabic line does not jump to the other edge.
        right_to_left = is_right_to_left(row.line)
        if self.headings:
            heading = QRect(area.left(), top, area.width(), height)
            if row.label is not None:
                heading = _draw_chip(painter, heading, label_colour(row.label), right_to_left)
            _draw_plain(painter, heading, row.heading, small, faint, right_to_left)
            top += height + GAP

        height = QFontMetrics(large).height()
        fill = HIT_FILL if row.label is None else label_colour(row.label, SPAN_FILL_ALPHA)
        line = QRect(area.left(), top, area.width(), height)
        drawn = _draw_in_context(painter, line, row, large, ink, fill)
        background = item.palette.color(
            group, QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base
        )
        _fade_cut_edges(painter, line, drawn, background)
        top += height + GAP

        if row.speakers:
            speakers = QRect(area.left(), top, area.width(), QFontMetrics(small).height())
            _draw_plain(painter, speakers, row.speakers, small, faint, right_to_left)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        row = index.data(ROW_ROLE)
        small = QFontMetrics(_small_font(option.font)).height()
        large = QFontMetrics(_line_font(option.font)).height()
        lines = small + GAP + large if self.headings else large
        if isinstance(row, ResultRow) and row.speakers:
            lines += GAP + small
        # The width is the view's: the line is clipped, never wrapped.
        return QSize(100, lines + 2 * PADDING)


def _small_font(font: QFont) -> QFont:
    small = QFont(font)
    small.setPointSizeF(font.pointSizeF() * 0.88)
    return small


def _line_font(font: QFont) -> QFont:
    # Arabic with tashkeel needs a little more size than Latin text to stay legible.
    large = QFont(font)
    large.setPointSizeF(font.pointSizeF() * 1.12)
    return large


def _direction(text: str) -> Qt.LayoutDirection:
    return (
        Qt.LayoutDirection.RightToLeft if is_right_to_left(text) else Qt.LayoutDirection.LeftToRight
    )


def _draw_plain(
    painter: QPainter, rect: QRect, text: str, font: QFont, colour: QColor, from_right: bool
) -> None:
    """One line of text from the right or left edge, cut with … when too long."""
    side = Qt.AlignmentFlag.AlignRight if from_right else Qt.AlignmentFlag.AlignLeft
    option = QTextOption(side | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter)
    option.setTextDirection(_direction(text))  # the text's own order, wherever it stands
    option.setWrapMode(QTextOption.WrapMode.NoWrap)
    painter.setFont(font)
    painter.setPen(colour)
    shown = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
    painter.drawText(QRectF(rect), shown, option)


def _draw_chip(painter: QPainter, rect: QRect, colour: QColor, from_right: bool) -> QRect:
    """A square of the label's colour where the heading starts; returns the room left."""
    side = rect.height() - 4
    left = rect.right() - side if from_right else rect.left()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRoundedRect(QRect(left, rect.top() + 2, side, side), 2, 2)
    room = side + 4
    return rect.adjusted(0, 0, -room, 0) if from_right else rect.adjusted(room, 0, 0, 0)


def _fade_cut_edges(
    painter: QPainter, rect: QRect, drawn: tuple[float, float], background: QColor
) -> None:
    """Fade the line out at the edges where the text runs on (`drawn` is its left and right),
    so a cut reads as a cut rather than as a sliced letter."""
    clear = QColor(background)
    clear.setAlpha(0)
    left, right = drawn
    for edge, inward, cut in (
        (rect.left(), FADE, left < rect.left() - 0.5),
        (rect.right() + 1, -FADE, right > rect.right() + 1.5),
    ):
        if not cut:
            continue
        gradient = QLinearGradient(edge, 0, edge + inward, 0)
        gradient.setColorAt(0, background)
        gradient.setColorAt(1, clear)
        band = QRect(min(edge, edge + inward), rect.top(), FADE, rect.height())
        painter.fillRect(band, gradient)


def _draw_in_context(
    painter: QPainter, rect: QRect, row: ResultRow, font: QFont, ink: QColor, fill: QColor
) -> tuple[float, float]:
    """The line shaped whole, placed so the hit sits mid-row, the hit's letters filled;
    returns where the text begins and ends, left and right, however far it runs."""
    text = row.line
    utf16 = Utf16Index(text)  # QTextLayout counts UTF-16 units, Python code points
    start = utf16.to_utf16(len(row.before))
    end = utf16.to_utf16(len(row.before) + len(row.match))
    direction = _direction(text)
    option = QTextOption()
    option.setTextDirection(direction)
    option.setWrapMode(QTextOption.WrapMode.NoWrap)
    layout = QTextLayout(text, font)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(UNBOUNDED)
    layout.endLayout()
    first = _x(line, start)  # where the hit's first letter begins
    last = _x(line, end)
    left, right = min(first, last), max(first, last)
    if row.span is None and right - left <= rect.width():
        shift = rect.left() + rect.width() / 2 - (left + right) / 2
    elif direction == Qt.LayoutDirection.RightToLeft:
        shift = rect.right() - first
    else:
        shift = rect.left() - first
    marked = QTextLayout.FormatRange()
    marked.start, marked.length = start, end - start
    hit_format = QTextCharFormat()
    hit_format.setBackground(fill)
    marked.format = hit_format
    painter.save()
    painter.setClipRect(rect, Qt.ClipOperation.IntersectClip)
    painter.setPen(ink)
    layout.draw(painter, QPointF(shift, rect.top()), [marked])
    painter.restore()
    natural = line.naturalTextRect()
    return shift + natural.left(), shift + natural.right()


def _x(line: QTextLine, position: int) -> float:
    """Where a UTF-16 position falls on the line; PySide returns (x, position) untyped."""
    found: tuple[float, int] = line.cursorToX(position)  # type: ignore[assignment]
    return found[0]
