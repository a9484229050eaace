"""`assign` and `assignments` in the terminal (ui/cli/assignment.py), run as a person would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotation.model import Document, DocumentId, Status, text_sha256
from db.store import SqliteStore
from tests.ui.test_cli import hamish


@pytest.fixture
def ten(database: Path) -> Path:
    store = SqliteStore(database)
    store.add_documents(
        [
            Document(text=f"نص {n}", text_sha256=text_sha256(f"نص {n}"), title=f"خبر {n}")
            for n in range(10)
        ]
    )
    store.close()
    return database


def held(database: Path) -> list[tuple[int, str, str]]:
    store = SqliteStore(database)
    try:
        return [(int(a.document_id), a.annotator, a.assigned_by) for a in store.assignments()]
    finally:
        store.close()


def test_assign_by_hand_with_ranges(ten: Path) -> None:
    done = hamish(
        "assign",
        "--to",
        "amal",
        "--to",
        "omar",
        "--documents",
        "1,3,5-6",
        "--by",
        "huda",
        database=ten,
    )
    assert done.returncode == 0, done.stderr
    assert "assigned 4 documents to amal, omar: 8 new assignments" in done.stdout
    assert held(ten) == [(d, name, "huda") for d in (1, 3, 5, 6) for name in ("amal", "omar")]


def test_unknown_documents_are_named_and_nothing_is_assigned(ten: Path) -> None:
    done = hamish("assign", "--to", "amal", "--documents", "2,11-12", database=ten)
    assert done.returncode == 2
    assert done.stderr.strip() == "error: no documents with the ids 11, 12: nothing was assigned"
    assert held(ten) == []


def test_a_bad_range_is_refused_by_the_parser(ten: Path) -> None:
    done = hamish("assign", "--to", "amal", "--documents", "9-3", database=ten)
    assert done.returncode == 2 and "'9-3' is not a range of document ids" in done.stderr


def test_spread_then_list_progress(ten: Path) -> None:
    done = hamish("assign", "--spread", "2", "--annotators", "amal,omar,sara", database=ten)
    assert done.returncode == 0, done.stderr
    assert "spread 10 documents, 2 annotators each: 20 new assignments" in done.stdout
    loads = [line for line in done.stdout.splitlines() if line.startswith("  ")]
    assert loads == ["  amal: 7 new", "  omar: 7 new", "  sara: 6 new"]
    store = SqliteStore(ten)
    mine = [a.document_id for a in store.assignments("sara")]
    store.set_status(mine[0], "sara", Status.DONE)
    store.set_status(mine[1], "sara", Status.IN_PROGRESS)
    store.close()
    listed = hamish("assignments", "--annotator", "sara", database=ten)
    assert listed.stdout.splitlines()[0] == (
        "sara: 6 assigned, 4 not started, 1 in progress, 1 done"
    )
    as_json = json.loads(hamish("assignments", "--json", database=ten).stdout)
    assert [row["assigned"] for row in as_json["progress"]] == [7, 7, 6]
    assert len(as_json["assignments"]) == 20


def test_spread_asks_for_no_more_than_there_are_annotators(ten: Path) -> None:
    done = hamish("assign", "--spread", "3", "--annotators", "amal,omar", database=ten)
    assert done.returncode == 2
    assert "cannot give each document to 3 annotators: only 2 were named" in done.stderr
    assert held(ten) == []


def test_remove_takes_documents_back(ten: Path) -> None:
    hamish("assign", "--to", "amal", "--documents", "1-3", database=ten)
    done = hamish("assign", "--remove", "--to", "amal", "--documents", "2", database=ten)
    assert done.returncode == 0 and "took back 1 assignment from" in done.stdout
    assert [d for d, _, _ in held(ten)] == [1, 3]
    assert DocumentId(2) not in [d for d, _, _ in held(ten)]
