"""Attribution: linking each claim to the speaker(s) it is attributed to.

Which labels may be linked, and how, comes from the tag set's link types (CLAIM
ATTRIBUTED_TO SPEAKER by default). A claim may have several speakers and a speaker many
claims; deleting either end removes the link in the same step (edits.RemoveSpan).
"""

from __future__ import annotations

from collections.abc import Sequence

from annotation.edits import AddLink, RemoveLink
from annotation.model import Link, Span
from annotation.tagset import LinkType, TagSet


class AttributionError(ValueError):
    """A link the tag set does not allow, or one that is already there."""


def link_type(tagset: TagSet, source_label: str, target_label: str) -> LinkType | None:
    """The kind of link the tag set allows from one label to another, if any."""
    return next(
        (
            t
            for t in tagset.link_types
            if (t.source_label, t.target_label) == (source_label, target_label)
        ),
        None,
    )


def gap(a: Span, b: Span) -> int:
    """How many characters lie between two spans (0 when they touch or overlap)."""
    return max(0, max(a.start, b.start) - min(a.end, b.end))


def speaker_candidates(tagset: TagSet, claim: Span, spans: Sequence[Span]) -> list[Span]:
    """The spans a claim may be attributed to, nearest first; at equal distance the one
    before the claim first, as Arabic news usually names the speaker before the words."""
    targets = {t.target_label for t in tagset.link_types if t.source_label == claim.label}
    candidates = [span for span in spans if span.label in targets and span.id != claim.id]
    return sorted(
        candidates, key=lambda span: (gap(claim, span), span.start > claim.start, span.start)
    )


def attribute(
    tagset: TagSet, claim: Span, speaker: Span, links: Sequence[Link], name: str
) -> AddLink:
    """The edit that attributes `claim` to `speaker`, checked against the tag set."""
    kind = link_type(tagset, claim.label, speaker.label)
    if kind is None:
        raise AttributionError(f"a {claim.label} cannot be linked to a {speaker.label}")
    if claim.id is None or speaker.id is None:
        raise AttributionError("only stored spans can be linked")
    if any(
        (link.source_id, link.target_id, link.kind) == (claim.id, speaker.id, kind.name)
        for link in links
    ):
        raise AttributionError(f"“{claim.text[:40]}” is already attributed to “{speaker.text}”")
    return AddLink(Link(kind.name, claim.id, speaker.id), claim.document_id, name=name)


def detach(link: Link, claim: Span, name: str) -> RemoveLink:
    """The edit that removes one link."""
    assert link.id is not None
    return RemoveLink(link.id, claim.document_id, name=name)
