"""ArticlePaintingMixin: what ArticleView paints over its text (part of ArticleView).

The span fills go under the text (ArticleView.paint_fills, ui/article/span_fills.py), the text
is Qt's, and this draws what goes over it: frames around the selected span and around spans
whose look has an outline, the links between spans as arcs (and the one being drawn by a
Ctrl+drag), and the optional label tags. Kept apart from ui/article/view.py to keep that module small; it only
reads the view's state, through the names listed under TYPE_CHECKING below.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetricsF, QPainter, QPaintEvent, QPen

from annotation.model import Link, Span, SpanId
from annotation.tagset import TagSet
from ui.article.link_painter import arc, paint_link
from ui.article.span_style import SpanLook, label_colour

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
        looks: dict[SpanId, SpanLook]
        language: str
        _linking: tuple[Span, QPoint] | None

        def visible_range(self) -> tuple[int, int]: ...
        def visible_spans(self) -> list[Span]: ...
        def span_rects(self, span: Span) -> list[QRectF]: ...
        def _span(self, span_id: SpanId | None) -> Span | None: ...
        def paint_fills(self, clip: QRect) -> None: ...

    def paintEvent(self, event: QPaintEvent) -> None:
        # Span fills first: QTextEdit draws no background of its own (the viewport's is filled
        # before this), so its glyphs land on top of the fills and Arabic stays joined.
        self.paint_fills(event.rect())
        super().paintEvent(event)
        selected = self._span(self.selected)
        outlined = self._frames(selected)
        if not outlined and not self.show_label_tags and not self.links and not self._linking:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for span, colour, width, style in outlined:
            painter.setPen(QPen(colour, width, style))
            for rect in self.span_rects(span):
                painter.drawRoundedRect(rect.adjusted(-1, 1, 1, -1), 3, 3)
        self._paint_links(painter, selected)
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

    def _paint_links(self, painter: QPainter, selected: Span | None) -> None:
        first, last = self.visible_range()
        by_id = {span.id: span for span in self.spans}
        for link in self.links:
            source, target = by_id.get(link.source_id), by_id.get(link.target_id)
            if source is None or target is None:
                continue
            if min(source.start, target.start) > last or max(source.end, target.end) < first:
                continue  # neither end nor the stretch between is in view
            emphasised = selected is not None and selected.id in (link.source_id, link.target_id)
            colour = QColor(40, 40, 40, 220 if emphasised else 120)
            paint_link(painter, self.span_rects(source), self.span_rects(target), colour)
        if self._linking is not None:
            source_span, point = self._linking
            rects = self.span_rects(source_span)
            if rects:
                painter.setPen(QPen(QColor(40, 40, 40, 200), 1.5, Qt.PenStyle.DashLine))
                start = QPointF(rects[0].center().x(), rects[0].top())
                painter.drawPath(arc(start, QPointF(point)))

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
