"""The compare window's difference list folds away (F9) so the two texts take the width, and the
deciding keys still walk the differences (issue 18)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from db.store import SqliteStore
from tests.ui.test_compare_window import Layers, decisions, layers, open_compare, window
from ui.review.compare_window import CompareWindow

__all__ = ["layers", "window"]  # the fixtures, shared with the compare window's tests


def sized(window: CompareWindow, width: int, height: int) -> CompareWindow:
    window.resize(width, height)
    QApplication.processEvents()
    QApplication.processEvents()
    return window


def key(qtbot: QtBot, window: CompareWindow, name: str) -> None:
    """Press a key where the focus is, as a person would."""
    focused = QApplication.focusWidget()
    assert focused is not None and focused.window() is window
    qtbot.keyClick(focused, getattr(Qt.Key, f"Key_{name}"))
    QApplication.processEvents()


def pane_widths(window: CompareWindow) -> tuple[int, int]:
    return window.view_a.width(), window.view_b.width()


def test_f9_folds_the_list_and_the_panes_take_its_width(
    window: CompareWindow, qtbot: QtBot
) -> None:
    sized(window, 1366, 740)
    before = pane_widths(window)
    window.table.setFocus()
    key(qtbot, window, "F9")
    assert window.table.isHidden() and not window.actions_.show_differences.isChecked()
    after = pane_widths(window)
    assert all(wide > narrow + 100 for wide, narrow in zip(after, before, strict=True)), (
        before,
        after,
    )
    # The focus left the hidden list for the text, not for the gold-layer field (which would
    # type N and 1 as letters).
    assert QApplication.focusWidget() is window.view_a
    key(qtbot, window, "F9")
    assert window.table.isVisible() and window.actions_.show_differences.isChecked()
    QApplication.processEvents()
    assert all(back < wide - 100 for back, wide in zip(pane_widths(window), after, strict=True))


def test_folded_at_1600_each_pane_is_at_least_700_px_wide(
    window: CompareWindow, qtbot: QtBot
) -> None:
    sized(window, 1600, 1000)
    window.table.setFocus()
    key(qtbot, window, "F9")
    assert min(pane_widths(window)) >= 700, pane_widths(window)


def test_folded_the_keys_still_walk_and_decide_the_differences(
    window: CompareWindow, layers: Layers, qtbot: QtBot, store: SqliteStore
) -> None:
    window.table.setFocus()
    key(qtbot, window, "F9")
    seen = []
    for _ in range(3):
        key(qtbot, window, "N")
        assert window.session.current is not None
        seen.append(window.session.current.key())
    assert len(set(seen)) == 3  # each N moved to another difference
    decided = window.session.current
    assert decided is not None
    key(qtbot, window, "2")  # accept B's
    assert decided.key() in decisions(store, layers)
    assert window.session.current is not None and window.session.current.key() != decided.key()


def test_the_fold_is_remembered(window: CompareWindow, qtbot: QtBot, store: SqliteStore) -> None:
    window.table.setFocus()
    key(qtbot, window, "F9")
    window.close()
    again = open_compare(qtbot, store)
    assert again.table.isHidden() and not again.actions_.show_differences.isChecked()
    again.actions_.show_differences.trigger()
    assert again.table.isVisible() and again.work_area.sizes()[1] > 200


def test_the_view_menu_lists_the_fold_with_its_key(window: CompareWindow) -> None:
    (view,) = [menu for menu in window.menuBar().findChildren(QMenu) if menu.title() == "&View"]
    action = window.actions_.show_differences
    assert action in view.actions()
    assert action.shortcut().toString() == "F9"
