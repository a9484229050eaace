"""Adjudication: building a gold layer from the comparison of two annotators' layers.

For each difference (comparison.py) the adjudicator accepts A's version, B's, both or
neither; the gold layer at that place becomes exactly that, and the decision is recorded with
an optional reason (`Decision`). Agreements can be accepted all at once. Each decision is one
edit (`Adjudicate`): one undo step, one transaction. The gold layer is an ordinary layer under
its own annotator name (GOLD by default), so it is compared, scored and exported like any.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from annotation.comparison import Comparison, Difference, Kind
from annotation.edits import (
    AddLink,
    AddSpan,
    Compound,
    Edit,
    RemoveLink,
    RemoveSpan,
    SetDecision,
)
from annotation.model import ATTRIBUTED_TO, Decision, DocumentId, Link, Origin, Span, SpanId, now
from annotation.ports import Store

GOLD = "gold"


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
class Adjudicate:
    """Make the gold layer at one difference what `choice` says, and record the decision.

    Works out its steps when applied (new gold spans need their ids before links to them can
    be made) and returns their inverses as one Compound, so undo and redo replay exactly."""

    layers: Layers
    difference: Difference
    choice: Choice
    reason: str = ""
    decided_by: str = ""
    # The whole document's comparison: links into gold follow the decisions on it. Without
    # it, only this difference is known.
    comparison: Comparison | None = None
    name: str = "Adjudicate"

    @property
    def document_id(self) -> DocumentId:
        return self.layers.document_id

    def apply(self, store: Store) -> Edit:
        comparison = self.comparison or Comparison((self.difference,))
        steps = _Steps(store, self.layers, comparison)
        d = self.difference
        if d.kind is Kind.LINKS:
            steps.attribute(d, self.choice)
        else:
            chosen = _chosen_spans(d, self.choice)
            kept = {_place(span) for span in chosen}
            for span in (d.a, d.b):
                # What gold already holds at a chosen place stays, with its id and its links
                # (made by hand, perhaps); only what the choice rejects goes.
                if span is not None and _place(span) not in kept:
                    steps.remove_gold_at(span)
            for span in chosen:
                steps.copy(span)
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
        steps.sync_links()
        return Compound(self.name, self.document_id, tuple(reversed(steps.inverses)))


def accept_agreements(
    comparison: Comparison, layers: Layers, decided_by: str, decisions: Sequence[Decision] = ()
) -> Edit:
    """One step accepting every agreement not yet decided."""
    decided = {d.key for d in decisions}
    return Compound(
        "Accept Agreements",
        layers.document_id,
        tuple(
            Adjudicate(layers, d, Choice.ACCEPT_A, decided_by=decided_by, comparison=comparison)
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


def _chosen_spans(d: Difference, choice: Choice) -> list[Span]:
    """The spans to copy into gold."""
    chosen: list[Span] = []
    if choice in (Choice.ACCEPT_A, Choice.BOTH) and d.a is not None:
        chosen.append(d.a)
    if choice in (Choice.ACCEPT_B, Choice.BOTH) and d.b is not None:
        chosen.append(d.b)
    return chosen


def _place(span: Span) -> tuple[str, int, int]:
    return (span.label, span.start, span.end)


class _Steps:
    """The edits one decision makes, applied as they are made, their inverses kept.

    Links into gold follow one rule, whatever the order of decisions: a gold claim is
    attributed to the gold counterparts of the speakers chosen for it: those of the LINKS
    decision on it when there is one, else those of the layer(s) whose claim it copies. Only
    links touching a span this decision added, or the claim a LINKS decision is about, are
    changed, so links made by hand elsewhere in gold stay."""

    def __init__(self, store: Store, layers: Layers, comparison: Comparison) -> None:
        self.store, self.layers, self.comparison = store, layers, comparison
        self.inverses: list[Edit] = []
        self.touched: set[SpanId] = set()  # gold spans added, or claims whose links were decided

    def do(self, edit: Edit) -> Edit:
        inverse = edit.apply(self.store)
        self.inverses.append(inverse)
        return inverse

    def gold_spans(self) -> list[Span]:
        return self.store.spans_for(self.layers.document_id, self.layers.gold)

    def gold_at(self, span: Span) -> Span | None:
        return next((g for g in self.gold_spans() if _place(g) == _place(span)), None)

    def remove_gold_at(self, span: Span) -> None:
        found = self.gold_at(span)
        if found is not None and found.id is not None:
            self.do(RemoveSpan(found.id, self.layers.document_id, name="Adjudicate"))

    def copy(self, span: Span) -> SpanId:
        """Copy a span into gold, unless gold has one there already."""
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
        self.touched.add(inverse.span_id)
        return inverse.span_id

    def attribute(self, d: Difference, choice: Choice) -> None:
        """A LINKS decision: make sure gold has the claim (unless the choice is neither and
        gold has none) and the chosen speakers; sync_links then links them."""
        assert d.a is not None and d.b is not None
        claim = self.gold_at(d.a) or self.gold_at(d.b)
        if claim is None and choice is not Choice.NEITHER:
            self.copy(d.b if choice is Choice.ACCEPT_B else d.a)
            claim = self.gold_at(d.b if choice is Choice.ACCEPT_B else d.a)
        if claim is None or claim.id is None:
            return
        self.touched.add(claim.id)
        refused = self._refused()
        if choice in (Choice.ACCEPT_A, Choice.BOTH):
            for speaker in d.a_speakers:
                if _place(speaker) not in refused:
                    self.copy(speaker)
        if choice in (Choice.ACCEPT_B, Choice.BOTH):
            for speaker in d.b_speakers:
                if _place(speaker) not in refused:
                    self.copy(speaker)

    def _refused(self) -> set[tuple[str, int, int]]:
        """Places whose own difference was decided "neither": a decision on a claim's
        speakers does not bring back a speaker the adjudicator has kept out of gold."""
        decided = {
            d.key: d.choice for d in self.store.decisions(self.layers.document_id, self.layers.gold)
        }
        return {
            _place(span)
            for d in self.comparison.differences
            if d.kind is not Kind.LINKS and decided.get(d.key()) == Choice.NEITHER
            for span in (d.a, d.b)
            if span is not None
        }

    def sync_links(self) -> None:
        """Add and remove gold links touching what this decision changed (see the class)."""
        if not self.touched:
            return
        gold = self.gold_spans()
        by_place = {_place(g): g.id for g in gold}
        decisions = {
            d.key: d.choice for d in self.store.decisions(self.layers.document_id, self.layers.gold)
        }
        wanted: set[tuple[SpanId | None, SpanId | None]] = set()
        for claim in gold:
            if claim.label != "CLAIM":
                continue
            for speaker in self._speakers_for(claim, decisions):
                target = by_place.get(_place(speaker))
                if target is not None:
                    wanted.add((claim.id, target))
        present = {
            (k.source_id, k.target_id): k
            for k in self.store.links_for(self.layers.document_id, self.layers.gold)
            if k.kind == ATTRIBUTED_TO
        }
        for ends, link in present.items():
            if ends not in wanted and self._touches(ends) and link.id is not None:
                self.do(RemoveLink(link.id, self.layers.document_id, name="Adjudicate"))
        for source, target in sorted(wanted - present.keys()):
            if self._touches((source, target)):
                assert source is not None and target is not None
                link = Link(ATTRIBUTED_TO, source, target)
                self.do(AddLink(link, self.layers.document_id, "Adjudicate"))

    def _touches(self, ends: tuple[SpanId | None, SpanId | None]) -> bool:
        return ends[0] in self.touched or ends[1] in self.touched

    def _speakers_for(self, claim: Span, decisions: dict[str, str]) -> list[Span]:
        """The layers' speakers chosen for a gold claim (see the class docstring)."""
        speakers: list[Span] = []
        for d in self.comparison.differences:
            if d.kind is Kind.LINKS and _place(claim) in {_place(s) for s in (d.a, d.b) if s}:
                choice = decisions.get(d.key())
                if choice is not None:
                    if choice in (Choice.ACCEPT_A, Choice.BOTH):
                        speakers += d.a_speakers
                    if choice in (Choice.ACCEPT_B, Choice.BOTH):
                        speakers += d.b_speakers
                    return speakers
        a_links, b_links = self._layer_speakers()
        for found in (a_links, b_links):
            for claim_span, speaker in found:
                if _place(claim_span) == _place(claim):
                    speakers.append(speaker)
        return speakers

    def _layer_speakers(self) -> tuple[list[tuple[Span, Span]], list[tuple[Span, Span]]]:
        """(claim, speaker) pairs of layers A and B."""
        result = []
        for name, links in (
            (self.layers.a, self.layers.a_links),
            (self.layers.b, self.layers.b_links),
        ):
            spans = {s.id: s for s in self.store.spans_for(self.layers.document_id, name)}
            result.append(
                [
                    (spans[k.source_id], spans[k.target_id])
                    for k in links
                    if k.kind == ATTRIBUTED_TO and k.source_id in spans and k.target_id in spans
                ]
            )
        return result[0], result[1]
