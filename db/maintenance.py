"""Looking after a database file: an online backup, and a check of everything Hamish relies on.

`check` reports every problem it finds (it never stops at the first) as a `Problem` that says
what is wrong and where, so that a person can repair or restore before annotating on. The
schema and value checks live in db/schema_check.py and db/value_check.py.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from annotation.model import DocumentId, LinkId, SpanId
from annotation.ports import Store, StoreError
from db.door_check import _door
from db.migrations import copy_database
from db.problems import Problem, ProblemKind
from db.record_check import check_documents, check_links, check_spans
from db.schema_check import _schema
from db.store import SqliteStore, connect, is_read_only
from db.value_check import _values


def backup(store_or_path: SqliteStore | Path, out: Path, overwrite: bool = False) -> Path:
    """Write a consistent copy of a database to `out` while it may be in use; return `out`.

    A path is copied as it is, not migrated: a backup taken before upgrading Hamish stays
    readable by the old one. Refuses to replace an existing `out` unless `overwrite`.
    """
    if out.exists() and not overwrite:
        raise FileExistsError(f"{out} already exists (overwrite it with --force)")
    if isinstance(store_or_path, SqliteStore):
        if store_or_path.path is not None and _same_file(store_or_path.path, out):
            raise StoreError(f"{out} is the database itself; choose another file")
        _copy(store_or_path.db.conn, out)
        return out
    path = store_or_path
    if not path.is_file():
        raise FileNotFoundError(f"there is no database {path}")
    if _same_file(path, out):
        raise StoreError(f"{out} is the database itself; choose another file")
    # Read-only where it cannot be written (a colleague's file, a read-only share): a plain
    # connection there failed with "unable to open database file", blaming the copy.
    connection = connect(path, read_only=is_read_only(path))
    try:
        _copy(connection, out)
    finally:
        connection.close()
    return out


def check(store: Store) -> list[Problem]:
    """Every problem found in the store's database; an empty list when all holds. The checks
    read the database itself (an SQLite file, or a team project's on PostgreSQL:
    db/postgres/checking.py), so `store` is one this package opened (db.opening)."""
    if not isinstance(store, SqliteStore):
        from db.postgres.store import PgStore  # psycopg is loaded only for a server

        if isinstance(store, PgStore):
            from db.copying import check_sees_everything
            from db.postgres import checking

            check_sees_everything(store, "check")
            with store.reading():  # one state of the project, whoever writes meanwhile
                return checking.check(store.db)
        raise TypeError(f"check reads Hamish's own databases, not a {type(store).__name__}")
    problems: list[Problem] = []
    checks: tuple[Callable[[sqlite3.Connection], Iterator[Problem]], ...] = (
        _integrity,
        _schema,
        _foreign_keys,
        check_documents,
        check_spans,
        check_links,
        _values,
        _door,
        _search_index,
    )
    for each in checks:
        try:
            problems.extend(each(store.db.conn))
        except sqlite3.DatabaseError as error:
            # A damaged file can fail one check and still answer the others.
            problems.append(Problem(ProblemKind.UNREADABLE, f"{_named(each)}: {error}"))
        except (TypeError, ValueError, AttributeError, UnicodeError) as error:
            # Zeroed or overwritten pages can hand back values of the wrong type (a NULL
            # text, a number for a date): the damage is the finding, not a crash of check.
            problems.append(
                Problem(ProblemKind.UNREADABLE, f"{_named(each)}: damaged values ({error})")
            )
    return problems


def _named(check: Callable[..., object]) -> str:
    """What a check looks at, for a problem saying it could not look: `spans`, `door`."""
    return check.__name__.lstrip("_").removeprefix("check_")


def _copy(connection: sqlite3.Connection, out: Path) -> None:
    try:
        copy_database(connection, out)
    except sqlite3.Error as error:
        raise StoreError(f"could not back up to {out}: {error}") from None


def _same_file(a: Path, b: Path) -> bool:
    return b.exists() and a.exists() and a.samefile(b)


def _integrity(connection: sqlite3.Connection) -> Iterator[Problem]:
    # Sorted: SQLite reports tables in the order of its schema's hash table, which changes
    # whenever a migration adds a table.
    for (message,) in sorted(connection.execute("PRAGMA integrity_check")):
        if message != "ok":
            yield Problem(ProblemKind.INTEGRITY, message)


_REFERENCES = {
    ("spans", "document_id"): (ProblemKind.MISSING_DOCUMENT, "document"),
    ("spans", "annotator_id"): (ProblemKind.MISSING_ANNOTATOR, "annotator"),
    ("spans", "entity_id"): (ProblemKind.MISSING_ENTITY, "entity"),
    ("links", "source_id"): (ProblemKind.MISSING_SPAN, "source span"),
    ("links", "target_id"): (ProblemKind.MISSING_SPAN, "target span"),
    ("document_status", "document_id"): (ProblemKind.MISSING_DOCUMENT, "document"),
    ("document_status", "annotator_id"): (ProblemKind.MISSING_ANNOTATOR, "annotator"),
}


def _foreign_keys(connection: sqlite3.Connection) -> Iterator[Problem]:
    # foreign_key_check finds every row whose reference is dangling, whether or not foreign
    # keys were on when it was written (a script with plain sqlite3 has them off).
    # By table and row (SQLite's own order follows its schema's hash table; see _integrity).
    columns: dict[tuple[str, int], str] = {}
    for table, rowid, parent, fkid in sorted(
        connection.execute("PRAGMA foreign_key_check"),
        key=lambda row: (row[0], row[1] or 0, row[3]),
    ):
        if (table, fkid) not in columns:
            for row in connection.execute(f'PRAGMA foreign_key_list("{table}")'):
                columns[(table, row[0])] = row[3]
        column = columns.get((table, fkid), "?")
        value = (
            connection.execute(
                f'SELECT "{column}" FROM "{table}" WHERE rowid = ?', [rowid]
            ).fetchone()[0]
            if column != "?"
            else None
        )
        kind, what = _REFERENCES.get(
            (table, column), (ProblemKind.FOREIGN_KEY, f"{parent} row ({column})")
        )
        message = f"refers to {what} {value}, which does not exist"
        if table == "spans":
            (document,) = connection.execute(
                "SELECT document_id FROM spans WHERE rowid = ?", [rowid]
            ).fetchone()
            yield Problem(kind, message, DocumentId(document), span_id=SpanId(rowid))
        elif table == "links":
            yield Problem(kind, message, link_id=LinkId(rowid))
        elif table == "document_status":
            document, annotator = connection.execute(
                "SELECT s.document_id, coalesce(a.name, s.annotator_id) FROM document_status s"
                " LEFT JOIN annotators a ON a.id = s.annotator_id WHERE s.rowid = ?",
                [rowid],
            ).fetchone()
            yield Problem(
                kind,
                f"the status of annotator {annotator} {message}",
                DocumentId(document),
                table=table,
                row_id=rowid,
            )
        else:
            yield Problem(kind, message, table=table, row_id=rowid)


def _search_index(connection: sqlite3.Connection) -> Iterator[Problem]:
    # Which documents the index holds, against the documents there are, leaving out those it
    # has yet to take in (search_pending, caught up with by the next search or import). Its
    # words cannot be compared: a contentless index keeps no copy of what it was given.
    pending = "SELECT document_id FROM search_pending"
    for (document,) in connection.execute(
        "SELECT id FROM documents WHERE id NOT IN (SELECT rowid FROM search_text)"
        f" AND id NOT IN ({pending}) ORDER BY id"
    ):
        yield Problem(
            ProblemKind.SEARCH_INDEX,
            "the search index lacks this document, so searches will not find it",
            DocumentId(document),
        )
    for (rowid,) in connection.execute(
        "SELECT rowid FROM search_text WHERE rowid NOT IN (SELECT id FROM documents)"
        f" AND rowid NOT IN ({pending}) ORDER BY rowid"
    ):
        yield Problem(
            ProblemKind.SEARCH_INDEX,
            f"the search index holds document {rowid}, which does not exist",
            table="search_text",
            row_id=rowid,
        )
    try:
        connection.execute("INSERT INTO search_text (search_text) VALUES ('integrity-check')")
    except sqlite3.OperationalError:
        pass  # busy or read-only: FTS5 checks its index through a write statement
    except sqlite3.DatabaseError as error:
        yield Problem(
            ProblemKind.SEARCH_INDEX, f"the search index is damaged: {error}", table="search_text"
        )


__all__ = ["Problem", "ProblemKind", "backup", "check"]
