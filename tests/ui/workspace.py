"""Helpers for driving the annotation workspace in tests."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from annotation.model import Document, DocumentId, text_sha256
from annotation.tagset import load_tagset
from db.opening import connector
from db.store import SqliteStore
from ui.app import create_application
from ui.main_window import MainWindow
from ui.session.qt_session import Session


def add_document(store: SqliteStore, text: str, title: str = "خبر") -> DocumentId:
    return store.add_documents([Document(text=text, text_sha256=text_sha256(text), title=title)])[0]


def open_window(
    qtbot: QtBot, store: SqliteStore, language: str = "en", annotator: str = "amal"
) -> MainWindow:
    create_application()
    assert store.path is not None, "the window works on a database file"
    window = MainWindow(Session(store, load_tagset(), annotator), connector(store.path), language)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitActive(window):
        window.activateWindow()
    window.article_view.setFocus()
    return window


def open_server_window(qtbot: QtBot, url: str, annotator: str = "amal") -> MainWindow:
    """A window on a team server's project, as `--db postgresql://...` opens it."""
    from db.opening import Server, open_store

    create_application()
    where = Server(url)
    session = Session(open_store(where), load_tagset(), annotator)
    window = MainWindow(session, connector(where), "en")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    activate(qtbot, window)
    return window


def activate(qtbot: QtBot, window: MainWindow) -> None:
    """Bring a window to the front, its article focused (its tagging keys act only then)."""
    with qtbot.waitActive(window):
        window.activateWindow()
    window.article_view.setFocus()


def select_text(window: MainWindow, start: int, end: int) -> None:
    """Select code points [start, end) in the article as a person would."""
    view = window.article_view
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.to_qt(start))
    cursor.setPosition(view.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.setFocus()


def press(
    qtbot: QtBot,
    window: MainWindow,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    qtbot.keyClick(window.article_view, key, modifier)


def top_level_item(tree: QTreeWidget, row: int) -> QTreeWidgetItem:
    """The tree's top-level item in `row`, which the test expects to be there."""
    item = tree.topLevelItem(row)
    assert item is not None, f"no top-level row {row}"
    return item
