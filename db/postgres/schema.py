"""The team store's tables on PostgreSQL, and their migrations, numbered as SQLite's are.

A PostgreSQL project starts at schema 7: `CREATE_AT_7` makes the tables as SQLite's stood after
its migration 7 (db/migration_steps.py), in PostgreSQL's words. A later migration gets the
same number on both engines, so `schema_version` means the same thing on each.

The differences from SQLite's schema, and why:
- Ids are `bigint` columns with a sequence. SQLite gives an INTEGER PRIMARY KEY the next id
  when the insert says NULL, and the shared insert statements do (an undone delete passes its
  old id, a new span None); a trigger does the same here.
- Text is compared byte by byte (`COLLATE "C"`), as SQLite does, so lists sort alike whatever
  locale the server's database was made with.
- Search keeps each document's folded words as a `tsvector` (db/postgres/text_search.py), written
  by Hamish with the document, in place of SQLite's FTS5 table.
- Every committed change is announced with NOTIFY on the channel `hamish`, saying which rows
  of which table changed (db/postgres/notices.py reads it): other windows see it within a
  moment without reading any table.
"""

from __future__ import annotations

from collections.abc import Callable

import psycopg

CHANNEL = "hamish"
BASE_VERSION = 7

_IDS = ("documents", "annotators", "entities", "spans", "links", "decisions")

CREATE_AT_7 = """
CREATE TABLE hamish_schema (version integer NOT NULL);
INSERT INTO hamish_schema VALUES (0);

CREATE TABLE documents (
    id bigserial PRIMARY KEY,
    external_id text COLLATE "C",
    title text COLLATE "C" NOT NULL DEFAULT '',
    source text COLLATE "C",
    url text COLLATE "C",
    date text COLLATE "C",
    text text COLLATE "C" NOT NULL,
    text_sha256 text COLLATE "C" NOT NULL UNIQUE,
    characters integer NOT NULL,
    imported_from text COLLATE "C",
    import_notes text COLLATE "C" NOT NULL DEFAULT '{}',
    imported_at text COLLATE "C" NOT NULL,
    title_key text COLLATE "C" NOT NULL DEFAULT '',
    words tsvector NOT NULL DEFAULT ''
);
CREATE INDEX documents_by_title_key ON documents (title_key, id);
CREATE INDEX documents_by_characters ON documents (characters, id);
CREATE INDEX documents_by_words ON documents USING gin (words);

CREATE TABLE annotators (
    id bigserial PRIMARY KEY,
    name text COLLATE "C" NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    created_at text COLLATE "C" NOT NULL
);

CREATE TABLE entities (
    id bigserial PRIMARY KEY,
    kind text COLLATE "C" NOT NULL,
    name text COLLATE "C" NOT NULL,
    aliases text COLLATE "C" NOT NULL DEFAULT '[]',
    attributes text COLLATE "C" NOT NULL DEFAULT '{}'
);
CREATE INDEX entities_by_name ON entities (kind, name);

CREATE TABLE spans (
    id bigserial PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    annotator_id bigint NOT NULL REFERENCES annotators (id),
    label text COLLATE "C" NOT NULL,
    start integer NOT NULL CHECK (start >= 0),
    "end" integer NOT NULL CHECK ("end" > start),
    text text COLLATE "C" NOT NULL,
    attributes text COLLATE "C" NOT NULL DEFAULT '{}',
    entity_id bigint REFERENCES entities (id) ON DELETE SET NULL,
    origin text COLLATE "C" NOT NULL CHECK (origin IN ('manual', 'suggested', 'imported')),
    created_at text COLLATE "C" NOT NULL,
    updated_at text COLLATE "C" NOT NULL,
    CONSTRAINT spans_unique_label_extent UNIQUE (document_id, annotator_id, label, start, "end")
);
CREATE INDEX spans_by_layer ON spans (document_id, annotator_id, start);
CREATE INDEX spans_by_entity ON spans (entity_id);
CREATE INDEX spans_by_annotator ON spans (annotator_id, document_id);

CREATE TABLE links (
    id bigserial PRIMARY KEY,
    kind text COLLATE "C" NOT NULL,
    source_id bigint NOT NULL REFERENCES spans (id) ON DELETE CASCADE,
    target_id bigint NOT NULL REFERENCES spans (id) ON DELETE CASCADE,
    created_at text COLLATE "C" NOT NULL,
    UNIQUE (kind, source_id, target_id)
);
CREATE INDEX links_by_target ON links (target_id);
CREATE INDEX links_by_source ON links (source_id);

CREATE TABLE document_status (
    document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    annotator_id bigint NOT NULL REFERENCES annotators (id),
    status text COLLATE "C" NOT NULL CHECK (status IN ('new', 'in_progress', 'done')),
    updated_at text COLLATE "C" NOT NULL,
    PRIMARY KEY (document_id, annotator_id)
);
CREATE INDEX document_status_by_annotator ON document_status (annotator_id, status, document_id);

CREATE TABLE decisions (
    id bigserial PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    gold text COLLATE "C" NOT NULL,
    key text COLLATE "C" NOT NULL,
    choice text COLLATE "C" NOT NULL
        CHECK (choice IN ('accept_a', 'accept_b', 'both', 'neither', 'edited')),
    reason text COLLATE "C" NOT NULL DEFAULT '',
    decided_by text COLLATE "C" NOT NULL,
    decided_at text COLLATE "C" NOT NULL,
    UNIQUE (document_id, gold, key)
);

CREATE FUNCTION hamish_text_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.text IS DISTINCT FROM OLD.text
        AND EXISTS (SELECT 1 FROM spans WHERE document_id = OLD.id) THEN
        RAISE EXCEPTION 'the text of an annotated document cannot change; import the new version as a new document';
    END IF;
    IF NEW.text_sha256 IS DISTINCT FROM OLD.text_sha256 AND NEW.text IS NOT DISTINCT FROM OLD.text THEN
        RAISE EXCEPTION 'the SHA-256 of a document changes only with its text';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER documents_text_is_immutable BEFORE UPDATE OF text, text_sha256 ON documents
    FOR EACH ROW EXECUTE FUNCTION hamish_text_is_immutable();
"""


