"""Corpus search, the pure part: the words the index holds, queries, and hits in the text.

The search index (db/search_index.py) holds each document's *words*: maximal runs of letters
and marks, or of digits, in the text as fold_for_search folds it: annotation.arabic's
normalise_for_match (tashkeel and tatweel gone, alef forms one, ى -> ي, ة -> ه, Arabic digits as
ASCII), and every hamza seat as a bare alef (see _HAMZA_SEATS). A run
of letters and a run of digits are two words (`2014م`, `و2012`), as annotation.arabic.tokenise
has them. A query is folded the same way, so `الرّقة` finds `الرقة` and `إسرائيل` `اسرائيل`.

Decisions:
- Bare words must all be there (AND); words in double quotes (also “” and «») are a phrase:
  consecutive words, whatever punctuation stands between them. A bare `G20` or `3.5` is the
  phrase of its words.
- With proclitics, a query word also matches itself behind و or ف, then ب, ك or ل, then the
  article ال (when the query word has none), or behind لل, the preposition ل with the
  article's alef elided: `الرقة` finds `بالرقة`, `وبالرقة`, `للرقة`; `سورية` finds `لسورية`.
  Only Arabic words of two letters or more grow proclitics. The query word is expanded into
  those written forms (at most 27, an OR of whole words) rather than each indexed word's stem
  being indexed beside it: on 5,000 SaudiNewsNet articles a stem column made indexing six times
  slower and the index 78% larger, to save a millisecond a query. The text is matched folded, so
  `ألمانيا` counts as ال + `مانيا` just as `لبنان` counts as ل + `بنان`: that is why proclitics
  are asked for, never assumed.
- A hit covers the query's words as written, tashkeel included, never the proclitics before
  them: in `بالرقة` the hit for `الرقة` is `الرقة`, for `رقة` it is `رقة`. Where the query's
  own article is fused with ل (`للرقة` for `الرقة`) the hit covers the fused `للرقة`.
- A hit is each occurrence of each phrase (overlapping ones too) in a document that holds them
  all. The totals are counted in the index and the hits found in the text, by the same words,
  so they agree (tests/db/test_search_index.py checks it on varied text).
- Latin letters match whatever their case (SQLite's unicode61 tokenizer and `re` both fold).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import chain

from annotation.arabic import normalise, normalise_for_match
from annotation.model import DocumentId, Span, Status

_IF_ASTRAL = "(?=[\U00010000-\U0010ffff])"


@cache
def _word_characters() -> tuple[str, str]:
    """What words are made of (letters, numbers other than digits such as ², and marks, as in
    annotation.arabic.tokenise; digits make words of their own), as two `re` class bodies: the
    BMP's and the rest. `re` tests a BMP class with a bitmap but astral ranges one by one, so
    those are only tried, behind a cheap guard, for astral characters (as arabic.py does)."""
    runs: list[list[int]] = []
    for cp in chain(range(0x32400), range(0xE0000, 0xE01F0)):
        char = chr(cp)
        if (char.isalnum() and not char.isdecimal()) or unicodedata.category(char)[0] == "M":
            if runs and runs[-1][1] == cp - 1:
                runs[-1][1] = cp
            else:
                runs.append([cp, cp])

    def ranges(astral: bool) -> str:
        return "".join(
            f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in runs if (a > 0xFFFF) == astral
        )

    return ranges(False), ranges(True)


@cache
def _word_pattern() -> re.Pattern[str]:
    bmp, astral = _word_characters()
    return re.compile(rf"(?:[{bmp}]+|{_IF_ASTRAL}[{astral}])+|\d+")


# Every hamza seat reads as a bare alef, as normalise_for_match already has أ إ آ ٱ: the same
# word is spelled on a different seat by different papers and countries (مسؤول/مسئول, شؤون/شئون,
# رؤوس/رءوس, يقرؤون/يقرأون, هيئة/هيأة), and normalise_for_match's ؤ -> و, ئ -> ي and a bare ء
# kept made those four spellings three (issue 14, item 14). Search only: normalise_for_match
# also serves the gazetteer, the lexicons and entity names, whose entries are written for it.
# One character for one, so normalise's offset map still holds. Changing this fold needs a
# migration that indexes every document again (db/migration_steps.py, migration 7).
_HAMZA_SEATS = ("ء", "ؤ", "ئ")


def _seats_as_alef(text: str) -> str:
    # Three replace() calls, not str.translate with a dict, which looks up every character
    # and took half the time of indexing a corpus (a copy of 20,000 documents to a server).
    for seat in _HAMZA_SEATS:
        text = text.replace(seat, "ا")
    return text


def fold_for_search(text: str) -> str:
    """`text` folded as search compares it: normalise_for_match, and all hamza seats alike."""
    # Before normalise_for_match, which would have made ؤ a و and ئ a ي already.
    return normalise_for_match(_seats_as_alef(text))


def index_words(text: str) -> list[str]:
    """The words of `text` as the search index holds them: folded, in order."""
    return _word_pattern().findall(fold_for_search(text))


def index_text(text: str) -> str:
    """What the index is given for `text`: its words joined by spaces."""
    return " ".join(index_words(text))


_QUOTED = re.compile('"([^"]*)"?|“([^”]*)”?|«([^»]*)»?')
_CONJUNCTIONS = ("", "و", "ف")
_PREPOSITIONS = ("", "ب", "ك", "ل")
_ARTICLE = "ال"


def word_forms(word: str, proclitics: bool) -> dict[str, int]:
    """The folded forms a query word matches, each with where the hit starts inside it."""
    forms = {word: 0}
    arabic = "\u0621" <= word[:1] <= "\u064a"  # hamza to ya: the letters folding leaves
    if not proclitics or len(word) < 2 or not arabic:
        return forms
    has_article = word.startswith(_ARTICLE)
    for conjunction in _CONJUNCTIONS:
        for preposition in _PREPOSITIONS:
            prefix = conjunction + preposition
            forms.setdefault(prefix + word, len(prefix))
            if not has_article:
                forms.setdefault(prefix + _ARTICLE + word, len(prefix) + 2)
        if not has_article:
            forms.setdefault(conjunction + "لل" + word, len(conjunction) + 2)
        elif len(word) >= 4:  # لل + a stem of two letters or more (annotation.arabic's rule)
            forms.setdefault(conjunction + "لل" + word[2:], len(conjunction))
    return forms


@dataclass(frozen=True, slots=True)
class TextQuery:
    """A parsed search of the text: phrases of folded words, all of which must be found."""

    phrases: tuple[tuple[str, ...], ...]
    proclitics: bool = False

    @property
    def is_empty(self) -> bool:
        """True when the query holds no word (a blank or punctuation only)."""
        return not self.phrases

    @property
    def is_one_word(self) -> bool:
        """True for a single word, whose figures the index gives without reading positions."""
        return len(self.phrases) == 1 and len(self.phrases[0]) == 1

    @property
    def exact_in_index(self) -> bool:
        """True when match_expression() finds exactly the documents with hits."""
        return not self.proclitics or all(len(phrase) == 1 for phrase in self.phrases)

    def forms(self, phrase: Sequence[str]) -> list[dict[str, int]]:
        """For each word of a phrase, the forms it matches (see word_forms)."""
        return [word_forms(word, self.proclitics) for word in phrase]

    def match_expression(self) -> str:
        """An FTS5 MATCH expression for the documents that may hold hits: exactly those without
        proclitics; with them, a phrase's words are only required somewhere in the document."""
        parts = []
        for phrase in self.phrases:
            if not self.proclitics:
                parts.append('"' + " ".join(phrase) + '"')
                continue
            for forms in self.forms(phrase):
                parts.append("(" + " OR ".join(f'"{form}"' for form in forms) + ")")
        # Words hold only letters, marks and digits, so quoting them is all the escaping needed.
        return " AND ".join(parts)


