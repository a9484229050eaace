"""Notices that matter (a refusal, the result of long work) stay above the article until the
person dismisses them or the next one replaces them; key hints stay in the status bar
(issue 18)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotation.model import Span
from db.store import SqliteStore
from tests.ui.workspace import add_document, open_window, press, select_text

TEXT = "قال وزير الخارجية إن الوفد وصل إلى دمشق أمس."


def test_a_refusal_stays_until_dismissed(qtbot: QtBot, store: SqliteStore) -> None:
    add_document(store, TEXT)
    window = open_window(qtbot, store)
    notices = window.notices
    assert not notices.isVisible()
    start = TEXT.index("دمشق")
    for _ in range(2):
        select_text(window, start, start + 4)
        press(qtbot, window, Qt.Key.Key_3)
    assert notices.isVisible()
    assert notices.text() == "“دمشق” is already tagged Location."
    top = notices.mapTo(window, notices.rect().topLeft()).y()
    assert top < window.article_view.mapTo(window, window.article_view.rect().topLeft()).y()

    for key in (Qt.Key.Key_Left, Qt.Key.Key_Left, Qt.Key.Key_Right):  # reading on
        press(qtbot, window, key)
    window.actions_.next_document.trigger()  # no other document: nothing happens
    assert notices.text() == "“دمشق” is already tagged Location."  # still there to read

    yesterday = TEXT.index("أمس")  # the next notice replaces it
    for _ in range(2):
        select_text(window, yesterday, yesterday + 3)
        press(qtbot, window, Qt.Key.Key_3)
    assert notices.text() == "“أمس” is already tagged Location."

    qtbot.mouseClick(notices.label, Qt.MouseButton.LeftButton)  # reading it keeps the keys
    qtbot.mouseClick(window.title, Qt.MouseButton.LeftButton)
    assert window.article_view.hasFocus()
    qtbot.mouseClick(notices.dismiss_button, Qt.MouseButton.LeftButton)
    assert not notices.isVisible() and notices.text() == ""
    assert window.article_view.hasFocus()


def test_escape_dismisses_the_notice(qtbot: QtBot, store: SqliteStore) -> None:
    add_document(store, TEXT)
    window = open_window(qtbot, store)
    start = TEXT.index("دمشق")
    for _ in range(2):
        select_text(window, start, start + 4)
        press(qtbot, window, Qt.Key.Key_3)
    assert window.notices.isVisible()
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not window.notices.isVisible() and window.session.selected is None


def test_a_colleagues_database_says_whose_layers_it_holds(qtbot: QtBot, store: SqliteStore) -> None:
    document = add_document(store, TEXT)
    start = TEXT.index("دمشق")
    for annotator in ("omar", "huda", "assistant"):  # the assistant's is nobody's work
        store.add_span(Span(document, annotator, "LOCATION", start, start + 4, "دمشق"))
    window = open_window(qtbot, store)  # amal, who has annotated nothing here
    assert window.notices.text() == (
        "You (\u2068amal\u2069) have not annotated this database; \u2068huda\u2069,"
        " \u2068omar\u2069 have. Annotator > Switch Annotator (Ctrl+Shift+A) opens their layers."
    )
    window.close()
    assert not open_window(qtbot, store, annotator="omar").notices.isVisible()


def test_a_database_the_assistant_alone_has_annotated_needs_no_notice(
    qtbot: QtBot, store: SqliteStore
) -> None:
    document = add_document(store, TEXT)
    start = TEXT.index("دمشق")
    store.add_span(Span(document, "assistant", "LOCATION", start, start + 4, "دمشق"))
    assert not open_window(qtbot, store).notices.isVisible()
