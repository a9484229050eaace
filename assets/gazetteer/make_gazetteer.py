"""Regenerate places.json, the gazetteer of the assistant's location finder.

Run it from the repository root whenever curated.json changes (or to move to newer data):

    .venv/bin/python assets/gazetteer/make_gazetteer.py              # rewrites places.json
    .venv/bin/python assets/gazetteer/make_gazetteer.py --out FILE   # writes elsewhere

It needs babel and pycountry at the versions pinned in requirements-dev.txt (`make test` installs
them); the application never imports either. Commit places.json together with curated.json:
tests/annotation/test_places.py regenerates it and fails when the two disagree.

Sources, in order of precedence: a place named by an earlier source keeps its name, kind and
country code, and later sources add their other spellings as aliases.
1. curated.json (ours, MIT): places frequent in Arabic news, with the spellings the news uses.
2. CLDR via Babel (Unicode License v3): Arabic names of territories (`Locale('ar').territories`).
3. iso-codes via pycountry (LGPL-2.1 data): Arabic names of ISO 3166-1 countries.
4. CLDR via Babel: the Arabic exemplar cities of time zones (`Locale('ar').time_zones`, what
   `babel.dates.get_timezone_location(..., return_city=True)` returns, read from the locale so
   the result does not depend on the system's tz database).
Names are compared as annotation.arabic normalises them, so `الاتّحاد الرّوسي` and
`الاتحاد الروسي` are one name; a name never belongs to two places.
"""

from __future__ import annotations

import argparse
import gettext
import hashlib
import json
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import babel
import pycountry
from babel import Locale
from babel.core import get_cldr_version, get_global

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # run as a script: make the annotation package importable
from annotation.arabic import normalise_for_match  # noqa: E402

CURATED = HERE / "curated.json"
PLACES = HERE / "places.json"
# CLDR codes that name no place: the world, organisations and currency zones, test locales.
NOT_PLACES = {"001", "EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}
# Translations in a source that name another place: iso-codes gives Moldova the Maldives' name.
WRONG = {("iso-codes", "MD", "المالديف")}
_ARABIC = re.compile(r"[\u0621-\u064a]")
_PARENTHESIS = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<other>[^()]+)\)$")
_KIND_ORDER = {"country": 0, "region": 1, "city": 2, "other": 3}
LICENCE = (
    "Place names from three sources, each entry listing its own: 'curated' is curated.json, "
    "written for Hamish (MIT, like the project); 'cldr-territories' and 'cldr-cities' are "
    "Unicode CLDR data read through Babel (Unicode License v3); 'iso-codes' is the Arabic "
    "translation of ISO 3166-1 from Debian's iso-codes, read through pycountry (LGPL-2.1). "
    "See LICENSE.md beside this file."
)


@dataclass
class Entry:
    """A place being assembled from the sources."""

    name: str
    kind: str
    country_code: str | None
    aliases: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "aliases": self.aliases,
            "kind": self.kind,
            "country_code": self.country_code,
            "sources": self.sources,
        }


def key(name: str) -> str:
    """A name as the finder compares it."""
    return " ".join(normalise_for_match(name).split())


