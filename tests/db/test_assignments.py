"""Assignments (issue 19): a manager gives documents to annotators; every test runs on both
engines (the `store` fixture), through the Store protocol only."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from annotation.assignment import SpreadError, assign_spread
from annotation.model import Document, DocumentId, DocumentQuery, DocumentSort, Status, text_sha256
from annotation.ports import NotFoundError, Store, StoreError


def documents(store: Store, count: int) -> list[DocumentId]:
    return store.add_documents(
        [
            Document(text=f"خبر رقم {n}", text_sha256=text_sha256(f"خبر رقم {n}"), title=f"خبر {n}")
            for n in range(count)
        ]
    )


def held(store: Store, annotator: str | None = None) -> list[tuple[int, str]]:
    return [(int(a.document_id), a.annotator) for a in store.assignments(annotator)]


def test_assign_records_who_and_by_whom(store: Store) -> None:
    ids = documents(store, 3)
    assert store.assign([ids[0], ids[2]], ["amal", "badr"], "manager") == 4
    assert held(store) == [(ids[0], "amal"), (ids[0], "badr"), (ids[2], "amal"), (ids[2], "badr")]
    assert held(store, "badr") == [(ids[0], "badr"), (ids[2], "badr")]
    first = store.assignments("amal")[0]
    assert first.assigned_by == "manager" and first.assigned_at is not None
    assert store.annotator_names() == ["amal", "badr"]  # a new name becomes an annotator


def test_assigning_again_keeps_the_first_and_counts_only_new(store: Store) -> None:
    ids = documents(store, 2)
    store.assign([ids[0]], ["amal"], "first")
    assert store.assign(ids, ["amal"], "second") == 1
    by = {int(a.document_id): a.assigned_by for a in store.assignments("amal")}
    assert by == {ids[0]: "first", ids[1]: "second"}


def test_unknown_documents_are_named_and_nothing_is_assigned(store: Store) -> None:
    ids = documents(store, 2)
    with pytest.raises(NotFoundError, match=r"ids 98, 99: nothing was assigned"):
        store.assign([ids[0], DocumentId(99), DocumentId(98)], ["amal"], "manager")
    assert store.assignments() == []
    assert "amal" not in store.annotator_names()  # the annotator's row was rolled back too


def test_an_empty_assigner_is_refused(store: Store) -> None:
    ids = documents(store, 1)
    with pytest.raises(StoreError, match="whoever makes it"):
        store.assign(ids, ["amal"], "  ")
    assert store.assignments() == []


def test_unassign_takes_back_only_what_is_named(store: Store) -> None:
    ids = documents(store, 3)
    store.assign(ids, ["amal", "badr"], "manager")
    assert store.unassign([ids[1], ids[2]], ["amal", "nobody"]) == 2
    assert held(store, "amal") == [(ids[0], "amal")]
    assert len(held(store, "badr")) == 3


def test_removing_a_document_removes_its_assignments(store: Store) -> None:
    ids = documents(store, 2)
    store.assign(ids, ["amal"], "manager")
    store.remove_documents([ids[0]])
    assert held(store) == [(ids[1], "amal")]


def test_assignments_survive_reopening(store: Store, reopen: Callable[[], Store]) -> None:
    ids = documents(store, 2)
    store.assign([ids[1]], ["amal"], "manager")
    other = reopen()
    try:
        assert held(other) == [(ids[1], "amal")]
    finally:
        other.close()


def test_the_list_shows_the_annotators_assignments_first(store: Store) -> None:
    ids = documents(store, 5)
    store.assign([ids[3], ids[1]], ["amal"], "manager")
    store.assign([ids[4]], ["badr"], "manager")
    assert store.document_ids(DocumentQuery(), "amal") == [ids[1], ids[3], ids[0], ids[2], ids[4]]
    # Within each group the chosen order holds, both ways.
    descending = DocumentQuery(sort=DocumentSort.IMPORTED, descending=True)
    assert store.document_ids(descending, "amal") == [ids[3], ids[1], ids[4], ids[2], ids[0]]
    # Someone with no assignments sees import order; a status filter keeps the grouping.
    assert store.document_ids(DocumentQuery(), "chadi") == ids
    store.set_status(ids[1], "amal", Status.DONE)
    store.set_status(ids[2], "amal", Status.DONE)
    assert store.document_ids(DocumentQuery(status=Status.DONE), "amal") == [ids[1], ids[2]]
    marks = {s.id: s.assigned for s in store.document_summaries_for(ids, "amal")}
    assert marks == {ids[0]: False, ids[1]: True, ids[2]: False, ids[3]: True, ids[4]: False}


def test_spread_assigns_evenly_in_one_transaction(store: Store) -> None:
    ids = documents(store, 6)
    store.assign([ids[0]], ["amal"], "manager")  # amal has one already
    plan = assign_spread(store, ids, ["amal", "badr", "chadi"], 2, "manager")
    per_document: dict[int, set[str]] = {}
    for assignment in store.assignments():
        per_document.setdefault(int(assignment.document_id), set()).add(assignment.annotator)
    assert all(len(names) == 2 for names in per_document.values()) and len(per_document) == 6
    loads = [len(store.assignments(name)) for name in ("amal", "badr", "chadi")]
    assert sorted(loads) == [4, 4, 4]
    assert sum(len(documents) for documents in plan.values()) == 11


def test_spread_refuses_unknown_documents_and_too_many_per_document(store: Store) -> None:
    ids = documents(store, 2)
    with pytest.raises(NotFoundError, match="id 77"):
        assign_spread(store, [*ids, DocumentId(77)], ["amal", "badr"], 1, "manager")
    with pytest.raises(SpreadError, match="only 2 were named"):
        assign_spread(store, ids, ["amal", "badr"], 3, "manager")
    assert store.assignments() == []
