"""SuggestionCommands: the assistant's suggestions as the annotator meets them.

The open document's pending suggestions (annotation/assistant/pending.py, read by
SessionCore) are kept beside the annotator's own spans; one of them may be the current one.
Accepting and rejecting are edits on the undo history like any other; running the assistant
on the open document replaces its suggestions there (not an edit of the annotator's layer,
so it is not undone).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotation.assistant.pending import accept, accept_all, reject, write_suggestions
from annotation.model import Span, SpanId
from annotation.ports import StoreError
from annotation.session.core import SessionCore

if TYPE_CHECKING:
    from annotation.assistant.suggest import Assistant


class SuggestionCommands(SessionCore):
    """Pending suggestions of the open document: choose, accept, reject, accept all, refresh."""

    _assistant: Assistant | None = None  # loaded the first time it is asked

    def choose_suggestion(self, span_id: SpanId | None) -> None:
        """Make a pending suggestion the current one (None: none)."""
        if self.suggestion(span_id) is None:
            span_id = None
        if span_id is not None:
            self.select_span(None)  # one thing at a time is current: the suggestion now
        if span_id != self.current_suggestion:
            self.current_suggestion = span_id
            self.events.suggestions_changed.emit()

    def next_suggestion(self, after: int) -> Span | None:
        """The first pending suggestion starting at or after a position (wrapping round)."""
        later = [s for s in self.suggestions if s.start >= after]
        candidates = later or self.suggestions
        return candidates[0] if candidates else None

    def previous_suggestion(self, before: int) -> Span | None:
        """The last pending suggestion starting before a position (wrapping round)."""
        earlier = [s for s in self.suggestions if s.start < before]
        candidates = earlier or self.suggestions
        return candidates[-1] if candidates else None

    def accept_current_suggestion(self) -> bool:
        """Accept the current suggestion into the annotator's layer; False when there is none."""
        chosen = self.suggestion(self.current_suggestion)
        if chosen is None:
            return False
        following = self._after(chosen)
        self._push(accept(chosen, self.annotator))
        self.choose_suggestion(following)
        return True

    def reject_current_suggestion(self) -> bool:
        """Reject the current suggestion; False when there is none."""
        chosen = self.suggestion(self.current_suggestion)
        if chosen is None:
            return False
        following = self._after(chosen)
        self._push(reject(chosen, self.annotator))
        self.choose_suggestion(following)
        return True

    def accept_all_suggestions(self) -> int:
        """Accept every pending suggestion of the open document as one step."""
        count = len(self.suggestions)
        if count:
            self._push(accept_all(self.suggestions, self.annotator))
        return count

    def suggest_for_document(self) -> int:
        """Run the assistant on the open document; how many suggestions are pending after."""
        document = self.document
        if document is None or document.id is None:
            return 0
        if self._assistant is None:
            from annotation.assistant.suggest import Assistant  # loads the gazetteer once

            self._assistant = Assistant.load()
        try:
            stored = write_suggestions(self.store, document.id, self._assistant.suggest(document))
        except StoreError as error:  # busy: another program writes; nothing was stored
            self.events.message.emit(str(error))
            return len(self.suggestions)
        self.publish(stored.changes)  # re-reads the layer and its suggestions; new places too
        count = len(self.suggestions)
        self.events.message.emit(
            self.translate("Session", "Suggestions to review: %1").replace("%1", str(count))
        )
        return count

    def _after(self, chosen: Span) -> SpanId | None:
        # After a decision the next suggestion in reading order becomes current, so Enter,
        # Enter, Backspace, Enter walks through a document.
        later = [s for s in self.suggestions if s.id != chosen.id and s.start >= chosen.start]
        return later[0].id if later else None
