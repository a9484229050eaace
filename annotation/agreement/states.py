"""Whether a document could be compared, and if not why: never reported as agreement.

The rule turns on who *touched* a document: an annotator touched it when their layer has a
span (of any label), or when they recorded a status for it (new, in progress or done), so a
document marked done with nothing in it to tag counts as read.

- both touched, some span of the compared labels -> compared, and pooled into corpus
  figures: when one of them has no span, that is a real disagreement (F1 0, and their
  characters count as "out");
- both touched, no span of the compared labels -> both_empty: no figures, not pooled;
- only one touched -> only_a / only_b: the other has not done it yet; reported, not pooled;
- neither touched -> both_empty.
With three or more, the same: compared when everyone touched it and someone has a span,
all_empty when everyone touched it (or nobody did) and nobody has a span, partial when some
touched it and some did not; each pair follows the rule above, and is pooled when compared.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from annotation.model import Span


class State(StrEnum):
    """Whether a document could be compared, and if not why: never reported as agreement."""

    COMPARED = "compared"
    BOTH_EMPTY = "both_empty"
    ONLY_A = "only_a"
    ONLY_B = "only_b"
    # Three or more annotators: nobody has a span, or only some touched the document.
    ALL_EMPTY = "all_empty"
    PARTIAL = "partial"


def pair_state(
    a: Sequence[Span], b: Sequence[Span], touched: tuple[bool, bool] = (False, False)
) -> State:
    """Whether two layers (their spans of the compared labels) can be compared.

    `touched` says who touched the document without it showing in these spans (spans of
    other labels, or a recorded status); a layer with spans is touched whatever it says.
    """
    a_touched, b_touched = touched[0] or bool(a), touched[1] or bool(b)
    if a_touched and b_touched:
        return State.COMPARED if a or b else State.BOTH_EMPTY
    if a_touched:
        return State.ONLY_A
    return State.ONLY_B if b_touched else State.BOTH_EMPTY


def group_state(layers: Sequence[Sequence[Span]], touched: Sequence[bool] = ()) -> State:
    """A pair's state; for three or more, compared only when every annotator touched the
    document and someone has a span (`touched` as in `pair_state`, one flag a layer)."""
    flags = [bool(layer) or (i < len(touched) and touched[i]) for i, layer in enumerate(layers)]
    if len(layers) == 2:
        return pair_state(layers[0], layers[1], (flags[0], flags[1]))
    if all(flags):
        return State.COMPARED if any(layers) else State.ALL_EMPTY
    return State.PARTIAL if any(flags) else State.ALL_EMPTY
