"""Place names in a text, found with the gazetteer in assets/gazetteer/.

Decisions:
- Names and text are compared as annotation.arabic normalises them (tashkeel, tatweel, hamza and
  alef forms, ى/ي, ة/ه), word by word: a name's words are its tokens, normalised. A name ends on
  a token's end, so `بنان` is never found inside `لبنان`, nor `عمان` inside `عمانية`.
- Proclitics (و ف ب ك ل) are dropped and the article kept, as the guidelines tag (section 6): the
  match for `وبالقاهرة` is `القاهرة`. The whole token is tried first, so a name that starts
  with a proclitic letter (`لبنان`, `واشنطن`, `بغداد`) is found whole.
- `ل` + article, written `لل` with the article's alef elided: `للقاهرة` is ل + القاهرة, and the
  match starts at the second ل, covering the article as written (`لقاهرة`), never the
  preposition. Its text is not the name's spelling, but it is exactly the name's letters here.
  (annotation.arabic's Drop Proclitics snapping cuts `للقاهرة` to `قاهرة`, article and all.)
  `للبنان` is ل + لبنان, and its match starts at the same second ل.
- The longest name wins where several start at one token (`الولايات المتحدة الأمريكية`
  before `الولايات المتحدة`), and matches never overlap: the scan resumes after one.
- The index maps a name's first normalised word to its names, longest first; finding costs a
  tokenisation and a few dictionary lookups a word, never a pattern per name.
- The stop list (stoplist.json) drops names that are usually something else, and gives some
  only after certain words (`صور`, pictures, only after `مدينة`, `محافظة`, ...).
- A spelling names one place. `عمان` without tashkeel is Oman or Amman (`عُمان`, `عمّان`); the
  gazetteer gives it to Oman, so a match on Amman has the right extent and the wrong entity.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from annotation.arabic import Token, TokenKind, normalise_for_match, proclitic_splits, tokenise

ASSETS = Path(__file__).resolve().parents[2] / "assets" / "gazetteer"
GAZETTEER = ASSETS / "places.json"
STOPLIST = ASSETS / "stoplist.json"
_PROCLITIC_LETTERS = "وفبكل"


class PlaceKind(StrEnum):
    """What sort of place an entry names."""

    COUNTRY = "country"
    CITY = "city"
    REGION = "region"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: a canonical name, other names, a kind and an ISO 3166 country code."""

    name: str
    aliases: tuple[str, ...] = ()
    kind: PlaceKind = PlaceKind.OTHER
    country_code: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """A place name found in a text: half-open code-point offsets into the original text."""

    start: int
    end: int
    text: str
    entity_name: str
    kind: PlaceKind


@dataclass(frozen=True, slots=True)
class ContextRule:
    """When a name counts, by the word before it (normalised; that word may carry proclitics:
    `بمدينة`, `وفي`): only after one of `only_after`, never after one of `not_after`, and with
    `not_after_definite`, not right after a definite word unless the name has a proclitic of its
    own (there it is an adjective: `الحكومة السعودية`, but `الأردن والسعودية`)."""

    only_after: frozenset[str] = frozenset()
    not_after: frozenset[str] = frozenset()
    not_after_definite: bool = False

    def allows(self, previous: str | None, behind_proclitic: bool) -> bool:
        """Whether a name after the word `previous` (None: nothing before it) counts."""
        words = _without_proclitics(previous)
        if self.only_after and not words & self.only_after:
            return False
        if words & self.not_after:
            return False
        definite = previous is not None and previous.startswith("ال") and previous not in _NOT_NOUNS
        return not (self.not_after_definite and definite and not behind_proclitic)


# Words spelled with a leading ال that are no definite nouns: إلى and إلا without their hamza.
_NOT_NOUNS = frozenset({"الي", "الا"})


def _without_proclitics(word: str | None) -> set[str]:
    # Every reading: a context word is never a proclitic plus another context word.
    forms = {word} if word else set()
    while word and word[0] in _PROCLITIC_LETTERS and len(word) > 3:
        word = word[1:]
        forms.add(word)
    return forms


