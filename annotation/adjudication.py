"""Adjudication: building a gold layer from the comparison of two annotators' layers.

For each difference (comparison.py) the adjudicator accepts A's version, B's, both or
neither; the gold layer at that place becomes exactly that, and the decision is recorded with
an optional reason (`Decision`). Agreements can be accepted all at once. Each decision is one
edit (`Adjudicate`): one undo step, one transaction. The gold layer is an ordinary layer under
its own annotator name (GOLD by default), so it is compared, scored and exported like any.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from annotation.comparison import Comparison, Difference, Kind
from annotation.edits import AddLink, AddSpan, Change, Compound, Edit, RemoveLink, RemoveSpan
from annotation.model import Decision, DocumentId, Link, Origin, Span, SpanId, now
from annotation.ports import Store

GOLD = "gold"
ATTRIBUTED_TO = "ATTRIBUTED_TO"


class Choice(StrEnum):
    """What goes into the gold layer at one difference."""

    ACCEPT_A = "accept_a"
    ACCEPT_B = "accept_b"
    BOTH = "both"
    NEITHER = "neither"
    EDITED = "edited"  # the adjudicator changed the gold layer there by hand


def choices_for(difference: Difference) -> list[Choice]:
    """The choices that make sense for a difference (both spans of an agreement are one)."""
    if difference.kind is Kind.AGREE:
        return [Choice.ACCEPT_A, Choice.NEITHER]
    if difference.kind is Kind.ONLY_A:
        return [Choice.ACCEPT_A, Choice.NEITHER]
    if difference.kind is Kind.ONLY_B:
        return [Choice.ACCEPT_B, Choice.NEITHER]
    if difference.kind is Kind.LINKS:
        return [Choice.ACCEPT_A, Choice.ACCEPT_B, Choice.BOTH, Choice.NEITHER]
    return [Choice.ACCEPT_A, Choice.ACCEPT_B, Choice.BOTH, Choice.NEITHER]


@dataclass(frozen=True, slots=True)
class Layers:
    """The two layers being adjudicated on one document, and the gold layer's name."""

    document_id: DocumentId
    a: str
    b: str
    a_links: tuple[Link, ...] = ()
    b_links: tuple[Link, ...] = ()
    gold: str = GOLD


@dataclass(frozen=True, slots=True)
class SetDecision:
    """Record (or with None forget) the decision on one difference."""

    document_id: DocumentId
    gold: str
    key: str
    decision: Decision | None
    name: str = "Decide"
    changes: frozenset[Change] = frozenset({Change.STATUS})

    def apply(self, store: Store) -> Edit:
        before = next(
            (d for d in store.decisions(self.document_id, self.gold) if d.key == self.key), None
        )
        store.set_decision(self.document_id, self.gold, self.key, self.decision)
        return replace(self, decision=before)


@dataclass(frozen=True, slots=True)
class Adjudicate:
    """Make the gold layer at one difference what `choice` says, and record the decision.

    Works out its steps when applied (new gold spans need their ids before links to them can
    be made) and returns their inverses as one Compound, so undo and redo replay exactly."""

    layers: Layers
    difference: Difference
    choice: Choice
    reason: str = ""
    decided_by: str = ""
    name: str = "Adjudicate"
    changes: frozenset[Change] = field(
        default=frozenset({Change.SPANS, Change.LINKS, Change.STATUS})
    )

    @property
    def document_id(self) -> DocumentId:
        return self.layers.document_id

    def apply(self, store: Store) -> Edit:
        steps = _Steps(store, self.layers)
        d = self.difference
        if d.kind is Kind.LINKS:
            steps.attribute(d, self.choice)
        else:
            chosen = _chosen_spans(d, self.choice)
            for span in (d.a, d.b):
                if span is not None:
                    steps.remove_gold_at(span)
            for span, side_links in chosen:
                steps.copy(span, side_links)
        decision = Decision(
            self.document_id,
            self.layers.gold,
            d.key(),
            self.choice.value,
            self.reason,
            self.decided_by,
            now(),
        )
        steps.do(SetDecision(self.document_id, self.layers.gold, d.key(), decision))
        return Compound(self.name, self.document_id, tuple(reversed(steps.inverses)), self.changes)


def accept_agreements(
    comparison: Comparison, layers: Layers, decided_by: str, decisions: Sequence[Decision] = ()
) -> Edit:
    """One step accepting every agreement not yet decided."""
    decided = {d.key for d in decisions}
    return Compound(
        "Accept Agreements",
        layers.document_id,
        tuple(
            Adjudicate(layers, d, Choice.ACCEPT_A, decided_by=decided_by)
            for d in comparison.differences
            if d.kind is Kind.AGREE and d.key() not in decided
        ),
    )


