"""The document list's queries: filters, sorts, pages of summaries, and migration 2."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from annotation.model import (
    Document,
    DocumentId,
    DocumentQuery,
    DocumentSort,
    Span,
    Status,
    text_sha256,
)
from annotation.ports import Store
from db.migrations import MIGRATIONS, schema_version
from db.store import SqliteStore
from tests.postgres_server import changes_heard

# (title, external id, characters) for documents 1 to 5.
DOCUMENTS = [
    ("قال الرئيسُ الأسد", "sana-001", 30),
    ("Russia and Syria", "RT-7", 10),
    ("وزيـــر الخارجية", "SANA-002", 50),
    ("", None, 20),
    ("إعلان مؤتمر", "x-100", 10),
]


def make_document(number: int, title: str, external_id: str | None, characters: int) -> Document:
    text = chr(ord("a") + number) * characters
    return Document(text=text, text_sha256=text_sha256(text), title=title, external_id=external_id)


@pytest.fixture
def ids(store: SqliteStore) -> list[DocumentId]:
    """Five documents; amal: 1 done, 2 in progress, 3 explicitly new; omar: 4 done.
    Spans: amal 2 on document 1, 1 on 3, 2 on 5; omar 3 on document 2."""
    ids = store.add_documents([make_document(i, *row) for i, row in enumerate(DOCUMENTS)])
    store.set_status(ids[0], "amal", Status.DONE)
    store.set_status(ids[1], "amal", Status.IN_PROGRESS)
    store.set_status(ids[2], "amal", Status.NEW)
    store.set_status(ids[3], "omar", Status.DONE)
    for number, annotator, count in (
        (1, "amal", 2),
        (3, "amal", 1),
        (5, "amal", 2),
        (2, "omar", 3),
    ):
        letter = chr(ord("a") + number - 1)
        for start in range(count):
            store.add_span(Span(ids[number - 1], annotator, "SPEAKER", start, start + 1, letter))
    assert ids == [1, 2, 3, 4, 5]
    return ids


def found(store: SqliteStore, annotator: str = "amal", **query: Any) -> list[int]:
    return [int(i) for i in store.document_ids(DocumentQuery(**query), annotator)]


@pytest.mark.usefixtures("ids")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("الأسد", [1]),
        ("الاسد", [1]),  # no hamza
        ("الرئيس", [1]),  # the stored title has a damma
        ("الرَّئِيسُ", [1]),  # the query has tashkeel
        ("اعلان", [5]),  # إ in the title
        ("مؤتمر", [5]),
        ("وزير", [3]),  # tatweel in the title
        ("الخارجيه", [3]),  # ة folded to ه
        ("syria", [2]),
        ("RUSSIA AND", [2]),
        ("sana-00", [1, 3]),  # external ids, either case
        ("X-1", [5]),
        ("rt-7", [2]),
        ("%", []),  # no LIKE wildcards
        ("  ", [1, 2, 3, 4, 5]),
        ("nothing like it", []),
    ],
)
def test_text_matches_title_or_external_id(
    store: SqliteStore, text: str, expected: list[int]
) -> None:
    assert found(store, text=text) == expected


@pytest.mark.usefixtures("ids")
def test_status_filter_is_per_annotator(store: SqliteStore) -> None:
    assert found(store, "amal", status=Status.NEW) == [3, 4, 5]
    assert found(store, "amal", status=Status.IN_PROGRESS) == [2]
    assert found(store, "amal", status=Status.DONE) == [1]
    assert found(store, "omar", status=Status.DONE) == [4]
    assert found(store, "omar", status=Status.NEW) == [1, 2, 3, 5]
    # Someone who has never annotated: everything is new, and reading creates no annotator.
    assert found(store, "zara", status=Status.NEW) == [1, 2, 3, 4, 5]
    assert found(store, "zara", status=Status.DONE) == []
    assert "zara" not in store.annotator_names()


@pytest.mark.usefixtures("ids")
@pytest.mark.parametrize(
    ("sort", "annotator", "ascending", "descending"),
    [
        (DocumentSort.IMPORTED, "amal", [1, 2, 3, 4, 5], [5, 4, 3, 2, 1]),
        # Untitled first, Latin before Arabic, Arabic by its folded letters (ا < ق < و).
        (DocumentSort.TITLE, "amal", [4, 2, 5, 1, 3], [3, 1, 5, 2, 4]),
        (DocumentSort.CHARACTERS, "amal", [2, 5, 4, 1, 3], [3, 1, 4, 5, 2]),
        (DocumentSort.STATUS, "amal", [3, 4, 5, 2, 1], [1, 2, 5, 4, 3]),
        (DocumentSort.STATUS, "omar", [1, 2, 3, 5, 4], [4, 5, 3, 2, 1]),
        (DocumentSort.SPANS, "amal", [2, 4, 3, 1, 5], [5, 1, 3, 4, 2]),
        (DocumentSort.SPANS, "omar", [1, 3, 4, 5, 2], [2, 5, 4, 3, 1]),
        (DocumentSort.SPANS, "zara", [1, 2, 3, 4, 5], [5, 4, 3, 2, 1]),
    ],
)
def test_each_sort_both_ways(
    store: SqliteStore,
    sort: DocumentSort,
    annotator: str,
    ascending: list[int],
    descending: list[int],
) -> None:
    assert found(store, annotator, sort=sort) == ascending
    assert found(store, annotator, sort=sort, descending=True) == descending


@pytest.mark.usefixtures("ids")
def test_filters_and_sorts_combine(store: SqliteStore) -> None:
    assert found(store, text="sana", sort=DocumentSort.TITLE, descending=True) == [3, 1]
    assert found(store, status=Status.NEW, sort=DocumentSort.SPANS, descending=True) == [5, 3, 4]
    assert found(store, status=Status.NEW, sort=DocumentSort.STATUS, descending=True) == [5, 4, 3]
    assert found(store, text="ا", status=Status.NEW, sort=DocumentSort.CHARACTERS) == [5, 3]


@pytest.mark.sqlite_only
@pytest.mark.usefixtures("ids")
@pytest.mark.parametrize("sort", list(DocumentSort))
@pytest.mark.parametrize("text", ["", "الاسد"])
def test_queries_never_scan_the_documents_table(
    store: SqliteStore, sort: DocumentSort, text: str
) -> None:
    # Rows of `documents` carry whole texts: a query that scans the table reads the corpus.
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    store.document_ids(DocumentQuery(text=text, sort=sort), "amal")
    store.db.conn.set_trace_callback(None)
    selects = [sql for sql in statements if "FROM documents" in sql]
    assert selects
    for sql in selects:
        plan = [row[3] for row in store.db.execute(f"EXPLAIN QUERY PLAN {sql}")]
        scans = [step for step in plan if step.startswith("SCAN d")]
        assert all("COVERING INDEX" in step for step in scans), plan
        assert not any("TEMP B-TREE" in step for step in plan), plan


# The text filter keeps the titles and the last unfiltered list in memory between queries:
# every kind of write must still show in the next one.


@pytest.mark.usefixtures("ids")
def test_the_text_filter_sees_documents_added_by_this_store(store: SqliteStore) -> None:
    assert found(store, text="مؤتمر") == [5]
    store.add_documents([make_document(6, "مؤتمر صحفي", "x-200", 12)])
    assert found(store, text="مؤتمر") == [5, 6]
    assert found(store, text="X-2") == [6]


@pytest.mark.sqlite_only
@pytest.mark.usefixtures("ids")
def test_the_text_filter_sees_titles_changed_with_plain_sql(store: SqliteStore) -> None:
    assert found(store, text="damascus") == []
    # On the store's own connection (no data_version change) and through another one.
    store.db.execute("UPDATE documents SET title_key = 'damascus talks' WHERE id = 2")
    assert found(store, text="damascus") == [2]
    other = sqlite3.connect(store.path or "")
    with other:
        other.execute("UPDATE documents SET external_id = 'DAM-9' WHERE id = 4")
    other.close()
    assert found(store, text="dam") == [2, 4]


@pytest.mark.usefixtures("ids")
def test_the_text_filter_follows_status_changes(store: SqliteStore) -> None:
    assert found(store, text="ا", status=Status.NEW) == [3, 5]
    store.set_status(DocumentId(5), "amal", Status.DONE)
    assert found(store, text="ا", status=Status.NEW) == [3]
    assert found(store, text="ا", status=Status.DONE) == [1, 5]


@pytest.mark.usefixtures("ids")
def test_a_caller_may_change_the_list_it_was_given(store: SqliteStore) -> None:
    found_ids = store.document_ids(DocumentQuery(), "amal")
    found_ids.clear()
    assert found(store) == [1, 2, 3, 4, 5]
    assert found(store, text="sana") == [1, 3]


def test_summaries_come_in_the_given_order(store: SqliteStore, ids: list[DocumentId]) -> None:
    summaries = store.document_summaries_for([ids[2], ids[0], DocumentId(99), ids[1]], "amal")
    assert [s.id for s in summaries] == [3, 1, 2]  # an id with no document is left out
    assert [s.span_count for s in summaries] == [1, 2, 0]  # amal's spans only
    assert [s.characters for s in summaries] == [50, 30, 10]
    assert summaries[0].title == "وزيـــر الخارجية"
    assert summaries[0].statuses == {"amal": Status.NEW}
    assert store.document_summaries_for([ids[3]], "amal")[0].statuses == {"omar": Status.DONE}
    assert store.document_summaries_for([ids[1]], "omar")[0].span_count == 3
    assert store.document_summaries_for([], "amal") == []


def test_add_documents_fills_the_title_key(store: SqliteStore, ids: list[DocumentId]) -> None:
    keys = [row[0] for row in store.db.execute("SELECT title_key FROM documents ORDER BY id")]
    assert keys == ["قال الرييس الاسد", "russia and syria", "وزير الخارجيه", "", "اعلان موتمر"]


def test_migration_2_upgrades_a_version_1_database(database: Path) -> None:
    db = sqlite_utils.Database(sqlite3.connect(database, isolation_level=None))
    with db.atomic():
        MIGRATIONS[0](db)
        db.execute("PRAGMA user_version = 1")
        for number, title in enumerate(["الرئيسُ الأسد", "Moscow TALKS", ""]):
            db.execute(
                "INSERT INTO documents (title, text, text_sha256, characters, imported_at)"
                " VALUES (?, ?, ?, 1, '2024-01-01T00:00:00+00:00')",
                [title, str(number), text_sha256(str(number))],
            )
    db.close()

    store = SqliteStore(database)
    try:
        assert schema_version(store.db) == len(MIGRATIONS)
        keys = [row[0] for row in store.db.execute("SELECT title_key FROM documents ORDER BY id")]
        assert keys == ["الرييس الاسد", "moscow talks", ""]
        assert found(store, text="الاسد") == [1]
        assert found(store, text="moscow") == [2]
        assert found(store, sort=DocumentSort.TITLE) == [3, 2, 1]
    finally:
        store.close()


def test_the_list_sees_documents_another_workstation_added_once_heard(
    store: SqliteStore, reopen: Callable[[], Store]
) -> None:
    (first,) = store.add_documents([make_document(1, "الأول", None, 10)])
    query = DocumentQuery()
    assert store.document_ids(query, "amal") == [first]
    assert store.document_ids(replace(query, text="الثاني"), "amal") == []
    other = reopen()
    (second,) = other.add_documents([make_document(2, "الثاني", None, 12)])
    other.set_status(first, "amal", Status.DONE)
    other.close()
    changes_heard(store)  # the window reads the notice as it arrives (SQLite: at once)
    assert store.document_ids(query, "amal") == [first, second]
    assert store.document_ids(replace(query, text="الثاني"), "amal") == [second]
    assert store.document_ids(replace(query, status=Status.DONE), "amal") == [first]
