"""How the compare window colours spans: by how the two layers differ there, never by label."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtGui import QColor

from annotation.adjudication import decision_for
from annotation.comparison import Comparison, Difference, Kind
from annotation.model import Decision, SpanId
from ui.article.span_style import SpanLook
from ui.review.difference_words import Explainer

# A calm green where the layers agree and a distinct hue for each way they differ. LINKS is a
# frame, not a fill: the claim it is about already has the colour of its agreement or extent.
KIND_COLOURS = {
    Kind.AGREE: QColor(76, 175, 80),
    Kind.LABEL: QColor(142, 68, 173),
    Kind.EXTENT: QColor(243, 140, 18),
    Kind.ONLY_A: QColor(31, 119, 220),
    Kind.ONLY_B: QColor(220, 50, 47),
    Kind.LINKS: QColor(230, 190, 0),
}
# Translucent, so nested and overlapping spans stay visible (docs/arabic-in-qt.md); the current
# difference is filled more strongly and framed.
FILL_ALPHA = 80
CURRENT_FILL_ALPHA = 170
LINKS_OUTLINE_WIDTH = 2.0
CURRENT_OUTLINE_WIDTH = 3.0


def kind_colour(kind: Kind, alpha: int = 255) -> QColor:
    """The colour of a kind of difference."""
    colour = QColor(KIND_COLOURS[kind])
    colour.setAlpha(alpha)
    return colour


def span_looks(
    comparison: Comparison,
    sides: str,
    current: Difference | None,
    explainer: Explainer,
    decisions: Sequence[Decision] = (),
) -> dict[SpanId, SpanLook]:
    """The look of every span of `sides` ("a", "b" or "ab" for the overlay): its fill from
    the difference it belongs to, a yellow frame when its claim's speakers differ, a stronger
    fill and a frame for the current difference, and a tooltip explaining it all."""
    current_key = current.key() if current is not None else None
    found: dict[SpanId, list[Difference]] = {}
    for difference in comparison.differences:
        for side, span in (("a", difference.a), ("b", difference.b)):
            if side in sides and span is not None and span.id is not None:
                found.setdefault(span.id, []).append(difference)
    looks = {}
    for span_id, differences in found.items():
        own = next((d for d in differences if d.kind is not Kind.LINKS), differences[0])
        is_current = any(d.key() == current_key for d in differences)
        look = SpanLook(
            kind_colour(own.kind, CURRENT_FILL_ALPHA if is_current else FILL_ALPHA),
            tooltip="\n\n".join(
                explainer.explain(d, decision_for(d, decisions)) for d in differences
            ),
        )
        if any(d.kind is Kind.LINKS for d in differences):
            look = replace(look, outline=kind_colour(Kind.LINKS), outline_width=LINKS_OUTLINE_WIDTH)
        if is_current:
            frame = kind_colour(current.kind if current is not None else own.kind).darker(150)
            look = replace(look, outline=frame, outline_width=CURRENT_OUTLINE_WIDTH)
        looks[span_id] = look
    if sides == "ab":
        # In the overlay, B's span of an agreement or a relabelling covers exactly A's: filled
        # twice, it would look darker than any other agreement.
        for difference in comparison.differences:
            twin = difference.b.id if difference.b is not None else None
            if difference.kind in (Kind.AGREE, Kind.LABEL) and twin is not None and twin in looks:
                looks[twin] = replace(looks[twin], fill=QColor(0, 0, 0, 0), outline=None)
    if current is not None and current.kind is Kind.LINKS:
        # The speakers in question are framed too, so both ends of the disagreement show.
        speakers = [
            *(current.a_speakers if "a" in sides else ()),
            *(current.b_speakers if "b" in sides else ()),
        ]
        for speaker in speakers:
            if speaker.id is not None and speaker.id in looks:
                looks[speaker.id] = replace(
                    looks[speaker.id],
                    outline=kind_colour(Kind.LINKS).darker(120),
                    outline_width=LINKS_OUTLINE_WIDTH,
                )
    return looks
