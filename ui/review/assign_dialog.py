"""AssignDialog: a manager gives documents to annotators, by hand or N per document spread
evenly (annotation/assignment.py decides the spread; the store writes it in one transaction).

Every control has a mnemonic and the order of Tab follows the form; a refusal (an unknown
document, more annotators per document than are checked) is said in the dialog, which stays
open with nothing written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotation.assignment import SpreadError, SpreadStore, assign_spread, parse_documents
from annotation.model import DocumentId
from annotation.ports import DocumentStore, LayerStore, NotFoundError, StoreError


class AssignStore(SpreadStore, DocumentStore, LayerStore, Protocol):
    """What the dialog needs: assignments in a transaction, the documents' ids, the names."""


class AssignDialog(QDialog):
    """Documents (ids and ranges) to the checked annotators, or spread over them."""

    # The ids of the documents whose assignments changed, after a successful write.
    assigned = Signal(object)

    def __init__(
        self,
        store: AssignStore,
        by: str,
        documents: Sequence[DocumentId] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.by = store, by
        self.setWindowTitle(self.tr("Assign Documents"))

        self.documents = QLineEdit(",".join(str(d) for d in documents))
        self.documents.setPlaceholderText(self.tr("1,3,5-9 (empty: every document, to spread)"))
        self.annotators = QListWidget()
        for name in store.annotator_names():
            self._add_annotator(name, checked=False)
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(self.tr("Type a name and press Enter to add it"))
        # Enter in the name box adds the name; a QLineEdit passes Enter on to the dialog,
        # whose default button would assign at once, so the box's Enter is taken here.
        self.new_name.installEventFilter(self)
        self.by_hand = QRadioButton(self.tr("&Give every document to each checked annotator"))
        self.spread = QRadioButton(self.tr("&Spread: each document to N of the checked annotators"))
        self.by_hand.setChecked(True)
        self.per_document = QSpinBox()
        self.per_document.setRange(1, 99)
        self.per_document.setValue(2)
        self.per_document.setEnabled(False)
        self.spread.toggled.connect(self.per_document.setEnabled)
        self.message = QLabel()
        self.message.setWordWrap(True)

        form = QFormLayout()
        documents_label = QLabel(self.tr("&Documents:"))
        documents_label.setBuddy(self.documents)
        form.addRow(documents_label, self.documents)
        annotators_label = QLabel(self.tr("Ann&otators:"))
        annotators_label.setBuddy(self.annotators)
        form.addRow(annotators_label, self.annotators)
        name_label = QLabel(self.tr("New &name:"))
        name_label.setBuddy(self.new_name)
        form.addRow(name_label, self.new_name)
        form.addRow(self.by_hand)
        form.addRow(self.spread)
        per_label = QLabel(self.tr("Annotators &per document:"))
        per_label.setBuddy(self.per_document)
        form.addRow(per_label, self.per_document)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Assign"))
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.documents.setFocus()

    def chosen_annotators(self) -> list[str]:
        """The checked annotators, in the list's order."""
        items = (self.annotators.item(row) for row in range(self.annotators.count()))
        return [item.text() for item in items if item.checkState() == Qt.CheckState.Checked]

    def apply(self) -> None:
        """Write the assignments and close; or say why not, with nothing written."""
        names = self.chosen_annotators()
        if not names:
            self.message.setText(self.tr("Check at least one annotator."))
            return
        try:
            text = self.documents.text().strip()
            if text:
                ids = parse_documents(text)
            elif self.spread.isChecked():
                ids = [summary.id for summary in self.store.document_summaries()]
            else:
                self.message.setText(self.tr("Name the documents to assign, like 1,3,5-9."))
                return
            if self.spread.isChecked():
                assign_spread(self.store, ids, names, self.per_document.value(), self.by)
            else:
                self.store.assign(ids, names, self.by)
        except (NotFoundError, SpreadError, StoreError, ValueError) as error:
            # args[0]: a KeyError's str() would quote the sentence.
            self.message.setText(str(error.args[0]) if error.args else str(error))
            return
        self.assigned.emit(frozenset(ids))
        self.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.new_name
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._add_typed_name()
            return True
        return super().eventFilter(watched, event)

    def _add_typed_name(self) -> None:
        name = self.new_name.text().strip()
        if name and name not in (
            self.annotators.item(r).text() for r in range(self.annotators.count())
        ):
            self._add_annotator(name, checked=True)
        self.new_name.clear()

    def _add_annotator(self, name: str, checked: bool) -> None:
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.annotators.addItem(item)
