"""The assistant in the window: suggestions drawn dashed and lighter, Enter accepts, Backspace
rejects, one command accepts all; all undoable; the annotator's own spans never duplicated."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotation.assistant.pending import ASSISTANT
from annotation.model import Origin, Span
from db.store import SqliteStore
from tests.ui.workspace import add_document, open_window, press, select_text

TEXT = "قال وزير الخارجية إن الوفد وصل إلى دمشق أمس."


def texts(spans: list[Span]) -> list[tuple[str, str]]:
    return sorted((s.label, s.text) for s in spans)


def test_suggest_accept_reject_and_undo(qtbot: QtBot, store: SqliteStore) -> None:
    document = add_document(store, TEXT)
    window = open_window(qtbot, store)
    s = window.session
    window.actions_.suggest_document.trigger()
    assert texts(s.suggestions) == [
        ("CLAIM", "الوفد وصل إلى دمشق أمس"),
        ("LOCATION", "دمشق"),
        ("SPEAKER", "وزير الخارجية"),
    ]
    # Drawn over the layer, lighter and dashed; the current one (the first) stronger.
    looks = window.article_view.looks
    assert set(looks) == {x.id for x in s.suggestions}
    first = s.suggestion(s.current_suggestion)
    assert first is not None and first.text == "وزير الخارجية"
    assert first.id is not None
    assert looks[first.id].outline_style == Qt.PenStyle.DashLine
    other = next(x for x in s.suggestions if x.id != first.id)
    assert other.id is not None
    assert looks[other.id].fill.alpha() < looks[first.id].fill.alpha() < 255

    press(qtbot, window, Qt.Key.Key_Return)  # accept the speaker
    (accepted,) = store.spans_for(document, "amal")
    assert (accepted.text, accepted.origin) == ("وزير الخارجية", Origin.SUGGESTED)
    current = s.suggestion(s.current_suggestion)
    assert current is not None and current.text == "الوفد وصل إلى دمشق أمس"
    press(qtbot, window, Qt.Key.Key_Return)  # the claim, linked to the accepted speaker
    assert len(store.links_for(document, "amal")) == 1
    press(qtbot, window, Qt.Key.Key_Backspace)  # reject دمشق
    assert texts(store.spans_for(document, ASSISTANT)) == [
        ("CLAIM", "الوفد وصل إلى دمشق أمس"),
        ("SPEAKER", "وزير الخارجية"),
    ]
    assert s.suggestions == []
    window.undo_action.trigger()  # the rejection
    assert texts(s.suggestions) == [("LOCATION", "دمشق")]
    window.undo_action.trigger()  # the claim
    window.undo_action.trigger()  # the speaker
    assert store.spans_for(document, "amal") == []
    assert len(s.suggestions) == 3


def test_accept_all_in_one_step_and_own_spans_are_never_duplicated(
    qtbot: QtBot, store: SqliteStore
) -> None:
    document = add_document(store, TEXT)
    window = open_window(qtbot, store)
    start = TEXT.index("دمشق")
    select_text(window, start, start + 4)
    press(qtbot, window, Qt.Key.Key_3)  # tagged by hand first
    window.actions_.suggest_document.trigger()
    assert ("LOCATION", "دمشق") not in texts(window.session.suggestions)
    window.actions_.accept_all_suggestions.trigger()
    assert texts(store.spans_for(document, "amal")) == [
        ("CLAIM", "الوفد وصل إلى دمشق أمس"),
        ("LOCATION", "دمشق"),
        ("SPEAKER", "وزير الخارجية"),
    ]
    mine = next(x for x in store.spans_for(document, "amal") if x.label == "LOCATION")
    assert mine.origin is Origin.MANUAL
    assert len(store.links_for(document, "amal")) == 1
    window.undo_action.trigger()
    assert texts(store.spans_for(document, "amal")) == [("LOCATION", "دمشق")]


def test_backspace_deletes_the_selected_own_span_not_a_suggestion_out_of_sight(
    qtbot: QtBot, store: SqliteStore
) -> None:
    document = add_document(store, TEXT)
    window = open_window(qtbot, store)
    start = TEXT.index("أمس")
    select_text(window, start, start + 3)
    press(qtbot, window, Qt.Key.Key_3)  # a span of her own, selected
    window.actions_.suggest_document.trigger()
    assert window.session.current_suggestion is not None
    own = store.spans_for(document, "amal")[0]
    window.session.select_span(own.id)
    assert window.session.current_suggestion is None
    press(qtbot, window, Qt.Key.Key_Backspace)
    assert store.spans_for(document, "amal") == []
    assert len(store.spans_for(document, ASSISTANT)) == 3  # no suggestion was rejected
    window.session.open_document(None)
    assert window.session.suggestions == [] and window.session.current_suggestion is None


def test_suggest_for_all_documents_runs_in_the_background(qtbot: QtBot, store: SqliteStore) -> None:
    first = add_document(store, TEXT)
    second = add_document(store, "وأكد المتحدث باسم الوزارة أن الحوار مستمر في بيروت.", "ثان")
    window = open_window(qtbot, store)
    with qtbot.waitSignal(window.exchange.runner.finished, timeout=20_000) as finished:
        window.actions_.suggest_corpus.trigger()
    assert finished.args[0] is True and "2 documents" in finished.args[1]
    assert ("LOCATION", "دمشق") in texts(store.spans_for(first, ASSISTANT))
    assert ("LOCATION", "بيروت") in texts(store.spans_for(second, ASSISTANT))
    shown = window.session.document
    assert shown is not None and window.session.suggestions  # the open one shows them now


def test_the_window_never_removes_hand_made_spans_from_the_assistants_layer(
    qtbot: QtBot, store: SqliteStore
) -> None:
    # Someone drew spans as `assistant` (or imported a layer under that name): running the
    # assistant from the window, on the document or on all of them, adds beside that work.
    document = add_document(store, TEXT)
    start = TEXT.index("أمس")
    drawn = store.add_span(Span(document, ASSISTANT, "LOCATION", start, start + 3, "أمس"))
    imported = store.add_span(
        Span(document, ASSISTANT, "SPEAKER", 4, 8, "وزير", origin=Origin.IMPORTED)
    )
    window = open_window(qtbot, store)
    window.actions_.suggest_document.trigger()
    with qtbot.waitSignal(window.exchange.runner.finished, timeout=20_000) as finished:
        window.actions_.suggest_corpus.trigger()
    assert finished.args[0] is True
    kept = [s for s in store.spans_for(document, ASSISTANT) if s.origin is not Origin.SUGGESTED]
    assert kept == [imported, drawn]
    assert ("LOCATION", "دمشق") in texts(store.spans_for(document, ASSISTANT))


def test_a_busy_database_is_said_in_the_window_and_nothing_is_stored(
    qtbot: QtBot, store: SqliteStore
) -> None:
    import sqlite3

    document = add_document(store, TEXT)
    window = open_window(qtbot, store)
    store.db.execute("PRAGMA busy_timeout = 50")  # bounded; short here
    assert store.path is not None
    holder = sqlite3.connect(store.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program writing
    try:
        with qtbot.waitSignal(window.session.message, timeout=5_000) as said:
            window.actions_.suggest_document.trigger()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "busy" in said.args[0]
    assert store.spans_for(document, ASSISTANT) == [] and window.session.suggestions == []
