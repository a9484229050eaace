"""Import both SaudiNewsNet days into a fresh database; compare with a raw parse, insert and index.

Prints articles per second for `import_articles` (unzip, JSON, decoding, clean-up, hashing,
de-duplication, and in one transaction the rows, the triggers on them and the search index)
and its ratio to a baseline measured in the same run that does the storage and index work
with none of the checking: unzip and `json.loads` of both days, then in one transaction a
plain `executemany` of the rows the import stored into the same `documents` table (its
indexes and its triggers, which note each row in `search_pending`), the same rows' words
folded by annotation.search.index_text into the same FTS5 table, and `search_pending`
emptied, as db/search_index.py's index_pending does. What it leaves out: decoding,
clean-up, hashing, de-duplication and the title key (the rows are the import's, ready).
Target: ratio <= 2.0.

    .venv/bin/python bench/bench_import.py
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotation.importing import ImportOptions, import_articles  # noqa: E402
from annotation.search import index_text  # noqa: E402
from db.store import SqliteStore  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from targets import check, finish  # noqa: E402

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


def raw_import(folder: Path, rows: list[tuple[object, ...]]) -> float:
    """The baseline: parse both days, then store and index the import's rows in one transaction."""
    connection = sqlite3.connect(folder / "raw.sqlite3", isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    # The tables add_documents writes, as the migrations make them: `documents` with its
    # indexes and triggers, `search_pending`, and the FTS5 `search_text` (whose own shadow
    # tables it creates itself).
    schema = SqliteStore(":memory:").db.execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND ("
        " tbl_name IN ('documents', 'search_pending') OR name = 'search_text')"
        " ORDER BY type = 'trigger', type = 'index'"  # tables, then indexes, then triggers
    )
    for (statement,) in schema.fetchall():
        connection.execute(statement)
    started = time.perf_counter()
    for day in DAYS:  # the parse: what any import of these files must do
        with zipfile.ZipFile(day) as archive:
            for name in archive.namelist():
                json.loads(archive.read(name))
    connection.execute("BEGIN")
    connection.executemany(
        "INSERT INTO documents (external_id, title, source, url, date, text, text_sha256,"
        " characters, imported_from, import_notes, imported_at, title_key)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    connection.executemany(  # ids 1 to n: a fresh table, one writer
        "INSERT INTO search_text (rowid, words) VALUES (?, ?)",
        ((number, index_text(str(row[5]))) for number, row in enumerate(rows, 1)),
    )
    connection.execute("DELETE FROM search_pending")
    connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    indexed = connection.execute("SELECT count(*) FROM search_text").fetchone()[0]
    connection.close()
    assert indexed == len(rows), (indexed, len(rows))
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
            raws.append(raw_import(Path(folder), rows))
    best, baseline = min(ours), min(raws)
    print(
        f"import: {articles} articles in {best:.3f} s = {articles / best:,.0f} articles/s"
        f" (best of {ROUNDS}; import_articles, the rows and the search index in one transaction)"
    )
    print(
        f"baseline: unzip + json.loads, then the same rows and their index_text words into the"
        f" same tables, triggers and FTS5 index in one transaction: {baseline:.3f} s"
        " (leaves out decoding, clean-up, hashing, de-duplication, title keys)"
    )
    check(f"import of {articles:,} articles / baseline", best / baseline, 2.0, digits=2)
    finish()
    return 0


if __name__ == "__main__":
    sys.exit(main())
