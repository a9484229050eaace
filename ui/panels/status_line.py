"""StatusLine: the status bar's standing words — the team server and the role it grants (for
a project on a server), who is annotating, the open document's status (and Mark as Done's
check, which shows it), that every change is saved, and where the cursor is in the text.
Messages that matter go to the notice band instead (ui/notice_bar.py)."""

from __future__ import annotations

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QStatusBar

from annotation.changes import Changes
from annotation.model import Status
from annotation.ports import ConnectionLostError
from ui.session.qt_session import Session
from ui.wording import isolate, isolate_path, status_name


class StatusLine(QObject):
    """Keeps the status bar's labels in step with the session."""

    def __init__(
        self,
        session: Session,
        bar: QStatusBar,
        mark_done: QAction,
        position_changed: SignalInstance,
    ) -> None:
        super().__init__(bar)
        self.session, self.mark_done = session, mark_done
        self._status = Status.NEW  # as last read, shown while the team server is away
        self.annotator_label = QLabel()
        self.status_label = QLabel()
        self.saved_label = QLabel(self.tr("All changes saved"))
        self.position_label = QLabel()
        self.server_label = QLabel()
        if session.store.location is None:  # a team server's project: which, and as whom
            bar.addPermanentWidget(self.server_label)
            self.show_server(connected=True)
            session.connection_lost.connect(lambda _text: self.show_server(connected=False))
            session.connection_restored.connect(lambda _text: self.show_server(connected=True))
        for label in (
            self.annotator_label,
            self.status_label,
            self.saved_label,
            self.position_label,
        ):
            bar.addPermanentWidget(label)
        self.show_annotator(session.annotator)
        session.annotator_changed.connect(self.show_annotator)
        session.document_opened.connect(lambda _document: self.show_status())
        session.changed.connect(self._show_changes)
        session.undo_group.indexChanged.connect(self._saved)
        mark_done.triggered.connect(self._mark_done)
        position_changed.connect(self._show_position)
        self.show_status()  # with no document at all, nothing opened: nothing to mark

    def show_annotator(self, name: str) -> None:
        self.annotator_label.setText(self.tr("Annotator: %1").replace("%1", isolate(name)))

    def show_server(self, connected: bool) -> None:
        """The server's address and this member's role on it, or that it cannot be reached."""
        store = self.session.store
        if not connected:
            text = self.tr("Server: %1 (not connected)").replace("%1", isolate_path(store.address))
        elif store.role is None:
            text = self.tr("Server: %1").replace("%1", isolate_path(store.address))
        else:
            text = (
                self.tr("Server: %1 as %2")
                .replace("%1", isolate_path(store.address))
                .replace("%2", isolate(self._role_name(store.role)))
            )
        self.server_label.setText(text)

    def _role_name(self, role: str) -> str:
        """The role in the interface's language: the Arabic status line showed "annotator"."""
        names = {
            "annotator": self.tr("annotator"),
            "curator": self.tr("curator"),
            "manager": self.tr("manager"),
            "owner": self.tr("owner"),
        }
        return names.get(role, role)

    def show_status(self) -> None:
        """The open document's status, and Mark as Done pressed while it is done."""
        try:
            status = self._status = self.session.status()
        except ConnectionLostError:  # the team server is away (the session said so): as shown
            status = self._status
        self.status_label.setText(self.tr("Status: %1").replace("%1", status_name(status)))
        self.mark_done.setChecked(status is Status.DONE)
        self.mark_done.setEnabled(self.session.document is not None)

    def _show_changes(self, changes: Changes) -> None:
        document = self.session.document
        if document is not None and (changes.everything or document.id in changes.statuses):
            self.show_status()

    def _mark_done(self, _checked: bool) -> None:
        """Mark as Done marks the document done, pressed again too (Ctrl+Return twice must not
        take the mark back); Mark as In Progress does that. The check shows the stored status."""
        self.session.set_status(Status.DONE)
        self.show_status()

    def _show_position(self, offset: int) -> None:
        self.position_label.setText(self.tr("Offset %1").replace("%1", str(offset)))

    def _saved(self) -> None:
        # Every edit is committed as it is made; say so, so nobody looks for a Save button.
        self.saved_label.setText(self.tr("All changes saved"))
