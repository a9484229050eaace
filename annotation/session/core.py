"""SessionCore: what one annotator has open (document, layer, selection, pending suggestions)
and the one way an edit is applied, undone and reported.

The commands (span_commands.py, entity_commands.py, suggestion_commands.py) build edits and
hand them to `_push`, which puts them on the undo history; the history applies them at once,
through `_apply_step`, in one transaction each (annotation/edits.py). After each write the
open layer is brought up to date and the listeners hear exactly what it touched (`Changes`).
"""

from __future__ import annotations

from collections.abc import Callable

from annotation.arabic import SnapMode
from annotation.assistant.pending import ASSISTANT, place
from annotation.changes import Changes
from annotation.edits import Edit, SetStatus, changes_of, perform, with_progress
from annotation.model import (
    Document,
    DocumentId,
    Entity,
    EntityKind,
    Link,
    Span,
    SpanId,
    Status,
)
from annotation.ports import NotFoundError, Store
from annotation.session.events import SessionEvents
from annotation.session.history import MemoryHistory, Step, UndoHistory, failure_message
from annotation.tagging import TaggedText, prepare_tables
from annotation.tagset import TagSet

# (context, text) -> the text in the interface's language. The messages below are looked up
# in the context "Session" with literal `translate("Session", ...)` calls, so that lupdate
# (`make translations`, which scans annotation/session too) files them where the window's
# translator looks: QCoreApplication.translate is what the window passes.
Translate = Callable[[str, str], str]


def untranslated(_context: str, text: str) -> str:
    """The English text itself (tests, the terminal)."""
    return text


