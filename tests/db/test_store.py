"""SqliteStore: the schema's guarantees and the store's methods, on a real database file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotation.model import (
    Document,
    DocumentId,
    Entity,
    EntityKind,
    Link,
    Origin,
    Span,
    SpanId,
    Status,
    text_sha256,
)
from annotation.offsets import OffsetError
from annotation.ports import DuplicateSpanError, NotFoundError, StoreError
from db.migrations import MIGRATIONS, schema_version
from db.span_records import LAYER_LINKS
from db.store import SqliteStore

TEXT = "قال وزير الخارجية 😀 إن الوفد وصل إلى لسورية أمس."


def document(text: str = TEXT, title: str = "خبر") -> Document:
    return Document(text=text, text_sha256=text_sha256(text), title=title, source="sana")


def span_of(document_id: DocumentId, label: str, covered: str, annotator: str = "amal") -> Span:
    start = TEXT.index(covered)
    return Span(document_id, annotator, label, start, start + len(covered), covered)


@pytest.fixture
def doc_id(store: SqliteStore) -> DocumentId:
    return store.add_documents([document()])[0]


@pytest.mark.sqlite_only
def test_schema_comes_from_migrations_with_safe_pragmas(store: SqliteStore) -> None:
    assert schema_version(store.db) == len(MIGRATIONS)

    def pragma(name: str) -> object:
        return store.db.execute(f"PRAGMA {name}").fetchone()[0]

    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") == 5000
    strict = {
        row[0] for row in store.db.execute("SELECT name FROM pragma_table_list WHERE strict = 1")
    }
    assert {"documents", "spans", "links", "entities", "annotators", "document_status"} <= strict


def test_reopening_applies_no_migration_twice(database: Path) -> None:
    SqliteStore(database).close()
    reopened = SqliteStore(database)
    assert schema_version(reopened.db) == len(MIGRATIONS)
    reopened.close()


def test_a_newer_database_is_refused(database: Path) -> None:
    connection = sqlite3.connect(database)
    connection.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    connection.close()
    with pytest.raises(StoreError, match="newer than this Hamish knows"):
        SqliteStore(database)


def test_documents_round_trip_with_their_text_and_hash(store: SqliteStore) -> None:
    ids = store.add_documents([document(), document("نص آخر", title="ثان")])
    assert ids == [DocumentId(1), DocumentId(2)]
    stored = store.document(ids[0])
    assert stored.text == TEXT
    assert stored.text_sha256 == text_sha256(TEXT)
    assert (stored.title, stored.source) == ("خبر", "sana")
    assert store.known_hashes([text_sha256(TEXT), "0" * 64]) == {text_sha256(TEXT)}
    summaries = store.document_summaries()
    assert [(s.title, s.characters) for s in summaries] == [("خبر", len(TEXT)), ("ثان", 6)]


def test_the_same_text_cannot_be_stored_twice(store: SqliteStore) -> None:
    store.add_documents([document()])
    with pytest.raises(StoreError, match="already stored"):
        store.add_documents([document(title="another title")])
    assert store.document_count() == 1


def test_unknown_document_is_not_found(store: SqliteStore) -> None:
    with pytest.raises(NotFoundError):
        store.document(DocumentId(42))


def test_spans_are_stored_checked_and_returned_in_order(
    store: SqliteStore, doc_id: DocumentId
) -> None:
    location = store.add_span(span_of(doc_id, "LOCATION", "سورية"))
    speaker = store.add_span(span_of(doc_id, "SPEAKER", "وزير الخارجية"))
    assert location.id is not None and location.created_at is not None
    layer = store.spans_for(doc_id, "amal")
    assert [(s.label, s.start, s.end, s.text) for s in layer] == [
        ("SPEAKER", 4, 17, "وزير الخارجية"),
        ("LOCATION", TEXT.index("سورية"), TEXT.index("سورية") + 5, "سورية"),
    ]
    assert layer[0] == speaker
    assert store.spans_for(doc_id, "someone else") == []


def test_a_span_that_does_not_cover_its_text_is_refused(
    store: SqliteStore, doc_id: DocumentId
) -> None:
    good = span_of(doc_id, "LOCATION", "سورية")
    with pytest.raises(OffsetError, match="claims"):
        store.add_span(Span(doc_id, "amal", "LOCATION", good.start + 1, good.end + 1, "سورية"))
    assert store.spans_for(doc_id, "amal") == []


def test_drift_in_the_database_is_caught_on_load(store: SqliteStore, doc_id: DocumentId) -> None:
    added = store.add_span(span_of(doc_id, "LOCATION", "سورية"))
    store.db.execute(
        'UPDATE spans SET start = start + 1, "end" = "end" + 1 WHERE id = ?', [added.id]
    )
    with pytest.raises(OffsetError, match=f"span {added.id} .*claims 'سورية'"):
        store.spans_for(doc_id, "amal")


def test_an_exact_duplicate_span_is_refused(store: SqliteStore, doc_id: DocumentId) -> None:
    store.add_span(span_of(doc_id, "LOCATION", "سورية"))
    with pytest.raises(DuplicateSpanError, match="amal already has a LOCATION span"):
        store.add_span(span_of(doc_id, "LOCATION", "سورية"))
    # The same extent with another label, or in another layer, is fine: overlaps are allowed.
    store.add_span(span_of(doc_id, "SPEAKER", "سورية"))
    store.add_span(span_of(doc_id, "LOCATION", "سورية", annotator="omar"))
    assert store.statistics().spans_by_annotator == {"amal": 2, "omar": 1}


def test_removing_a_span_removes_its_links_and_undo_restores_the_id(
    store: SqliteStore, doc_id: DocumentId
) -> None:
    speaker = store.add_span(span_of(doc_id, "SPEAKER", "وزير الخارجية"))
    claim = store.add_span(span_of(doc_id, "CLAIM", "الوفد وصل إلى لسورية أمس"))
    assert speaker.id and claim.id
    link = store.add_link(Link("ATTRIBUTED_TO", claim.id, speaker.id))
    assert store.links_for(doc_id, "amal") == [link]
    store.remove_span(speaker.id)
    assert store.links_for(doc_id, "amal") == []
    restored = store.add_span(speaker)  # what an undo does: same id, so links can come back
    assert restored.id == speaker.id
    assert store.add_link(link).id == link.id


def test_links_join_spans_of_one_layer_only(store: SqliteStore, doc_id: DocumentId) -> None:
    mine = store.add_span(span_of(doc_id, "CLAIM", "الوفد وصل"))
    theirs = store.add_span(span_of(doc_id, "SPEAKER", "وزير الخارجية", annotator="omar"))
    assert mine.id and theirs.id
    with pytest.raises(StoreError, match="same layer"):
        store.add_link(Link("ATTRIBUTED_TO", mine.id, theirs.id))
    with pytest.raises(NotFoundError):
        store.remove_span(SpanId(999))


def test_every_write_of_a_transaction_is_undone_by_an_error(
    store: SqliteStore, doc_id: DocumentId
) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.add_span(span_of(doc_id, "LOCATION", "سورية"))
        store.set_status(doc_id, "amal", Status.IN_PROGRESS)
        raise RuntimeError("the edit failed half way")
    assert store.spans_for(doc_id, "amal") == []
    assert store.status(doc_id, "amal") is Status.NEW


def test_status_is_per_annotator(store: SqliteStore, doc_id: DocumentId) -> None:
    assert store.status(doc_id, "amal") is Status.NEW
    store.set_status(doc_id, "amal", Status.IN_PROGRESS)
    store.set_status(doc_id, "amal", Status.DONE)
    store.set_status(doc_id, "omar", Status.IN_PROGRESS)
    assert store.status(doc_id, "amal") is Status.DONE
    assert store.document_summaries()[0].statuses == {
        "amal": Status.DONE,
        "omar": Status.IN_PROGRESS,
    }
    assert store.annotator_names() == ["amal", "omar"]
    with pytest.raises(NotFoundError):
        store.set_status(DocumentId(77), "amal", Status.DONE)


def test_entities_and_statistics(store: SqliteStore, doc_id: DocumentId) -> None:
    damascus = store.add_entity(
        Entity(EntityKind.PLACE, "سورية", aliases=("سوريا", "الجمهورية العربية السورية"))
    )
    assert damascus.id is not None
    assert store.entity(damascus.id) == damascus
    located = span_of(doc_id, "LOCATION", "سورية")
    store.add_span(
        Span(
            doc_id,
            "amal",
            "LOCATION",
            located.start,
            located.end,
            "سورية",
            entity_id=damascus.id,
            origin=Origin.SUGGESTED,
        )
    )
    assert store.spans_for(doc_id, "amal")[0].entity_id == damascus.id
    assert store.spans_for(doc_id, "amal")[0].origin is Origin.SUGGESTED
    stats = store.statistics()
    assert (stats.documents, stats.characters, stats.entities, stats.links) == (1, len(TEXT), 1, 0)
    assert stats.spans_by_label == {"LOCATION": 1}


def test_an_annotator_created_in_a_rolled_back_transaction_can_still_write(
    store: SqliteStore, doc_id: DocumentId
) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.add_span(span_of(doc_id, "LOCATION", "سورية", annotator="newcomer"))
        raise RuntimeError("the edit failed after creating the annotator")
    store.add_span(span_of(doc_id, "LOCATION", "سورية", annotator="newcomer"))
    assert [s.text for s in store.spans_for(doc_id, "newcomer")] == ["سورية"]


def test_a_layers_links_are_found_through_an_index_not_a_scan(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "plan.sqlite3")
    plan = " ".join(
        row[3] for row in store.db.execute(f"EXPLAIN QUERY PLAN {LAYER_LINKS}", [1, "amal"])
    )
    assert "links_by_source" in plan and "SCAN l" not in plan, plan


def test_adding_no_documents_adds_none(store: SqliteStore) -> None:
    assert store.add_documents([]) == []
    assert store.document_count() == 0
