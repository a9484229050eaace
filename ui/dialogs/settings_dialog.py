"""SettingsDialog: the interface language and the team's guidelines file, kept in QSettings."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ui.dialogs.guidelines_dialog import SETTING


class SettingsDialog(QDialog):
    """Chooses the interface language; it applies at the next start (the layout mirrors)."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox()
        for text, value in (
            (self.tr("As the system"), "system"),
            ("English", "en"),
            ("العربية", "ar"),
        ):
            self.language.addItem(text, value)
        current = str(settings.value("language", "system"))
        self.language.setCurrentIndex(max(0, self.language.findData(current)))
        self.guidelines = QLineEdit(str(settings.value(SETTING, "") or ""))
        self.guidelines.setPlaceholderText(self.tr("The guidelines that come with Hamish"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_guidelines)
        guidelines_row = QHBoxLayout()
        guidelines_row.addWidget(self.guidelines, 1)
        guidelines_row.addWidget(browse)
        note = QLabel(self.tr("A new language applies when Hamish next starts."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(self.tr("Interface language:"), self.language)
        layout.addRow(note)
        layout.addRow(self.tr("Team guidelines (Markdown):"), guidelines_row)
        layout.addRow(buttons)

    def _choose_guidelines(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Team Guidelines"), "", self.tr("Markdown (*.md *.txt)")
        )
        if name:
            self.guidelines.setText(name)

    def accept(self) -> None:
        self.settings.setValue("language", self.language.currentData())
        self.settings.setValue(SETTING, self.guidelines.text().strip())
        super().accept()
