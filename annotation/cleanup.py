"""Text clean-up applied once at import: leading BOM, line endings, NFC and agency footers.

Annotators' offsets point into the cleaned text, so nothing else is touched: no tashkeel or
tatweel removal, no whitespace collapsing.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from annotation.model import Attributes

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

    def notes(self) -> dict[str, object]:
        """What import normalised (only the entries that apply), JSON-serialisable."""
        notes: dict[str, object] = {}
        if self.line_endings is not None:
            notes["line_endings"] = self.line_endings
        if self.unicode_nfc:
            notes["unicode_nfc"] = True
        if self.bom_removed:
            notes["bom_removed"] = True
        if self.boilerplate_removed is not None:
            notes["boilerplate_removed"] = self.boilerplate_removed
        return notes


def clean_text(raw: str, rules: BoilerplateRules | None = None) -> CleanText:
    """Remove a leading BOM, normalise line endings to \\n, apply NFC and strip a footer."""
    text = raw
    bom_removed = text.startswith("\ufeff")
    if bom_removed:
        # Qt drops a leading BOM silently, which would shift every offset by one; a text
        # can start with two (a BOM'd file's text inside a BOM'd JSON file).
        text = text.lstrip("\ufeff")
    line_endings = _line_endings(text)
    if line_endings is not None:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    unicode_nfc = not unicodedata.is_normalized("NFC", text)
    if unicode_nfc:
        text = _nfc(text)
    removed = None
    cut = None if rules is None else footer_start(text, rules)
    if cut is not None:
        text, removed = text[:cut], text[cut:]
    return CleanText(text.rstrip(), line_endings, unicode_nfc, bom_removed, removed)


def _nfc(text: str) -> str:
    """NFC, line by line: only the lines that need it pay for it (a few in a long article).

    Exact, because a line feed has combining class 0 and composes with nothing, so NFC never
    acts across it.
    """
    return "\n".join(
        line if unicodedata.is_normalized("NFC", line) else unicodedata.normalize("NFC", line)
        for line in text.split("\n")
    )


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
    """For annotations made on raw text elsewhere (brat, Label Studio, doccano): the text as
    Hamish stores it (no leading BOM, `\n` line ends), a map from raw offsets to its offsets,
    and notes on what changed. Unlike clean_text it leaves NFC and footers alone, since a
    span's offsets would have to follow those too."""
    skip = len(raw) - len(raw.lstrip("\ufeff"))
    if not skip and "\r" not in raw:
        return raw, _same_offset, {}
    notes: Attributes = {}
    if skip:
        notes["bom_removed"] = True
    line_endings = _line_endings(raw)
    if line_endings is not None:
        notes["line_endings"] = line_endings
    kept: list[str] = []
    positions = [0] * (len(raw) + 1)
    for i, char in enumerate(raw):
        positions[i] = len(kept)
        if i < skip or (char == "\r" and raw[i + 1 : i + 2] == "\n"):
            continue  # maps to the next kept character: a span ending at it ends before
        kept.append("\n" if char == "\r" else char)
    positions[len(raw)] = len(kept)
    return "".join(kept), positions.__getitem__, notes


def _same_offset(index: int) -> int:
    return index
