"""Undo and redo never change a document the person cannot see (issue 14, item 3)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.store import SqliteStore
from tests.ui.workspace import add_document, open_window, press, select_text

FIRST = "قال وزير الخارجية إن الوفد وصل إلى دمشق أمس."
SECOND = "ومن بيروت أعلن المتحدث أن المحادثات انتهت."


def test_undo_after_moving_on_opens_the_tagged_article_and_redo_selects_the_span(
    qtbot: QtBot, store: SqliteStore
) -> None:
    first = add_document(store, FIRST, "الأول")
    second = add_document(store, SECOND, "الثاني")
    window = open_window(qtbot, store)
    window.documents.choose(first)
    start = FIRST.index("دمشق")
    select_text(window, start, start + 4)
    press(qtbot, window, Qt.Key.Key_3)
    assert [s.text for s in store.spans_for(first, "amal")] == ["دمشق"]

    press(qtbot, window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.session.document is not None and window.session.document.id == second

    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    # The window shows the first article again, and the span is gone there, on screen.
    assert window.session.document.id == first
    assert window.article_view.toPlainText().startswith("قال وزير")
    assert window.documents.model.document_id(window.documents.table.currentIndex().row()) == first
    assert store.spans_for(first, "amal") == []
    assert window.session.spans == []

    press(qtbot, window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.session.document.id == second
    press(
        qtbot,
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.session.document.id == first
    restored = window.session.selected_span()
    assert restored is not None
    assert (restored.start, restored.end, restored.text) == (start, start + 4, "دمشق")
    assert [s.text for s in store.spans_for(first, "amal")] == ["دمشق"]
