"""Every write tells the views what it changed (annotation/changes.py), and each view re-reads
only what it shows: the assistant's new places appear in the Entities tab at once, imported
articles in the document list, and a tag that names no entity leaves the corpus's claims unread."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QInputDialog
from pytestqt.qtbot import QtBot

from annotation.model import ATTRIBUTED_TO, Entity, EntityKind, Link, Span
from db.store import SqliteStore
from tests.ui.workspace import add_document, open_window, press, select_text, top_level_item
from ui.main_window import MainWindow

TEXT = "قال وزير الخارجية إن الوفد وصل إلى دمشق أمس."
OTHER = "وأكد المتحدث باسم الوزارة أن الحوار مستمر في بيروت."


def entity_rows(window: MainWindow) -> list[tuple[str, str, int]]:
    """The Entities tab's rows: name, kind, mentions."""
    tree = window.entity_browser.entities
    return sorted(
        (
            item.text(0),
            item.text(1),
            int(item.data(2, Qt.ItemDataRole.DisplayRole)),
        )
        for item in (tree.topLevelItem(row) for row in range(tree.topLevelItemCount()))
        if item is not None
    )


def show_entities_tab(window: MainWindow) -> None:
    window.left_tabs.setCurrentWidget(window.entity_browser)


def count_calls(monkeypatch: pytest.MonkeyPatch, store: SqliteStore, name: str) -> list[object]:
    """Record each call of one store method (and still make it)."""
    calls: list[object] = []
    original: Callable[..., object] = getattr(store, name)

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(store, name, counted)
    return calls


def test_the_assistants_new_places_are_listed_at_once(qtbot: QtBot, store: SqliteStore) -> None:
    add_document(store, TEXT)
    window = open_window(qtbot, store)
    show_entities_tab(window)
    assert entity_rows(window) == []
    window.actions_.suggest_document.trigger()  # Annotate > Suggest, on the open document
    assert entity_rows(window) == [("دمشق", "place", 1)]


def test_a_run_over_every_document_lists_its_places_when_it_ends(
    qtbot: QtBot, store: SqliteStore
) -> None:
    add_document(store, TEXT)
    other = add_document(store, OTHER, "ثان")
    window = open_window(qtbot, store)
    show_entities_tab(window)
    spans_before = window.documents.model.index(1, 3).data()
    with qtbot.waitSignal(window.exchange.runner.finished, timeout=20_000) as finished:
        window.actions_.suggest_corpus.trigger()
    assert finished.args[0] is True
    # بيروت is in the document that is not open: only the run's report can tell the tab.
    assert entity_rows(window) == [("بيروت", "place", 1), ("دمشق", "place", 1)]
    assert window.documents.model.document_id(1) == other
    assert spans_before == "0"
    assert window.documents.model.index(1, 3).data() == "0"  # the person's spans: still none


def test_imported_articles_are_listed_when_the_import_ends(
    qtbot: QtBot, store: SqliteStore, tmp_path: Path
) -> None:
    add_document(store, TEXT)
    window = open_window(qtbot, store)
    articles = tmp_path / "articles.jsonl"
    articles.write_text(
        "\n".join(
            json.dumps({"title": f"خبر {i}", "text": f"نص الخبر رقم {i}"}, ensure_ascii=False)
            for i in range(3)
        ),
        encoding="utf-8",
    )
    with qtbot.waitSignal(window.importer.finished, timeout=10_000):
        window.start_import([articles])
    model = window.documents.model
    assert [model.index(row, 0).data() for row in range(model.rowCount())] == [
        "خبر",
        "خبر 0",
        "خبر 1",
        "خبر 2",
    ]


