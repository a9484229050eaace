"""The main window's size, place and panel widths, kept in the settings so that the next start
looks as the person left it; a first start fits the window to the screen it opens on (the
default of 1400x860 ran off a 1366x768 laptop's screen)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import QMainWindow, QSplitter

GROUP = "window"
DEFAULT_WIDTH, DEFAULT_HEIGHT = 1400, 860


def restore_window(
    window: QMainWindow, splitters: dict[str, QSplitter], settings: QSettings
) -> None:
    """Give `window` (not yet shown) the size, place and panel widths it had when last closed,
    or on a first start a size that fits its screen (maximised when the screen is smaller)."""
    geometry = settings.value(f"{GROUP}/geometry")
    if isinstance(geometry, QByteArray) and window.restoreGeometry(geometry):
        for name, splitter in splitters.items():
            state = settings.value(f"{GROUP}/{name}")
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        return
    screen = window.screen().availableGeometry()
    if screen.width() < DEFAULT_WIDTH or screen.height() < DEFAULT_HEIGHT:
        window.resize(min(DEFAULT_WIDTH, screen.width()), min(DEFAULT_HEIGHT, screen.height()))
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    else:
        window.resize(DEFAULT_WIDTH, DEFAULT_HEIGHT)


def remember_window(
    window: QMainWindow, splitters: dict[str, QSplitter], settings: QSettings
) -> None:
    """Keep the window's size, place and panel widths for the next start."""
    settings.setValue(f"{GROUP}/geometry", window.saveGeometry())
    for name, splitter in splitters.items():
        settings.setValue(f"{GROUP}/{name}", splitter.saveState())
