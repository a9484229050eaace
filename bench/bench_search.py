"""Search a corpus of N articles; compare with a plain FTS5 MATCH measured in the same run.

The corpus is both SaudiNewsNet days (../shared/corpus/saudinewsnet), repeated with variation
until it has N articles: each copy rotates its paragraphs and is numbered, so every text is
new to the de-duplication and the index sees the vocabulary of real news at scale. Each query
runs `SqliteStore.search_text` (the first 200 hits mapped back to the text with their context,
and the totals); the baseline is `SELECT rowid ... MATCH` of the same folded query on a plain
contentless FTS5 table over the folded text, in the same database: finding the documents and
nothing more. Target (issue 7): under 100 ms at 100,000 articles.

    .venv/bin/python bench/bench_search.py                    # 20,000 articles, a fresh database
    .venv/bin/python bench/bench_search.py --articles 100000 --db /tmp/search-100k.sqlite3
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotation.arabic import normalise_for_match  # noqa: E402
from annotation.model import Document, text_sha256  # noqa: E402
from annotation.search import parse_query  # noqa: E402
from db.store import SqliteStore  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale_corpus import DAYS, originals  # noqa: E402  (the same articles, read one way)

# (what it is, query, proclitics)
QUERIES = [
    ("common word", "المملكة", False),
    ("very common word", "في", False),
    ("rare word", "الرقة", False),
    ("phrase", '"خادم الحرمين الشريفين"', False),
    ("proclitics", "الرياض", True),
    ("two words", "الملك سلمان", False),
    ("phrase, stopword", '"في الرياض"', False),  # the slow case: exact totals read في's positions
]
BATCH = 2000


def corpus(count: int) -> Iterator[Document]:
    """`count` documents: the articles, then copies of them, each copy rotated and numbered."""
    sources = originals()
    for index in range(count):
        title, text = sources[index % len(sources)]
        copy = index // len(sources)
        if copy:
            paragraphs = text.split("\n")
            turn = copy % len(paragraphs)
            text = "\n".join(paragraphs[turn:] + paragraphs[:turn]) + f"\n({copy})"
            title = f"{title} ({copy})"
        yield Document(text=text, text_sha256=text_sha256(text), title=title, source="bench")


def build(path: Path, count: int) -> float:
    """Fill the database at `path` through SqliteStore.add_documents; return the seconds."""
    store = SqliteStore(path)
    started = time.perf_counter()
    batch: list[Document] = []
    for document in corpus(count):
        batch.append(document)
        if len(batch) == BATCH:
            store.add_documents(batch)
            batch = []
    if batch:
        store.add_documents(batch)
    elapsed = time.perf_counter() - started
    store.close()
    return elapsed


def build_baseline(path: Path) -> float:
    """A plain contentless FTS5 table over each document's folded text, in the same file."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        if connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'bench_plain'").fetchone():
            return 0.0
        started = time.perf_counter()
        connection.execute(
            "CREATE VIRTUAL TABLE bench_plain USING fts5(text, content = '',"
            " tokenize = 'unicode61 remove_diacritics 0')"
        )
        connection.create_function("fold", 1, normalise_for_match, deterministic=True)
        connection.execute(
            "INSERT INTO bench_plain (rowid, text) SELECT id, fold(text) FROM documents"
        )
        return time.perf_counter() - started
    finally:
        connection.close()


def median_ms(run: Callable[[], object], rounds: int) -> float:
    run()  # warm the page cache and the compiled patterns
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20_000, help="how many (default 20,000)")
    parser.add_argument("--db", type=Path, help="build here, or reuse a database built before")
    parser.add_argument("--rounds", type=int, default=9, help="runs per query (default 9)")
    args = parser.parse_args()
    missing = [str(day) for day in DAYS if not day.exists()]
    if missing:
        print(f"skipped: the shared corpus is not here ({', '.join(missing)})")
        return 0
    print(
        f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()},"
        f" SQLite {sqlite3.sqlite_version}"
    )
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "search.sqlite3"
        if path.exists():
            print(f"reusing {path}")
        else:
            seconds = build(path, args.articles)
            print(f"built {args.articles:,} articles in {seconds:.1f} s (import with indexing)")
        seconds = build_baseline(path)
        if seconds:
            print(f"baseline table built in {seconds:.1f} s")
        return run_queries(path, args.rounds)


def run_queries(path: Path, rounds: int) -> int:
    store = SqliteStore(path)
    plain = sqlite3.connect(path)
    try:
        print(f"{store.document_count():,} articles, {path.stat().st_size / 1e6:,.0f} MB")
        print(
            f"{'query':<18}{'hits':>9}{'documents':>11}{'search ms':>11}{'baseline ms':>13}"
            f"{'ratio':>7}{'counts ms':>11}"
        )
        for what, query, proclitics in QUERIES:
            result = store.search_text(query, proclitics)
            ours = median_ms(lambda q=query, p=proclitics: store.search_text(q, p), rounds)
            expression = parse_query(query).match_expression()  # folded, without proclitics
            baseline = median_ms(
                lambda e=expression: plain.execute(
                    "SELECT rowid FROM bench_plain WHERE bench_plain MATCH ?", [e]
                ).fetchall(),
                rounds,
            )
            counts = median_ms(lambda q=query, p=proclitics: store.search_hit_counts(q, p), 3)
            label = what + (" (+pr)" if proclitics else "")
            print(
                f"{label:<18}{result.total_hits:>9,}{result.total_documents:>11,}{ours:>11.1f}"
                f"{baseline:>13.1f}{ours / baseline:>7.1f}{counts:>11.1f}"
            )
        print(
            "search: the first 200 hits with offsets and context, and the totals; baseline: the"
            " matching rowids from a plain FTS5 table; counts: search_hit_counts (per document)"
        )
    finally:
        plain.close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
