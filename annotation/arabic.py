"""Arabic text handling: normalisation with an offset map, tokens, boundaries, clitic snapping.

Offsets are half-open [start, end) code-point indices into the original text. Decisions:
- Normalisation maps every character to one character or deletes it (never one to two), so the
  map back is fully described by where the deleted characters were. It is for matching only.
- Tokens: WORD is letters (category L*, tatweel included) with their marks; NUMBER is digits
  (any Nd) with single `.` `,` `٫` `٬` between them; PUNCT is one P*, Sm, Sc or Sk character;
  OTHER is any other visible character (emoji are So, so they are OTHER). Marks, ZWJ and emoji
  skin tones stick to the character before them, and a ZWJ joins an emoji sequence. Whitespace
  and format controls (Cf: bidi marks, BOM) are never tokens; inside a word they are kept.
- A mark after whitespace or a control has nothing to sit on: it starts its own cluster.
- Proclitics form the chain (و|ف)? (ب|ك|ل)? (ال)? before a stem that starts with a letter and
  has two letters or more, with a split point after each part. `لل` is ل with the article's alef
  elided: its only split point is after `لل`. The article must be a plain alef (or alef wasla):
  `ألمانيا` has none. Split points are found on normalised letters and fall after the clitic's
  marks and tatweel.
- Without a lexicon only an article chain is stripped (`وبالقاهرة` -> `القاهرة`), and only
  before a stem of three letters or more, so `والده` and `لبنان`, `بغداد`, `واشنطن` stay whole;
  `للقاهرة` stays whole too, since `القاهرة` is not in it. With a lexicon, a word no split of
  which is known falls back to that rule.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from itertools import chain
from operator import attrgetter

# Combining marks: tashkeel/harakat, superscript alef, Quranic marks.
_MARK_RANGES = ((0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED))
# Deleted but not marks: tatweel, Arabic letter mark, zero-width and bidi controls, BOM.
_INVISIBLE_RANGES = (
    (0x0640, 0x0640), (0x061C, 0x061C), (0x200B, 0x200F), (0x202A, 0x202E), (0x2066, 0x2069),
    (0xFEFF, 0xFEFF),
)  # fmt: skip


def _char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(f"{chr(first)}-{chr(last)}" for first, last in ranges)


_DELETED_RUNS = re.compile(f"[{_char_class(_MARK_RANGES + _INVISIBLE_RANGES)}]+")
_TRAILING_MARKS = re.compile(f"[{_char_class(_MARK_RANGES)}]+")

_FOLDS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ى": "ي", "ة": "ه",
    "ک": "ك", "ی": "ي", "\u00a0": " ", "\u202f": " ", "\u2007": " ",
}  # fmt: skip


@cache
def _table() -> list[int | None]:
    # A full BMP list, not a dict: with a dict str.translate raises and swallows a KeyError for
    # every unmapped character, which makes it twice as slow. Astral characters fall off the end
    # (IndexError is a LookupError), so they are kept as they are.
    table: list[int | None] = list(range(0x10000))
    for first, last in _MARK_RANGES + _INVISIBLE_RANGES:
        table[first : last + 1] = [None] * (last + 1 - first)
    for source, target in _FOLDS.items():
        table[ord(source)] = ord(target)
    for digit in range(10):
        table[0x0660 + digit] = table[0x06F0 + digit] = ord("0") + digit
    return table


def normalise_for_match(text: str) -> str:
    """Return the normalised form of text, without the offset map."""
    return text.translate(_table())


@dataclass(frozen=True, slots=True)
class NormalisedText:
    """A normalised text and the map between its offsets and the original's; made by normalise()."""

    text: str
    original: str = field(repr=False)
    # One entry per run of deleted characters: its start in the original, and the normalised
    # index it sits at; deleted_before[r] counts the characters deleted by runs before run r.
    _run_starts: tuple[int, ...] = field(repr=False)
    _run_positions: tuple[int, ...] = field(repr=False)
    _deleted_before: tuple[int, ...] = field(repr=False)

    def to_original(self, i: int) -> int:
        """Map a normalised index 0..len(text) to the original index of the same character."""
        _check(i, len(self.text))
        # Runs sitting at normalised index <= i all lie before kept character i.
        return i + self._deleted_before[bisect_right(self._run_positions, i)]

    def to_normalised(self, original_index: int) -> int:
        """Map an original index to a normalised one; a deleted character gives the next kept."""
        _check(original_index, len(self.original))
        run = bisect_right(self._run_starts, original_index) - 1
        if run < 0:
            return original_index
        before, after = self._deleted_before[run], self._deleted_before[run + 1]
        return original_index - before - min(original_index - self._run_starts[run], after - before)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span to the original span, keeping the marks of its last letter."""
        _check_span(len(self.text), start, end)
        first = self.to_original(start)
        if start == end:
            return first, first
        # Marks after the last letter belong to it; a tatweel or control there does not, and
        # neither does anything deleted before the first letter (it belongs to what precedes).
        last_end = self.to_original(end - 1) + 1
        match = _TRAILING_MARKS.match(self.original, last_end)
        return first, match.end() if match else last_end


def normalise(text: str) -> NormalisedText:
    """Normalise text for matching and keep the map back to its offsets."""
    starts: list[int] = []
    positions: list[int] = []
    deleted_before = [0]
    for match in _DELETED_RUNS.finditer(text):
        start, end = match.span()
        starts.append(start)
        positions.append(start - deleted_before[-1])
        deleted_before.append(deleted_before[-1] + end - start)
    return NormalisedText(
        normalise_for_match(text), text, tuple(starts), tuple(positions), tuple(deleted_before)
    )


def _check(index: int, length: int) -> None:
    if not 0 <= index <= length:
        raise IndexError(f"index {index} outside 0..{length}")


def _check_span(length: int, start: int, end: int) -> None:
    if not 0 <= start <= end <= length:
        raise ValueError(f"bad span [{start}, {end}) for a text of {length}")


_ZWJ = "\u200d"
# Categories that the `re` module has no class for, grouped as the tokens need them; X is what
# sticks to the character before it: marks, plus ZWJ and emoji skin tones (see _STICKY).
_GROUPS = {"L": "L", "M": "X", "P": "P", "Sm": "P", "Sc": "P", "Sk": "P", "So": "S", "Cf": "F"}
_STICKY = {0x200D, *range(0x1F3FB, 0x1F400)}
_IF_ASTRAL = "(?=[\U00010000-\U0010ffff])"


class TokenKind(StrEnum):
    """What a token is made of."""

    WORD = "word"
    NUMBER = "number"
    PUNCT = "punct"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Token:
    """A token and its half-open [start, end) offsets in the text."""

    start: int
    end: int
    text: str
    kind: TokenKind


class SnapMode(StrEnum):
    """How a selection is snapped."""

    EXACT = "exact"
    WORD = "word"
    CLITIC = "clitic"


@cache
def _token_pattern() -> re.Pattern[str]:
    # Built on first use from unicodedata (about 0.1 s), so the classes follow the Unicode
    # version of the running Python. Planes 4-13 are unassigned and 15-16 are private use.
    ranges: dict[str, list[list[int]]] = {group: [] for group in "LXPSF"}
    for cp in chain(range(0x32400), range(0xE0000, 0xE01F0)):
        category = unicodedata.category(chr(cp))
        group = "X" if cp in _STICKY else _GROUPS.get(category) or _GROUPS.get(category[0])
        if group is None:
            continue
        runs = ranges[group]
        if runs and runs[-1][1] == cp - 1:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp])

    def ranges_of(group: str, astral: bool) -> str:
        return "".join(
            f"{re.escape(chr(a))}-{re.escape(chr(b))}"
            for a, b in ranges[group]
            if (a > 0xFFFF) == astral
        )

    def one_of(group: str) -> str:
        # `re` tests a BMP class with a bitmap but astral ranges one by one: only try those,
        # behind a cheap guard, for astral characters, or every token end would pay for them.
        return f"(?:[{ranges_of(group, False)}]|{_IF_ASTRAL}[{ranges_of(group, True)}])"

    letter, ext, punct, symbol = one_of("L"), one_of("X"), one_of("P"), one_of("S")
    fmt = ranges_of("F", False) + ranges_of("F", True)
    return re.compile(
        rf"(?P<WORD>{letter}(?:{letter}|{ext}|[{fmt}]+(?={letter}|{ext}))*)"
        rf"|(?P<NUMBER>\d{ext}*(?:[.,\u066b\u066c]?\d{ext}*)*)"
        rf"|(?P<PUNCT>{punct}{ext}*)"
        # A flag is two regional indicators; one alone is half a picture.
        rf"|(?P<OTHER>[\U0001F1E6-\U0001F1FF]{{2}}|[^\s{fmt}{_ZWJ}]{ext}*(?:(?<={_ZWJ}){symbol}{ext}*)*)"
    )


_KINDS: dict[str | None, TokenKind] = {kind.name: kind for kind in TokenKind}


def tokenise(text: str) -> list[Token]:
    """Split text into tokens; whitespace and format controls are not tokens."""
    return [
        Token(*m.span(), m.group(), _KINDS[m.lastgroup]) for m in _token_pattern().finditer(text)
    ]


def token_at(tokens: list[Token], index: int) -> Token | None:
    """Return the token that contains index, or None."""
    i = bisect_right(tokens, index, key=attrgetter("start")) - 1
    return tokens[i] if i >= 0 and index < tokens[i].end else None


def is_boundary(text: str, i: int) -> bool:
    """Tell whether i may start or end a selection without splitting a letter from its marks."""
    if i <= 0 or i >= len(text):
        return True
    category = unicodedata.category(text[i])
    if category[0] == "M" or ord(text[i]) in _STICKY:
        # A mark after a space or a control has nothing to sit on, so it starts a cluster (and an
        # OTHER token); this keeps token edges and trimmed selections on boundaries.
        before = text[i - 1]
        return before.isspace() or unicodedata.category(before) in ("Cc", "Cf")
    if text[i - 1] != _ZWJ or category != "So":
        return True
    base = i - 1  # a ZWJ joins two emoji only: find what it is attached to
    while not is_boundary(text, base):
        base -= 1
    return unicodedata.category(text[base]) != "So"


def edge_inside_letter(text: str, start: int, end: int) -> int | None:
    """The first of a span's edges that cuts a letter from its marks (`مُحَم|َّد`), or None."""
    return next((edge for edge in (start, end) if not is_boundary(text, edge)), None)


