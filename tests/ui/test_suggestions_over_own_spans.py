"""Own spans stay clickable under suggestions, and the corpus run leaves finished documents
alone unless asked (issue 14, item 4)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QMessageBox
from pytestqt.qtbot import QtBot

from annotation.assistant.pending import ASSISTANT
from annotation.model import Status
from db.store import SqliteStore
from tests.ui.workspace import add_document, open_window, press, select_text

TEXT = "قال وزير الخارجية إن الوفد وصل إلى دمشق أمس."
OTHER = "وأكد المتحدث باسم الوزارة أن الحوار مستمر في بيروت."


def test_clicks_on_an_own_claim_under_suggestions_select_it_then_cycle(
    qtbot: QtBot, store: SqliteStore
) -> None:
    add_document(store, TEXT)
    window = open_window(qtbot, store)
    start = TEXT.index("وصل")
    select_text(window, start, TEXT.index("أمس") - 1)
    press(qtbot, window, Qt.Key.Key_2)  # an own claim: وصل إلى دمشق
    (claim,) = window.session.spans
    assert claim.text == "وصل إلى دمشق"
    with qtbot.waitSignal(window.exchange.runner.finished, timeout=20_000):
        window.actions_.suggest_corpus.trigger()
    s, view = window.session, window.article_view
    assert {x.text for x in s.suggestions} >= {"دمشق", "الوفد وصل إلى دمشق أمس"}
    press(qtbot, window, Qt.Key.Key_Escape)
    # On دمشق: the own claim, a suggested location and a suggested claim lie over each other.
    where = view.cursorRect(view.cursor_at(TEXT.index("دمشق") + 2)).center()
    point = QPoint(where.x(), where.y())

    def click() -> None:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)

    click()
    assert s.selected == claim.id and s.current_suggestion is None
    chosen = []
    for _ in range(2):
        click()
        assert s.selected is None
        suggestion = s.suggestion(s.current_suggestion)
        assert suggestion is not None
        chosen.append(suggestion.text)
    assert sorted(chosen) == ["الوفد وصل إلى دمشق أمس", "دمشق"]
    click()  # round again to the own claim
    assert s.selected == claim.id and s.current_suggestion is None


def _answer_next_box(qtbot: QtBot, tick: bool, seen: list[str]) -> None:
    """Answer the question box once it is up, as a person would: tick, then OK."""

    def answer() -> None:
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
        box = next((w for w in boxes if w.isVisible()), None)
        if box is None:
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        if tick:
            qtbot.mouseClick(box.findChild(QCheckBox), Qt.MouseButton.LeftButton)
        box.button(QMessageBox.StandardButton.Ok).click()

    QTimer.singleShot(0, answer)


def test_the_corpus_run_skips_documents_marked_done_unless_asked(
    qtbot: QtBot, store: SqliteStore
) -> None:
    first = add_document(store, TEXT, "أول")
    second = add_document(store, OTHER, "ثان")
    store.set_status(second, "amal", Status.DONE)
    window = open_window(qtbot, store)
    seen: list[str] = []
    _answer_next_box(qtbot, tick=False, seen=seen)
    with qtbot.waitSignal(window.exchange.runner.finished, timeout=20_000) as finished:
        window.actions_.suggest_corpus.trigger()
    assert finished.args[0] is True
    assert seen == ["You marked 1 document done: the assistant leaves them alone."]
    assert store.spans_for(first, ASSISTANT)
    assert store.spans_for(second, ASSISTANT) == []

    _answer_next_box(qtbot, tick=True, seen=seen)
    with qtbot.waitSignal(window.exchange.runner.finished, timeout=20_000):
        window.actions_.suggest_corpus.trigger()
    assert "بيروت" in {x.text for x in store.spans_for(second, ASSISTANT)}
