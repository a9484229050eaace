"""Migration 8 (assignments) on both engines: a project at schema 7 opens in this Hamish with
its work intact and the new table in place."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg
import pytest
import sqlite_utils

from annotation.model import DocumentId, Status
from db.migrations import MIGRATIONS, schema_version
from db.postgres import schema
from db.postgres.store import PgStore
from db.store import SqliteStore
from tests.postgres_server import Cluster, changes_heard

STAMP = "2026-01-01T00:00:00+00:00"


def fill_at_7(execute: object) -> None:
    """One document with a span and a status, written with plain SQL as schema 7 has them."""
    run = execute  # a connection's execute, either engine (both take these literals)
    assert callable(run)
    run(
        "INSERT INTO documents (title, text, text_sha256, characters, imported_at)"
        f" VALUES ('خبر', 'قال الوزير', 'abc', 10, '{STAMP}')"
    )
    run(f"INSERT INTO annotators (name, created_at) VALUES ('amal', '{STAMP}')")
    run(
        'INSERT INTO spans (document_id, annotator_id, label, start, "end", text, origin,'
        f" created_at, updated_at) VALUES (1, 1, 'SPEAKER', 4, 10, 'الوزير', 'manual',"
        f" '{STAMP}', '{STAMP}')"
    )
    run(
        "INSERT INTO document_status (document_id, annotator_id, status, updated_at)"
        f" VALUES (1, 1, 'done', '{STAMP}')"
    )


def test_sqlite_upgrades_from_7_keeping_the_work(tmp_path: Path) -> None:
    path = tmp_path / "at7.sqlite3"
    connection = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(connection)
    for number, migration in enumerate(MIGRATIONS[:7], start=1):
        migration(db)
        db.execute(f"PRAGMA user_version = {number}")
    fill_at_7(connection.execute)
    connection.close()

    store = SqliteStore(path)
    try:
        assert schema_version(store.db) == len(MIGRATIONS) == 8
        assert store.spans_for(DocumentId(1), "amal")[0].text == "الوزير"
        assert store.status(DocumentId(1), "amal") is Status.DONE
        assert store.assignments() == []
        store.assign([DocumentId(1)], ["amal"], "manager")
        assert [a.annotator for a in store.assignments()] == ["amal"]
    finally:
        store.close()
    assert path.with_name("at7.sqlite3.before-v7.bak").exists()  # the copy made first


@pytest.fixture
def project_at_7(postgres_cluster: Cluster) -> str:
    """A new PostgreSQL project made as Hamish's schema 7 made it, with some work in it."""
    with psycopg.connect(postgres_cluster.url(), autocommit=True) as admin:
        admin.execute("DROP DATABASE IF EXISTS hamish_at_7")
        admin.execute("CREATE DATABASE hamish_at_7")
    url = postgres_cluster.url("hamish_at_7")
    with psycopg.connect(url, autocommit=True) as connection, connection.transaction():
        schema.MIGRATIONS[7](connection)
        connection.execute("UPDATE hamish_schema SET version = 7")
        fill_at_7(connection.execute)
    return url


def test_postgres_upgrades_a_project_at_7_when_opened(project_at_7: str) -> None:
    store = PgStore(project_at_7)
    watcher = PgStore(project_at_7)
    try:
        assert schema.schema_version(store.db.conn) == schema.LATEST == 8
        assert store.spans_for(DocumentId(1), "amal")[0].text == "الوزير"
        assert store.status(DocumentId(1), "amal") is Status.DONE
        # The new table is announced like the others: another workstation hears of it.
        watcher.changes_elsewhere()
        store.assign([DocumentId(1)], ["badr"], "manager")
        assert changes_heard(watcher).assignments == {DocumentId(1)}
    finally:
        store.close()
        watcher.close()
    again = PgStore(project_at_7)  # opening again upgrades nothing
    try:
        assert schema.upgrade(again.db.conn) == 0
        assert [a.annotator for a in again.assignments()] == ["badr"]
    finally:
        again.close()


def test_a_new_postgres_project_has_the_assignments_table(postgres_project: str) -> None:
    with psycopg.connect(postgres_project) as connection:
        assert schema.schema_version(connection) == 8
        columns = [
            row[0]
            for row in connection.execute(
                "SELECT column_name FROM information_schema.columns"
                " WHERE table_name = 'assignments' ORDER BY ordinal_position"
            )
        ]
    assert columns == ["document_id", "annotator_id", "assigned_at", "assigned_by"]
