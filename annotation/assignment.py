"""Spreading documents over annotators: each document to N of them, the work shared evenly.

A pure function decides (`spread`), so the rule can be tested without a store; `assign_spread`
reads what each annotator already has, decides, and writes it all in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from annotation.model import Assignment, DocumentId, DocumentStatus, Status
from annotation.ports import AssignmentStore, Connection


class SpreadError(ValueError):
    """A spread that cannot be done as asked; the message says why."""


def parse_documents(text: str) -> list[DocumentId]:
    """`1,3,5-9` as the ids it names, in order, without repeats; ValueError saying which
    part is not an id or a range."""
    ids: list[DocumentId] = []
    for part in (part.strip() for part in text.split(",")):
        if not part:
            continue
        first, dash, last = part.partition("-")
        try:
            low, high = int(first), int(last if dash else first)
        except ValueError:
            raise ValueError(
                f"{part!r} is not a document id or a range of them (like 5-9)"
            ) from None
        if low < 1 or high < low:
            raise ValueError(f"{part!r} is not a range of document ids")
        ids.extend(DocumentId(n) for n in range(low, high + 1))
    if not ids:
        raise ValueError("no document ids given")
    return list(dict.fromkeys(ids))


def spread(
    document_ids: Sequence[DocumentId],
    annotators: Sequence[str],
    per_document: int,
    existing: Mapping[DocumentId, frozenset[str]] | None = None,
) -> dict[str, list[DocumentId]]:
    """Which documents each annotator gets so that every document has `per_document` of
    `annotators`: those already assigned to a document count towards its N, and each new
    assignment goes to whoever has fewest (what `existing` holds counted in), ties to the
    first in `annotators`' order. Deterministic: the same input, the same answer."""
    names = list(dict.fromkeys(annotators))  # in order, without repeats
    if per_document < 1:
        raise SpreadError(f"each document needs at least one annotator, not {per_document}")
    if per_document > len(names):
        raise SpreadError(
            f"cannot give each document to {per_document} annotators: only {len(names)}"
            f" {'was' if len(names) == 1 else 'were'} named ({', '.join(names) or 'none'})"
        )
    existing = existing or {}
    load = {name: 0 for name in names}
    for holders in existing.values():
        for name in holders:
            if name in load:
                load[name] += 1
    order = {name: place for place, name in enumerate(names)}
    plan: dict[str, list[DocumentId]] = {name: [] for name in names}
    for document_id in sorted(set(document_ids)):
        holders = existing.get(document_id, frozenset())
        have = sum(1 for name in names if name in holders)
        free = sorted(
            (name for name in names if name not in holders),
            key=lambda name: (load[name], order[name]),
        )
        for name in free[: max(per_document - have, 0)]:
            plan[name].append(document_id)
            load[name] += 1
    return {name: documents for name, documents in plan.items() if documents}


class SpreadStore(AssignmentStore, Connection, Protocol):
    """The roles assign_spread needs."""


def assign_spread(
    store: SpreadStore,
    document_ids: Sequence[DocumentId],
    annotators: Sequence[str],
    per_document: int,
    by: str,
) -> dict[str, list[DocumentId]]:
    """Spread `document_ids` over `annotators`, `per_document` each (see spread), balancing
    what each already has, in one transaction; return what was newly assigned."""
    with store.transaction():
        store.assign(document_ids, [], by)  # NotFoundError naming every unknown id, first
        existing: dict[DocumentId, set[str]] = {}
        for assignment in store.assignments():
            existing.setdefault(assignment.document_id, set()).add(assignment.annotator)
        plan = spread(
            document_ids,
            annotators,
            per_document,
            {document_id: frozenset(names) for document_id, names in existing.items()},
        )
        for name, documents in plan.items():
            store.assign(documents, [name], by)
    return plan


@dataclass(frozen=True, slots=True)
class Progress:
    """How far one annotator has got with the documents assigned to them."""

    annotator: str
    assigned: int
    in_progress: int
    done: int

    @property
    def not_started(self) -> int:
        """Assigned documents the annotator has not begun."""
        return self.assigned - self.in_progress - self.done


def progress(
    assignments: Iterable[Assignment], statuses: Iterable[DocumentStatus]
) -> list[Progress]:
    """Each assigned annotator's progress on their assignments, by name."""
    given: dict[str, set[DocumentId]] = {}
    for assignment in assignments:
        given.setdefault(assignment.annotator, set()).add(assignment.document_id)
    reached: dict[tuple[str, DocumentId], Status] = {
        (status.annotator, status.document_id): status.status for status in statuses
    }

    def count(name: str, wanted: Status) -> int:
        return sum(1 for d in given[name] if reached.get((name, d)) is wanted)

    return [
        Progress(name, len(given[name]), count(name, Status.IN_PROGRESS), count(name, Status.DONE))
        for name in sorted(given)
    ]


def finished_by_two_or_more(statuses: Iterable[DocumentStatus]) -> list[DocumentId]:
    """The documents two or more annotators marked done: those whose agreement means
    something (a document one of them is still working on would count as disagreement)."""
    done: dict[DocumentId, int] = {}
    for status in statuses:
        if status.status is Status.DONE:
            done[status.document_id] = done.get(status.document_id, 0) + 1
    return sorted(document_id for document_id, count in done.items() if count >= 2)
