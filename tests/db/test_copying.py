"""Moving a project between engines (db/copying.py, `python main.py copy`): SQLite to
PostgreSQL and back carries every row with its id, refuses a target in use, leaves the target
empty when it fails, and `check` runs on both engines. Real databases on the tests' own
cluster: each test gets databases of its own (not the conformance suite's `hamish_tests`)."""

from __future__ import annotations

import io
import itertools
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psycopg
import pytest

from annotation.importing import import_samples_if_empty
from annotation.model import (
    Decision,
    Document,
    DocumentId,
    Entity,
    EntityKind,
    Origin,
    Span,
    Status,
    text_sha256,
)
from annotation.ports import Store, StoreError
from db import copying
from db.copying import TABLES, CopyCancelled, CopyProgress, copy_project
from db.maintenance import check
from db.postgres.store import PgStore
from db.postgres.text_search import words_vector
from db.problems import ProblemKind
from db.store import SqliteStore
from ui.cli.program import parse, run

if TYPE_CHECKING:
    from tests.postgres_server import Cluster

_numbers = itertools.count(1)


@pytest.fixture
def new_project(postgres_cluster: Cluster) -> Iterator[Callable[[], str]]:
    """Makes an empty team project in a database of its own and gives its URL."""
    made: list[str] = []

    def make() -> str:
        name = f"hamish_copy_{next(_numbers)}"
        with psycopg.connect(postgres_cluster.url(), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name}")
            admin.execute(f"CREATE DATABASE {name}")
        url = postgres_cluster.url(name)
        PgStore(url, create=True).close()
        made.append(name)
        return url

    yield make
    with psycopg.connect(postgres_cluster.url(), autocommit=True) as admin:
        for name in made:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _annotated(path: Path) -> SqliteStore:
    """The annotated sample as a new database gets it, and more: a second annotator with a
    status, a gold decision, an entity of its own, a span with attributes and a suggested
    origin, and a gap in the span ids (a span deleted), so ids that were renumbered show."""
    store = SqliteStore(path)
    assert import_samples_if_empty(store, "amal") is not None
    first = store.document_summaries()[0].id
    text = store.document(first).text
    entity = store.add_entity(Entity(EntityKind.PERSON, "سمير", ("أبو سمير",), {"role": "وزير"}))
    spans = store.spans_for(first, "amal")
    store.remove_span(spans[0].id)  # type: ignore[arg-type]
    store.add_span(
        Span(
            first,
            "badr",
            "SPEAKER",
            0,
            4,
            text[0:4],
            {"role": "spokesperson", "certain": True},
            entity.id,
            Origin.SUGGESTED,
        )
    )
    store.set_status(first, "amal", Status.DONE)
    store.set_status(first, "badr", Status.IN_PROGRESS)
    store.set_decision(
        first, "gold", "SPEAKER:0-4", Decision(first, "gold", "SPEAKER:0-4", "accept_b", "أوضح")
    )
    store.assign([first], ["amal", "badr"], "mona")
    return store


def _snapshot(store: Store) -> dict[str, Any]:
    """Everything the Store protocol shows of a project, ids and times included."""
    names = store.annotator_names()
    documents = [store.document(summary.id) for summary in store.document_summaries()]
    return {
        "annotators": names,
        "documents": documents,
        "summaries": store.document_summaries(),
        "entities": store.entities(),
        "layers": {
            (document.id, name): (
                store.spans_for(document.id, name),  # type: ignore[arg-type]
                store.links_for(document.id, name),  # type: ignore[arg-type]
            )
            for document in documents
            for name in names
        },
        "statuses": store.recorded_statuses(names),
        "decisions": [store.decisions(d.id, "gold") for d in documents],  # type: ignore[arg-type]
        "assignments": store.assignments(),
        "statistics": store.statistics(),
    }


