"""Suggestions as the assistant's layer: stored, pending, accepted with their links, rejected,
undone; never duplicating or overwriting the annotator's own spans."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from annotation.assistant.pending import (
    ASSISTANT,
    Suggested,
    accept,
    accept_all,
    pending,
    reject,
    write_suggestions,
)
from annotation.changes import Changes
from annotation.edits import perform
from annotation.model import (
    ATTRIBUTED_TO,
    Document,
    DocumentId,
    EntityKind,
    Link,
    Origin,
    Span,
    text_sha256,
)
from db.store import SqliteStore

TEXT = "قال وزير الخارجية إن الوفد وصل لسورية أمس."


def extent(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def suggestion(document: DocumentId, label: str, words: str) -> Span:
    start, end = extent(words)
    return Span(document, ASSISTANT, label, start, end, words)


@pytest.fixture
def store(tmp_path: Path) -> SqliteStore:
    store = SqliteStore(tmp_path / "assistant.sqlite3")
    (document,) = store.add_documents([Document(text=TEXT, text_sha256=text_sha256(TEXT))])
    found = Suggested(
        (
            suggestion(document, "SPEAKER", "وزير الخارجية"),
            suggestion(document, "CLAIM", "الوفد وصل لسورية أمس"),
            suggestion(document, "LOCATION", "سورية"),
        ),
        links=((1, 0),),
        places={2: "سوريا"},
    )
    assert write_suggestions(store, document, found).count == 3
    return store


def document_of(store: SqliteStore) -> DocumentId:
    return store.document_summaries()[0].id


def layer(store: SqliteStore, name: str) -> list[tuple[str, str, str]]:
    return [(s.label, s.text, s.origin.value) for s in store.spans_for(document_of(store), name)]


def links(store: SqliteStore, name: str) -> list[tuple[str, str]]:
    spans = {s.id: s.text for s in store.spans_for(document_of(store), name)}
    return [
        (spans[k.source_id], spans[k.target_id]) for k in store.links_for(document_of(store), name)
    ]


def test_stored_suggestions_are_a_layer_with_links_and_place_entities(store: SqliteStore) -> None:
    assert layer(store, ASSISTANT) == [
        ("SPEAKER", "وزير الخارجية", "suggested"),
        ("CLAIM", "الوفد وصل لسورية أمس", "suggested"),
        ("LOCATION", "سورية", "suggested"),
    ]
    assert links(store, ASSISTANT) == [("الوفد وصل لسورية أمس", "وزير الخارجية")]
    (place,) = [e for e in store.entities() if e.kind is EntityKind.PLACE]
    location = store.spans_for(document_of(store), ASSISTANT)[2]
    assert (place.name, location.entity_id) == ("سوريا", place.id)


def test_running_again_replaces_the_layer_and_reuses_the_entity(store: SqliteStore) -> None:
    document = document_of(store)
    again = Suggested((suggestion(document, "LOCATION", "سورية"),), places={0: "سورية"})
    write_suggestions(store, document, again)
    assert layer(store, ASSISTANT) == [("LOCATION", "سورية", "suggested")]
    assert len([e for e in store.entities() if e.kind is EntityKind.PLACE]) == 1


def test_accepting_copies_into_the_annotators_layer_with_links_and_undo(store: SqliteStore) -> None:
    document = document_of(store)
    speaker, claim, _ = pending(store, document, "amal")
    perform(store, accept(speaker, "amal"))
    undo = perform(store, accept(claim, "amal"))
    assert layer(store, "amal") == [
        ("SPEAKER", "وزير الخارجية", "suggested"),
        ("CLAIM", "الوفد وصل لسورية أمس", "suggested"),
    ]
    assert links(store, "amal") == [("الوفد وصل لسورية أمس", "وزير الخارجية")]
    assert [s.label for s in pending(store, document, "amal")] == ["LOCATION"]
    assert len(layer(store, ASSISTANT)) == 3  # the assistant's layer stays whole
    perform(store, undo)
    assert layer(store, "amal") == [("SPEAKER", "وزير الخارجية", "suggested")]
    assert links(store, "amal") == []


def test_accept_all_links_claims_to_speakers_accepted_in_the_same_step(store: SqliteStore) -> None:
    document = document_of(store)
    undo = perform(store, accept_all(pending(store, document, "amal"), "amal"))
    assert len(layer(store, "amal")) == 3
    assert links(store, "amal") == [("الوفد وصل لسورية أمس", "وزير الخارجية")]
    assert pending(store, document, "amal") == []
    perform(store, undo)
    assert layer(store, "amal") == []


def test_rejecting_removes_the_suggestion_and_undo_restores_its_link(store: SqliteStore) -> None:
    document = document_of(store)
    speaker = pending(store, document, "amal")[0]
    undo = perform(store, reject(speaker))
    assert [s.label for s in pending(store, document, "amal")] == ["CLAIM", "LOCATION"]
    assert links(store, ASSISTANT) == []
    perform(store, undo)
    assert links(store, ASSISTANT) == [("الوفد وصل لسورية أمس", "وزير الخارجية")]


def test_suggestions_never_duplicate_or_overwrite_own_spans(store: SqliteStore) -> None:
    document = document_of(store)
    start, end = extent("سورية")
    mine = store.add_span(
        Span(document, "amal", "LOCATION", start, end, "سورية", attributes={"note": "mine"})
    )
    assert [s.label for s in pending(store, document, "amal")] == ["SPEAKER", "CLAIM"]
    location = store.spans_for(document, ASSISTANT)[2]
    perform(store, accept(location, "amal"))  # already there: nothing happens
    (kept,) = store.spans_for(document, "amal")
    assert (kept.id, kept.attributes, kept.origin) == (mine.id, {"note": "mine"}, Origin.MANUAL)
    assert pending(store, document, ASSISTANT) == []


def test_a_rejection_survives_running_the_assistant_again_and_can_still_be_undone(
    store: SqliteStore,
) -> None:
    document = document_of(store)
    original = store.spans_for(document, ASSISTANT)
    undo = perform(store, reject(original[2], "amal"))  # سورية
    again = Suggested(
        tuple(replace(s, id=None, origin=Origin.MANUAL) for s in original),
        links=((1, 0),),
        places={2: "سوريا"},
    )
    assert write_suggestions(store, document, again).count == 2  # the rejected place is left out
    kept = store.spans_for(document, ASSISTANT)
    assert [s.id for s in kept] == [s.id for s in original[:2]]  # found again: same spans
    assert links(store, ASSISTANT) == [("الوفد وصل لسورية أمس", "وزير الخارجية")]
    perform(store, undo)  # the rejection is taken back: the suggestion returns, once
    assert [s.text for s in store.spans_for(document, ASSISTANT)] == [
        "وزير الخارجية",
        "الوفد وصل لسورية أمس",
        "سورية",
    ]
    assert write_suggestions(store, document, again).count == 3


def hand_made_layer(store: SqliteStore, annotator: str) -> tuple[list[Span], list[Link]]:
    """A person's layer: three spans drawn by hand (one of them also one the assistant
    finds), an imported one, and two links, one of them to a span the assistant made."""
    document = document_of(store)

    def draw(label: str, words: str, origin: Origin = Origin.MANUAL) -> Span:
        start, end = extent(words)
        return store.add_span(Span(document, annotator, label, start, end, words, origin=origin))

    speaker = draw("SPEAKER", "وزير")
    claim = draw("CLAIM", "الوفد وصل")
    draw("LOCATION", "سورية")  # the assistant suggests this one too
    imported = draw("CLAIM", "وصل لسورية", Origin.IMPORTED)
    suggested = draw("SPEAKER", "وزير الخارجية", Origin.SUGGESTED)  # accepted earlier
    assert speaker.id is not None and claim.id is not None
    assert imported.id is not None and suggested.id is not None
    store.add_link(Link(ATTRIBUTED_TO, claim.id, speaker.id))
    store.add_link(Link(ATTRIBUTED_TO, imported.id, suggested.id))
    return store.spans_for(document, annotator), store.links_for(document, annotator)


@pytest.mark.parametrize("annotator", ["amal", "gold"])
def test_running_the_assistant_again_never_removes_hand_made_spans_or_links(
    store: SqliteStore, annotator: str
) -> None:
    document = document_of(store)
    spans, drawn = hand_made_layer(store, annotator)
    assert (len(spans), len(drawn)) == (5, 2)
    for found in (Suggested(()), Suggested((suggestion(document, "LOCATION", "سورية"),))):
        write_suggestions(store, document, found, annotator)
        # Exact rows: ids, extents, origins and timestamps as they were. The suggested
        # speaker stays too: a hand-made claim is linked to it, and the link is the person's.
        assert store.spans_for(document, annotator) == spans
        assert store.links_for(document, annotator) == drawn


def test_a_suggestion_found_beside_hand_made_work_is_added_and_goes_again_alone(
    store: SqliteStore,
) -> None:
    document = document_of(store)
    spans, drawn = hand_made_layer(store, "amal")
    found = Suggested(
        (
            suggestion(document, "SPEAKER", "وزير الخارجية"),  # the accepted one, found again
            suggestion(document, "CLAIM", "الوفد وصل لسورية أمس"),
            suggestion(document, "LOCATION", "سورية"),  # the hand-drawn one, found again
        ),
        links=((1, 0),),
    )
    assert write_suggestions(store, document, found, "amal", add_only=False).count == 3
    after = store.spans_for(document, "amal")
    assert len(after) == 6  # one new span beside the five: nothing duplicated
    assert [s for s in after if s.id in {k.id for k in spans}] == spans
    assert len(store.links_for(document, "amal")) == 3
    # In a person's layer a rerun only adds (timestamps cannot tell a correction made in the
    # same second from the assistant's suggestion): the stale one stays...
    write_suggestions(store, document, Suggested(()), "amal")
    assert len(store.spans_for(document, "amal")) == 6
    # ...and goes, alone, only where the caller says the layer is the assistant's own.
    write_suggestions(store, document, Suggested(()), "amal", add_only=False)
    assert store.spans_for(document, "amal") == spans
    assert store.links_for(document, "amal") == drawn


def test_storing_suggestions_reports_the_spans_links_and_places_it_wrote(
    store: SqliteStore,
) -> None:
    (summary,) = store.document_summaries()
    document = summary.id
    layer = store.spans_for(document, ASSISTANT)
    claim = next(s for s in layer if s.label == "CLAIM")
    place = next(s for s in layer if s.label == "LOCATION")
    (link,) = store.links_for(document, ASSISTANT)
    found = Suggested((replace(claim, id=None), replace(place, id=None)), places={1: "سوريا"})
    stored = write_suggestions(store, document, found)
    speaker = next(s for s in layer if s.label == "SPEAKER")
    assert stored.count == 2
    assert speaker.id is not None and link.id is not None
    # The speaker is no longer found: it goes, and its link with it; the place kept its span.
    assert store.links_for(document, ASSISTANT) == []
    assert stored.changes == Changes(
        documents=frozenset({document}),
        spans=frozenset({speaker.id}),
        links=frozenset({link.id}),
    )
    again = write_suggestions(store, document, found)
    assert again.count == 2 and not again.changes  # nothing written: nothing to refresh


def test_a_new_place_is_named_in_what_storing_changed(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "places.sqlite3")
    (document,) = store.add_documents([Document(text=TEXT, text_sha256=text_sha256(TEXT))])
    stored = write_suggestions(
        store,
        document,
        Suggested((suggestion(document, "LOCATION", "سورية"),), places={0: "سوريا"}),
    )
    (place,) = store.spans_for(document, ASSISTANT)
    (entity,) = store.entities()
    assert (entity.name, place.entity_id) == ("سوريا", entity.id)
    assert place.id is not None and entity.id is not None
    assert stored.changes == Changes(
        documents=frozenset({document}),
        spans=frozenset({place.id}),
        entities=frozenset({entity.id}),
    )
