"""Edits on a real store: each applies in one transaction and its inverse restores exactly."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from annotation.edits import (
    AddLink,
    AddSpan,
    RemoveSpan,
    ReplaceSpan,
    SetStatus,
    perform,
    with_progress,
)
from annotation.model import Document, DocumentId, Link, Span, Status, text_sha256
from annotation.ports import DuplicateSpanError, Store
from db.store import SqliteStore

TEXT = "قال وزير الخارجية إن الوفد وصل إلى دمشق أمس."


@pytest.fixture
def doc(store: SqliteStore) -> DocumentId:
    return store.add_documents([Document(text=TEXT, text_sha256=text_sha256(TEXT))])[0]


def span(doc: DocumentId, label: str, covered: str) -> Span:
    start = TEXT.index(covered)
    return Span(doc, "amal", label, start, start + len(covered), covered)


def snapshot(store: SqliteStore, doc: DocumentId) -> tuple[object, ...]:
    spans = [
        (s.id, s.label, s.start, s.end, s.text, s.attributes) for s in store.spans_for(doc, "amal")
    ]
    links = [(link.id, link.source_id, link.target_id) for link in store.links_for(doc, "amal")]
    return (spans, links, store.status(doc, "amal"))


def test_add_then_undo_then_redo_keeps_the_id(store: SqliteStore, doc: DocumentId) -> None:
    undo = perform(store, AddSpan(span(doc, "LOCATION", "دمشق"), name="Add LOCATION"))
    (added,) = store.spans_for(doc, "amal")
    assert undo.name == "Add LOCATION"
    redo = perform(store, undo)
    assert store.spans_for(doc, "amal") == []
    perform(store, redo)
    assert [s.id for s in store.spans_for(doc, "amal")] == [added.id]


def test_removing_a_speaker_takes_its_links_and_undo_brings_both_back(
    store: SqliteStore, doc: DocumentId
) -> None:
    speaker = store.add_span(span(doc, "SPEAKER", "وزير الخارجية"))
    claim = store.add_span(span(doc, "CLAIM", "الوفد وصل إلى دمشق أمس"))
    assert speaker.id and claim.id
    perform(store, AddLink(Link("ATTRIBUTED_TO", claim.id, speaker.id), doc))
    before = snapshot(store, doc)
    undo = perform(store, RemoveSpan(speaker.id, doc))
    assert store.links_for(doc, "amal") == []
    perform(store, undo)
    assert snapshot(store, doc) == before


def test_replace_span_moves_boundaries_and_undo_restores(
    store: SqliteStore, doc: DocumentId
) -> None:
    stored = store.add_span(span(doc, "SPEAKER", "وزير الخارجية"))
    before = snapshot(store, doc)
    wider = replace(stored, start=0, text=TEXT[0 : stored.end], label="CLAIM")
    undo = perform(store, ReplaceSpan(wider))
    (changed,) = store.spans_for(doc, "amal")
    assert (changed.label, changed.start, changed.text) == ("CLAIM", 0, "قال وزير الخارجية")
    perform(store, undo)
    assert snapshot(store, doc) == before


def test_first_edit_sets_in_progress_in_the_same_step(store: SqliteStore, doc: DocumentId) -> None:
    edit = with_progress(AddSpan(span(doc, "LOCATION", "دمشق")), store, "amal")
    undo = perform(store, edit)
    assert store.status(doc, "amal") is Status.IN_PROGRESS
    perform(store, undo)
    assert (store.spans_for(doc, "amal"), store.status(doc, "amal")) == ([], Status.NEW)
    # Later edits leave the status alone.
    perform(store, SetStatus(doc, "amal", Status.DONE))
    assert with_progress(AddSpan(span(doc, "LOCATION", "دمشق")), store, "amal").name == "Add Span"
    assert isinstance(with_progress(AddSpan(span(doc, "LOCATION", "دمشق")), store, "amal"), AddSpan)


def test_a_failing_compound_edit_changes_nothing(store: SqliteStore, doc: DocumentId) -> None:
    store.add_span(span(doc, "LOCATION", "دمشق"))
    before = snapshot(store, doc)
    duplicate = with_progress(AddSpan(span(doc, "LOCATION", "دمشق")), store, "amal")
    with pytest.raises(DuplicateSpanError):
        perform(store, duplicate)
    assert snapshot(store, doc) == before


def full_snapshot(store: SqliteStore) -> tuple[object, ...]:
    """Every row that edits touch, timestamps included."""
    return (
        store.db.execute("SELECT * FROM spans ORDER BY id").fetchall(),
        store.db.execute("SELECT * FROM links ORDER BY id").fetchall(),
        store.db.execute("SELECT * FROM document_status ORDER BY document_id").fetchall(),
    )


def test_undo_restores_every_row_exactly_timestamps_and_absent_statuses_too(
    store: SqliteStore, doc: DocumentId
) -> None:
    before = full_snapshot(store)
    undo_tag = perform(
        store, with_progress(AddSpan(span(doc, "SPEAKER", "وزير الخارجية")), store, "amal")
    )
    perform(store, undo_tag)
    assert full_snapshot(store) == before  # no status row left saying "new"
    stored = store.add_span(span(doc, "SPEAKER", "وزير الخارجية"))
    before = full_snapshot(store)
    undo_relabel = perform(store, ReplaceSpan(replace(stored, label="CLAIM")))
    after = full_snapshot(store)
    redo = perform(store, undo_relabel)
    assert full_snapshot(store) == before  # updated_at included
    perform(store, redo)
    assert full_snapshot(store) == after


def test_undo_refuses_to_overwrite_a_change_made_elsewhere(
    store: SqliteStore, doc: DocumentId, reopen: Callable[[], Store]
) -> None:
    from annotation.ports import ConflictError

    stored = store.add_span(span(doc, "CLAIM", "الوفد وصل"))
    assert stored.id is not None
    undo = perform(store, ReplaceSpan(replace(stored, attributes={"cue": "قال"})))
    other = reopen()  # another window adds a note to the same claim
    other.update_span(replace(other.span(stored.id), attributes={"cue": "قال", "note": "checked"}))
    other.close()
    with pytest.raises(ConflictError, match="changed elsewhere"):
        perform(store, undo)
    assert store.span(stored.id).attributes == {"cue": "قال", "note": "checked"}
