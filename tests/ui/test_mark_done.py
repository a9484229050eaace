"""Mark as Done shows whether the open document is done: its toolbar button stays pressed while
it is; pressing it again (or Ctrl+Return) leaves the document done, Mark as In Progress takes
the mark back; undo, another document or another annotator set the check from the stored
status (issue 18)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QToolBar, QToolButton
from pytestqt.qtbot import QtBot

from annotation.model import Status
from db.store import SqliteStore
from tests.ui.workspace import add_document, open_window, press
from ui.main_window import MainWindow


def _button(window: MainWindow) -> QToolButton:
    toolbar = window.findChild(QToolBar)
    assert toolbar is not None
    button = toolbar.widgetForAction(window.actions_.mark_done)
    assert isinstance(button, QToolButton)
    return button


def _looks(button: QToolButton) -> QImage:
    button.repaint()
    return button.grab().toImage()


def test_ctrl_return_checks_the_button_and_ctrl_shift_return_takes_the_mark_back(
    qtbot: QtBot, store: SqliteStore
) -> None:
    first = add_document(store, "الخبر الأول عن دمشق.", "أول")
    second = add_document(store, "الخبر الثاني عن بغداد.", "ثان")
    window = open_window(qtbot, store)
    button = _button(window)
    unchecked = _looks(button)
    assert not button.isChecked()

    press(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert store.status(first, "amal") is Status.DONE
    assert button.isChecked() and window.actions_.mark_done.isChecked()
    assert _looks(button) != unchecked  # pressed, as a person sees it
    assert window.status_line.status_label.text() == "Status: done"

    press(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # twice
    assert store.status(first, "amal") is Status.DONE and button.isChecked()

    press(
        qtbot,
        window,
        Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert store.status(first, "amal") is Status.IN_PROGRESS
    assert not button.isChecked()
    assert window.status_line.status_label.text() == "Status: in progress"

    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo: done again
    assert store.status(first, "amal") is Status.DONE and button.isChecked()

    window.actions_.next_document.trigger()
    assert window.session.document is not None and window.session.document.id == second
    assert not button.isChecked()  # a new document is not done
    window.session.switch_annotator("omar")
    window.actions_.previous_document.trigger()
    assert not button.isChecked()  # omar has not marked the first one


def test_a_click_on_the_button_marks_the_document(qtbot: QtBot, store: SqliteStore) -> None:
    document = add_document(store, "الخبر الأول عن دمشق.", "أول")
    window = open_window(qtbot, store)
    button = _button(window)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert store.status(document, "amal") is Status.DONE and button.isChecked()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # a second click: still done
    assert store.status(document, "amal") is Status.DONE and button.isChecked()


def test_with_no_document_there_is_nothing_to_mark(qtbot: QtBot, store: SqliteStore) -> None:
    window = open_window(qtbot, store)
    assert window.session.document is None
    assert not window.actions_.mark_done.isEnabled() and not _button(window).isEnabled()
