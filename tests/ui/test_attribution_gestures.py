"""Attribution by hand, the way a person does it: typing into the side panel and leaving the
field with Tab or a click, choosing a speaker from the A popup with a number key, taking the cue
from a selection (issue 14, items 1, 2 and 9)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QPushButton
from pytestqt.qtbot import QtBot

from db.store import SqliteStore
from tests.ui.test_attribution_ui import TEXT, span
from tests.ui.test_attribution_ui import window as window  # the fixture
from tests.ui.workspace import press, select_text
from ui.main_window import MainWindow


def typed_into(qtbot: QtBot, window: MainWindow, name: str, text: str) -> QLineEdit:
    """Click into the claim's `name` field in the side panel and type `text` there."""
    field = window.span_editor.field(name)
    assert isinstance(field, QLineEdit)
    qtbot.waitUntil(field.isVisible)  # the panel shows new editors at the next event loop turn
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    field.setFocus()  # offscreen, a click does not always move the focus
    for letter in text:  # QTest.keyClicks knows only ASCII: send what an Arabic keyboard sends
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                field, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, letter)
            )
    assert field.hasFocus()
    return field


@pytest.mark.parametrize("name", ["cue", "note"])
def test_leaving_a_text_field_with_tab_keeps_the_value_and_the_window(
    window: MainWindow, store: SqliteStore, qtbot: QtBot, name: str
) -> None:
    claim = span(window, "CLAIM")
    assert claim.id is not None
    window.session.select_span(claim.id)
    field = typed_into(qtbot, window, name, "أكد")
    qtbot.keyClick(field, Qt.Key.Key_Tab)  # the field saves while Qt delivers its focus-out
    qtbot.wait(20)
    QApplication.processEvents()
    # Reaching this line means the process is alive (before the fix it died in
    # QWidget::focusOutEvent on the deleted field).
    assert store.span(claim.id).attributes[name] == "أكد"
    shown = window.span_editor.field(name)
    assert isinstance(shown, QLineEdit) and shown.text() == "أكد"
    assert not field.hasFocus()


def test_leaving_the_note_by_clicking_the_article_keeps_the_value(
    window: MainWindow, store: SqliteStore, qtbot: QtBot
) -> None:
    claim = span(window, "CLAIM")
    assert claim.id is not None
    window.session.select_span(claim.id)
    typed_into(qtbot, window, "note", "Lavrov said it in Moscow")
    view = window.article_view
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.viewport().rect().center()
    )
    view.setFocus()  # what the click does in a real window
    qtbot.wait(20)
    QApplication.processEvents()
    assert store.span(claim.id).attributes["note"] == "Lavrov said it in Moscow"
    window.session.select_span(claim.id)
    note = window.span_editor.field("note")
    assert isinstance(note, QLineEdit) and note.text() == "Lavrov said it in Moscow"


def press_in_popup(qtbot: QtBot, key: Qt.Key) -> None:
    """Once the popup is up (inside its exec), press `key` there, where the keyboard is."""

    def press_now() -> None:
        popup = QApplication.activePopupWidget()
        assert isinstance(popup, QMenu), "no popup is open"
        qtbot.keyClick(popup, key)

    QTimer.singleShot(0, press_now)
    # Should the key not close it, close it later, so the test fails instead of hanging.
    QTimer.singleShot(3000, lambda: (p := QApplication.activePopupWidget()) and p.close())


def test_a_then_a_number_chooses_that_speaker_and_keeps_the_label(
    window: MainWindow, store: SqliteStore, qtbot: QtBot
) -> None:
    second_claim = span(window, "CLAIM", 1)
    assert second_claim.id is not None
    window.session.select_span(second_claim.id)
    press_in_popup(qtbot, Qt.Key.Key_1)
    press(qtbot, window, Qt.Key.Key_A)  # the popup's exec returns once a speaker is chosen
    assert QApplication.activePopupWidget() is None
    assert store.span(second_claim.id).label == "CLAIM"
    (link,) = store.links_for(second_claim.document_id, "amal")
    # Speaker 1 is the nearest: the second لافروف, just before this claim.
    assert (link.source_id, link.target_id) == (second_claim.id, span(window, "SPEAKER", 1).id)


def test_the_cue_from_a_selection_inside_a_word_is_the_whole_word(
    window: MainWindow, store: SqliteStore, qtbot: QtBot
) -> None:
    second_claim = span(window, "CLAIM", 1)
    assert second_claim.id is not None
    window.session.select_span(second_claim.id)
    field = window.span_editor.field("cue")
    assert field is not None
    qtbot.waitUntil(field.isVisible)
    part = TEXT.index("ضاف")  # a hurried drag that missed the first letters of وأضاف
    select_text(window, part, part + len("ضاف"))
    row = field.parentWidget()
    assert row is not None
    pick = row.findChild(QPushButton)
    assert pick is not None and pick.text() == "From Selection"
    qtbot.mouseClick(pick, Qt.MouseButton.LeftButton)
    # Snapped as tagging snaps it (whole words by default), not the letters that were dragged.
    assert store.span(second_claim.id).attributes["cue"] == "وأضاف"
    cue = window.span_editor.field("cue")
    assert isinstance(cue, QLineEdit) and cue.text() == "وأضاف"
