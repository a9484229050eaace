"""ArticlePaintingMixin: what ArticleView paints over its text (part of ArticleView).

The span fills go under the text (ArticleView.paint_fills, ui/article/span_fills.py), the text
is Qt's, and this draws what goes over it: frames around the selected span and around spans
whose look has an outline, the links between spans (those the person chose to see: the selected
span's, all or none), routed in the gap above the lines (ui/article/link_painter.py), the one
being drawn by a Ctrl+drag, and the optional label tags; and the words a tooltip says about
links. Kept apart from ui/article/view.py to keep that module small; it only reads the view's
state, through the names listed under TYPE_CHECKING below.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetricsF, QPainter, QPaintEvent, QPen

from annotation.model import Link, Span, SpanId
from annotation.tagging import spans_at
from annotation.tagset import TagSet
from ui.article.link_painter import (
    HOVER_PIXELS,
    LINK_ROOM,
    LinksShown,
    arc,
    distance_to_route,
    paint_route,
    route,
)
from ui.article.span_style import SpanLook, label_colour
from ui.wording import isolate

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTextEdit

    # mypy sees the QTextEdit the mixin is always put in front of; at run time it is a plain
    # class, so that ArticleView's only Qt base is QTextEdit.
    _TextEdit = QTextEdit
else:
    _TextEdit = object


class ArticlePaintingMixin(_TextEdit):
    """Frames, links and label tags painted on top of ArticleView's text."""

    if TYPE_CHECKING:
        # What the painting reads of ArticleView, which defines all of it.
        tagset: TagSet
        spans: list[Span]
        links: list[Link]
        selected: SpanId | None
        show_label_tags: bool
        links_shown: LinksShown
        looks: dict[SpanId, SpanLook]
        language: str
        _linking: tuple[Span, QPoint] | None

        def visible_range(self) -> tuple[int, int]: ...
        def visible_spans(self) -> list[Span]: ...
        def span_rects(self, span: Span) -> list[QRectF]: ...
        def _span(self, span_id: SpanId | None) -> Span | None: ...
        def _contains(self, span: Span, point: QPoint) -> bool: ...
        def from_qt(self, position: int) -> int: ...
        def paint_fills(self, clip: QRect) -> None: ...

    def paintEvent(self, event: QPaintEvent) -> None:
        # Span fills first: QTextEdit draws no background of its own (the viewport's is filled
        # before this), so its glyphs land on top of the fills and Arabic stays joined.
        self.paint_fills(event.rect())
        super().paintEvent(event)
        selected = self._span(self.selected)
        outlined = self._frames(selected)
        links = self.link_routes()
        if not outlined and not self.show_label_tags and not links and not self._linking:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for span, colour, width, style in outlined:
            painter.setPen(QPen(colour, width, style))
            for rect in self.span_rects(span):
                painter.drawRoundedRect(rect.adjusted(-1, 1, 1, -1), 3, 3)
        self._paint_links(painter, selected, links)
        if self.show_label_tags:
            self._paint_label_tags(painter)
        painter.end()

    def _frames(self, selected: Span | None) -> list[tuple[Span, QColor, float, Qt.PenStyle]]:
        """The frames to draw: spans whose look has an outline, then the selected span."""
        frames = []
        for span in self.visible_spans() if self.looks else []:
            look = self.looks.get(span.id) if span.id is not None else None
            if look is not None and look.outline is not None:
                frames.append((span, look.outline, look.outline_width, look.outline_style))
        if selected is not None:
            look = self.looks.get(selected.id) if selected.id is not None else None
            colour = label_colour(self.tagset.find(selected.label))
            if look is not None:
                colour = look.outline or look.fill
            frames.append((selected, colour.darker(150), 2.0, Qt.PenStyle.SolidLine))
        return frames

    def shown_links(self) -> list[tuple[Link, Span, Span]]:
        """The links to draw, as the person chose (`links_shown`), with their two spans."""
        if self.links_shown is LinksShown.NONE:
            return []
        by_id = {span.id: span for span in self.spans}
        shown = []
        for link in self.links:
            if self.links_shown is LinksShown.SELECTED and self.selected not in (
                link.source_id,
                link.target_id,
            ):
                continue
            source, target = by_id.get(link.source_id), by_id.get(link.target_id)
            if source is not None and target is not None:
                shown.append((link, source, target))
        return shown

    def link_routes(self) -> list[tuple[Link, Span, Span, list[QPointF]]]:
        """Each shown link in view with its route's corners, in viewport coordinates."""
        first, last = self.visible_range()
        margin = self.document().documentMargin()
        scrolled = self.horizontalScrollBar().value()
        # The text's width, not document().size(): that lays out the whole article first.
        width = self.document().textWidth()
        if width <= 0:
            width = float(self.viewport().width())
        lanes = (margin / 2 - scrolled, width - margin / 2 - scrolled)
        routes = []
        for link, source, target in self.shown_links():
            if min(source.start, target.start) > last or max(source.end, target.end) < first:
                continue  # neither end nor the stretch between is in view
            points = route(
                self.span_rects(source), self.span_rects(target), self.link_rise(), lanes
            )
            if points is not None:
                routes.append((link, source, target, points))
        return routes

    def link_rise(self) -> float:
        """How far above a line's top its links run: the middle of the room for links, which
        the view leaves above the label tags' when both are shown."""
        tags = label_tag_height(self.font()) + 2 if self.show_label_tags else 0
        return tags + LINK_ROOM / 2

    def _paint_links(
        self,
        painter: QPainter,
        selected: Span | None,
        routes: list[tuple[Link, Span, Span, list[QPointF]]],
    ) -> None:
        for link, _source, _target, points in routes:
            emphasised = selected is not None and selected.id in (link.source_id, link.target_id)
            colour = QColor(40, 40, 40, 220 if emphasised else 120)
            paint_route(painter, points, colour)
        if self._linking is not None:
            source_span, point = self._linking
            rects = self.span_rects(source_span)
            if rects:
                painter.setPen(QPen(QColor(40, 40, 40, 200), 1.5, Qt.PenStyle.DashLine))
                start = QPointF(rects[0].center().x(), rects[0].top())
                painter.drawPath(arc(start, QPointF(point)))

    def link_tips_at(self, point: QPoint) -> list[str]:
        """What a tooltip says about links at a viewport point: the speaker of each claim under
        it (shown or not), and each shown link whose route passes within a few pixels."""
        position = self.from_qt(self.cursorForPosition(point).position())
        under = {span.id for span in spans_at(self.spans, position) if self._contains(span, point)}
        by_id = {span.id: span for span in self.spans}
        tips = []
        # Worded in the view's context: tr() in a mixin would look in a context of its own.
        for link in self.links:
            speaker = by_id.get(link.target_id)
            if link.source_id in under and speaker is not None:
                tip = QCoreApplication.translate("ArticleView", "Speaker: %1")
                tips.append(tip.replace("%1", isolate(speaker.text)))
        for _link, source, target, points in self.link_routes():
            if distance_to_route(points, QPointF(point)) <= HOVER_PIXELS:
                tips.append(
                    QCoreApplication.translate("ArticleView", "%1 → %2")
                    .replace("%1", isolate(_shortened(source.text)))
                    .replace("%2", isolate(target.text))
                )
        return tips

    def label_tags(self) -> list[tuple[Span, QRectF, str]]:
        """Each visible span's tag: the span, where its tag goes (viewport) and its text."""
        font = label_tag_font(self.font())
        metrics = QFontMetricsF(font)
        height = label_tag_height(self.font())
        starts = []
        for span in self.visible_spans():
            rects = self.span_rects(span)
            if rects:
                starts.append((rects[0], span))
        # Along each line from its right edge (where Arabic starts), longer spans first: a tag
        # that would run into the one before it moves left of it, so tags never overlap.
        starts.sort(key=lambda item: (item[0].top(), -item[0].right(), item[1].start - item[1].end))
        tags = []
        leftmost: dict[float, float] = {}  # a line's top -> the left edge of its last tag
        for first, span in starts:
            label = self.tagset.find(span.label)
            text = label.title(self.language) if label else span.label
            width = metrics.horizontalAdvance(text) + 6
            right = min(first.right(), leftmost.get(first.top(), first.right()) - 1)
            # In the room the view makes above each line while tags are shown (set_label_tags),
            # never over the line itself, where the dots of غ or a digit would be hidden.
            tag = QRectF(right - width, first.top() - height - 1, width, height)
            leftmost[first.top()] = tag.left()
            tags.append((span, tag, text))
        return tags

    def _paint_label_tags(self, painter: QPainter) -> None:
        font = label_tag_font(self.font())
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        for span, tag, text in self.label_tags():
            painter.fillRect(tag, label_colour(self.tagset.find(span.label), 220))
            painter.setPen(QColor("white"))
            # Capitals centred on a baseline of our own, and clipped to the tag: the font's
            # ascent and descent, made for stacked Arabic marks, are twice the tag's height.
            baseline = tag.top() + (tag.height() + metrics.capHeight()) / 2
            start = tag.center().x() - metrics.horizontalAdvance(text) / 2
            painter.save()
            painter.setClipRect(tag)
            painter.drawText(QPointF(start, baseline), text)
            painter.restore()


def _shortened(text: str, most: int = 40) -> str:
    """A claim's opening words, enough to recognise it in a tooltip."""
    return text if len(text) <= most else text[:most].rstrip() + "…"


def label_tag_font(article: QFont) -> QFont:
    """The label tags' font: the interface's, a little under half the article's size, never
    unreadably small."""
    font = QFont()
    font.setPointSizeF(max(7.0, article.pointSizeF() * 0.45))
    return font


def label_tag_height(article: QFont) -> int:
    """How tall a label tag is, in pixels; the view adds this much and a little above each line."""
    # From the em, not the font's line height: Noto Sans Arabic's is about twice its em.
    return math.ceil(QFontInfo(label_tag_font(article)).pixelSize() * 1.3) + 1
