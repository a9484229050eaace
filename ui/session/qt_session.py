"""Session: the annotator's working state (who, which document, which span) and the undo stack.

Widgets ask the session for changes (`tag`, `delete_span`, ...) and listen to its signals;
they never call each other. Every change is an edit pushed on the QUndoStack, which applies
it at once in one transaction (annotation/edits.py): there is nothing to save.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack

from annotation.arabic import SnapMode
from annotation.attribution import AttributionError, attribute, detach, speaker_candidates
from annotation.changes import Changes
from annotation.edits import (
    AddSpan,
    Change,
    Compound,
    Edit,
    RemoveLink,
    RemoveSpan,
    ReplaceSpan,
    SetStatus,
    perform,
    touched_spans,
    with_progress,
)
from annotation.model import (
    AttributeValue,
    Document,
    DocumentId,
    Link,
    LinkId,
    Span,
    SpanId,
    Status,
)
from annotation.ports import ConflictError, NotFoundError, Store
from annotation.tagging import Boundary, TaggedText, drag_boundary, move_boundary, propose_span
from annotation.tagset import Label, TagSet
from ui.session.entity_commands import EntityCommands
from ui.session.suggestion_commands import SuggestionCommands
from ui.wording import status_name

WATCH_INTERVAL_MS = 1500


class EditCommand(QUndoCommand):
    """An edit on the undo stack: redo applies it, undo applies its inverse."""

    def __init__(self, session: Session, edit: Edit) -> None:
        super().__init__(session.tr(edit.name))
        self.session = session
        self.edit = edit
        self._pushed = False  # push() runs redo() once; later redo() calls are the person's

    def redo(self) -> None:
        try:
            if self._pushed:
                self.edit = self.session.replay(self.edit)
            else:
                self._pushed = True
                self.edit = self.session.apply(self.edit)
        except Exception as error:
            # QUndoStack drops a command that is obsolete after redo() (push() calls it too),
            # so the stack never offers to undo a change that was not made.
            self._failed(QCoreApplication.translate("Session", "Not done: %1"), error)

    def undo(self) -> None:
        try:
            self.edit = self.session.replay(self.edit)
        except Exception as error:
            # Dropped from the history: the change stays made, and the stack must not offer
            # to redo it (that would apply it twice).
            self._failed(QCoreApplication.translate("Session", "Could not undo: %1"), error)

    def _failed(self, message: str, error: Exception) -> None:
        self.setObsolete(True)
        if isinstance(error, NotFoundError | ConflictError):
            # Another window or process deleted what this edit was about.
            reason = QCoreApplication.translate(
                "Session", "it was changed or deleted elsewhere; the view is refreshed"
            )
        else:
            reason = str(error)
        self.session.message.emit(message.replace("%1", reason))
        self.session.reload()


class Session(EntityCommands, SuggestionCommands, QObject):
    """One annotator at work on one document at a time."""

    document_opened = Signal(object)  # Document | None
    spans_changed = Signal(int)  # document id
    status_changed = Signal(int, str)  # document id, Status value
    span_selected = Signal(object)  # SpanId | None
    entities_changed = Signal()
    changed_elsewhere = Signal()  # another window or process committed to the database
    annotator_changed = Signal(str)
    message = Signal(str)  # for the status bar
    suggestions_changed = Signal()  # the open document's pending suggestions, or the current one
    document_requested = Signal(int)  # an undo or redo is about this document: show it first
    changed = Signal(object)  # Changes: what a write did (annotation/changes.py)

    def __init__(
        self, store: Store, tagset: TagSet, annotator: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.tagset = tagset
        self.annotator = annotator
        self.language = "en"  # for label titles in undo texts and messages
        # An undo history for each annotator: switching to the gold layer (from the compare
        # window) and back must not lose what the person could undo.
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[str, QUndoStack] = {}
        self._use_stack(annotator)
        # Another window or a terminal import may write to the same database: look for
        # their commits now and then, and show them (SQLite's data_version is cheap).
        self._seen_changes = store.change_counter()
        self._watch = QTimer(self, interval=WATCH_INTERVAL_MS)
        self._watch.timeout.connect(self.check_for_changes)
        self._watch.start()
        self.snap_mode = SnapMode.WORD
        self.document: Document | None = None
        self.tagged: TaggedText | None = None
        self.suggestions: list[Span] = []
        self.current_suggestion: SpanId | None = None
        self._assistant = None
        self.suggested_here = False  # the assistant has a layer on the open document
        self.spans: list[Span] = []
        self.links: list[Link] = []
        self.selected: SpanId | None = None

    # Documents and annotators

    def open_document(self, document_id: DocumentId | None) -> None:
        """Show a document (or none) with this annotator's layer."""
        if document_id is None:
            self.document, self.tagged = None, None
        else:
            self.document = self.store.document(document_id)
            # The registry's names are never cut by Drop Proclitics (issue 14, item 13).
            names = [name for e in self.store.entities() for name in (e.name, *e.aliases)]
            self.tagged = TaggedText(self.document, names)
        self._reload_layer()
        self.selected = None
        self.document_opened.emit(self.document)
        self.span_selected.emit(None)

    def switch_annotator(self, name: str) -> None:
        """Work as another annotator: their layer, their statuses, their own undo history
        (each annotator keeps theirs while another works)."""
        name = name.strip()
        if not name or name == self.annotator:
            return
        self.annotator = name
        self._use_stack(name)
        self.annotator_changed.emit(name)
        self.open_document(self.document.id if self.document else None)

    @property
    def undo_stack(self) -> QUndoStack:
        """The open layer's annotator's undo history."""
        stack = self.undo_group.activeStack()
        assert stack is not None
        return stack

    def _use_stack(self, annotator: str) -> None:
        if annotator not in self._stacks:
            self._stacks[annotator] = stack = QUndoStack(self)
            self.undo_group.addStack(stack)
        self.undo_group.setActiveStack(self._stacks[annotator])

    def status(self) -> Status:
        """This annotator's status for the open document."""
        if self.document is None or self.document.id is None:
            return Status.NEW
        return self.store.status(self.document.id, self.annotator)

    # Selection

    def select_span(self, span_id: SpanId | None) -> None:
        """Make one span the selected one (None: none)."""
        if span_id is not None and self.span(span_id) is None:
            span_id = None
        if span_id != self.selected:
            self.selected = span_id
            self.span_selected.emit(span_id)

    def span(self, span_id: SpanId | None) -> Span | None:
        """The span with this id in the open layer."""
        return next((span for span in self.spans if span.id == span_id), None)

    def selected_span(self) -> Span | None:
        """The selected span, if any."""
        return self.span(self.selected)

    # Edits

    def tag(self, label: Label, start: int, end: int, mode: SnapMode | None = None) -> Span | None:
        """Tag `[start, end)` (code points) with `label`; returns the new span, or None."""
        if self.tagged is None:
            return None
        span = propose_span(self.tagged, self.annotator, label, start, end, mode or self.snap_mode)
        if span is None:
            self.message.emit(self.tr("Nothing to tag: the selection holds no text."))
            return None
        duplicate = next(
            (
                s
                for s in self.spans
                if (s.label, s.start, s.end) == (span.label, span.start, span.end)
            ),
            None,
        )
        if duplicate is not None:
            self.message.emit(
                self.tr("“%1” is already tagged %2.")
                .replace("%1", span.text)
                .replace("%2", label.title(self.language))
            )
            self.select_span(duplicate.id)
            return None
        self._push(AddSpan(span, name=self.tr("Tag %1").replace("%1", label.title(self.language))))
        added = next(
            (
                s
                for s in self.spans
                if (s.label, s.start, s.end) == (span.label, span.start, span.end)
            ),
            None,
        )
        if added is not None:
            self.select_span(added.id)
        return added

    def delete_span(self, span_id: SpanId) -> None:
        """Delete a span and its links."""
        span = self.span(span_id)
        if span is not None and span.id is not None:
            self._push(
                RemoveSpan(
                    span.id,
                    span.document_id,
                    name=self.tr("Delete %1").replace("%1", self._title(span.label)),
                )
            )

    def relabel(self, span_id: SpanId, label: Label) -> None:
        """Give a span another label, in one step with what no longer fits it: its attributes
        become the new label's defaults, an entity of another kind is let go, and links the
        tag set does not allow for the new label are removed."""
        span = self.span(span_id)
        if span is None or span.id is None or span.label == label.name:
            return
        entity_id = span.entity_id
        if entity_id is not None and (
            label.entity_kind is None or self.store.entity(entity_id).kind is not label.entity_kind
        ):
            entity_id = None
        name = (
            self.tr("Change %1 to %2")
            .replace("%1", self._title(span.label))
            .replace("%2", label.title(self.language))
        )
        relabelled = ReplaceSpan(
            replace(
                span, label=label.name, attributes=label.default_attributes(), entity_id=entity_id
            ),
            name=name,
        )
        unfit = [
            RemoveLink(link.id, span.document_id, name=name)
            for link in [*self.links_from(span.id), *self.links_to(span.id)]
            if link.id is not None and not self._link_fits(link, span.id, label.name)
        ]
        self._push(Compound(name, span.document_id, (*unfit, relabelled)) if unfit else relabelled)

    def _link_fits(self, link: Link, span_id: SpanId, new_label: str) -> bool:
        source = new_label if link.source_id == span_id else self._label_of(link.source_id)
        target = new_label if link.target_id == span_id else self._label_of(link.target_id)
        return any(
            (t.source_label, t.target_label) == (source, target) for t in self.tagset.link_types
        )

    def _label_of(self, span_id: SpanId) -> str:
        span = self.span(span_id)
        return span.label if span else ""

    def move_boundary(self, span_id: SpanId, boundary: Boundary, words: int) -> None:
        """Move one boundary of a span by whole words."""
        span = self.span(span_id)
        if span is None or self.tagged is None:
            return
        moved = move_boundary(self.tagged, span, boundary, words)
        if moved is None:
            self.message.emit(self.tr("The span cannot move further."))
            return
        self._push(
            ReplaceSpan(moved, name=self.tr("Resize %1").replace("%1", self._title(span.label)))
        )

    def drag_boundary(self, span_id: SpanId, boundary: Boundary, position: int) -> None:
        """Move one boundary of a span to where it was dragged (that boundary alone snaps)."""
        span = self.span(span_id)
        if span is None or self.tagged is None:
            return
        moved = drag_boundary(self.tagged, span, boundary, position, self.snap_mode)
        if moved is None or (moved.start, moved.end) == (span.start, span.end):
            return
        self._push(
            ReplaceSpan(moved, name=self.tr("Resize %1").replace("%1", self._title(span.label)))
        )

    def set_status(self, status: Status) -> None:
        """Set this annotator's status for the open document."""
        if self.document is None or self.document.id is None or self.status() is status:
            return
        name = self.tr("Mark as %1").replace("%1", status_name(status))
        self._push(SetStatus(self.document.id, self.annotator, status, name=name))

    def apply(self, edit: Edit) -> Edit:
        """Apply an edit (from the undo stack) and tell the views what changed."""
        inverse = perform(self.store, edit)
        self._refresh(edit, inverse)
        return inverse

    def replay(self, edit: Edit) -> Edit:
        """Apply an edit from undo or redo where the person sees it: its document is opened
        first and the span it brought back is selected (an undo never changes a document
        that is not on screen: issue 14, item 3)."""
        document_id = edit.document_id
        if document_id is not None and (self.document is None or self.document.id != document_id):
            self.document_requested.emit(document_id)  # the window makes it current in its list
            if self.document is None or self.document.id != document_id:
                self.open_document(document_id)  # nobody listened (no window)
        inverse = self.apply(edit)
        touched = (touched_spans(edit) or set()) | (touched_spans(inverse) or set())
        shown = next((span for span in self.spans if span.id in touched), None)
        # The span brought back is selected; when the step took one away, nothing is, so a
        # label key pressed next cannot relabel a span the step did not show.
        self.select_span(shown.id if shown is not None else None)
        return inverse

    def _title(self, label_name: str) -> str:
        label = self.tagset.find(label_name)
        return label.title(self.language) if label else label_name

    def _push(self, edit: Edit) -> None:
        # An edit of the annotations also starts the document (in one undo step); a status
        # change is its own business.
        if not isinstance(edit, SetStatus):
            edit = with_progress(edit, self.store, self.annotator)
        self.undo_stack.push(EditCommand(self, edit))

    def publish(self, changes: Changes) -> None:
        """Tell the views what a write made outside the undo stack changed (an import, the
        assistant), re-reading the open layer first when it is touched."""
        if not changes:
            return
        shown = self.document.id if self.document is not None else None
        if changes.touches_document(shown) or changes.touches_entities:
            self._reload_layer()
        self.changed.emit(changes)

    def _refresh(self, edit: Edit, inverse: Edit) -> None:
        # The views are told once the open layer is read again: they show what it holds now.
        self._reread(edit, inverse)
        self.changed.emit(_changes_of(edit, inverse))

    def _reread(self, edit: Edit, inverse: Edit) -> None:
        document_id = edit.document_id
        shown = self.document.id if self.document is not None else None
        if document_id is None:
            # A change to the entity registry may have moved spans of any document.
            if shown is not None:
                self._reload_layer()
                self.spans_changed.emit(shown)
            self.entities_changed.emit()
            return
        if document_id == shown:
            if Change.SPANS in edit.changes:
                self._reload_spans(edit, inverse)
                if self.suggested_here or self._touched_other_layers(edit, inverse):
                    self._reload_suggestions()
            if edit.changes & {Change.SPANS, Change.LINKS}:
                self.links = self.store.links_for(document_id, self.annotator)
        if edit.changes & {Change.SPANS, Change.LINKS}:
            self.spans_changed.emit(document_id)
        if Change.STATUS in edit.changes:
            self.status_changed.emit(
                document_id, self.store.status(document_id, self.annotator).value
            )

    def stop_watching(self) -> None:
        """Stop looking for other processes' commits (the store is about to close)."""
        self._watch.stop()

    def check_for_changes(self) -> bool:
        """Show what another window or process committed since we last looked."""
        counter = self.store.change_counter()
        if counter == self._seen_changes:
            return False
        self._seen_changes = counter
        self._reload_layer()  # the views are told below, once, that anything may have changed
        self.entities_changed.emit()
        self.changed_elsewhere.emit()
        self.changed.emit(Changes.unknown())
        return True

    def reload(self) -> None:
        """Re-read the open layer and tell the views (after a failed edit, for instance)."""
        self._reload_layer()
        if self.document is not None and self.document.id is not None:
            self.spans_changed.emit(self.document.id)
            self.changed.emit(Changes(documents=frozenset({self.document.id})))

    def _reload_layer(self) -> None:
        """Read the open layer afresh: its spans and links."""
        if self.document is None or self.document.id is None:
            self.spans, self.links = [], []
            self._reload_suggestions()
            return
        self.spans = self.store.spans_for(self.document.id, self.annotator)
        self.links = self.store.links_for(self.document.id, self.annotator)
        if self.span(self.selected) is None:
            self.select_span(None)
        self._reload_suggestions()

    def _reload_spans(self, edit: Edit, inverse: Edit) -> None:
        """Bring the cached layer up to date, re-reading only the spans the edit touched
        (re-reading a thousand spans after every key press was half its cost)."""
        assert self.document is not None and self.document.id is not None
        before, after = touched_spans(edit), touched_spans(inverse)
        if before is None or after is None:
            self._reload_layer()
            return
        touched = before | after
        kept = [span for span in self.spans if span.id not in touched]
        fresh = [
            span
            for span in (self._stored(i) for i in touched)
            if span is not None
            and span.document_id == self.document.id
            and span.annotator == self.annotator
        ]
        self.spans = sorted([*kept, *fresh], key=lambda span: (span.start, -span.end, span.id or 0))
        if self.span(self.selected) is None:
            self.select_span(None)

    def _touched_other_layers(self, edit: Edit, inverse: Edit) -> bool:
        """Whether an edit changed spans outside the open layer (rejecting a suggestion, or
        undoing that), or spans that are gone (a delete: a suggestion may be pending again)."""
        before, after = touched_spans(edit), touched_spans(inverse)
        if before is None or after is None:
            return True
        return bool((before | after) - {span.id for span in self.spans})

    def _stored(self, span_id: SpanId) -> Span | None:
        try:
            return self.store.span(span_id)
        except NotFoundError:
            return None

    # Attribution

    def links_from(self, span_id: SpanId) -> list[Link]:
        """The open layer's links that start at a span (a claim's speakers)."""
        return [link for link in self.links if link.source_id == span_id]

    def links_to(self, span_id: SpanId) -> list[Link]:
        """The open layer's links that end at a span (a speaker's claims)."""
        return [link for link in self.links if link.target_id == span_id]

    def speaker_candidates(self, claim_id: SpanId) -> list[Span]:
        """The spans a claim may be attributed to, nearest first."""
        claim = self.span(claim_id)
        return speaker_candidates(self.tagset, claim, self.spans) if claim else []

    def link(self, claim_id: SpanId, speaker_id: SpanId) -> None:
        """Attribute a claim to a speaker."""
        claim, speaker = self.span(claim_id), self.span(speaker_id)
        if claim is None or speaker is None:
            return
        name = self.tr("Attribute to %1").replace("%1", speaker.text[:30])
        try:
            edit = attribute(self.tagset, claim, speaker, self.links, name)
        except AttributionError as error:
            self.message.emit(str(error))
            return
        self._push(edit)

    def unlink(self, link_id: LinkId) -> None:
        """Remove one link."""
        link = next((link for link in self.links if link.id == link_id), None)
        claim = self.span(link.source_id) if link else None
        if link is not None and claim is not None:
            self._push(detach(link, claim, self.tr("Remove Attribution")))

    def set_attribute(self, span_id: SpanId, name: str, value: AttributeValue) -> None:
        """Set (or, with None or "", clear) one attribute of a span."""
        span = self.span(span_id)
        label = self.tagset.find(span.label) if span else None
        if span is None or label is None:
            return
        attributes = dict(span.attributes)
        if value in (None, ""):
            attributes.pop(name, None)
        else:
            attributes[name] = value
        try:
            label.check_attributes(attributes)
        except ValueError as error:
            self.message.emit(str(error))
            return
        if attributes != span.attributes:
            edit_name = self.tr("Set %1").replace("%1", name)
            self._push(ReplaceSpan(replace(span, attributes=attributes), name=edit_name))


def _changes_of(edit: Edit, inverse: Edit) -> Changes:
    """What an edit did, as far as the edit itself tells."""
    document_id = edit.document_id
    if document_id is None:
        return Changes(entities=frozenset(), everything=True)  # the registry: spans anywhere
    touched = (touched_spans(edit) or set()) | (touched_spans(inverse) or set())
    annotations = bool(edit.changes & {Change.SPANS, Change.LINKS})
    return Changes(
        documents=frozenset({document_id}) if annotations else frozenset(),
        spans=frozenset(touched),
        statuses=frozenset({document_id}) if Change.STATUS in edit.changes else frozenset(),
    )
