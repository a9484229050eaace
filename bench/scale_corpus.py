"""Build the large database bench_scale.py measures: N articles and M spans over them.

The articles are both SaudiNewsNet days (../shared/corpus/saudinewsnet), then copies of them
until there are N, varied the way news varies from day to day (`news_variant`): every place
the gazetteer knows becomes another of its 1,043, every number another of the same length,
and each given name from GIVEN_NAMES another, followed by a family name drawn from a pool
that keeps growing (a new one minted with a chance falling as 1/sqrt of the pool's size, as
a news corpus's vocabulary grows, roughly as Heaps' law has it). So the distinct words grow
with N, as they do in a real archive, rather than stopping at the originals' (issue 16).
They go in through `SqliteStore.add_documents`, which builds the search index as an import
does. The spans
(one annotator, `bench`) are inserted with raw SQL, each on whole words with its covered text:
one article in a thousand, among the longest, gets 500 (the heavy case of switching
articles), the others share the rest evenly (about 10 each at the default ratio). The
annotator's status is in progress on every article with spans, and done on every tenth.

    .venv/bin/python bench/scale_corpus.py /tmp/scale-100k.sqlite3 --articles 100000 --spans 1000000
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotation.arabic import TokenKind, tokenise  # noqa: E402
from annotation.cleanup import stored_form  # noqa: E402
from annotation.model import Document, now, text_sha256  # noqa: E402
from db.store import SqliteStore  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet"
DAYS = [CORPUS / "2015-07-21.zip", CORPUS / "2015-07-22.zip"]
ANNOTATOR = "bench"
HEAVY_SPANS = 500  # spans on each heavy article
HEAVY_EVERY = 1000  # one heavy article in this many
BATCH = 2000  # articles per add_documents call
# Span shapes in words (first, last) over a stretch of each article, with their label.
SHAPES = ((0, 5, "CLAIM"), (0, 1, "SPEAKER"), (3, 3, "LOCATION"))


def originals() -> list[tuple[str, str]]:
    """(title, text) of every SaudiNewsNet article with a text, each text once."""
    found: dict[str, str] = {}
    for day in DAYS:
        with zipfile.ZipFile(day) as archive:
            for name in archive.namelist():
                for article in json.loads(archive.read(name)):
                    if article.get("content"):
                        # In the form the store accepts (NFC, no control characters), as an
                        # import makes it.
                        text = stored_form(article["content"]).text
                        title = " ".join(stored_form(article.get("title") or "").text.split())
                        found.setdefault(text, title)  # a title on one line
    return [(title, text) for text, title in found.items()]


# Common given names as news writes them (written for Hamish, MIT like the project).
GIVEN_NAMES = tuple(
    " ".join(
        (
            "محمد أحمد عبدالله عبدالعزيز عبدالرحمن خالد فهد سلمان سعود فيصل تركي نايف بندر",
            "سلطان ماجد سعد علي عمر حسن حسين إبراهيم يوسف ناصر منصور طلال مشعل وليد عادل",
            "سامي هاني جمال كمال مصطفى محمود عثمان يحيى زياد رامي طارق مازن نواف متعب",
            "فاطمة عائشة مريم نورة سارة هند ليلى منى ريم لمى",
        )
    ).split()
)
# Letters a minted family name is made of, and the shapes it takes (C a consonant).
_CONSONANTS = "بتثجحخدذرزسشصضطظعغفقكلمنهي"
_SHAPES = ("الCاCCي", "الCCCي", "CاCC", "الCCاCي", "CوCاC")
_DIGITS = re.compile(r"[0-9]+|[٠-٩]+")


class NewsVariety:
    """What varies between one day's news and the next: places, numbers and names."""

    def __init__(self, seed: int) -> None:
        places = json.loads((ROOT / "assets" / "gazetteer" / "places.json").read_text("utf-8"))
        self.places = sorted({p["name"] for p in places["places"]})
        self.rng = random.Random(seed)
        self.family: list[str] = []  # the family names seen so far: the pool grows
        self._known_places = frozenset(self.places)
        self._given = frozenset(GIVEN_NAMES)

    def family_name(self) -> str:
        # A new name with a chance falling as the pool grows (sqrt), else one seen before.
        if self.rng.random() * math.sqrt(len(self.family) + 1) < 4:
            shape = self.rng.choice(_SHAPES)
            name = "".join(self.rng.choice(_CONSONANTS) if c == "C" else c for c in shape)
            self.family.append(name)
            return name
        return self.rng.choice(self.family)

    def number(self, match: re.Match[str]) -> str:
        digits = match.group()
        zero = "0" if digits[0] in "0123456789" else "٠"
        first = self.rng.randrange(1 if len(digits) > 1 else 0, 10)
        rest = (self.rng.randrange(10) for _ in digits[1:])
        return "".join(chr(ord(zero) + d) for d in (first, *rest))

    def news_variant(self, text: str) -> str:
        """`text` with its places, numbers and names varied (its words split on spaces)."""
        words = _DIGITS.sub(self.number, text).split(" ")
        for i in [i for i, word in enumerate(words) if word in self._known_places]:
            words[i] = self.rng.choice(self.places)
        for i in [i for i, word in enumerate(words) if word in self._given]:
            words[i] = self.rng.choice(GIVEN_NAMES)
            # The next word, if it is a word of letters, becomes a family name.
            if i + 1 < len(words) and len(words[i + 1]) > 2 and words[i + 1].isalpha():
                words[i + 1] = self.family_name()
        return " ".join(words)


