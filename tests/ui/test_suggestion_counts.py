"""The assistant's suggestions: how many remain here and in the corpus (status bar), and
F8 / Shift+F8 walk through them (issue 18). Driven by keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotation.assistant.pending import ASSISTANT, pending
from annotation.model import DocumentId, Span
from db.store import SqliteStore
from tests.ui.workspace import add_document, open_window, press
from ui.main_window import MainWindow

TEXT = "قال وزير الخارجية إن الوفد وصل إلى دمشق أمس قادما من بغداد عبر عمان."
OTHER = "وصل الوفد إلى بيروت ثم إلى القاهرة."


def suggest(store: SqliteStore, document: DocumentId, text: str, *words: str) -> None:
    for word in words:
        start = text.index(word)
        store.add_span(Span(document, ASSISTANT, "LOCATION", start, start + len(word), word))


def current(window: MainWindow) -> str:
    """The text of the current suggestion."""
    s = window.session
    chosen = s.suggestion(s.current_suggestion)
    assert chosen is not None, "no current suggestion"
    return chosen.text


def test_counts_and_f8_walk(qtbot: QtBot, store: SqliteStore) -> None:
    first = add_document(store, TEXT, "أول")
    second = add_document(store, OTHER, "ثان")
    suggest(store, first, TEXT, "دمشق", "بغداد", "عمان")
    suggest(store, second, OTHER, "بيروت", "القاهرة")
    assert store.pending_count("amal", ASSISTANT) == 5
    window = open_window(qtbot, store)
    counts = window.assistant.counts
    assert counts.isVisible() and counts.text() == "Suggestions: 3 here, 5 in all"

    s = window.session
    press(qtbot, window, Qt.Key.Key_F8)
    assert current(window) == "دمشق"
    press(qtbot, window, Qt.Key.Key_F8)
    assert current(window) == "بغداد"
    press(qtbot, window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert current(window) == "دمشق"
    press(qtbot, window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)  # round the end
    assert current(window) == "عمان"

    press(qtbot, window, Qt.Key.Key_Return)  # accept عمان
    assert [span.text for span in s.spans] == ["عمان"]
    assert counts.text() == "Suggestions: 2 here, 4 in all"
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert counts.text() == "Suggestions: 3 here, 5 in all"

    window.actions_.next_document.trigger()
    assert counts.text() == "Suggestions: 2 here, 5 in all"
    window.session.switch_annotator(ASSISTANT)  # its own layer has nothing to suggest to it
    assert not counts.isVisible()


def test_the_corpus_count_is_what_pending_lists_in_every_document(store: SqliteStore) -> None:
    first = add_document(store, TEXT, "أول")
    second = add_document(store, OTHER, "ثان")
    suggest(store, first, TEXT, "دمشق", "بغداد")
    suggest(store, second, OTHER, "بيروت")
    start = TEXT.index("دمشق")
    store.add_span(Span(first, "amal", "LOCATION", start, start + 4, "دمشق"))  # got already
    store.add_span(Span(second, "amal", "CLAIM", 0, len(OTHER), OTHER))  # another label
    expected = sum(len(pending(store, d, "amal")) for d in (first, second))
    assert store.pending_count("amal", ASSISTANT) == expected == 2
    assert store.pending_count(ASSISTANT, ASSISTANT) == 0


def test_switching_article_does_not_count_the_corpus_again(
    qtbot: QtBot, store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = add_document(store, TEXT, "أول")
    second = add_document(store, OTHER, "ثان")
    suggest(store, first, TEXT, "دمشق", "بغداد", "عمان")
    suggest(store, second, OTHER, "بيروت", "القاهرة")
    window = open_window(qtbot, store)
    counted: list[str] = []
    original = store.pending_count

    def counting(annotator: str, source: str) -> int:
        counted.append(annotator)
        return original(annotator, source)

    monkeypatch.setattr(store, "pending_count", counting)
    for _ in range(2):
        window.actions_.next_document.trigger()
        assert window.assistant.counts.text() == "Suggestions: 2 here, 5 in all"
        window.actions_.previous_document.trigger()
        assert window.assistant.counts.text() == "Suggestions: 3 here, 5 in all"
    assert counted == []  # the corpus did not change: its count is not read again
    window.session.switch_annotator("omar")  # another layer: counted for omar, once
    assert counted == ["omar"]
    assert window.assistant.counts.text() == "Suggestions: 3 here, 5 in all"
