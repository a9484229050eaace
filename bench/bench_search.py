"""Search a corpus of N articles; compare with a plain FTS5 MATCH measured in the same run.

The corpus is scale_corpus.py's: both SaudiNewsNet days (../shared/corpus/saudinewsnet), then
copies varied as news varies (places, numbers, given and family names), so the vocabulary
grows with N as an archive's does; it goes in through `SqliteStore.add_documents`. Each query
runs `SqliteStore.search_text` (the first 200 hits mapped back to the text with their context,
and the totals); the baseline is `SELECT rowid ... MATCH` of the same folded query on a plain
contentless FTS5 table over the same folded words (annotation.search.index_text, the same
tokenizer), in the same database: finding the documents and nothing more. Target (issue 7):
every query under 100 ms at 100,000 articles.

    .venv/bin/python bench/bench_search.py                    # 100,000 articles, a fresh database
    .venv/bin/python bench/bench_search.py --articles 20000 --db /tmp/search-20k.sqlite3
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
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotation.model import Document  # noqa: E402
from annotation.search import index_text, parse_query  # noqa: E402
from db.store import SqliteStore  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale_corpus import DAYS, articles  # noqa: E402  (the same corpus as bench_scale)
from targets import check, finish, ratio  # noqa: E402

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


def build(path: Path, count: int) -> float:
    """Fill the database at `path` through SqliteStore.add_documents; return the seconds."""
    store = SqliteStore(path)
    started = time.perf_counter()
    batch: list[Document] = []
    for document in articles(count):
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
    """A plain contentless FTS5 table over each document's folded words, in the same file."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        if connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'bench_plain'").fetchone():
            return 0.0
        started = time.perf_counter()
        connection.execute(
            "CREATE VIRTUAL TABLE bench_plain USING fts5(text, content = '',"
            " tokenize = \"unicode61 remove_diacritics 0 categories 'L* N* M* Co'\")"
        )  # the search index's tokenizer (db/migration_steps.py), given the same folded words
        connection.create_function("fold", 1, index_text, deterministic=True)
        connection.execute(
            "INSERT INTO bench_plain (rowid, text) SELECT id, fold(text) FROM documents"
        )
        return time.perf_counter() - started
    finally:
        connection.close()


def _fetch_all(connection: sqlite3.Connection, sql: str, parameter: str) -> list[object]:
    return connection.execute(sql, [parameter]).fetchall()


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
    parser.add_argument("--articles", type=int, default=100_000, help="how many (default 100,000)")
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
        run_queries(path, args.rounds)
    finish()
    return 0


def distinct_words(connection: sqlite3.Connection) -> int:
    """How many distinct words the search index holds: the corpus's vocabulary, folded."""
    connection.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_vocabulary"
        " USING fts5vocab(main, search_text, row)"
    )
    return int(connection.execute("SELECT count(*) FROM temp.bench_vocabulary").fetchone()[0])


def run_queries(path: Path, rounds: int) -> None:
    store = SqliteStore(path)
    plain = sqlite3.connect(path)
    try:
        articles = store.document_count()
        print(
            f"{articles:,} articles, {distinct_words(plain):,} distinct words in the index,"
            f" {path.stat().st_size / 1e6:,.0f} MB"
        )
        print(
            f"{'query':<18}{'hits':>9}{'documents':>11}{'search ms':>11}{'baseline ms':>13}"
            f"  {'search / baseline':<18}{'counts ms':>11}"
        )
        figures = []
        for what, query, proclitics in QUERIES:
            result = store.search_text(query, proclitics)
            ours = median_ms(partial(store.search_text, query, proclitics), rounds)
            expression = parse_query(query).match_expression()  # folded, without proclitics
            baseline = median_ms(
                partial(
                    _fetch_all,
                    plain,
                    "SELECT rowid FROM bench_plain WHERE bench_plain MATCH ?",
                    expression,
                ),
                rounds,
            )
            counts = median_ms(partial(store.search_hit_counts, query, proclitics), 3)
            label = what + (" (+pr)" if proclitics else "")
            print(
                f"{label:<18}{result.total_hits:>9,}{result.total_documents:>11,}{ours:>11.1f}"
                f"{baseline:>13.2f}  {ratio(ours, baseline, 1):<18}{counts:>11.1f}"
            )
            figures.append((label, ours))
        print(
            "search: the first 200 hits with offsets and context, and the totals; baseline: the"
            " matching rowids from a plain FTS5 table; counts: search_hit_counts (per document)"
        )
        for label, ours in figures:
            check(f"search at {articles:,} articles, {label}", ours, 100, unit=" ms", digits=1)
    finally:
        plain.close()
        store.close()


if __name__ == "__main__":
    sys.exit(main())
