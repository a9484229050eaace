"""SqliteStore: the Store protocol of annotation/ports.py on one SQLite file.

Rows never leave this module: every method returns domain values.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlite_utils

from annotation.changes import Changes
from annotation.model import (
    Document,
    DocumentId,
    now,
)
from annotation.ports import StoreError
from db import document_index
from db.assignment_records import AssignmentRecords
from db.decision_records import DecisionRecords
from db.document_index import DocumentList
from db.document_records import DOCUMENT_COLUMNS, DocumentRecords, document_row
from db.door import check_document
from db.entity_records import EntityRecords
from db.migrations import MIGRATIONS, migrate, schema_version
from db.search_index import SearchIndex, index_pending
from db.span_records import SpanRecords
from db.span_search import SpanSearch

# How long a writer waits for another process (a second window, a terminal import) to finish
# before giving up with "database is locked".
BUSY_TIMEOUT_MS = 5000


def _busy_message(error: sqlite3.OperationalError) -> str:
    if "readonly" in str(error):
        return "The database is read-only here: nothing can be changed in it."
    if "locked" in str(error) or "busy" in str(error):
        return (
            "The database is busy: another Hamish window or an import is writing to it. "
            "Nothing was changed; try again in a moment."
        )
    return f"The database refused the change ({error}); nothing was changed."


def is_read_only(path: Path) -> bool:
    """Whether `path` (or the folder a new one would go in) can be read but not written."""
    if path.exists():
        return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)
    return False


def connect(path: Path | None, read_only: bool) -> sqlite3.Connection:
    """A connection to the database at `path` (None: in memory), read-only if asked."""
    # isolation_level=None: no implicit transactions; every write goes through
    # transaction() (sqlite-utils' atomic(), which nests as savepoints).
    if path is None:
        target, uri = ":memory:", False
    elif read_only:
        # mode=ro: SQLite reads a WAL database in a folder it cannot write since 3.22.
        target, uri = f"file:{quote(str(path.absolute()))}?mode=ro", True
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        target, uri = str(path), False
    try:
        return _open(target, uri)
    except sqlite3.OperationalError:
        if not read_only:
            raise
        # A WAL database without its -shm in a folder nobody may write (a copy on a
        # read-only share) opens only as immutable: SQLite then takes the main file as it
        # is and ignores a -wal, so changes still in one would be read as never made.
        assert path is not None
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise StoreError(
                f"{path} is read-only and its latest changes are still in {wal.name}, which"
                " SQLite cannot read where nothing may be written: copy the database with its"
                " -wal file to a folder you can write, or open it once where it is writable"
            ) from None
        return _open(target + "&immutable=1", uri)


def _open(target: str, uri: bool) -> sqlite3.Connection:
    connection = sqlite3.connect(
        target,
        uri=uri,
        isolation_level=None,
        timeout=BUSY_TIMEOUT_MS / 1000,
        check_same_thread=False,
    )
    connection.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opens the file now
    return connection


def _refuse_a_foreign_database(db: sqlite_utils.Database, path: Path | None) -> None:
    """Raise StoreError for an SQLite file another program made: Hamish's migrations start
    from an empty file, so tables without a schema version are someone else's, and
    "upgrading" them would write Hamish's tables into their database (`stats` did)."""
    tables = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    # A schema version with no `documents` table (migration 1 makes it) is someone else's
    # numbering: "upgrading" it left a backup copy beside it at every try.
    # (A version beyond this Hamish's is a newer Hamish's: migrate says so.)
    version = schema_version(db)
    if (version == 0 and tables) or (0 < version <= len(MIGRATIONS) and "documents" not in tables):
        shown = ", ".join(tables[:5]) + (" ..." if len(tables) > 5 else "")
        raise StoreError(
            f"{path} is an SQLite database of another program (tables {shown}), not a Hamish "
            "database: nothing was changed in it"
        )


def _open_message(path: Path | None, error: sqlite3.DatabaseError) -> str:
    text = str(error)
    if "not a database" in text or "malformed" in text:
        return (
            f"{path} is not a Hamish database, or is damaged ({text}); "
            "a backup restores it (python main.py backup makes them)"
        )
    if "unable to open" in text:
        return f"cannot open {path}: its folder or the file cannot be read or written"
    if "readonly" in text or "read-only" in text:
        return f"{path} is read-only: Hamish cannot prepare it for use"
    if "locked" in text or "busy" in text:
        return f"{path} is busy: another program holds it; try again in a moment"
    return f"cannot open {path} ({text})"


