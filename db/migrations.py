"""Bringing a database's schema up to date: the migrations of db/migration_steps.py, applied in
order, each in its own transaction, and their number recorded in `user_version`; a backup first.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlite_utils

from annotation.exchange.output import partial_path, sweep
from annotation.ports import StoreError
from db.migration_steps import MIGRATIONS, Migration

__all__ = ["MIGRATIONS", "Migration", "backup_path", "copy_database", "migrate", "schema_version"]


def schema_version(db: sqlite_utils.Database) -> int:
    """The number of migrations this database has had."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite_utils.Database, path: Path | None = None) -> int:
    """Apply the migrations this database lacks, each in its own transaction; return how many.

    `path` is the database's file (None in memory): before upgrading a database that has a
    schema, a copy of it as it was is written next to it (see backup_path).
    """
    current = schema_version(db)
    if current == len(MIGRATIONS):
        return 0
    if current > len(MIGRATIONS):
        raise StoreError(
            f"{path or 'this database'} has schema version {current}, newer than this Hamish knows "
            f"({len(MIGRATIONS)}): update Hamish before opening it"
        )
    backup = None
    if path is not None and current > 0:
        # Before taking the write lock: SQLite's backup cannot read a database its own
        # connection is holding in a write transaction.
        backup = backup_path(path, current)
        try:
            copy_database(db.conn, backup)
        except (OSError, sqlite3.Error) as error:
            # No backup, no upgrade: the annotators' work is worth more than opening today.
            raise StoreError(
                f"could not write {backup} before upgrading the database from schema "
                f"version {current} ({error}); nothing was changed"
            ) from None
    # Under the write lock, with the version read again: two windows opening an old database
    # at once must not both migrate it (the second would fail half way).
    db.execute("BEGIN IMMEDIATE")
    try:
        if schema_version(db) != current:
            db.execute("ROLLBACK")
            if backup is not None:
                backup.unlink(missing_ok=True)  # the other process made its own
            return migrate(db, path)
        for number, migration in enumerate(MIGRATIONS[current:], start=current + 1):
            with db.atomic():
                migration(db)
                db.execute(f"PRAGMA user_version = {number}")
        db.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.execute("ROLLBACK")
        raise
    return len(MIGRATIONS) - current


def backup_path(path: Path, version: int) -> Path:
    """Where the copy made before upgrading `path` from schema `version` goes:
    `NAME.before-vN.bak`, or `NAME.before-vN.2.bak` ... so that no earlier copy is lost."""
    candidate = path.with_name(f"{path.name}.before-v{version}.bak")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.before-v{version}.{number}.bak")
        number += 1
    return candidate


def copy_database(source: sqlite3.Connection, out: Path) -> None:
    """Write a consistent copy of the database open on `source` to `out`, replacing it.

    SQLite's online backup reads committed pages (the WAL included) while others may write.
    The copy is made under a temporary name and renamed, so `out` is never half written.
    """
    sweep(out)  # what a killed backup left
    partial = partial_path(out)
    target = sqlite3.connect(partial)
    try:
        # Journal in memory: a kill then leaves one partial file (swept next time), not a
        # partial and its -journal.
        target.execute("PRAGMA journal_mode = MEMORY")
        source.backup(target)
        # The copy inherits WAL mode from its source; as one self-contained file it is
        # easier to move, mail or restore.
        target.execute("PRAGMA journal_mode = DELETE")
        target.close()
        os.replace(partial, out)
    except BaseException:
        target.close()
        partial.unlink(missing_ok=True)
        raise
