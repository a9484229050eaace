"""Adjudication into a gold layer: each choice, links that follow, reasons, undo and redo."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotation.adjudication import (
    GOLD,
    Adjudicate,
    Choice,
    Layers,
    accept_agreements,
    choices_for,
    decision_for,
    progress,
)
from annotation.comparison import Comparison, Difference, Kind, compare_layers
from annotation.edits import perform
from annotation.exchange.formats import hamish_json
from annotation.exchange.selection import gather
from annotation.model import Document, DocumentId, Link, Span, text_sha256
from db.store import SqliteStore

TEXT = "قال وزير الخارجية إن الوفد وصل إلى دمشق أمس، وأضاف المتحدث أن الحوار مستمر في بيروت."


def add(store: SqliteStore, document: DocumentId, who: str, label: str, covered: str) -> Span:
    start = TEXT.index(covered)
    return store.add_span(Span(document, who, label, start, start + len(covered), covered))


@pytest.fixture
def store(tmp_path: Path) -> SqliteStore:
    store = SqliteStore(tmp_path / "review.sqlite3")
    (document,) = store.add_documents([Document(text=TEXT, text_sha256=text_sha256(TEXT))])
    a_minister = add(store, document, "amal", "SPEAKER", "وزير الخارجية")
    add(store, document, "amal", "LOCATION", "دمشق")
    a_claim = add(store, document, "amal", "CLAIM", "الحوار مستمر")
    add(store, document, "amal", "LOCATION", "بيروت")
    add(store, document, "omar", "SPEAKER", "وزير الخارجية")
    add(store, document, "omar", "SPEAKER", "دمشق")
    o_spokesman = add(store, document, "omar", "SPEAKER", "المتحدث")
    o_claim = add(store, document, "omar", "CLAIM", "الحوار مستمر")
    assert a_claim.id and a_minister.id and o_claim.id and o_spokesman.id
    store.add_link(Link("ATTRIBUTED_TO", a_claim.id, a_minister.id))
    store.add_link(Link("ATTRIBUTED_TO", o_claim.id, o_spokesman.id))
    return store


def setting(store: SqliteStore) -> tuple[Layers, Comparison]:
    document = store.document_summaries()[0].id
    layers = Layers(
        document,
        "amal",
        "omar",
        tuple(store.links_for(document, "amal")),
        tuple(store.links_for(document, "omar")),
    )
    comparison = compare_layers(
        store.spans_for(document, "amal"),
        store.spans_for(document, "omar"),
        layers.a_links,
        layers.b_links,
    )
    return layers, comparison


def gold(store: SqliteStore) -> list[tuple[str, str]]:
    document = store.document_summaries()[0].id
    return [(s.label, s.text) for s in store.spans_for(document, GOLD)]


def gold_links(store: SqliteStore) -> list[tuple[str, str]]:
    document = store.document_summaries()[0].id
    spans = {s.id: s.text for s in store.spans_for(document, GOLD)}
    return sorted((spans[k.source_id], spans[k.target_id]) for k in store.links_for(document, GOLD))


def difference(comparison: Comparison, kind: Kind) -> Difference:
    return next(d for d in comparison.differences if d.kind is kind)


def test_choices_fit_each_kind(store: SqliteStore) -> None:
    _, comparison = setting(store)
    assert choices_for(difference(comparison, Kind.ONLY_A)) == [Choice.ACCEPT_A, Choice.NEITHER]
    assert choices_for(difference(comparison, Kind.ONLY_B)) == [Choice.ACCEPT_B, Choice.NEITHER]
    assert Choice.BOTH in choices_for(difference(comparison, Kind.LABEL))


def test_accepting_b_puts_b_there_and_undo_redo_replay_exactly(store: SqliteStore) -> None:
    layers, comparison = setting(store)
    label = difference(comparison, Kind.LABEL)
    undo = perform(
        store, Adjudicate(layers, label, Choice.ACCEPT_B, "a city, not a person", "lina")
    )
    assert gold(store) == [("SPEAKER", "دمشق")]
    decisions = store.decisions(layers.document_id, GOLD)
    recorded = decision_for(label, decisions)
    assert recorded is not None
    assert (recorded.choice, recorded.reason, recorded.decided_by) == (
        "accept_b",
        "a city, not a person",
        "lina",
    )
    first_id = store.spans_for(layers.document_id, GOLD)[0].id
    redo = perform(store, undo)
    assert gold(store) == [] and store.decisions(layers.document_id, GOLD) == []
    perform(store, redo)
    assert gold(store) == [("SPEAKER", "دمشق")]
    assert store.spans_for(layers.document_id, GOLD)[0].id == first_id
    assert len(store.decisions(layers.document_id, GOLD)) == 1


def test_changing_a_decision_replaces_what_the_first_put_there(store: SqliteStore) -> None:
    layers, comparison = setting(store)
    label = difference(comparison, Kind.LABEL)
    perform(store, Adjudicate(layers, label, Choice.ACCEPT_A))
    assert gold(store) == [("LOCATION", "دمشق")]
    perform(store, Adjudicate(layers, label, Choice.BOTH))
    assert sorted(gold(store)) == [("LOCATION", "دمشق"), ("SPEAKER", "دمشق")]
    perform(store, Adjudicate(layers, label, Choice.NEITHER, "unclear"))
    assert gold(store) == []
    (decision,) = store.decisions(layers.document_id, GOLD)
    assert (decision.choice, decision.reason) == ("neither", "unclear")


def test_links_follow_accepted_spans_and_link_choices(store: SqliteStore) -> None:
    layers, comparison = setting(store)
    perform(store, accept_agreements(comparison, layers, "lina"))
    assert sorted(gold(store)) == [("CLAIM", "الحوار مستمر"), ("SPEAKER", "وزير الخارجية")]
    # The agreed claim came with A's link, since its speaker was accepted in the same step.
    assert gold_links(store) == [("الحوار مستمر", "وزير الخارجية")]
    links = difference(comparison, Kind.LINKS)
    perform(store, Adjudicate(layers, links, Choice.ACCEPT_B))
    assert gold_links(store) == [("الحوار مستمر", "المتحدث")]
    assert ("SPEAKER", "المتحدث") in gold(store)
    perform(store, Adjudicate(layers, links, Choice.BOTH))
    assert gold_links(store) == [("الحوار مستمر", "المتحدث"), ("الحوار مستمر", "وزير الخارجية")]
    assert progress(comparison, store.decisions(layers.document_id, GOLD)).decided == 3


def test_progress_counts_decided_differences(store: SqliteStore) -> None:
    layers, comparison = setting(store)
    assert progress(comparison, []) == type(progress(comparison, []))(0, 6)
    perform(store, Adjudicate(layers, difference(comparison, Kind.ONLY_A), Choice.NEITHER))
    perform(store, Adjudicate(layers, difference(comparison, Kind.ONLY_B), Choice.ACCEPT_B))
    now = progress(comparison, store.decisions(layers.document_id, GOLD))
    assert (now.decided, now.total, now.done) == (2, 6, False)
    assert gold(store) == [("SPEAKER", "المتحدث")]


def test_gold_exports_like_any_layer(store: SqliteStore, tmp_path: Path) -> None:
    layers, comparison = setting(store)
    perform(store, accept_agreements(comparison, layers, "lina"))
    out = tmp_path / "gold.json"
    hamish_json.write(gather(store, [GOLD]), out)
    data = hamish_json.to_data(gather(store, [GOLD]))
    assert out.read_text(encoding="utf-8").startswith('{\n "format": "hamish"')
    assert sorted(s["text"] for s in data["spans"]) == ["الحوار مستمر", "وزير الخارجية"]
    assert {s["annotator"] for s in data["spans"]} == {GOLD}
    assert len(data["links"]) == 1


QUOTE = "قال الوزير إن الاتفاق سيصمد، وأكد المتحدث ذلك."


def attribution_store(tmp_path: Path, a_claim: str = "الاتفاق سيصمد") -> SqliteStore:
    """A attributes the claim to الوزير, B to المتحدث; each speaker is in one layer only."""
    store = SqliteStore(tmp_path / "links.sqlite3")
    (document,) = store.add_documents([Document(text=QUOTE, text_sha256=text_sha256(QUOTE))])

    def put(who: str, label: str, covered: str) -> Span:
        start = QUOTE.index(covered)
        return store.add_span(Span(document, who, label, start, start + len(covered), covered))

    for who, claim_text, speaker_text in (
        ("amal", a_claim, "الوزير"),
        ("omar", "الاتفاق سيصمد", "المتحدث"),
    ):
        claim, speaker = put(who, "CLAIM", claim_text), put(who, "SPEAKER", speaker_text)
        assert claim.id and speaker.id
        store.add_link(Link("ATTRIBUTED_TO", claim.id, speaker.id))
    return store


def gold_of(store: SqliteStore) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    document = store.document_summaries()[0].id
    spans = {s.id: s.text for s in store.spans_for(document, GOLD)}
    links = sorted(
        (spans[k.source_id], spans[k.target_id]) for k in store.links_for(document, GOLD)
    )
    return sorted((s.label, s.text) for s in store.spans_for(document, GOLD)), links


def decide(store: SqliteStore, kind: Kind, choice: Choice) -> None:
    layers, comparison = setting(store)
    target = next(d for d in comparison.differences if d.kind is kind)
    perform(store, Adjudicate(layers, target, choice, comparison=comparison))


def test_neither_on_the_links_adds_no_claim(tmp_path: Path) -> None:
    store = attribution_store(tmp_path)
    decide(store, Kind.AGREE, Choice.NEITHER)
    decide(store, Kind.LINKS, Choice.NEITHER)
    assert gold_of(store) == ([], [])


def test_a_links_decision_uses_the_claim_gold_already_has(tmp_path: Path) -> None:
    store = attribution_store(tmp_path, a_claim="إن الاتفاق سيصمد")
    decide(store, Kind.EXTENT, Choice.ACCEPT_B)
    decide(store, Kind.LINKS, Choice.ACCEPT_A)
    assert gold_of(store) == (
        [("CLAIM", "الاتفاق سيصمد"), ("SPEAKER", "الوزير")],
        [("الاتفاق سيصمد", "الوزير")],
    )


def test_links_do_not_depend_on_the_order_of_decisions(tmp_path: Path) -> None:
    store = attribution_store(tmp_path)
    decide(store, Kind.AGREE, Choice.ACCEPT_A)
    decide(store, Kind.LINKS, Choice.ACCEPT_B)
    decide(store, Kind.ONLY_A, Choice.ACCEPT_A)  # الوزير, A's speaker, accepted afterwards
    spans, links = gold_of(store)
    assert ("SPEAKER", "الوزير") in spans
    assert links == [("الاتفاق سيصمد", "المتحدث")]
    other = attribution_store(tmp_path / "other")
    decide(other, Kind.ONLY_A, Choice.ACCEPT_A)
    decide(other, Kind.LINKS, Choice.ACCEPT_B)
    decide(other, Kind.AGREE, Choice.ACCEPT_A)
    assert gold_of(other) == gold_of(store)


def test_deciding_keeps_what_gold_already_holds_and_its_hand_made_links(tmp_path: Path) -> None:
    store = attribution_store(tmp_path)
    decide(store, Kind.AGREE, Choice.ACCEPT_A)  # the claim
    decide(store, Kind.ONLY_B, Choice.ACCEPT_B)  # المتحدث, linked: B's claim names it
    document = store.document_summaries()[0].id
    spans = {s.text: s for s in store.spans_for(document, GOLD)}
    claim, speaker = spans["الاتفاق سيصمد"], spans["المتحدث"]
    assert gold_of(store)[1] == [("الاتفاق سيصمد", "المتحدث")]
    decide(store, Kind.AGREE, Choice.ACCEPT_A)  # the same decision again
    assert {s.id for s in store.spans_for(document, GOLD)} == {claim.id, speaker.id}
    assert gold_of(store)[1] == [("الاتفاق سيصمد", "المتحدث")]


def test_a_links_decision_does_not_bring_back_a_speaker_decided_out(tmp_path: Path) -> None:
    store = attribution_store(tmp_path)
    decide(store, Kind.ONLY_B, Choice.NEITHER)  # المتحدث kept out of gold
    decide(store, Kind.LINKS, Choice.ACCEPT_B)
    spans, links = gold_of(store)
    assert ("SPEAKER", "المتحدث") not in spans and links == []