@dataclass(frozen=True, slots=True)
class StopList:
    """Names never matched, and when the others count; all normalised."""

    never: frozenset[str] = frozenset()
    rules: dict[str, ContextRule] = field(default_factory=dict)
    # After these no name counts (`عبد الجليل`, `بن عمان`): they start personal names.
    never_after: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: Path = STOPLIST) -> StopList:
        """Read stoplist.json."""
        data = json.loads(path.read_text(encoding="utf-8"))
        contexts = {name: _words(words) for name, words in data["contexts"].items()}

        def words_of(names: list[str]) -> frozenset[str]:
            return frozenset().union(*(contexts[name] for name in names))

        rules: dict[str, ContextRule] = {}
        for entry in data["rules"]:
            rule = ContextRule(
                words_of(entry.get("only_after", [])),
                words_of(entry.get("not_after", [])),
                entry.get("not_after_definite", False),
            )
            rules.update((_key(name), rule) for name in entry["names"])
        never = frozenset(_key(entry["name"]) for entry in data["never"])
        return cls(never, rules, words_of(data["never_after"]))

    def rule_for(self, key: str) -> ContextRule | None:
        """The context rule of a normalised name, `never_after` included."""
        rule = self.rules.get(key)
        if not self.never_after:
            return rule
        if rule is None:
            return ContextRule(not_after=self.never_after)
        return replace(rule, not_after=rule.not_after | self.never_after)


def _words(words: Iterable[str]) -> frozenset[str]:
    return frozenset(normalise_for_match(word) for word in words)


def _key(name: str) -> str:
    return " ".join(_name_words(name))


def _name_words(name: str) -> tuple[str, ...]:
    return tuple(normalise_for_match(token.text) for token in tokenise(name))


@dataclass(frozen=True, slots=True)
class _Name:
    rest: tuple[str, ...]  # the normalised words after the first
    place: Place
    rule: ContextRule | None


# The indefinite words that name a place after them (a village or camp the gazetteer lacks).
_PLACE_WORDS = frozenset(
    normalise_for_match(w) for w in ("قرية", "مخيم", "بلدة", "خربة", "بلدتي", "قريتي")
)
# Words that open a two-word village name (بيت ..., كفر ..., دير ..., أبو ...).
_NAME_HEADS = frozenset(
    normalise_for_match(w)
    for w in (
        *("بيت", "كفر", "دير", "أبو", "ابن", "عين", "تل", "جبل", "بئر", "بني", "أم", "رأس"),
        *("نور", "خربة", "نهر", "رجال", "وادي"),
    )
)
# Definite words that follow those without being names.
_NOT_NAMES = frozenset(
    normalise_for_match(w)
    for w in (
        *("اللاجئين", "النازحين", "الحدودية", "الصغيرة", "الكبيرة", "الطفل"),
        # Words that follow a place word in SaudiNewsNet without naming a place (read there).
        *("تسمى", "يسمى", "تقع", "يقع", "احتجاج", "اعتصام", "صيفي", "كشفي", "الحجاج"),
    )
)


