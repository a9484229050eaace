"""Starting the window: the QApplication, the bundled font, the database, the sample articles."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
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
    # The whole interface in the bundled font (it has Latin letters too), so Arabic titles in
    # lists and menus are drawn as well as the article, not in a system font's Arabic.
    interface_font = QFont(app.font())
    interface_font.setFamilies([arabic_family(), *interface_font.families()])
    app.setFont(interface_font)
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