@dataclass(frozen=True, slots=True)
class Progress:
    """How much of a document's comparison has been decided."""

    decided: int
    total: int

    @property
    def done(self) -> bool:
        return self.decided >= self.total


def progress(comparison: Comparison, decisions: Sequence[Decision]) -> Progress:
    """Decided differences (agreements included) against all of them."""
    keys = {d.key for d in decisions}
    return Progress(
        sum(1 for d in comparison.differences if d.key() in keys), len(comparison.differences)
    )


def decision_for(difference: Difference, decisions: Sequence[Decision]) -> Decision | None:
    """The decision recorded on a difference, if any."""
    key = difference.key()
    return next((d for d in decisions if d.key == key), None)


def _chosen_spans(d: Difference, choice: Choice) -> list[tuple[Span, str]]:
    """The spans to copy into gold, each with the side ("a" or "b") whose links come too."""
    chosen: list[tuple[Span, str]] = []
    if choice in (Choice.ACCEPT_A, Choice.BOTH) and d.a is not None:
        chosen.append((d.a, "a"))
    if choice in (Choice.ACCEPT_B, Choice.BOTH) and d.b is not None:
        chosen.append((d.b, "b"))
    return chosen


class _Steps:
    """The edits one decision makes, applied as they are made, their inverses kept."""

    def __init__(self, store: Store, layers: Layers) -> None:
        self.store, self.layers = store, layers
        self.inverses: list[Edit] = []

    def do(self, edit: Edit) -> Edit:
        inverse = edit.apply(self.store)
        self.inverses.append(inverse)
        return inverse

    def gold_spans(self) -> list[Span]:
        return self.store.spans_for(self.layers.document_id, self.layers.gold)

    def gold_at(self, span: Span) -> Span | None:
        place = (span.label, span.start, span.end)
        return next((g for g in self.gold_spans() if (g.label, g.start, g.end) == place), None)

    def remove_gold_at(self, span: Span) -> None:
        found = self.gold_at(span)
        if found is not None and found.id is not None:
            self.do(RemoveSpan(found.id, self.layers.document_id, name="Adjudicate"))

    def copy(self, span: Span, side: str) -> SpanId:
        """Copy a span into gold (unless there already), with its links to spans gold has."""
        existing = self.gold_at(span)
        if existing is not None and existing.id is not None:
            return existing.id
        gold_span = replace(
            span,
            id=None,
            annotator=self.layers.gold,
            origin=Origin.MANUAL,
            created_at=None,
            updated_at=None,
        )
        inverse = self.do(AddSpan(gold_span, name="Adjudicate"))
        assert isinstance(inverse, RemoveSpan)
        new_id = inverse.span_id
        links = self.layers.a_links if side == "a" else self.layers.b_links
        layer = self.layers.a if side == "a" else self.layers.b
        source = {s.id: s for s in self.store.spans_for(self.layers.document_id, layer)}
        for link in links:
            if span.id not in (link.source_id, link.target_id):
                continue
            other = source.get(link.target_id if link.source_id == span.id else link.source_id)
            counterpart = self.gold_at(other) if other is not None else None
            if counterpart is None or counterpart.id is None:
                continue
            ends = (
                (new_id, counterpart.id) if link.source_id == span.id else (counterpart.id, new_id)
            )
            self._link(link.kind, *ends)
        return new_id

    def attribute(self, d: Difference, choice: Choice) -> None:
        """Set the gold claim's speakers to A's, B's, both or none."""
        assert d.a is not None and d.b is not None
        claim_source, side = (d.a, "a") if choice is not Choice.ACCEPT_B else (d.b, "b")
        claim = self.copy(claim_source, side)
        wanted: list[tuple[Span, str]] = []
        if choice in (Choice.ACCEPT_A, Choice.BOTH):
            wanted += [(s, "a") for s in d.a_speakers]
        if choice in (Choice.ACCEPT_B, Choice.BOTH):
            wanted += [(s, "b") for s in d.b_speakers]
        speakers = {self.copy(s, s_side) for s, s_side in wanted}
        for link in self.store.links_for(self.layers.document_id, self.layers.gold):
            if link.source_id == claim and link.kind == ATTRIBUTED_TO and link.id is not None:
                if link.target_id in speakers:
                    speakers.discard(link.target_id)
                else:
                    self.do(RemoveLink(link.id, self.layers.document_id, name="Adjudicate"))
        for speaker in sorted(speakers):
            self._link(ATTRIBUTED_TO, claim, speaker)

    def _link(self, kind: str, source: SpanId, target: SpanId) -> None:
        present = {
            (k.kind, k.source_id, k.target_id)
            for k in self.store.links_for(self.layers.document_id, self.layers.gold)
        }
        if (kind, source, target) not in present:
            self.do(AddLink(Link(kind, source, target), self.layers.document_id, "Adjudicate"))