class SqliteStore(
    DocumentRecords,
    DocumentList,
    SpanRecords,
    EntityRecords,
    DecisionRecords,
    AssignmentRecords,
    SpanSearch,
    SearchIndex,
):
    """Documents and annotations in one SQLite database (WAL, foreign keys, strict tables)."""

    integrity_errors: tuple[type[Exception], ...] = (sqlite3.IntegrityError,)

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path) if str(path) != ":memory:" else None
        # A database a person may read but not write (a colleague's file, a read-only
        # share) opens read-only: reading commands work, a write says why it cannot.
        self.read_only = self.path is not None and is_read_only(self.path)
        try:
            self.db = sqlite_utils.Database(connect(self.path, self.read_only))
            self.db.execute("PRAGMA foreign_keys = ON")  # sqlite-utils leaves it off
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            # Before anything writes (WAL mode changes the file's header).
            _refuse_a_foreign_database(self.db, self.path)
            if self.path is not None and not self.read_only:
                self.db.execute("PRAGMA journal_mode = WAL")
                # FULL: a committed edit survives a power cut, not only a crash of Hamish.
                self.db.execute("PRAGMA synchronous = FULL")
            if self.read_only and schema_version(self.db) != len(MIGRATIONS):
                raise StoreError(
                    f"{self.path} is read-only and needs upgrading (schema version "
                    f"{schema_version(self.db)}, this Hamish has {len(MIGRATIONS)}): "
                    "open it where it can be written, or copy it"
                )
            if not self.read_only:
                migrate(self.db, self.path)
        except sqlite3.DatabaseError as error:
            raise StoreError(_open_message(self.path, error)) from None
        self._annotator_ids: dict[str, int] = {}
        self._text_filter = document_index.TextFilter()  # the document list's, between key presses
        self._seen_version = self._data_version()

    @property
    def location(self) -> Path | None:
        """The database file (None: in memory)."""
        return self.path

    @property
    def address(self) -> str:
        """The database file's path (":memory:" for none)."""
        return str(self.path) if self.path is not None else ":memory:"

    @property
    def member(self) -> str | None:
        """None: a file does not know who opens it (the window asks for a name)."""
        return None

    @property
    def role(self) -> str | None:
        """None: a file has no roles; whoever may write it may do anything in it."""
        return None

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes: all land, or on an exception none do. Nested, a savepoint."""
        if self.db.conn.in_transaction:
            with self.db.atomic():
                yield
            return
        try:
            # IMMEDIATE takes the write lock at once, so waiting for another writer (a
            # second window, a terminal import) honours the busy timeout; a deferred
            # transaction that reads first can fail on the upgrade without waiting at all.
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise StoreError(_busy_message(error)) from None
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException as error:
            if self.db.conn.in_transaction:
                self.db.execute("ROLLBACK")
            # Ids learnt inside the rolled-back transaction may name rows that are gone.
            self._annotator_ids.clear()
            if isinstance(error, sqlite3.OperationalError):
                raise StoreError(_busy_message(error)) from None
            raise

    @contextmanager
    def reading(self) -> Iterator[None]:
        """A read transaction: every read inside sees one state of the database, whatever
        other windows or processes commit meanwhile (WAL keeps that snapshot). An export
        reads document after document; without it, a span deleted elsewhere between reading
        the spans and the links would leave a link to nothing. Inside a transaction already,
        nothing to do."""
        if self.db.conn.in_transaction:
            yield
            return
        self.db.execute("BEGIN")
        try:
            yield
        finally:
            if self.db.conn.in_transaction:
                self.db.execute("COMMIT")

    # Documents

    def add_documents(self, documents: Sequence[Document]) -> list[DocumentId]:
        """Store new documents and return their ids, in order."""
        for document in documents:
            check_document(document)  # the last line of defence: importers check first
        stamp = now().isoformat()
        rows = [document_row(d, stamp) for d in documents]
        sql = (
            f"INSERT INTO documents ({DOCUMENT_COLUMNS})"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"
        )
        with self.transaction():
            try:
                if len(rows) == 1:
                    first = last = int(self.db.execute(sql, rows[0]).fetchone()[0])
                else:
                    # One statement for the batch; ids of a fresh INTEGER PRIMARY KEY run are
                    # consecutive within a transaction that nobody else can write to.
                    first = self._next_id("documents")
                    self.db.conn.executemany(sql.removesuffix(" RETURNING id"), rows)
                    last = self._next_id("documents") - 1
            except sqlite3.IntegrityError as error:
                raise StoreError(f"a document is already stored with that text ({error})") from None
            if last - first + 1 != len(rows):
                raise StoreError("document ids were not assigned in one run; nothing was stored")
            index_pending(self.db)  # the search index, in the same transaction
        return [DocumentId(first + i) for i in range(len(rows))]

    def remove_documents(self, document_ids: Sequence[DocumentId]) -> None:
        """Delete documents with all that is annotated on them (an import taking back the
        batches it wrote when a later one fails)."""
        with self.transaction():
            ids = list(document_ids)
            for first in range(0, len(ids), 500):
                chunk = ids[first : first + 500]
                marks = ", ".join("?" for _ in chunk)
                self.db.execute(f"DELETE FROM documents WHERE id IN ({marks})", chunk)
            index_pending(self.db)

    def changes_elsewhere(self) -> Changes:
        """Changes.unknown() when another connection (a second window, a terminal import)
        committed since the last call, else nothing: SQLite says that, not what. This
        connection's own commits leave PRAGMA data_version alone."""
        version = self._data_version()
        if version == self._seen_version:
            return Changes()
        self._seen_version = version
        return Changes.unknown()

    def wake_socket(self) -> int | None:
        """None: a file announces nothing; changes_elsewhere() is asked now and then."""
        return None

    def reconnect(self) -> None:
        """Nothing to do: the file does not go away as a server does."""

    def _data_version(self) -> int:
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    # Helpers

    def _rows(self, sql: str, params: list[Any]) -> list[sqlite3.Row]:
        """Rows read by name through sqlite3.Row: C code, several times faster than the
        dicts `db.query` builds, which matters when an export reads a million spans."""
        cursor = self.db.conn.cursor()
        cursor.row_factory = sqlite3.Row
        return cursor.execute(sql, params).fetchall()

    def _next_id(self, table: str) -> int:
        return int(self.db.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0])

    # Document list
