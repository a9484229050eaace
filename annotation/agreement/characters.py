"""Characters as the items of kappa and alpha: per label, each non-whitespace character is
"in" for an annotator when one of their spans of that label covers it (nested spans once).

Whitespace is left out because where a span ends around a space is not a decision anyone
makes, and counting spaces would reward agreeing about nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import accumulate

from annotation.agreement.figures import Contingency, Coverage
from annotation.agreement.scope import DEFAULT_LABELS
from annotation.model import Span

Interval = tuple[int, int]


class Characters:
    """Counts the non-whitespace characters of any range of one text in constant time."""

    def __init__(self, text: str) -> None:
        self.prefix = [0, *accumulate(not c.isspace() for c in text)]
        self.length = len(text)

    @property
    def total(self) -> int:
        """How many non-whitespace characters the whole text has."""
        return self.prefix[-1]

    def count(self, start: int, end: int) -> int:
        """How many non-whitespace characters [start, end) holds (clipped to the text)."""
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


def _histogram(layers: Sequence[list[Interval]], characters: Characters) -> list[int]:
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


def contingency(characters: Characters, a: list[Interval], b: list[Interval]) -> Contingency:
    """The 2x2 table of two layers' covered stretches over the text's characters."""
    histogram = _histogram((a, b), characters)
    only_a = sum(characters.count(start, end) for start, end in a) - histogram[2]
    return Contingency(histogram[2], only_a, histogram[1] - only_a, histogram[0])


def character_counts(
    text: str, a: Sequence[Span], b: Sequence[Span], labels: Sequence[str] = DEFAULT_LABELS
) -> dict[str, Contingency]:
    """Per label, the 2x2 table of in/out decisions on the text's non-whitespace characters."""
    characters = Characters(text)
    a_by, b_by = by_label(a), by_label(b)
    return {
        label: contingency(characters, covered(a_by[label]), covered(b_by[label]))
        for label in labels
    }


def fleiss_counts(
    text: str, layers: Sequence[Sequence[Span]], labels: Sequence[str] = DEFAULT_LABELS
) -> dict[str, Coverage]:
    """Per label, how many annotators put each non-whitespace character in (for Fleiss)."""
    return coverages(Characters(text), layers, labels)


def coverages(
    characters: Characters, layers: Sequence[Sequence[Span]], labels: Sequence[str]
) -> dict[str, Coverage]:
    """Per label, the histogram of how many of the layers cover each character."""
    grouped = [by_label(layer) for layer in layers]
    return {
        label: Coverage(
            len(layers),
            tuple(_histogram([covered(by[label]) for by in grouped], characters)),
        )
        for label in labels
    }


def by_label(spans: Iterable[Span]) -> defaultdict[str, list[Span]]:
    """The spans grouped by label (an unused label gives an empty list)."""
    grouped: defaultdict[str, list[Span]] = defaultdict(list)
    for span in spans:
        grouped[span.label].append(span)
    return grouped
