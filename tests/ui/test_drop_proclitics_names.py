"""Drop Proclitics in the window keeps names whole: the toolbar button clicked, a word
selected, the label's key pressed (issue 14, item 13)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar
from pytestqt.qtbot import QtBot

from annotation.arabic import SnapMode
from annotation.model import Entity, EntityKind
from db.store import SqliteStore
from tests.ui.workspace import add_document, open_window, press, select_text

TEXT = "وصل الوفد إلى كاليفورنيا ثم وجدة، وقال كمال إن بنان زارت لبنان، فلبنان وبالوتشي أمس."


def test_the_window_keeps_known_names_whole_and_drops_real_proclitics(
    qtbot: QtBot, store: SqliteStore
) -> None:
    document = add_document(store, TEXT)
    store.add_entity(Entity(EntityKind.PLACE, "بالوتشي"))  # a name only the registry knows
    window = open_window(qtbot, store)
    toolbar = window.findChild(QToolBar, "labels")
    assert toolbar is not None
    button = toolbar.widgetForAction(window.actions_.snap_actions[SnapMode.CLITIC])
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.session.snap_mode is SnapMode.CLITIC
    for word in ("كاليفورنيا", "وجدة", "كمال", "لبنان", "فلبنان", "وبالوتشي"):
        start = TEXT.index(word)
        select_text(window, start, start + len(word))
        press(qtbot, window, Qt.Key.Key_3)
    tagged = [s.text for s in store.spans_for(document, "amal")]
    assert tagged == ["كاليفورنيا", "وجدة", "كمال", "لبنان", "لبنان", "بالوتشي"]
