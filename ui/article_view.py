"""ArticleView: one article, read-only and right-to-left, with the open layer's spans painted on.

Spans are painted as extra selections, which colour the shaped line without splitting Arabic
glyph runs (char formats break lam-alef ligatures: ../shared/ARABIC-QT.md). Only the spans in
view get one: setting a thousand of them costs almost three times the plain text's load, and
they are recomputed as the view scrolls. The selected span gets a frame, painted on top.
A viewer may give spans looks of its own (`set_looks`: colours, frames, tooltips) instead of
their labels' colours, and may make them read-only (`spans_editable`).
"""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from annotation.model import Document, Link, Span, SpanId
from annotation.offsets import Utf16Index
from annotation.tagging import spans_at
from annotation.tagset import TagSet
from ui.fonts import article_font
from ui.link_painter import arc, paint_link
from ui.span_style import SpanLook, label_colour, look_format, span_format

DOCUMENT_MARGIN = 24
# How close (in pixels) a press must be to the selected span's edge to drag that edge.
EDGE_GRAB_PIXELS = 6
ZOOM_STEPS = (10, 11, 12, 13, 15, 17, 19, 22, 25, 29, 34)


class ArticleView(QTextEdit):
    """Shows a document's stored text exactly, with one annotator's spans."""

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
        self.looks: dict[SpanId, SpanLook] = {}  # spans coloured by the viewer, not by label
        self.spans_editable = True  # False: no dragging of edges, no Ctrl+drag linking
        self.context_actions: list[QAction | None] = []  # the right-click menu's (None: a line)
        self.language = "en"  # for the label tags' titles
        self._index = Utf16Index("")
        self._starts: list[int] = []
        self._longest = 0
        self._press: QPoint | None = None
        self._drag: tuple[Span, str] | None = None  # the span, and "start" or "end"
        self._linking: tuple[Span, QPoint] | None = None  # Ctrl+drag from a claim: where to
        # Re-highlighting on every scroll step would repeat work; once per event-loop pass is enough.
        self._highlight_timer = QTimer(self, singleShot=True, interval=0)
        self._highlight_timer.timeout.connect(self.highlight_visible)
        self.verticalScrollBar().valueChanged.connect(self._highlight_timer.start)
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
        top = self.cursorForPosition(viewport.topLeft())
        top.movePosition(QTextCursor.MoveOperation.StartOfLine)
        bottom = self.cursorForPosition(viewport.bottomRight())
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
                x1 = line.cursorToX(a - block.position())[0]
                x2 = line.cursorToX(b - block.position())[0]
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
        self._shown_highlights = None
        self.highlight_visible()

    # Painting: the frame of the selected span and the optional label tags

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        selected = self._span(self.selected)
        outlined = self._frames(selected)
        if not outlined and not self.show_label_tags and not self.links and not self._linking:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for span, colour, width in outlined:
            painter.setPen(QPen(colour, width))
            for rect in self.span_rects(span):
                painter.drawRoundedRect(rect.adjusted(-1, 1, 1, -1), 3, 3)
        self._paint_links(painter, selected)
        if self.show_label_tags:
            self._paint_label_tags(painter)
        painter.end()

    def _frames(self, selected: Span | None) -> list[tuple[Span, QColor, float]]:
        """The frames to draw: spans whose look has an outline, then the selected span."""
        frames = []
        for span in self.visible_spans() if self.looks else []:
            look = self.looks.get(span.id) if span.id is not None else None
            if look is not None and look.outline is not None:
                frames.append((span, look.outline, look.outline_width))
        if selected is not None:
            look = self.looks.get(selected.id) if selected.id is not None else None
            colour = label_colour(self.tagset.find(selected.label))
            if look is not None:
                colour = look.outline or look.fill
            frames.append((selected, colour.darker(150), 2.0))
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

    def _paint_label_tags(self, painter: QPainter) -> None:
        font = self.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.45))
        painter.setFont(font)
        for span in self.visible_spans():
            rects = self.span_rects(span)
            if not rects:
                continue
            first = rects[0]
            label = self.tagset.find(span.label)
            text = label.title(self.language) if label else span.label
            width = painter.fontMetrics().horizontalAdvance(text) + 6
            tag = QRectF(
                first.right() - width, first.top() - 1, width, painter.fontMetrics().height()
            )
            painter.fillRect(tag, label_colour(label, 220))
            painter.setPen(QColor("white"))
            painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, text)

    # Mouse: click a span to select it; drag the selected span's edge to resize it

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        if (
            self.spans_editable
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and event.button() == Qt.MouseButton.LeftButton
        ):
            source = self._span(self._span_id_at(self._press))
            if source is not None:
                # Ctrl+drag from a claim to a speaker links them.
                self._linking = (source, self._press)
                self.viewport().setCursor(Qt.CursorShape.CrossCursor)
                return
        self._drag = self._edge_under(self._press)
        if self._drag is not None and event.button() == Qt.MouseButton.LeftButton:
            self.viewport().setCursor(Qt.CursorShape.SizeHorCursor)
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._linking is not None:
            self._linking = (self._linking[0], event.position().toPoint())
            self.viewport().update()
            return
        if self._drag is not None:
            self._preview_drag(event.position().toPoint())
            return
        edge = self._edge_under(event.position().toPoint())
        shape = Qt.CursorShape.SizeHorCursor if edge else Qt.CursorShape.IBeamCursor
        self.viewport().setCursor(shape)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        if self._linking is not None:
            source = self._linking[0]
            self._linking = None
            self.viewport().setCursor(Qt.CursorShape.IBeamCursor)
            target = self._span_id_at(point)
            if target is not None and target != source.id:
                self.link_requested.emit(source.id, target)
            self.viewport().update()
            return
        if self._drag is not None:
            span, edge = self._drag
            self._drag = None
            self.viewport().setCursor(Qt.CursorShape.IBeamCursor)
            position = self.from_qt(self.cursorForPosition(point).position())
            self.edge_dragged.emit(span.id, edge, position)
            self.highlight_visible()
            return
        super().mouseReleaseEvent(event)
        pressed, self._press = self._press, None
        moved = pressed is not None and (point - pressed).manhattanLength() > 3
        if (
            event.button() == Qt.MouseButton.LeftButton
            and not moved
            and not self.textCursor().hasSelection()
        ):
            self.span_clicked.emit(self._span_id_at(point))

    def _span_id_at(self, point: QPoint) -> SpanId | None:
        """The innermost span under a point; clicking it again picks the next one out."""
        position = self.from_qt(self.cursorForPosition(point).position())
        covering = [span for span in spans_at(self.spans, position) if self._contains(span, point)]
        if not covering:
            return None
        ids = [span.id for span in covering]
        if self.selected in ids:
            return ids[(ids.index(self.selected) + 1) % len(ids)]
        return ids[0]

    def _contains(self, span: Span, point: QPoint) -> bool:
        return any(
            rect.adjusted(-2, 0, 2, 0).contains(QPointF(point)) for rect in self.span_rects(span)
        )

    def _edge_under(self, point: QPoint) -> tuple[Span, str] | None:
        span = self._span(self.selected)
        if span is None or not self.spans_editable:
            return None
        rects = self.span_rects(span)
        if not rects:
            return None
        start_x = self.cursorRect(self.cursor_at(span.start)).center()
        end_x = self.cursorRect(self.cursor_at(span.end)).center()
        for edge, where in (("start", start_x), ("end", end_x)):
            same_line = abs(where.y() - point.y()) < self.fontMetrics().height() / 2
            if same_line and abs(where.x() - point.x()) <= EDGE_GRAB_PIXELS:
                return span, edge
        return None

    def _preview_drag(self, point: QPoint) -> None:
        assert self._drag is not None
        span, edge = self._drag
        position = self.from_qt(self.cursorForPosition(point).position())
        start, end = (position, span.end) if edge == "start" else (span.start, position)
        preview = QTextEdit.ExtraSelection()
        preview.cursor = self.cursor_at(min(start, end), max(start, end))
        preview.format = span_format(self.tagset.find(span.label), selected=True)
        others = [
            s for s in self.extraSelections() if s.cursor.selectionStart() != self.to_qt(span.start)
        ]
        self.setExtraSelections([*others, preview])
        self._shown_highlights = None  # the preview is not what highlight_visible() would show

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        # Right-clicking a span selects it first, so "Delete" and the labels act on it.
        if not self.textCursor().hasSelection():
            span_id = self._span_id_at(event.pos())
            if span_id is not None and span_id != self.selected:
                self.span_clicked.emit(span_id)
        menu = self.createStandardContextMenu(event.pos())
        menu.addSeparator()
        for action in self.context_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        self.menu_about_to_show.emit(menu)  # the window adds what depends on the span
        menu.exec(event.globalPos())
        menu.deleteLater()

    # Tooltips: what the viewer's looks say about the spans under the mouse

    def tooltip_at(self, point: QPoint) -> str:
        """The tooltips of the spans with a look under a viewport point, innermost first."""
        position = self.from_qt(self.cursorForPosition(point).position())
        texts: list[str] = []
        for span in spans_at(self.spans, position):
            look = self.looks.get(span.id) if span.id is not None else None
            if look and look.tooltip and look.tooltip not in texts and self._contains(span, point):
                texts.append(look.tooltip)
        return "\n\n".join(texts)

    def viewportEvent(self, event: QEvent) -> bool:
        # Tooltip events go to the viewport (QAbstractScrollArea), in its coordinates.
        if event.type() == QEvent.Type.ToolTip and self.looks and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

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

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._highlight_timer.start()
