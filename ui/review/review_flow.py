"""ReviewFlow: the Review menu as a person meets it: the compare and adjudicate window for the
open document, the agreement dashboard, and the way back from either into the article."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from annotation.adjudication import GOLD
from annotation.changes import Changes
from annotation.model import DocumentId
from ui.actions import Actions
from ui.review.agreement_dashboard import AgreementDashboard
from ui.review.assign_dialog import AssignDialog
from ui.review.compare_window import CompareWindow
from ui.session.qt_session import Session, asks_server


class Workspace(Protocol):
    """What the flow needs of the main window."""

    def go_to(
        self, document_id: DocumentId, start: int | None = None, end: int | None = None
    ) -> None:
        """Open a document, with the text from `start` to `end` selected when given."""
        ...


class ReviewFlow(QObject):
    """Opens the review windows (one of each, reused) and brings their choices back."""

    message = Signal(str)  # for the status bar

    def __init__(
        self, session: Session, actions: Actions, window: QWidget, workspace: Workspace
    ) -> None:
        super().__init__(window)
        self.session, self.window, self.workspace = session, window, workspace
        self.compare_window: CompareWindow | None = None
        self.dashboard: AgreementDashboard | None = None
        actions.compare.triggered.connect(self.compare)
        actions.agreement_dashboard.triggered.connect(self.show_dashboard)
        actions.assign_documents.triggered.connect(self.assign_documents)
        # On a team server only a manager assigns (the server refuses anyone else): the
        # action is not offered to annotators and curators. A file has no roles.
        actions.assign_documents.setEnabled(session.store.role in (None, "manager", "owner"))

    @asks_server
    def compare(self) -> None:
        """Compare two layers of the open document, and adjudicate them into gold."""
        document = self.session.document
        if document is None or document.id is None:
            QMessageBox.information(
                self.window,
                self.tr("Compare Annotators"),
                self.tr("Open a document first: the comparison is of its layers."),
            )
            return
        if self.compare_window is None:
            # A window of its own, not a child of the main window: the main window's
            # one-key label shortcuts (1, 2, 3) would otherwise take the compare window's
            # decision keys. close_windows() closes it with the main window.
            self.compare_window = CompareWindow(
                self.session.store, self.session.tagset, self.session.annotator, None
            )
            self.compare_window.edit_in_gold.connect(self._edit_in_gold)
            self.compare_window.gold_changed.connect(self._gold_changed)
            self.compare_window.open_document.connect(
                lambda document_id: self.workspace.go_to(DocumentId(document_id))
            )
            self.session.changed.connect(self.compare_window.show_changes)  # kept live
        self.compare_window.show_document(document.id)
        self.compare_window.show()
        self.compare_window.raise_()
        self.compare_window.activateWindow()

    @asks_server
    def show_dashboard(self) -> None:
        """Agreement per label, per annotator pair and per document, as charts and tables."""
        names = self.session.store.annotator_names()
        if len(names) < 2:
            QMessageBox.information(
                self.window,
                self.tr("Agreement Dashboard"),
                self.tr(
                    "Agreement needs the layers of two annotators or more; this database has %n.",
                    "",
                    len(names),
                ),
            )
            return
        if self.dashboard is None:
            self.dashboard = AgreementDashboard(
                self.session.store,
                names,
                self.window,
                tagset=self.session.tagset,
                language=self.session.language,
            )
            self.dashboard.open_document.connect(
                lambda document_id: self.workspace.go_to(DocumentId(document_id))
            )
            self.session.changed.connect(self.dashboard.show_changes)  # kept live
        else:
            self.dashboard.refresh()  # annotations may have changed since it was last shown
        self.dashboard.show()
        self.dashboard.raise_()

    def assign_documents(self) -> AssignDialog | None:
        """A manager's dialog: the open document (or any others) to chosen annotators (None
        while the team server cannot be reached, as the dialog reads who is there)."""
        document = self.session.document
        chosen = [document.id] if document is not None and document.id is not None else []
        dialog = None
        with self.session.asking_server():
            dialog = AssignDialog(self.session.store, self.session.annotator, chosen, self.window)
        if dialog is None:
            return None
        dialog.assigned.connect(
            lambda ids: self.session.publish(Changes(assignments=frozenset(ids)))
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def close_windows(self) -> None:
        """Close the review windows (the main window is closing)."""
        if self.compare_window is not None:
            self.compare_window.close()
            self.compare_window.deleteLater()
            self.compare_window = None

    def _gold_changed(self, changes: Changes) -> None:
        # The compare window decides through its own undo history: the views here are told
        # (the article shows the gold layer too when that is the layer open here).
        self.session.publish(changes)

    def _edit_in_gold(self, document_id: int, start: int, end: int) -> None:
        gold = self.compare_window.gold if self.compare_window is not None else GOLD
        if self.session.annotator != gold:
            self.session.switch_annotator(gold)
            self.message.emit(
                self.tr(
                    "Now editing the gold layer “%1”; switch back with Annotator > Switch Annotator."
                ).replace("%1", gold)
            )
        self.workspace.go_to(DocumentId(document_id), start, end)
        self.window.raise_()
        self.window.activateWindow()
