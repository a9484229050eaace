"""`suggest` fed what a hostile tester would: a person's layer as its target, documents that do
not exist, a database another process is writing to (issue 13, items 2, 7 and 8)."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from db.store import SqliteStore
from tests.hostile.conftest import KNOWN, assert_refused, digest, run_main, tally


def layer_rows(database: Path, annotator: str) -> tuple[list[tuple[object, ...]], list[object]]:
    """A layer's spans and links, every column, as stored."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        spans = connection.execute(
            "SELECT s.* FROM spans s JOIN annotators a ON a.id = s.annotator_id"
            " WHERE a.name = ? ORDER BY s.id",
            [annotator],
        ).fetchall()
        links = connection.execute(
            "SELECT * FROM links WHERE source_id IN (SELECT s.id FROM spans s JOIN annotators a"
            " ON a.id = s.annotator_id WHERE a.name = ?) ORDER BY id",
            [annotator],
        ).fetchall()
    finally:
        connection.close()
    return spans, links


@pytest.mark.parametrize("layer", ["amal", "gold"])
def test_a_layer_with_hand_made_work_is_refused_and_kept(project: Path, layer: str) -> None:
    if layer != "amal":  # the fixture's work copied as an adjudicated `gold` layer
        store = SqliteStore(project)
        try:
            document = store.document_summaries()[0].id
            for span in store.spans_for(document, "amal"):
                store.add_span(replace(span, id=None, annotator=layer))
        finally:
            store.close()
    before = digest(project)
    with tally("suggest"):
        outcome = run_main(["suggest", "--db", project, "--annotator", layer])
        assert_refused(
            outcome,
            f"layer '{layer}'",
            "3 hand-made spans",
            "--into-layer-with-hand-made-work",
            str(project),
            database=project,
            before=before,
        )
        assert outcome.status == 2


def test_with_the_flag_suggestions_go_beside_the_hand_made_work(project: Path) -> None:
    spans, links = layer_rows(project, "amal")
    assert (len(spans), len(links)) == (3, 1)
    with tally("suggest"):
        for _ in range(2):  # a rerun too: what the person made survives both
            outcome = run_main(
                [
                    "suggest",
                    "--db",
                    project,
                    "--annotator",
                    "amal",
                    "--into-layer-with-hand-made-work",
                ]
            )
            assert outcome.status == 0, outcome.said
            after_spans, after_links = layer_rows(project, "amal")
            assert after_spans[:3] == spans and after_links[:1] == links
            assert all(row[9] == "suggested" for row in after_spans[3:])  # origin column
            _no_second_span_over(project, "amal")
    assert "in layer 'amal'" in outcome.out


@pytest.mark.parametrize(
    ("documents", "named"),
    [
        ("999", "no document 999"),
        ("1,999,1000", "no document 999, 1000"),
        ("0", "no document 0"),
        ("-1", "no document -1"),
    ],
)
def test_unknown_documents_are_named_and_nothing_is_stored(
    project: Path, documents: str, named: str
) -> None:
    before = digest(project)
    with tally("suggest"):
        outcome = run_main(["suggest", "--db", project, "--documents", documents])
        assert_refused(outcome, named, str(project), database=project, before=before)


