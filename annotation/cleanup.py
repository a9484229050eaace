"""Text clean-up applied once at import: leading BOM, line endings, NFC, control characters
and agency footers. `stored_form` is the one normalisation every door (article import and
every annotation format) goes through, with a map for offsets made on the raw text.

Annotators' offsets point into the cleaned text, so nothing else is touched: no tashkeel or
tatweel removal, no whitespace collapsing.
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from annotation.model import Attributes
from annotation.offsets import OffsetError

DEFAULT_RULES_PATH = Path(__file__).resolve().parent.parent / "assets" / "boilerplate.json"
# Footers are a few short lines. Looking at no more than this many lines, each no longer than
# this, keeps clean-up cheap per article and keeps a real paragraph from being taken for one.
MAX_FOOTER_LINES = 12
MAX_FOOTER_LINE_LENGTH = 300
# Bidi controls that copied web text often carries around a line; they are not content.
_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"


@dataclass(frozen=True, slots=True)
class BoilerplateRule:
    """One named footer rule: a regex that must match a whole line (spaces around it ignored)."""

    name: str
    description: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class BoilerplateRules:
    """Compiled footer rules, as loaded by load_boilerplate_rules()."""

    rules: tuple[BoilerplateRule, ...]
    origin: str = ""

    def match(self, line: str) -> BoilerplateRule | None:
        """The first rule matching the whole line, or None."""
        if len(line) > MAX_FOOTER_LINE_LENGTH:
            return None
        stripped = line.strip().strip(_MARKS).strip()
        if not stripped:
            return None
        return next((r for r in self.rules if r.pattern.fullmatch(stripped)), None)


def load_boilerplate_rules(path: Path = DEFAULT_RULES_PATH) -> BoilerplateRules:
    """Load and compile a footer rule file; a bad file raises ValueError naming file and rule."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}, line {exc.lineno}: malformed JSON ({exc.msg})") from None
    except UnicodeDecodeError:
        raise ValueError(f"{path}: not UTF-8 text") from None
    if not (
        isinstance(data, dict) and data.get("version") == 1 and isinstance(data.get("rules"), list)
    ):
        raise ValueError(f'{path}: expected {{"version": 1, "rules": [...]}}')
    rules: list[BoilerplateRule] = []
    for index, item in enumerate(data["rules"], 1):
        where = f"{path}: rule {index}"
        if not isinstance(item, dict):
            raise ValueError(f"{where}: expected an object")
        name, pattern = item.get("name"), item.get("pattern")
        description = item.get("description", "")
        if not isinstance(name, str) or not name:
            raise ValueError(f'{where}: "name" must be a non-empty string')
        if any(rule.name == name for rule in rules):
            raise ValueError(f"{where}: duplicate name {name!r}")
        if not isinstance(pattern, str) or not pattern or not isinstance(description, str):
            raise ValueError(f'{where} ({name}): "pattern" and "description" must be strings')
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"{where} ({name}): bad pattern ({exc})") from None
        if compiled.fullmatch(""):
            # It would match anything once combined with "ignore blank lines".
            raise ValueError(f"{where} ({name}): pattern matches an empty line")
        rules.append(BoilerplateRule(name, description, compiled))
    return BoilerplateRules(tuple(rules), str(path))


@dataclass(frozen=True, slots=True)
class CleanText:
    """Cleaned text plus what the clean-up changed, for the document record."""

    text: str
    line_endings: str | None
    unicode_nfc: bool
    bom_removed: bool
    boilerplate_removed: str | None
    controls_removed: int = 0

    def notes(self) -> dict[str, object]:
        """What import normalised (only the entries that apply), JSON-serialisable."""
        notes: dict[str, object] = {}
        if self.line_endings is not None:
            notes["line_endings"] = self.line_endings
        if self.unicode_nfc:
            notes["unicode_nfc"] = True
        if self.bom_removed:
            notes["bom_removed"] = True
        if self.controls_removed:
            notes["control_characters_removed"] = self.controls_removed
        if self.boilerplate_removed is not None:
            notes["boilerplate_removed"] = self.boilerplate_removed
        return notes


def clean_text(raw: str, rules: BoilerplateRules | None = None) -> CleanText:
    """The stored form of an article (see stored_form) with a footer and trailing space cut."""
    stored = stored_form(raw)
    text, removed = stored.text, None
    cut = None if rules is None else footer_start(text, rules)
    if cut is not None:
        text, removed = text[:cut], text[cut:]
    return CleanText(
        text.rstrip(),
        stored.line_endings,
        stored.unicode_nfc,
        stored.bom_removed,
        removed,
        stored.controls_removed,
    )


