"""Names Drop Proclitics must know, so that it never cuts one (issue 14, item 13).

A word such as كاليفورنيا, بالتيمور or والتون looks like a preposition and the article before a
stem, and لبنان like ل before بنان. Only knowing the name tells them apart: the single-word
names and aliases of the gazetteer (assets/gazetteer/places.json), a list written for Hamish of
names that begin with proclitic letters (assets/names/proclitic_like.txt), and the entity
registry's names, which the caller passes. All folded with normalise_for_match.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from annotation.arabic import normalise_for_match

_ASSETS = Path(__file__).resolve().parents[1] / "assets"
PROCLITIC_LIKE = _ASSETS / "names" / "proclitic_like.txt"
GAZETTEER = _ASSETS / "gazetteer" / "places.json"

# Words every article has that a proclitic word may end in: إلى folds to الي, so والي and بالي
# would lose their first letter to it. Never taken as evidence of a stem.
FUNCTION_WORDS = frozenset(
    normalise_for_match(word)
    for word in ("إلى", "على", "التي", "الذي", "الذين", "اللذين", "اللتين", "إلا", "الآن", "إليه")
)


def single_words(names: Iterable[str]) -> frozenset[str]:
    """The names of one word among `names`, folded."""
    folded = (normalise_for_match(name).strip() for name in names)
    return frozenset(name for name in folded if name and " " not in name)


@cache
def bundled_names() -> frozenset[str]:
    """The gazetteer's one-word names and aliases and the list of proclitic-like names."""
    places = json.loads(GAZETTEER.read_text(encoding="utf-8"))["places"]
    listed = [
        line.strip()
        for line in PROCLITIC_LIKE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    gazetteer = (name for place in places for name in (place["name"], *place["aliases"]))
    return single_words(gazetteer) | single_words(listed)
