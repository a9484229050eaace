"""Which links the article draws (View > Links, Ctrl+Shift+L), read back from its pixels; the
choice survives a restart; hovering a claim or a link names the speaker (issue 18)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QAction, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from annotation.model import ATTRIBUTED_TO, Link, Span, text_sha256
from db.store import SqliteStore
from tests.ui.workspace import add_document, open_window, top_level_item
from ui.article.link_painter import LINK_ROOM, LinksShown
from ui.dialogs.shortcuts_dialog import ShortcutsDialog
from ui.main_window import MainWindow

TEXT = "قال الوزير إن المفاوضات كانت صريحة ومثمرة.\nوأضاف أن الاتفاق سيوقع الشهر المقبل."
SPEAKER, CLAIM = "الوزير", "المفاوضات كانت صريحة ومثمرة"


def linked_window(qtbot: QtBot, store: SqliteStore, language: str = "en") -> MainWindow:
    document_id = store.document_id_for_hash(text_sha256(TEXT)) or add_document(store, TEXT)
    if not store.links_for(document_id, "amal"):
        start = TEXT.index(SPEAKER)
        speaker = store.add_span(
            Span(document_id, "amal", "SPEAKER", start, start + len(SPEAKER), SPEAKER)
        )
        start = TEXT.index(CLAIM)
        claim = store.add_span(Span(document_id, "amal", "CLAIM", start, start + len(CLAIM), CLAIM))
        assert claim.id is not None and speaker.id is not None
        store.add_link(Link(ATTRIBUTED_TO, claim.id, speaker.id))
    window = open_window(qtbot, store, language)
    window.resize(1200, 700)
    qtbot.waitUntil(lambda: bool(window.article_view.spans))
    QApplication.processEvents()
    return window


def the_route(window: MainWindow) -> list[QPointF]:
    """Where the claim's link runs, shown or not."""
    view = window.article_view
    shown = view.links_shown
    view.links_shown = LinksShown.ALL
    ((_link, _source, _target, points),) = view.link_routes()
    view.links_shown = shown
    return points


def arc_drawn(window: MainWindow, points: list[QPointF]) -> bool:
    """Dark pixels along the middle of the route's level run, in the gap above the line,
    where no letter is."""
    image = window.article_view.viewport().grab().toImage()
    run = points[1].y()
    left, right = sorted((points[1].x(), points[2].x()))
    dark = 0
    for x in range(int(left) + 8, int(right) - 8, 4):
        if any(image.pixelColor(x, int(run) + dy).lightness() < 200 for dy in (-1, 0, 1)):
            dark += 1
    return dark > 0.8 * len(range(int(left) + 8, int(right) - 8, 4))


