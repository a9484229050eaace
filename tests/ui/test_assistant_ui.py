"""The assistant in the window: suggestions drawn dashed and lighter, Enter accepts, Backspace
rejects, one command accepts all; all undoable; the annotator's own spans never duplicated."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotation.assistant.pending import ASSISTANT
from annotation.model import Origin
from db.store import SqliteStore
from tests.ui.workspace import add_document, open_window, press, select_text

TEXT = "قال وزير الخارجية إن الوفد وصل إلى دمشق أمس."


def texts(spans: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
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
    assert looks[first.id].outline_style == Qt.PenStyle.DashLine
    other = next(x for x in s.suggestions if x.id != first.id)
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
