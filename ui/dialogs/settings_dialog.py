"""SettingsDialog: the interface language, the team's guidelines file and the team server to
open at start, kept in QSettings."""

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

from db.opening import Server, is_server_url, open_store, shown_url
from ui.dialogs.guidelines_dialog import SETTING

# The team project opened at start when no --db (or $HAMISH_DB) names one.
SERVER_SETTING = "server"


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
        self.server = QLineEdit(str(settings.value(SERVER_SETTING, "") or ""))
        self.server.setPlaceholderText("postgresql://amal@server/project")
        self.server.setToolTip(
            self.tr(
                "A team project on a PostgreSQL server, opened when Hamish starts. Empty: this"
                " computer's own database. The password is asked for at start, or read from"
                " ~/.pgpass; it is never saved here."
            )
        )
        test = QPushButton(self.tr("&Test Connection"))
        test.clicked.connect(self.test_connection)
        # Return in the field accepts the dialog, even after the button was clicked (a push
        # button in a dialog otherwise becomes the default once it has had the focus).
        test.setAutoDefault(False)
        self.server_result = QLabel()
        self.server_result.setWordWrap(True)
        server_row = QHBoxLayout()
        server_row.addWidget(self.server, 1)
        server_row.addWidget(test)
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
        layout.addRow(self.tr("Team server (opened at start):"), server_row)
        layout.addRow(self.server_result)
        layout.addRow(buttons)

    def _choose_guidelines(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Team Guidelines"), "", self.tr("Markdown (*.md *.txt)")
        )
        if name:
            self.guidelines.setText(name)

    def test_connection(self) -> bool:
        """Connect to the server named and say as whom, or why not."""
        url = self.server.text().strip()
        if not is_server_url(url):
            self.server_result.setText(self.tr("A team server's address starts with postgresql://"))
            return False
        try:
            store = open_store(Server(url))
        except Exception as error:  # the person must read why: any failure is said
            self.server_result.setText(self.tr("Cannot connect: %1").replace("%1", str(error)))
            return False
        try:
            who, role = store.member or "", store.role or self.tr("no role")
        finally:
            store.close()
        self.server_result.setText(
            self.tr("Connected as %1 (%2).").replace("%1", who).replace("%2", role)
        )
        return True

    def accept(self) -> None:
        url = self.server.text().strip()
        refusal = ""
        if url and not is_server_url(url):
            refusal = self.tr("A team server's address starts with postgresql://")
        elif url and shown_url(url) != url:
            # The tooltip promises it: a password typed into the address is never saved.
            refusal = self.tr(
                "Leave the password out of the address: Hamish asks for it at start, or reads"
                " it from ~/.pgpass."
            )
        if refusal:
            self.server_result.setText(refusal)
            self.server.setFocus()
            return
        self.settings.setValue(SERVER_SETTING, url)
        self.settings.setValue("language", self.language.currentData())
        self.settings.setValue(SETTING, self.guidelines.text().strip())
        super().accept()
