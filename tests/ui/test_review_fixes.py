"""Defects found in review, each reproduced first, then kept fixed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.store import SqliteStore
from tests.ui.workspace import add_document, open_window, press, select_text
from ui.main_window import MainWindow

TEXT = "قال الوزير إن الوفد وصل إلى دمشق أمس، وأكد المتحدث أن المحادثات انتهت في بيروت."


def layer(store: SqliteStore) -> list[str]:
    (summary,) = store.document_summaries()
    return [span.text for span in store.spans_for(summary.id, "amal")]


def tag(qtbot: QtBot, window: MainWindow, word: str, key: Qt.Key = Qt.Key.Key_3) -> None:
    start = TEXT.index(word)
    select_text(window, start, start + len(word))
    press(qtbot, window, key)


def test_a_locked_database_keeps_the_undo_stack_in_step(
    qtbot: QtBot, store: SqliteStore, database: Path
) -> None:
    add_document(store, TEXT)
    window = open_window(qtbot, store)
    tag(qtbot, window, "دمشق")
    store.db.execute("PRAGMA busy_timeout = 50")  # fail fast instead of waiting 5 s
    other = sqlite3.connect(database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        press(qtbot, window, Qt.Key.Key_Delete)
        assert "busy" in window.notices.text()
        assert window.session.undo_stack.count() == 1  # the failed delete is not on the stack
        assert window.undo_action.text() == "&Undo Tag Location"
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert layer(store) == ["دمشق"]
    window.session.undo_stack.undo()
    assert layer(store) == []
    window.session.undo_stack.redo()
    assert layer(store) == ["دمشق"]


def test_deleting_a_span_does_not_select_its_neighbour(qtbot: QtBot, store: SqliteStore) -> None:
    add_document(store, TEXT)
    window = open_window(qtbot, store)
    for word in ("الوفد", "دمشق", "بيروت"):
        tag(qtbot, window, word)
    window.clear_selection()
    window.session.select_span(window.session.spans[1].id)
    press(qtbot, window, Qt.Key.Key_Delete)
    assert window.session.selected is None
    press(qtbot, window, Qt.Key.Key_Delete)  # nothing selected: nothing more is deleted
    assert layer(store) == ["الوفد", "بيروت"]
    window.session.undo_stack.undo()
    window.session.undo_stack.undo()  # undo the tag of بيروت
    assert window.session.selected is None
    press(qtbot, window, Qt.Key.Key_1)  # no text and no span selected: nothing is relabelled
    assert [s.label for s in window.session.spans] == ["LOCATION", "LOCATION"]
