"""Inter-annotator agreement: how far annotators' layers of the same documents agree.

Pure functions over spans and links; the `agreement` command (ui/cli_review.py) feeds them
documents from the store. For two annotators A and B:

- span F1, exact and overlap, per label and overall. A is the reference for precision and
  recall; F1 = 2·matched / (spans of A + spans of B) is symmetric.
- Cohen's kappa and Krippendorff's alpha (nominal) over the non-whitespace characters: for each
  label, each character is "in" when a span of that label covers it (nested spans once).
  Whitespace is left out because where a span ends around a space is not a decision anyone
  makes, and counting spaces would reward agreeing about nothing.
- link F1 on ATTRIBUTED_TO links between overlap-matched spans;
- agreement on the attributes of overlap-matched claims.
With three or more annotators: Fleiss' kappa per label, and the mean of every pair's figures.

Every figure is kept as counts, so a corpus figure pools the counts (a micro-average) rather
than averaging document figures, which would weigh a two-line brief like a long report. A
figure that cannot be computed is None, never 1.0: agreeing about nothing is not agreement.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import accumulate, combinations
from types import MappingProxyType
from typing import Any, TypeVar

from annotation.model import DocumentId, Link, Span

LINK_KIND = "ATTRIBUTED_TO"
CLAIM = "CLAIM"
# The labels of the default tag set: a label nobody used in a document still counts its
# characters as "out" for both, so corpus kappa pools the same items for every document.
DEFAULT_LABELS = ("SPEAKER", "CLAIM", "LOCATION")
# The choice attributes of a claim compared on matched claims, with the value a claim has
# when the attribute is missing (the tag set's defaults).
CLAIM_ATTRIBUTES: Mapping[str, str] = MappingProxyType({"kind": "indirect", "polarity": "positive"})
# The figures that are averaged over pairs of annotators; counts are not.
FIGURES = frozenset(
    {"exact_f1", "overlap_f1", "kappa", "alpha", "f1", "precision", "recall", "observed"}
)

JsonObject = dict[str, Any]
Pair = tuple[Span, Span]
Interval = tuple[int, int]


class State(StrEnum):
    """Whether a document could be compared, and if not why: never reported as agreement."""

    COMPARED = "compared"
    BOTH_EMPTY = "both_empty"
    ONLY_A = "only_a"
    ONLY_B = "only_b"
    # Three or more annotators: nobody has a span, or some have and some have not.
    ALL_EMPTY = "all_empty"
    PARTIAL = "partial"


# Matching


def match_exact(a: Sequence[Span], b: Sequence[Span]) -> list[Pair]:
    """Pairs of spans with the same label, start and end; each span is in one pair at most."""
    waiting: dict[tuple[str, int, int], list[Span]] = defaultdict(list)
    for span in reversed(b):
        waiting[(span.label, span.start, span.end)].append(span)
    pairs = []
    for span in a:
        twins = waiting.get((span.label, span.start, span.end))
        if twins:
            pairs.append((span, twins.pop()))
    return pairs


def match_overlap(a: Sequence[Span], b: Sequence[Span]) -> list[Pair]:
    """Pairs of overlapping spans with the same label; each span is in one pair at most.

    Greedy: exact pairs first, then by overlap length, longest first; ties go to the pair whose
    offsets sort first. The order is the same whichever layer is A, so the matching does not
    depend on who is the reference. Greedy may miss the largest possible matching in rare
    chains of partial overlaps, but it is the matching a reviewer checks by eye.
    """
    candidates = sorted(_overlapping(a, b), key=lambda ij: _preference(a[ij[0]], b[ij[1]]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((a[i], b[j]))
    return sorted(pairs, key=lambda pair: (pair[0].start, pair[0].end, pair[0].label))


def _overlapping(a: Sequence[Span], b: Sequence[Span]) -> Iterator[tuple[int, int]]:
    """Index pairs (in a, in b) of spans with the same label whose ranges overlap.

    B's spans are sorted by start per label, so only those starting within the longest B
    span before A's start are looked at, not every pair.
    """
    by_label: dict[str, list[int]] = defaultdict(list)
    for j in sorted(range(len(b)), key=lambda j: b[j].start):
        by_label[b[j].label].append(j)
    starts = {label: [b[j].start for j in js] for label, js in by_label.items()}
    longest = {label: max(b[j].end - b[j].start for j in js) for label, js in by_label.items()}
    for i, span in enumerate(a):
        js = by_label.get(span.label)
        if not js or span.start >= span.end:
            continue
        # b.end > span.start needs b.start > span.start - len(b) >= span.start - longest.
        low = bisect_left(starts[span.label], span.start - longest[span.label] + 1)
        high = bisect_left(starts[span.label], span.end)
        for j in js[low:high]:
            if b[j].end > span.start:
                yield i, j


def _preference(a: Span, b: Span) -> tuple[int, int, Interval, Interval]:
    """Sort key of a candidate pair: exact first, longest overlap next, then position.

    Built only from the two spans' offsets, symmetrically, so swapping A and B keeps it.
    """
    overlap = min(a.end, b.end) - max(a.start, b.start)
    exact = (a.start, a.end) == (b.start, b.end)
    first, second = sorted(((a.start, a.end), (b.start, b.end)))
    return (0 if exact else 1, -overlap, first, second)


# Counts and the figures computed from them


@dataclass(frozen=True, slots=True)
class Counts:
    """Matched spans (or links) between two layers, and how many each has; A is the reference."""

    matched: int = 0
    a_count: int = 0
    b_count: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.matched + other.matched,
            self.a_count + other.a_count,
            self.b_count + other.b_count,
        )

    @property
    def precision(self) -> float | None:
        """The share of B's items that A has too; None when B has none."""
        return self.matched / self.b_count if self.b_count else None

    @property
    def recall(self) -> float | None:
        """The share of A's items that B found; None when A has none."""
        return self.matched / self.a_count if self.a_count else None

    @property
    def f1(self) -> float | None:
        """2·matched / (A + B): the harmonic mean of precision and recall, symmetric in A, B."""
        total = self.a_count + self.b_count
        return 2 * self.matched / total if total else None

    def as_dict(self) -> JsonObject:
        """F1, precision and recall with the counts they come from."""
        return {
            "f1": self.f1,
            "precision": self.precision,
            "recall": self.recall,
            "matched": self.matched,
            "a_count": self.a_count,
            "b_count": self.b_count,
        }