def articles(count: int) -> Iterator[Document]:
    """`count` documents with distinct texts: the originals, then news-like copies of them."""
    sources = originals()
    variety, seen = NewsVariety(20150721), set[str]()
    for index in range(count):
        title, text = sources[index % len(sources)]
        copy = index // len(sources)
        if copy:
            title, text = variety.news_variant(title), variety.news_variant(text)
        while text_sha256(text) in seen:  # nothing varied: say which copy it is
            text += f" ({copy})"
        seen.add(text_sha256(text))
        yield Document(text=text, text_sha256=text_sha256(text), title=title, source="bench")


def add_articles(store: SqliteStore, count: int) -> None:
    batch: list[Document] = []
    for document in articles(count):
        batch.append(document)
        if len(batch) == BATCH:
            store.add_documents(batch)
            batch = []
    if batch:
        store.add_documents(batch)


def quotas(lengths: list[tuple[int, int]], spans: int) -> dict[int, int]:
    """Spans per document id: HEAVY_SPANS on the longest of each HEAVY_EVERY, the rest evenly."""
    heavy = sorted(lengths, key=lambda row: -row[1])[: max(1, len(lengths) // HEAVY_EVERY)]
    wanted = {document_id: HEAVY_SPANS for document_id, _ in heavy}
    others = [document_id for document_id, _ in lengths if document_id not in wanted]
    share, extra = divmod(max(0, spans - HEAVY_SPANS * len(wanted)), max(1, len(others)))
    for place, document_id in enumerate(others):
        wanted[document_id] = share + (place < extra)
    return wanted


def layer_rows(document_id: int, text: str, count: int, annotator_id: int) -> list[tuple[Any, ...]]:
    """`count` spans on whole words spread over the text (fewer if it has too few words)."""
    words = [(t.start, t.end) for t in tokenise(text) if t.kind is TokenKind.WORD]
    stretch = 6  # words one span shape may cover
    places = max(0, len(words) - stretch)
    count = min(count, places * len(SHAPES))
    stamp = now().isoformat()
    rows = []
    for number in range(count):
        first, last, label = SHAPES[number % len(SHAPES)]
        base = number * places // count
        start, end = words[base + first][0], words[base + last][1]
        rows.append((document_id, annotator_id, label, start, end, text[start:end], stamp, stamp))
    return rows


def add_spans(store: SqliteStore, spans: int) -> int:
    """Insert the spans and statuses with raw SQL in one transaction; return how many spans."""
    db, stamp, added, owed = store.db, now().isoformat(), 0, 0
    lengths = [(row[0], row[1]) for row in db.execute("SELECT id, characters FROM documents")]
    wanted = quotas(lengths, spans)
    with store.transaction():
        annotator_id = db.execute(
            "INSERT INTO annotators (name, created_at) VALUES (?, ?) RETURNING id",
            [ANNOTATOR, stamp],
        ).fetchone()[0]
        for document_id, text in db.execute("SELECT id, text FROM documents ORDER BY id"):
            count = wanted.get(document_id, 0)
            # An article with too few words passes what it cannot hold on to the next ones.
            rows = layer_rows(document_id, text, count + owed if count else 0, annotator_id)
            owed += count - len(rows) if count else 0
            db.conn.executemany(
                'INSERT INTO spans (document_id, annotator_id, label, start, "end", text,'
                " origin, created_at, updated_at) VALUES (?,?,?,?,?,?,'manual',?,?)",
                rows,
            )
            if rows:
                status = "done" if document_id % 10 == 0 else "in_progress"
                db.execute(
                    "INSERT INTO document_status (document_id, annotator_id, status, updated_at)"
                    " VALUES (?, ?, ?, ?)",
                    [document_id, annotator_id, status, stamp],
                )
            added += len(rows)
    return added


def build(path: Path, count: int, spans: int) -> None:
    """Fill a new database at `path`, printing what it took."""
    started = time.perf_counter()
    store = SqliteStore(path)
    add_articles(store, count)
    middle = time.perf_counter()
    added = add_spans(store, spans)
    store.db.execute("PRAGMA optimize")
    store.close()
    done = time.perf_counter()
    print(
        f"built {path}: {count:,} articles in {middle - started:.0f} s (add_documents with the"
        f" search index), {added:,} spans in {done - middle:.0f} s;"
        f" {path.stat().st_size / 1e6:,.0f} MB"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", type=Path, help="a database file that does not exist yet")
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--spans", type=int, default=200_000)
    args = parser.parse_args()
    if args.path.exists():
        parser.error(f"{args.path} exists: delete it, or measure it with bench_scale.py --db")
    missing = [str(day) for day in DAYS if not day.exists()]
    if missing:
        print(f"skipped: the shared corpus is not here ({', '.join(missing)})")
        return 2
    build(args.path, args.articles, args.spans)
    return 0


if __name__ == "__main__":
    sys.exit(main())
