"""Attribution in the window: linking by keyboard and mouse, arcs on the right spans,
attributes and entities edited from the side panel, the entity browser, the guidelines."""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtWidgets import QComboBox, QMenu
from pytestqt.qtbot import QtBot

from annotation.model import Span
from db.store import SqliteStore
from tests.ui.workspace import add_document, open_window, press, select_text, top_level_item
from ui.article.link_painter import anchors
from ui.main_window import MainWindow

TEXT = (
    "وقال وزير الخارجية الروسي سيرغي لافروف إن موسكو مستعدة للتعاون مع سوريا في مكافحة الإرهاب "
    "وإعادة الإعمار في المدن المحررة. وأضاف لافروف أن سورية تحتاج إلى دعم دولي واسع."
)


@pytest.fixture
def window(qtbot: QtBot, store: SqliteStore) -> MainWindow:
    add_document(store, TEXT)
    shown = open_window(qtbot, store)
    for words, key, occurrence in (
        ("وزير الخارجية الروسي سيرغي لافروف", Qt.Key.Key_1, 0),
        (
            "موسكو مستعدة للتعاون مع سوريا في مكافحة الإرهاب وإعادة الإعمار في المدن المحررة",
            Qt.Key.Key_2,
            0,
        ),
        ("لافروف", Qt.Key.Key_1, 1),
        ("سورية تحتاج إلى دعم دولي واسع", Qt.Key.Key_2, 0),
    ):
        start = -1
        for _ in range(occurrence + 1):
            start = TEXT.index(words, start + 1)
        select_text(shown, start, start + len(words))
        press(qtbot, shown, key)
    shown.clear_selection()
    return shown


def span(window: MainWindow, label: str, index: int = 0) -> Span:
    return [s for s in window.session.spans if s.label == label][index]


