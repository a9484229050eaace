"""Tagging: turning a person's selection into a span, and moving a span's boundaries.

Selections snap to whole words by default (SnapMode.WORD), to exact characters on request
(never splitting a letter from its diacritics), or to the stem without its proclitics
(SnapMode.CLITIC: `لسورية` -> `سورية`). Which proclitics to drop (proclitic_cut) is decided by
real knowledge first, then by what the document itself says (issue 14, item 13):
1. a known name (annotation.known_names: the gazetteer, a list of names that begin with
   proclitic letters, the entity registry) is never cut: `كاليفورنيا`, `لبنان`, `وجدة`, `كمال`;
2. else the longest stem that is a known name: `فلبنان` -> `لبنان`, `وبالعراق` -> `العراق`;
3. else the shortest stem that stands alone in the text, unless it is a function word (`إلى`
   folds to `الي`, which would cut `والي`) or itself starts with a proclitic letter that could
   be one (`بالقاهرة` in the text is no evidence for `وبالقاهرة`; nor `بنان` for `فبنان`);
4. else the article rule of annotation.arabic.strip_proclitics (`وبالقاهرة` -> `القاهرة`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from enum import StrEnum
from functools import cached_property
from operator import attrgetter

from annotation.arabic import (
    SnapMode,
    Token,
    TokenKind,
    adjust_to_boundaries,
    normalise_for_match,
    proclitic_splits,
    snap_selection,
    strip_proclitics,
    token_at,
    tokenise,
)
from annotation.known_names import FUNCTION_WORDS, bundled_names, single_words
from annotation.model import Document, Origin, Span
from annotation.tagset import Label


class TaggedText:
    """A document's text with what tagging needs: its tokens and its words, and the names known
    besides the bundled ones (the entity registry's names and aliases). Each is worked out when
    first asked for (`prepare` asks for all), so opening a document does not wait for them."""

    def __init__(self, document: Document, names: Iterable[str] = ()) -> None:
        self.document = document
        self.text = document.text
        self._known_names = tuple(names)

    @cached_property
    def tokens(self) -> list[Token]:
        return tokenise(self.text)

    @cached_property
    def words(self) -> frozenset[str]:
        return frozenset(
            normalise_for_match(token.text) for token in self.tokens if token.kind is TokenKind.WORD
        )

    @cached_property
    def names(self) -> frozenset[str]:
        return bundled_names() | single_words(self._known_names)

    def prepare(self) -> None:
        """Work out now what the first tag would otherwise wait for."""
        for _ in (self.tokens, self.words, self.names):
            pass

    def snap(self, start: int, end: int, mode: SnapMode) -> tuple[int, int] | None:
        """Where a selection of `[start, end)` lands in `mode`; None if it holds only spaces."""
        snapped = snap_selection(self.text, start, end, mode, self.tokens)
        if snapped is None or mode is not SnapMode.CLITIC:
            return snapped
        first = token_at(self.tokens, snapped[0])
        if first is None or first.start != snapped[0] or first.kind is not TokenKind.WORD:
            return snapped  # the person already chose where the stem starts
        stem = first.start + proclitic_cut(first.text, self.words, self.names)
        return (stem, snapped[1]) if stem < snapped[1] else snapped


def prepare_tables() -> None:
    """Build, once a process, what every document's tagging shares: the tokeniser's character
    classes (0.1 s) and the bundled names. Done when a session starts, so that the first
    document's tokens, worked out just after it is shown, cost only themselves."""
    tokenise("")
    bundled_names()


def proclitic_cut(word: str, text_words: Collection[str], names: Collection[str]) -> int:
    """Where `word`'s stem starts once its proclitics are dropped (0: keep it whole), from the
    known `names` first and the folded words of its text next (see the module's docstring)."""
    if normalise_for_match(word) in names:
        return 0
    stems = [(split, normalise_for_match(word[split:])) for split in proclitic_splits(word)]
    for split, stem in stems:  # shortest proclitics first: the longest known name
        if stem in names:
            return split
    for split, stem in reversed(stems):
        if stem in text_words and stem not in FUNCTION_WORDS and not _may_carry(word[split:]):
            return split
    return strip_proclitics(word)


def _may_carry(stem: str) -> bool:
    """Whether `stem` itself starts with a conjunction or preposition it could be cut after."""
    splits = proclitic_splits(stem)
    return bool(splits) and normalise_for_match(stem)[:1] in "وفبكل"


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