def test_a_busy_database_is_waited_for_then_named_and_left_whole(project: Path) -> None:
    holder = sqlite3.connect(project, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process holding the write lock throughout
    try:
        before = digest(project)
        with tally("suggest"):
            outcome = run_main(["suggest", "--db", project])
            assert_refused(
                outcome,
                "busy",
                str(project),
                "0 of 1 documents were stored whole",
                "100 documents to a transaction",
                database=project,
                before=before,
            )
            assert outcome.status == 1
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    # Once the lock is free the same command does the work.
    assert run_main(["suggest", "--db", project]).status == 0
    assert KNOWN  # the fixture's text, which the assistant read


@pytest.mark.parametrize(
    ("name", "named"),
    [("", "annotator name is empty"), ("a\x1b[31mb", "control character"), ("x" * 5000, "5,000")],
)
def test_an_annotator_name_the_store_refuses_is_said_and_nothing_stored(
    project: Path, name: str, named: str
) -> None:
    before = digest(project)
    with tally("suggest"):
        outcome = run_main(["suggest", "--db", project, f"--annotator={name}"])
        assert_refused(outcome, named, "0 of 1 documents", database=project, before=before)
        assert "\x1b" not in outcome.said


def test_an_interrupted_corpus_run_leaves_whole_batches(tmp_path: Path) -> None:
    from annotation.assistant.suggest import CHUNK, Assistant
    from annotation.model import Document, text_sha256
    from annotation.ports import StoreError

    database = tmp_path / "corpus.sqlite3"
    store = SqliteStore(database)
    texts = [f"{KNOWN} {'أمس ' * (i % 7)}العدد {i}" for i in range(CHUNK + 50)]
    ids = store.add_documents([Document(t, text_sha256(t)) for t in texts])
    store.db.execute("PRAGMA busy_timeout = 50")  # the wait is bounded; here, short
    holder = sqlite3.connect(database, isolation_level=None)

    def progress(done: int, _total: int) -> bool:
        if done == CHUNK:  # another process takes the write lock between two batches
            holder.execute("BEGIN IMMEDIATE")
        return True

    stored = []
    with tally("suggest"):
        with pytest.raises(StoreError, match="busy"):
            for document, _found in Assistant.load().store_many(store, ids, "assistant", progress):
                stored.append(document.id)
        holder.execute("ROLLBACK")
        assert stored == ids[:CHUNK]
        with_spans = [i for i in ids if store.spans_for(i, "assistant")]
        assert with_spans == ids[:CHUNK]  # the first batch whole, the second not at all
    holder.close()
    store.close()


def _no_second_span_over(database: Path, layer: str) -> None:
    """No two spans of one label overlap in the layer: a suggestion never lands over a
    person's span of its label."""
    store = SqliteStore(database)
    try:
        for summary in store.document_summaries():
            spans = store.spans_for(summary.id, layer)
            for a in spans:
                for b in spans:
                    overlap = a.label == b.label and a.start < b.end and b.start < a.end
                    assert a.id == b.id or not overlap, (a, b)
    finally:
        store.close()


def _accept_and_correct(
    database: Path, layer: str, same_second: bool = False
) -> tuple[int, int, int]:
    """Suggest into the assistant's layer, accept every suggestion into `layer` as the window
    does (origin `suggested`), then correct one claim's end as a person would (an update).
    Returns the corrected claim's (id, start, end)."""
    from annotation.assistant.pending import ASSISTANT, accept_all

    assert run_main(["suggest", "--db", database]).status == 0
    store = SqliteStore(database)
    try:
        document = store.document_summaries()[0].id
        suggestions = store.spans_for(document, ASSISTANT)
        accept_all(suggestions, layer).apply(store)
        claim = next(s for s in store.spans_for(document, layer) if s.label == "CLAIM")
        assert claim.id is not None
        # A minute later, as a person would, or (same_second) at once: timestamps are to the
        # second, so then the correction cannot be told from the assistant's suggestion.
        assert claim.created_at is not None
        later = claim.created_at + (timedelta(0) if same_second else timedelta(minutes=1))
        shorter = replace(claim, end=claim.end - 4, text=claim.text[:-4], updated_at=later)
        store.update_span(shorter, touch=False)
        return claim.id, shorter.start, shorter.end
    finally:
        store.close()


def _claim(database: Path, span_id: int) -> tuple[int, int] | None:
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT start, end FROM spans WHERE id = ?", [span_id]).fetchone()
    finally:
        connection.close()
    return None if row is None else (row[0], row[1])


def test_a_corrected_suggestion_survives_a_rerun_with_the_flag(project: Path) -> None:
    """Reviewer's finding: accept, correct a claim, rerun with the flag: the correction went
    and the assistant's own claim came back."""
    with tally("suggest"):
        span_id, start, end = _accept_and_correct(project, "amal2")
        outcome = run_main(
            ["suggest", "--db", project, "--annotator", "amal2",
             "--into-layer-with-hand-made-work"]
        )  # fmt: skip
        assert outcome.status == 0, outcome.said
        assert _claim(project, span_id) == (start, end)


def test_a_corrected_suggestion_is_a_persons_work_without_a_status(
    project: Path, tmp_path: Path
) -> None:
    """The same layer exported, its status dropped, imported elsewhere: the corrected claim
    still counts as a person's work, so suggest refuses the layer instead of replacing it."""
    import json

    with tally("suggest"):
        _accept_and_correct(project, "amal2")
        package = tmp_path / "amal2.json"
        exported = run_main(
            ["export", "--db", project, "--format", "json", "--annotator", "amal2",
             "--out", package]
        )  # fmt: skip
        assert exported.status == 0, exported.said
        data = json.loads(package.read_text(encoding="utf-8"))
        data["statuses"] = []
        package.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        elsewhere = tmp_path / "elsewhere.sqlite3"
        imported = run_main(["import", "--db", elsewhere, "--format", "json", package])
        assert imported.status == 0, imported.said
        before = digest(elsewhere)
        outcome = run_main(["suggest", "--db", elsewhere, "--annotator", "amal2"])
        assert_refused(
            outcome, "layer 'amal2'", "1 hand-made span", database=elsewhere, before=before
        )


@pytest.mark.parametrize("flag", [False, True])
def test_a_correction_made_the_same_second_survives_an_import_and_a_rerun(
    project: Path, tmp_path: Path, flag: bool
) -> None:
    """Second review: accepted and corrected within one second, exported, its status dropped,
    imported elsewhere, then suggest into that layer: the correction was replaced."""
    import json

    with tally("suggest"):
        _span_id, start, end = _accept_and_correct(project, "amal2", same_second=True)
        package = tmp_path / "amal2.json"
        assert run_main(
            ["export", "--db", project, "--format", "json", "--annotator", "amal2",
             "--out", package]
        ).status == 0  # fmt: skip
        data = json.loads(package.read_text(encoding="utf-8"))
        data["statuses"] = []
        package.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        elsewhere = tmp_path / "elsewhere.sqlite3"
        assert run_main(["import", "--db", elsewhere, "--format", "json", package]).status == 0
        flags = ["--into-layer-with-hand-made-work"] if flag else []
        outcome = run_main(["suggest", "--db", elsewhere, "--annotator", "amal2", *flags])
        assert outcome.status == 0, outcome.said
        connection = sqlite3.connect(f"file:{elsewhere}?mode=ro", uri=True)
        claims = connection.execute(
            "SELECT s.start, s.end FROM spans s JOIN annotators a ON a.id = s.annotator_id"
            " WHERE a.name = 'amal2' AND s.label = 'CLAIM'"
        ).fetchall()
        connection.close()
        assert claims == [(start, end)]  # the correction, and no second claim over it
