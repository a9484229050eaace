"""AnnotatorDialog: whose layer to work on, chosen from the annotators the database knows; a
name it does not know starts a new layer only once the person confirms it (a typo must not
open an empty layer that looks like lost work: issue 18)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QWidget,
)

from ui.wording import isolate


class AnnotatorDialog(QDialog):
    """An editable list of the database's annotators, the current one chosen."""

    def __init__(self, known: Sequence[str], current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Switch Annotator"))
        self.known = sorted({*known, current})
        self.names = QComboBox()
        self.names.setEditable(True)
        self.names.setMinimumWidth(self.fontMetrics().averageCharWidth() * 32)
        self.names.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # No completion: typing "Sam" must not become "Samir" and open his layer unasked.
        # (Qt takes a null completer to mean none; PySide6's type stubs do not say so.)
        self.names.setCompleter(None)  # type: ignore[arg-type]
        self.names.addItems(self.known)
        self.names.setCurrentText(current)
        label = QLabel(self.tr("Annotator name:"))
        label.setBuddy(self.names)
        form = QFormLayout(self)
        form.addRow(label, self.names)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen(self) -> str:
        """The name chosen or typed, without surrounding spaces."""
        return self.names.currentText().strip()

    def accept(self) -> None:
        name = self.chosen()
        if not name:
            self.names.setFocus()
            return
        if name not in self.known:
            answer = QMessageBox.question(
                self,
                self.tr("New Annotator"),
                self.tr(
                    "Nobody called %1 has annotated this database. Start a new layer as %1?"
                ).replace("%1", isolate(name)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                self.names.setFocus()
                if (editor := self.names.lineEdit()) is not None:
                    editor.selectAll()
                return
        super().accept()
