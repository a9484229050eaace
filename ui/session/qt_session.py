"""Session: the window's AnnotationSession, in Qt.

The state and every edit are annotation/session's (no Qt there); this wrapper owns what only
the window needs: an undo history per annotator (a QUndoGroup), the timer that looks for other
processes' commits, and Qt signals for the session's events. Widgets call the session's
commands (`session.tag(...)`) and read its state (`session.spans`) as before, and listen to
its signals; they never call each other.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoGroup, QUndoStack

from annotation.changes import Changes
from annotation.ports import Store
from annotation.session import AnnotationSession
from annotation.tagset import TagSet
from ui.session.undo import GroupHistory

WATCH_INTERVAL_MS = 1500
# How long after a document is opened its text is tokenised for tagging: after it is painted,
# before anyone can have selected a word (opening a 500-span article is then paint alone).
PREPARE_AFTER_MS = 120


class Session(AnnotationSession, QObject):
    """One annotator at work on one document at a time."""

    changed = Signal(object)  # Changes: what a write touched (annotation/changes.py)
    message = Signal(str)  # for the status bar
    document_opened = Signal(object)  # Document | None
    span_selected = Signal(object)  # SpanId | None
    suggestions_changed = Signal()  # the open document's pending suggestions, or the current one
    document_requested = Signal(int)  # an undo or redo is about this document: show it first
    annotator_changed = Signal(str)

    def __init__(
        self, store: Store, tagset: TagSet, annotator: str, parent: QObject | None = None
    ) -> None:
        QObject.__init__(self, parent)
        # An undo history for each annotator: switching to the gold layer (from the compare
        # window) and back must not lose what the person could undo.
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[str, QUndoStack] = {}
        self._use_stack(annotator)
        AnnotationSession.__init__(
            self,
            store,
            tagset,
            annotator,
            history=GroupHistory(self.undo_group),
            translate=QCoreApplication.translate,
        )
        events = self.events
        events.changed.connect(self.changed.emit)
        events.message.connect(self.message.emit)
        events.document_opened.connect(self.document_opened.emit)
        self._prepare = QTimer(self, singleShot=True, interval=PREPARE_AFTER_MS)
        self._prepare.timeout.connect(self.prepare_tagging)
        events.document_opened.connect(lambda _document: self._prepare.start())
        events.selection_changed.connect(self.span_selected.emit)
        events.suggestions_changed.connect(self.suggestions_changed.emit)
        events.document_requested.connect(self.document_requested.emit)
        events.annotator_changed.connect(self._annotator_switched)
        # Another window or a terminal import may write to the same database: look for
        # their commits now and then, and show them (SQLite's data_version is cheap).
        self._seen_changes = store.change_counter()
        self._watch = QTimer(self, interval=WATCH_INTERVAL_MS)
        self._watch.timeout.connect(self.check_for_changes)
        self._watch.start()

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

    def _annotator_switched(self, name: str) -> None:
        self._use_stack(name)
        self.annotator_changed.emit(name)

    def publish(self, changes: Changes) -> None:
        """Tell the views what a job of this window wrote (an import, the assistant). The job
        wrote through a connection of its own, which SQLite counts as another's commit: the
        watch is told it has been seen, or it would report it again as "anything changed"
        and every view would re-read all it shows."""
        self._seen_changes = self.store.change_counter()
        super().publish(changes)

    def stop_watching(self) -> None:
        """Stop looking for other processes' commits (the store is about to close)."""
        self._watch.stop()

    def check_for_changes(self) -> bool:
        """Show what another window or process committed since we last looked."""
        counter = self.store.change_counter()
        if counter == self._seen_changes:
            return False
        self._seen_changes = counter
        self.publish(Changes.unknown())
        return True
