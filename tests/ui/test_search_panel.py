"""The Search tab: words in every document as keyword in context, spans by label, and a hit
opened in the article with exactly its letters selected."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from annotation.model import DocumentId, Link, Span, Status
from db.store import SqliteStore
from tests.ui.workspace import add_document, open_window
from ui.article.in_context import ResultRow
from ui.main_window import MainWindow
from ui.search.panel import SearchPanel
from ui.search.results import SearchResultsModel

RAQQA = "قال المرصد إن الاشتباكات في الرّقة استمرت حتى المساء، وعاد الهدوء بالرقة صباحاً."
DAMASCUS = "زار الوفد دمشق وحلب أمس."
DISPLACED = "وصل النازحون إلى الرقة أمس بعد رحلة طويلة."


@pytest.fixture
def window(qtbot: QtBot, store: SqliteStore) -> MainWindow:
    add_document(store, DAMASCUS, "زيارة الوفد")  # opened first: every hit is elsewhere
    add_document(store, RAQQA, "اشتباكات في الرقة")
    add_document(store, DISPLACED, "عودة النازحين")
    return open_window(qtbot, store)


def ids(store: SqliteStore) -> dict[str, DocumentId]:
    return {summary.title: summary.id for summary in store.document_summaries()}


def type_text(widget: QWidget, text: str) -> None:
    """Type `text` key by key. QTest.keyClicks asserts on letters outside ASCII (qasciikey.cpp),
    so each key event carries its letter as text, as an Arabic keyboard layout sends it."""
    for letter in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, letter)
            QApplication.sendEvent(widget, event)


def search(qtbot: QtBot, panel: SearchPanel, text: str) -> None:
    """Type `text` into the query as a person would, and wait for its results."""
    panel.query.clear()
    with qtbot.waitSignal(
        panel.results_shown,
        timeout=5000,
        check_params_cb=lambda request: request is not None and request.text == text,
    ):
        type_text(panel.query, text)


def rows(panel: SearchPanel) -> list[ResultRow]:
    return [panel.model.result(row) for row in range(panel.model.rowCount())]


def test_a_word_is_found_through_its_tashkeel_in_context(
    window: MainWindow, store: SqliteStore, qtbot: QtBot
) -> None:
    panel = window.search_panel
    search(qtbot, panel, "الرقة")
    found = rows(panel)
    assert [(row.document_id, row.match) for row in found] == [
        (ids(store)["اشتباكات في الرقة"], "الرّقة"),
        (ids(store)["عودة النازحين"], "الرقة"),
    ]
    first = found[0]
    assert (first.before, first.after) == (
        "قال المرصد إن الاشتباكات في ",
        " استمرت حتى المساء، وعاد الهدوء بالرقة",
    )
    assert RAQQA[first.start : first.end] == "الرّقة"
    assert first.heading == f"اشتباكات في الرقة · {first.document_id}"
    assert panel.model.index(0).data() == first.before + "الرّقة" + first.after
    assert panel.summary.text() == "2 hits in 2 documents"
    assert panel.query.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_proclitics_also_find_the_word_behind_a_preposition(
    window: MainWindow, store: SqliteStore, qtbot: QtBot
) -> None:
    panel = window.search_panel
    search(qtbot, panel, "الرقة")
    without = panel.model.rowCount()
    with qtbot.waitSignal(panel.results_shown, timeout=5000):
        panel.proclitics.setChecked(True)
    found = rows(panel)
    assert (without, len(found)) == (2, 3)
    behind_ba = found[1]
    assert behind_ba.document_id == ids(store)["اشتباكات في الرقة"]
    # The hit is the word, not the proclitic: ب stays in the context.
    assert behind_ba.before.endswith("وعاد الهدوء ب") and behind_ba.match == "الرقة"
    assert RAQQA[behind_ba.start - 1 : behind_ba.end] == "بالرقة"
    assert panel.summary.text() == "3 hits in 2 documents"


def test_enter_opens_the_document_with_exactly_the_hit_selected(
    window: MainWindow, store: SqliteStore, qtbot: QtBot
) -> None:
    panel = window.search_panel
    panel.proclitics.setChecked(True)
    search(qtbot, panel, "الرقة")
    panel.results.setFocus()  # the list makes its first result current
    assert panel.results.currentIndex().row() == 0
    qtbot.keyClick(panel.results, Qt.Key.Key_Down)  # to the second: الرقة in بالرقة
    assert panel.results.currentIndex().row() == 1
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    hit = panel.model.result(1)
    shown = window.article_view.document_shown
    assert shown is not None and shown.id == ids(store)["اشتباكات في الرقة"]
    assert window.article_view.selection_range() == (hit.start, hit.end)
    assert shown.text[hit.start : hit.end] == "الرقة"
    assert panel.results.currentIndex().row() == 1  # the panel keeps its place
    assert window.article_view.hasFocus()  # ready for a label key

    # Back to the results (Ctrl+Shift+F), Down to the next, Enter.
    window.actions_.search_corpus.trigger()
    qtbot.keyClick(panel.query, Qt.Key.Key_Down)
    qtbot.keyClick(panel.query, Qt.Key.Key_Return)
    last = panel.model.result(2)
    shown = window.article_view.document_shown
    assert shown is not None and shown.id == ids(store)["عودة النازحين"]
    assert window.article_view.selection_range() == (last.start, last.end)
    assert shown.text[last.start : last.end] == "الرقة"


def test_the_query_field_walks_and_opens_the_results(
    window: MainWindow, store: SqliteStore, qtbot: QtBot
) -> None:
    panel = window.search_panel
    shift_control = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.article_view, Qt.Key.Key_F, shift_control)
    assert window.left_tabs.currentWidget() is panel
    assert panel.query.hasFocus()
    search(qtbot, panel, "الرقة")
    qtbot.keyClick(panel.query, Qt.Key.Key_Down)
    qtbot.keyClick(panel.query, Qt.Key.Key_Down)
    assert panel.results.currentIndex().row() == 1
    qtbot.keyClick(panel.query, Qt.Key.Key_Return)
    hit = panel.model.result(1)
    assert window.article_view.selection_range() == (hit.start, hit.end)
    assert DISPLACED[hit.start : hit.end] == "الرقة"


def test_a_double_click_opens_a_hit_the_document_filter_hides(
    window: MainWindow, store: SqliteStore, qtbot: QtBot
) -> None:
    window.session.set_status(Status.DONE)  # the visit, open at the start
    statuses = window.documents.status_filter
    statuses.setCurrentIndex(statuses.findData(Status.DONE))  # only the visit is listed
    panel = window.search_panel
    window.left_tabs.setCurrentWidget(panel)
    search(qtbot, panel, "النازحون")
    where = panel.results.visualRect(panel.model.index(0)).center()
    # A double-click is a click, then a second press that Qt reports as the double-click
    # (QTest.mouseDClick alone is only that second half).
    qtbot.mouseClick(panel.results.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(panel.results.viewport(), Qt.MouseButton.LeftButton, pos=where)
    shown = window.article_view.document_shown
    assert shown is not None and shown.id == ids(store)["عودة النازحين"]
    assert window.article_view.selection_range() == (4, 12)


def test_one_letter_runs_nothing(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[object] = []
    monkeypatch.setattr("ui.search.runner.run_search", lambda *args: ran.append(args))
    panel = window.search_panel
    type_text(panel.query, "ر")
    qtbot.wait(600)  # past the debounce
    assert ran == []
    assert not panel.runner.is_busy()
    assert panel.model.rowCount() == 0
    assert panel.summary.text() == "Type at least 2 letters"


def test_a_label_filter_lists_spans_with_their_speakers(
    window: MainWindow, store: SqliteStore, qtbot: QtBot
) -> None:
    raqqa = ids(store)["اشتباكات في الرقة"]
    speaker = store.add_span(Span(raqqa, "amal", "SPEAKER", 4, 10, "المرصد"))
    claim_text = "إن الاشتباكات في الرّقة استمرت"
    start = RAQQA.index(claim_text)
    claim = store.add_span(Span(raqqa, "amal", "CLAIM", start, start + len(claim_text), claim_text))
    assert speaker.id is not None and claim.id is not None
    store.add_link(Link("ATTRIBUTED_TO", claim.id, speaker.id))
    place = RAQQA.index("الرّقة")
    store.add_span(Span(raqqa, "omar", "LOCATION", place, place + 6, "الرّقة"))
    panel = window.search_panel

    with qtbot.waitSignal(panel.results_shown, timeout=5000):
        panel.label_filter.setCurrentIndex(panel.label_filter.findData("CLAIM"))
    [claim_row] = rows(panel)
    assert claim_row.span is not None and claim_row.span.id == claim.id
    assert (claim_row.match, claim_row.before, claim_row.after) == (claim_text, "", "")
    assert claim_row.heading == f"Claim · amal · اشتباكات في الرقة · {raqqa}"
    assert claim_row.speakers == "said by المرصد"
    assert panel.summary.text() == "1 span"
    assert not panel.proclitics.isEnabled()  # spans are matched within their text

    with qtbot.waitSignal(panel.results_shown, timeout=5000):
        panel.label_filter.setCurrentIndex(panel.label_filter.findData("LOCATION"))
    [location] = rows(panel)
    assert location.span is not None
    assert (location.span.annotator, location.match, location.speakers) == ("omar", "الرّقة", None)

    # Opening another annotator's span selects its letters in the article.
    panel.results.setFocus()
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    assert window.article_view.selection_range() == (place, place + 6)


def test_a_span_search_follows_the_annotation_and_keeps_its_place(
    window: MainWindow, store: SqliteStore, qtbot: QtBot
) -> None:
    panel = window.search_panel
    window.go_to(ids(store)["اشتباكات في الرقة"])
    tagset = window.session.tagset
    window.session.tag(tagset.label("LOCATION"), 28, 34)  # الرّقة
    with qtbot.waitSignal(panel.results_shown, timeout=5000):
        panel.label_filter.setCurrentIndex(panel.label_filter.findData("LOCATION"))
    panel.results.setCurrentIndex(panel.model.index(0))
    with qtbot.waitSignal(panel.results_shown, timeout=5000):
        window.session.tag(tagset.label("LOCATION"), 0, 0 + len("قال"))  # before it
    assert [row.match for row in rows(panel)] == ["قال", "الرّقة"]
    assert panel.results.currentIndex().row() == 1  # still on الرّقة
    assert panel.summary.text() == "2 spans"


def test_the_summary_counts_past_the_first_page(qtbot: QtBot, store: SqliteStore) -> None:
    for number in range(3):
        add_document(store, "حلب " * 3 + f"({number})", f"خبر {number}")
    window = open_window(qtbot, store)
    panel = window.search_panel
    panel.runner.limit = 4
    search(qtbot, panel, "حلب")
    assert panel.model.rowCount() == 4
    nine = QLocale().toString(9)
    assert panel.summary.text() == f"{nine} hits in 3 documents (showing the first 4)"


def test_the_results_model_passes_the_model_tester(
    window: MainWindow, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    panel = window.search_panel
    search(qtbot, panel, "الرقة")
    assert isinstance(panel.model, SearchResultsModel) and panel.model.rowCount() == 2
    qtmodeltester.check(panel.model)


def test_latin_text_lays_the_query_out_left_to_right(window: MainWindow, qtbot: QtBot) -> None:
    panel = window.search_panel
    qtbot.keyClicks(panel.query, "SANA")
    assert panel.query.layoutDirection() == Qt.LayoutDirection.LeftToRight
    panel.query.clear()
    assert panel.query.layoutDirection() == window.layoutDirection()


def test_a_panel_closed_in_the_middle_of_a_search_is_safe(window: MainWindow, qtbot: QtBot) -> None:
    from ui.search import runner as search_runner

    panel = window.search_panel
    panel.query.setText("الرقة")
    panel.runner.search(panel.request())
    assert search_runner._running  # the thread is kept by the module, not by the panel
    with qtbot.waitSignal(panel.destroyed, timeout=5000):
        panel.deleteLater()  # the panel and its runner go; the search thread runs on
    qtbot.waitUntil(lambda: not search_runner._running, timeout=5000)


def test_a_query_too_long_is_said_in_words(qtbot: QtBot, window: MainWindow) -> None:
    """Seventy words typed into the query: the panel says the bound, not an exception's name."""
    panel = window.search_panel
    panel.query.setFocus()
    type_text(panel.query, " ".join(["دمشق"] * 70))
    qtbot.waitUntil(lambda: panel.summary.text().startswith("Search failed: "), timeout=5000)
    said = panel.summary.text()
    assert said.startswith("Search failed: ") and "64" in said
    assert "QueryTooLong" not in said and "Error" not in said
