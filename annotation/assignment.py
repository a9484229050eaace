"""Spreading documents over annotators: each document to N of them, the work shared evenly.

A pure function decides (`spread`), so the rule can be tested without a store; `assign_spread`
reads what each annotator already has, decides, and writes it all in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from annotation.model import DocumentId
from annotation.ports import AssignmentStore, Connection


class SpreadError(ValueError):
    """A spread that cannot be done as asked; the message says why."""


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
