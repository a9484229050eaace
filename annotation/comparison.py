"""Where two layers of one document agree and how they differ, for the compare view and for
adjudication.

Each span of A and of B ends up in exactly one `Difference`, found in this order:
1. AGREE: the same label, start and end in both;
2. LABEL: the same extent with another label;
3. EXTENT: the same label on overlapping but different extents (one-to-one, as
   agreement.match_overlap pairs them);
4. ONLY_A, ONLY_B: what is left.
Then, for each pair of claims found in 1 or 3, LINKS when the claims are attributed to
different speakers (the speakers compared through the same pairing). A document's
differences are sorted by position, so "next disagreement" walks the text in reading order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from annotation.agreement import match_exact, match_overlap
from annotation.model import ATTRIBUTED_TO, Link, Span, SpanId


class Kind(StrEnum):
    """How two layers relate at one place."""

    AGREE = "agree"
    LABEL = "label"  # same extent, another label
    EXTENT = "extent"  # same label, overlapping extents
    ONLY_A = "only_a"
    ONLY_B = "only_b"
    LINKS = "links"  # matched claims attributed to different speakers


@dataclass(frozen=True, slots=True)
class Difference:
    """One place where the layers agree or differ. `a` and `b` are the spans involved (one
    of them None for ONLY_A / ONLY_B); for LINKS they are the claims, and `a_speakers` /
    `b_speakers` the spans each layer attributes the claim to."""

    kind: Kind
    a: Span | None
    b: Span | None
    a_speakers: tuple[Span, ...] = ()
    b_speakers: tuple[Span, ...] = ()

    @property
    def start(self) -> int:
        return min(s.start for s in (self.a, self.b) if s is not None)

    @property
    def end(self) -> int:
        return max(s.end for s in (self.a, self.b) if s is not None)

    @property
    def is_agreement(self) -> bool:
        return self.kind is Kind.AGREE

    def key(self) -> str:
        """A name for this difference that stays the same while neither layer changes here;
        adjudication records its decisions under it."""

        def place(span: Span | None) -> str:
            return f"{span.label}:{span.start}-{span.end}" if span is not None else "-"

        key = f"{self.kind.value} {place(self.a)} {place(self.b)}"
        if self.kind is Kind.LINKS:
            key += " " + ",".join(place(s) for s in self.a_speakers)
            key += " " + ",".join(place(s) for s in self.b_speakers)
        return key


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two layers of one document side by side."""

    differences: tuple[Difference, ...]

    def disagreements(self) -> list[Difference]:
        """Everything but the agreements, in reading order."""
        return [d for d in self.differences if not d.is_agreement]

    def count(self, kind: Kind) -> int:
        return sum(1 for d in self.differences if d.kind is kind)

    def summary(self) -> dict[Kind, int]:
        """How many of each kind."""
        return {kind: self.count(kind) for kind in Kind}

    def at(self, position: int) -> list[Difference]:
        """The differences covering a character position, innermost first."""
        found = [d for d in self.differences if d.start <= position < d.end]
        return sorted(found, key=lambda d: d.end - d.start)


def compare_layers(
    a: Sequence[Span],
    b: Sequence[Span],
    a_links: Sequence[Link] = (),
    b_links: Sequence[Link] = (),
) -> Comparison:
    """Classify every span of the two layers (see the module's docstring)."""
    differences: list[Difference] = []
    exact = match_exact(a, b)
    differences += [Difference(Kind.AGREE, x, y) for x, y in exact]
    rest_a = _without(a, [x for x, _ in exact])
    rest_b = _without(b, [y for _, y in exact])
    relabelled = _same_extent(rest_a, rest_b)
    differences += [Difference(Kind.LABEL, x, y) for x, y in relabelled]
    rest_a = _without(rest_a, [x for x, _ in relabelled])
    rest_b = _without(rest_b, [y for _, y in relabelled])
    moved = match_overlap(rest_a, rest_b)
    differences += [Difference(Kind.EXTENT, x, y) for x, y in moved]
    rest_a = _without(rest_a, [x for x, _ in moved])
    rest_b = _without(rest_b, [y for _, y in moved])
    differences += [Difference(Kind.ONLY_A, x, None) for x in rest_a]
    differences += [Difference(Kind.ONLY_B, None, y) for y in rest_b]
    paired = exact + moved
    differences += _link_differences(paired, a, b, a_links, b_links)
    differences.sort(key=lambda d: (d.start, -d.end, d.kind.value))
    return Comparison(tuple(differences))


def _without(spans: Sequence[Span], taken: Sequence[Span]) -> list[Span]:
    gone = {id(span) for span in taken}
    return [span for span in spans if id(span) not in gone]


def _same_extent(a: Sequence[Span], b: Sequence[Span]) -> list[tuple[Span, Span]]:
    waiting: dict[tuple[int, int], list[Span]] = {}
    for span in reversed(b):
        waiting.setdefault((span.start, span.end), []).append(span)
    pairs = []
    for span in a:
        twins = waiting.get((span.start, span.end))
        if twins:
            pairs.append((span, twins.pop()))
    return pairs


def _link_differences(
    paired: Sequence[tuple[Span, Span]],
    a: Sequence[Span],
    b: Sequence[Span],
    a_links: Sequence[Link],
    b_links: Sequence[Link],
) -> list[Difference]:
    b_for_a = {x.id: y.id for x, y in paired}
    a_spans = {s.id: s for s in a}
    b_spans = {s.id: s for s in b}
    a_speakers = _speakers(a_links)
    b_speakers = _speakers(b_links)
    found = []
    for x, y in paired:
        if x.label != "CLAIM":
            continue
        theirs = b_speakers.get(y.id, set())
        mine = a_speakers.get(x.id, set())
        if {b_for_a.get(s) for s in mine} != theirs:
            found.append(
                Difference(
                    Kind.LINKS,
                    x,
                    y,
                    tuple(sorted((a_spans[s] for s in mine), key=lambda s: s.start)),
                    tuple(sorted((b_spans[s] for s in theirs), key=lambda s: s.start)),
                )
            )
    return found


def _speakers(links: Sequence[Link]) -> dict[SpanId | None, set[SpanId | None]]:
    speakers: dict[SpanId | None, set[SpanId | None]] = {}
    for link in links:
        if link.kind == ATTRIBUTED_TO:
            speakers.setdefault(link.source_id, set()).add(link.target_id)
    return speakers