# C0 and C1 controls other than tab and line feed (a CR is a line end, folded apart): a NUL or
# an ESC sequence stored in a text is later written raw to a terminal or an XML file, and Qt
# shows none of them, so offsets counted by eye would drift.
_CONTROL_CLASS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_CONTROLS = re.compile(f"[{_CONTROL_CLASS}]")
_CHANGED = re.compile(f"\r\n|\r|[{_CONTROL_CLASS}]")


class UnmappableOffset(OffsetError):
    """A raw offset with no place in the stored text: it splits what NFC joins into one."""


@dataclass(frozen=True, slots=True)
class _Composed:
    """A stretch of the folded text that NFC changes: `[start, end)` becomes `composed`."""

    start: int
    end: int
    composed: str
    shift_after: int  # the length change of this stretch and every one before it


@dataclass(frozen=True, slots=True)
class StoredText:
    """A text in the one form Hamish stores, what changed, and where raw offsets land."""

    text: str
    raw: str = field(repr=False)
    bom_removed: bool = False
    line_endings: str | None = None
    unicode_nfc: bool = False
    controls_removed: int = 0
    # Raw indices of the characters dropped (leading BOMs, the CR of a CRLF, controls).
    _dropped: list[int] = field(default_factory=list, repr=False)
    # The text after dropping, before NFC: the stretches NFC changes are found in it only
    # when an offset needs mapping (an article import maps none, and finding them costs a
    # Python step a character on every line NFC changes).
    _folded: str = field(default="", repr=False)
    _stretches: list[list[_Composed]] = field(default_factory=list, repr=False)

    @property
    def _composed(self) -> list[_Composed]:
        if not self.unicode_nfc:
            return []
        if not self._stretches:
            stretches = _composed_stretches(self._folded)
            # The stretches cut where NFC of the whole equals NFC of the parts: joined, they
            # give the stored text, or every offset mapped through them would be wrong.
            assert _apply(self._folded, stretches) == self.text
            self._stretches.append(stretches)
        return self._stretches[0]

    @property
    def changed(self) -> bool:
        """Whether the stored text differs from the raw one."""
        return self.text != self.raw

    def position(self, offset: int) -> int:
        """Where raw `offset` lands in the stored text. A dropped character maps to the next
        kept one (a span ending at a CRLF's CR ends before its line end); an offset inside a
        stretch NFC composes raises UnmappableOffset naming it."""
        if not 0 <= offset <= len(self.raw):
            raise OffsetError(f"position {offset} is outside 0..{len(self.raw)}")
        folded = offset - bisect_left(self._dropped, offset)
        if not self._composed:
            return folded
        i = bisect_right(self._composed, folded, key=lambda c: c.start) - 1
        if i < 0:
            return folded
        stretch = self._composed[i]
        if folded >= stretch.end:
            return folded + stretch.shift_after
        if folded == stretch.start:
            return folded + (self._composed[i - 1].shift_after if i else 0)
        raw = self._raw_of(stretch)
        raise UnmappableOffset(
            f"position {offset} falls inside {raw!r} ({_code_points(raw)}), which is stored"
            f" in Unicode NFC as {stretch.composed!r} ({_code_points(stretch.composed)})"
        )

    def _raw_of(self, stretch: _Composed) -> str:
        first = stretch.start + bisect_left(self._dropped, stretch.start)
        last = stretch.end + bisect_left(self._dropped, stretch.end)
        return self.raw[first:last]

    def notes(self) -> Attributes:
        """What storing changed (only the entries that apply), for a document's import notes."""
        notes: Attributes = {}
        if self.bom_removed:
            notes["bom_removed"] = True
        if self.line_endings is not None:
            notes["line_endings"] = self.line_endings
        if self.unicode_nfc:
            notes["unicode_nfc"] = True
        if self.controls_removed:
            notes["control_characters_removed"] = self.controls_removed
        return notes


def _code_points(text: str) -> str:
    return " ".join(f"U+{ord(char):04X}" for char in text)


def is_stored_form(text: str) -> bool:
    """Whether `text` is already as Hamish stores it (stored_form would leave it alone)."""
    return (
        not text.startswith("\ufeff")
        and "\r" not in text
        and _CONTROLS.search(text) is None
        and unicodedata.is_normalized("NFC", text)
    )


