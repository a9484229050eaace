"""SettingsDialog: the interface language (and, later, other preferences), kept in QSettings."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget


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
        layout.addRow(buttons)

    def accept(self) -> None:
        self.settings.setValue("language", self.language.currentData())
        super().accept()
