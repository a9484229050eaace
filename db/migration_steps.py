"""The schema, built only by these migrations, applied in order (db/migrations.py runs them and
records how many in `user_version`).

Append new migrations; never edit one that has been released, because databases on
annotators' machines were built by it. For the same reason a migration runs no live code of
Hamish's: what it needs of annotation/ or db/ is frozen, as it was when it was released, in
db/migration_code.py (tests/test_architecture.py checks that these import nothing else).
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from db.migration_code import (
    index_pending_m005,
    search_words_m005,
    search_words_m007,
    title_key_m002,
)

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
    db.conn.create_function("hamish_title_key", 1, title_key_m002, deterministic=True)
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


def _m003_immutable_text(db: sqlite_utils.Database) -> None:
    # Offsets are code-point indices into the stored text (annotation/offsets.py): once a
    # document has spans, a changed text moves every tag silently. Refused here, below every
    # writer, so a script with plain sqlite3 cannot do it either. The hash names the text across
    # workstations, so it changes only with the text (and so only while there are no spans).
    # (No sha256() in SQLite to recompute it: `python main.py check` compares hash and text.)
    # One execute() per trigger: _run splits on ";", which a trigger body and its message hold.
    text_refused = (
        "the text of an annotated document cannot change; import the new version as a new document"
    )
    hash_refused = "the SHA-256 of a document changes only with its text"
    db.execute(
        f"""
        CREATE TRIGGER documents_text_is_immutable
        BEFORE UPDATE OF text ON documents
        WHEN NEW.text IS NOT OLD.text
            AND EXISTS (SELECT 1 FROM spans WHERE document_id = OLD.id)
        BEGIN
            SELECT RAISE(ABORT, '{text_refused}');
        END
        """
    )
    db.execute(
        f"""
        CREATE TRIGGER documents_text_sha256_is_immutable
        BEFORE UPDATE OF text_sha256 ON documents
        WHEN NEW.text_sha256 IS NOT OLD.text_sha256 AND NEW.text IS OLD.text
        BEGIN
            SELECT RAISE(ABORT, '{hash_refused}');
        END
        """
    )


def _m004_decisions(db: sqlite_utils.Database) -> None:
    # Adjudication: one row per difference decided into a gold layer. The gold layer's spans
    # are ordinary spans; this keeps what they cannot: a decision to keep nothing ("neither")
    # and the adjudicator's reason.
    _run(
        db,
        """
        CREATE TABLE decisions (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            gold TEXT NOT NULL,
            key TEXT NOT NULL,
            choice TEXT NOT NULL
                CHECK (choice IN ('accept_a', 'accept_b', 'both', 'neither', 'edited')),
            reason TEXT NOT NULL DEFAULT '',
            decided_by TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            UNIQUE (document_id, gold, key)
        ) STRICT;
        """,
    )


def _m005_search_index(db: sqlite_utils.Database) -> None:
    # Search (db/search_index.py): FTS5 over each document's words as annotation.search's
    # index_text folds them. Contentless: the index without a second copy of the corpus. The
    # tokenizer only has to split what index_text joined with spaces (words of letters and
    # marks, of any script, or of digits, already folded), so it removes no diacritics.
    # A change to that folding needs a new migration that empties the index ('delete-all') and
    # indexes every document again: a contentless row is removed with the words it was given.
    db.execute(
        """
        CREATE VIRTUAL TABLE search_text USING fts5(
            words,
            content = '',
            tokenize = "unicode61 remove_diacritics 0 categories 'L* N* M* Co'"
        )
        """
    )
    # What the index has yet to take in: a document added (indexed_text NULL), or changed or
    # deleted (the text it was indexed with). Triggers note it, so a script's writes with
    # plain sqlite3 are caught up with too; the first note of a document is the one kept.
    db.execute(
        """
        CREATE TABLE search_pending (
            document_id INTEGER PRIMARY KEY,
            indexed_text TEXT
        ) STRICT
        """
    )
    db.execute(
        """
        CREATE TRIGGER documents_search_added AFTER INSERT ON documents
        BEGIN
            INSERT OR IGNORE INTO search_pending (document_id) VALUES (NEW.id);
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER documents_search_changed AFTER UPDATE OF id, text ON documents
        WHEN NEW.text IS NOT OLD.text OR NEW.id IS NOT OLD.id
        BEGIN
            INSERT OR IGNORE INTO search_pending (document_id, indexed_text)
                VALUES (OLD.id, OLD.text);
            INSERT OR IGNORE INTO search_pending (document_id) VALUES (NEW.id);
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER documents_search_deleted AFTER DELETE ON documents
        BEGIN
            INSERT OR IGNORE INTO search_pending (document_id, indexed_text)
                VALUES (OLD.id, OLD.text);
        END
        """
    )
    db.execute("INSERT INTO search_pending (document_id) SELECT id FROM documents")
    index_pending_m005(db, search_words_m005)


def _m006_links_by_source(db: sqlite_utils.Database) -> None:
    # A layer's links were found by scanning every link in the database (the unique key
    # starts with the kind), and so was each span's cascade on delete: 1.4 ms a document at
    # 9,000 links, growing with the corpus. Indexed by their claim, both are lookups.
    db.execute("CREATE INDEX links_by_source ON links (source_id)")


def _m007_search_hamza_seats(db: sqlite_utils.Database) -> None:
    # Search folds every hamza seat alike now (annotation.search.fold_for_search: مسؤول finds
    # مسئول; issue 14, item 14), so the words indexed by migration 5's fold are stale. As that
    # migration says: empty the index and index every document again. Pending deletions need
    # no words any more ('delete-all' removes every row), so they are dropped with the rest.
    db.execute("INSERT INTO search_text (search_text) VALUES ('delete-all')")
    db.execute("DELETE FROM search_pending")
    db.execute("INSERT INTO search_pending (document_id) SELECT id FROM documents")
    index_pending_m005(db, search_words_m007)


def _m008_assignments(db: sqlite_utils.Database) -> None:
    # A manager hands documents to annotators (issue 19): who is to annotate what, by whom
    # and when it was decided. One row per document and annotator; the document's rows go
    # with it. The index serves an annotator's own list (their documents first).
    _run(
        db,
        """
        CREATE TABLE assignments (
            document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            annotator_id INTEGER NOT NULL REFERENCES annotators (id),
            assigned_at TEXT NOT NULL,
            assigned_by TEXT NOT NULL,
            PRIMARY KEY (document_id, annotator_id)
        ) STRICT;
        CREATE INDEX assignments_by_annotator ON assignments (annotator_id, document_id)
        """,
    )


MIGRATIONS: tuple[Migration, ...] = (
    _m001_initial,
    _m002_document_list,
    _m003_immutable_text,
    _m004_decisions,
    _m005_search_index,
    _m006_links_by_source,
    _m007_search_hamza_seats,
    _m008_assignments,
)