def stored_form(raw: str) -> StoredText:
    """Any text as Hamish stores it, whatever door it came in by: no leading BOM (Qt drops it
    and every offset would shift by one), `\\n` line ends (Qt folds CRLF into one position),
    NFC, and no C0/C1 control characters but tab and line feed. Nothing else is touched (no
    tashkeel, tatweel or space changes): offsets made on the raw text map through `position`."""
    if is_stored_form(raw):
        return StoredText(raw, raw)
    skip = len(raw) - len(raw.lstrip("\ufeff"))
    dropped = list(range(skip))
    pieces: list[str] = []
    kept_from = skip
    controls = 0
    for match in _CHANGED.finditer(raw, skip):
        pieces.append(raw[kept_from : match.start()])
        kept_from = match.end()
        found = match.group()
        if found == "\r\n":
            dropped.append(match.start())
            pieces.append("\n")
        elif found == "\r":
            pieces.append("\n")
        else:
            dropped.append(match.start())
            controls += 1
    pieces.append(raw[kept_from:])
    folded = "".join(pieces)
    text = _nfc(folded)
    return StoredText(
        text,
        raw,
        bom_removed=skip > 0,
        line_endings=_line_endings(raw),
        unicode_nfc=text != folded,
        controls_removed=controls,
        _dropped=dropped,
        _folded=folded,
    )


def _nfc(text: str) -> str:
    """NFC, line by line: only the lines that need it pay for it (a few in a long article).
    Exact, because NFC never acts across a line feed (class 0, composes with nothing)."""
    if unicodedata.is_normalized("NFC", text):
        return text
    return "\n".join(
        line if unicodedata.is_normalized("NFC", line) else unicodedata.normalize("NFC", line)
        for line in text.split("\n")
    )


def _composed_stretches(text: str) -> list[_Composed]:
    """The stretches of `text` that NFC changes, each as small as NFC allows.

    A stretch starts at a character of combining class 0; two neighbours are joined when NFC
    acts across them (Hangul jamo, some Indic vowel signs). Only lines NFC changes are
    looked at, and NFC never acts across a line feed (class 0, composes with nothing)."""
    if unicodedata.is_normalized("NFC", text):
        return []
    stretches: list[_Composed] = []
    shift = 0
    line_start = 0
    for line in text.split("\n"):
        if not unicodedata.is_normalized("NFC", line):
            for start, end in _nfc_units(line):
                composed = unicodedata.normalize("NFC", line[start:end])
                if composed != line[start:end]:
                    shift += len(composed) - (end - start)
                    stretches.append(
                        _Composed(line_start + start, line_start + end, composed, shift)
                    )
        line_start += len(line) + 1
    return stretches


def _nfc_units(line: str) -> list[tuple[int, int]]:
    """`line` cut where NFC of the whole equals NFC of the parts joined."""
    starts = [i for i, char in enumerate(line) if i == 0 or not unicodedata.combining(char)]
    units: list[tuple[int, int]] = []
    for start, end in zip(starts, [*starts[1:], len(line)], strict=True):
        if units:
            first, _ = units[-1]
            before, after = line[first:start], line[start:end]
            nfc = unicodedata.normalize
            if nfc("NFC", before + after) != nfc("NFC", before) + nfc("NFC", after):
                units[-1] = (first, end)
                continue
        units.append((start, end))
    return units


def _apply(text: str, composed: list[_Composed]) -> str:
    pieces: list[str] = []
    at = 0
    for stretch in composed:
        pieces += (text[at : stretch.start], stretch.composed)
        at = stretch.end
    pieces.append(text[at:])
    return "".join(pieces)


def _line_endings(text: str) -> str | None:
    if "\r" not in text:
        return None
    crlf = text.count("\r\n")
    lone_cr = text.count("\r") - crlf
    lone_lf = text.count("\n") - crlf
    kinds = [kind for kind, n in (("crlf", crlf), ("cr", lone_cr), ("lf", lone_lf)) if n]
    return kinds[0] if len(kinds) == 1 else "mixed"


def footer_start(text: str, rules: BoilerplateRules) -> int | None:
    """Where the trailing run of footer lines (blank lines ignored) starts, or None."""
    cut: int | None = None
    end, matched = len(text), 0
    # Walk back line by line with rfind: splitting a 30,000-character article would be waste.
    while end > 0 and matched < MAX_FOOTER_LINES:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if line.strip():
            if rules.match(line) is None:
                break
            cut, matched = start, matched + 1
        end = start - 1
    if cut is None or not text[:cut].strip():
        return None  # an "article" made only of footer-like lines is left for a human to judge
    return cut


def clean_with_offsets(raw: str) -> tuple[str, Callable[[int], int], Attributes]:
    """For annotations made on raw text elsewhere (brat, Label Studio, doccano): the stored
    form of the text (stored_form), a map from raw offsets to its offsets (raising
    UnmappableOffset for one inside what NFC joins), and notes on what changed. Unlike
    clean_text it leaves footers and trailing space alone: those have no offset map."""
    stored = stored_form(raw)
    return stored.text, stored.position, stored.notes()