def _next_id_when_null(table: str) -> str:
    # The shared INSERTs pass id NULL for "a new one", as SQLite's INTEGER PRIMARY KEY takes it.
    return f"""
CREATE FUNCTION hamish_{table}_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS NULL THEN NEW.id := nextval(pg_get_serial_sequence('{table}', 'id')); END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER {table}_id BEFORE INSERT ON {table}
    FOR EACH ROW EXECUTE FUNCTION hamish_{table}_id();
"""


# What each table's change announces: the fields of annotation.changes.Changes it fills, each
# from a column of the changed rows (documents: only that the corpus changed).
_ANNOUNCED: dict[str, dict[str, str]] = {
    "spans": {"documents": "document_id", "spans": "id", "mentions": "entity_id"},
    "links": {
        "links": "id",
        "spans": "source_id",
        # The claim's document (gone already when a deleted span took its links with it:
        # the span's own notice names the document then).
        "documents": "(SELECT s.document_id FROM spans s WHERE s.id = source_id)",
    },
    "entities": {"entities": "id"},
    "document_status": {"statuses": "document_id"},
    "decisions": {"decisions": "document_id"},
    "documents": {"corpus_documents": "id"},
}
# Tables a later migration made: their announcements are made by that migration, not by
# _schema_at_7 (which must keep building the schema as it stood at 7).
_ANNOUNCED_LATER: dict[str, dict[str, str]] = {
    "assignments": {"assignments": "document_id"},
}


def _changed_rows(event: str) -> tuple[str, str]:
    """The rows a statement trigger of `event` reads, and its REFERENCING clause."""
    tables = {"INSERT": ["new_rows"], "DELETE": ["old_rows"], "UPDATE": ["old_rows", "new_rows"]}
    rows = " UNION ALL ".join(f"SELECT * FROM {name}" for name in tables[event])
    referencing = " ".join(
        f"{'OLD' if name == 'old_rows' else 'NEW'} TABLE AS {name}" for name in tables[event]
    )
    return rows, referencing


def _payload(table: str, fields: dict[str, str], rows: str) -> str:
    """The statement putting a notice's JSON, its fields' id lists, into `payload`."""
    listed = ", ".join(
        f"'{field}', coalesce(json_agg(DISTINCT {column})"
        f" FILTER (WHERE {column} IS NOT NULL), '[]'::json)"
        for field, column in fields.items()
    )
    return (
        f"SELECT json_build_object('table', '{table}', {listed})::text INTO payload\n"
        f"        FROM ({rows}) AS changed;"
    )


def _announcing(name: str, table: str, choose_payload: str, create: str = "CREATE") -> str:
    return f"""
{create} FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE payload text;
BEGIN
    {choose_payload}
    IF octet_length(payload) > 7900 THEN
        payload := '{{"table": "{table}", "everything": true}}';
    END IF;
    PERFORM pg_notify('{CHANNEL}', payload);
    RETURN NULL;
END $$;"""


