"""Databases made by earlier releases open in this one with every row intact.

`tests/fixtures/schema-v1.sqlite3` was written by the foundation release (schema version 1;
see tests/fixtures/make_schema_v1.py). Each test copies it, reads what it holds with plain
sqlite3, then opens the copy with today's SqliteStore, which migrates it, and compares.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from annotation.model import (
    DocumentId,
    DocumentQuery,
    DocumentSort,
    EntityId,
    LinkId,
    Origin,
    Span,
    SpanId,
    Status,
    text_sha256,
)
from db.migrations import MIGRATIONS, migrate, schema_version
from db.store import SqliteStore

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "schema-v1.sqlite3"
TASHKEEL = re.compile("[\u064b-\u0652]")


def rows(path: Path, sql: str) -> list[dict[str, Any]]:
    """Rows read with plain sqlite3, no Hamish code involved."""
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in connection.execute(sql)]
    finally:
        connection.close()


@pytest.fixture
def old(tmp_path: Path) -> Path:
    """A copy of the fixture, still at schema version 1."""
    if not FIXTURE.exists():
        pytest.fail(f"{FIXTURE} is missing: make it with tests/fixtures/make_schema_v1.py")
    copy = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURE, copy)
    assert rows(copy, "PRAGMA user_version")[0]["user_version"] == 1
    return copy


@pytest.fixture
def before(old: Path) -> dict[str, list[dict[str, Any]]]:
    """Everything the fixture holds, read before the store touches it."""
    return {
        "documents": rows(old, "SELECT * FROM documents ORDER BY id"),
        "spans": rows(
            old,
            "SELECT s.*, a.name AS annotator FROM spans s"
            " JOIN annotators a ON a.id = s.annotator_id ORDER BY s.id",
        ),
        "links": rows(old, "SELECT * FROM links ORDER BY id"),
        "entities": rows(old, "SELECT * FROM entities ORDER BY id"),
        "statuses": rows(
            old,
            "SELECT s.document_id, a.name AS annotator, s.status, s.updated_at"
            " FROM document_status s JOIN annotators a ON a.id = s.annotator_id",
        ),
        "annotators": rows(old, "SELECT name FROM annotators ORDER BY name"),
    }


def test_the_fixture_holds_what_the_tests_need(before: dict[str, list[dict[str, Any]]]) -> None:
    texts = [d["text"] for d in before["documents"]]
    assert any("\U0001f600" in text for text in texts), "a document with an emoji"
    assert any(TASHKEEL.search(text) for text in texts), "a document with tashkeel"
    assert {s["label"] for s in before["spans"]} >= {"SPEAKER", "CLAIM", "LOCATION"}
    assert len({s["annotator"] for s in before["spans"]}) >= 2
    assert any(s["entity_id"] is not None for s in before["spans"])
    assert any(json.loads(s["attributes"]) for s in before["spans"])
    assert any(json.loads(e["aliases"]) for e in before["entities"])
    assert before["links"] and before["statuses"]


def test_upgrade_reaches_the_current_schema(old: Path) -> None:
    store = SqliteStore(old)
    try:
        assert schema_version(store.db) == len(MIGRATIONS)
    finally:
        store.close()
    assert rows(old, "PRAGMA user_version")[0]["user_version"] == len(MIGRATIONS)


def test_upgraded_schema_is_the_schema_of_a_new_database(old: Path, tmp_path: Path) -> None:
    SqliteStore(old).close()
    SqliteStore(tmp_path / "new.sqlite3").close()
    schema = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
    assert rows(old, schema) == rows(tmp_path / "new.sqlite3", schema)


def test_documents_survive(old: Path, before: dict[str, list[dict[str, Any]]]) -> None:
    store = SqliteStore(old)
    try:
        assert store.document_count() == len(before["documents"])
        for row in before["documents"]:
            document = store.document(DocumentId(row["id"]))
            assert document.text == row["text"]
            assert document.title == row["title"]
            assert document.text_sha256 == row["text_sha256"] == text_sha256(row["text"])
            assert len(document.text) == row["characters"]
            assert document.external_id == row["external_id"]
            assert (document.source, document.url, document.date) == (
                row["source"],
                row["url"],
                row["date"],
            )
            assert document.imported_from == row["imported_from"]
            assert document.import_notes == json.loads(row["import_notes"])
            assert document.imported_at is not None
            assert document.imported_at.isoformat() == row["imported_at"]
        assert store.known_hashes(r["text_sha256"] for r in before["documents"]) == {
            r["text_sha256"] for r in before["documents"]
        }
    finally:
        store.close()


def test_spans_survive(old: Path, before: dict[str, list[dict[str, Any]]]) -> None:
    store = SqliteStore(old)
    try:
        assert store.annotator_names() == [a["name"] for a in before["annotators"]]
        returned: dict[SpanId, Span] = {}
        for document in before["documents"]:
            for annotator in store.annotator_names():
                for span in store.spans_for(DocumentId(document["id"]), annotator):
                    assert span.text == document["text"][span.start : span.end]
                    assert span.id is not None
                    returned[span.id] = span
        assert sorted(returned) == [s["id"] for s in before["spans"]]
        for row in before["spans"]:
            span = returned[SpanId(row["id"])]
            assert (span.document_id, span.annotator, span.label) == (
                row["document_id"],
                row["annotator"],
                row["label"],
            )
            assert (span.start, span.end, span.text) == (row["start"], row["end"], row["text"])
            assert span.attributes == json.loads(row["attributes"])
            assert span.entity_id == row["entity_id"]
            assert span.origin == Origin(row["origin"])
            assert span.created_at is not None and span.updated_at is not None
            assert span.created_at.isoformat() == row["created_at"]
            assert span.updated_at.isoformat() == row["updated_at"]
            assert store.span(SpanId(row["id"])) == span
    finally:
        store.close()


def test_links_entities_and_statuses_survive(
    old: Path, before: dict[str, list[dict[str, Any]]]
) -> None:
    store = SqliteStore(old)
    try:
        for row in before["links"]:
            link = store.link(LinkId(row["id"]))
            assert (link.kind, link.source_id, link.target_id) == (
                row["kind"],
                row["source_id"],
                row["target_id"],
            )
            assert link.created_at is not None
            assert link.created_at.isoformat() == row["created_at"]
            source = store.span(link.source_id)
            assert link in store.links_for(source.document_id, source.annotator)
        attributed = {
            (a.claim.id, tuple(s.id for s in a.speakers)) for a in store.claims() if a.speakers
        }
        assert {(r["source_id"], (r["target_id"],)) for r in before["links"]} == attributed

        assert len(store.entities()) == len(before["entities"])
        for row in before["entities"]:
            entity = store.entity(EntityId(row["id"]))
            assert (entity.kind.value, entity.name) == (row["kind"], row["name"])
            assert entity.aliases == tuple(json.loads(row["aliases"]))
            assert entity.attributes == json.loads(row["attributes"])
            mentioned = [s["id"] for s in before["spans"] if s["entity_id"] == row["id"]]
            assert [s.id for s in store.mentions(EntityId(row["id"]))] == mentioned

        for row in before["statuses"]:
            status = store.status(DocumentId(row["document_id"]), row["annotator"])
            assert status == Status(row["status"])
        statistics = store.statistics()
        assert statistics.links == len(before["links"])
        assert statistics.entities == len(before["entities"])
        assert sum(statistics.spans_by_label.values()) == len(before["spans"])
    finally:
        store.close()


def test_the_document_list_works_on_an_upgraded_database(
    old: Path, before: dict[str, list[dict[str, Any]]]
) -> None:
    documents = before["documents"]
    store = SqliteStore(old)
    try:
        for annotator in store.annotator_names():
            ids = store.document_ids(DocumentQuery(), annotator)
            assert ids == [d["id"] for d in documents]
            summaries = store.document_summaries_for(ids, annotator)
            assert [(s.id, s.title, s.characters, s.source) for s in summaries] == [
                (d["id"], d["title"], d["characters"], d["source"]) for d in documents
            ]
            for summary in summaries:
                assert summary.statuses == {
                    r["annotator"]: Status(r["status"])
                    for r in before["statuses"]
                    if r["document_id"] == summary.id
                }
                assert summary.span_count == sum(
                    1
                    for s in before["spans"]
                    if s["document_id"] == summary.id and s["annotator"] == annotator
                )
            by_title = store.document_ids(DocumentQuery(sort=DocumentSort.TITLE), annotator)
            assert sorted(by_title) == ids

        # Titles filter through title_key, which migration 2 filled from the old rows:
        # without hamza, and without tashkeel, they still match.
        annotator = store.annotator_names()[0]
        announced = [d["id"] for d in documents if "إعلان" in d["title"]]
        foreign = [d["id"] for d in documents if "الخارجية" in TASHKEEL.sub("", d["title"])]
        assert announced and foreign
        assert store.document_ids(DocumentQuery(text="اعلان"), annotator) == announced
        assert store.document_ids(DocumentQuery(text="الخارجية"), annotator) == foreign
        done = [
            r["document_id"]
            for r in before["statuses"]
            if r["annotator"] == annotator and r["status"] == "done"
        ]
        assert store.document_ids(DocumentQuery(status=Status.DONE), annotator) == sorted(done)
    finally:
        store.close()


def test_upgraded_database_is_consistent(old: Path) -> None:
    SqliteStore(old).close()
    assert rows(old, "PRAGMA integrity_check") == [{"integrity_check": "ok"}]
    assert rows(old, "PRAGMA foreign_key_check") == []


def test_opening_twice_migrates_once(old: Path) -> None:
    SqliteStore(old).close()
    after_first = rows(old, "SELECT id, title, title_key FROM documents ORDER BY id")
    schema = rows(old, "SELECT name, sql FROM sqlite_master ORDER BY name")
    store = SqliteStore(old)  # a second migration 2 would fail on its ALTER TABLE
    try:
        assert schema_version(store.db) == len(MIGRATIONS)
        assert migrate(store.db) == 0
    finally:
        store.close()
    assert rows(old, "SELECT id, title, title_key FROM documents ORDER BY id") == after_first
    assert rows(old, "SELECT name, sql FROM sqlite_master ORDER BY name") == schema