class Gazetteer:
    """Entries in order of precedence, and which entry each normalised name belongs to."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.owner: dict[str, Entry] = {}
        self.countries: dict[str, Entry] = {}
        self.dropped: list[str] = []

    def add(self, names: list[str], kind: str, code: str | None, source: str) -> None:
        names = list(dict.fromkeys(n for name in names for n in _spellings(name)))
        if not names:
            return  # untranslated: only Latin letters
        # The same place: the same country, or a name in common and no conflicting country.
        target = self.countries.get(code) if kind == "country" and code else None
        for name in names:
            owner = self.owner.get(key(name))
            if target is None and owner and _same_country(owner.country_code, code):
                target = owner
        if target is None:
            free = [name for name in names if key(name) not in self.owner]
            if not free:
                self.dropped.append(f"{source}: {names[0]} ({code}), its names taken")
                return
            target = Entry(free[0], kind, code)
            self.entries.append(target)
            if kind == "country" and code:
                self.countries[code] = target
        if source not in target.sources:
            target.sources.append(source)
        for name in names:
            if key(name) not in self.owner:
                self.owner[key(name)] = target
                if name != target.name:
                    target.aliases.append(name)


def _same_country(one: str | None, other: str | None) -> bool:
    """Two country codes that may name one place: equal, or one unknown."""
    return one == other or one is None or other is None


def _spellings(name: str) -> list[str]:
    """A source's name as the names to index: `X (Y)` gives X and Y when Y is one word (after a
    leading `مدينة`); a ` و ` between words is also written joined, as news writes it."""
    name = " ".join(name.split())
    names = [name]
    parts = _PARENTHESIS.match(name)
    if parts:
        other = parts["other"].removeprefix("مدينة ")
        names = [parts["name"], *([other] if " " not in other else [])]
    names += [n.replace(" و ", " و") for n in names if " و " in n]
    return [n for n in names if _ARABIC.search(n) and "،" not in n]


def _iso_country(code: str) -> bool:
    return pycountry.countries.get(alpha_2=code) is not None


def add_curated(gazetteer: Gazetteer, curated: list[dict[str, Any]]) -> None:
    for entry in curated:
        before = len(gazetteer.dropped)
        names = [entry["name"], *entry["aliases"]]
        gazetteer.add(names, entry["kind"], entry["country_code"], "curated")
        taken = [n for n in names if gazetteer.owner[key(n)].name != entry["name"]]
        if len(gazetteer.dropped) > before or taken:
            raise SystemExit(f"curated.json: {entry['name']} shares {taken} with another place")


def add_territories(gazetteer: Gazetteer, arabic: Locale) -> None:
    for code, name in sorted(arabic.territories.items()):
        if code in NOT_PLACES:
            continue
        if code.isdigit():
            gazetteer.add([name], "region", None, "cldr-territories")
        elif _iso_country(code):
            gazetteer.add([name], "country", code, "cldr-territories")
        else:  # outlying islands and enclaves CLDR names but ISO 3166-1 does not
            gazetteer.add([name], "region", None, "cldr-territories")


def add_iso_codes(gazetteer: Gazetteer) -> None:
    translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        english = [
            country.name,
            getattr(country, "common_name", None),
            getattr(country, "official_name", None),
        ]
        names = [translation.gettext(n) for n in english if n]
        names = [n for n in names if ("iso-codes", country.alpha_2, n) not in WRONG]
        gazetteer.add(names, "country", country.alpha_2, "iso-codes")


def add_cities(gazetteer: Gazetteer, arabic: Locale) -> None:
    territories: Mapping[str, str] = get_global("zone_territories")
    for zone, names in sorted(arabic.time_zones.items()):
        city = names.get("city")
        if not city or zone.startswith("Etc/"):
            continue
        code = territories.get(zone)
        gazetteer.add([city], "city", code if code and _iso_country(code) else None, "cldr-cities")


def build(curated: list[dict[str, Any]]) -> dict[str, Any]:
    """The gazetteer as written to places.json."""
    gazetteer = Gazetteer()
    arabic = Locale("ar")
    add_curated(gazetteer, curated)
    add_territories(gazetteer, arabic)
    add_iso_codes(gazetteer)
    add_cities(gazetteer, arabic)
    for line in gazetteer.dropped:
        print("left out:", line, file=sys.stderr)
    places = sorted(
        (entry.as_json() for entry in gazetteer.entries),
        key=lambda p: (p["country_code"] or "~", _KIND_ORDER[p["kind"]], key(p["name"])),
    )
    return {
        "about": "Generated by assets/gazetteer/make_gazetteer.py: edit curated.json and rerun it.",
        "licence": LICENCE,
        "versions": {
            "babel": babel.__version__,
            "cldr": get_cldr_version(),
            "pycountry": _version("pycountry"),
        },
        "curated_sha256": _digest(curated),
        "places_sha256": _digest(places),
        "places": places,
    }


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def _digest(value: Any) -> str:
    """A checksum of JSON data, independent of how the file lays it out."""
    canonical = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def render(data: dict[str, Any]) -> str:
    """places.json's text: the header indented, then one place a line, easy to diff."""
    header = {name: value for name, value in data.items() if name != "places"}
    head = json.dumps(header, ensure_ascii=False, indent=2)[:-2]
    rows = ",\n".join("    " + json.dumps(p, ensure_ascii=False) for p in data["places"])
    return f'{head},\n  "places": [\n{rows}\n  ]\n}}\n'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=PLACES, help="where to write (places.json)")
    arguments = parser.parse_args(argv)
    curated = json.loads(CURATED.read_text(encoding="utf-8"))
    data = build(curated)
    arguments.out.write_text(render(data), encoding="utf-8", newline="\n")
    print(f"{len(data['places'])} places written to {arguments.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