@dataclass(frozen=True, slots=True)
class Contingency:
    """Two annotators' in/out decisions on the same items (characters): the 2x2 table."""

    both: int = 0
    only_a: int = 0
    only_b: int = 0
    neither: int = 0

    def __add__(self, other: Contingency) -> Contingency:
        return Contingency(
            self.both + other.both,
            self.only_a + other.only_a,
            self.only_b + other.only_b,
            self.neither + other.neither,
        )

    @property
    def items(self) -> int:
        """How many decisions each annotator made."""
        return self.both + self.only_a + self.only_b + self.neither

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa; None when chance alone agrees on every item (one category only)."""
        n = self.items
        a_in, b_in = self.both + self.only_a, self.both + self.only_b
        # Expected agreement times n², kept in integers so A and B swap exactly.
        chance = a_in * b_in + (n - a_in) * (n - b_in)
        if n == 0 or chance == n * n:
            return None
        return (n * (self.both + self.neither) - chance) / (n * n - chance)

    @property
    def alpha(self) -> float | None:
        """Krippendorff's alpha, nominal, two coders, no missing values; None with one category.

        alpha = 1 - (n - 1) · disagreeing units / (n_in · n_out), n = 2 · items pairable values
        (Krippendorff 2011, "Computing Krippendorff's alpha-reliability", section A).
        """
        disagree = self.only_a + self.only_b
        values_in = 2 * self.both + disagree
        values_out = 2 * self.neither + disagree
        if values_in == 0 or values_out == 0:
            return None
        expected = values_in * values_out
        return (expected - (2 * self.items - 1) * disagree) / expected

    def as_dict(self) -> JsonObject:
        """The four cells."""
        return {
            "both": self.both,
            "only_a": self.only_a,
            "only_b": self.only_b,
            "neither": self.neither,
        }


@dataclass(frozen=True, slots=True)
class Coverage:
    """How many raters put each item "in": `histogram[k]` items had exactly k of `raters`."""

    raters: int
    histogram: tuple[int, ...]

    def __add__(self, other: Coverage) -> Coverage:
        return Coverage(
            self.raters, tuple(x + y for x, y in zip(self.histogram, other.histogram, strict=True))
        )

    @property
    def kappa(self) -> float | None:
        """Fleiss' kappa for a binary decision; None when chance explains all agreement.

        With T = items · raters, S = Σ_i Σ_category n_ij², I = Σ_i n_i,in and
        E = I² + (T - I)²: kappa = ((S - T)·T - E·(raters - 1)) / ((raters - 1)·(T² - E)),
        Fleiss (1971) multiplied out so the arithmetic stays in integers.
        """
        n = self.raters
        total = sum(self.histogram) * n
        squares = sum(h * (k * k + (n - k) * (n - k)) for k, h in enumerate(self.histogram))
        inside = sum(h * k for k, h in enumerate(self.histogram))
        expected = inside * inside + (total - inside) * (total - inside)
        if n < 2 or total == 0 or expected == total * total:
            return None
        return ((squares - total) * total - expected * (n - 1)) / ((n - 1) * (total**2 - expected))


@dataclass(frozen=True, slots=True)
class AttributeAgreement:
    """Two annotators' values of one attribute on matched claims, as a confusion table."""

    name: str
    # (A's value, B's value, how many matched claims), sorted.
    confusion: tuple[tuple[str, str, int], ...] = ()

    def __add__(self, other: AttributeAgreement) -> AttributeAgreement:
        return AttributeAgreement(self.name, _confusion(self._counter() + other._counter()))

    def _counter(self) -> Counter[tuple[str, str]]:
        return Counter({(a, b): n for a, b, n in self.confusion})

    @property
    def pairs(self) -> int:
        """How many matched claims were compared."""
        return sum(n for _, _, n in self.confusion)

    @property
    def observed(self) -> float | None:
        """The share of matched claims with the same value; None with no matched claim."""
        same = sum(n for a, b, n in self.confusion if a == b)
        return same / self.pairs if self.pairs else None

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa over the values; None when both used one and the same value throughout."""
        m = self.pairs
        rows: Counter[str] = Counter()
        columns: Counter[str] = Counter()
        for a, b, n in self.confusion:
            rows[a] += n
            columns[b] += n
        chance = sum(rows[value] * columns[value] for value in rows)
        if m == 0 or chance == m * m:
            return None
        same = sum(n for a, b, n in self.confusion if a == b)
        return (m * same - chance) / (m * m - chance)

    def as_dict(self) -> JsonObject:
        """Matched claims, observed agreement, kappa and the confusion table."""
        return {
            "pairs": self.pairs,
            "observed": self.observed,
            "kappa": self.kappa,
            "confusion": [list(row) for row in self.confusion],
        }


def _confusion(counter: Counter[tuple[str, str]]) -> tuple[tuple[str, str, int], ...]:
    return tuple((a, b, n) for (a, b), n in sorted(counter.items()) if n)


# Per label, per pair


@dataclass(frozen=True, slots=True)
class LabelAgreement:
    """Two layers on one label (or all labels pooled): span matches and character decisions."""

    label: str
    exact: Counts
    overlap: Counts
    characters: Contingency

    def __add__(self, other: LabelAgreement) -> LabelAgreement:
        return LabelAgreement(
            self.label,
            self.exact + other.exact,
            self.overlap + other.overlap,
            self.characters + other.characters,
        )

    @property
    def used(self) -> bool:
        """Whether either annotator has a span of this label: otherwise there is no figure."""
        return self.exact.a_count + self.exact.b_count > 0

    def figures(self) -> JsonObject:
        """Exact and overlap F1, kappa and alpha; all None when nobody used the label."""
        if not self.used:
            return dict.fromkeys(("exact_f1", "overlap_f1", "kappa", "alpha"))
        return {
            "exact_f1": self.exact.f1,
            "overlap_f1": self.overlap.f1,
            "kappa": self.characters.kappa,
            "alpha": self.characters.alpha,
        }


@dataclass(frozen=True, slots=True)
class PairAgreement:
    """Two layers compared: per label, their links and their claims' attributes, as counts."""

    labels: tuple[LabelAgreement, ...]
    links: Counts
    attributes: tuple[AttributeAgreement, ...]

    def __add__(self, other: PairAgreement) -> PairAgreement:
        return PairAgreement(
            _merge(self.labels, other.labels, lambda x: x.label),
            self.links + other.links,
            _merge(self.attributes, other.attributes, lambda x: x.name),
        )

    @property
    def overall(self) -> LabelAgreement:
        """All labels pooled: each (character, label) is one decision, each span one item."""
        total = LabelAgreement("overall", Counts(), Counts(), Contingency())
        for label in self.labels:
            total = total + LabelAgreement("overall", label.exact, label.overlap, label.characters)
        return total

    def label(self, name: str) -> LabelAgreement | None:
        """One label's agreement, if that label was compared."""
        return next((label for label in self.labels if label.label == name), None)

    def as_dict(self) -> JsonObject:
        """Overall, per-label, link and attribute figures, JSON-ready."""
        return {
            "overall": self.overall.figures(),
            "labels": {label.label: label.figures() for label in self.labels},
            "links": self.links.as_dict(),
            "attributes": {a.name: a.as_dict() for a in self.attributes},
        }


