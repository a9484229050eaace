"""Selecting inside a span with the mouse (issue 18): a drag selects text from the very letter
pressed, also inside a long claim or a nested span; a click selects the span; a right-click
acts on the span under it, or on the text selection it falls in. Real mouse events on the
article's viewport, at points found from the offsets' caret rectangles."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from db.store import SqliteStore
from tests.ui.test_attribution_ui import TEXT, span
from tests.ui.test_attribution_ui import window as window  # the fixture
from tests.ui.workspace import press, select_text
from ui.article.view import ArticleView
from ui.main_window import MainWindow

LEFT, RIGHT = Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton
NO_KEYS = Qt.KeyboardModifier.NoModifier
CLAIM = "موسكو مستعدة للتعاون مع سوريا في مكافحة الإرهاب وإعادة الإعمار في المدن المحررة"


@pytest.fixture
def nested(window: MainWindow, qtbot: QtBot) -> MainWindow:
    """The attribution article (two speakers, two claims), with سوريا a place inside the
    first claim."""
    place = TEXT.index("سوريا")
    select_text(window, place, place + len("سوريا"))
    press(qtbot, window, Qt.Key.Key_3)
    window.clear_selection()
    return window


def point_at(view: ArticleView, offset: int) -> QPoint:
    """A viewport point that Qt maps to the caret position before code point `offset`."""
    caret = view.cursorRect(view.cursor_at(offset)).center()
    # The caret's own column may fall on either side of the boundary: try a pixel or two
    # each way and keep the first point that maps back to the offset.
    for dx in (0, 1, -1, 2, -2, 3, -3):
        point = QPoint(caret.x() + dx, caret.y())
        if view.from_qt(view.cursorForPosition(point).position()) == offset:
            return point
    raise AssertionError(f"no point maps to offset {offset}")


def drag(view: ArticleView, start: QPoint, end: QPoint) -> None:
    """Press at `start`, move there in steps as a hand does, release at `end`."""
    viewport = view.viewport()
    QTest.mousePress(viewport, LEFT, NO_KEYS, start)
    for step in range(1, 9):
        QTest.mouseMove(viewport, start + (end - start) * step / 8)
    QTest.mouseRelease(viewport, LEFT, NO_KEYS, end)


def right_click(view: ArticleView, point: QPoint, in_menu: Callable[[QMenu], None]) -> None:
    """Right-click at `point` and, while the menu is open, do `in_menu` with it."""
    viewport = view.viewport()
    QTest.mousePress(viewport, RIGHT, NO_KEYS, point)
    QTest.mouseRelease(viewport, RIGHT, NO_KEYS, point)

    def when_open() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu), "no menu is open"
        in_menu(menu)

    QTimer.singleShot(0, when_open)
    # Should the menu stay open, close it later, so the test fails instead of hanging.
    QTimer.singleShot(3000, lambda: (m := QApplication.activePopupWidget()) and m.close())
    # What the platform sends after a right button press (QTest sends only the mouse events).
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, viewport.mapToGlobal(point))
    QApplication.sendEvent(viewport, event)


def choose(text: str) -> Callable[[QMenu], None]:
    """Move to the menu's action called `text` with the arrow keys and press Enter."""

    def in_menu(menu: QMenu) -> None:
        titles = [action.text() for action in menu.actions()]
        assert text in titles, titles
        for _ in range(len(titles)):
            active = menu.activeAction()
            if active is not None and active.text() == text:
                break
            QTest.keyClick(menu, Qt.Key.Key_Down)
        QTest.keyClick(menu, Qt.Key.Key_Return)

    return in_menu


def close_menu(menu: QMenu) -> None:
    QTest.keyClick(menu, Qt.Key.Key_Escape)


def test_a_drag_inside_the_selected_claim_selects_exactly_the_letters_dragged_over(
    nested: MainWindow, qtbot: QtBot
) -> None:
    view = nested.article_view
    claim = span(nested, "CLAIM")
    nested.session.select_span(claim.id)
    # From inside مستعدة to inside مكافحة: mid-word at both ends, over the nested place.
    start, end = TEXT.index("مستعدة") + 2, TEXT.index("مكافحة") + 3
    drag(view, point_at(view, start), point_at(view, end))
    assert view.selection_range() == (start, end)
    assert view.textCursor().selectedText() == TEXT[start:end] == "تعدة للتعاون مع سوريا في مكا"
    assert nested.session.selected == claim.id  # a drag selects no span


def test_the_dragged_letters_are_tagged_as_a_nested_span(nested: MainWindow, qtbot: QtBot) -> None:
    view = nested.article_view
    start = TEXT.index("مكافحة")
    end = start + len("مكافحة الإرهاب")
    drag(view, point_at(view, start + 1), point_at(view, end - 1))
    assert view.selection_range() == (start + 1, end - 1)
    press(qtbot, nested, Qt.Key.Key_2)  # whole words by default
    claims = [(s.start, s.end) for s in nested.session.spans if s.label == "CLAIM"]
    assert (start, end) in claims
    assert view.selection_range() is None


def test_a_drag_that_starts_inside_the_text_selection_makes_a_new_one(
    nested: MainWindow, qtbot: QtBot
) -> None:
    view = nested.article_view
    claim = TEXT.index(CLAIM)
    select_text(nested, claim, claim + len(CLAIM))
    # Qt would start dragging the selected text away; a person wants part of it.
    start, end = TEXT.index("للتعاون"), TEXT.index("سوريا") + len("سوريا")
    drag(view, point_at(view, start), point_at(view, end))
    assert view.selection_range() == (start, end)
    assert view.textCursor().selectedText() == "للتعاون مع سوريا"