def parse_query(query: str, proclitics: bool = False) -> TextQuery:
    """Read a query: quoted phrases and bare words, folded as the index folds the text."""
    phrases: list[tuple[str, ...]] = []
    rest = []
    position = 0
    for match in _QUOTED.finditer(query):
        rest.append(query[position : match.start()])
        position = match.end()
        phrases.append(_query_words(next(g for g in match.groups() if g is not None)))
    rest.append(query[position:])
    phrases.extend(_query_words(chunk) for part in rest for chunk in part.split())
    unique = dict.fromkeys(phrase for phrase in phrases if phrase)
    return TextQuery(tuple(unique), proclitics)


def _query_words(text: str) -> tuple[str, ...]:
    # A word that starts with a mark (a variation selector, say) can only be found inside
    # another character's grapheme: `❤️` is U+2764, no letter, then U+FE0F, which the index
    # holds as a word of its own after every emoji that has one (issue 13, item 17). Such
    # leading marks are not part of what is looked for; a word of marks alone goes.
    words = (_leading_marks().sub("", word) for word in index_words(text))
    return tuple(word for word in words if word)


@cache
def _leading_marks() -> re.Pattern[str]:
    marks = "".join(
        re.escape(chr(cp))
        for cp in chain(range(0x32400), range(0xE0000, 0xE01F0))
        if unicodedata.category(chr(cp))[0] == "M"
    )
    return re.compile(f"^[{marks}]+")