_Named = TypeVar("_Named", LabelAgreement, AttributeAgreement)


def _merge(
    ours: tuple[_Named, ...], theirs: tuple[_Named, ...], name: Callable[[_Named], str]
) -> tuple[_Named, ...]:
    """Sum two lists of named counts by name, keeping first-seen order."""
    merged: dict[str, _Named] = {name(x): x for x in ours}
    for x in theirs:
        key = name(x)
        merged[key] = merged[key] + x if key in merged else x
    return tuple(merged.values())


def empty_agreement(
    labels: Sequence[str] = DEFAULT_LABELS, attributes: Iterable[str] = CLAIM_ATTRIBUTES
) -> PairAgreement:
    """No spans compared yet: every figure None, and what pooling starts from."""
    return PairAgreement(
        tuple(LabelAgreement(label, Counts(), Counts(), Contingency()) for label in labels),
        Counts(),
        tuple(AttributeAgreement(name) for name in attributes),
    )


# Characters


class _Characters:
    """Counts the non-whitespace characters of any range of one text in constant time."""

    def __init__(self, text: str) -> None:
        self.prefix = [0, *accumulate(not c.isspace() for c in text)]
        self.length = len(text)

    @property
    def total(self) -> int:
        return self.prefix[-1]

    def count(self, start: int, end: int) -> int:
        start, end = max(0, start), min(end, self.length)
        return self.prefix[end] - self.prefix[start] if end > start else 0


