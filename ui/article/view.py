"""ArticleView: one article, read-only and right-to-left, with the open layer's spans painted on.

Spans are painted as extra selections, which colour the shaped line without splitting Arabic
glyph runs (char formats break lam-alef ligatures: docs/arabic-in-qt.md). Only the spans in
view get one: setting a thousand of them costs almost three times the plain text's load, and
they are recomputed as the view scrolls. The selected span gets a frame, painted on top.
A viewer may give spans looks of its own (`set_looks`: colours, frames, tooltips) instead of
their labels' colours, and may make them read-only (`spans_editable`).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import cast

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QKeyEvent,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from annotation.model import Document, Link, Span, SpanId
from annotation.offsets import Utf16Index
from annotation.tagset import TagSet
from ui.article.gestures import ArticleGesturesMixin
from ui.article.link_painter import LINK_ROOM, LinksShown
from ui.article.painting import ArticlePaintingMixin, label_tag_height
from ui.article.span_style import SpanLook, look_format, span_format
from ui.fonts import article_font

DOCUMENT_MARGIN = 24
ZOOM_STEPS = (10, 11, 12, 13, 15, 17, 19, 22, 25, 29, 34)


class ArticleView(ArticleGesturesMixin, ArticlePaintingMixin, QTextEdit):
    """Shows a document's stored text exactly, with one annotator's spans."""

    # The mixins hold the mouse gestures (ui/article/gestures.py) and what is painted over the
    # text (ui/article/painting.py); they come before QTextEdit so that their Qt overrides win.

    span_clicked = Signal(object)  # SpanId | None
    link_requested = Signal(object, object)  # source SpanId (a claim), target SpanId
    menu_about_to_show = Signal(object)  # the right-click QMenu
    edge_dragged = Signal(object, str, int)  # SpanId, Boundary value, where to (code points)
    position_changed = Signal(int)  # the caret's code-point offset

    def __init__(self, tagset: TagSet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tagset = tagset
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self._zoom = ZOOM_STEPS.index(15)
        self.setFont(article_font(ZOOM_STEPS[self._zoom]))
        self.document_shown: Document | None = None
        self.spans: list[Span] = []
        self.links: list[Link] = []
        self.selected: SpanId | None = None
        self.show_label_tags = False
        self.links_shown = LinksShown.ALL  # the main window sets the person's choice
        self.looks: dict[SpanId, SpanLook] = {}  # spans coloured by the viewer, not by label
        self.spans_editable = True  # False: no dragging of edges, no Ctrl+drag linking
        self.context_actions: list[QAction | None] = []  # the right-click menu's (None: a line)
        self.language = "en"  # for the label tags' titles
        self._index = Utf16Index("")
        self._starts: list[int] = []
        self._longest = 0
        # Re-highlighting on every scroll step would repeat work; once per event-loop pass is enough.
        self._highlight_timer = QTimer(self, singleShot=True, interval=0)
        self._highlight_timer.timeout.connect(self.highlight_visible)
        # Never `valueChanged.connect(timer.start)`: PySide picks QTimer.start(int msec) for a
        # signal carrying an int, so each scroll set the delay to the scroll position (16 s at
        # the end of a long article; docs/arabic-in-qt.md, pitfalls; issue 14, item 10).
        self.verticalScrollBar().valueChanged.connect(self._highlight_soon)
        self.cursorPositionChanged.connect(self._report_position)
        # What the extra selections were last built from, so a scroll within the same
        # paragraphs, or a second request in the same pass, costs nothing.
        self._shown_highlights: tuple[object, ...] | None = None
        self._set_up_layout()

    # What is shown

    def show_document(self, document: Document | None, spans: list[Span] | None = None) -> None:
        """Show `document` with `spans`."""
        self.document_shown = document
        self._index = Utf16Index(document.text if document else "")
        self._shown_highlights = None
        self.setPlainText(document.text if document else "")
        if self._room_above_lines():
            self._make_room()
        self.moveCursor(QTextCursor.MoveOperation.Start)
        # Highlights wait for the first paint: finding the lines in view before Qt has laid
        # them out would make it lay out far more of a long article than the paint needs.
        self.set_spans(spans or [], None, later=True)

    def _set_up_layout(self) -> None:
        """Margins and direction, set once: setting them after the text lays it all out again."""
        text_document = self.document()
        text_document.setDocumentMargin(DOCUMENT_MARGIN)
        option = text_document.defaultTextOption()
        # Every paragraph right-to-left and right-aligned, not only those whose first strong
        # letter is Arabic: a line starting with a URL or a Latin name would turn left-to-right.
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        text_document.setDefaultTextOption(option)

    def set_spans(self, spans: list[Span], selected: SpanId | None, later: bool = False) -> None:
        """Paint these spans, `selected` framed (`later`: once the event loop comes round)."""
        self.spans = sorted(spans, key=lambda span: (span.start, -span.end))
        self._shown_highlights = None
        self._starts = [span.start for span in self.spans]
        self._longest = max((span.end - span.start for span in self.spans), default=0)
        self.selected = selected
        if later:
            self._highlight_timer.start()
        else:
            self.highlight_visible()

    def set_label_tags(self, shown: bool) -> None:
        """Show or hide each span's label in a small tag above its first letters."""
        self.show_label_tags = shown
        self._make_room()
        self._shown_highlights = None
        self.highlight_visible()

    def set_links_shown(self, shown: LinksShown) -> None:
        """Draw the selected span's links, all links or none."""
        had_room = self.links_shown is not LinksShown.NONE
        self.links_shown = shown
        if had_room != (shown is not LinksShown.NONE):
            self._make_room()
            self._shown_highlights = None
            self.highlight_visible()
        self.viewport().update()

    def _room_above_lines(self) -> float:
        """How much room to leave above every line: for the label tags and, above them, for
        the links' runs, so neither covers the dots and marks above letters, or digits."""
        tags = label_tag_height(self.font()) + 2 if self.show_label_tags else 0
        return tags + (LINK_ROOM if self.links_shown is not LinksShown.NONE else 0)

    def _make_room(self) -> None:
        """Space the lines out while tags or links are shown, so a tag or a link sits between
        two lines and never covers the dots and marks above letters (issue 14, item 17)."""
        gap = self._room_above_lines()
        spacing = QTextBlockFormat()
        # LineDistanceHeight adds the distance below every line, wrapped lines too; the first
        # line gets it above as its block's top margin (the document margin may be smaller).
        spacing.setLineHeight(gap, QTextBlockFormat.LineHeightTypes.LineDistanceHeight.value)
        first = QTextBlockFormat()
        first.setTopMargin(gap)
        cursor = QTextCursor(self.document())
        # One edit block, so the document is laid out again once, not once a paragraph
        # (110 ms against 20 ms for a 10,000-word article).
        cursor.beginEditBlock()
        cursor.mergeBlockFormat(first)
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeBlockFormat(spacing)
        cursor.endEditBlock()

    def set_links(self, links: list[Link]) -> None:
        """Draw these links as arcs."""
        self.links = links
        self.viewport().update()

    def set_looks(self, looks: dict[SpanId, SpanLook]) -> None:
        """Paint these spans as `looks` says (fill, frame, tooltip), the others by label."""
        self.looks = looks
        self._shown_highlights = None
        self.highlight_visible()

    def select_span(self, span_id: SpanId | None, scroll: bool = True) -> None:
        """Frame a span and bring it into view."""
        self.selected = span_id
        span = self._span(span_id)
        if span is not None and scroll:
            self.show_range(span.start, span.end)
        self.highlight_visible()

    def show_range(self, start: int, end: int) -> None:
        """Scroll so that code points `[start, end)` are in view, their start at least."""
        cursor = self.cursor_at(end)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        cursor.setPosition(self.to_qt(start))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def visible_range(self) -> tuple[int, int]:
        """The code-point range of the lines in view."""
        if self.document_shown is None:
            return 0, 0
        viewport = self.viewport().rect()
        # Whole lines, not whole paragraphs: a news paragraph can run to thousands of
        # characters, and every span in it would get an extra selection.
        # Both corners of each edge: the right-hand one, where a right-to-left line starts, is
        # also where the line above ends, and EndOfLine from there stopped a line short: the
        # bottom line in view went unfilled (issue 14 item 8).
        top_edge, bottom_edge = (
            [self.cursorForPosition(point).position() for point in corners]
            for corners in (
                (viewport.topLeft(), viewport.topRight()),
                (viewport.bottomLeft(), viewport.bottomRight()),
            )
        )
        top = QTextCursor(self.document())
        top.setPosition(min(top_edge))
        top.movePosition(QTextCursor.MoveOperation.StartOfLine)
        bottom = QTextCursor(self.document())
        bottom.setPosition(max(bottom_edge))
        bottom.movePosition(QTextCursor.MoveOperation.EndOfLine)
        first, last = sorted((top.position(), bottom.position()))
        return self.from_qt(first), self.from_qt(min(last, self._index.utf16_length))

    def visible_spans(self) -> list[Span]:
        """The spans that overlap the text in view."""
        start, end = self.visible_range()
        # Spans are sorted by start; one starting before the view can only reach into it if it
        # starts within the longest span's length of the view.
        first = bisect_left(self._starts, start - self._longest)
        last = bisect_left(self._starts, end)
        return [span for span in self.spans[first:last] if span.end > start]

    def highlight_visible(self) -> None:
        """Give each span in view an extra selection, the selected one drawn stronger."""
        visible = self.visible_spans()
        first, last = self.visible_range()
        key = (self.selected, self.font().pointSize(), first, last, *visible)
        if key == self._shown_highlights:
            return
        self._shown_highlights = key
        selections = []
        for span in visible:
            fmt = self._format_for(span)
            # One selection a paragraph, clipped to the lines in view: an extra selection that
            # crosses a paragraph break makes Qt lay out the whole document (20 ms and more on
            # a long article), and one running far below the view lays out all it covers.
            for start, end in self._paragraph_pieces(max(span.start, first), min(span.end, last)):
                selection = QTextEdit.ExtraSelection()
                selection.cursor = self.cursor_at(start, end)
                selection.format = fmt
                selections.append(selection)
        self.setExtraSelections(selections)
        self.viewport().update()

    def _format_for(self, span: Span) -> QTextCharFormat:
        look = self.looks.get(span.id) if span.id is not None else None
        if look is not None:
            return look_format(look)
        return span_format(self.tagset.find(span.label), selected=span.id == self.selected)

    def _paragraph_pieces(self, start: int, end: int) -> list[tuple[int, int]]:
        """`[start, end)` cut at paragraph breaks (code points)."""
        text = self.document_shown.text if self.document_shown else ""
        pieces = []
        while start < end:
            newline = text.find("\n", start, end)
            stop = end if newline < 0 else newline
            if stop > start:
                pieces.append((start, stop))
            start = stop + 1
        return pieces

    # Offsets: Qt counts UTF-16 units, the model code points (annotation/offsets.py)

    def to_qt(self, index: int) -> int:
        """The Qt position of a code-point offset."""
        return self._index.to_utf16(index)

    def from_qt(self, position: int) -> int:
        """The code-point offset of a Qt position (a position inside an emoji moves to its start)."""
        try:
            return self._index.from_utf16(position)
        except ValueError:
            return self._index.from_utf16(position - 1)

    def cursor_at(self, start: int, end: int | None = None) -> QTextCursor:
        """A cursor at code-point `start`, selecting up to `end` when given."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.to_qt(start))
        if end is not None:
            cursor.setPosition(self.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def selection_range(self) -> tuple[int, int] | None:
        """The person's text selection in code points, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.from_qt(cursor.selectionStart()), self.from_qt(cursor.selectionEnd())

    def clear_selection(self) -> None:
        """Drop the text selection: Qt paints it over the span colours."""
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    def span_rects(self, span: Span) -> list[QRectF]:
        """The rectangles, one a line, that a span covers, in viewport coordinates."""
        rects = []
        start, end = self.to_qt(span.start), self.to_qt(span.end)
        block = self.document().findBlock(start)
        offset = QPointF(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())
        while block.isValid() and block.position() < end:
            layout = block.layout()
            origin = layout.position() + offset
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                line_start = block.position() + line.textStart()
                line_end = line_start + line.textLength()
                a, b = max(start, line_start), min(end, line_end)
                if a >= b:
                    continue
                x1 = _line_x(line, a - block.position())
                x2 = _line_x(line, b - block.position())
                rect = QRectF(min(x1, x2), line.y(), abs(x2 - x1), line.height())
                rects.append(rect.translated(origin))
            block = block.next()
        return rects

    # Zoom

    def zoom_in(self) -> None:
        """Larger text."""
        self._set_zoom(self._zoom + 1)

    def zoom_out(self) -> None:
        """Smaller text."""
        self._set_zoom(self._zoom - 1)

    def zoom_reset(self) -> None:
        """The default text size."""
        self._set_zoom(ZOOM_STEPS.index(15))

    def point_size(self) -> int:
        """The text size in points."""
        return ZOOM_STEPS[self._zoom]

    def _set_zoom(self, step: int) -> None:
        self._zoom = max(0, min(len(ZOOM_STEPS) - 1, step))
        self.setFont(article_font(ZOOM_STEPS[self._zoom]))
        if self.show_label_tags:
            self._make_room()  # the tags grow with the text
        self._shown_highlights = None
        self.highlight_visible()

    # Keyboard: Tab and Shift+Tab walk through the spans (QTextEdit would move the focus away)

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and self._walks_spans(event):
            backwards = event.key() == Qt.Key.Key_Backtab or bool(
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            self.span_clicked.emit(self._neighbour(backwards))
            return True
        return super().event(event)

    def _walks_spans(self, event: QKeyEvent) -> bool:
        tab = event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        return event.type() == QEvent.Type.KeyPress and tab and bool(self.spans)

    def _neighbour(self, backwards: bool) -> SpanId | None:
        ids = [span.id for span in self.spans]
        if self.selected not in ids:
            return ids[-1] if backwards else ids[0]
        step = -1 if backwards else 1
        return ids[(ids.index(self.selected) + step) % len(ids)]

    # Helpers

    def _span(self, span_id: SpanId | None) -> Span | None:
        return next((span for span in self.spans if span.id == span_id), None) if span_id else None

    def _report_position(self) -> None:
        self.position_changed.emit(self.from_qt(self.textCursor().position()))

    def _highlight_soon(self) -> None:
        """Highlight once the event loop comes round, after the timer's own 0 ms."""
        self._highlight_timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._highlight_soon()


def _line_x(line: QTextLine, position: int) -> float:
    """The x of a cursor at `position` (in the line's block) on `line`, in layout coordinates."""
    # C++ QTextLine::cursorToX(int *cursorPos, Edge) returns the x and may move cursorPos;
    # PySide6 returns both as a tuple (x, cursorPos), which its stubs type only as `object`.
    x, _position = cast(tuple[float, int], line.cursorToX(position))
    return x
