"""Links and entities on a real store: created, undone, merged and split exactly."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotation.attribution import AttributionError, attribute, speaker_candidates
from annotation.edits import RemoveSpan, perform
from annotation.entities import (
    CreateEntityFor,
    MergeEntities,
    SplitEntity,
    match_score,
    rename,
    suggest_entity,
)
from annotation.model import (
    ATTRIBUTED_TO,
    Document,
    DocumentId,
    Entity,
    EntityId,
    EntityKind,
    Link,
    Span,
    text_sha256,
)
from annotation.tagset import load_tagset
from db.store import SqliteStore

TEXT = (
    "قال وزير الخارجية الروسي سيرغي لافروف إن موسكو مستعدة للتعاون، "
    "وأضاف نائبه بوغدانوف أن سوريا شريك أساسي. وأكد لافروف أن سورية تحتاج الدعم."
)
TAGSET = load_tagset()


@pytest.fixture
def doc(store: SqliteStore) -> DocumentId:
    return store.add_documents([Document(text=TEXT, text_sha256=text_sha256(TEXT))])[0]


def add(store: SqliteStore, doc: DocumentId, label: str, words: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(words, start + 1)
    return store.add_span(Span(doc, "amal", label, start, start + len(words), words))


def test_speakers_are_offered_nearest_first(store: SqliteStore, doc: DocumentId) -> None:
    lavrov = add(store, doc, "SPEAKER", "وزير الخارجية الروسي سيرغي لافروف")
    bogdanov = add(store, doc, "SPEAKER", "نائبه بوغدانوف")
    lavrov_again = add(store, doc, "SPEAKER", "لافروف", 1)
    claim = add(store, doc, "CLAIM", "سوريا شريك أساسي")
    place = add(store, doc, "LOCATION", "موسكو")
    spans = store.spans_for(doc, "amal")
    assert [s.id for s in speaker_candidates(TAGSET, claim, spans)] == [
        bogdanov.id,
        lavrov_again.id,
        lavrov.id,
    ]
    assert place.id not in [s.id for s in speaker_candidates(TAGSET, claim, spans)]


def test_a_claim_with_two_speakers_and_the_cascade_on_delete(
    store: SqliteStore, doc: DocumentId
) -> None:
    lavrov = add(store, doc, "SPEAKER", "وزير الخارجية الروسي سيرغي لافروف")
    bogdanov = add(store, doc, "SPEAKER", "نائبه بوغدانوف")
    claim = add(store, doc, "CLAIM", "سوريا شريك أساسي")
    perform(store, attribute(TAGSET, claim, lavrov, [], "Attribute"))
    perform(store, attribute(TAGSET, claim, bogdanov, store.links_for(doc, "amal"), "Attribute"))
    assert {(link.source_id, link.target_id) for link in store.links_for(doc, "amal")} == {
        (claim.id, lavrov.id),
        (claim.id, bogdanov.id),
    }
    with pytest.raises(AttributionError, match="already attributed"):
        attribute(TAGSET, claim, lavrov, store.links_for(doc, "amal"), "Attribute")
    with pytest.raises(AttributionError, match="cannot be linked"):
        attribute(TAGSET, lavrov, claim, [], "Attribute")
    assert claim.id is not None and lavrov.id is not None
    undo = perform(store, RemoveSpan(lavrov.id, doc))
    assert [(link.target_id) for link in store.links_for(doc, "amal")] == [bogdanov.id]
    perform(store, undo)
    assert len(store.links_for(doc, "amal")) == 2
    (attribution,) = store.claims("amal")
    assert {s.text for s in attribution.speakers} == {
        "وزير الخارجية الروسي سيرغي لافروف",
        "نائبه بوغدانوف",
    }


PERSON, PLACE = EntityKind.PERSON, EntityKind.PLACE


@pytest.mark.parametrize(
    ("text", "kind", "name", "aliases", "score"),
    [
        ("سوريا", PLACE, "سورية", (), 3),
        ("لسورية", PLACE, "سوريا", (), 3),
        ("للعراق", PLACE, "العراق", (), 3),
        ("وللعراق", PLACE, "العراق", (), 3),
        ("سيرومولوتوف", PERSON, "أوليغ سيرومولوتوف", (), 2),
        ("نائب وزير الخارجية الروسي أوليغ سيرومولوتوف", PERSON, "أوليغ سيرومولوتوف", (), 2),
        ("لافروف", PERSON, "سيرغي لافروف", (), 2),
        ("عبدالله الثاني", PERSON, "عبد الله الثاني", (), 3),
        ("الإرهاب", PERSON, "سيرغي لافروف", (), 0),
        ("موسكو", PLACE, "روسيا", ("موسكو",), 3),
        # Different people and places that a careless rule would match.
        ("كامل", PERSON, "أمل", (), 0),
        ("كريم علي", PERSON, "ريم علي", (), 0),
        ("بسام الحسن", PERSON, "سام الحسن", (), 0),
        ("دمشق", PLACE, "ريف دمشق", (), 0),
        ("السودان", PLACE, "جنوب السودان", (), 0),
    ],
)
def test_names_match_across_spelling_variants(
    text: str, kind: EntityKind, name: str, aliases: tuple[str, ...], score: int
) -> None:
    assert match_score(text, Entity(kind, name, aliases)) == score


def test_suggestion_is_given_only_when_one_entity_fits_best() -> None:
    syria = Entity(EntityKind.PLACE, "سورية", ("سوريا",), id=EntityId(1))
    russia = Entity(EntityKind.PLACE, "روسيا", id=EntityId(2))
    lavrov = Entity(EntityKind.PERSON, "سيرغي لافروف", id=EntityId(3))
    entities = [syria, russia, lavrov]
    assert suggest_entity("سوريا", EntityKind.PLACE, entities) == syria
    assert suggest_entity("لافروف", EntityKind.PERSON, entities) == lavrov
    assert suggest_entity("لافروف", EntityKind.PLACE, entities) is None  # wrong kind
    twins = [lavrov, Entity(EntityKind.PERSON, "لافروف الابن", id=EntityId(4))]
    assert suggest_entity("لافروف", EntityKind.PERSON, twins) is None  # ambiguous: ask a person


def test_create_merge_split_and_undo(store: SqliteStore, doc: DocumentId) -> None:
    first = add(store, doc, "LOCATION", "سوريا")
    second = add(store, doc, "LOCATION", "سورية")
    perform(store, CreateEntityFor(first, EntityKind.PLACE, "سوريا"))
    perform(store, CreateEntityFor(second, EntityKind.PLACE, "سورية"))
    a, b = sorted(store.entities(), key=lambda e: e.id or 0)
    assert first.id is not None and b.id is not None
    assert store.span(first.id).entity_id == a.id
    undo_merge = perform(store, MergeEntities(b, a))
    (merged,) = store.entities()
    assert (merged.id, merged.name, merged.aliases) == (b.id, "سورية", ("سوريا",))
    assert {s.id for s in store.mentions(b.id)} == {first.id, second.id}
    perform(store, undo_merge)
    assert sorted((e.id, e.name) for e in store.entities()) == [(a.id, "سوريا"), (b.id, "سورية")]
    assert store.span(first.id).entity_id == a.id
    # Split one mention off into a new entity, then undo.
    merged_again = perform(store, MergeEntities(b, a))
    assert merged_again is not None
    undo_split = perform(
        store, SplitEntity(store.entity(b.id), (store.span(first.id),), "سوريا الكبرى")
    )
    new = next(e for e in store.entities() if e.name == "سوريا الكبرى")
    assert new.id is not None
    assert [s.id for s in store.mentions(new.id)] == [first.id]
    perform(store, undo_split)
    assert [e.name for e in store.entities()] == ["سورية"]


def test_rename_keeps_the_old_name_as_an_alias() -> None:
    entity = Entity(EntityKind.PERSON, "لافروف", id=EntityId(5))
    renamed = rename(entity, "سيرغي لافروف").entity
    assert (renamed.name, renamed.aliases) == ("سيرغي لافروف", ("لافروف",))


def test_claims_by_an_entity_are_its_speakers_claims_once_each(
    store: SqliteStore, doc: DocumentId
) -> None:
    lavrov = store.add_entity(Entity(EntityKind.PERSON, "سيرغي لافروف"))
    other = store.add_entity(Entity(EntityKind.PERSON, "بوغدانوف"))
    assert lavrov.id is not None and other.id is not None
    named = store.update_span(replace(add(store, doc, "SPEAKER", "لافروف", 1), entity_id=lavrov.id))
    again = store.update_span(
        replace(add(store, doc, "SPEAKER", "وزير الخارجية"), entity_id=lavrov.id)
    )
    deputy = store.update_span(replace(add(store, doc, "SPEAKER", "بوغدانوف"), entity_id=other.id))
    ready = add(store, doc, "CLAIM", "موسكو مستعدة للتعاون")
    partner = add(store, doc, "CLAIM", "سوريا شريك أساسي")
    needs = add(store, doc, "CLAIM", "سورية تحتاج الدعم")
    for claim, speaker in ((ready, again), (needs, named), (needs, again), (partner, deputy)):
        assert claim.id is not None and speaker.id is not None
        store.add_link(Link(ATTRIBUTED_TO, claim.id, speaker.id))

    assert [span.text for span in store.claims_by(lavrov.id)] == [
        "موسكو مستعدة للتعاون",
        "سورية تحتاج الدعم",  # attributed to two of his mentions, listed once
    ]
    assert [span.text for span in store.claims_by(other.id)] == ["سوريا شريك أساسي"]
    # The same as reading every claim of the corpus and keeping his.
    assert store.claims_by(lavrov.id) == [
        a.claim for a in store.claims() if any(s.entity_id == lavrov.id for s in a.speakers)
    ]


def test_one_documents_mentions_claims_and_counts_are_read_alone(
    store: SqliteStore, doc: DocumentId
) -> None:
    """What the Entities tab re-reads after an edit in the open document: that document's part
    of an entity's mentions and claims, and the counts of the entities the edit touched."""
    lavrov = store.add_entity(Entity(EntityKind.PERSON, "سيرغي لافروف"))
    other = store.add_entity(Entity(EntityKind.PERSON, "بوغدانوف"))
    assert lavrov.id is not None and other.id is not None
    again = TEXT + " "  # the same offsets, another document
    second = store.add_documents([Document(text=again, text_sha256=text_sha256(again))])[0]
    for document in (doc, second):
        speaker = store.add_span(
            Span(document, "amal", "SPEAKER", 0, 6, TEXT[:6], entity_id=lavrov.id)
        )
        claim = add(store, document, "CLAIM", "موسكو مستعدة للتعاون")
        assert claim.id is not None and speaker.id is not None
        store.add_link(Link(ATTRIBUTED_TO, claim.id, speaker.id))
    store.update_span(replace(add(store, doc, "SPEAKER", "بوغدانوف"), entity_id=other.id))

    assert [s.document_id for s in store.mentions(lavrov.id)] == [doc, second]
    assert [(s.document_id, s.text) for s in store.mentions(lavrov.id, second)] == [
        (second, TEXT[:6])
    ]
    assert [(s.document_id, s.text) for s in store.claims_by(lavrov.id, second)] == [
        (second, "موسكو مستعدة للتعاون")
    ]
    assert store.claims_by(other.id, second) == []
    assert store.mention_counts([lavrov.id]) == {lavrov.id: 2}
    assert store.mention_counts([other.id, EntityId(999)]) == {other.id: 1}  # none: left out
    assert store.mention_counts() == {lavrov.id: 2, other.id: 1}
