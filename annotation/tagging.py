"""Tagging: turning a person's selection into a span, and moving a span's boundaries.

Selections snap to whole words by default (SnapMode.WORD), to exact characters on request
(never splitting a letter from its diacritics), or to the stem without its proclitics
(SnapMode.CLITIC: `لسورية` -> `سورية`). Which proclitics to drop is decided by what the
document itself says: a stem counts as a word when it also stands alone in the text, so
`لسورية` loses its ل in an article that mentions `سورية`, while `لبنان` stays whole.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace
from enum import StrEnum
from operator import attrgetter

from annotation.arabic import (
    SnapMode,
    Token,
    TokenKind,
    adjust_to_boundaries,
    normalise_for_match,
    snap_selection,
    strip_proclitics,
    token_at,
    tokenise,
)
from annotation.model import Document, Origin, Span
from annotation.tagset import Label


class TaggedText:
    """A document's text with what tagging needs precomputed: its tokens and its words."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.text = document.text
        self.tokens = tokenise(self.text)
        self.words = frozenset(
            normalise_for_match(token.text) for token in self.tokens if token.kind is TokenKind.WORD
        )

    def snap(self, start: int, end: int, mode: SnapMode) -> tuple[int, int] | None:
        """Where a selection of `[start, end)` lands in `mode`; None if it holds only spaces."""
        snapped = snap_selection(self.text, start, end, mode, self.tokens)
        if snapped is None or mode is not SnapMode.CLITIC:
            return snapped
        first = token_at(self.tokens, snapped[0])
        if first is None or first.start != snapped[0] or first.kind is not TokenKind.WORD:
            return snapped  # the person already chose where the stem starts
        whole = normalise_for_match(first.text)
        # The word itself is always "known"; only a shorter stem standing alone is evidence.
        known = lambda stem: stem != whole and stem in self.words  # noqa: E731
        stem = first.start + strip_proclitics(first.text, known)
        return (stem, snapped[1]) if stem < snapped[1] else snapped


def propose_span(
    tagged: TaggedText, annotator: str, label: Label, start: int, end: int, mode: SnapMode
) -> Span | None:
    """The span a selection becomes: snapped, with its covered text and the label's defaults."""
    snapped = tagged.snap(min(start, end), max(start, end), mode)
    if snapped is None:
        return None
    begin, finish = snapped
    document_id = tagged.document.id
    assert document_id is not None
    return Span(
        document_id=document_id,
        annotator=annotator,
        label=label.name,
        start=begin,
        end=finish,
        text=tagged.text[begin:finish],
        attributes=label.default_attributes(),
        origin=Origin.MANUAL,
    )


class Boundary(StrEnum):
    """Which end of a span to move."""

    START = "start"
    END = "end"


def move_boundary(tagged: TaggedText, span: Span, boundary: Boundary, words: int) -> Span | None:
    """The span with one boundary moved by `words` whole words (negative: towards the text's
    start); None when that would leave it empty or outside the text."""
    tokens = tagged.tokens
    if boundary is Boundary.START:
        index = _token_index_at_or_after(tokens, span.start) + words
        if not 0 <= index < len(tokens):
            return None
        start, end = tokens[index].start, span.end
    else:
        index = _token_index_at_or_before(tokens, span.end) + words
        if not 0 <= index < len(tokens):
            return None
        start, end = span.start, tokens[index].end
    if start >= end:
        return None
    return replace(span, start=start, end=end, text=tagged.text[start:end])


def drag_boundary(
    tagged: TaggedText, span: Span, boundary: Boundary, position: int, mode: SnapMode
) -> Span | None:
    """The span with one boundary dragged to `position`; only that boundary snaps (to a word
    edge, or in EXACT mode to a letter with its marks), the other stays exactly where it was.
    None when the span would be empty or turn inside out."""
    text = tagged.text
    if boundary is Boundary.END:
        if position <= span.start:
            return None
        if mode is SnapMode.EXACT:
            end = adjust_to_boundaries(text, position, position)[1]
        else:
            token = token_at(tagged.tokens, position - 1)
            end = token.end if token is not None and token.start < position else position
        while end > span.start and text[end - 1].isspace():
            end -= 1
        start = span.start
    else:
        if position >= span.end:
            return None
        if mode is SnapMode.EXACT:
            start = adjust_to_boundaries(text, position, position)[0]
        else:
            token = token_at(tagged.tokens, position)
            start = token.start if token is not None else position
        while start < span.end and text[start].isspace():
            start += 1
        end = span.end
    if start >= end:
        return None
    return replace(span, start=start, end=end, text=text[start:end])


def spans_at(spans: Sequence[Span], position: int) -> list[Span]:
    """The spans covering `position`, innermost (shortest) first."""
    covering = [span for span in spans if span.start <= position < span.end]
    return sorted(covering, key=lambda span: (span.end - span.start, span.start))


def _token_index_at_or_after(tokens: Sequence[Token], position: int) -> int:
    """The first token ending after `position`."""
    return bisect_right(tokens, position, key=attrgetter("end"))


def _token_index_at_or_before(tokens: Sequence[Token], position: int) -> int:
    """The last token starting before `position`."""
    return bisect_left(tokens, position, key=attrgetter("start")) - 1
