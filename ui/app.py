"""Starting the window: the QApplication, the bundled font, the database, the sample articles."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from annotation.importing import import_samples_if_empty
from db.location import resolve_database_path
from db.store import SqliteStore
from ui.fonts import arabic_family
from ui.main_window import MainWindow


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with Hamish's names, or the one that already exists (tests)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName("Hamish")
    app.setOrganizationName("Hamish")
    app.setApplicationDisplayName("Hamish")
    app.setAttribute(Qt.ApplicationAttribute.AA_DontShowIconsInMenus, False)
    arabic_family()  # loaded before any widget asks for it
    return app


def run_window(database: str | None = None) -> int:
    """Open the main window on the database and run until it closes."""
    app = create_application()
    path = resolve_database_path(database)
    try:
        store = SqliteStore(path)
        import_samples_if_empty(store)
    except Exception as error:  # the person must see why the window cannot open
        QMessageBox.critical(None, "Hamish", f"Cannot open the database {path}:\n\n{error}")
        return 1
    window = MainWindow(store)
    window.show()
    try:
        return app.exec()
    finally:
        store.close()
