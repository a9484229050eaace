"""ArticleGesturesMixin: what the mouse does in an ArticleView (part of ArticleView).

Click a span to select it (again to pick the next one out of nested spans); drag to select text,
inside a span as anywhere; drag the selected span's edge to resize it; Ctrl+drag from a claim to
its speaker to link them; right-click a span for the menu acting on it (inside a text
selection: acting on the selection); hover a span for what the viewer's looks say about it.
Kept apart from ui/article/view.py to keep that module small: these are Qt's event handlers
and the hit tests they need, and they talk to the rest of the window only through the view's
signals.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QHelpEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QTextEdit, QToolTip

from annotation.model import Link, Span, SpanId
from annotation.tagging import spans_at
from annotation.tagset import TagSet
from ui.article.span_style import SpanLook, span_format

if TYPE_CHECKING:
    from PySide6.QtCore import QRectF, Signal
    from PySide6.QtGui import QTextCursor

    # mypy sees the QTextEdit the mixin is always put in front of; at run time it is a plain
    # class, so that ArticleView's only Qt base is QTextEdit.
    _TextEdit = QTextEdit
else:
    _TextEdit = object

# How close (in pixels) a press must be to the selected span's edge to drag that edge.
EDGE_GRAB_PIXELS = 6


class ArticleGesturesMixin(_TextEdit):
    """Mouse presses, drags, the context menu and tooltips over ArticleView's spans."""

    _press: QPoint | None = None  # where the left button went down, while it is down
    _dragging = False  # the press has moved the drag distance: it selects text
    _may_click = False  # the press selected nothing itself, so its release may be a click
    _drag: tuple[Span, str] | None = None  # the span, and "start" or "end"
    _linking: tuple[Span, QPoint] | None = None  # Ctrl+drag from a claim: where to
    _last_clicked: SpanId | None = None  # to cycle through stacked spans click after click

    if TYPE_CHECKING:
        # What the gestures use of ArticleView, which defines all of it.
        span_clicked: ClassVar[Signal]
        link_requested: ClassVar[Signal]
        menu_about_to_show: ClassVar[Signal]
        edge_dragged: ClassVar[Signal]
        tagset: TagSet
        spans: list[Span]
        links: list[Link]
        selected: SpanId | None
        looks: dict[SpanId, SpanLook]
        spans_editable: bool
        context_actions: list[QAction | None]
        _shown_highlights: tuple[object, ...] | None

        def to_qt(self, index: int) -> int: ...
        def from_qt(self, position: int) -> int: ...
        def cursor_at(self, start: int, end: int | None = None) -> QTextCursor: ...
        def span_rects(self, span: Span) -> list[QRectF]: ...
        def highlight_visible(self) -> None: ...
        def clear_selection(self) -> None: ...
        def _span(self, span_id: SpanId | None) -> Span | None: ...
        def link_tips_at(self, point: QPoint) -> list[str]: ...

    # A click selects the span under it; a drag selects text, also inside a span

    def mousePressEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        self._press = None
        left = event.button() == Qt.MouseButton.LeftButton
        if self.spans_editable and left and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            source = self._span(self._span_id_at(point))
            if source is not None:
                # Ctrl+drag from a claim to a speaker links them.
                self._linking = (source, point)
                self.viewport().setCursor(Qt.CursorShape.CrossCursor)
                return
        self._drag = self._edge_under(point) if left else None
        if self._drag is not None:
            self.viewport().setCursor(Qt.CursorShape.SizeHorCursor)
            return
        if left and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            # A press inside the text selection would make Qt start dragging the selected
            # text away (QWidgetTextControl's drag and drop), which a read-only article has
            # no use for: a person pressing there wants a new selection from that letter.
            self.clear_selection()
        super().mousePressEvent(event)
        if left:
            # A press that selected text itself (Shift+click, a triple click) is no click
            # on a span.
            self._start_press(point, may_click=not self.textCursor().hasSelection())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        # Qt selects the word, as in any text view; the first click already chose the span.
        super().mouseDoubleClickEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self._start_press(event.position().toPoint(), may_click=False)

    def _start_press(self, point: QPoint, may_click: bool) -> None:
        self._press = point
        self._dragging = False
        self._may_click = may_click

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        if self._linking is not None:
            self._linking = (self._linking[0], point)
            self.viewport().update()
            return
        if self._drag is not None:
            self._preview_drag(point)
            return
        edge = self._edge_under(point)
        shape = Qt.CursorShape.SizeHorCursor if edge else Qt.CursorShape.IBeamCursor
        self.viewport().setCursor(shape)
        if self._press is not None and not self._dragging:
            if (point - self._press).manhattanLength() < QApplication.startDragDistance():
                return  # still a click: a hand's tremor selects no letter
            self._dragging = True
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
        if (
            event.button() == Qt.MouseButton.LeftButton
            and pressed is not None
            and not self._dragging
            and self._may_click
        ):
            # A click: the span under it is selected, and the caret stays where the click
            # put it, so Shift+arrows select from there.
            with self._caret_kept():
                self.span_clicked.emit(self._span_id_at(pressed))

    @contextmanager
    def _caret_kept(self) -> Iterator[None]:
        """Keep the caret and the scroll position through a span selection: selecting a
        span puts the caret at its start and scrolls there, as Tab should, a click should not."""
        cursor = self.textCursor()
        scrolled = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        yield
        self.setTextCursor(cursor)
        self.horizontalScrollBar().setValue(scrolled[0])
        self.verticalScrollBar().setValue(scrolled[1])

    def _span_ids_under(self, point: QPoint) -> list[SpanId]:
        """The spans under a point, innermost first, the layer's own before those the
        viewer paints its own way (suggestions)."""
        position = self.from_qt(self.cursorForPosition(point).position())
        # Qt gives the caret boundary nearest the point, which is past a span's last letter
        # when the point is in that letter's far half (half of a two-letter word like في):
        # take the spans on both sides of the boundary and let their rectangles decide.
        nearby = {
            span.id: span for at in (position - 1, position) for span in spans_at(self.spans, at)
        }
        covering = [span for span in nearby.values() if self._contains(span, point)]
        # Innermost first (sorted() is stable), the layer's own before the viewer's.
        covering.sort(key=lambda span: (span.end - span.start, span.start))
        return [
            span.id
            for span in sorted(covering, key=lambda span: span.id in self.looks)
            if span.id is not None
        ]

    def _span_id_at(self, point: QPoint) -> SpanId | None:
        """The span a click at a point chooses: the innermost, or, clicked again, the next one
        out of the spans stacked there."""
        ids = self._span_ids_under(point)
        if not ids:
            self._last_clicked = None
            return None
        # A suggestion chosen by a click never becomes `selected` (it is not in the layer),
        # so the cycle goes on from the last span clicked (issue 14, item 4: an own claim
        # under suggestions could never be clicked).
        last = self.selected if self.selected in ids else self._last_clicked
        chosen = ids[(ids.index(last) + 1) % len(ids)] if last in ids else ids[0]
        self._last_clicked = chosen
        return chosen

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

    def _right_clicked(self, point: QPoint) -> None:
        """Choose what the menu acts on: the text selection when the click is inside it,
        else the span under the click (the selected one if it is there), else nothing."""
        position = self.cursorForPosition(point).position()
        selection = self.textCursor()
        if selection.hasSelection() and (
            selection.selectionStart() <= position <= selection.selectionEnd()
        ):
            return  # "Tag as" tags the selection
        # Outside the selection, the menu acts on a span, which a selection would override.
        self.setTextCursor(self.cursorForPosition(point))
        ids = self._span_ids_under(point)
        if self.selected is not None and self.selected in ids:
            return
        chosen = ids[0] if ids else None
        self._last_clicked = chosen
        with self._caret_kept():
            self.span_clicked.emit(chosen)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            self._right_clicked(event.pos())
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

    # Tooltips: what the viewer's looks say about the spans under the mouse, and their links

    def tooltip_at(self, point: QPoint) -> str:
        """The tooltips of the spans with a look under a viewport point, innermost first, then
        what is said about the links there."""
        position = self.from_qt(self.cursorForPosition(point).position())
        texts: list[str] = []
        for span in spans_at(self.spans, position):
            look = self.looks.get(span.id) if span.id is not None else None
            if look and look.tooltip and look.tooltip not in texts and self._contains(span, point):
                texts.append(look.tooltip)
        texts += self.link_tips_at(point)  # a claim's speaker, a link's two ends
        return "\n\n".join(texts)

    def viewportEvent(self, event: QEvent) -> bool:
        # Tooltip events go to the viewport (QAbstractScrollArea), in its coordinates.
        tooltip = event.type() == QEvent.Type.ToolTip
        if tooltip and (self.looks or self.links) and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)