def _rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every copied table of an SQLite file, as stored."""
    with sqlite3.connect(path) as connection:
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY {', '.join(key)}").fetchall()
            for table, (_columns, key) in TABLES.items()
        }


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = run(parse(list(argv)), out, err)
    return status, out.getvalue(), err.getvalue()


def _export(where: str, out: Path) -> bytes:
    status, _out, err = _cli("export", "--format", "json", "--out", str(out), "--db", where)
    assert status == 0, err
    return out.read_bytes()


def test_sqlite_to_postgresql_and_back_carries_everything(
    tmp_path: Path, new_project: Callable[[], str]
) -> None:
    source_path, back_path = tmp_path / "source.sqlite3", tmp_path / "back.sqlite3"
    source = _annotated(source_path)
    before = _snapshot(source)
    source.close()
    url = new_project()

    status, out, err = _cli("copy", "--from", str(source_path), "--to", url)
    assert status == 0, err
    counts = before["statistics"]
    assert f"{counts.documents:,} documents, {sum(counts.spans_by_label.values()):,} spans" in out
    assert "2 statuses, 1 decisions, 2 assignments" in out
    status, out, err = _cli("copy", "--from", url, "--to", str(back_path))
    assert status == 0, err

    with closing(PgStore(url)) as team:
        assert _snapshot(team) == before
        assert check(team) == []
    with closing(SqliteStore(back_path)) as back:
        assert _snapshot(back) == before
        assert check(back) == []
    with closing(SqliteStore(source_path)) as again:
        assert check(again) == []
    # Below the protocol too: annotators' times, title keys, import notes, row for row.
    assert _rows(back_path) == _rows(source_path)
    # And the export, byte for byte, from all three.
    exported = _export(str(source_path), tmp_path / "source.json")
    assert _export(url, tmp_path / "team.json") == exported
    assert _export(str(back_path), tmp_path / "back.json") == exported
    # The words searched on the server are the text's: a search finds the same on each end.
    with closing(PgStore(url)) as team, closing(SqliteStore(source_path)) as sqlite_end:
        word = next(w for w in before["documents"][0].text.split() if w.isalpha() and len(w) > 3)
        assert team.search_text(word) == sqlite_end.search_text(word)
        assert team.search_text(word).total_hits > 0


def test_check_runs_on_a_team_project_from_the_terminal(
    tmp_path: Path, new_project: Callable[[], str]
) -> None:
    url = new_project()
    _annotated(tmp_path / "source.sqlite3").close()
    assert _cli("copy", "--from", str(tmp_path / "source.sqlite3"), "--to", url)[0] == 0
    status, out, _err = _cli("check", "--db", url)
    assert status == 0
    assert out.startswith("no problems in postgresql://")
    status, _out, err = _cli("backup", "--db", url, "--out", str(tmp_path / "copy"))
    assert status == 2
    assert "pg_dump" in err


def test_a_target_in_use_is_refused_and_left_as_it_was(
    tmp_path: Path, new_project: Callable[[], str]
) -> None:
    source = _annotated(tmp_path / "source.sqlite3")
    url = new_project()
    with closing(PgStore(url)) as team:
        copy_project(source, team)
        before = _snapshot(team)
        with pytest.raises(StoreError, match=r"is not empty \(it holds 2 annotators"):
            copy_project(source, team)
        assert _snapshot(team) == before
    # An annotator alone (no documents) is a project in use too: its ids would collide.
    other = SqliteStore(tmp_path / "other.sqlite3")
    other.add_entity(Entity(EntityKind.PLACE, "حلب"))
    with pytest.raises(StoreError, match=r"it holds 1 entities"):
        copy_project(source, other)
    assert other.document_count() == 0
    source.close()
    other.close()
    status, _out, err = _cli(
        "copy", "--from", str(tmp_path / "source.sqlite3"), "--to", str(tmp_path / "other.sqlite3")
    )
    assert status != 0
    assert "is not empty" in err


def test_copy_names_its_databases_with_from_and_to_only(tmp_path: Path) -> None:
    source = tmp_path / "source.sqlite3"
    _annotated(source).close()
    target = str(tmp_path / "x.db")
    status, _out, err = _cli("--db", str(source), "copy", "--from", str(source), "--to", target)
    assert (status, err) == (
        2,
        "error: copy names its two databases with --from and --to; --db is not used\n",
    )
    status, _out, err = _cli("copy", "--from", str(source), "--to", str(source))
    assert status == 1
    assert "is both the source and the target of the copy" in err
    status, _out, err = _cli("copy", "--from", str(tmp_path / "none.db"), "--to", target)
    assert status != 0
    assert f"there is no database {tmp_path / 'none.db'}" in err
    assert not Path(target).exists()


def test_a_span_that_does_not_check_leaves_the_target_empty(
    tmp_path: Path, new_project: Callable[[], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(copying, "BATCH", 2)  # several batches out of a few documents
    source_path = tmp_path / "source.sqlite3"
    _annotated(source_path).close()
    # A last document, written behind the store's back, whose span covers other text: it is
    # copied after the other documents and their spans, so the copy fails part way.
    text = "قال الوزير إن الاجتماع مثمر"
    with sqlite3.connect(source_path) as raw:
        raw.execute(
            "INSERT INTO documents (text, text_sha256, characters, imported_at)"
            " VALUES (?, ?, ?, '2024-05-01T10:00:00+00:00')",
            [text, text_sha256(text), len(text)],
        )
        document = raw.execute("SELECT max(id) FROM documents").fetchone()[0]
        raw.execute(
            'INSERT INTO spans (document_id, annotator_id, label, start, "end", text, origin,'
            " created_at, updated_at) VALUES (?, 1, 'SPEAKER', 4, 10, 'الرئيس', 'manual',"
            " '2024-05-01T10:00:00+00:00', '2024-05-01T10:00:00+00:00')",
            [document],
        )
    url = new_project()
    seen: list[CopyProgress] = []

    def record(progress: CopyProgress) -> bool:
        seen.append(progress)
        return True

    with closing(SqliteStore(source_path)) as source, closing(PgStore(url)) as team:
        with pytest.raises(StoreError, match=rf"cannot copy document {document}, span \d+"):
            copy_project(source, team, record)
        # It had written documents and spans, batch after batch, before it failed.
        assert [p.table for p in seen].count("spans") > 1
        assert _counts(team) == dict.fromkeys(TABLES, 0)
    # A new file named as the target is not left behind.
    status, _out, err = _cli("copy", "--from", str(source_path), "--to", str(tmp_path / "n.db"))
    assert status == 1
    assert f"document {document}" in err
    assert not (tmp_path / "n.db").exists()


def test_a_row_the_target_refuses_leaves_it_empty(
    tmp_path: Path, new_project: Callable[[], str]
) -> None:
    source_path = tmp_path / "source.sqlite3"
    _annotated(source_path).close()
    # A plain sqlite3 script, foreign keys off as sqlite3 leaves them: a span now names an
    # entity that was never there. The copy's checks pass it; PostgreSQL's reference does not.
    with sqlite3.connect(source_path) as raw:
        raw.execute("UPDATE spans SET entity_id = 999 WHERE id = (SELECT max(id) FROM spans)")
    url = new_project()
    with closing(SqliteStore(source_path)) as source, closing(PgStore(url)) as team:
        assert [p.kind for p in check(source)] == [ProblemKind.MISSING_ENTITY]
        with pytest.raises(StoreError, match=r"failed \(.*foreign key.*\); nothing was written"):
            copy_project(source, team)
        assert _counts(team) == dict.fromkeys(TABLES, 0)
        team.add_entity(Entity(EntityKind.PLACE, "حلب"))  # the connection is usable after


def test_a_cancelled_copy_writes_nothing(tmp_path: Path, new_project: Callable[[], str]) -> None:
    url = new_project()
    with (
        closing(_annotated(tmp_path / "source.sqlite3")) as source,
        closing(PgStore(url)) as team,
    ):
        with pytest.raises(CopyCancelled):
            copy_project(source, team, lambda progress: progress.table != "documents")
        assert _counts(team) == dict.fromkeys(TABLES, 0)


def test_a_span_added_to_the_copy_gets_an_id_past_the_copied_ones(
    tmp_path: Path, new_project: Callable[[], str]
) -> None:
    url = new_project()
    with (
        closing(_annotated(tmp_path / "source.sqlite3")) as source,
        closing(PgStore(url)) as team,
    ):
        copy_project(source, team)
        highest = {table: _highest(team, table) for table in ("spans", "entities", "documents")}
        document = team.document_summaries()[-1].id
        text = team.document(document).text
        added = team.add_span(Span(document, "amal", "LOCATION", 0, 3, text[:3]))
        entity = team.add_entity(Entity(EntityKind.PLACE, "دمشق"))
        (new_document,) = team.add_documents([_document("نص جديد تماما")])
    assert added.id is not None and added.id > highest["spans"]
    assert entity.id is not None and entity.id > highest["entities"]
    assert new_document > highest["documents"]


def test_check_on_postgresql_finds_what_raw_sql_broke(
    tmp_path: Path, new_project: Callable[[], str]
) -> None:
    url = new_project()
    with (
        closing(_annotated(tmp_path / "source.sqlite3")) as source,
        closing(PgStore(url)) as team,
    ):
        copy_project(source, team)
        span = team.spans_for(team.document_summaries()[0].id, "badr")[0]
    with psycopg.connect(url, autocommit=True) as raw:
        raw.execute("UPDATE spans SET text = 'كلام' WHERE id = %s", [span.id])
        raw.execute("UPDATE spans SET attributes = '{not json' WHERE id = %s", [span.id])
        raw.execute("UPDATE documents SET words = 'غير' WHERE id = %s", [span.document_id])
        raw.execute("UPDATE annotators SET created_at = 'yesterday' WHERE name = 'badr'")
        # A span that cuts a letter from its vowel, as an older Hamish stored them, and an
        # entity name with an escape sequence, which the door keeps out today.
        vowelled = "كَتَبَ الوزيرُ"
        document = _returned_id(
            raw,
            "INSERT INTO documents (text, text_sha256, characters, imported_at, words)"
            " VALUES (%s, %s, %s, '2024-05-01T10:00:00+00:00', %s::tsvector) RETURNING id",
            [vowelled, text_sha256(vowelled), len(vowelled), words_vector(vowelled)],
        )
        split = _returned_id(
            raw,
            'INSERT INTO spans (document_id, annotator_id, label, start, "end", text, origin,'
            " created_at, updated_at) VALUES (%s, 1, 'SPEAKER', 0, 1, 'ك', 'manual',"
            " '2024-05-01T10:00:00+00:00', '2024-05-01T10:00:00+00:00') RETURNING id",
            [document],
        )
        raw.execute("UPDATE entities SET name = 'سمير' || chr(27) || '[31m' WHERE name = 'سمير'")
    with closing(PgStore(url)) as team:
        found = {(p.kind, p.span_id, p.document_id, p.column) for p in check(team)}
    assert found == {
        (ProblemKind.OFFSETS, span.id, span.document_id, None),
        (ProblemKind.VALUE, span.id, span.document_id, "attributes"),
        (ProblemKind.SEARCH_INDEX, None, span.document_id, None),
        (ProblemKind.VALUE, None, None, "created_at"),
        (ProblemKind.SPLIT_LETTER, split, document, None),
        (ProblemKind.VALUE, None, None, None),  # the entity's name, by the door check
    }
    status, out, _err = _cli("check", "--db", url)
    assert status == 1
    assert (
        f"document {span.document_id}, span {span.id}: SPEAKER span 0-4 claims 'كلام'"
        f" but the text there is {span.text!r} [offsets]"
    ) in out
    assert "6 problems found in postgresql://" in out


# Helpers


def _document(text: str) -> Document:
    return Document(text, text_sha256(text), title="جديد")


def _returned_id(raw: psycopg.Connection[Any], sql: str, params: list[Any]) -> int:
    row = raw.execute(sql.encode(), params).fetchone()
    assert row is not None, sql
    return int(row[0])


def _counts(store: Store) -> dict[str, int]:
    return {
        table: int(store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # type: ignore[attr-defined]
        for table in TABLES
    }


def _highest(store: Store, table: str) -> int:
    return int(store.db.execute(f"SELECT max(id) FROM {table}").fetchone()[0])  # type: ignore[attr-defined]


def test_the_first_document_id_is_kept(tmp_path: Path, new_project: Callable[[], str]) -> None:
    """Ids are kept, not renumbered: a project whose first documents were deleted copies with
    its ids as they are."""
    store = _annotated(tmp_path / "source.sqlite3")
    first = store.document_summaries()[0].id
    store.remove_documents([first])
    kept = [summary.id for summary in store.document_summaries()]
    url = new_project()
    with closing(PgStore(url)) as team:
        copy_project(store, team)
        assert [summary.id for summary in team.document_summaries()] == kept
    assert kept[0] != DocumentId(1)
    store.close()
