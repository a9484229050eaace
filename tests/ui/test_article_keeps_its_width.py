"""The article keeps its width while the span editor beside it changes what it shows: the text
must not reflow under the pointer (and a relayout of a long article is not free) each time a
span is selected, tagged or deleted."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QToolBar, QToolButton
from pytestqt.qtbot import QtBot

from annotation.model import Entity, EntityKind
from db.store import SqliteStore
from tests.ui.workspace import add_document, open_window, press, select_text

TEXT = "قال الناطق الرسمي باسم وزارة الخارجية والمغتربين إن الوفد وصل إلى دمشق أمس."


def test_selecting_and_deleting_spans_does_not_resize_the_article(
    qtbot: QtBot, store: SqliteStore
) -> None:
    # A long entity name makes the editor's "Accept Suggestion: …" button wide.
    store.add_entity(
        Entity(EntityKind.PERSON, "الناطق الرسمي باسم وزارة الخارجية والمغتربين في الجمهورية")
    )
    add_document(store, TEXT)
    window = open_window(qtbot, store)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    view = window.article_view
    width = view.width()
    resized = Resizes()
    view.installEventFilter(resized)
    for words, key in (("الناطق الرسمي", Qt.Key.Key_1), ("إن الوفد وصل", Qt.Key.Key_2)):
        start = TEXT.index(words)
        select_text(window, start, start + len(words))
        press(qtbot, window, key)
        qtbot.wait(50)  # the layouts settle
        assert window.session.selected_span() is not None
    press(qtbot, window, Qt.Key.Key_Delete)
    qtbot.wait(50)
    assert window.session.selected_span() is None
    assert (resized.widths, view.width()) == ([], width)


class Resizes(QObject):
    """The widths a widget was resized to."""

    def __init__(self) -> None:
        super().__init__()
        self.widths: list[int] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(event, QResizeEvent):
            self.widths.append(event.size().width())
        return False


def test_the_toolbar_keeps_its_buttons_in_place_as_steps_are_made(
    qtbot: QtBot, store: SqliteStore
) -> None:
    """The toolbar's Undo says "Undo" whatever the step (the menu and tooltip name it): a
    button that took each step's name moved the buttons after it at every edit."""
    add_document(store, TEXT)
    window = open_window(qtbot, store)
    toolbar = window.findChild(QToolBar, "labels")
    assert toolbar is not None
    undo = toolbar.widgetForAction(window.undo_action)
    done = toolbar.widgetForAction(window.actions_.mark_done)
    assert isinstance(undo, QToolButton) and done is not None
    where = done.x()
    start = TEXT.index("الناطق الرسمي")
    select_text(window, start, start + len("الناطق الرسمي"))
    press(qtbot, window, Qt.Key.Key_1)
    qtbot.wait(20)
    assert window.undo_action.text().replace("&", "") == "Undo Tag Speaker"
    assert (undo.text(), done.x()) == ("Undo", where)
    assert "Tag Speaker" in undo.toolTip()
