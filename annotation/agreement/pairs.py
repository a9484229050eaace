"""Two layers of one document compared: per label, their links and their claims' attributes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from annotation.agreement.characters import Characters, by_label, contingency, covered
from annotation.agreement.figures import (
    AttributeAgreement,
    Contingency,
    Counts,
    JsonObject,
    confusion_table,
)
from annotation.agreement.matching import Pair, match_exact, match_overlap
from annotation.agreement.scope import (
    CLAIM,
    CLAIM_ATTRIBUTES,
    DEFAULT_LABELS,
    LINK_KIND,
    resolve_labels,
)
from annotation.model import Link, Span


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
    pairs: Iterable[Pair], attributes: Iterable[str] = CLAIM_ATTRIBUTES
) -> tuple[AttributeAgreement, ...]:
    """The attributes of matched CLAIM pairs on which both annotators chose a value: a claim
    where either left it unset (missing or empty) is not counted for that attribute."""
    claims = [(x, y) for x, y in pairs if x.label == CLAIM]
    return tuple(
        AttributeAgreement(
            name,
            confusion_table(
                Counter(
                    (a, b)
                    for a, b in ((_value(x, name), _value(y, name)) for x, y in claims)
                    if a is not None and b is not None
                )
            ),
        )
        for name in attributes
    )


def _value(span: Span, name: str) -> str | None:
    value = span.attributes.get(name)
    return None if value is None or value == "" else str(value)


# Two layers of one document


def compare_pair(
    text: str,
    a: Sequence[Span],
    b: Sequence[Span],
    a_links: Sequence[Link] = (),
    b_links: Sequence[Link] = (),
    labels: Sequence[str] | None = None,
    attributes: Sequence[str] = CLAIM_ATTRIBUTES,
) -> PairAgreement:
    """Two layers of one document, as counts whatever they hold (`pair_state` says if they
    can be compared); spans of other labels, and links to them, are left out."""
    chosen = resolve_labels(labels, (a, b))
    return compare_layers(Characters(text), a, b, (a_links, b_links), chosen, attributes)


def compare_layers(
    characters: Characters,
    a: Sequence[Span],
    b: Sequence[Span],
    links: tuple[Sequence[Link], Sequence[Link]],
    labels: tuple[str, ...],
    attributes: Sequence[str],
) -> PairAgreement:
    """`compare_pair` on a text whose characters are already counted, for the chosen labels."""
    a = [span for span in a if span.label in labels]
    b = [span for span in b if span.label in labels]
    exact = span_counts(a, b, match_exact(a, b), labels)
    pairs = match_overlap(a, b)
    overlap = span_counts(a, b, pairs, labels)
    a_by, b_by = by_label(a), by_label(b)
    per_label = tuple(
        LabelAgreement(
            label,
            exact[label],
            overlap[label],
            contingency(characters, covered(a_by[label]), covered(b_by[label])),
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
