"""Starting the window: the QApplication, the bundled font, the language, the database, the
annotator's name and the sample articles."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox

from annotation.importing import import_samples_if_empty
from annotation.ports import ConnectionLostError, Store
from annotation.tagset import load_tagset
from db.location import ENVIRONMENT_VARIABLE, DatabasePathError
from db.opening import (
    PasswordNeeded,
    Server,
    Where,
    connector,
    is_server_url,
    open_store,
    resolve_database,
)
from ui.dialogs.settings_dialog import SERVER_SETTING
from ui.fonts import arabic_family
from ui.i18n import chosen_language, install_language
from ui.main_window import MainWindow
from ui.session.qt_session import Session
from ui.window_size import restore_window
from ui.wording import isolate_path

ICON = Path(__file__).resolve().parent.parent / "assets" / "hamish.svg"
# Milliseconds after which the window quits by itself: the bundle's smoke test starts the real
# window with it (tests/packaging/test_bundle.py). Unset, the window stays until closed.
QUIT_AFTER_VARIABLE = "HAMISH_QUIT_AFTER_MS"


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with Hamish's names, or the one that already exists (tests)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName("Hamish")
    app.setOrganizationName("Hamish")
    app.setApplicationDisplayName("Hamish")
    app.setWindowIcon(QIcon(str(ICON)))
    # The whole interface in the bundled font (it has Latin letters too), so Arabic titles in
    # lists and menus are drawn as well as the article, not in a system font's Arabic.
    interface_font = QFont(app.font())
    interface_font.setFamilies([arabic_family(), *interface_font.families()])
    app.setFont(interface_font)
    return app


def ask_annotator_name(settings: QSettings) -> str | None:
    """The annotator's name from the settings, asked for on first start."""
    name = str(settings.value("annotator", "")).strip()
    while not name:
        name, accepted = QInputDialog.getText(
            None,
            QApplication.translate("Startup", "Welcome to Hamish"),
            QApplication.translate("Startup", "Your name, as your annotations will be signed:"),
        )
        if not accepted:
            return None
        name = name.strip()
    settings.setValue("annotator", name)
    return name


def run_window(database: str | None = None) -> int:
    """Open the main window on the database and run until it closes."""
    app = create_application()
    settings = QSettings()
    language = chosen_language(settings)
    translators = install_language(app, language)  # noqa: F841 - kept alive while the app runs
    try:
        path = resolve_database(database)
        saved = str(settings.value(SERVER_SETTING, "") or "").strip()
        if database is None and ENVIRONMENT_VARIABLE not in os.environ and is_server_url(saved):
            path = Server(saved)  # Settings' team server, when nothing else is named
    except DatabasePathError as error:
        QMessageBox.critical(None, "Hamish", str(error))
        return 1
    window = start_window(path, settings, language)
    if not isinstance(window, MainWindow):
        return window
    restore_window(window, window.splitters, settings)
    window.show()
    if quit_after := os.environ.get(QUIT_AFTER_VARIABLE):
        QTimer.singleShot(int(quit_after), app.quit)
    # The ~130,000 objects made before the window opens (Qt's wrappers, the tag set, the
    # gazetteer's modules) live as long as the app: frozen, Python's full garbage collection
    # stops walking them, which took 55-65 ms whenever it fell on a scroll step or a key press
    # (bench/bench_scale.py at 100,000 articles).
    gc.freeze()
    try:
        return app.exec()
    finally:
        window.session.store.close()


def start_window(path: Where, settings: QSettings, language: str) -> MainWindow | int:
    """The main window on the database at `path`, not yet shown, with the samples imported
    into a new database; or the exit code when it cannot open (said) or the person declines
    to give a name."""
    try:
        opened = _open_asking_password(path)
        tagset = load_tagset()
    except Exception as error:  # the person must see why the window cannot open
        return _cannot_open(path, error)
    if opened is None:
        return 0
    store, path = opened
    # On a team server the layer is the member's own, by the name they connect as.
    annotator = store.member or ask_annotator_name(settings)
    if annotator is None:
        store.close()
        return 0
    try:
        # After the name: the annotated sample goes into the starting annotator's own layer
        # (a file's only: a team's project gets its documents from its manager).
        if store.member is None:
            import_samples_if_empty(store, annotator)
    except Exception as error:
        store.close()
        return _cannot_open(path, error)
    try:
        return MainWindow(Session(store, tagset, annotator), connector(path), language)
    except ConnectionLostError:  # the server stopped while the window read its lists
        store.close()
        return _server_lost_at_start(store.address)


def _open_asking_password(where: Where) -> tuple[Store, Where] | None:
    """The store at `where`, asking for the server's password while it asks for one (None:
    the person cancelled); the password is kept in memory for the window's other
    connections, never written."""
    while True:
        try:
            return open_store(where), where
        except PasswordNeeded as error:
            if not isinstance(where, Server):
                raise
            password, accepted = QInputDialog.getText(
                None,
                "Hamish",
                QApplication.translate("Startup", "%1\n\nPassword:").replace("%1", str(error)),
                QLineEdit.EchoMode.Password,
            )
            if not accepted:
                return None
            where = Server(where.url, password)


def _server_lost_at_start(address: str) -> int:
    QMessageBox.critical(
        None,
        "Hamish",
        QApplication.translate(
            "Startup",
            "The team server %1 stopped answering while Hamish was opening the project, and"
            " nothing was changed. Start Hamish again once the server is back.",
        ).replace("%1", isolate_path(address)),
    )
    return 1


def _cannot_open(path: Where, error: Exception) -> int:
    message = QApplication.translate("Startup", "Cannot open the database %1:").replace(
        "%1", str(path)
    )
    QMessageBox.critical(None, "Hamish", f"{message}\n\n{error}")
    return 1
