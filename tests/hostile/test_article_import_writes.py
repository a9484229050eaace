"""The article import's writing phase (issue 13, item 8): batches that let other writers in,
a busy database said plainly, and a failed or cancelled import that leaves nothing behind."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest

from annotation.importing import (
    WRITE_BATCH,
    ImportCancelled,
    ImportOptions,
    ImportProgress,
    import_articles,
)
from annotation.model import Document, DocumentId
from annotation.ports import StoreError
from db.store import SqliteStore
from tests.hostile.conftest import assert_refused, digest, run_main, tally

BUSY = "the database is busy (another program is writing to it)"


def articles_file(folder: Path, count: int) -> Path:
    """A JSON Lines file of `count` distinct articles."""
    path = folder / "many.jsonl"
    lines = (
        json.dumps(
            {"id": i, "text": f"{i} قال المتحدث إن الاجتماع عقد في دمشق."}, ensure_ascii=False
        )
        for i in range(count)
    )
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def document_ids(database: Path) -> set[int]:
    with sqlite3.connect(database) as connection:
        return {row[0] for row in connection.execute("SELECT id FROM documents")}


@contextmanager
def write_lock(database: Path) -> Iterator[sqlite3.Connection]:
    """Another program holding the write lock (BEGIN IMMEDIATE) for the block's length."""
    connection = sqlite3.connect(database, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        yield connection
        connection.execute("ROLLBACK")
    finally:
        connection.close()


def test_busy_database_is_said_and_nothing_imported(project: Path, tmp_path: Path) -> None:
    # Before: a traceback (StoreError: The database is busy). Now the import waits the
    # store's busy timeout, then says so, naming the database.
    with tally("import articles"):
        path = articles_file(tmp_path, 3)
        before = digest(project)
        with write_lock(project):
            outcome = run_main(["import", "--db", project, path])
        assert_refused(outcome, BUSY, str(project), "nothing was imported")
        assert digest(project) == before


def test_batches_let_a_second_writer_in(project: Path, tmp_path: Path) -> None:
    # Between two batches the import holds no lock: a second connection that will not wait
    # at all (timeout 0) writes successfully each time the import reports progress.
    count = 2 * WRITE_BATCH + 50
    path = articles_file(tmp_path, count)
    other = sqlite3.connect(project, isolation_level=None, timeout=0)
    writes: list[int] = []

    def write_elsewhere(progress: ImportProgress) -> bool:
        if progress.stored:
            other.execute("BEGIN IMMEDIATE")  # raises "database is locked" if held
            other.execute(
                "INSERT INTO annotators (name, created_at) VALUES (?, '2026-01-01')",
                [f"other {progress.stored}"],
            )
            other.execute("COMMIT")
            writes.append(progress.stored)
        return True

    store = SqliteStore(project)
    try:
        report = import_articles(store, [path], ImportOptions(), write_elsewhere)
    finally:
        store.close()
        other.close()
    assert report.ok and report.imported == count
    assert writes == [WRITE_BATCH, 2 * WRITE_BATCH, count]


class FailingStore:
    """A store whose `fail_at`-th add_documents raises, as a full disk or a writer that
    keeps the lock beyond the busy timeout would."""

    def __init__(self, store: SqliteStore, fail_at: int, message: str) -> None:
        self._store, self._fail_at, self._message = store, fail_at, message
        self.calls = 0
        self.path = store.path

    def add_documents(self, documents: list[Document]) -> list[DocumentId]:
        self.calls += 1
        if self.calls == self._fail_at:
            raise StoreError(self._message)
        return self._store.add_documents(documents)

    def transaction(self) -> AbstractContextManager[None]:
        return self._store.transaction()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


@pytest.mark.parametrize(
    ("message", "said"),
    [
        (
            "The database refused the change (database or disk is full); nothing was changed.",
            "the database refused the import (The database refused the change (database or disk is full)",
        ),
        ("The database is busy: another Hamish window or an import is writing to it.", BUSY),
    ],
)
def test_a_later_batch_failing_takes_back_the_earlier_ones(
    message: str, said: str, project: Path, tmp_path: Path
) -> None:
    with tally("import articles"):
        path = articles_file(tmp_path, 3 * WRITE_BATCH)
        before = document_ids(project)
        store = SqliteStore(project)
        failing = FailingStore(store, 3, message)
        try:
            report = import_articles(failing, [path], ImportOptions())  # type: ignore[arg-type]
        finally:
            store.close()
        assert failing.calls == 3  # two batches were written before the third failed
        assert not report.ok and report.imported == 0
        (error,) = report.failed
        assert error.name == str(project)
        assert said in str(error)
        assert document_ids(project) == before
        with sqlite3.connect(project) as connection:  # the search index let them go too
            assert connection.execute("SELECT count(*) FROM search_pending").fetchone() == (0,)


def test_cancel_while_writing_takes_back_what_was_written(project: Path, tmp_path: Path) -> None:
    path = articles_file(tmp_path, 2 * WRITE_BATCH + 1)
    before = document_ids(project)

    def cancel_after_first_batch(progress: ImportProgress) -> bool:
        return progress.stored < WRITE_BATCH

    store = SqliteStore(project)
    try:
        with pytest.raises(ImportCancelled):
            import_articles(store, [path], ImportOptions(), cancel_after_first_batch)
    finally:
        store.close()
    assert document_ids(project) == before


def test_the_report_says_documents_were_added_only_when_they_were(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "corpus.sqlite3")
    path = articles_file(tmp_path, 3)
    first = import_articles(store, [path])
    assert (first.imported, first.changes.corpus) == (3, True)
    again = import_articles(store, [path])  # every text is there already
    assert (again.imported, again.duplicates, bool(again.changes)) == (0, 3, False)
    store.close()