def cycle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(
        window.article_view,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    QApplication.processEvents()


def drawn(window: MainWindow) -> LinksShown:
    """The view's choice, read afresh (a function, so mypy does not narrow it across keys)."""
    return window.article_view.links_shown


def checked(window: MainWindow) -> LinksShown:
    (shown,) = [s for s, a in window.actions_.links_actions.items() if a.isChecked()]
    return shown


def test_ctrl_shift_l_steps_through_selected_all_none_and_the_pixels_follow(
    qtbot: QtBot, store: SqliteStore
) -> None:
    window = linked_window(qtbot, store)
    points = the_route(window)
    claim = next(span for span in window.session.spans if span.label == "CLAIM")
    # By default only the selected span's links: none selected, no arc; the claim selected, its arc.
    assert checked(window) is LinksShown.SELECTED and not arc_drawn(window, points)
    window.session.select_span(claim.id)
    QApplication.processEvents()
    assert arc_drawn(window, points)
    window.session.select_span(None)
    QApplication.processEvents()
    assert not arc_drawn(window, points)

    cycle(qtbot, window)
    assert drawn(window) is LinksShown.ALL and checked(window) is LinksShown.ALL
    assert arc_drawn(window, points)  # with nothing selected
    assert "all" in window.statusBar().currentMessage()
    assert "Ctrl+Shift+L" in window.statusBar().currentMessage()

    cycle(qtbot, window)
    assert drawn(window) is LinksShown.NONE and checked(window) is LinksShown.NONE
    window.session.select_span(claim.id)
    QApplication.processEvents()
    assert not arc_drawn(window, the_route(window))  # where it would run without the room

    cycle(qtbot, window)
    assert drawn(window) is LinksShown.SELECTED and checked(window) is LinksShown.SELECTED
    points = the_route(window)  # the room for links is back: the lines moved down
    assert arc_drawn(window, points)  # the claim is still selected


def test_the_view_leaves_room_above_each_line_only_while_links_are_shown(
    qtbot: QtBot, store: SqliteStore
) -> None:
    window = linked_window(qtbot, store)
    view = window.article_view

    def second_line_top() -> float:
        return view.document().firstBlock().next().layout().position().y()

    with_room = second_line_top()
    window.actions_.links_actions[LinksShown.NONE].trigger()
    QApplication.processEvents()
    assert second_line_top() == with_room - LINK_ROOM
    window.actions_.links_actions[LinksShown.ALL].trigger()
    QApplication.processEvents()
    assert second_line_top() == with_room


def test_the_choice_is_remembered_and_survives_a_restart(qtbot: QtBot, store: SqliteStore) -> None:
    window = linked_window(qtbot, store)
    view_menu = window.menu_actions[4][1]
    assert window.actions_.links_menu.menuAction() in view_menu
    window.actions_.links_actions[LinksShown.NONE].trigger()
    assert QSettings().value("links_shown") == "none"
    window.close()
    again = linked_window(qtbot, store)
    assert again.article_view.links_shown is LinksShown.NONE
    assert checked(again) is LinksShown.NONE


def hover(window: MainWindow, point: QPoint) -> str:
    """Send the viewport the tooltip event a resting mouse would, and read the tooltip."""
    viewport = window.article_view.viewport()
    QToolTip.hideText()
    event = QHelpEvent(QHelpEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    QApplication.sendEvent(viewport, event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_hovering_a_claim_or_its_link_names_the_speaker(qtbot: QtBot, store: SqliteStore) -> None:
    window = linked_window(qtbot, store)
    view = window.article_view
    claim = next(span for span in window.session.spans if span.label == "CLAIM")
    # Hidden links still name the claim's speaker.
    window.actions_.links_actions[LinksShown.NONE].trigger()
    over_claim = view.span_rects(claim)[0].center().toPoint()
    assert SPEAKER in hover(window, over_claim)
    assert "Speaker:" in hover(window, over_claim)
    window.actions_.links_actions[LinksShown.ALL].trigger()
    QApplication.processEvents()
    points = the_route(window)
    on_run = QPointF((points[1].x() + points[2].x()) / 2, points[1].y() + 2).toPoint()
    tip = hover(window, on_run)
    assert CLAIM in tip and SPEAKER in tip and "→" in tip
    # Far from any span or link: nothing to say.
    assert view.tooltip_at(QPoint(5, 5)) == ""


def test_the_shortcut_list_shows_the_links_key_and_no_key_is_taken_twice(
    qtbot: QtBot, store: SqliteStore
) -> None:
    window = linked_window(qtbot, store)
    dialog = ShortcutsDialog(window.menu_actions, window)
    rows = {}
    for group in range(dialog.tree.topLevelItemCount()):
        item = top_level_item(dialog.tree, group)
        for row in range(item.childCount()):
            child = item.child(row)
            assert child is not None
            rows[child.text(0)] = child.text(1)
    assert rows["Next Choice of Links"] == "Ctrl+Shift+L"
    assert "Selected Span's Links" in rows and "No Links" in rows
    keys = [
        key.toString()
        for action in window.findChildren(QAction)
        for key in action.shortcuts()
        if action.shortcutContext() != Qt.ShortcutContext.WidgetWithChildrenShortcut
    ]
    assert keys.count("Ctrl+Shift+L") == 1