def test_a_offers_speakers_nearest_first_and_links(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[list[str]] = []

    def choose_first(menu: QMenu, *args: object) -> None:
        offered.append([action.text() for action in menu.actions()])
        menu.actions()[0].trigger()

    monkeypatch.setattr("ui.article.attribution_controls.show_menu", choose_first)
    second_claim = span(window, "CLAIM", 1)
    window.session.select_span(second_claim.id)
    press(qtbot, window, Qt.Key.Key_A)
    assert offered == [["&1  لافروف", "&2  وزير الخارجية الروسي سيرغي لافروف"]]
    (link,) = window.session.links
    assert (link.source_id, link.target_id) == (second_claim.id, span(window, "SPEAKER", 1).id)
    assert window.span_editor.links.item(0).text() == "لافروف"
    window.session.undo_stack.undo()
    assert window.session.links == []


def test_ctrl_drag_from_claim_to_speaker_links_them(window: MainWindow, qtbot: QtBot) -> None:
    view = window.article_view
    claim, speaker = span(window, "CLAIM"), span(window, "SPEAKER")
    start = view.span_rects(claim)[0].center().toPoint()
    end = view.span_rects(speaker)[0].center().toPoint()
    qtbot.mousePress(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, start
    )
    qtbot.mouseMove(view.viewport(), end)
    qtbot.mouseRelease(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, end
    )
    assert [(link.source_id, link.target_id) for link in window.session.links] == [
        (claim.id, speaker.id)
    ]


def on_top_edge(point: QPointF, rects: Iterable[QRectF]) -> bool:
    return any(abs(point.y() - r.top()) < 0.5 and r.left() <= point.x() <= r.right() for r in rects)


def test_arc_ends_sit_on_the_two_spans_also_across_a_line_wrap(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = window.article_view
    claim, speaker = span(window, "CLAIM"), span(window, "SPEAKER")
    assert claim.id is not None and speaker.id is not None
    window.session.link(claim.id, speaker.id)
    window.session.select_span(claim.id)  # by default only the selected span's links are drawn
    window.resize(900, 700)  # narrow: the long claim wraps over several lines
    qtbot.wait(50)
    claim_rects, speaker_rects = view.span_rects(claim), view.span_rects(speaker)
    assert len(claim_rects) >= 2, "the claim should wrap for this test"
    ends = anchors(claim_rects, speaker_rects)
    assert ends is not None
    start, end = ends
    assert on_top_edge(start, claim_rects) and on_top_edge(end, speaker_rects)
    # Right-to-left: the speaker comes first, so it is to the right of the claim's first line.
    assert end.x() > start.x() or end.y() < start.y()
    # The arc is painted: dark pixels just above the speaker's end of it.
    image = view.viewport().grab().toImage()
    dark = sum(
        1
        for dx in range(-8, 9)
        for dy in range(1, 12)
        if image.pixelColor(int(end.x()) + dx, int(end.y()) - dy).lightness() < 120
    )
    assert dark > 5


def test_attributes_and_entities_from_the_side_panel(
    window: MainWindow, store: SqliteStore, qtbot: QtBot
) -> None:
    claim = span(window, "CLAIM")
    assert claim.id is not None
    window.session.select_span(claim.id)
    kind = window.span_editor._editors["kind"]
    assert isinstance(kind, QComboBox)
    kind.setCurrentIndex(kind.findData("direct"))
    kind.activated.emit(kind.currentIndex())
    assert store.span(claim.id).attributes["kind"] == "direct"
    window.session.undo_stack.undo()
    assert "kind" not in store.span(claim.id).attributes  # unset again, as it was created
    # A new entity from the first Lavrov, then the second one is suggested and accepted with E.
    first, second = span(window, "SPEAKER"), span(window, "SPEAKER", 1)
    assert second.id is not None
    window.session.select_span(first.id)
    press(qtbot, window, Qt.Key.Key_E, Qt.KeyboardModifier.ShiftModifier)
    (entity,) = store.entities()
    assert entity.name == "وزير الخارجية الروسي سيرغي لافروف"
    window.session.select_span(second.id)
    assert window.session.suggested_entity(second.id) == entity
    press(qtbot, window, Qt.Key.Key_E)
    assert store.span(second.id).entity_id == entity.id
    browser = window.entity_browser
    browser.refresh()
    item = top_level_item(browser.entities, 0)
    assert (item.text(0), item.data(2, Qt.ItemDataRole.DisplayRole)) == (entity.name, 2)


def test_guidelines_open_in_the_interface_language(window: MainWindow, qtbot: QtBot) -> None:
    from ui.dialogs.guidelines_dialog import GuidelinesDialog

    dialog = GuidelinesDialog("ar", window)
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert dialog.path.name == "guidelines.ar.md"
    assert "سيرومولوتوف" in text
    assert dialog.browser.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_cue_from_the_selection_and_entity_attributes(
    window: MainWindow, store: SqliteStore, qtbot: QtBot
) -> None:
    from annotation.model import EntityKind
    from ui.panels.entity_dialog import EntityDialog

    claim = span(window, "CLAIM")
    assert claim.id is not None
    window.session.select_span(claim.id)
    cue = TEXT.index("وقال")
    select_text(window, cue, cue + 4)
    window.span_editor.text_for_attribute_requested.emit(claim.id, "cue")
    assert store.span(claim.id).attributes["cue"] == "وقال"
    # A place entity gets its country and coordinates from the dialog, undoably.
    place = next(s for s in window.session.spans if s.label == "SPEAKER")
    assert place.id is not None
    window.session.new_entity_for(place.id, "موسكو")
    (entity,) = store.entities()
    assert entity.id is not None
    dialog = EntityDialog(entity.__class__(EntityKind.PLACE, entity.name, id=entity.id), window)
    qtbot.addWidget(dialog)
    dialog.fields["country"].setText("روسيا")
    dialog.fields["latitude"].setText("55.75")
    dialog.aliases.setPlainText("موسكوفا\nMoscow")
    window.session.update_entity(dialog.entity())
    edited = store.entity(entity.id)
    assert (edited.attributes, edited.aliases) == (
        {"country": "روسيا", "latitude": 55.75},
        ("موسكوفا", "Moscow"),
    )
    window.session.undo_stack.undo()
    assert store.entity(entity.id).attributes == {}


def test_relabelling_lets_go_of_what_no_longer_fits_in_one_step(
    window: MainWindow, store: SqliteStore, qtbot: QtBot
) -> None:
    claim, speaker = span(window, "CLAIM"), span(window, "SPEAKER")
    assert claim.id is not None and speaker.id is not None
    window.session.link(claim.id, speaker.id)
    window.session.new_entity_for(speaker.id, "سيرغي لافروف")
    before = (store.span(speaker.id), store.links_for(claim.document_id, "amal"))
    window.session.select_span(speaker.id)
    press(
        qtbot, window, Qt.Key.Key_3
    )  # SPEAKER -> LOCATION: a person is no place, a claim no location's
    relabelled = store.span(speaker.id)
    assert (relabelled.label, relabelled.entity_id) == ("LOCATION", None)
    assert store.links_for(claim.document_id, "amal") == []
    window.session.undo_stack.undo()
    after_undo = (store.span(speaker.id), store.links_for(claim.document_id, "amal"))
    assert after_undo[0].entity_id == before[0].entity_id and after_undo[0].label == "SPEAKER"
    assert [(link.source_id, link.target_id) for link in after_undo[1]] == [(claim.id, speaker.id)]


def test_the_entity_browser_survives_a_merge_of_the_chosen_entity(
    window: MainWindow, store: SqliteStore
) -> None:
    first, second = span(window, "SPEAKER"), span(window, "SPEAKER", 1)
    assert first.id is not None and second.id is not None
    window.session.new_entity_for(first.id, "سيرغي لافروف")
    window.session.new_entity_for(second.id, "لافروف")
    browser = window.entity_browser
    browser.refresh()
    items = {
        top_level_item(browser.entities, i).text(0): top_level_item(browser.entities, i)
        for i in range(2)
    }
    browser.entities.setCurrentItem(items["لافروف"])
    keep, other = sorted(store.entities(), key=lambda e: e.name != "سيرغي لافروف")
    assert keep.id is not None and other.id is not None
    window.session.merge_entities(keep.id, other.id)
    assert [
        top_level_item(browser.entities, i).text(0)
        for i in range(browser.entities.topLevelItemCount())
    ] == ["سيرغي لافروف"]