def adjust_to_boundaries(text: str, start: int, end: int) -> tuple[int, int]:
    """Move start back to its base character and end forward past trailing marks."""
    _check_span(len(text), start, end)
    while not is_boundary(text, start):
        start -= 1
    while not is_boundary(text, end):
        end += 1
    return start, end


def _proclitics(word: str) -> tuple[NormalisedText, list[int], int | None]:
    # Split points as normalised offsets, and the one that follows the article, if valid.
    folded = normalise(word)
    letters = folded.text
    splits: list[int] = []
    article: int | None = None
    pos = 0
    if letters[:1] in ("و", "ف"):
        pos += 1
        splits.append(pos)
    if letters.startswith("لل", pos):
        splits.append(pos + 2)
    else:
        if letters[pos : pos + 1] in ("ب", "ك", "ل"):
            pos += 1
            splits.append(pos)
        # Folding turns أ into ا, so check that the original alef is plain (ألمانيا is no article).
        if letters.startswith("ال", pos) and word[folded.to_original(pos)] in "اٱ":
            article = pos + 2
            splits.append(article)
    valid = [split for split in splits if _letters_in_stem(letters[split:]) >= 2]
    return folded, valid, article if article in valid else None


def _letters_in_stem(rest: str) -> int:
    # A stem starts with a letter, not with a mark that normalising keeps (such as U+0301).
    return sum(map(str.isalpha, rest)) if rest[:1].isalpha() else 0