@pytest.fixture
def speaker_chosen(qtbot: QtBot, store: SqliteStore) -> MainWindow:
    """A window whose Entities tab shows a person with a claim attributed to them."""
    document = add_document(store, TEXT)
    minister = store.add_entity(Entity(EntityKind.PERSON, "وزير الخارجية"))
    speaker = store.add_span(
        Span(document, "amal", "SPEAKER", 4, 17, TEXT[4:17], entity_id=minister.id)
    )
    claim = store.add_span(Span(document, "amal", "CLAIM", 21, 43, TEXT[21:43]))
    assert speaker.id is not None and claim.id is not None
    store.add_link(Link(ATTRIBUTED_TO, claim.id, speaker.id))
    window = open_window(qtbot, store)
    show_entities_tab(window)
    window.entity_browser.entities.setCurrentItem(top_level_item(window.entity_browser.entities, 0))
    model = window.entity_browser.mention_rows
    assert [len(group.spans) for group in model.groups] == [1, 1]  # a mention, a claim
    return window


def test_a_tag_that_names_no_entity_does_not_read_the_claims_again(
    speaker_chosen: MainWindow, qtbot: QtBot, store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = speaker_chosen
    claims = count_calls(monkeypatch, store, "claims_by")
    counts = count_calls(monkeypatch, store, "mention_counts")
    start = TEXT.index("أمس")
    select_text(window, start, start + 3)
    press(qtbot, window, Qt.Key.Key_3)  # a place, tied to no entity
    assert [(s.label, s.text) for s in window.session.spans if s.label == "LOCATION"] == [
        ("LOCATION", "أمس")
    ]
    window.undo_action.trigger()
    assert (claims, counts) == ([], [])
    assert entity_rows(window) == [("وزير الخارجية", "person", 1)]


def test_a_new_attribution_to_a_named_speaker_lists_its_claim(
    speaker_chosen: MainWindow, qtbot: QtBot, store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = speaker_chosen
    s = window.session
    claims = count_calls(monkeypatch, store, "claims_by")
    start = TEXT.index("دمشق")
    select_text(window, start, start + 4)
    press(qtbot, window, Qt.Key.Key_2)  # a second claim: no link yet, so not the speaker's
    assert claims == []
    claim = s.selected_span()
    speaker = next(span for span in s.spans if span.label == "SPEAKER")
    assert claim is not None and claim.id is not None and speaker.id is not None
    s.link(claim.id, speaker.id)
    assert len(claims) == 1
    model = window.entity_browser.mention_rows
    assert [span.text for span in model.groups[1].spans] == [TEXT[21:43], "دمشق"]


def test_renaming_an_entity_in_the_tab_shows_the_new_name(
    speaker_chosen: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = speaker_chosen
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *_args, **_kwargs: ("الوزير", True))
    )
    speaker = next(span for span in window.session.spans if span.label == "SPEAKER")
    window.session.select_span(speaker.id)  # its entity box names the minister

    def entity_box() -> str:
        box = window.span_editor.field("entity")
        assert isinstance(box, QComboBox)
        return box.currentText()

    assert entity_box() == "وزير الخارجية"
    qtbot.mouseClick(window.entity_browser.rename_button, Qt.MouseButton.LeftButton)
    assert entity_rows(window) == [("الوزير", "person", 1)]
    assert entity_box() == "الوزير"  # the selected span's box follows the registry
    window.undo_action.trigger()
    assert entity_rows(window) == [("وزير الخارجية", "person", 1)]
    assert window.session.selected == speaker.id  # an undo that moved no span keeps it
    assert entity_box() == "وزير الخارجية"


def test_an_edit_in_the_open_document_re_reads_only_that_documents_rows(
    qtbot: QtBot, store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A busy speaker has mentions in most articles: linking one more claim to them re-reads the
    open document's rows alone, leaves the others' rows as they were, and moves the count."""
    minister = store.add_entity(Entity(EntityKind.PERSON, "وزير الخارجية"))
    assert minister.id is not None
    documents = [add_document(store, f"{TEXT} {n}", f"خبر {n}") for n in range(3)]
    for document in documents:
        speaker = store.add_span(
            Span(document, "amal", "SPEAKER", 4, 17, TEXT[4:17], entity_id=minister.id)
        )
        said = store.add_span(Span(document, "amal", "CLAIM", 21, 43, TEXT[21:43]))
        assert speaker.id is not None and said.id is not None
        store.add_link(Link(ATTRIBUTED_TO, said.id, speaker.id))
    window = open_window(qtbot, store)
    show_entities_tab(window)
    window.entity_browser.entities.setCurrentItem(top_level_item(window.entity_browser.entities, 0))
    model = window.entity_browser.mention_rows
    others = [span for span in model.groups[1].spans if span.document_id != documents[0]]
    assert window.session.document is not None and window.session.document.id == documents[0]
    mentions = count_calls(monkeypatch, store, "mentions")
    claims = count_calls(monkeypatch, store, "claims_by")
    counts = count_calls(monkeypatch, store, "mention_counts")

    start = TEXT.index("دمشق")
    select_text(window, start, start + 4)
    press(qtbot, window, Qt.Key.Key_2)  # a claim ...
    claim = window.session.selected_span()
    speaker = next(span for span in window.session.spans if span.label == "SPEAKER")
    assert claim is not None and claim.id is not None and speaker.id is not None
    window.session.link(claim.id, speaker.id)  # ... attributed to the minister
    assert claims == [(minister.id, documents[0])]
    assert [(s.document_id, s.text) for s in model.groups[1].spans] == [
        (documents[0], TEXT[21:43]),
        (documents[0], "دمشق"),
        (documents[1], TEXT[21:43]),
        (documents[2], TEXT[21:43]),
    ]
    kept = [span for span in model.groups[1].spans if span.document_id != documents[0]]
    assert all(a is b for a, b in zip(kept, others, strict=True))  # not read again
    assert (mentions, counts) == ([(minister.id, documents[0])], [])

    # A new mention of the minister: his count moves, read for him alone.
    window.session.select_span(speaker.id)
    window.session.assign_entity(claim.id, None)  # (a claim names no entity: no count)
    start = TEXT.index("الوفد")
    select_text(window, start, start + 5)
    press(qtbot, window, Qt.Key.Key_1)  # a speaker ...
    new = window.session.selected_span()
    assert new is not None and new.id is not None
    window.session.assign_entity(new.id, minister.id)  # ... who is the minister
    assert counts[-1] == (frozenset({minister.id}),)
    assert entity_rows(window) == [("وزير الخارجية", "person", 4)]
    assert [s.text for s in model.groups[0].spans if s.document_id == documents[0]] == [
        TEXT[4:17],
        "الوفد",
    ]


def test_a_mention_moved_to_another_entity_moves_both_counts(
    qtbot: QtBot, store: SqliteStore
) -> None:
    """The list is sorted by mentions: the first new count re-sorts it, and the second entity's
    row must still be found (it was skipped, and kept its old count)."""
    document = add_document(store, TEXT)
    other = add_document(store, TEXT + " 1", "ثان")
    first = store.add_entity(Entity(EntityKind.PERSON, "ألف"))
    second = store.add_entity(Entity(EntityKind.PERSON, "جيم"))
    moved = store.add_span(
        Span(document, "amal", "SPEAKER", 4, 17, TEXT[4:17], entity_id=second.id)
    )
    for start, end, entity in ((4, 17, first), (21, 26, second), (35, 39, first)):
        store.add_span(
            Span(other, "amal", "SPEAKER", start, end, TEXT[start:end], entity_id=entity.id)
        )
    window = open_window(qtbot, store)
    show_entities_tab(window)
    assert entity_rows(window) == [("ألف", "person", 2), ("جيم", "person", 2)]
    assert moved.id is not None and first.id is not None
    window.session.assign_entity(moved.id, first.id)
    assert entity_rows(window) == [("ألف", "person", 3), ("جيم", "person", 1)]
