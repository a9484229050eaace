"""Upgrade safety and looking after a database: backups, the immutable text, `check`.

Damage is done the way a stray script would do it, with plain sqlite3 and no Hamish code.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from annotation.model import (
    Document,
    DocumentId,
    Entity,
    EntityKind,
    Link,
    Span,
    SpanId,
    Status,
    text_sha256,
)
from annotation.ports import StoreError
from db import maintenance, migrations
from db.maintenance import Problem, ProblemKind
from db.migrations import MIGRATIONS
from db.store import SqliteStore
from tests.db.test_upgrade import FIXTURE, rows
from tests.hostile.conftest import run_main

TEXT = "قال وزير الخارجية الروسي سيرغي لافروف إن الحل في سوريا سياسي."
OTHER = "وصل الوفد إلى دمشق أمس."
TABLES = ("documents", "annotators", "entities", "spans", "links", "document_status")
TEXT_REFUSED = (
    "the text of an annotated document cannot change; import the new version as a new document"
)


@contextmanager
def raw(path: Path, foreign_keys: bool = True) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection that commits on leaving, as a script would use."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
    try:
        yield connection
    finally:
        connection.close()


def everything(path: Path) -> dict[str, list[dict[str, Any]]]:
    return {table: rows(path, f"SELECT * FROM {table} ORDER BY rowid") for table in TABLES}


def version(path: Path) -> int:
    return int(rows(path, "PRAGMA user_version")[0]["user_version"])


def fill(path: Path) -> dict[str, int]:
    """A healthy database: two documents, a claim linked to its speaker with an entity,
    a location in the other document, a status; returns the ids."""
    store = SqliteStore(path)
    try:
        first, second = store.add_documents(
            [
                Document(text=TEXT, text_sha256=text_sha256(TEXT), title="lavrov"),
                Document(text=OTHER, text_sha256=text_sha256(OTHER), title="wafd"),
            ]
        )
        lavrov = store.add_entity(Entity(EntityKind.PERSON, "سيرغي لافروف"))

        def span(document: int, text: str, label: str, part: str, **kw: Any) -> int:
            start = text.index(part)
            added = store.add_span(
                Span(DocumentId(document), "amal", label, start, start + len(part), part, **kw)
            )
            assert added.id is not None
            return int(added.id)

        claim = span(first, TEXT, "CLAIM", "الحل في سوريا سياسي")
        speaker = span(first, TEXT, "SPEAKER", "سيرغي لافروف", entity_id=lavrov.id)
        place = span(second, OTHER, "LOCATION", "دمشق")
        link = store.add_link(Link("ATTRIBUTED_TO", SpanId(claim), SpanId(speaker)))
        store.set_status(first, "amal", Status.DONE)
        assert link.id is not None
        return {
            "first": first,
            "second": second,
            "claim": claim,
            "speaker": speaker,
            "place": place,
            "link": int(link.id),
            "entity": int(lavrov.id or 0),
        }
    finally:
        store.close()


def check(path: Path) -> list[Problem]:
    store = SqliteStore(path)
    try:
        return maintenance.check(store)
    finally:
        store.close()


@pytest.fixture
def old(tmp_path: Path) -> Path:
    copy = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURE, copy)
    assert version(copy) == 1
    return copy


@pytest.fixture
def healthy(database: Path) -> dict[str, int]:
    return fill(database)


# Backups before migrating


def test_a_database_is_backed_up_before_it_is_upgraded(old: Path) -> None:
    before = everything(old)
    SqliteStore(old).close()
    backup = old.with_name("old.sqlite3.before-v1.bak")
    assert backup.is_file()
    assert version(backup) == 1
    assert everything(backup) == before
    assert version(old) == len(MIGRATIONS)
    assert rows(backup, "PRAGMA journal_mode")[0]["journal_mode"] == "delete"
    # Opening again has nothing to upgrade, so writes no second copy.
    SqliteStore(old).close()
    assert sorted(p.name for p in old.parent.glob("*.bak")) == [backup.name]


def test_a_new_database_gets_no_backup(database: Path) -> None:
    SqliteStore(database).close()
    SqliteStore(database).close()
    assert list(database.parent.glob("*.bak")) == []
    SqliteStore(":memory:").close()


def test_an_earlier_backup_is_never_replaced(old: Path) -> None:
    earlier = old.with_name("old.sqlite3.before-v1.bak")
    earlier.write_bytes(b"an earlier copy")
    SqliteStore(old).close()
    assert earlier.read_bytes() == b"an earlier copy"
    assert version(old.with_name("old.sqlite3.before-v1.2.bak")) == 1


def test_no_backup_means_no_upgrade(old: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(source: sqlite3.Connection, out: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(migrations, "copy_database", full_disk)
    with pytest.raises(StoreError, match="before upgrading the database from schema version 1"):
        SqliteStore(old)
    assert version(old) == 1


# The immutable text


def test_the_text_of_an_annotated_document_cannot_change(
    database: Path, healthy: dict[str, int]
) -> None:
    with raw(database) as connection:
        changed = TEXT.replace("سياسي", "عسكري")
        with pytest.raises(sqlite3.IntegrityError, match=TEXT_REFUSED):
            connection.execute(
                "UPDATE documents SET text = ? WHERE id = ?", [changed, healthy["first"]]
            )
        with pytest.raises(sqlite3.IntegrityError, match=TEXT_REFUSED):
            connection.execute(
                "UPDATE documents SET text = ?, text_sha256 = ? WHERE id = ?",
                [changed, text_sha256(changed), healthy["first"]],
            )
        with pytest.raises(sqlite3.IntegrityError, match="SHA-256"):
            connection.execute(
                "UPDATE documents SET text_sha256 = ? WHERE id = ?", ["0" * 64, healthy["first"]]
            )
        # Writing the same text, or changing the title, is no change to the text.
        connection.execute("UPDATE documents SET text = text, title = 'x' WHERE id = 1")
    assert rows(database, "SELECT text FROM documents WHERE id = 1") == [{"text": TEXT}]


def test_an_unannotated_text_changes_only_with_its_hash(database: Path) -> None:
    store = SqliteStore(database)
    (document,) = store.add_documents([Document(text=OTHER, text_sha256=text_sha256(OTHER))])
    store.close()
    changed = OTHER + " وغادر."
    with raw(database) as connection:
        with pytest.raises(sqlite3.IntegrityError, match="SHA-256"):
            connection.execute("UPDATE documents SET text_sha256 = ?", ["0" * 64])
        connection.execute(
            "UPDATE documents SET text = ?, text_sha256 = ?, characters = ? WHERE id = ?",
            [changed, text_sha256(changed), len(changed), document],
        )
    assert check(database) == []


def test_an_upgraded_database_gets_the_triggers(old: Path) -> None:
    SqliteStore(old).close()
    names = {r["name"] for r in rows(old, "SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert {"documents_text_is_immutable", "documents_text_sha256_is_immutable"} <= names
    with raw(old) as connection, pytest.raises(sqlite3.IntegrityError, match=TEXT_REFUSED):
        connection.execute(
            "UPDATE documents SET text = text || '.' WHERE id IN (SELECT document_id FROM spans)"
        )


# check


def kinds(problems: list[Problem]) -> set[ProblemKind]:
    return {problem.kind for problem in problems}


def test_a_healthy_database_has_no_problems(database: Path, healthy: dict[str, int]) -> None:
    assert check(database) == []


def test_the_upgraded_fixture_has_no_problems(old: Path) -> None:
    assert check(old) == []


def test_check_finds_every_span_whose_offsets_moved(
    database: Path, healthy: dict[str, int]
) -> None:
    with raw(database) as connection:
        connection.execute('UPDATE spans SET start = start + 1, "end" = "end" + 1 WHERE id = ?',
                           [healthy["claim"]])  # fmt: skip
        connection.execute('UPDATE spans SET "end" = 500 WHERE id = ?', [healthy["place"]])
    problems = check(database)
    assert [(p.kind, p.document_id, p.span_id) for p in problems] == [
        (ProblemKind.OFFSETS, healthy["first"], healthy["claim"]),
        (ProblemKind.OFFSETS, healthy["second"], healthy["place"]),
    ]
    assert "claims 'الحل في سوريا سياسي' but the text there is" in problems[0].message
    assert "do not fit a text of 23 characters" in problems[1].message
    assert str(problems[1]).startswith(f"document {healthy['second']}, span {healthy['place']}: ")


def test_check_finds_a_text_changed_behind_the_trigger(
    database: Path, healthy: dict[str, int]
) -> None:
    changed = TEXT.replace("سياسي", "عسكري")
    with raw(database) as connection:
        connection.execute("DROP TRIGGER documents_text_is_immutable")
        connection.execute(
            "UPDATE documents SET text = ? WHERE id = ?", [changed, healthy["first"]]
        )
    problems = check(database)
    assert kinds(problems) == {ProblemKind.SCHEMA, ProblemKind.TEXT_HASH, ProblemKind.OFFSETS}
    (schema,) = (p for p in problems if p.kind is ProblemKind.SCHEMA)
    assert schema.message == "the trigger documents_text_is_immutable is missing"
    (text,) = (p for p in problems if p.kind is ProblemKind.TEXT_HASH)
    assert text.document_id == healthy["first"] and "changed after import" in text.message
    # The claim covered the changed word; the speaker did not.
    assert [p.span_id for p in problems if p.kind is ProblemKind.OFFSETS] == [healthy["claim"]]


def test_check_finds_dangling_references(database: Path, healthy: dict[str, int]) -> None:
    with raw(database, foreign_keys=False) as connection:
        link = connection.execute(
            "INSERT INTO links (kind, source_id, target_id, created_at)"
            " VALUES ('ATTRIBUTED_TO', ?, 999, '2024-01-01') RETURNING id",
            [healthy["claim"]],
        ).fetchone()[0]
        connection.execute("UPDATE spans SET entity_id = 77 WHERE id = ?", [healthy["place"]])
        connection.execute(
            "INSERT INTO document_status VALUES (55, 1, 'done', '2024-01-01')",
        )
    problems = check(database)
    assert [(p.kind, p.document_id, p.span_id, p.link_id) for p in problems] == [
        (ProblemKind.MISSING_DOCUMENT, 55, None, None),
        (ProblemKind.MISSING_SPAN, None, None, link),
        (ProblemKind.MISSING_ENTITY, healthy["second"], healthy["place"], None),
    ]
    messages = [p.message for p in problems]
    assert messages == [
        "the status of annotator amal refers to document 55, which does not exist",
        "refers to target span 999, which does not exist",
        "refers to entity 77, which does not exist",
    ]


def test_check_finds_links_across_documents_and_layers(
    database: Path, healthy: dict[str, int]
) -> None:
    store = SqliteStore(database)
    text = OTHER
    start = text.index("الوفد")
    other_layer = store.add_span(
        Span(DocumentId(healthy["second"]), "badr", "SPEAKER", start, start + 5, "الوفد")
    )
    store.close()
    with raw(database) as connection:
        for target in (healthy["place"], other_layer.id):
            connection.execute(
                "INSERT INTO links (kind, source_id, target_id, created_at)"
                " VALUES ('ATTRIBUTED_TO', ?, ?, '2024-01-01')",
                [healthy["claim"] if target == healthy["place"] else healthy["place"], target],
            )
    problems = check(database)
    assert [p.kind for p in problems] == [ProblemKind.LINK_LAYERS] * 2
    assert f"of document {healthy['first']} to span {healthy['place']}" in problems[0].message
    assert "of annotator amal to span" in problems[1].message
    assert "of annotator badr: a link stays in one layer" in problems[1].message


def test_check_finds_a_wrong_character_count(database: Path, healthy: dict[str, int]) -> None:
    with raw(database) as connection:
        connection.execute("UPDATE documents SET characters = 3 WHERE id = ?", [healthy["second"]])
    (problem,) = check(database)
    assert (problem.kind, problem.document_id) == (ProblemKind.CHARACTERS, healthy["second"])


def definition(connection: sqlite3.Connection, name: str) -> str:
    (sql,) = connection.execute("SELECT sql FROM sqlite_master WHERE name = ?", [name]).fetchone()
    return str(sql)


def test_check_finds_a_trigger_redefined_to_never_fire(
    database: Path, healthy: dict[str, int]
) -> None:
    with raw(database) as connection:
        sql = definition(connection, "documents_text_is_immutable")
        connection.execute("DROP TRIGGER documents_text_is_immutable")
        connection.execute(re.sub(r"WHEN .*BEGIN", "WHEN 0 BEGIN", sql, flags=re.DOTALL))
    (problem,) = check(database)
    assert (problem.kind, problem.table) == (ProblemKind.SCHEMA, "documents")
    assert problem.message.startswith(
        "the trigger documents_text_is_immutable is not as the migrations make it: it has «"
    )
    assert "when 0 begin select raise(abort," in problem.message
    assert "where they have «…" in problem.message and "when new.text is not old.text" in (
        problem.message
    )
    # Same name, no protection: the text of an annotated document can change.
    with raw(database) as connection:
        connection.execute("UPDATE documents SET text = 'x' WHERE id = ?", [healthy["first"]])


def test_check_finds_changed_missing_and_extra_schema_objects(
    database: Path, healthy: dict[str, int]
) -> None:
    with raw(database) as connection:
        connection.execute("DROP INDEX links_by_target")
        connection.execute("CREATE INDEX links_by_target ON links (source_id)")
        connection.execute("DROP INDEX entities_by_name")
        connection.execute("CREATE INDEX spans_by_label ON spans (label)")
        connection.execute("ALTER TABLE entities ADD COLUMN note TEXT")
        sql = definition(connection, "documents_text_sha256_is_immutable")
        connection.execute("DROP TRIGGER documents_text_sha256_is_immutable")
        connection.execute(sql.replace("changes only with its text", "never changes"))
    problems = check(database)
    assert [(p.kind, p.table, p.message.split(":")[0]) for p in problems] == [
        (ProblemKind.SCHEMA, "entities", "the index entities_by_name is missing"),
        (ProblemKind.SCHEMA, "links", "the index links_by_target is not as the migrations make it"),
        (ProblemKind.SCHEMA, "entities", "the table entities is not as the migrations make it"),
        (
            ProblemKind.SCHEMA,
            "documents",
            "the trigger documents_text_sha256_is_immutable is not as the migrations make it",
        ),
        (ProblemKind.SCHEMA, "spans", "the index spans_by_label is not part of the schema"),
    ]
    assert problems[1].message.endswith(
        "it has «…_by_target on links(source_id)» where they have «…_by_target on links(target_id)»"
    )
    assert ",note text)strict»" in problems[2].message
    # String literals keep their case.
    assert "it has «…A-256 of a document never changes');end»" in problems[3].message


def test_layout_and_quoting_are_no_difference(database: Path, healthy: dict[str, int]) -> None:
    with raw(database) as connection:
        connection.execute("DROP INDEX spans_by_entity")
        connection.execute('create index "spans_by_entity"\n\tON [spans](`entity_id`) -- by entity')
        sql = definition(connection, "documents_text_is_immutable")
        connection.execute("DROP TRIGGER documents_text_is_immutable")
        connection.execute(" ".join(sql.split()).replace("NEW.text", '"NEW"."text"'))
    assert check(database) == []
    with raw(database) as connection, pytest.raises(sqlite3.IntegrityError, match=TEXT_REFUSED):
        connection.execute("UPDATE documents SET text = 'x' WHERE id = ?", [healthy["first"]])


def test_check_finds_values_the_app_cannot_read(database: Path, healthy: dict[str, int]) -> None:
    with raw(database) as connection:
        # The CHECK constraints on origin and status keep Hamish's own writes right; a script
        # can turn them off.
        connection.execute("PRAGMA ignore_check_constraints = ON")
        amal = connection.execute("SELECT id FROM annotators WHERE name = 'amal'").fetchone()[0]
        (status,) = connection.execute("SELECT rowid FROM document_status").fetchone()
        for sql, values in [
            ("UPDATE documents SET imported_at = '' WHERE id = ?", [healthy["first"]]),
            ("UPDATE documents SET import_notes = '\"utf-8\"' WHERE id = ?", [healthy["second"]]),
            ("UPDATE annotators SET created_at = 'now' WHERE id = ?", [amal]),
            (
                "UPDATE entities SET kind = 'animal', aliases = '[\"لافروف\", 1]',"
                " attributes = '[]' WHERE id = ?",
                [healthy["entity"]],
            ),
            ("UPDATE spans SET attributes = '{\"role\": ' WHERE id = ?", [healthy["claim"]]),
            ("UPDATE spans SET origin = 'typed' WHERE id = ?", [healthy["speaker"]]),
            (
                "UPDATE spans SET created_at = 'yesterday',"
                " updated_at = '2023-02-29T10:00:00+00:00' WHERE id = ?",
                [healthy["place"]],
            ),
            ("UPDATE links SET created_at = '2024-13-01T00:00:00+00:00'", []),
            ("UPDATE document_status SET status = 'finished', updated_at = '24:00'", []),
        ]:
            connection.execute(sql, values)
    problems = check(database)
    # SQLite's integrity_check sees the two failed CHECKs, by table only.
    assert [str(p) for p in problems if p.kind is ProblemKind.INTEGRITY] == [
        "database: CHECK constraint failed in document_status [integrity]",
        "database: CHECK constraint failed in spans [integrity]",
    ]
    problems = [p for p in problems if p.kind is not ProblemKind.INTEGRITY]
    assert {p.kind for p in problems} == {ProblemKind.VALUE}
    assert [(p.table, p.row_id, p.column) for p in problems] == [
        ("documents", healthy["first"], "imported_at"),
        ("documents", healthy["second"], "import_notes"),
        ("annotators", amal, "created_at"),
        ("entities", healthy["entity"], "kind"),
        ("entities", healthy["entity"], "aliases"),
        ("entities", healthy["entity"], "attributes"),
        ("spans", healthy["claim"], "attributes"),
        ("spans", healthy["speaker"], "origin"),
        ("spans", healthy["place"], "created_at"),
        ("spans", healthy["place"], "updated_at"),
        ("links", healthy["link"], "created_at"),
        ("document_status", status, "status"),
        ("document_status", status, "updated_at"),
    ]
    assert [str(p) for p in problems] == [
        f"document {healthy['first']}: imported_at is not a timestamp Hamish can read: '' [value]",
        f"document {healthy['second']}: import_notes is not a JSON object: '\"utf-8\"' [value]",
        f"annotators row {amal}: created_at is not a timestamp Hamish can read: 'now' [value]",
        f"entities row {healthy['entity']}: kind is 'animal', not an entity kind Hamish knows"
        " (person, organisation, place) [value]",
        f"entities row {healthy['entity']}: aliases is not a JSON array of strings:"
        " '[\"لافروف\", 1]' [value]",
        f"entities row {healthy['entity']}: attributes is not a JSON object: '[]' [value]",
        f"document {healthy['first']}, span {healthy['claim']}: attributes is not valid JSON:"
        " '{\"role\": ' [value]",
        f"document {healthy['first']}, span {healthy['speaker']}: origin is 'typed', not an"
        " origin Hamish knows (manual, suggested, imported) [value]",
        f"document {healthy['second']}, span {healthy['place']}: created_at is not a timestamp"
        " Hamish can read: 'yesterday' [value]",
        f"document {healthy['second']}, span {healthy['place']}: updated_at is not a timestamp"
        " Hamish can read: '2023-02-29T10:00:00+00:00' [value]",
        f"link {healthy['link']}: created_at is not a timestamp Hamish can read:"
        " '2024-13-01T00:00:00+00:00' [value]",
        f"document {healthy['first']}: the status of annotator amal: status is 'finished', not a"
        " status Hamish knows (new, in_progress, done) [value]",
        f"document {healthy['first']}: the status of annotator amal: updated_at is not a"
        " timestamp Hamish can read: '24:00' [value]",
    ]
    assert problems[1].as_dict() == {
        "kind": "value",
        "message": "import_notes is not a JSON object: '\"utf-8\"'",
        "document_id": healthy["second"],
        "table": "documents",
        "row_id": healthy["second"],
        "column": "import_notes",
    }


@pytest.mark.parametrize(
    "stamp",
    [
        "2024-02-29T23:59:59+00:00",
        "2024-02-29T23:59:59.123456-05:30",
        "2024-01-01",
        "2024-01-01 10:00",
        "2024-01-01T10:00:00Z",
        "20240101T100000",
        "2024-01-01T10:00:00+23:59",
        "2023-02-29T00:00:00+00:00",
        "2024-04-31T00:00:00",
        "2024-01-01T24:00:00+00:00",
        "2024-01-01T10:00:60",
        "2024-01-01T10:00:00+24:00",
        "0000-01-01T00:00:00",
        "0000-01-01T00:00:00+00:00",
        "2024-02-30T00:00:00+00:00",
        "2024-01-01T10:00:00.000+00:00",
        "2024-1-1",
        "2024-01-01T10:00:00+00:00 ",
    ],
)
def test_a_timestamp_is_a_problem_exactly_when_the_app_cannot_read_it(
    database: Path, healthy: dict[str, int], stamp: str
) -> None:
    with raw(database) as connection:
        connection.execute(
            "UPDATE spans SET updated_at = ? WHERE id = ?", [stamp, healthy["claim"]]
        )
    try:
        datetime.fromisoformat(stamp)
        readable = True
    except ValueError:
        readable = False
    problems = check(database)
    assert [(p.span_id, p.column) for p in problems] == (
        [] if readable else [(healthy["claim"], "updated_at")]
    )


def test_json_the_app_reads_is_no_problem(database: Path, healthy: dict[str, int]) -> None:
    with raw(database) as connection:
        connection.execute(
            "UPDATE entities SET aliases = ' [ ] ', attributes = '{\"a\": {\"b\": [1]}}'"
        )
        connection.execute('UPDATE spans SET attributes = \'{"x": 1, "x": 2}\'')
        connection.execute('UPDATE documents SET import_notes = \'{"n": "\\u0041"}\'')
    assert check(database) == []


def test_problems_read_as_json() -> None:
    problem = Problem(ProblemKind.OFFSETS, "moved", document_id=DocumentId(3), span_id=SpanId(12))
    assert problem.as_dict() == {
        "kind": "offsets",
        "message": "moved",
        "document_id": 3,
        "span_id": 12,
    }
    assert str(problem) == "document 3, span 12: moved [offsets]"
    assert str(Problem(ProblemKind.INTEGRITY, "page 4 is never used")) == (
        "database: page 4 is never used [integrity]"
    )


# backup


def test_backup_of_an_open_store_has_the_same_rows(
    tmp_path: Path, database: Path, healthy: dict[str, int]
) -> None:
    store = SqliteStore(database)
    try:
        out = maintenance.backup(store, tmp_path / "copy.sqlite3")
        with pytest.raises(FileExistsError, match="--force"):
            maintenance.backup(store, out)
        with pytest.raises(StoreError, match="the database itself"):
            maintenance.backup(store, database, overwrite=True)
    finally:
        store.close()
    assert everything(out) == everything(database)
    assert version(out) == len(MIGRATIONS)
    assert not out.with_name("copy.sqlite3-wal").exists()
    assert check(out) == []


def test_backup_of_a_path_copies_without_upgrading(tmp_path: Path, old: Path) -> None:
    before = everything(old)
    out = tmp_path / "copy.sqlite3"
    out.write_bytes(b"old copy")
    maintenance.backup(old, out, overwrite=True)
    assert version(old) == version(out) == 1
    assert everything(out) == before
    with pytest.raises(FileNotFoundError):
        maintenance.backup(tmp_path / "nothing.sqlite3", tmp_path / "x.sqlite3")
    assert not (tmp_path / "nothing.sqlite3").exists()


# Issue 14, item 12: spans stored before the importers refused them, cutting a letter from its
# marks: مُحَم before the second م's shadda and fatha, دِمَشْق before its final fatha.
VOWELLED = "قال مُحَمَّد إن الوفد وصل إلى دِمَشْقَ أمس."


def span(document: DocumentId, text: str, label: str, part: str) -> Span:
    start = text.index(part)
    return Span(document, "amal", label, start, start + len(part), part)


def test_check_names_every_span_that_cuts_a_letter_from_its_marks(database: Path) -> None:
    store = SqliteStore(database)
    try:
        (document,) = store.add_documents([Document(VOWELLED, text_sha256(VOWELLED), title="خبر")])
        whole = store.add_span(span(document, VOWELLED, "SPEAKER", "مُحَمَّد"))
    finally:
        store.close()
    cut = {}
    with raw(database) as connection:
        for label, part in (("SPEAKER", "مُحَم"), ("LOCATION", "دِمَشْق")):
            start = VOWELLED.index(part)
            cut[part] = connection.execute(
                'INSERT INTO spans (document_id, annotator_id, label, start, "end", text,'
                " attributes, origin, created_at, updated_at) VALUES (?, 1, ?, ?, ?, ?, '{}',"
                " 'manual', '2024-01-01T00:00:00+00:00', '2024-01-01T00:00:00+00:00')"
                " RETURNING id",
                [document, label, start, start + len(part), part],
            ).fetchone()[0]
    problems = check(database)
    assert [(p.kind, p.document_id, p.span_id) for p in problems] == [
        (ProblemKind.SPLIT_LETTER, document, cut["مُحَم"]),
        (ProblemKind.SPLIT_LETTER, document, cut["دِمَشْق"]),
    ]
    assert whole.id not in {p.span_id for p in problems}
    assert "the SPEAKER span 'مُحَم' cuts 'م' at 9 from its mark" in problems[0].message
    assert "the LOCATION span 'دِمَشْق' cuts 'ق' at 37 from its mark 'َ' (U+064E)" in (
        problems[1].message
    )
    outcome = run_main(["check", "--db", database])
    assert outcome.status == 1
    assert f"document {document}, span {cut['دِمَشْق']}: the LOCATION span 'دِمَشْق'" in outcome.out
    assert "[split_letter]" in outcome.out


def test_the_store_refuses_a_span_that_cuts_a_letter_from_its_marks(database: Path) -> None:
    store = SqliteStore(database)
    try:
        (document,) = store.add_documents([Document(VOWELLED, text_sha256(VOWELLED), title="خبر")])
        for part in ("مُحَم", "دِمَشْق"):
            with pytest.raises(StoreError, match="a span never cuts a letter from its marks"):
                store.add_span(span(document, VOWELLED, "SPEAKER", part))
        place = store.add_span(span(document, VOWELLED, "LOCATION", "دِمَشْقَ"))
        start = VOWELLED.index("دِمَشْق")
        shorter = replace(place, end=start + len("دِمَشْق"), text="دِمَشْق")
        with pytest.raises(StoreError, match=r"cuts 'ق' at 37 from its mark 'َ' \(U\+064E\)"):
            store.update_span(shorter)
        assert [s.text for s in store.spans_for(document, "amal")] == ["دِمَشْقَ"]
    finally:
        store.close()
