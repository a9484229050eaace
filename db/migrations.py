"""The schema, built only by these migrations, applied in order and recorded in `user_version`.

Append new migrations; never edit one that has been released, because databases on
annotators' machines were built by it.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from db.document_index import title_key

Migration = Callable[[sqlite_utils.Database], None]


def _run(db: sqlite_utils.Database, script: str) -> None:
    # Statement by statement rather than executescript(), which commits any open transaction
    # first in some sqlite3 modes: a migration and its version bump must land together.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _m001_initial(db: sqlite_utils.Database) -> None:
    _run(
        db,
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            external_id TEXT,
            title TEXT NOT NULL DEFAULT '',
            source TEXT,
            url TEXT,
            date TEXT,
            text TEXT NOT NULL,
            text_sha256 TEXT NOT NULL UNIQUE,
            characters INTEGER NOT NULL,
            imported_from TEXT,
            import_notes TEXT NOT NULL DEFAULT '{}',
            imported_at TEXT NOT NULL
        ) STRICT;

        CREATE TABLE annotators (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
            created_at TEXT NOT NULL
        ) STRICT;

        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            aliases TEXT NOT NULL DEFAULT '[]',
            attributes TEXT NOT NULL DEFAULT '{}'
        ) STRICT;
        CREATE INDEX entities_by_name ON entities (kind, name);

        CREATE TABLE spans (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            annotator_id INTEGER NOT NULL REFERENCES annotators (id),
            label TEXT NOT NULL,
            start INTEGER NOT NULL CHECK (start >= 0),
            "end" INTEGER NOT NULL CHECK ("end" > start),
            text TEXT NOT NULL,
            attributes TEXT NOT NULL DEFAULT '{}',
            entity_id INTEGER REFERENCES entities (id) ON DELETE SET NULL,
            origin TEXT NOT NULL CHECK (origin IN ('manual', 'suggested', 'imported')),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (document_id, annotator_id, label, start, "end")
        ) STRICT;
        CREATE INDEX spans_by_layer ON spans (document_id, annotator_id, start);
        CREATE INDEX spans_by_entity ON spans (entity_id);

        CREATE TABLE links (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            source_id INTEGER NOT NULL REFERENCES spans (id) ON DELETE CASCADE,
            target_id INTEGER NOT NULL REFERENCES spans (id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            UNIQUE (kind, source_id, target_id)
        ) STRICT;
        CREATE INDEX links_by_target ON links (target_id);

        CREATE TABLE document_status (
            document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            annotator_id INTEGER NOT NULL REFERENCES annotators (id),
            status TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'done')),
            updated_at TEXT NOT NULL,
            PRIMARY KEY (document_id, annotator_id)
        ) STRICT;
        """,
    )


def _m002_document_list(db: sqlite_utils.Database) -> None:
    # The document list filters and sorts 100,000 titles in SQL, so the normalised form that
    # matching needs (annotation.arabic.normalise_for_match) is stored, not computed per query.
    # A change to that normalisation needs a new migration that fills the column again.
    db.execute("ALTER TABLE documents ADD COLUMN title_key TEXT NOT NULL DEFAULT ''")
    db.conn.create_function("hamish_title_key", 1, title_key, deterministic=True)
    db.execute("UPDATE documents SET title_key = hamish_title_key(title)")
    # Rows of `documents` carry the text, so a scan of the table reads the whole corpus. Each
    # list order gets a narrow index that also holds what the text filter reads (title_key,
    # external_id): a query walks one index in order and never touches the table.
    _run(
        db,
        """
        CREATE INDEX documents_in_import_order ON documents (id, title_key, external_id);
        CREATE INDEX documents_by_title_key ON documents (title_key, id, external_id);
        CREATE INDEX documents_by_characters ON documents (characters, id, title_key, external_id);
        CREATE INDEX document_status_by_annotator ON document_status (annotator_id, status, document_id);
        CREATE INDEX spans_by_annotator ON spans (annotator_id, document_id)
        """,
    )


MIGRATIONS: tuple[Migration, ...] = (_m001_initial, _m002_document_list)


def schema_version(db: sqlite_utils.Database) -> int:
    """The number of migrations this database has had."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite_utils.Database) -> int:
    """Apply the migrations this database lacks, each in its own transaction; return how many."""
    current = schema_version(db)
    if current > len(MIGRATIONS):
        raise RuntimeError(
            f"this database has schema version {current}, newer than this Hamish knows "
            f"({len(MIGRATIONS)}): update Hamish before opening it"
        )
    for number, migration in enumerate(MIGRATIONS[current:], start=current + 1):
        with db.atomic():
            migration(db)
            db.execute(f"PRAGMA user_version = {number}")
    return len(MIGRATIONS) - current
