"""Import both SaudiNewsNet days into a fresh database; compare with a raw sqlite3 insert.

Prints articles per second for `import_articles` (unzip, JSON, decoding, clean-up, hashing,
de-duplication, one transaction) and its ratio to a plain `executemany` of the same rows into
the same table, with the same pragmas, measured in the same run. Target: ratio <= 2.0.

    .venv/bin/python bench/bench_import.py
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotation.importing import ImportOptions, import_articles  # noqa: E402
from db.store import SqliteStore  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet"
DAYS = [CORPUS / "2015-07-21.zip", CORPUS / "2015-07-22.zip"]
ROUNDS = 3


def hamish_import(folder: Path) -> tuple[float, int, list[tuple[object, ...]]]:
    store = SqliteStore(folder / "hamish.sqlite3")
    started = time.perf_counter()
    report = import_articles(store, DAYS, ImportOptions(strip_boilerplate=True))
    elapsed = time.perf_counter() - started
    rows = store.db.execute(
        "SELECT external_id, title, source, url, date, text, text_sha256, characters,"
        " imported_from, import_notes, imported_at, title_key FROM documents ORDER BY id"
    ).fetchall()
    store.close()
    assert report.ok and report.imported == len(rows)
    return elapsed, report.imported, rows


def raw_insert(folder: Path, rows: list[tuple[object, ...]]) -> float:
    connection = sqlite3.connect(folder / "raw.sqlite3", isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    # The same table with the same indexes (the document list sorts and filters by them), so
    # the baseline does the same storage work and the ratio measures everything else.
    schema = SqliteStore(":memory:").db.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name = 'documents' AND sql IS NOT NULL"
        " AND type IN ('table', 'index')"
        " ORDER BY type DESC"  # the table before its indexes
    )
    for (statement,) in schema.fetchall():
        connection.execute(statement)
    started = time.perf_counter()
    connection.execute("BEGIN")
    connection.executemany(
        "INSERT INTO documents (external_id, title, source, url, date, text, text_sha256,"
        " characters, imported_from, import_notes, imported_at, title_key)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def main() -> int:
    missing = [str(day) for day in DAYS if not day.exists()]
    if missing:
        print(f"skipped: the shared corpus is not here ({', '.join(missing)})")
        return 0
    ours, raws, articles = [], [], 0
    for _ in range(ROUNDS):
        with tempfile.TemporaryDirectory() as folder:
            elapsed, articles, rows = hamish_import(Path(folder))
            ours.append(elapsed)
            raws.append(raw_insert(Path(folder), rows))
    best, baseline = min(ours), min(raws)
    print(
        f"import: {articles} articles in {best:.3f} s = {articles / best:,.0f} articles/s (best of {ROUNDS})"
    )
    print(f"baseline raw sqlite3 executemany of the same rows: {baseline:.3f} s")
    print(f"ratio: {best / baseline:.2f} (target <= 2.0)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
