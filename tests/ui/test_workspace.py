"""The annotation workspace driven as a person drives it: select, press a key, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, QSettings, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from annotation.model import Status
from db.store import SqliteStore
from tests.ui.workspace import add_document, open_window, press, select_text
from ui.main_window import MainWindow

TEXT = (
    "قال وزير الخارجية 😀 إن الوفد وصل إلى لسورية أمس، وأكد أنَّ «الإرهاب لا دين له».\n"
    "ومن دمشق أعلن المتحدث أن المحادثات انتهت."
)


def layer(store: SqliteStore, annotator: str = "amal") -> list[tuple[str, int, int, str]]:
    (document,) = store.document_summaries()
    return [(s.label, s.start, s.end, s.text) for s in store.spans_for(document.id, annotator)]


@pytest.fixture
def window(qtbot: QtBot, store: SqliteStore) -> MainWindow:
    add_document(store, TEXT)
    return open_window(qtbot, store)


def test_select_and_press_a_key_stores_the_span(
    window: MainWindow, store: SqliteStore, qtbot: QtBot
) -> None:
    start = TEXT.index("ورية")  # part of لسورية, after an emoji: Qt positions are one further on
    select_text(window, start, start + 2)
    press(qtbot, window, Qt.Key.Key_3)
    word = TEXT.index("لسورية")
    assert layer(store) == [("LOCATION", word, word + 6, "لسورية")]
    assert window.article_view.textCursor().hasSelection() is False  # cleared, not painted over
    assert store.status(store.document_summaries()[0].id, "amal") is Status.IN_PROGRESS
    assert window.spans.rowCount() == 1
    assert window.spans.index(0, 1).data() == "لسورية"


def test_letter_keys_and_exact_mode(window: MainWindow, store: SqliteStore, qtbot: QtBot) -> None:
    start = TEXT.index("وزير الخارجية")
    select_text(window, start, start + len("وزير الخارجية"))
    press(qtbot, window, Qt.Key.Key_S)
    start = TEXT.index("لسورية")
    select_text(window, start + 1, start + 6)
    press(qtbot, window, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert sorted(layer(store)) == sorted(
        [
            ("SPEAKER", TEXT.index("وزير"), TEXT.index("وزير") + 13, "وزير الخارجية"),
            ("LOCATION", start + 1, start + 6, "سورية"),
        ]
    )


def test_tashkeel_and_lam_alef_at_a_boundary(
    window: MainWindow, store: SqliteStore, qtbot: QtBot
) -> None:
    # Selecting up to the middle of أنَّ (between the letter and its shadda) never splits them.
    start = TEXT.index("أنَّ")
    select_text(window, start, start + 2)
    press(qtbot, window, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert layer(store) == [("CLAIM", start, start + 4, "أنَّ")]
    # A claim that ends inside the lam-alef of لا, snapped to whole words.
    quote = TEXT.index("الإرهاب")
    select_text(window, quote, TEXT.index("لا دين") + 1)
    press(qtbot, window, Qt.Key.Key_2)
    assert ("CLAIM", quote, quote + len("الإرهاب لا"), "الإرهاب لا") in layer(store)


def test_undo_and_redo_bring_the_database_back_exactly(
    window: MainWindow, store: SqliteStore, qtbot: QtBot
) -> None:
    for word, key in (("الوفد", Qt.Key.Key_1), ("دمشق", Qt.Key.Key_3), ("المتحدث", Qt.Key.Key_1)):
        start = TEXT.index(word)
        select_text(window, start, start + len(word))
        press(qtbot, window, key)
    tagged = layer(store)
    assert len(tagged) == 3
    window.session.select_span(window.session.spans[0].id)
    press(qtbot, window, Qt.Key.Key_Delete)
    assert len(layer(store)) == 2
    assert window.undo_action.text() == "&Undo Delete Speaker"
    stack = window.session.undo_stack
    for _ in range(4):
        stack.undo()
    assert layer(store) == []
    assert store.status(store.document_summaries()[0].id, "amal") is Status.NEW
    for _ in range(3):
        stack.redo()
    assert layer(store) == tagged
    ids_before = [s.id for s in store.spans_for(store.document_summaries()[0].id, "amal")]
    stack.redo()
    stack.undo()
    assert [s.id for s in store.spans_for(store.document_summaries()[0].id, "amal")] == ids_before


def test_an_exact_duplicate_is_refused_with_a_message(
    window: MainWindow, store: SqliteStore, qtbot: QtBot
) -> None:
    start = TEXT.index("دمشق")
    for _ in range(2):
        select_text(window, start, start + 4)
        press(qtbot, window, Qt.Key.Key_3)
    assert len(layer(store)) == 1
    assert "already tagged" in window.notices.text()
    assert window.session.undo_stack.count() == 1


def test_relabel_and_move_boundaries_by_keyboard(
    window: MainWindow, store: SqliteStore, qtbot: QtBot
) -> None:
    start = TEXT.index("الوفد")
    select_text(window, start, start + 5)
    press(qtbot, window, Qt.Key.Key_2)
    press(qtbot, window, Qt.Key.Key_1)  # nothing selected in the text: relabels the span
    assert layer(store) == [("SPEAKER", start, start + 5, "الوفد")]
    press(qtbot, window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # end a word later
    assert layer(store) == [("SPEAKER", start, start + 9, "الوفد وصل")]
    press(
        qtbot,
        window,
        Qt.Key.Key_Right,
        Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert layer(store)[0][3] == "إن الوفد وصل"


def test_tab_walks_through_spans_and_the_table_follows(
    window: MainWindow, store: SqliteStore, qtbot: QtBot
) -> None:
    for word in ("الوفد", "دمشق"):
        start = TEXT.index(word)
        select_text(window, start, start + len(word))
        press(qtbot, window, Qt.Key.Key_3)
    window.clear_selection()
    press(qtbot, window, Qt.Key.Key_Tab)
    first = window.session.selected_span()
    assert first is not None and first.text == "الوفد"
    assert window.span_table.currentIndex().row() == 0
    press(qtbot, window, Qt.Key.Key_Tab)
    second = window.session.selected_span()
    assert second is not None and second.text == "دمشق"
    window.span_table.selectRow(0)
    assert window.session.selected_span() == first


def tinted(image: QImage, colour: QColor, rect: QRectF) -> int:
    """How many pixels inside `rect` lean towards `colour` (a translucent fill over white, or
    glyphs seen through it): the colour's strongest channel clearly above the other two."""
    channels = (colour.red(), colour.green(), colour.blue())
    strongest = max(range(3), key=lambda i: channels[i])
    count = 0
    for x in range(int(rect.left()) + 1, int(rect.right()) - 1):
        for y in range(int(rect.top()) + 1, int(rect.bottom()) - 1):
            pixel = image.pixelColor(x, y)
            rgb = (pixel.red(), pixel.green(), pixel.blue())
            if all(rgb[strongest] > rgb[i] + 8 for i in range(3) if i != strongest):
                count += 1
    return count


