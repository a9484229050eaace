"""The team server in Settings, and the window's start on it (ui/app.py), against the tests'
real PostgreSQL project: typed with keys, tested with the button, saved, and opened at the
next start as the member the server knows (no name asked, no sample written into it)."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from db.opening import Server
from tests.conftest import empty_project
from ui.app import start_window
from ui.dialogs.settings_dialog import SERVER_SETTING, SettingsDialog
from ui.main_window import MainWindow


def focus(qtbot: QtBot, dialog: SettingsDialog) -> None:
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def type_server(qtbot: QtBot, dialog: SettingsDialog, url: str) -> None:
    # Tab from the language box until the server field has the focus, as a person would.
    dialog.language.setFocus()
    for _ in range(8):
        if dialog.focusWidget() is dialog.server:
            break
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.server
    dialog.server.selectAll()
    qtbot.keyClicks(dialog.server, url)


def test_a_server_is_tested_saved_and_opened_at_start(
    qtbot: QtBot, isolated_settings: QSettings, postgres_project: str
) -> None:
    empty_project(postgres_project)
    dialog = SettingsDialog(isolated_settings)
    qtbot.addWidget(dialog)
    focus(qtbot, dialog)
    type_server(qtbot, dialog, postgres_project)
    test = next(b for b in dialog.findChildren(QPushButton) if "Test" in b.text())
    qtbot.mouseClick(test, Qt.MouseButton.LeftButton)
    assert dialog.server_result.text() == "Connected as postgres (owner)."  # the superuser
    qtbot.keyClick(dialog.server, Qt.Key.Key_Return)  # the dialog's default button: OK
    assert isolated_settings.value(SERVER_SETTING) == postgres_project

    window = start_window(Server(postgres_project), isolated_settings, "en")
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    # The layer is the member's, by the name the server knows; no sample went into the project.
    assert window.session.annotator == "postgres"
    assert window.session.store.document_count() == 0
    window.session.store.close()


def test_a_bad_address_is_said_and_not_saved(qtbot: QtBot, isolated_settings: QSettings) -> None:
    dialog = SettingsDialog(isolated_settings)
    qtbot.addWidget(dialog)
    focus(qtbot, dialog)
    type_server(qtbot, dialog, "server/project")
    qtbot.keyClick(dialog.server, Qt.Key.Key_Return)
    assert dialog.isVisible()  # refused, the person corrects it
    assert "postgresql://" in dialog.server_result.text()
    assert isolated_settings.value(SERVER_SETTING, "") == ""
    assert isinstance(dialog.focusWidget(), QLineEdit)


def test_an_unreachable_server_says_why(
    qtbot: QtBot, isolated_settings: QSettings, postgres_cluster: object
) -> None:
    dialog = SettingsDialog(isolated_settings)
    qtbot.addWidget(dialog)
    focus(qtbot, dialog)
    type_server(qtbot, dialog, "postgresql://amal@127.0.0.1:1/project")
    assert not dialog.test_connection()
    assert dialog.server_result.text().startswith(
        "Cannot connect: cannot connect to the team server postgresql://amal@127.0.0.1:1/project"
    )


def test_a_password_in_the_address_is_not_saved(qtbot: QtBot, isolated_settings: QSettings) -> None:
    dialog = SettingsDialog(isolated_settings)
    qtbot.addWidget(dialog)
    focus(qtbot, dialog)
    type_server(qtbot, dialog, "postgresql://amal:s3cret@db.example/news")
    qtbot.keyClick(dialog.server, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.server_result.text().startswith("Leave the password out of the address")
    assert isolated_settings.value(SERVER_SETTING, "") == ""