def proclitic_splits(word: str) -> list[int]:
    """Return the offsets in word where a stem may start after proclitics, in increasing order."""
    folded, splits, _ = _proclitics(word)
    return [folded.to_original(split) for split in splits]


def strip_proclitics(word: str, is_known: Callable[[str], bool] | None = None) -> int:
    """Return the offset in word where its stem starts once proclitics are stripped."""
    folded, splits, article = _proclitics(word)
    if is_known is not None:
        for split in reversed([0, *splits]):
            if is_known(folded.text[split:]):
                return folded.to_original(split)
    if article is not None and _letters_in_stem(folded.text[article:]) >= 3:
        return folded.to_original(article - 2)
    return 0


def snap_selection(
    text: str, start: int, end: int, mode: SnapMode, tokens: list[Token] | None = None
) -> tuple[int, int] | None:
    """Snap a selection to grapheme, word or stem boundaries; None if it holds nothing."""
    _check_span(len(text), start, end)
    if mode is SnapMode.EXACT:
        start, end = adjust_to_boundaries(text, start, end)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if start < end else None
    if tokens is None:
        tokens = tokenise(text)
    # Tokens are sorted and disjoint: those touched end after start and start before end.
    first_touched = bisect_right(tokens, start, key=attrgetter("end"))
    touched = tokens[first_touched : bisect_left(tokens, end, key=attrgetter("start"))]
    if start == end or not touched:
        return None
    kept = [i for i, token in enumerate(touched) if token.kind is not TokenKind.PUNCT]
    if kept:  # punctuation alone is kept: the user meant to select it
        touched = touched[kept[0] : kept[-1] + 1]
    first = touched[0]
    snapped = first.start
    if mode is SnapMode.CLITIC and first.kind is TokenKind.WORD and first.start < start:
        folded, splits, _ = _proclitics(first.text)
        user = folded.to_normalised(adjust_to_boundaries(text, start, start)[0] - first.start)
        fitting = [split for split in splits if split <= user]
        if fitting:
            snapped += folded.to_original(fitting[-1])
    return snapped, touched[-1].end


def is_right_to_left(text: str) -> bool:
    """True when the first strongly directional character is Arabic or Hebrew (as Qt decides
    a paragraph's direction)."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


_SENTENCE_END = re.compile(r"[.!?؟\n]")


def sentence_around(text: str, start: int, end: int, limit: int = 240) -> tuple[int, int]:
    """The sentence holding `[start, end)`: from after the previous full stop, question or
    exclamation mark or line break to the next one, at most `limit` characters each side."""
    before = text.rfind("\n", max(0, start - limit), start)
    for match in _SENTENCE_END.finditer(text, max(0, start - limit), start):
        before = max(before, match.start())
    first = before + 1 if before >= 0 else max(0, start - limit)
    after = _SENTENCE_END.search(text, end, min(len(text), end + limit))
    last = after.end() if after else min(len(text), end + limit)
    return first, last
