"""Build the large database bench_scale.py measures: N articles and M spans over them.

The articles are both SaudiNewsNet days (../shared/corpus/saudinewsnet), repeated until there
are N: each copy gets a numbered title and a few words swapped for words of other articles, so
every text hashes differently and the search index sees real news vocabulary. They go in
through `SqliteStore.add_documents`, which builds the search index as an import does. The spans
(one annotator, `bench`) are inserted with raw SQL, each on whole words with its covered text:
one article in a thousand, among the longest, gets 500 (the heavy case of switching
articles), the others share the rest evenly (about 10 each at the default ratio). The
annotator's status is in progress on every article with spans, and done on every tenth.

    .venv/bin/python bench/scale_corpus.py /tmp/scale-100k.sqlite3 --articles 100000 --spans 1000000
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotation.arabic import TokenKind, tokenise  # noqa: E402
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
                        found.setdefault(article["content"], article.get("title") or "")
    return [(title, text) for text, title in found.items()]


def articles(count: int) -> Iterator[Document]:
    """`count` documents with distinct texts: the originals, then varied copies of them."""
    sources = originals()
    vocabulary = sorted({word for _, text in sources[:200] for word in text.split()[:50]})
    rng, seen = random.Random(20150721), set[str]()
    for index in range(count):
        title, text = sources[index % len(sources)]
        copy = index // len(sources)
        if copy:
            title = f"{title} ({copy})"
        while text_sha256(text) in seen:
            words = text.split(" ")
            for _ in range(3):
                words[rng.randrange(len(words))] = rng.choice(vocabulary)
            text = " ".join(words)
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