# A search is a few words or a phrase; a pasted article is not one. Bounded, so that no query
# can keep the window's search thread or the terminal busy for minutes (issue 13, item 14).
MAX_QUERY_WORDS = 64
MAX_QUERY_CHARACTERS = 1000


class QueryTooLong(ValueError):
    """A search query beyond MAX_QUERY_WORDS words or MAX_QUERY_CHARACTERS characters."""


def check_query(query: str) -> None:
    """Raise QueryTooLong, naming the bound, for a query too long to search."""
    if len(query) > MAX_QUERY_CHARACTERS:
        raise QueryTooLong(
            f"the query has {len(query):,} characters; a search takes at most"
            f" {MAX_QUERY_CHARACTERS:,} characters and {MAX_QUERY_WORDS} words"
        )
    words = len(index_words(query))
    if words > MAX_QUERY_WORDS:
        raise QueryTooLong(
            f"the query has {words} words; a search takes at most {MAX_QUERY_WORDS} words"
        )


@cache
def _inside_word(digits: bool) -> re.Pattern[str]:
    bmp, astral = _word_characters()
    return re.compile(r"\d" if digits else f"[{bmp}]|{_IF_ASTRAL}[{astral}]")


def _boundaries(word: str) -> tuple[str, str]:
    """What may not stand before and after a word, for it to be a whole word."""
    if word[:1].isdigit():
        return r"(?<!\d)", r"(?!\d)"
    bmp, astral = _word_characters()
    return rf"(?<![{bmp}])(?<![{astral}])", rf"(?![{bmp}]|{_IF_ASTRAL}[{astral}])"


@dataclass(frozen=True, slots=True)
class _PhraseMatcher:
    """Finds one phrase in folded text. `re` scans fast for a literal but tries a pattern that
    starts with a lookbehind or an alternation at every position (ten times slower on news
    text), so it looks for the end that all forms of the first word share, and checks here
    the whole word it ends."""

    ending: re.Pattern[str]  # that shared end, at the end of a word
    first: dict[str, int]  # the first word's forms, lower case -> where the hit starts in them
    longest: int  # the longest of them
    inside: re.Pattern[str]  # a character that continues a word backwards
    rest: re.Pattern[str] | None  # the other words, matched where the first ends

    def find(self, text: str) -> Iterator[tuple[int, int]]:
        """The `[start, end)` of each occurrence in `text`, overlapping ones included."""
        for match in self.ending.finditer(text):
            start, end = match.span()
            floor = max(0, end - self.longest)
            while start > floor and self.inside.match(text, start - 1):
                start -= 1
            if start > 0 and self.inside.match(text, start - 1):
                continue  # a longer word than any form
            offset = self.first.get(text[start:end].lower())
            if offset is None:
                continue
            if self.rest is not None:
                rest = self.rest.match(text, end)
                if rest is None:
                    continue
                end = rest.end()
            yield start + offset, end


@cache
def _matcher(phrase: tuple[str, ...], proclitics: bool) -> _PhraseMatcher:
    forms = [word_forms(word, proclitics) for word in phrase]
    shared = phrase[0]
    for form in forms[0]:
        while not form.endswith(shared):
            shared = shared[1:]
    rest = None
    if len(phrase) > 1:
        between = "[^{}{}\\d]*".format(*_word_characters())  # nothing that is part of a word
        words = []
        for word, alternatives in zip(phrase[1:], forms[1:], strict=True):
            before, after = _boundaries(word)
            body = "|".join(map(re.escape, sorted(alternatives, key=len, reverse=True)))
            words.append(f"{between}{before}(?:{body}){after}")
        rest = re.compile("".join(words), re.IGNORECASE)
    return _PhraseMatcher(
        ending=re.compile(re.escape(shared) + _boundaries(shared)[1], re.IGNORECASE),
        first={form.lower(): offset for form, offset in forms[0].items()},
        longest=max(map(len, forms[0])),
        inside=_inside_word(phrase[0][:1].isdigit()),
        rest=rest,
    )


def find_hits(text: str, query: TextQuery) -> list[tuple[int, int]]:
    """Every hit of the query in `text`, as `[start, end)` offsets of the text as written, in
    order; an empty list when a phrase of the query is missing (all must be there)."""
    # One character for one: the offsets of the seats folded are those of the text.
    folded = normalise(_seats_as_alef(text))
    found: set[tuple[int, int]] = set()
    for phrase in query.phrases:
        # Phrases may overlap (`"نعم نعم"` twice in `نعم نعم نعم`), as the index counts them.
        spans = list(_matcher(phrase, query.proclitics).find(folded.text))
        if not spans:
            return []
        found.update(
            whole_graphemes(text, *folded.span_to_original(start, end)) for start, end in spans
        )
    return sorted(found)


