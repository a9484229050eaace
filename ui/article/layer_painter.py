"""LayerPainter: the one owner of what the article shows of the open layer: the person's spans,
their links, and the assistant's pending suggestions over them (lighter, with a dashed frame).

Two controllers used to repaint the article after each change, the window with the spans and
then the suggestion flow with the suggestions over them: right only because of the order in
which their signals were connected. Now one object paints both, whatever that order.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt

from annotation.changes import Changes
from annotation.model import SpanId
from ui.article.span_style import SpanLook, label_colour
from ui.article.view import ArticleView
from ui.session.qt_session import Session


class LayerPainter(QObject):
    """Keeps the article in step with the session's open layer and pending suggestions."""

    def __init__(self, session: Session, view: ArticleView) -> None:
        super().__init__(view)
        self.session, self.view = session, view
        session.document_opened.connect(lambda _document: self._show_document())
        session.changed.connect(self._show_changes)
        session.suggestions_changed.connect(self.paint)

    def paint(self) -> None:
        """Draw the open layer, its links and the pending suggestions over it."""
        s = self.session
        if s.document is None:
            return
        self.view.set_spans([*s.spans, *s.suggestions], s.selected)
        self.view.set_links(s.links)
        self.view.set_looks(self._looks())

    def _show_document(self) -> None:
        s = self.session
        self.view.show_document(s.document, [*s.spans, *s.suggestions])
        self.view.set_links(s.links)
        self.view.set_looks(self._looks())

    def _show_changes(self, changes: Changes) -> None:
        shown = self.session.document.id if self.session.document is not None else None
        if changes.touches_document(shown) or changes.touches_entities:
            self.paint()

    def _looks(self) -> dict[SpanId, SpanLook]:
        s = self.session
        looks = {}
        for suggestion in s.suggestions:
            assert suggestion.id is not None
            label = s.tagset.find(suggestion.label)
            current = suggestion.id == s.current_suggestion
            looks[suggestion.id] = SpanLook(
                fill=label_colour(label, 110 if current else 45),
                outline=label_colour(label, 255 if current else 170),
                outline_width=2.5 if current else 1.5,
                outline_style=Qt.PenStyle.DashLine,
                # Worded in the suggestion flow's context, where its translation has been since
                # before the painting moved here.
                tooltip=QCoreApplication.translate(
                    "SuggestionFlow", "Suggested %1: Enter accepts, Backspace rejects"
                ).replace("%1", label.title(s.language) if label else suggestion.label),
            )
        return looks
