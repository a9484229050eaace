"""The document list driven by hand: filtering never switches the article, and the keys the
status bar promises after Ctrl+J work from the list (issue 14, items 5 and 7)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from db.store import SqliteStore
from tests.ui.workspace import add_document, open_window, press
from ui.main_window import MainWindow

TITLES = ("Damascus talks", "Tunis ports", "Aleppo water", "Tunis elections")


@pytest.fixture
def window(qtbot: QtBot, store: SqliteStore) -> MainWindow:
    for title in TITLES:
        add_document(store, f"قال الوزير إن المحادثات في {title} مستمرة.", title)
    shown = open_window(qtbot, store)
    assert shown.session.document is not None and shown.session.document.title == TITLES[0]
    return shown


def open_title(window: MainWindow) -> str | None:
    document = window.article_view.document_shown
    return document.title if document is not None else None


def test_typing_in_the_filter_keeps_the_open_article(window: MainWindow, qtbot: QtBot) -> None:
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    box = window.documents.filter_box
    assert QApplication.focusWidget() is box
    for more, typed in (("T", "T"), ("u", "Tu"), ("nis", "Tunis")):
        qtbot.keyClicks(box, more)
        assert box.text() == typed
        assert open_title(window) == "Damascus talks"  # the list shows Tunis, the article stays
        session_document = window.session.document
        assert session_document is not None and session_document.title == "Damascus talks"
    model = window.documents.model
    assert [model.index(row, 0).data() for row in range(model.rowCount())] == [
        "Tunis ports",
        "Tunis elections",
    ]
    # Enter in the filter chooses the first match; a click chooses another row.
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert open_title(window) == "Tunis ports"
    table = window.documents.table
    where = table.visualRect(model.index(1, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert open_title(window) == "Tunis elections"
    # Clearing the filter lists everything again with the open article's row current.
    box.clear()
    assert open_title(window) == "Tunis elections"
    session_document = window.session.document
    assert session_document is not None
    assert window.documents.current_document() == session_document.id


def test_a_status_filter_that_hides_the_open_article_keeps_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    from annotation.model import Status

    press(qtbot, window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert open_title(window) == "Tunis ports"
    statuses = window.documents.status_filter
    statuses.setCurrentIndex(statuses.findData(Status.DONE))  # nothing is done yet
    assert window.documents.model.rowCount() == 0
    assert open_title(window) == "Tunis ports"
    statuses.setCurrentIndex(0)
    assert open_title(window) == "Tunis ports"
    session_document = window.session.document
    assert session_document is not None
    assert window.documents.current_document() == session_document.id


def test_enter_and_backspace_work_after_ctrl_j_pressed_in_the_document_list(
    qtbot: QtBot, store: SqliteStore
) -> None:
    document = add_document(store, "قال وزير الخارجية إن الوفد وصل إلى دمشق أمس.")
    window = open_window(qtbot, store)
    table = window.documents.table
    where = table.visualRect(window.documents.model.index(0, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    table.setFocus()  # what the click does in a real window
    assert QApplication.focusWidget() is table

    def key_where_the_focus_is(
        key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, key, modifier)

    key_where_the_focus_is(Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    promise = window.statusBar().currentMessage()
    assert promise == "Enter accepts this suggestion, Backspace rejects it."
    offered = window.session.suggestion(window.session.current_suggestion)
    assert offered is not None and offered.text == "وزير الخارجية"
    key_where_the_focus_is(Qt.Key.Key_Return)
    assert [s.text for s in store.spans_for(document, "amal")] == ["وزير الخارجية"]
    rejected = window.session.suggestion(window.session.current_suggestion)
    assert rejected is not None
    key_where_the_focus_is(Qt.Key.Key_Backspace)
    assert rejected.id not in {s.id for s in window.session.suggestions}
    assert [s.text for s in store.spans_for(document, "amal")] == ["وزير الخارجية"]
    assert window.documents.current_document() == document