def _announce(table: str, event: str) -> str:
    """A statement trigger that sends one NOTIFY for all the rows a statement changed: a
    JSON object of id lists, or {"everything": true} when it would pass NOTIFY's 8,000 bytes
    (an import of many documents); delivered when the transaction commits, and not at all
    when it rolls back."""
    rows, referencing = _changed_rows(event)
    name = f"hamish_announce_{table}_{event.lower()}"
    fields = {**_ANNOUNCED, **_ANNOUNCED_LATER}[table]
    return (
        _announcing(name, table, _payload(table, fields, rows))
        + f"""
CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {referencing}
    FOR EACH STATEMENT EXECUTE FUNCTION {name}();
"""
    )


# What a notice of these tables carries in a blind team project: the documents alone. Every
# connection hears every notice, and the ids of spans and links an annotator may not read
# would tell of a colleague's hidden layer; document ids tell only what the list shows.
BLIND_ANNOUNCED = {
    table: {"documents": _ANNOUNCED[table]["documents"]} for table in ("spans", "links")
}


def announce_unless_blind() -> str:
    """The announcing functions of spans and links, replaced (their triggers stay) by ones
    that leave out span and link ids while the project is blind; db/postgres/security.py runs
    this in a secured project, where project_settings exists."""
    parts = []
    for table, blind_fields in BLIND_ANNOUNCED.items():
        for event in _EVENTS:
            rows, _referencing = _changed_rows(event)
            choose = (
                "IF (SELECT blind FROM project_settings) THEN\n        "
                + _payload(table, blind_fields, rows)
                + "\n    ELSE\n        "
                + _payload(table, _ANNOUNCED[table], rows)
                + "\n    END IF;"
            )
            name = f"hamish_announce_{table}_{event.lower()}"
            parts.append(_announcing(name, table, choose, "CREATE OR REPLACE"))
    return "\n".join(parts)


def _schema_at_7() -> str:
    parts = [CREATE_AT_7, *(_next_id_when_null(table) for table in _IDS)]
    parts += [_announce(table, event) for table in _ANNOUNCED for event in _EVENTS]
    return "\n".join(parts)


_EVENTS = ("INSERT", "UPDATE", "DELETE")

Migration = Callable[[psycopg.Connection], None]


def _create(connection: psycopg.Connection) -> None:
    connection.execute(_schema_at_7().encode())


_ASSIGNMENTS_AT_8 = """
CREATE TABLE assignments (
    document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    annotator_id bigint NOT NULL REFERENCES annotators (id),
    assigned_at text COLLATE "C" NOT NULL,
    assigned_by text COLLATE "C" NOT NULL,
    PRIMARY KEY (document_id, annotator_id)
);
CREATE INDEX assignments_by_annotator ON assignments (annotator_id, document_id);
"""


def _m008_assignments(connection: psycopg.Connection) -> None:
    # SQLite's migration 8 (db/migration_steps.py): who is to annotate which document.
    parts = [_ASSIGNMENTS_AT_8, *(_announce("assignments", event) for event in _EVENTS)]
    connection.execute("\n".join(parts).encode())


# Migration number -> what it does here; the numbers below BASE_VERSION were folded into it.
MIGRATIONS: dict[int, Migration] = {BASE_VERSION: _create, 8: _m008_assignments}
LATEST = max(MIGRATIONS)


def create(connection: psycopg.Connection) -> None:
    """Make Hamish's tables in an empty database, in one transaction."""
    with connection.transaction():
        for number in sorted(MIGRATIONS):
            MIGRATIONS[number](connection)
        connection.execute("UPDATE hamish_schema SET version = %s", [LATEST])


def upgrade(connection: psycopg.Connection) -> int:
    """Apply the migrations a project made by an earlier Hamish lacks, all in one
    transaction (a failure leaves it as it was); return how many were applied.

    The row of `hamish_schema` is locked first: two workstations opening an old project at
    once wait for each other, and the second finds it upgraded.
    """
    with connection.transaction():
        row = connection.execute("SELECT version FROM hamish_schema FOR UPDATE").fetchone()
        current = int(row[0]) if row else 0
        missing = [number for number in sorted(MIGRATIONS) if number > current]
        for number in missing:
            MIGRATIONS[number](connection)
        if missing:
            connection.execute("UPDATE hamish_schema SET version = %s", [LATEST])
    return len(missing)


def schema_version(connection: psycopg.Connection) -> int:
    """The migration this database stands at (0: no Hamish tables yet)."""
    exists = connection.execute("SELECT to_regclass('hamish_schema') IS NOT NULL").fetchone()
    if not exists or not exists[0]:
        return 0
    row = connection.execute("SELECT version FROM hamish_schema").fetchone()
    return int(row[0]) if row else 0
