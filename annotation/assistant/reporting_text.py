"""An article as the reporting rules read it: tokens with their normalised forms, sentences,
and quotations paired by their marks.

Quotation marks are paired by which side touches a word, not by their shape, because Arabic
papers use them both ways round («…», »…», ”…”) and use the straight " for both ends.
A quote never crosses a line; one left open runs to the end of its sentence.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from annotation.arabic import Token, TokenKind, normalise_for_match, tokenise

_SENTENCE_MARKS = frozenset(".!?؟")
_OPENING_SHAPES = frozenset("«“„‹")
_TANWEEN_FATH = "\u064b"


@dataclass(frozen=True, slots=True)
class Extent:
    """A stretch [start, end) of the text in code points, and the text it covers."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: its opening mark's token, where its content ends (the closing mark's
    token, or the end of the sentence for one left open) and the token after it."""

    opening: int
    content_end: int
    after: int
    words: int


class ArticleTokens:
    """Tokens of one text with their normalised forms, sentences and quotations."""

    def __init__(self, text: str, quote_marks: frozenset[str]) -> None:
        self.text = text
        self.tokens: list[Token] = tokenise(text)
        self.norms = [normalise_for_match(token.text) for token in self.tokens]
        self.paragraph_starts = [0]
        self.sentence_starts = self._sentences()
        self.quotes: dict[int, Quote] = {}
        self.quote_marks = quote_marks
        self._pair_quotes()

    def is_word(self, i: int) -> bool:
        return i < len(self.tokens) and self.tokens[i].kind is TokenKind.WORD

    def is_punct(self, i: int, marks: str | frozenset[str] | None = None) -> bool:
        """True for a punctuation token (one of `marks`, if given); False past the end."""
        if i >= len(self.tokens):
            return False
        token = self.tokens[i]
        return token.kind is TokenKind.PUNCT and (marks is None or token.text in marks)

    def norm(self, i: int) -> str:
        """The normalised form of token i, or "" past the end."""
        return self.norms[i] if i < len(self.norms) else ""

    def extent(self, first: int, end: int) -> Extent:
        """The text offsets of tokens [first, end)."""
        start, stop = self.tokens[first].start, self.tokens[end - 1].end
        return Extent(start, stop, self.text[start:stop])

    def has_tanween_fath(self, i: int) -> bool:
        """An indefinite accusative (بيانًا): an object or adverb, never part of a name."""
        return _TANWEEN_FATH in self.tokens[i].text

    def sentence_start(self, i: int) -> int:
        """The first token of the sentence holding token i."""
        return self.sentence_starts[bisect_right(self.sentence_starts, i) - 1]

    def sentence_end(self, i: int) -> int:
        """The token after the sentence holding token i (its full stop included)."""
        index = bisect_right(self.sentence_starts, i)
        starts = self.sentence_starts
        return starts[index] if index < len(starts) else len(self.tokens)

    def paragraph_start(self, i: int) -> int:
        """The first token of the paragraph (the line) holding token i."""
        return self.paragraph_starts[bisect_right(self.paragraph_starts, i) - 1]

    def enclosing_quote(self, i: int) -> Quote | None:
        """The innermost quotation whose content holds token i."""
        inside = [q for q in self.quotes.values() if q.opening < i < q.content_end]
        return max(inside, key=lambda q: q.opening, default=None)

    def _line_break_before(self, i: int) -> bool:
        return i > 0 and "\n" in self.text[self.tokens[i - 1].end : self.tokens[i].start]

    def _sentences(self) -> list[int]:
        starts = [0]
        for i in range(1, len(self.tokens)):
            previous = self.tokens[i - 1]
            # A full stop touching the next word is an abbreviation (د.ريان), not an end.
            ends = (
                previous.text in _SENTENCE_MARKS
                and previous.end < len(self.text)
                and not self.text[previous.end].isalpha()
            )
            if self._line_break_before(i):
                self.paragraph_starts.append(i)
            if ends or self.paragraph_starts[-1] == i:
                starts.append(i)
        return starts

    def _pair_quotes(self) -> None:
        open_marks: list[int] = []
        for i, token in enumerate(self.tokens):
            if self._line_break_before(i):
                self._close_unpaired(open_marks)
            if token.kind is not TokenKind.PUNCT or token.text not in self.quote_marks:
                continue
            if self._opens(i, bool(open_marks)):
                open_marks.append(i)
            elif open_marks:
                opening = open_marks.pop()
                self._add_quote(opening, i, i + 1)
        self._close_unpaired(open_marks)

    def _opens(self, i: int, any_open: bool) -> bool:
        token, text = self.tokens[i], self.text
        before = text[token.start - 1] if token.start > 0 else " "
        after = text[token.end] if token.end < len(text) else " "
        touches_next = not after.isspace() and after not in ".,،:؛!?؟"
        touches_previous = not before.isspace()
        if touches_next != touches_previous:
            return touches_next
        return token.text in _OPENING_SHAPES or not any_open

    def _close_unpaired(self, open_marks: list[int]) -> None:
        for opening in open_marks:
            end = self.sentence_end(opening)
            content_end = end - 1 if end - 1 > opening and self.is_punct(end - 1) else end
            self._add_quote(opening, content_end, content_end)
        open_marks.clear()

    def _add_quote(self, opening: int, content_end: int, after: int) -> None:
        words = sum(1 for k in range(opening + 1, content_end) if self.is_word(k))
        self.quotes[opening] = Quote(opening, content_end, after, words)