# UAX #29's grapheme rules as far as a hit on words needs them: what joins the character
# before it (Extend, SpacingMark, ZWJ: marks, ZWNJ and ZWJ, emoji skin tones, tag characters,
# the halfwidth sound marks) and what joins the one after (Prepend: the Arabic number signs).
_JOINS_BEFORE = frozenset(
    {0x200C, 0x200D, 0xFF9E, 0xFF9F, *range(0x1F3FB, 0x1F400), *range(0xE0020, 0xE0080)}
)
_JOINS_AFTER = frozenset(
    {*range(0x600, 0x606), 0x6DD, 0x70F, 0x890, 0x891, 0x8E2, 0x110BD, 0x110CD}
)


def _joins_before(char: str) -> bool:
    return ord(char) in _JOINS_BEFORE or unicodedata.category(char)[0] == "M"


def whole_graphemes(text: str, start: int, end: int) -> tuple[int, int]:
    """A hit's `[start, end)` moved to grapheme boundaries, so it never starts or ends inside
    what a person sees as one character: a ZWJ or a skin tone after its last letter is taken
    in, as is an Arabic number sign before its first digit; a mark it starts on is left out."""
    while start < end and _joins_before(text[start]):
        start += 1
    while start > 0 and ord(text[start - 1]) in _JOINS_AFTER:
        start -= 1
    while end < len(text) and _joins_before(text[end]):
        end += 1
    return start, end


def count_phrases(positions: Sequence[Iterable[tuple[int, int]]]) -> Counter[int]:
    """How many times a phrase occurs per document, from the (document, word position) pairs
    at which each of its words occurs, in phrase order."""
    if len(positions) == 1:
        return Counter(document for document, _ in positions[0])
    starts = {(document, offset) for document, offset in positions[0]}
    for index, each in enumerate(positions[1:], start=1):
        starts &= {(document, offset - index) for document, offset in each}
    return Counter(document for document, _ in starts)


CONTEXT = 40  # characters of context on each side of a hit, about


def keyword_in_context(
    text: str, start: int, end: int, width: int = CONTEXT
) -> tuple[str, str, str]:
    """The text before a hit, the hit, and the text after: at most `width` characters each
    side, cut at a space so that no word is shown in part, each run of spaces and line breaks
    shown as one space."""
    before = text[max(0, start - width) : start]
    if start - width > 0 and not text[start - width - 1].isspace():
        cut = re.search(r"\s", before)
        before = before[cut.end() :] if cut else before
    after = text[end : end + width]
    if end + width < len(text) and not text[end + width].isspace():
        cut = re.search(r"\s\S*$", after)
        after = after[: cut.start()] if cut else after
    return _one_line(before).lstrip(), text[start:end], _one_line(after).rstrip()


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One hit in a document's text: `[start, end)` code-point offsets into the stored text,
    the words matched as written, and the text around them (keyword in context)."""

    document_id: DocumentId
    title: str
    start: int
    end: int
    before: str
    match: str
    after: str


@dataclass(frozen=True, slots=True)
class TextSearchResult:
    """The first hits of a search, by document then position, and how many there are."""

    hits: tuple[SearchHit, ...]
    total_hits: int
    total_documents: int


@dataclass(frozen=True, slots=True)
class SpanQuery:
    """Which spans to find; every field left empty matches everything.

    `text` is matched folded (as the text search folds) within the span's text, or as whole
    words with `whole_words`. `entity` is an entity's name or alias, folded: a SPEAKER or
    LOCATION span matches through its own entity, a CLAIM through its speakers'. `status` is
    how far the span's annotator has got with its document.
    """

    text: str = ""
    whole_words: bool = False
    label: str | None = None
    annotator: str | None = None
    entity: str | None = None
    status: Status | None = None
    limit: int | None = None


@dataclass(frozen=True, slots=True)
class SpanHit:
    """A span found, with its document's title and, for a claim, the speakers it is
    attributed to."""

    title: str
    span: Span
    speakers: tuple[Span, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class SpanSearchResult:
    """The first spans found, by document and position, and how many there are."""

    hits: tuple[SpanHit, ...]
    total: int


def fold_name(text: str) -> str:
    """A name or a span's text as span search compares them: folded, casefolded, spaced once."""
    return " ".join(fold_for_search(text).casefold().split())


def span_text_matches(query: SpanQuery, text: str) -> bool:
    """Whether a span's text matches the query's text (always, when it has none)."""
    if not query.text.strip():
        return True
    if not query.whole_words:
        return fold_name(query.text) in fold_name(text)
    wanted = [word.casefold() for word in index_words(query.text)]
    words = [word.casefold() for word in index_words(text)]
    return any(words[i : i + len(wanted)] == wanted for i in range(len(words) - len(wanted) + 1))
