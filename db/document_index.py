"""The document list's queries: filter and sort every document by id, then read one page.

A list of 100,000 documents holds only their ids; the rows it shows are read a page at a time.
Titles are matched through `documents.title_key` (migration 2), which `title_key()` fills.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, cast

import sqlite_utils

from annotation.arabic import normalise_for_match
from annotation.model import DocumentId, DocumentQuery, DocumentSort, DocumentSummary, Status

# A document with no status row is NEW for that annotator. The filter is a subquery on the
# (annotator_id, status) index rather than a join, so the scan of documents stays on one index.
_STATUS_IS = {
    status: (
        "d.id NOT IN (SELECT document_id FROM document_status"
        " WHERE annotator_id = :annotator AND status <> 'new')"
        if status is Status.NEW
        else "d.id IN (SELECT document_id FROM document_status"
        f" WHERE annotator_id = :annotator AND status = '{status.value}')"
    )
    for status in Status
}
# Status sorts by progress, not alphabetically.
_PROGRESS = (Status.NEW, Status.IN_PROGRESS, Status.DONE)
_SORT_COLUMNS = {
    DocumentSort.TITLE: "d.title_key",
    DocumentSort.CHARACTERS: "d.characters",
    DocumentSort.IMPORTED: None,
}


def title_key(title: str) -> str:
    """The form of a title that filtering and sorting use: normalised for matching, casefolded."""
    return normalise_for_match(title).casefold()


def document_ids(
    db: sqlite_utils.Database, query: DocumentQuery, annotator: str
) -> list[DocumentId]:
    """Every document matching `query`, in its order; status and spans are `annotator`'s."""
    params: dict[str, Any] = {"annotator": _annotator_id(db, annotator)}
    where: list[str] = []
    text = query.text.strip()
    if text:
        # instr() rather than LIKE: no wildcards to escape in what a person types.
        where.append(
            "(instr(d.title_key, :key) > 0 OR instr(lower(d.external_id), lower(:text)) > 0)"
        )
        params.update(key=title_key(text), text=text)
    if query.status is not None:
        where.append(_STATUS_IS[query.status])
    # Every order ends on the id, so ties keep import order and descending is the exact reverse.
    desc = " DESC" if query.descending else ""
    if query.sort in _SORT_COLUMNS:
        column = _SORT_COLUMNS[query.sort]
        order = f"{column}{desc}, d.id{desc}" if column else f"d.id{desc}"
        return _select(db, where, params, order)
    # Status and span counts are sorted here rather than in SQL: SQL would look up every
    # document's row, about twice as slow at 100,000 documents as reading one annotator's
    # statuses or counts (far fewer rows) and sorting the ids in import order, which
    # Python's stable sort then keeps for ties.
    ids = _select(db, where, params, "d.id")
    if query.sort is DocumentSort.STATUS:
        statuses = dict(
            db.execute(
                "SELECT document_id, status FROM document_status"
                " WHERE annotator_id = :annotator AND status <> 'new'",
                params,
            ).fetchall()
        )
        groups: dict[str, list[DocumentId]] = {status.value: [] for status in _PROGRESS}
        new = Status.NEW.value  # an enum attribute in the loop would cost a third of the time
        for document_id in ids:
            groups[statuses.get(document_id, new)].append(document_id)
        ids = [document_id for group in groups.values() for document_id in group]
    else:
        counts = dict(
            db.execute(
                "SELECT document_id, count(*) FROM spans WHERE annotator_id = :annotator"
                " GROUP BY document_id",
                params,
            ).fetchall()
        )
        ids = [i for i in ids if i not in counts] + sorted(
            (i for i in ids if i in counts), key=counts.__getitem__
        )
    return ids[::-1] if query.descending else ids


def _select(
    db: sqlite_utils.Database, where: list[str], params: dict[str, Any], order: str
) -> list[DocumentId]:
    sql = "SELECT d.id FROM documents d"
    if where:
        sql += " WHERE " + " AND ".join(where)
    # The ids are ints already: wrapping 100,000 of them in DocumentId() would only cost time.
    return cast(list[DocumentId], [row[0] for row in db.execute(f"{sql} ORDER BY {order}", params)])


def document_summaries_for(
    db: sqlite_utils.Database, ids: Sequence[DocumentId], annotator: str
) -> list[DocumentSummary]:
    """These documents in this order, with `annotator`'s span counts and everyone's statuses."""
    # One JSON parameter instead of one per id: no limit on variables, one statement each.
    wanted = json.dumps(list(ids))
    rows = {
        row[0]: row
        for row in db.execute(
            "SELECT id, title, characters, source FROM documents"
            " WHERE id IN (SELECT value FROM json_each(?))",
            [wanted],
        )
    }
    statuses: dict[int, dict[str, Status]] = {}
    for document_id, name, status in db.execute(
        "SELECT s.document_id, a.name, s.status FROM document_status s"
        " JOIN annotators a ON a.id = s.annotator_id"
        " WHERE s.document_id IN (SELECT value FROM json_each(?))",
        [wanted],
    ):
        statuses.setdefault(document_id, {})[name] = Status(status)
    counts: dict[int, int] = dict(
        db.execute(
            "SELECT document_id, count(*) FROM spans"
            " WHERE annotator_id = ? AND document_id IN (SELECT value FROM json_each(?))"
            " GROUP BY document_id",
            [_annotator_id(db, annotator), wanted],
        ).fetchall()
    )
    return [
        DocumentSummary(
            id=DocumentId(document_id),
            title=row[1],
            characters=row[2],
            source=row[3],
            statuses=statuses.get(document_id, {}),
            span_count=counts.get(document_id, 0),
        )
        for document_id in ids
        if (row := rows.get(document_id)) is not None
    ]


def _annotator_id(db: sqlite_utils.Database, name: str) -> int | None:
    # None for someone who has never annotated: it matches no row, so every status is NEW and
    # every count 0, and reading the list creates no annotator.
    row = db.execute("SELECT id FROM annotators WHERE name = ?", [name]).fetchone()
    return None if row is None else int(row[0])
