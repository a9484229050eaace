"""The words of Arabic reporting structure (cues, titles, complementisers), loaded from
assets/assistant/reporting.json so that a team can extend the lists without touching code.

Every word is kept in the form `arabic.normalise_for_match` gives it (hamza forms, alef
maqsura, ta marbuta and tashkeel folded), and is looked up in that form.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from annotation.arabic import normalise_for_match

DEFAULT_LEXICON = Path(__file__).resolve().parents[2] / "assets" / "assistant" / "reporting.json"
FORMAT, VERSION = "hamish-reporting", 1
_ARTICLE_PREFIXES = ("وال", "فال", "بال", "كال", "لل", "ال")
# Endings of nisba adjectives (الروسي، الأرجنتينية، السوريين), normalised: they extend a title.
_NISBA_ENDINGS = ("ي", "يه", "يين", "يون", "يان")


@dataclass(frozen=True, slots=True)
class Verb:
    """A reporting verb: its base form (the cue attribute) and what may follow it."""

    cue: str
    negative: bool
    linkers: frozenset[str]  # prepositions between the verb and أن: أشار إلى أن
    nominal: frozenset[str]  # prepositions introducing a noun as the claim: أعرب عن أمل


@dataclass(frozen=True, slots=True)
class CueForm:
    """One written form of a reporting verb."""

    verb: Verb
    circumstantial: bool  # a حال form (مؤكدا): never has a subject of its own
    ambiguous: bool  # also a common noun or preposition (بين، تابع): only trusted up close


def _words(items: list[str]) -> frozenset[str]:
    return frozenset(normalise_for_match(item) for item in items)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the reporting rules look words up in, normalised."""

    forms: dict[str, CueForm]
    complementisers: frozenset[str]
    claim_nouns: frozenset[str]
    titles: frozenset[str]
    not_speakers: frozenset[str]
    resumers: frozenset[str]
    topic_markers: frozenset[str]
    particles: frozenset[str]
    negations: frozenset[str]
    subject_stops: frozenset[str]
    attachments: frozenset[str]
    channel_words: frozenset[str]
    complementiser_blockers: frozenset[str]
    sentence_openings: tuple[tuple[str, ...], ...]
    quotes: frozenset[str]
    direct_quote_min_words: int
    max_subject_words: int
    max_skipped_words: int
    # Quantities whose من does not end the speaker: عدد من المحتجين.
    partitives: frozenset[str]
    # Source phrases (بحسب، وفقا لـ، نقلا عن) and the preposition their speaker takes.
    sources: dict[str, str]

    def cue(self, norm: str) -> tuple[CueForm, int] | None:
        """The cue form a normalised word is, and the length of its و/ف proclitic (0 or 1)."""
        form = self.forms.get(norm)
        if form is not None:
            return form, 0
        if len(norm) > 3 and norm[0] in "وف":
            form = self.forms.get(norm[1:])
            if form is not None:
                return form, 1
        return None

    def is_title(self, norm: str) -> bool:
        """True for a role or institution that heads a speaker's noun phrase (الوزير، لجنة)."""
        return without_article(norm) in self.titles

    def is_claim_noun(self, norm: str) -> bool:
        """True for a verbal noun that carries a claim after its cue (استمرار، حرصه)."""
        return norm in self.claim_nouns


def without_article(norm: str) -> str:
    """A normalised word without its article and the proclitics before it."""
    for prefix in _ARTICLE_PREFIXES:
        if norm.startswith(prefix) and len(norm) > len(prefix) + 1:
            return norm[len(prefix) :]
    return norm


def is_definite(norm: str) -> bool:
    """True when a normalised word carries the article."""
    return without_article(norm) != norm


def is_nisba(norm: str) -> bool:
    """True for a definite adjective of relation (الروسي، الخاصة is not one)."""
    return is_definite(norm) and norm.endswith(_NISBA_ENDINGS)


@cache
def load_lexicon(path: Path = DEFAULT_LEXICON) -> Lexicon:
    """Read the lexicon file; a file of another format raises ValueError naming it."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if (data.get("format"), data.get("version")) != (FORMAT, VERSION):
        raise ValueError(f'{path}: expected {{"format": "{FORMAT}", "version": {VERSION}, ...}}')
    forms: dict[str, CueForm] = {}
    for item in data["verbs"]:
        verb = Verb(
            item["cue"],
            bool(item.get("negative", False)),
            _words(item.get("linkers", [])),
            _words(item.get("nominal", [])),
        )
        ambiguous = _words(item.get("ambiguous", []))
        for key, circumstantial in (("forms", False), ("circumstantial", True)):
            for word in _words(item.get(key, [])):
                forms[word] = CueForm(verb, circumstantial, word in ambiguous)
    complementisers = _words(data["complementisers"])
    suffixes = _words(data["complementiser_suffixes"])
    noun_suffixes = _words(data["claim_noun_suffixes"])
    nouns = _words(data["claim_nouns"])
    return Lexicon(
        forms=forms,
        complementisers=complementisers | {c + s for c in complementisers for s in suffixes},
        claim_nouns=nouns | {n + s for n in nouns for s in noun_suffixes},
        titles=_words(data["titles"]),
        not_speakers=_words(data["not_speakers"]),
        resumers=_words(data["resumers"]),
        topic_markers=_words(data["topic_markers"]),
        particles=_words(data["particles"]),
        negations=_words(data["negations"]),
        subject_stops=_words(data["subject_stops"]),
        attachments=_words(data["attachments"]),
        channel_words=_words(data["channel_words"]),
        complementiser_blockers=_words(data["complementiser_blockers"]),
        sentence_openings=tuple(
            tuple(normalise_for_match(phrase).split()) for phrase in data["sentence_openings"]
        ),
        quotes=frozenset(data["quotes"]),
        direct_quote_min_words=int(data["direct_quote_min_words"]),
        max_subject_words=int(data["max_subject_words"]),
        max_skipped_words=int(data["max_skipped_words"]),
        partitives=_words(data["partitives"]),
        sources={
            normalise_for_match(word): normalise_for_match(preposition)
            for word, preposition in data["sources"].items()
        },
    )