def covered(spans: Iterable[Span]) -> list[Interval]:
    """The stretches the spans cover, sorted and merged, so nested spans count once."""
    merged: list[Interval] = []
    for start, end in sorted((span.start, span.end) for span in spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        elif start < end:
            merged.append((start, end))
    return merged


def _histogram(layers: Sequence[list[Interval]], characters: _Characters) -> list[int]:
    """histogram[k]: how many non-whitespace characters exactly k of the layers cover.

    One sweep over the interval ends: the work grows with the number of spans, not characters.
    """
    events = sorted(
        (position, step)
        for union in layers
        for start, end in union
        for position, step in ((start, 1), (end, -1))
    )
    histogram = [0] * (len(layers) + 1)
    depth = previous = 0
    for position, step in events:
        histogram[depth] += characters.count(previous, position)
        depth += step
        previous = position
    histogram[0] += characters.count(previous, characters.length)
    return histogram


def _contingency(characters: _Characters, a: list[Interval], b: list[Interval]) -> Contingency:
    histogram = _histogram((a, b), characters)
    only_a = sum(characters.count(start, end) for start, end in a) - histogram[2]
    return Contingency(histogram[2], only_a, histogram[1] - only_a, histogram[0])


def character_counts(
    text: str, a: Sequence[Span], b: Sequence[Span], labels: Sequence[str] = DEFAULT_LABELS
) -> dict[str, Contingency]:
    """Per label, the 2x2 table of in/out decisions on the text's non-whitespace characters."""
    characters = _Characters(text)
    a_by, b_by = _by_label(a), _by_label(b)
    return {
        label: _contingency(characters, covered(a_by[label]), covered(b_by[label]))
        for label in labels
    }


def fleiss_counts(
    text: str, layers: Sequence[Sequence[Span]], labels: Sequence[str] = DEFAULT_LABELS
) -> dict[str, Coverage]:
    """Per label, how many annotators put each non-whitespace character in (for Fleiss)."""
    return _coverages(_Characters(text), layers, labels)


def _coverages(
    characters: _Characters, layers: Sequence[Sequence[Span]], labels: Sequence[str]
) -> dict[str, Coverage]:
    grouped = [_by_label(layer) for layer in layers]
    return {
        label: Coverage(
            len(layers),
            tuple(_histogram([covered(by[label]) for by in grouped], characters)),
        )
        for label in labels
    }


def _by_label(spans: Iterable[Span]) -> defaultdict[str, list[Span]]:
    grouped: defaultdict[str, list[Span]] = defaultdict(list)
    for span in spans:
        grouped[span.label].append(span)
    return grouped


# Spans, links and attributes


def span_counts(
    a: Sequence[Span], b: Sequence[Span], pairs: Iterable[Pair], labels: Sequence[str]
) -> dict[str, Counts]:
    """Per label: how many pairs matched, and how many spans each layer has."""
    matched = Counter(x.label for x, _ in pairs)
    in_a = Counter(span.label for span in a)
    in_b = Counter(span.label for span in b)
    return {label: Counts(matched[label], in_a[label], in_b[label]) for label in labels}


def link_counts(a_links: Iterable[Link], b_links: Iterable[Link], pairs: Iterable[Pair]) -> Counts:
    """ATTRIBUTED_TO links of A that B has between the spans overlap-matched to their ends.

    The matching is one-to-one, so each of B's links matches one of A's at most.
    """
    partner = {x.id: y.id for x, y in pairs if x.id is not None and y.id is not None}
    ours = {(link.source_id, link.target_id) for link in a_links if link.kind == LINK_KIND}
    theirs = {(link.source_id, link.target_id) for link in b_links if link.kind == LINK_KIND}
    matched = sum(
        1 for claim, speaker in ours if (partner.get(claim), partner.get(speaker)) in theirs
    )
    return Counts(matched, len(ours), len(theirs))


def attribute_agreement(
    pairs: Iterable[Pair], attributes: Mapping[str, str] = CLAIM_ATTRIBUTES
) -> tuple[AttributeAgreement, ...]:
    """The attributes (name -> default) of matched CLAIM pairs; missing or empty = default."""
    claims = [(x, y) for x, y in pairs if x.label == CLAIM]
    return tuple(
        AttributeAgreement(
            name,
            _confusion(
                Counter((_value(x, name, default), _value(y, name, default)) for x, y in claims)
            ),
        )
        for name, default in attributes.items()
    )


def _value(span: Span, name: str, default: str) -> str:
    value = span.attributes.get(name)
    return default if value is None or value == "" else str(value)


# Two layers of one document


def pair_state(a: Sequence[Span], b: Sequence[Span]) -> State:
    """Whether two layers can be compared: both need a span, else there is nothing to agree on."""
    if a and b:
        return State.COMPARED
    if a:
        return State.ONLY_A
    return State.ONLY_B if b else State.BOTH_EMPTY


def resolve_labels(
    labels: Sequence[str] | None, layers: Iterable[Sequence[Span]]
) -> tuple[str, ...]:
    """The labels compared: those asked for, else the default ones and any other in the layers."""
    if labels is not None:
        return tuple(labels)
    seen = {span.label for layer in layers for span in layer} - set(DEFAULT_LABELS)
    return (*DEFAULT_LABELS, *sorted(seen))


def compare_pair(
    text: str,
    a: Sequence[Span],
    b: Sequence[Span],
    a_links: Sequence[Link] = (),
    b_links: Sequence[Link] = (),
    labels: Sequence[str] | None = None,
    attributes: Mapping[str, str] = CLAIM_ATTRIBUTES,
) -> PairAgreement:
    """Two layers of one document, as counts whatever they hold (`pair_state` says if they
    can be compared); spans of other labels, and links to them, are left out."""
    chosen = resolve_labels(labels, (a, b))
    return _compare(_Characters(text), a, b, (a_links, b_links), chosen, attributes)


def _compare(
    characters: _Characters,
    a: Sequence[Span],
    b: Sequence[Span],
    links: tuple[Sequence[Link], Sequence[Link]],
    labels: tuple[str, ...],
    attributes: Mapping[str, str],
) -> PairAgreement:
    a = [span for span in a if span.label in labels]
    b = [span for span in b if span.label in labels]
    exact = span_counts(a, b, match_exact(a, b), labels)
    pairs = match_overlap(a, b)
    overlap = span_counts(a, b, pairs, labels)
    a_by, b_by = _by_label(a), _by_label(b)
    per_label = tuple(
        LabelAgreement(
            label,
            exact[label],
            overlap[label],
            _contingency(characters, covered(a_by[label]), covered(b_by[label])),
        )
        for label in labels
    )
    a_links, b_links = _among(links[0], a), _among(links[1], b)
    return PairAgreement(
        per_label, link_counts(a_links, b_links, pairs), attribute_agreement(pairs, attributes)
    )


def _among(links: Sequence[Link], spans: Sequence[Span]) -> list[Link]:
    """The links whose two ends are among the compared spans."""
    ids = {span.id for span in spans}
    return [link for link in links if link.source_id in ids and link.target_id in ids]


# Documents and corpora


@dataclass(frozen=True, slots=True)
class Layer:
    """One annotator's spans and links in one document."""

    spans: tuple[Span, ...] = ()
    links: tuple[Link, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentLayers:
    """A document's text with the layers to compare, by annotator (a missing one is empty)."""

    document_id: DocumentId
    text: str
    layers: Mapping[str, Layer]
    title: str = ""


@dataclass(frozen=True, slots=True)
class PairResult:
    """Two annotators on one document: the state, and the counts (figures only if compared)."""

    a: str
    b: str
    state: State
    agreement: PairAgreement

    @property
    def compared(self) -> PairAgreement | None:
        """The agreement when the pair could be compared, else None."""
        return self.agreement if self.state is State.COMPARED else None

    def as_dict(self) -> JsonObject:
        """Names, state and figures (None unless compared; the counts stay)."""
        figures = self.agreement.as_dict()
        return {
            "a": self.a,
            "b": self.b,
            "state": self.state.value,
            **(figures if self.compared else _blank(figures)),
        }


@dataclass(frozen=True, slots=True)
class DocumentAgreement:
    """All pairs of annotators on one document, and Fleiss' kappa with three or more."""

    document_id: DocumentId
    title: str
    state: State
    characters: int  # non-whitespace: the items kappa and alpha count
    pairs: tuple[PairResult, ...]
    # Per label, with three or more annotators and only when every one of them has a span.
    fleiss: Mapping[str, Coverage] = field(default_factory=dict)

    def as_dict(self) -> JsonObject:
        """Id, title, state and figures: the pair's with two annotators, else the pairs' mean."""
        data: JsonObject = {"id": self.document_id, "title": self.title, "state": self.state.value}
        if len(self.pairs) == 1:
            pair = self.pairs[0].as_dict()
            return data | {key: pair[key] for key in ("overall", "labels", "links", "attributes")}
        data |= _mean_over_pairs([(p.agreement, p.compared is not None) for p in self.pairs])
        return data | _with_fleiss(data, self.fleiss) | {"pairs": [p.as_dict() for p in self.pairs]}


@dataclass(frozen=True, slots=True)
class CorpusPair:
    """Two annotators over a corpus: counts pooled over the documents they both annotated."""

    a: str
    b: str
    documents: int
    agreement: PairAgreement

    def as_dict(self) -> JsonObject:
        """Names, how many documents were pooled, and the pooled figures."""
        return {"a": self.a, "b": self.b, "documents": self.documents, **self.agreement.as_dict()}


@dataclass(frozen=True, slots=True)
class CorpusAgreement:
    """Agreement over a corpus: pooled per pair, Fleiss' kappa with 3+, and every document."""

    annotators: tuple[str, ...]
    pairs: tuple[CorpusPair, ...]
    documents: tuple[DocumentAgreement, ...]
    fleiss: Mapping[str, Coverage] = field(default_factory=dict)

    def as_dict(self) -> JsonObject:
        """The figures as the `agreement --json` command prints them."""
        states = Counter(document.state.value for document in self.documents)
        data: JsonObject = {"annotators": list(self.annotators), "states": dict(states)}
        if len(self.pairs) == 1:
            pair = self.pairs[0].as_dict()
            data |= {"documents_compared": self.pairs[0].documents}
            data |= {key: pair[key] for key in ("overall", "labels", "links", "attributes")}
        else:
            data |= _mean_over_pairs([(p.agreement, p.documents > 0) for p in self.pairs])
            data |= _with_fleiss(data, self.fleiss)
            data |= {"pairs": [pair.as_dict() for pair in self.pairs]}
        return data | {"documents": [document.as_dict() for document in self.documents]}


def compare_document(
    document: DocumentLayers,
    annotators: Sequence[str],
    labels: Sequence[str] | None = None,
    attributes: Mapping[str, str] = CLAIM_ATTRIBUTES,
) -> DocumentAgreement:
    """Every pair of `annotators` on one document (A before B in the order given)."""
    layers = [document.layers.get(name, Layer()) for name in annotators]
    chosen = resolve_labels(labels, [layer.spans for layer in layers])
    spans = [[span for span in layer.spans if span.label in chosen] for layer in layers]
    characters = _Characters(document.text)
    pairs = tuple(
        PairResult(
            annotators[i],
            annotators[j],
            pair_state(spans[i], spans[j]),
            _compare(
                characters,
                spans[i],
                spans[j],
                (layers[i].links, layers[j].links),
                chosen,
                attributes,
            ),
        )
        for i, j in combinations(range(len(annotators)), 2)
    )
    state = _group_state(spans)
    fleiss = (
        _coverages(characters, spans, chosen)
        if len(annotators) > 2 and state is State.COMPARED
        else {}
    )
    return DocumentAgreement(
        document.document_id, document.title, state, characters.total, pairs, fleiss
    )


def _group_state(layers: Sequence[Sequence[Span]]) -> State:
    """A pair's state; for three or more, compared only when every annotator has a span."""
    if len(layers) == 2:
        return pair_state(layers[0], layers[1])
    having = sum(1 for layer in layers if layer)
    if having == len(layers):
        return State.COMPARED
    return State.PARTIAL if having else State.ALL_EMPTY


def compare_corpus(
    documents: Iterable[DocumentLayers],
    annotators: Sequence[str],
    labels: Sequence[str] | None = None,
    attributes: Mapping[str, str] = CLAIM_ATTRIBUTES,
) -> CorpusAgreement:
    """Every document compared, and the counts of compared documents pooled per pair.

    A document a pair could not compare (state other than compared) is left out of that
    pair's pooled figures: one annotator without spans has usually not done it yet.
    """
    if len(annotators) < 2 or len(set(annotators)) != len(annotators):
        raise ValueError("agreement needs two or more different annotators")
    names = list(combinations(annotators, 2))
    start = empty_agreement(DEFAULT_LABELS if labels is None else labels, attributes)
    pooled = {pair: start for pair in names}
    counted = dict.fromkeys(names, 0)
    fleiss: dict[str, Coverage] = {}
    results = []
    for document in documents:
        result = compare_document(document, annotators, labels, attributes)
        results.append(result)
        for pair in result.pairs:
            if pair.compared:
                pooled[(pair.a, pair.b)] += pair.agreement
                counted[(pair.a, pair.b)] += 1
        for label, coverage in result.fleiss.items():
            fleiss[label] = fleiss[label] + coverage if label in fleiss else coverage
    pairs = tuple(CorpusPair(a, b, counted[(a, b)], pooled[(a, b)]) for a, b in names)
    return CorpusAgreement(tuple(annotators), pairs, tuple(results), fleiss)


# JSON helpers


def _blank(data: JsonObject) -> JsonObject:
    """The same structure with every figure None: for documents that were not compared."""
    return {
        key: _blank(value) if isinstance(value, dict) else None if key in FIGURES else value
        for key, value in data.items()
    }


def _mean_over_pairs(pairs: Sequence[tuple[PairAgreement, bool]]) -> JsonObject:
    """The mean of the compared pairs' figures; all None (same keys) when none was compared."""
    compared = [agreement.as_dict() for agreement, counted in pairs if counted]
    return _mean_figures(compared or [_blank(pairs[0][0].as_dict())])


def _mean_figures(dicts: Sequence[JsonObject]) -> JsonObject:
    """The mean of each figure over pairs, skipping None; counts are left out."""
    keys = list(dict.fromkeys(key for data in dicts for key in data))
    mean: JsonObject = {}
    for key in keys:
        values = [data[key] for data in dicts if key in data]
        if key in FIGURES:
            present = [value for value in values if value is not None]
            mean[key] = sum(present) / len(present) if present else None
        elif values and all(isinstance(value, dict) for value in values):
            mean[key] = _mean_figures(values)
    return mean


def _with_fleiss(data: JsonObject, fleiss: Mapping[str, Coverage]) -> JsonObject:
    """`overall` and `labels` with Fleiss' kappa added (None where it was not computed)."""
    total = None
    for coverage in fleiss.values():
        total = coverage if total is None else total + coverage
    labels = {
        label: {**figures, "fleiss_kappa": fleiss[label].kappa if label in fleiss else None}
        for label, figures in data.get("labels", {}).items()
    }
    overall = {**data.get("overall", {}), "fleiss_kappa": total.kappa if total else None}
    return {"overall": overall, "labels": labels}
