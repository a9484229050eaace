"""ArticleGesturesMixin: what the mouse does in an ArticleView (part of ArticleView).

Click a span to select it (again to pick the next one out of nested spans); drag the selected
span's edge to resize it; Ctrl+drag from a claim to its speaker to link them; right-click for
the menu; hover a span for what the viewer's looks say about it. Kept apart from
ui/article/view.py to keep that module small: these are Qt's event handlers and the hit tests
they need, and they talk to the rest of the window only through the view's signals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QHelpEvent, QMouseEvent
from PySide6.QtWidgets import QTextEdit, QToolTip

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

    _press: QPoint | None = None
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
        def _span(self, span_id: SpanId | None) -> Span | None: ...
        def link_tips_at(self, point: QPoint) -> list[str]: ...

    # Click a span to select it; drag the selected span's edge to resize it

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
        """The innermost span under a point, the layer's own spans before those the viewer
        paints its own way (suggestions); clicking again picks the next one out."""
        position = self.from_qt(self.cursorForPosition(point).position())
        covering = [span for span in spans_at(self.spans, position) if self._contains(span, point)]
        if not covering:
            self._last_clicked = None
            return None
        # sorted() is stable: innermost first within each group.
        ids = [span.id for span in sorted(covering, key=lambda span: span.id in self.looks)]
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
