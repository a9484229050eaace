"""Which SaudiNewsNet articles make the assistant's held-out test set (bench/README.md).

Chosen by rule, before anyone annotated them and without looking at what the assistant makes of
them: from each of the two days in ../shared/corpus/saudinewsnet, articles whose stored text
(as `import` stores it, boilerplate kept) has 600 to 2,500 characters, shuffled with a fixed
seed, taking at most MAX_PER_SOURCE from one newspaper, until PER_DAY are chosen. Printed as
`day<TAB>index in the day's JSON array<TAB>source<TAB>characters<TAB>text_sha256<TAB>title`.

    .venv/bin/python bench/select_test_articles.py
"""

from __future__ import annotations

import json
import random
import sys
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotation.cleanup import clean_text  # noqa: E402
from annotation.model import text_sha256  # noqa: E402

DAYS = ("2015-07-21", "2015-07-22")
CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet"
SEED, PER_DAY, MAX_PER_SOURCE = 16, 16, 3
SHORTEST, LONGEST = 600, 2_500


def articles(day: str) -> list[dict[str, str]]:
    with zipfile.ZipFile(CORPUS / f"{day}.zip") as archive:
        (name,) = archive.namelist()
        data: list[dict[str, str]] = json.loads(archive.read(name))
        return data


def chosen() -> list[tuple[str, int, str, str]]:
    """(day, index, source, stored text) of every test article, in a fixed order."""
    picked = []
    for day in DAYS:
        candidates = []
        for index, article in enumerate(articles(day)):
            text = clean_text(article.get("content") or "").text  # what `import` stores
            if SHORTEST <= len(text) <= LONGEST:
                candidates.append((index, article.get("source", ""), text))
        random.Random(f"{SEED}-{day}").shuffle(candidates)
        per_source: Counter[str] = Counter()
        for index, source, text in candidates:
            if per_source[source] < MAX_PER_SOURCE:
                per_source[source] += 1
                picked.append((day, index, source, text))
                if sum(per_source.values()) == PER_DAY:
                    break
    return picked


if __name__ == "__main__":
    for day, index, source, text in chosen():
        title = articles(day)[index].get("title", "").replace("\t", " ")
        print(f"{day}\t{index}\t{source}\t{len(text)}\t{text_sha256(text)}\t{title}")