def test_span_colour_lies_on_its_glyphs_and_not_beside_them(
    window: MainWindow, store: SqliteStore, qtbot: QtBot
) -> None:
    start = TEXT.index("دمشق")
    select_text(window, start, start + 4)
    press(qtbot, window, Qt.Key.Key_3)
    window.clear_selection()
    view = window.article_view
    image = view.viewport().grab().toImage()
    green = QColor(window.session.tagset.label("LOCATION").colour)
    (span,) = window.session.spans
    (rect,) = view.span_rects(span)
    inside = tinted(image, green, rect)
    assert inside > 0.5 * rect.width() * (rect.height() - 2)
    # Just beside the span on the same line (the neighbouring words) there is no green.
    for neighbour in (rect.translated(rect.width() + 4, 0), rect.translated(-rect.width() - 4, 0)):
        assert tinted(image, green, neighbour) == 0


def test_arabic_interface_is_mirrored(qtbot: QtBot, store: SqliteStore) -> None:
    from PySide6.QtWidgets import QApplication

    add_document(store, TEXT)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        window = open_window(qtbot, store, language="ar")
        assert window.isRightToLeft()
        documents = window.documents.mapTo(window, window.documents.rect().topLeft())
        spans = window.span_table.mapTo(window, window.span_table.rect().topLeft())
        assert documents.x() > spans.x()  # the document list is on the right, the spans on the left
    finally:
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_span_table_model_passes_the_model_tester(
    window: MainWindow, qtmodeltester: ModelTester, qtbot: QtBot
) -> None:
    start = TEXT.index("الوفد")
    select_text(window, start, start + 5)
    press(qtbot, window, Qt.Key.Key_2)
    qtmodeltester.check(window.spans)


