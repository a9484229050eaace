"""Agreement: span F1, kappa, alpha, Fleiss, links and attributes, checked by hand and by others.

Kappa is checked against scikit-learn and alpha against the `krippendorff` package on
per-character decisions built here the slow, obvious way; F1, links, attributes and Fleiss'
kappa against counts worked out by hand in the comments.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import krippendorff
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from annotation.agreement import (
    CorpusAgreement,
    DocumentLayers,
    Layer,
    State,
    compare_corpus,
    compare_document,
    compare_pair,
    covered,
    fleiss_counts,
    match_exact,
    match_overlap,
)
from annotation.model import DocumentId, Link, Span, SpanId

TEXT = "قال وزير الخارجية الروسي سيرغي لافروف إن الحل في سورية سياسي. وأضاف أن دمشق آمنة."
LABELS = ("SPEAKER", "CLAIM", "LOCATION")
_ids = itertools.count(1)


def span(label: str, start: int, end: int, text: str = TEXT, **attributes: str) -> Span:
    return Span(
        DocumentId(1),
        "x",
        label,
        start,
        end,
        text[start:end],
        dict(attributes),
        id=SpanId(next(_ids)),
    )


def part(label: str, words: str, **attributes: str) -> Span:
    """A span covering the first `words` in TEXT."""
    start = TEXT.index(words)
    return span(label, start, start + len(words), **attributes)


def link(claim: Span, speaker: Span) -> Link:
    assert claim.id is not None and speaker.id is not None
    return Link("ATTRIBUTED_TO", claim.id, speaker.id)


def decisions(text: str, spans: Sequence[Span], label: str) -> list[int]:
    """1 or 0 for each non-whitespace character: is it inside a span of `label`?"""
    return [
        int(any(s.label == label and s.start <= i < s.end for s in spans))
        for i, character in enumerate(text)
        if not character.isspace()
    ]


def pooled(text: str, spans: Sequence[Span]) -> list[int]:
    """Each (character, label) pair as one decision, labels one after the other."""
    return [d for label in LABELS for d in decisions(text, spans, label)]


# Spans from the sentence above.
MINISTER = "وزير الخارجية الروسي سيرغي لافروف"
CLAIM_WORDS = "الحل في سورية سياسي"


@pytest.fixture
def two_layers() -> tuple[list[Span], list[Span]]:
    """A and B agree on the claim, B tags only the name of the speaker, and B tags Damascus
    where A tags Syria."""
    a = [part("SPEAKER", MINISTER), part("CLAIM", CLAIM_WORDS), part("LOCATION", "سورية")]
    b = [part("SPEAKER", "سيرغي لافروف"), part("CLAIM", CLAIM_WORDS), part("LOCATION", "دمشق")]
    return a, b


def test_exact_and_overlap_f1_differ(two_layers: tuple[list[Span], list[Span]]) -> None:
    a, b = two_layers
    result = compare_pair(TEXT, a, b)
    # Exact: only the claim matches: 1 of 3 and 3, F1 = 2·1/6. Overlap adds the speaker: 2·2/6.
    assert result.overall.exact.matched == 1
    assert result.overall.exact.f1 == pytest.approx(1 / 3)
    assert result.overall.overlap.f1 == pytest.approx(2 / 3)
    speaker = result.label("SPEAKER")
    assert speaker is not None
    assert (speaker.exact.f1, speaker.overlap.f1) == (0.0, 1.0)
    location = result.label("LOCATION")
    assert location is not None
    assert (location.exact.f1, location.overlap.f1) == (0.0, 0.0)
    figures = result.as_dict()
    assert figures["labels"]["CLAIM"]["exact_f1"] == 1.0
    assert figures["overall"]["overlap_f1"] == pytest.approx(2 / 3)


def test_nested_spans_match_only_their_own_label() -> None:
    # A: CLAIM > SPEAKER > LOCATION nested; B tags A's speaker stretch as a LOCATION.
    a = [span("CLAIM", 0, 30), span("SPEAKER", 0, 15), span("LOCATION", 10, 15)]
    b = [span("CLAIM", 0, 30), span("LOCATION", 0, 15)]
    result = compare_pair(TEXT, a, b)
    # Exact: CLAIM 1 (1, 1), SPEAKER 0 (1, 0), LOCATION 0 (1, 1): overall 2·1/(3+2) = 0.4.
    assert result.overall.exact.f1 == pytest.approx(0.4)
    # Overlap: B's LOCATION [0, 15) meets A's LOCATION [10, 15), never A's SPEAKER: 2·2/5.
    assert result.overall.overlap.f1 == pytest.approx(0.8)
    assert [(x.label, y.label) for x, y in match_overlap(a, b)] == [
        ("CLAIM", "CLAIM"),
        ("LOCATION", "LOCATION"),
    ]
    speaker = result.label("SPEAKER")
    assert speaker is not None and speaker.overlap.f1 == 0.0 and speaker.overlap.recall == 0.0
    assert speaker.overlap.precision is None  # B has no speaker to be precise about


def test_matching_is_one_to_one() -> None:
    # Two B locations overlap one A location: one match; the other B span is a false positive.
    a = [span("LOCATION", 0, 10)]
    b = [span("LOCATION", 0, 4), span("LOCATION", 5, 10)]
    assert len(match_overlap(a, b)) == 1
    counts = compare_pair(TEXT, a, b).overall.overlap
    assert (counts.matched, counts.a_count, counts.b_count) == (1, 1, 2)
    assert (counts.precision, counts.recall) == (0.5, 1.0)
    assert counts.f1 == pytest.approx(2 / 3)
    swapped = compare_pair(TEXT, b, a).overall.overlap
    assert (swapped.matched, swapped.precision, swapped.recall) == (1, 1.0, 0.5)


def test_matching_prefers_exact_then_the_largest_overlap() -> None:
    wide, narrow = span("CLAIM", 0, 10), span("CLAIM", 2, 10)
    exact, longer = span("CLAIM", 0, 10), span("CLAIM", 0, 20)
    assert match_overlap([wide], [longer, exact]) == [(wide, exact)]
    small = span("CLAIM", 0, 3)
    assert match_overlap([wide], [small, narrow]) == [(wide, narrow)]
    # Exact duplicates in a layer match one partner each.
    twin = span("CLAIM", 0, 10)
    assert match_exact([wide, twin], [exact]) == [(wide, exact)]


def test_nested_spans_of_one_label_count_once() -> None:
    assert covered([span("CLAIM", 0, 20), span("CLAIM", 5, 10), span("CLAIM", 20, 25)]) == [(0, 25)]


LAYER_PAIRS = [
    (  # the fixture's layers
        [part("SPEAKER", MINISTER), part("CLAIM", CLAIM_WORDS), part("LOCATION", "سورية")],
        [part("SPEAKER", "سيرغي لافروف"), part("CLAIM", CLAIM_WORDS), part("LOCATION", "دمشق")],
    ),
    (  # nested, with a claim B makes longer across a space
        [
            span("CLAIM", 0, 30),
            span("CLAIM", 5, 12),
            span("SPEAKER", 0, 15),
            span("LOCATION", 10, 15),
        ],
        [span("CLAIM", 0, 45), span("LOCATION", 0, 15), span("SPEAKER", 40, 60)],
    ),
    (  # no overlap at all
        [span("CLAIM", 0, 8), span("LOCATION", 70, 74)],
        [span("CLAIM", 50, 60), span("SPEAKER", 20, 24)],
    ),
]


@pytest.mark.parametrize(("a", "b"), LAYER_PAIRS)
def test_kappa_and_alpha_agree_with_sklearn_and_krippendorff(a: list[Span], b: list[Span]) -> None:
    result = compare_pair(TEXT, a, b)
    for label in LABELS:
        ours = result.label(label)
        assert ours is not None
        a_decisions, b_decisions = decisions(TEXT, a, label), decisions(TEXT, b, label)
        assert ours.characters.items == len(a_decisions) == len(TEXT) - TEXT.count(" ")
        if len(set(a_decisions + b_decisions)) < 2:
            assert ours.characters.kappa is None and ours.characters.alpha is None
            continue
        assert ours.characters.kappa == pytest.approx(cohen_kappa_score(a_decisions, b_decisions))
        assert ours.characters.alpha == pytest.approx(
            krippendorff.alpha(
                reliability_data=[a_decisions, b_decisions], level_of_measurement="nominal"
            )
        )
    # Overall: every (character, label) pair is one decision.
    a_all, b_all = pooled(TEXT, a), pooled(TEXT, b)
    assert result.overall.characters.kappa == pytest.approx(cohen_kappa_score(a_all, b_all))
    assert result.overall.characters.alpha == pytest.approx(
        krippendorff.alpha(reliability_data=[a_all, b_all], level_of_measurement="nominal")
    )


def test_kappa_by_hand_on_a_short_text() -> None:
    # "ab cd": 4 characters. A: a b c in, B: a b in. both 2, only A 1, neither 1.
    # p_o = 3/4; p_e = (3/4)(2/4) + (1/4)(2/4) = 1/2; kappa = (3/4 - 1/2) / (1/2) = 1/2.
    a = [span("LOCATION", 0, 4, text="ab cd")]
    b = [span("LOCATION", 0, 2, text="ab cd")]
    characters = compare_pair("ab cd", a, b).label("LOCATION")
    assert characters is not None
    assert characters.characters.as_dict() == {"both": 2, "only_a": 1, "only_b": 0, "neither": 1}
    assert characters.characters.kappa == 0.5


def fleiss_by_hand(table: list[list[int]]) -> float:
    """Fleiss (1971), as textbooks write it: table[i][j] raters put item i in category j."""
    raters = sum(table[0])
    items = len(table)
    agreement = [(sum(n * n for n in row) - raters) / (raters * (raters - 1)) for row in table]
    mean = sum(agreement) / items
    shares = [sum(row[j] for row in table) / (items * raters) for j in range(len(table[0]))]
    chance = sum(p * p for p in shares)
    return (mean - chance) / (1 - chance)


def test_fleiss_kappa_by_hand() -> None:
    text = "abcdefghij"
    layers = [
        [span("LOCATION", 0, 5, text)],
        [span("LOCATION", 0, 4, text)],
        [span("LOCATION", 2, 6, text)],
    ]
    coverage = fleiss_counts(text, layers)["LOCATION"]
    # Raters in per character: 2 2 3 3 2 1 0 0 0 0.
    assert coverage.histogram == (4, 1, 3, 2)
    table = [[k, 3 - k] for k in (2, 2, 3, 3, 2, 1, 0, 0, 0, 0)]
    assert coverage.kappa == pytest.approx(fleiss_by_hand(table))
    # P̄ = 22/30, P_e = (13/30)² + (17/30)² = 458/900: kappa = 202/442.
    assert coverage.kappa == pytest.approx(101 / 221)


def test_fleiss_kappa_leaves_whitespace_out() -> None:
    text = "ab cd ef"
    layers = [[span("CLAIM", 0, 5, text)], [span("CLAIM", 0, 2, text)], [span("CLAIM", 3, 8, text)]]
    coverage = fleiss_counts(text, layers)["CLAIM"]
    table = [[k, 3 - k] for k in (2, 2, 2, 2, 1, 1)]  # a b c d e f
    assert sum(coverage.histogram) == 6
    assert coverage.kappa == pytest.approx(fleiss_by_hand(table))


def document(layers: dict[str, list[Span]], text: str = TEXT, number: int = 1) -> DocumentLayers:
    return DocumentLayers(
        DocumentId(number),
        text,
        {name: Layer(tuple(spans)) for name, spans in layers.items()},
        f"doc {number}",
    )


@pytest.mark.parametrize(
    ("a", "b", "state"),
    [
        ([], [], State.BOTH_EMPTY),
        ([span("CLAIM", 0, 8)], [], State.ONLY_A),
        ([], [span("CLAIM", 0, 8)], State.ONLY_B),
    ],
)
def test_degenerate_documents_report_their_state_not_agreement(
    a: list[Span], b: list[Span], state: State
) -> None:
    result = compare_document(document({"a": a, "b": b}), ["a", "b"])
    assert result.state is state
    assert result.pairs[0].compared is None
    data = result.as_dict()
    assert data["state"] == state.value
    assert data["overall"] == dict.fromkeys(("exact_f1", "overlap_f1", "kappa", "alpha"))
    assert data["links"]["f1"] is None
    assert all(figure is None for figures in data["labels"].values() for figure in figures.values())
    corpus = compare_corpus([document({"a": a, "b": b})], ["a", "b"]).as_dict()
    assert corpus["documents_compared"] == 0
    assert corpus["overall"]["kappa"] is None and corpus["overall"]["exact_f1"] is None


def test_layers_with_spans_are_touched_by_default() -> None:
    assert Layer((span("CLAIM", 0, 8),)).touched
    assert not Layer().touched
    assert Layer(touched=True).touched
    # Spans are work done: a layer with spans is touched whatever it is told.
    assert Layer((span("CLAIM", 0, 8),), touched=False).touched


def test_who_touched_a_document_decides_whether_it_is_pooled() -> None:
    text = "دمشق حلب حمص"  # 10 non-whitespace characters: 4 + 3 + 3
    damascus, aleppo = span("LOCATION", 0, 4, text), span("LOCATION", 5, 8, text)

    def doc(number: int, a: Layer | None, b: Layer | None) -> DocumentLayers:
        layers = {name: layer for name, layer in (("a", a), ("b", b)) if layer is not None}
        return DocumentLayers(DocumentId(number), text, layers, f"doc {number}")

    done_empty = Layer(touched=True)  # marked done (a recorded status), no span
    documents = [
        doc(1, Layer((damascus,)), Layer((damascus,))),  # both agree
        doc(2, Layer((damascus, aleppo)), done_empty),  # both touched, B found nothing
        doc(3, done_empty, done_empty),  # both touched, nothing to tag
        doc(4, done_empty, None),  # only A touched it
        doc(5, Layer((aleppo,)), Layer()),  # only A touched it
    ]
    result = compare_corpus(documents, ["a", "b"], labels=["LOCATION"])
    data = result.as_dict()
    assert [d["state"] for d in data["documents"]] == [
        "compared",
        "compared",
        "both_empty",
        "only_a",
        "only_a",
    ]
    assert data["states"] == {"compared": 2, "both_empty": 1, "only_a": 2}
    assert data["documents_compared"] == 2
    # Document 2 is a real disagreement: F1 2·0/(2 + 0) = 0; B puts every character out, so
    # chance explains all agreement: kappa 0. Alpha: 10 characters, A has 7 in, B none:
    # n = 20 values, 7 in, 13 out, 7 disagreeing units: 1 - 19·7/(7·13) = -6/13.
    second = data["documents"][1]["overall"]
    assert (second["exact_f1"], second["overlap_f1"], second["kappa"]) == (0.0, 0.0, 0.0)
    assert second["alpha"] == pytest.approx(-6 / 13)
    assert data["documents"][2]["overall"]["exact_f1"] is None
    # Pooled over documents 1 and 2 only: exact F1 = 2·1/(3 + 1) = 1/2. Characters: both 4,
    # only A 0 + 7, neither 6 + 3: n = 20, kappa = (20·13 - (11·4 + 9·16)) / (400 - 188).
    assert data["overall"]["exact_f1"] == 0.5
    characters = result.pairs[0].agreement.overall.characters
    assert characters.as_dict() == {"both": 4, "only_a": 7, "only_b": 0, "neither": 9}
    assert data["overall"]["kappa"] == pytest.approx(72 / 212)


def test_three_annotators_who_all_touched_a_document_are_compared() -> None:
    text = "abcdefghij"
    layers = {
        "a": Layer((span("LOCATION", 0, 5, text),)),
        "b": Layer((span("LOCATION", 0, 4, text),)),
        "c": Layer(touched=True),
    }
    document = DocumentLayers(DocumentId(1), text, layers, "doc")
    data = compare_corpus([document], ["a", "b", "c"], labels=["LOCATION"]).as_dict()
    assert data["documents"][0]["state"] == "compared"
    assert [p["documents"] for p in data["pairs"]] == [1, 1, 1]
    # Raters in per character: 2 2 2 2 1 0 0 0 0 0.
    table = [[k, 3 - k] for k in (2, 2, 2, 2, 1, 0, 0, 0, 0, 0)]
    assert data["labels"]["LOCATION"]["fleiss_kappa"] == pytest.approx(fleiss_by_hand(table))
    # c untouched instead: partial, and only a and b are pooled.
    untouched = {**layers, "c": Layer()}
    partial = compare_corpus(
        [DocumentLayers(DocumentId(1), text, untouched, "doc")], ["a", "b", "c"]
    ).as_dict()
    assert partial["documents"][0]["state"] == "partial"
    assert [p["documents"] for p in partial["pairs"]] == [1, 0, 0]


def test_one_category_everywhere_gives_no_kappa() -> None:
    # Both cover every character with LOCATION: F1 is 1, but there is nothing for kappa to
    # tell apart, so kappa and alpha are None rather than a perfect 1.0.
    text = "دمشق"
    result = compare_pair(text, [span("LOCATION", 0, 4, text)], [span("LOCATION", 0, 4, text)])
    location = result.label("LOCATION")
    assert location is not None
    assert location.exact.f1 == 1.0
    assert location.characters.kappa is None and location.characters.alpha is None
    # Unused labels get no figures at all.
    assert result.as_dict()["labels"]["CLAIM"] == dict.fromkeys(
        ("exact_f1", "overlap_f1", "kappa", "alpha")
    )


def test_link_f1_by_hand() -> None:
    claim_1, claim_2 = part("CLAIM", CLAIM_WORDS), part("CLAIM", "دمشق آمنة")
    minister = part("SPEAKER", MINISTER)
    a = [claim_1, claim_2, minister]
    a_links = [link(claim_1, minister), link(claim_2, minister)]
    # B: the same claims (the first shorter), the name only, and a second speaker ("أضاف")
    # to whom B attributes the second claim.
    b_claim_1, b_claim_2 = part("CLAIM", "الحل في سورية"), part("CLAIM", "دمشق آمنة")
    lavrov, other = part("SPEAKER", "لافروف"), part("SPEAKER", "وأضاف")
    b = [b_claim_1, b_claim_2, lavrov, other]
    b_links = [link(b_claim_1, lavrov), link(b_claim_2, other)]
    links = compare_pair(TEXT, a, b, a_links, b_links).links
    # Claim 1 -> minister is claim 1' -> Lavrov in B; claim 2 -> minister is not: 1 of 2 and 2.
    assert (links.matched, links.a_count, links.b_count) == (1, 2, 2)
    assert links.f1 == 0.5
    # Without the speakers compared (--label CLAIM), there are no links to compare.
    only_claims = compare_pair(TEXT, a, b, a_links, b_links, labels=["CLAIM"]).links
    assert (only_claims.a_count, only_claims.f1) == (0, None)


def test_attribute_kappa_by_hand() -> None:
    words = ["قال", "وزير", "الخارجية", "الروسي"]
    kinds = [
        ("direct", "direct"),
        ("indirect", "indirect"),
        ("direct", "indirect"),
        (None, "indirect"),
    ]
    a, b = [], []
    for word, (kind_a, kind_b) in zip(words, kinds, strict=True):
        a.append(part("CLAIM", word, **({"kind": kind_a} if kind_a else {})))
        b.append(part("CLAIM", word, kind=kind_b))
    kind, polarity = compare_pair(TEXT, a, b).attributes
    # A claim A left unset counts for nobody (issue 14, item 6): 3 claims, agreeing on 2.
    # A: direct 2, indirect 1; B: direct 1, indirect 2. p_e = (2·1 + 1·2) / 9 = 4/9;
    # kappa = (2/3 - 4/9) / (5/9) = 2/5.
    assert (kind.name, kind.pairs, kind.observed) == ("kind", 3, 2 / 3)
    assert kind.kappa == pytest.approx(0.4)
    assert kind.confusion == (
        ("direct", "direct", 1),
        ("direct", "indirect", 1),
        ("indirect", "indirect", 1),
    )
    # Nobody chose a polarity: no figure at all, not a full agreement.
    assert (polarity.pairs, polarity.observed, polarity.kappa) == (0, None, None)


def test_corpus_figures_pool_counts_not_document_figures() -> None:
    short = "دمشق"
    long_text = "دمشق حلب حمص"
    first = document(
        {"a": [span("LOCATION", 0, 4, short)], "b": [span("LOCATION", 0, 4, short)]}, short, 1
    )
    a_second = [
        span("LOCATION", 0, 4, long_text),
        span("LOCATION", 5, 8, long_text),
        span("LOCATION", 9, 12, long_text),
    ]
    second = document({"a": a_second, "b": [span("LOCATION", 0, 4, long_text)]}, long_text, 2)
    one_sided = document({"a": [span("LOCATION", 0, 4, short)], "b": []}, short, 3)
    result = compare_corpus([first, second, one_sided], ["a", "b"], labels=["LOCATION"])
    data = result.as_dict()
    assert [d["overall"]["exact_f1"] for d in data["documents"]] == [1.0, 0.5, None]
    # Pooled: 2·(1 + 1) / ((1 + 3) + (1 + 1)) = 2/3, not the mean 3/4; document 3 is left out.
    assert data["overall"]["exact_f1"] == pytest.approx(2 / 3)
    assert data["documents_compared"] == 2
    assert data["states"] == {"compared": 2, "only_a": 1}
    # Characters pooled over the compared documents: 4 + 10, A has them all in, B 4 + 4.
    pair = result.pairs[0].agreement.overall.characters
    assert pair.as_dict() == {"both": 8, "only_a": 6, "only_b": 0, "neither": 0}
    a_all, b_all = [1] * 14, [1] * 8 + [0] * 6
    # One annotator using one category gives kappa 0 (chance explains all), not None.
    assert data["overall"]["kappa"] == cohen_kappa_score(a_all, b_all) == 0.0


def test_corpus_kappa_pools_characters() -> None:
    text_1, text_2 = "قال الوزير في دمشق", "وصل الوفد إلى حلب اليوم"
    docs = [
        document(
            {"a": [span("LOCATION", 14, 18, text_1)], "b": [span("LOCATION", 11, 18, text_1)]},
            text_1,
            1,
        ),
        document(
            {"a": [span("LOCATION", 14, 17, text_2)], "b": [span("LOCATION", 4, 9, text_2)]},
            text_2,
            2,
        ),
    ]
    result = compare_corpus(docs, ["a", "b"], labels=["LOCATION"])
    a_all = [d for doc in docs for d in decisions(doc.text, doc.layers["a"].spans, "LOCATION")]
    b_all = [d for doc in docs for d in decisions(doc.text, doc.layers["b"].spans, "LOCATION")]
    assert result.as_dict()["overall"]["kappa"] == pytest.approx(cohen_kappa_score(a_all, b_all))


def test_three_annotators_give_fleiss_and_pair_averages() -> None:
    text = "abcdefghij"
    layers = {
        "a": [span("LOCATION", 0, 5, text)],
        "b": [span("LOCATION", 0, 4, text)],
        "c": [span("LOCATION", 2, 6, text)],
    }
    result: CorpusAgreement = compare_corpus([document(layers, text)], ["a", "b", "c"])
    data = result.as_dict()
    assert data["labels"]["LOCATION"]["fleiss_kappa"] == pytest.approx(101 / 221)
    assert data["overall"]["fleiss_kappa"] is not None
    assert [(p["a"], p["b"]) for p in data["pairs"]] == [("a", "b"), ("a", "c"), ("b", "c")]
    kappas = [p["labels"]["LOCATION"]["kappa"] for p in data["pairs"]]
    assert data["labels"]["LOCATION"]["kappa"] == pytest.approx(sum(kappas) / 3)
    for pair in data["pairs"]:
        a, b = layers[pair["a"]], layers[pair["b"]]
        expected = cohen_kappa_score(decisions(text, a, "LOCATION"), decisions(text, b, "LOCATION"))
        assert pair["labels"]["LOCATION"]["kappa"] == pytest.approx(expected)
    assert data["documents"][0]["labels"]["LOCATION"]["fleiss_kappa"] == pytest.approx(101 / 221)


def test_three_annotators_with_one_missing_give_no_fleiss() -> None:
    text = "abcdefghij"
    layers = {"a": [span("LOCATION", 0, 5, text)], "b": [span("LOCATION", 0, 4, text)], "c": []}
    result = compare_corpus([document(layers, text)], ["a", "b", "c"])
    data = result.as_dict()
    assert data["documents"][0]["state"] == "partial"
    assert data["labels"]["LOCATION"]["fleiss_kappa"] is None
    assert [p["documents"] for p in data["pairs"]] == [1, 0, 0]
    # Only a and b were compared: their figure, not a mean with the others'.
    assert data["overall"]["exact_f1"] == 0.0
    # Nobody but c: no pair compared, every figure None under the same keys.
    lonely = {"a": [], "b": [], "c": [span("LOCATION", 0, 5, text)]}
    nothing = compare_corpus([document(lonely, text)], ["a", "b", "c"]).as_dict()
    assert nothing["overall"] == dict.fromkeys(
        ("exact_f1", "overlap_f1", "kappa", "alpha", "fleiss_kappa")
    )
    assert nothing["documents"][0]["labels"]["LOCATION"]["kappa"] is None
    assert nothing["links"] == {"f1": None, "precision": None, "recall": None}


# A property: a layer agrees with itself, and A against B is B against A.

spans_strategy = st.lists(
    st.tuples(st.sampled_from(LABELS), st.integers(0, 29), st.integers(1, 12)), max_size=8
)


def layer_from(draw: list[tuple[str, int, int]], text: str) -> list[Span]:
    return [
        span(label, start, min(start + length, len(text)), text) for label, start, length in draw
    ]


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet="اب ج", min_size=30, max_size=30),
    a_draw=spans_strategy,
    b_draw=spans_strategy,
)
def test_self_agreement_is_perfect_and_figures_are_symmetric(
    text: str, a_draw: list[tuple[str, int, int]], b_draw: list[tuple[str, int, int]]
) -> None:
    a, b = layer_from(a_draw, text), layer_from(b_draw, text)
    itself = compare_pair(text, a, list(a))
    if a:
        assert itself.overall.exact.f1 == 1.0 and itself.overall.overlap.f1 == 1.0
    characters = itself.overall.characters
    if characters.both and characters.neither:
        assert characters.kappa == 1.0 and characters.alpha == 1.0
    forward, backward = compare_pair(text, a, b), compare_pair(text, b, a)
    for one, other in zip(
        (*forward.labels, forward.overall), (*backward.labels, backward.overall), strict=True
    ):
        assert one.figures() == other.figures()
        assert one.overlap.precision == other.overlap.recall
