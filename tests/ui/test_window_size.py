"""The window opens as the person left it: size and panel widths; a first start fits the
screen (the default size ran off a 1366x768 laptop's screen)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from db.store import SqliteStore
from tests.ui.workspace import add_document, open_window
from ui.window_size import DEFAULT_HEIGHT, DEFAULT_WIDTH, restore_window


def test_a_first_start_fits_the_screen(qtbot: QtBot, store: SqliteStore) -> None:
    add_document(store, "قال الوزير إن الوفد وصل.")
    window = open_window(qtbot, store)
    window.hide()
    restore_window(window, window.splitters, QSettings())
    screen = window.screen().availableGeometry()
    if screen.width() >= DEFAULT_WIDTH and screen.height() >= DEFAULT_HEIGHT:
        assert (window.width(), window.height()) == (DEFAULT_WIDTH, DEFAULT_HEIGHT)
    else:
        # (offscreen, whose screen is 800x600: a laptop smaller than the default)
        assert window.width() <= screen.width() and window.height() <= screen.height()
        assert window.isMaximized()


def test_the_size_and_the_panels_come_back_after_a_close(qtbot: QtBot, store: SqliteStore) -> None:
    add_document(store, "قال الوزير إن الوفد وصل.")
    window = open_window(qtbot, store)
    window.resize(760, 560)  # (the offscreen screen is 800x600)
    panels = window.splitters["panels"]
    panels.setSizes([150, 450, 150])
    sizes = panels.sizes()
    window.close()

    again = open_window(qtbot, store)
    again.hide()
    restore_window(again, again.splitters, QSettings())
    again.show()
    qtbot.waitExposed(again)
    assert (again.width(), again.height()) == (760, 560)
    assert again.splitters["panels"].sizes() == sizes
