"""Classifying where two layers agree and how they differ."""

from __future__ import annotations

from annotation.comparison import Kind, compare_layers
from annotation.model import DocumentId, Link, Span, SpanId

TEXT = "قال وزير الخارجية إن الوفد وصل إلى دمشق وبيروت أمس، وأضاف المتحدث أن الحوار مستمر."
DOC = DocumentId(1)


def span(annotator: str, label: str, covered: str, number: int, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(covered, start + 1)
    return Span(DOC, annotator, label, start, start + len(covered), covered, id=SpanId(number))


def test_each_span_lands_in_exactly_one_kind_in_reading_order() -> None:
    a = [
        span("a", "SPEAKER", "وزير الخارجية", 1),  # agree
        span("a", "LOCATION", "دمشق", 2),  # B calls it SPEAKER: LABEL
        span("a", "CLAIM", "الوفد وصل إلى دمشق", 3),  # B's claim is longer: EXTENT
        span("a", "LOCATION", "بيروت", 4),  # only A
    ]
    b = [
        span("b", "SPEAKER", "وزير الخارجية", 11),
        span("b", "SPEAKER", "دمشق", 12),
        span("b", "CLAIM", "الوفد وصل إلى دمشق وبيروت أمس", 13),
        span("b", "SPEAKER", "المتحدث", 14),  # only B
    ]
    comparison = compare_layers(a, b)
    found = [
        (d.kind, d.a.id if d.a else None, d.b.id if d.b else None) for d in comparison.differences
    ]
    assert found == [
        (Kind.AGREE, 1, 11),
        (Kind.EXTENT, 3, 13),
        (Kind.LABEL, 2, 12),
        (Kind.ONLY_A, 4, None),
        (Kind.ONLY_B, None, 14),
    ]
    assert comparison.summary()[Kind.AGREE] == 1
    assert [d.kind for d in comparison.disagreements()] == [
        Kind.EXTENT,
        Kind.LABEL,
        Kind.ONLY_A,
        Kind.ONLY_B,
    ]
    damascus = TEXT.index("دمشق")
    assert [d.kind for d in comparison.at(damascus)] == [Kind.LABEL, Kind.EXTENT]


def test_matched_claims_with_other_speakers_differ_in_links() -> None:
    minister, spokesman = (
        span("a", "SPEAKER", "وزير الخارجية", 1),
        span("a", "SPEAKER", "المتحدث", 2),
    )
    claim_a = span("a", "CLAIM", "الحوار مستمر", 3)
    b_minister, b_spokesman = (
        span("b", "SPEAKER", "وزير الخارجية", 11),
        span("b", "SPEAKER", "المتحدث", 12),
    )
    claim_b = span("b", "CLAIM", "الحوار مستمر", 13)
    a_links = [Link("ATTRIBUTED_TO", SpanId(3), SpanId(2))]
    same = compare_layers(
        [minister, spokesman, claim_a],
        [b_minister, b_spokesman, claim_b],
        a_links,
        [Link("ATTRIBUTED_TO", SpanId(13), SpanId(12))],
    )
    assert same.count(Kind.LINKS) == 0 and same.count(Kind.AGREE) == 3
    other = compare_layers(
        [minister, spokesman, claim_a],
        [b_minister, b_spokesman, claim_b],
        a_links,
        [Link("ATTRIBUTED_TO", SpanId(13), SpanId(11))],
    )
    (links,) = [d for d in other.differences if d.kind is Kind.LINKS]
    assert (links.a, links.b) == (claim_a, claim_b)
    assert [s.text for s in links.a_speakers] == ["المتحدث"]
    assert [s.text for s in links.b_speakers] == ["وزير الخارجية"]
    assert links.key() != other.differences[0].key()


def test_keys_name_a_place_and_stay_stable() -> None:
    a = [span("a", "LOCATION", "دمشق", 1)]
    b = [span("b", "SPEAKER", "دمشق", 2)]
    first = compare_layers(a, b).differences[0]
    again = compare_layers(list(a), [span("b", "SPEAKER", "دمشق", 99)]).differences[0]
    start = TEXT.index("دمشق")
    assert (
        first.key()
        == again.key()
        == f"label LOCATION:{start}-{start + 4} SPEAKER:{start}-{start + 4}"
    )


def test_empty_layers_compare_to_nothing() -> None:
    assert compare_layers([], []).differences == ()
    only = compare_layers([], [span("b", "LOCATION", "بيروت", 1)])
    assert [d.kind for d in only.differences] == [Kind.ONLY_B]