def test_dragging_the_end_edge_resizes_the_span(
    window: MainWindow, store: SqliteStore, qtbot: QtBot
) -> None:
    from PySide6.QtCore import QPoint

    start = TEXT.index("الوفد")
    select_text(window, start, start + 5)
    press(qtbot, window, Qt.Key.Key_2)
    view = window.article_view
    (span,) = window.session.spans
    edge = view.cursorRect(view.cursor_at(span.end)).center()
    target_word = TEXT.index("إلى")  # two words further on, to the left in right-to-left text
    target = view.cursorRect(view.cursor_at(target_word + 2)).center()
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(edge.x(), edge.y()))
    qtbot.mouseMove(viewport, QPoint(target.x(), target.y()))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(target.x(), target.y()))
    assert layer(store) == [("CLAIM", start, target_word + 3, "الوفد وصل إلى")]


def test_clicking_a_span_selects_it_and_again_selects_the_one_beneath(
    window: MainWindow,
    store: SqliteStore,
    qtbot: QtBot,
) -> None:
    from PySide6.QtCore import QPoint

    claim_start = TEXT.index("الوفد")
    select_text(window, claim_start, TEXT.index("أمس") + 3)
    press(qtbot, window, Qt.Key.Key_2)
    place = TEXT.index("لسورية")
    select_text(window, place + 1, place + 6)
    press(qtbot, window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    window.clear_selection()
    view = window.article_view
    middle = view.cursorRect(view.cursor_at(place + 3)).center()
    point = QPoint(middle.x(), middle.y())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    first = window.session.selected_span()
    assert first is not None and first.label == "LOCATION"
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    second = window.session.selected_span()
    assert second is not None and second.label == "CLAIM"


def test_status_keys_and_next_unfinished(qtbot: QtBot, store: SqliteStore) -> None:
    first = add_document(store, "الخبر الأول عن دمشق.", "أول")
    second = add_document(store, "الخبر الثاني عن بغداد.", "ثان")
    third = add_document(store, "الخبر الثالث عن بيروت.", "ثالث")
    window = open_window(qtbot, store)
    assert window.session.document is not None and window.session.document.id == first
    press(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert store.status(first, "amal") is Status.DONE
    assert window.documents.model.index(0, 2).data() == "done"
    store.set_status(second, "amal", Status.DONE)
    window.next_unfinished_document()
    assert window.session.document is not None and window.session.document.id == third
    window.actions_.previous_document.trigger()
    assert window.session.document is not None and window.session.document.id == second


def test_switching_annotator_shows_their_own_layer(
    window: MainWindow, store: SqliteStore, qtbot: QtBot
) -> None:
    start = TEXT.index("دمشق")
    select_text(window, start, start + 4)
    press(qtbot, window, Qt.Key.Key_3)
    assert len(window.session.spans) == 1
    window.session.switch_annotator("omar")
    assert window.session.spans == [] and window.spans.rowCount() == 0
    assert (
        window.status_line.annotator_label.text() == "Annotator: \u2068omar\u2069"
    )  # isolated (item 21)
    assert window.session.undo_stack.count() == 0  # omar cannot undo amal's work
    assert not window.undo_action.isEnabled()
    window.session.switch_annotator("amal")
    assert [s.text for s in window.session.spans] == ["دمشق"]
    assert window.undo_action.isEnabled()  # and amal's history is still hers
    window.undo_action.trigger()
    assert window.session.spans == []


def test_first_start_asks_the_annotator_name(
    monkeypatch: pytest.MonkeyPatch, isolated_settings: QSettings
) -> None:
    from PySide6.QtWidgets import QInputDialog

    from ui.app import ask_annotator_name, create_application

    create_application()
    isolated_settings.remove("annotator")
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("  سلمى  ", True))
    assert ask_annotator_name(isolated_settings) == "سلمى"
    assert isolated_settings.value("annotator") == "سلمى"
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("", False))
    assert ask_annotator_name(isolated_settings) == "سلمى"  # remembered: not asked again


def test_f1_lists_every_shortcut(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.dialogs.shortcuts_dialog import ShortcutsDialog

    shown: list[ShortcutsDialog] = []

    def record(dialog: ShortcutsDialog) -> int:
        shown.append(dialog)
        return 0

    monkeypatch.setattr(ShortcutsDialog, "exec", record)
    window.actions_.shortcuts.trigger()
    (dialog,) = shown
    rows = {}
    for i in range(dialog.tree.topLevelItemCount()):
        group = dialog.tree.topLevelItem(i)
        assert group is not None
        for j in range(group.childCount()):
            row = group.child(j)
            assert row is not None
            rows[row.text(0)] = row.text(1)
    assert rows["Location"] == "3, L"
    assert rows["Undo"].startswith("Ctrl+Z")
    assert "Ctrl+Return" in rows["Mark as Done"]
