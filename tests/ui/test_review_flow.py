"""The Review menu from the main window: compare the open document's layers, decide into
gold, edit in gold, and the agreement dashboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from annotation.adjudication import GOLD
from annotation.changes import Changes
from annotation.model import Span
from db.store import SqliteStore
from tests.ui.workspace import add_document, open_window

TEXT = "قال الوزير إن الوفد وصل إلى دمشق أمس، وأضاف المتحدث أن الحوار مستمر في بيروت."


def put(store: SqliteStore, document: int, who: str, label: str, words: str) -> Span:
    start = TEXT.index(words)
    return store.add_span(Span(document, who, label, start, start + len(words), words))  # type: ignore[arg-type]


def test_compare_decide_and_edit_in_gold_from_the_main_window(
    qtbot: QtBot, store: SqliteStore
) -> None:
    document = add_document(store, TEXT)
    put(store, document, "amal", "LOCATION", "دمشق")
    put(store, document, "omar", "SPEAKER", "دمشق")
    put(store, document, "omar", "LOCATION", "بيروت")
    window = open_window(qtbot, store)
    window.actions_.compare.trigger()
    compare = window.review.compare_window
    assert compare is not None and compare.isVisible()
    compare.set_layers("amal", "omar")
    assert compare.windowTitle().count("amal") == 1 and "omar" in compare.windowTitle()
    with qtbot.waitActive(compare):
        compare.activateWindow()
    assert compare.session.current is not None and compare.session.current.a is not None
    assert compare.session.current.a.text == "دمشق"  # the first disagreement is current
    qtbot.keyClick(compare.table, Qt.Key.Key_2)  # B's SPEAKER into gold
    assert [(s.label, s.text) for s in store.spans_for(document, GOLD)] == [("SPEAKER", "دمشق")]

    with qtbot.waitSignal(compare.edit_in_gold, timeout=2000):
        qtbot.keyClick(compare.table, Qt.Key.Key_E)
    assert window.session.annotator == GOLD
    assert [s.text for s in window.session.spans] == ["دمشق"]
    start, end = window.article_view.selection_range() or (None, None)
    assert TEXT[start:end] in ("دمشق", "بيروت")


def test_the_dashboard_opens_with_every_annotator_and_refuses_with_one(
    qtbot: QtBot, store: SqliteStore, monkeypatch: object
) -> None:
    document = add_document(store, TEXT)
    put(store, document, "amal", "LOCATION", "دمشق")
    window = open_window(qtbot, store)
    told: list[str] = []
    monkeypatch.setattr(  # type: ignore[attr-defined]
        QMessageBox, "information", lambda _parent, _title, text: told.append(text)
    )
    window.actions_.agreement_dashboard.trigger()
    assert window.review.dashboard is None and len(told) == 1 and "1" in told[0]
    put(store, document, "omar", "LOCATION", "دمشق")
    window.actions_.agreement_dashboard.trigger()
    dashboard = window.review.dashboard
    assert dashboard is not None and dashboard.isVisible()
    assert dashboard.chosen_annotators() == ["amal", "omar"]


def test_a_decision_is_told_to_the_main_windows_views(qtbot: QtBot, store: SqliteStore) -> None:
    document = add_document(store, TEXT)
    put(store, document, "amal", "LOCATION", "دمشق")
    put(store, document, "omar", "SPEAKER", "دمشق")
    window = open_window(qtbot, store)
    window.actions_.compare.trigger()
    compare = window.review.compare_window
    assert compare is not None
    compare.set_layers("amal", "omar")
    with qtbot.waitActive(compare):
        compare.activateWindow()
    told: list[Changes] = []
    window.session.changed.connect(told.append)
    qtbot.keyClick(compare.table, Qt.Key.Key_2)  # B's SPEAKER into gold
    (gold_span,) = store.spans_for(document, "gold")
    assert gold_span.label == "SPEAKER" and gold_span.id is not None
    assert told == [
        Changes(
            documents=frozenset({document}),
            spans=frozenset({gold_span.id}),
            decisions=frozenset({document}),
        )
    ]
    compare.actions_.undo.trigger()
    assert store.spans_for(document, "gold") == []
    assert len(told) == 2 and told[1] == told[0]  # the undo takes back the same span
