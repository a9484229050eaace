"""The session without Qt: entities and the assistant's suggestions, and the Changes each
reports."""

from __future__ import annotations

import pytest

from annotation.assistant.pending import ASSISTANT
from annotation.changes import Changes
from annotation.model import Entity, EntityKind, Origin, Span
from tests.annotation.session.conftest import FIRST, SECOND, Desk


def test_a_new_entity_for_a_span_names_the_entity_the_span_and_its_document(desk: Desk) -> None:
    session = desk.session
    speaker = desk.tag("SPEAKER", "الوزير")

    session.new_entity_for(speaker)

    entity_id = session.store.span(speaker).entity_id
    assert entity_id is not None
    assert session.store.entity(entity_id).name == "الوزير"
    shown = session.span(speaker)
    assert shown is not None and shown.entity_id == entity_id  # the open layer is re-read
    assert desk.heard.changes[-1] == Changes(
        documents=frozenset({desk.first}),
        spans=frozenset({speaker}),
        entities=frozenset({entity_id}),
        mentions=frozenset({entity_id}),
    )


def test_a_merge_moves_the_mentions_of_both_documents_and_undoes_with_the_same_ids(
    desk: Desk,
) -> None:
    session = desk.session
    here = desk.tag("SPEAKER", "الوزير")
    session.new_entity_for(here, "الوزير")
    session.open_document(desk.second)
    there = desk.tag("SPEAKER", "الوزير", SECOND)
    session.new_entity_for(there, "وزير الخارجية")
    keep = session.store.span(here).entity_id
    other = session.store.span(there).entity_id
    assert keep is not None and other is not None and keep != other

    session.merge_entities(keep, other)

    assert session.store.span(there).entity_id == keep
    assert session.store.entity(keep).aliases == ("وزير الخارجية",)
    assert [e.id for e in session.store.entities()] == [keep]
    assert desk.heard.changes[-1] == Changes(
        documents=frozenset({desk.second}),
        spans=frozenset({there}),
        entities=frozenset({keep, other}),
        mentions=frozenset({keep, other}),
    )
    assert desk.history.undo_text() == "Merge وزير الخارجية into الوزير"

    assert desk.history.undo()
    assert session.store.span(there).entity_id == other
    assert session.store.entity(other).kind is EntityKind.PERSON


def _suggest(desk: Desk, label: str, words: str) -> Span:
    start = FIRST.index(words)
    span = desk.session.store.add_span(
        Span(desk.first, ASSISTANT, label, start, start + len(words), words)
    )
    desk.session.open_document(desk.first)  # the session reads what is pending
    return span


def test_accepting_a_suggestion_copies_it_into_the_layer_as_suggested(desk: Desk) -> None:
    session = desk.session
    suggested = _suggest(desk, "LOCATION", "دمشق")
    assert [s.id for s in session.suggestions] == [suggested.id]
    session.choose_suggestion(suggested.id)

    assert session.accept_current_suggestion()

    (accepted,) = session.spans
    assert (accepted.label, accepted.text, accepted.origin) == (
        "LOCATION",
        "دمشق",
        Origin.SUGGESTED,
    )
    assert session.suggestions == [] and session.current_suggestion is None
    assert desk.heard.changes[-1] == Changes(
        documents=frozenset({desk.first}),
        spans=frozenset({accepted.id}) if accepted.id else frozenset(),
        statuses=frozenset({desk.first}),
    )
    assert desk.history.undo()
    assert session.spans == [] and [s.id for s in session.suggestions] == [suggested.id]


def test_rejecting_a_suggestion_removes_it_and_records_the_decision(desk: Desk) -> None:
    session = desk.session
    suggested = _suggest(desk, "LOCATION", "دمشق")
    session.choose_suggestion(suggested.id)

    assert session.reject_current_suggestion()

    assert session.suggestions == [] and session.spans == []
    assert [d.key for d in session.store.decisions(desk.first, ASSISTANT)] == [
        "reject LOCATION:14-18"
    ]
    assert suggested.id is not None
    assert desk.heard.changes[-1] == Changes(
        documents=frozenset({desk.first}),
        spans=frozenset({suggested.id}),
        decisions=frozenset({desk.first}),
        statuses=frozenset({desk.first}),
    )
    assert desk.history.undo()
    assert [s.id for s in session.suggestions] == [suggested.id]  # back, with its id
    assert session.store.decisions(desk.first, ASSISTANT) == []


def test_the_registry_is_read_again_only_after_a_write_that_may_change_it(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each new span's suggestion and editor read the registry: tagging reads it no more, and a
    new entity, an undo of it, or another window's commit make the next read see the change."""
    session = desk.session
    reads: list[int] = []
    read = session.store.entities

    def counted() -> list[Entity]:
        reads.append(1)
        return read()

    monkeypatch.setattr(session.store, "entities", counted)
    minister = desk.tag("SPEAKER", "الوزير")
    session.new_entity_for(minister)
    assert [e.name for e in session.entities()] == ["الوزير"]
    before = len(reads)
    for words in ("دمشق", "اليوم"):
        place = desk.tag("LOCATION", words)
        session.suggested_entity(place)
        assert session.entities()[0].name == "الوزير"
    assert len(reads) == before  # two tags and their suggestions: no read

    assert desk.history.undo() and desk.history.undo() and desk.history.undo()
    assert session.entities() == []  # the new entity's undo is seen
    session.store.add_entity(Entity(EntityKind.PLACE, "حلب"))  # another window's commit
    assert session.entities() == []  # (not told yet)
    session.publish(Changes.unknown())  # the watch tells
    assert [e.name for e in session.entities()] == ["حلب"]

    # The suggestion for a span's text is kept with the registry, and forgotten with it.
    damascus = desk.tag("LOCATION", "دمشق")
    assert session.suggested_entity(damascus) is None
    session.store.add_entity(Entity(EntityKind.PLACE, "دمشق"))
    session.publish(Changes.unknown())
    suggested = session.suggested_entity(damascus)
    assert suggested is not None and suggested.name == "دمشق"
