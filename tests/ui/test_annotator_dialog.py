"""Switch Annotator (Ctrl+Shift+A) offers the database's annotators; a name nobody has used is
confirmed before it opens an empty layer (issue 18). Driven by keys, as a person would."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from annotation.model import Span
from db.store import SqliteStore
from tests.ui.workspace import add_document, open_window, press
from ui.dialogs.annotator_dialog import AnnotatorDialog

TEXT = "قال الوزير إن الوفد وصل إلى دمشق أمس."


def _then(qtbot: QtBot, action: Callable[[QWidget], None]) -> None:
    """Run `action` on the modal window that opens next (a dialog's exec() blocks the test)."""

    def run() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(10, run)
            return
        # Offscreen, a new window is not made active by itself, and keys would go to the
        # main window's shortcuts (Return accepts a suggestion there).
        modal.activateWindow()
        qtbot.waitUntil(modal.isActiveWindow)
        action(modal)

    QTimer.singleShot(0, run)


def _type_name(qtbot: QtBot, dialog: QWidget, name: str) -> None:
    assert isinstance(dialog, AnnotatorDialog)
    names = dialog.names
    names.setFocus()
    editor = names.lineEdit()
    assert editor is not None
    editor.selectAll()
    if name.isascii():
        qtbot.keyClicks(editor, name)
    else:  # an Arabic layout commits its letters as text; QTest can only type keys it knows
        editor.insert(name)


def _button(box: QWidget, which: QMessageBox.StandardButton) -> QWidget:
    assert isinstance(box, QMessageBox)
    button = box.button(which)
    assert button is not None
    return button


def _type_then_answer(
    qtbot: QtBot, name: str, answer: QMessageBox.StandardButton, asked: list[str]
) -> Callable[[QWidget], None]:
    """What a person does in the dialog: type `name`, press Enter, read the question (kept in
    `asked`) and click `answer`; after No, leave the dialog (still open) with Escape."""

    def act(dialog: QWidget) -> None:
        _type_name(qtbot, dialog, name)

        def answer_it(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            asked.append(box.text())
            qtbot.mouseClick(_button(box, answer), Qt.MouseButton.LeftButton)
            if answer == QMessageBox.StandardButton.No:
                _then(qtbot, lambda still: qtbot.keyClick(still, Qt.Key.Key_Escape))

        _then(qtbot, answer_it)
        qtbot.keyClick(dialog.findChild(QComboBox) or dialog, Qt.Key.Key_Return)

    return act


def test_a_known_annotator_is_chosen_from_the_list(qtbot: QtBot, store: SqliteStore) -> None:
    document = add_document(store, TEXT)
    start = TEXT.index("دمشق")
    store.add_span(Span(document, "omar", "LOCATION", start, start + 4, "دمشق"))
    window = open_window(qtbot, store)
    offered: list[str] = []

    def choose_omar(dialog: QWidget) -> None:
        assert isinstance(dialog, AnnotatorDialog)
        combo: QComboBox = dialog.names
        offered.extend(combo.itemText(i) for i in range(combo.count()))
        _type_name(qtbot, dialog, "omar")
        qtbot.keyClick(dialog.names, Qt.Key.Key_Return)

    _then(qtbot, choose_omar)
    press(
        qtbot,
        window,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )

    assert offered == ["amal", "omar"]
    assert window.session.annotator == "omar"
    assert [span.text for span in window.session.spans] == ["دمشق"]
    assert QSettings().value("annotator") == "omar"


def test_a_new_name_is_confirmed_first(qtbot: QtBot, store: SqliteStore) -> None:
    add_document(store, TEXT)
    window = open_window(qtbot, store)
    asked: list[str] = []

    _then(qtbot, _type_then_answer(qtbot, "سارة", QMessageBox.StandardButton.No, asked))
    window.actions_.switch_annotator.trigger()
    assert asked == [
        "Nobody called \u2068سارة\u2069 has annotated this database. "
        "Start a new layer as \u2068سارة\u2069?"
    ]
    assert window.session.annotator == "amal"  # No, then Escape: nothing changed

    _then(qtbot, _type_then_answer(qtbot, "سارة", QMessageBox.StandardButton.Yes, asked))
    window.actions_.switch_annotator.trigger()
    assert window.session.annotator == "سارة" and window.session.spans == []


def test_a_name_that_begins_a_known_one_is_not_completed_to_it(
    qtbot: QtBot, store: SqliteStore
) -> None:
    document = add_document(store, TEXT)
    start = TEXT.index("دمشق")
    store.add_span(Span(document, "omar", "LOCATION", start, start + 4, "دمشق"))
    window = open_window(qtbot, store)
    asked: list[str] = []

    _then(qtbot, _type_then_answer(qtbot, "om", QMessageBox.StandardButton.No, asked))
    window.actions_.switch_annotator.trigger()
    assert asked and "\u2068om\u2069" in asked[0]  # asked about "om", not taken to omar
    assert window.session.annotator == "amal"