class SessionCore:
    """The annotator, the open document and layer, the selection, and the edit path."""

    def __init__(
        self,
        store: Store,
        tagset: TagSet,
        annotator: str,
        history: UndoHistory | None = None,
        translate: Translate = untranslated,
    ) -> None:
        self.store = store
        self.tagset = tagset
        self.annotator = annotator
        self.history: UndoHistory = history if history is not None else MemoryHistory()
        self.translate = translate
        self.events = SessionEvents()
        self.language = "en"  # for label titles in undo texts and messages
        self.snap_mode = SnapMode.WORD
        self.document: Document | None = None
        self.tagged: TaggedText | None = None
        self.spans: list[Span] = []
        self.links: list[Link] = []
        self.selected: SpanId | None = None
        self.suggestions: list[Span] = []
        self.current_suggestion: SpanId | None = None
        self.suggested_here = False  # the assistant has a layer on the open document
        self._registry: list[Entity] | None = None  # the entities, as last read
        prepare_tables()
        # The entity each (text, kind) names, by the registry as last read.
        self._suggested: dict[tuple[str, EntityKind], Entity | None] = {}

    # Documents and annotators

    @property
    def document_id(self) -> DocumentId | None:
        """The open document's id (None: no document)."""
        return self.document.id if self.document is not None else None

    def open_document(self, document_id: DocumentId | None) -> None:
        """Show a document (or none) with this annotator's layer."""
        if document_id is None:
            self.document, self.tagged = None, None
        else:
            self.document = self.store.document(document_id)
            # The registry's names are never cut by Drop Proclitics (issue 14, item 13).
            names = [name for e in self.entities() for name in (e.name, *e.aliases)]
            self.tagged = TaggedText(self.document, names)
        self._reload_layer()
        self.selected = None
        self.events.document_opened.emit(self.document)
        self.events.selection_changed.emit(None)

    def prepare_tagging(self) -> None:
        """Tokenise the open document now, while the person reads it, rather than at their
        first tag (the window calls this once a new document is on screen)."""
        if self.tagged is not None:
            self.tagged.prepare()

    def switch_annotator(self, name: str) -> None:
        """Work as another annotator: their layer and their statuses (the listeners of
        annotator_changed switch to that annotator's own undo history)."""
        name = name.strip()
        if not name or name == self.annotator:
            return
        self.annotator = name
        self.events.annotator_changed.emit(name)
        self.open_document(self.document_id)

    def entities(self) -> list[Entity]:
        """The corpus's entity registry, read again only after a write that may have changed
        it (every new span's editor and suggestion read it: thousands of rows a key press)."""
        if self._registry is None:
            self._registry = self.store.entities()
        return self._registry

    def status(self) -> Status:
        """This annotator's status for the open document."""
        if self.document_id is None:
            return Status.NEW
        return self.store.status(self.document_id, self.annotator)

    # Selection and the open layer

    def select_span(self, span_id: SpanId | None) -> None:
        """Make one span the selected one (None: none)."""
        if span_id is not None and self.span(span_id) is None:
            span_id = None
        if span_id != self.selected:
            self.selected = span_id
            self.events.selection_changed.emit(span_id)

    def span(self, span_id: SpanId | None) -> Span | None:
        """The span with this id in the open layer."""
        return next((span for span in self.spans if span.id == span_id), None)

    def selected_span(self) -> Span | None:
        """The selected span, if any."""
        return self.span(self.selected)

    def links_from(self, span_id: SpanId) -> list[Link]:
        """The open layer's links that start at a span (a claim's speakers)."""
        return [link for link in self.links if link.source_id == span_id]

    def links_to(self, span_id: SpanId) -> list[Link]:
        """The open layer's links that end at a span (a speaker's claims)."""
        return [link for link in self.links if link.target_id == span_id]

    def suggestion(self, span_id: SpanId | None) -> Span | None:
        """The pending suggestion with this id."""
        return next((s for s in self.suggestions if s.id == span_id), None)

    def _title(self, label_name: str) -> str:
        label = self.tagset.find(label_name)
        return label.title(self.language) if label else label_name

    # The edit path

    def _push(self, edit: Edit) -> None:
        # An edit of the annotations also starts the document (in one undo step); a status
        # change is its own business.
        if not isinstance(edit, SetStatus):
            edit = with_progress(edit, self.store, self.annotator)
        text = self.translate("Session", edit.name)
        self.history.push(Step(text, edit, self._apply_step, self._step_failed))

    def _apply_step(self, edit: Edit, replaying: bool) -> Edit:
        return self.replay(edit) if replaying else self.apply(edit)

    def _step_failed(self, error: Exception, undoing: bool) -> None:
        self.events.message.emit(failure_message(error, undoing, self.translate))
        self.reload()

    def apply(self, edit: Edit) -> Edit:
        """Apply an edit (from the undo history) and tell the listeners what it touched."""
        return self._write(edit)[0]

    def _write(self, edit: Edit) -> tuple[Edit, Changes]:
        inverse = perform(self.store, edit)
        changes = changes_of(edit, inverse)
        self._forget_registry(changes)
        self._bring_up_to_date(changes)
        if changes:  # an accepted suggestion that was there already changes nothing
            self.events.changed.emit(changes)
        return inverse, changes

    def replay(self, edit: Edit) -> Edit:
        """Apply an edit from undo or redo where the person sees it: its document is opened
        first and the span it brought back is selected (an undo never changes a document
        that is not on screen: issue 14, item 3)."""
        document_id = edit.document_id
        if document_id is not None and self.document_id != document_id:
            self.events.document_requested.emit(document_id)  # the window shows it in its list
            if self.document_id != document_id:
                self.open_document(document_id)  # nobody listened (no window)
        inverse, changes = self._write(edit)
        if not changes.spans:
            return inverse  # (a rename, a status: the selection stays where the person left it)
        shown = next((span for span in self.spans if span.id in changes.spans), None)
        # The span brought back is selected; when the step took one away, nothing is, so a
        # label key pressed next cannot relabel a span the step did not show.
        self.select_span(shown.id if shown is not None else None)
        return inverse

    def publish(self, changes: Changes) -> None:
        """Tell the listeners what a write made outside the undo history changed (an import,
        the assistant), re-reading the open layer first when it is touched."""
        if not changes:
            return
        self._forget_registry(changes)
        if changes.touches_document(self.document_id) or changes.touches_entities:
            self._reload_layer()
        self.events.changed.emit(changes)

    def reload(self) -> None:
        """Re-read the open layer and tell the listeners (after a failed edit, for instance)."""
        self._registry = None
        self._suggested.clear()
        self._reload_layer()
        if self.document_id is not None:
            self.events.changed.emit(Changes(documents=frozenset({self.document_id})))

    def _forget_registry(self, changes: Changes) -> None:
        if changes.touches_entities:
            self._registry = None
            self._suggested.clear()

    def _bring_up_to_date(self, changes: Changes) -> None:
        """Bring the open layer up to date after a write that touched `changes`, re-reading
        only the spans it touched (re-reading a thousand spans after every key press was half
        the cost of a tag)."""
        shown = self.document_id
        if shown is None:
            return
        if changes.everything:
            self._reload_layer()
            return
        if shown not in changes.documents:
            return
        if changes.spans:
            kept = [span for span in self.spans if span.id not in changes.spans]
            fresh = [
                span
                for span in (self._stored(i) for i in changes.spans)
                if span is not None
                and span.document_id == shown
                and span.annotator == self.annotator
            ]
            self.spans = sorted(
                [*kept, *fresh], key=lambda span: (span.start, -span.end, span.id or 0)
            )
            if self.span(self.selected) is None:
                self.select_span(None)
            # Spans outside the open layer (a rejected suggestion, or its undo) or gone (a
            # delete: a suggestion may be pending again) change what is pending.
            outside = changes.spans - {span.id for span in self.spans}
            if self.suggested_here or outside:
                self._reload_suggestions()
        self.links = self.store.links_for(shown, self.annotator)

    def _stored(self, span_id: SpanId) -> Span | None:
        try:
            return self.store.span(span_id)
        except NotFoundError:
            return None

    def _reload_layer(self) -> None:
        """Read the open layer afresh: its spans and links, and what is pending."""
        if self.document_id is None:
            self.spans, self.links = [], []
        else:
            self.spans = self.store.spans_for(self.document_id, self.annotator)
            self.links = self.store.links_for(self.document_id, self.annotator)
            if self.span(self.selected) is None:
                self.select_span(None)
        self._reload_suggestions()

    def _reload_suggestions(self) -> None:
        """Read the assistant's suggestions for the open document that are still pending."""
        if self.document_id is None:
            self.suggestions, self.suggested_here = [], False
        else:
            # pending(), with the open layer's spans already at hand rather than read again.
            theirs = self.store.spans_for(self.document_id, ASSISTANT)
            own = {place(span) for span in self.spans}
            mine = self.annotator == ASSISTANT
            self.suggestions = [] if mine else [s for s in theirs if place(s) not in own]
            self.suggested_here = bool(theirs)
        if self.suggestion(self.current_suggestion) is None:
            self.current_suggestion = None
        self.events.suggestions_changed.emit()