def test_a_click_selects_the_span_and_leaves_the_caret_where_it_fell(
    nested: MainWindow, qtbot: QtBot
) -> None:
    view = nested.article_view
    claim, speaker = span(nested, "CLAIM"), span(nested, "SPEAKER")
    nested.session.select_span(speaker.id)
    inside = TEXT.index("الإرهاب") + 3
    point = point_at(view, inside)
    viewport = view.viewport()
    # A hand moves a little between press and release: below the drag distance it is a click.
    QTest.mousePress(viewport, LEFT, NO_KEYS, point)
    nudged = point + QPoint(max(1, QApplication.startDragDistance() // 3), 0)
    QTest.mouseMove(viewport, nudged)
    QTest.mouseRelease(viewport, LEFT, NO_KEYS, nudged)
    assert nested.session.selected == claim.id
    assert view.selection_range() is None
    # The caret is where the click put it, not at the claim's start: Shift+Left selects on
    # from there (to the left: the next letter in right-to-left text).
    assert view.from_qt(view.textCursor().position()) == inside
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert view.selection_range() == (inside, inside + 1)


def test_a_click_on_plain_text_selects_no_span(nested: MainWindow, qtbot: QtBot) -> None:
    view = nested.article_view
    nested.session.select_span(span(nested, "CLAIM").id)
    plain = TEXT.index("وقال") + 2
    QTest.mouseClick(view.viewport(), LEFT, NO_KEYS, point_at(view, plain))
    assert nested.session.selected is None
    assert view.from_qt(view.textCursor().position()) == plain


def test_a_double_click_selects_the_word_and_the_span(nested: MainWindow, qtbot: QtBot) -> None:
    view = nested.article_view
    claim = span(nested, "CLAIM")
    word = TEXT.index("مستعدة")
    point = point_at(view, word + 3)
    QTest.mouseClick(view.viewport(), LEFT, NO_KEYS, point)
    QTest.mouseDClick(view.viewport(), LEFT, NO_KEYS, point)
    assert view.textCursor().selectedText() == "مستعدة"
    assert view.selection_range() == (word, word + len("مستعدة"))
    assert nested.session.selected == claim.id


def test_right_click_on_another_span_makes_the_menu_act_on_it(
    nested: MainWindow, store: SqliteStore, qtbot: QtBot
) -> None:
    view = nested.article_view
    first_claim, second_claim = span(nested, "CLAIM"), span(nested, "CLAIM", 1)
    nested.session.select_span(first_claim.id)
    inside = TEXT.index("دعم") + 1  # in the second claim
    right_click(view, point_at(view, inside), choose("&Delete Span"))
    ids = {s.id for s in store.spans_for(first_claim.document_id, "amal")}
    assert second_claim.id not in ids and first_claim.id in ids
    assert len(ids) == 4


def test_right_click_on_the_selected_span_keeps_it_over_the_one_around_it(
    nested: MainWindow, qtbot: QtBot
) -> None:
    view = nested.article_view
    place = span(nested, "LOCATION")
    nested.session.select_span(place.id)
    right_click(view, point_at(view, place.start + 2), close_menu)
    assert nested.session.selected == place.id  # not the claim around it, as a click would


def test_right_click_inside_the_text_selection_tags_the_selection(
    nested: MainWindow, qtbot: QtBot
) -> None:
    view = nested.article_view
    nested.session.select_span(span(nested, "SPEAKER").id)
    start, end = TEXT.index("للتعاون"), TEXT.index("سوريا") + len("سوريا")
    drag(view, point_at(view, start), point_at(view, end))
    right_click(view, point_at(view, start + 4), choose("Speaker"))
    tagged = [s for s in nested.session.spans if (s.start, s.end) == (start, end)]
    assert [s.label for s in tagged] == ["SPEAKER"]
    assert span(nested, "CLAIM").label == "CLAIM"  # the span selected before is untouched


def test_right_click_on_plain_text_drops_the_span_and_the_text_selection(
    nested: MainWindow, qtbot: QtBot
) -> None:
    view = nested.article_view
    nested.session.select_span(span(nested, "CLAIM").id)
    select_text(nested, TEXT.index("لافروف"), TEXT.index("لافروف") + 6)
    plain = TEXT.index("وقال") + 2
    right_click(view, point_at(view, plain), close_menu)
    assert nested.session.selected is None
    assert view.selection_range() is None


@pytest.mark.parametrize("button", [LEFT, RIGHT])
def test_a_click_in_the_far_half_of_a_spans_last_letter_still_hits_it(
    nested: MainWindow, qtbot: QtBot, button: Qt.MouseButton
) -> None:
    view = nested.article_view
    speaker = span(nested, "SPEAKER", 1)  # the second لافروف
    # Just past the end boundary (to its right, in right-to-left text): inside the last
    # letter, ف, yet Qt's nearest caret boundary is the span's end.
    end = view.cursorRect(view.cursor_at(speaker.end)).center()
    point = QPoint(end.x() + 3, end.y())
    assert view.from_qt(view.cursorForPosition(point).position()) == speaker.end
    assert any(rect.contains(point.toPointF()) for rect in view.span_rects(speaker))
    if button == LEFT:
        QTest.mouseClick(view.viewport(), LEFT, NO_KEYS, point)
    else:
        right_click(view, point, close_menu)
    assert nested.session.selected == speaker.id