class Gazetteer:
    """Place names indexed for finding in texts."""

    def __init__(self, places: Sequence[Place], stoplist: StopList | None = None) -> None:
        stoplist = stoplist or StopList()
        self.places = tuple(places)
        self._index: dict[str, list[_Name]] = {}
        seen: set[str] = set()
        for place in self.places:
            for name in (place.name, *place.aliases):
                words = _name_words(name)
                key = " ".join(words)
                # The first entry to claim a name keeps it (the generator leaves none shared).
                if not words or key in seen or key in stoplist.never:
                    continue
                seen.add(key)
                named = _Name(words[1:], place, stoplist.rule_for(key))
                self._index.setdefault(words[0], []).append(named)
        for names in self._index.values():
            names.sort(key=lambda named: -len(named.rest))
        self._never = stoplist.never
        # First words that a proclitic may hide; `ال...` also stands for `لل...` (see find).
        self._article_words = {word[2:] for word in self._index if word.startswith("ال")}

    @classmethod
    def load(cls, path: Path | None = None, stoplist: Path | None = STOPLIST) -> Gazetteer:
        """Read a gazetteer file (default: the bundled one) and a stop list (None: none)."""
        data = json.loads((path or GAZETTEER).read_text(encoding="utf-8"))
        places = [
            Place(
                entry["name"],
                tuple(entry["aliases"]),
                PlaceKind(entry["kind"]),
                entry["country_code"],
            )
            for entry in data["places"]
        ]
        return cls(places, StopList.load(stoplist) if stoplist else None)

    def find(self, text: str) -> list[PlaceMatch]:
        """Every place name in text, left to right, longest first, none overlapping."""
        tokens = tokenise(text)
        words = [normalise_for_match(token.text) for token in tokens]
        matches: list[PlaceMatch] = []
        i = 0
        while i < len(tokens):
            found = None
            if tokens[i].kind is TokenKind.WORD:
                found = self._match_at(tokens[i].text, words, i)
            if found is None:
                unknown = self._named_by_place_word(text, tokens, words, i)
                if unknown is not None:
                    matches.append(unknown)
                    while i + 1 < len(tokens) and tokens[i + 1].start < unknown.end:
                        i += 1  # past the second word of a two-word name
                i += 1
                continue
            offset, named = found
            last = tokens[i + len(named.rest)]
            start = tokens[i].start + offset
            matches.append(
                PlaceMatch(
                    start, last.end, text[start : last.end], named.place.name, named.place.kind
                )
            )
            i += len(named.rest) + 1
        return matches

    def _named_by_place_word(
        self, text: str, tokens: list[Token], words: list[str], i: int
    ) -> PlaceMatch | None:
        """A name the gazetteer lacks, named by the indefinite place word before it: `قرية
        X`, `مخيم X`, `بلدة X` (villages and camps, most of what the gazetteer misses). Only a
        definite word or one that cannot be a feminine adjective qualifies (`منطقة واسعة` is
        no place), and not a word of the stop list."""
        if i == 0 or tokens[i].kind is not TokenKind.WORD or words[i - 1] not in _PLACE_WORDS:
            return None
        word = words[i]
        if len(word) < 3 or word in _NOT_NAMES or word in self._never:
            return None
        if not word.startswith("ال") and word.endswith(("ه", "ين", "ون", "يه")):
            return None
        first = last = tokens[i]
        if word in _NAME_HEADS and i + 1 < len(tokens) and tokens[i + 1].kind is TokenKind.WORD:
            last = tokens[i + 1]  # بيت X, كفر X, عين X: two words
        covered = text[first.start : last.end]
        return PlaceMatch(first.start, last.end, covered, covered, PlaceKind.OTHER)

    def _match_at(self, token: str, words: list[str], i: int) -> tuple[int, _Name] | None:
        """The longest name starting in token i, with where it starts in the token's text."""
        previous = words[i - 1] if i > 0 else None
        for offset, stem in self._stems(token, words[i]):
            for named in self._index.get(stem, ()):
                end = i + 1 + len(named.rest)
                if tuple(words[i + 1 : end]) != named.rest:
                    continue
                if named.rule is None or named.rule.allows(previous, offset > 0):
                    return offset, named
        return None

    def _stems(self, token: str, word: str) -> list[tuple[int, str]]:
        """Where a name may start in a token (offsets into its text) and the normalised rest:
        the whole token, then after each proclitic, the longest rest first."""
        stems = [(0, word)]
        if word[:1] not in _PROCLITIC_LETTERS or not self._may_hide_a_name(word):
            return stems  # the common case, without the cost of finding split points
        for split in proclitic_splits(token):
            before, rest = normalise_for_match(token[:split]), normalise_for_match(token[split:])
            if before.endswith("لل"):
                # ل + the article with its alef elided (للقاهرة), or ل + a name that starts
                # with ل (للبنان): either way the match starts at the second ل.
                second = split - 1
                while normalise_for_match(token[second]) == "":
                    second -= 1  # past the marks and tatweel that follow that ل
                stems += [(second, "ال" + rest), (second, "ل" + rest)]
            elif not before.endswith("ال"):
                # After an article the rest is no name: names in the gazetteer keep their ال.
                stems.append((split, rest))
        return stems

    def _may_hide_a_name(self, word: str) -> bool:
        # Proclitics are at most three letters (و + ب/ك/ل + nothing, or و + لل).
        return any(word[k:] in self._index or word[k:] in self._article_words for k in (1, 2, 3))
