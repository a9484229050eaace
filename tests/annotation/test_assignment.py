"""The spread of documents over annotators (annotation/assignment.py), as a pure function."""

from __future__ import annotations

import random

import pytest

from annotation.assignment import SpreadError, spread
from annotation.model import DocumentId


def ids(*numbers: int) -> list[DocumentId]:
    return [DocumentId(n) for n in numbers]


def test_two_per_document_over_three_annotators() -> None:
    assert spread(ids(1, 2, 3), ["amal", "badr", "chadi"], 2) == {
        "amal": ids(1, 2),
        "badr": ids(1, 3),
        "chadi": ids(2, 3),
    }


def test_what_each_already_has_is_balanced() -> None:
    # amal holds two documents already: the new ones go to the others first.
    existing = {DocumentId(10): frozenset({"amal"}), DocumentId(11): frozenset({"amal"})}
    assert spread(ids(1, 2), ["amal", "badr", "chadi"], 1, existing) == {
        "badr": ids(1),
        "chadi": ids(2),
    }


def test_a_document_already_held_counts_towards_its_n() -> None:
    existing = {DocumentId(1): frozenset({"badr"})}
    assert spread(ids(1), ["amal", "badr"], 2, existing) == {"amal": ids(1)}
    assert spread(ids(1), ["amal", "badr"], 1, existing) == {}


def test_too_many_per_document_is_refused_clearly() -> None:
    with pytest.raises(SpreadError, match="cannot give each document to 3 annotators: only 2"):
        spread(ids(1), ["amal", "badr", "amal"], 3)
    with pytest.raises(SpreadError, match="at least one"):
        spread(ids(1), ["amal"], 0)


def test_the_same_input_gives_the_same_answer() -> None:
    names = ["badr", "amal", "chadi", "dana"]
    assert spread(ids(5, 1, 3, 2), names, 2) == spread(ids(1, 2, 3, 5), names, 2)


@pytest.mark.parametrize("seed", range(30))
def test_every_document_gets_n_distinct_and_loads_differ_by_at_most_one(seed: int) -> None:
    rng = random.Random(seed)
    names = [f"annotator{n}" for n in range(rng.randint(1, 7))]
    per_document = rng.randint(1, len(names))
    documents = ids(*rng.sample(range(1, 500), rng.randint(0, 60)))
    plan = spread(documents, names, per_document)
    holders: dict[DocumentId, list[str]] = {}
    for name, given in plan.items():
        for document_id in given:
            holders.setdefault(document_id, []).append(name)
    assert set(holders) == set(documents)
    assert all(len(set(h)) == len(h) == per_document for h in holders.values())
    loads = [len(plan.get(name, [])) for name in names]
    assert max(loads) - min(loads) <= 1


def test_progress_counts_only_assigned_documents() -> None:
    from annotation.assignment import progress
    from annotation.model import Assignment, DocumentStatus, Status

    given = [Assignment(DocumentId(n), "amal") for n in (1, 2, 3)] + [
        Assignment(DocumentId(1), "badr")
    ]
    statuses = [
        DocumentStatus(DocumentId(1), "amal", Status.DONE),
        DocumentStatus(DocumentId(2), "amal", Status.IN_PROGRESS),
        DocumentStatus(DocumentId(9), "amal", Status.DONE),  # not assigned: not counted
        DocumentStatus(DocumentId(1), "badr", Status.NEW),
    ]
    (amal, badr) = progress(given, statuses)
    assert (amal.annotator, amal.assigned, amal.in_progress, amal.done) == ("amal", 3, 1, 1)
    assert amal.not_started == 1
    assert (badr.assigned, badr.in_progress, badr.done, badr.not_started) == (1, 0, 0, 1)


def test_documents_finished_by_two_or_more() -> None:
    from annotation.assignment import finished_by_two_or_more
    from annotation.model import DocumentStatus, Status

    statuses = [
        DocumentStatus(DocumentId(4), "amal", Status.DONE),
        DocumentStatus(DocumentId(4), "badr", Status.DONE),
        DocumentStatus(DocumentId(2), "amal", Status.DONE),
        DocumentStatus(DocumentId(2), "badr", Status.IN_PROGRESS),
        DocumentStatus(DocumentId(1), "amal", Status.DONE),
        DocumentStatus(DocumentId(1), "badr", Status.DONE),
        DocumentStatus(DocumentId(1), "chadi", Status.DONE),
    ]
    assert finished_by_two_or_more(statuses) == [1, 4]
