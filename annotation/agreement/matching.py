"""Which spans of two layers correspond: exact matches, and one-to-one overlap matches."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator, Sequence

from annotation.model import Span

Pair = tuple[Span, Span]


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


def _preference(a: Span, b: Span) -> tuple[int, int, tuple[int, int], tuple[int, int]]:
    """Sort key of a candidate pair: exact first, longest overlap next, then position.

    Built only from the two spans' offsets, symmetrically, so swapping A and B keeps it.
    """
    overlap = min(a.end, b.end) - max(a.start, b.start)
    exact = (a.start, a.end) == (b.start, b.end)
    first, second = sorted(((a.start, a.end), (b.start, b.end)))
    return (0 if exact else 1, -overlap, first, second)
