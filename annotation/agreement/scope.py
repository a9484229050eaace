"""What agreement compares unless told otherwise: the labels, the link kind, claim attributes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from annotation.model import Span

LINK_KIND = "ATTRIBUTED_TO"
CLAIM = "CLAIM"
# The labels of the default tag set: a label nobody used in a document still counts its
# characters as "out" for both, so corpus kappa pools the same items for every document.
DEFAULT_LABELS = ("SPEAKER", "CLAIM", "LOCATION")
# The choice attributes of a claim compared on matched claims. A claim where one annotator left
# one unset does not count for it: a value nobody chose is no agreement (new claims once got
# kind "indirect" and polarity "positive" unasked, so two annotators who never set kind agreed
# on it 1.000; issue 14, item 6).
CLAIM_ATTRIBUTES: tuple[str, ...] = ("kind", "polarity")


def resolve_labels(
    labels: Sequence[str] | None, layers: Iterable[Sequence[Span]]
) -> tuple[str, ...]:
    """The labels compared: those asked for, else the default ones and any other in the layers."""
    if labels is not None:
        return tuple(labels)
    seen = {span.label for layer in layers for span in layer} - set(DEFAULT_LABELS)
    return (*DEFAULT_LABELS, *sorted(seen))
