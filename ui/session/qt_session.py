"""Session: the window's AnnotationSession, in Qt.

The state and every edit are annotation/session's (no Qt there); this wrapper owns what only
the window needs: an undo history per annotator (a QUndoGroup), the watch on other
connections' commits and on the team server's connection (server_watch.py), and Qt signals for
the session's events. Widgets call the session's commands (`session.tag(...)`) and read its
state (`session.spans`) as before, and listen to its signals; they never call each other.

While the team server cannot be reached, edits are refused before they start (nothing is
half-written, and the undo history gets no step), and a document that cannot be read stays
unopened; once the watch has reconnected, every view re-reads what it shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoGroup, QUndoStack

from annotation.changes import Changes
from annotation.edits import Edit
from annotation.model import DocumentId, Status
from annotation.ports import ConnectionLostError, Store
from annotation.session import AnnotationSession
from annotation.session.history import failure_message
from annotation.tagset import TagSet
from ui.session.server_watch import ServerWatch
from ui.session.undo import GroupHistory
from ui.wording import isolate_path

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
    document_kept = Signal(int)  # a document could not be opened: this one stays shown
    connection_lost = Signal(str)  # the team server cannot be reached: what the person is told
    connection_restored = Signal(str)  # connected again: what the person is told

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
        # Another window, a terminal import or another workstation may write to the same
        # project: the watch hears of their commits and shows them, and of a lost server.
        self.watch = ServerWatch(store, self)
        self.watch.changes_found.connect(self._show_elsewhere)
        self.watch.lost.connect(self._connection_lost)
        self.watch.restored.connect(self._connection_restored)

    @property
    def undo_stack(self) -> QUndoStack:
        """The open layer's annotator's undo history."""
        return self._stacks[self.annotator]

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
        wrote through a connection of its own, which a database file reports as another's
        commit: that report is taken here as seen, or the watch would report it again as
        "anything changed" and every view would re-read all it shows. A team server's notices
        say what they touched: they are shown along with the job's, never thrown away."""
        elsewhere = self.watch.changes_elsewhere()
        self._show_elsewhere(changes | (Changes() if elsewhere.everything else elsewhere))

    def _show_elsewhere(self, changes: Changes) -> None:
        try:
            super().publish(changes)
        except ConnectionLostError:
            self.watch.connection_lost()

    def stop_watching(self) -> None:
        """Stop looking for other processes' commits (the store is about to close)."""
        self.watch.stop()

    def check_for_changes(self) -> bool:
        """Show what another window or process committed since we last looked."""
        return self.watch.check()

    # The team server's connection

    @property
    def connected(self) -> bool:
        """Whether the store can be reached (a database file always can)."""
        return self.watch.connected

    def _connection_lost(self, text: str) -> None:
        # Undo and Redo stay offered: pressed meanwhile, they say why nothing was done, and
        # their step stays where it is (ui/session/undo.py), to be taken once it is back.
        self.message.emit(text)
        self.connection_lost.emit(text)

    def _connection_restored(self, text: str) -> None:
        self.message.emit(text)
        self.connection_restored.emit(text)
        # Notices sent while the connection was down reached nobody: re-read everything.
        self._show_elsewhere(Changes.unknown())

    def server_unreachable(self) -> None:
        """A read found the team server gone: the watch says so (once) and reconnects; when it
        knew already, the status bar says it again, for the person who just asked."""
        if self.watch.connected:
            self.watch.connection_lost()
        else:
            self.message.emit(self.watch.unreachable_text())

    @contextmanager
    def asking_server(self) -> Iterator[None]:
        """Around reads a person asked for outside the edit and open-document paths (the next
        unfinished document, a dialog's lists, a panel's filters): a lost server ends them
        with the notice, not a traceback, and the window stays as it was."""
        try:
            yield
        except ConnectionLostError:
            self.server_unreachable()

    def _refusal(self) -> str:
        return self.translate(
            "Session",
            "Not done: the team server %1 cannot be reached, and nothing was changed. Hamish"
            " reconnects by itself when it is back.",
        ).replace("%1", isolate_path(self.store.address))

    def _push(self, edit: Edit) -> None:
        if not self.watch.connected:
            self.message.emit(self._refusal())  # not even tried: nothing to undo, nothing half-done
            return
        try:
            super()._push(edit)
        except ConnectionLostError:  # a read before the edit (its document's status) failed
            self.watch.connection_lost()
            self.message.emit(self._refusal())

    def set_status(self, status: Status) -> None:
        """Mark the open document (its status is read first, outside the edit itself)."""
        if not self.watch.connected:
            self.message.emit(self._refusal())
            return
        try:
            super().set_status(status)
        except ConnectionLostError:
            self.watch.connection_lost()
            self.message.emit(self._refusal())

    def _step_failed(self, error: Exception, undoing: bool) -> None:
        if isinstance(error, ConnectionLostError):
            # Nothing to re-read (the server cannot be asked): the views keep what they show,
            # which is what the server holds, as the edit did not land.
            self.watch.connection_lost()
            self.message.emit(failure_message(error, undoing, self.translate))
            return
        try:
            super()._step_failed(error, undoing)
        except ConnectionLostError:
            self.watch.connection_lost()

    def open_document(self, document_id: DocumentId | None) -> None:
        """Show a document (or none); one that cannot be read leaves the open one shown, and
        the lists that asked for it are told to show that one again (`document_kept`)."""
        if not self.watch.connected:
            if document_id != self.document_id:
                self._keep_document(self.watch.unreachable_text())
            return
        shown = (self.document, self.tagged, self.spans, self.links, self.selected)
        try:
            super().open_document(document_id)
        except ConnectionLostError:
            self.document, self.tagged, self.spans, self.links, self.selected = shown
            self.watch.connection_lost()
            self._keep_document(self.watch.unreachable_text())

    def _keep_document(self, text: str) -> None:
        self.message.emit(text)
        if self.document_id is not None:
            self.document_kept.emit(self.document_id)


class _AsksServer(Protocol):
    @property
    def session(self) -> Session: ...


Asker = TypeVar("Asker", bound=_AsksServer)


def asks_server(method: Callable[[Asker], None]) -> Callable[[Asker], None]:
    """A slot (of a widget or flow with a `session`) whose reads a lost team server ends with
    the notice instead of a traceback: `Session.asking_server` around the whole of it."""

    @wraps(method)
    def guarded(self: Asker) -> None:
        with self.session.asking_server():
            method(self)

    return guarded
