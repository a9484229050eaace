"""The document list's queries: filter and sort every document by id, then read one page.

A list of 100,000 documents holds only their ids; the rows it shows are read a page at a time.
Titles are matched through `documents.title_key` (migration 2), which `title_key()` fills.
The text filter runs in memory (TextFilter): typing asks again at every key press, and at
100,000 titles SQLite's instr() (a comparison at every character) takes about 35 ms where
Python's `in` takes 10, and re-sorting the list for each key press another 25.
"""

from __future__ import annotations

import sqlite3
import string
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, Protocol, cast

import sqlite_utils

from annotation.arabic import normalise_for_match
from annotation.model import DocumentId, DocumentQuery, DocumentSort, DocumentSummary, Status
from db.rows import chunks
from db.store_base import SqlDatabase

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
# External ids match ignoring ASCII case only, as SQLite's lower() does.
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
# This connection's own writes to `documents` leave the total_changes() of the last one here
# (temp: seen by this connection alone, and no part of the schema `check` compares); other
# connections' commits change PRAGMA data_version.
_WATCH_WRITES = (
    "CREATE TEMP TABLE IF NOT EXISTS hamish_title_writes (changes INTEGER NOT NULL)",
    "INSERT INTO temp.hamish_title_writes SELECT total_changes()"
    " WHERE NOT EXISTS (SELECT 1 FROM temp.hamish_title_writes)",
    *(
        f"CREATE TEMP TRIGGER IF NOT EXISTS hamish_title_{name} AFTER {event} ON main.documents"
        " BEGIN UPDATE hamish_title_writes SET changes = total_changes(); END"
        for name, event in (
            ("added", "INSERT"),
            ("changed", "UPDATE OF id, title_key, external_id"),
            ("deleted", "DELETE"),
        )
    ),
)


def title_key(title: str) -> str:
    """The form of a title that filtering and sorting use: normalised for matching, casefolded."""
    return normalise_for_match(title).casefold()


class TextFilter:
    """The document list's text filter, in memory: every document's title key and external id
    (about 25 MB at 100,000 documents), and the last list without a text filter, which each key
    press filters instead of asking SQLite to sort everything again."""

    def __init__(self, stamps: Callable[[Any], tuple[object, object]] | None = None) -> None:
        # What tells that anything was written, and that documents were, since the last look;
        # an engine that cannot tell cheaply gives a new object at each look (never the same).
        self._stamps: Callable[[Any], tuple[object, object]] = stamps or sqlite_stamps
        self._titles: dict[int, str] = {}
        self._external_ids: dict[int, str] = {}
        self._titles_read: object = None
        self._unfiltered: tuple[object, list[DocumentId]] | None = None

    def unfiltered(self, db: SqlDatabase, query: DocumentQuery, annotator: str) -> list[DocumentId]:
        """`query` (without text) in its order: from memory if nothing was written since."""
        # The titles are read with the list (90 ms at 100,000 documents), not at the first key
        # press, which should not pause; their set-up is a write, so it comes first.
        self._read_titles(db)
        # Any write (a span, a status) may change the order or the status filter.
        key = (query, annotator, self._stamps(db)[0])
        if self._unfiltered is None or self._unfiltered[0] != key:
            self._unfiltered = (key, _ordered_ids(db, query, annotator))
        return self._unfiltered[1]

    def matching(self, ids: list[DocumentId], text: str) -> list[DocumentId]:
        """Those of `ids` whose title key holds `text`'s, or whose external id holds `text`
        (ignoring ASCII case), in their order."""
        key, lowered = title_key(text), text.translate(_ASCII_LOWER)
        # The titles are searched in the order they were read, the order they lie in memory:
        # in another (the ids by title, say) the search would take three times as long.
        found = {i for i, title in self._titles.items() if key in title}
        found.update(i for i, external_id in self._external_ids.items() if lowered in external_id)
        return [i for i in ids if i in found]

    def _read_titles(self, db: SqlDatabase) -> None:
        stamp = self._stamps(db)[1]
        if stamp == self._titles_read:
            return
        self._titles, self._external_ids = {}, {}
        for document_id, key, external_id in db.execute(
            "SELECT id, title_key, external_id FROM documents ORDER BY id"
        ):
            self._titles[document_id] = key
            if external_id is not None:
                self._external_ids[document_id] = external_id.translate(_ASCII_LOWER)
        self._titles_read = stamp


def sqlite_stamps(db: sqlite_utils.Database) -> tuple[object, object]:
    """Any write (another connection's commit, or this one's changes), and writes to documents."""
    version = _data_version(db)
    return (version, db.conn.total_changes), (version, _documents_written(db))


def _data_version(db: sqlite_utils.Database) -> int:
    return int(db.execute("PRAGMA data_version").fetchone()[0])


def _documents_written(db: sqlite_utils.Database) -> int:
    try:
        return int(db.execute("SELECT changes FROM temp.hamish_title_writes").fetchone()[0])
    except sqlite3.OperationalError:  # the first time on this connection
        for statement in _WATCH_WRITES:
            db.execute(statement)
        return _documents_written(db)


def document_ids(
    db: SqlDatabase, query: DocumentQuery, annotator: str, text_filter: TextFilter
) -> list[DocumentId]:
    """Every document matching `query`, in its order; status and spans are `annotator`'s."""
    text = query.text.strip()
    unfiltered = text_filter.unfiltered(db, replace(query, text=""), annotator)
    # A copy: the caller may keep the list while the filter keeps its own.
    return text_filter.matching(unfiltered, text) if text else list(unfiltered)


def _ordered_ids(db: SqlDatabase, query: DocumentQuery, annotator: str) -> list[DocumentId]:
    """Every document with `query`'s status, in its order (its text is TextFilter's)."""
    params: dict[str, Any] = {"annotator": _annotator_id(db, annotator)}
    return _assigned_first(db, _in_query_order(db, query, params), params)


def _assigned_first(
    db: SqlDatabase, ids: list[DocumentId], params: dict[str, Any]
) -> list[DocumentId]:
    """`ids` with the annotator's assigned documents first, each group in its own order: an
    annotator opens the list on the work a manager gave them (issue 19)."""
    assigned = {
        row[0]
        for row in db.execute(
            "SELECT document_id FROM assignments WHERE annotator_id = :annotator", params
        )
    }
    if not assigned:
        return ids
    return [i for i in ids if i in assigned] + [i for i in ids if i not in assigned]


def _in_query_order(
    db: SqlDatabase, query: DocumentQuery, params: dict[str, Any]
) -> list[DocumentId]:
    where: list[str] = []
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
    db: SqlDatabase, where: list[str], params: dict[str, Any], order: str
) -> list[DocumentId]:
    sql = "SELECT d.id FROM documents d"
    if where:
        sql += " WHERE " + " AND ".join(where)
    # The ids are ints already: wrapping 100,000 of them in DocumentId() would only cost time.
    return cast(list[DocumentId], [row[0] for row in db.execute(f"{sql} ORDER BY {order}", params)])


def document_summaries_for(
    db: SqlDatabase, ids: Sequence[DocumentId], annotator: str
) -> list[DocumentSummary]:
    """These documents in this order, with `annotator`'s span counts and everyone's statuses."""
    annotator_id = _annotator_id(db, annotator)
    rows: dict[int, Any] = {}
    statuses: dict[int, dict[str, Status]] = {}
    counts: dict[int, int] = {}
    assigned: set[int] = set()
    # A page is a few hundred ids; in chunks, so no statement passes an engine's limit.
    for chunk in chunks(list(ids), 500):
        marks = ", ".join("?" * len(chunk))
        for row in db.execute(
            f"SELECT id, title, characters, source FROM documents WHERE id IN ({marks})", chunk
        ):
            rows[row[0]] = row
        for document_id, name, status in db.execute(
            "SELECT s.document_id, a.name, s.status FROM document_status s"
            f" JOIN annotators a ON a.id = s.annotator_id WHERE s.document_id IN ({marks})",
            chunk,
        ):
            statuses.setdefault(document_id, {})[name] = Status(status)
        counts.update(
            db.execute(
                "SELECT document_id, count(*) FROM spans"
                f" WHERE annotator_id = ? AND document_id IN ({marks}) GROUP BY document_id",
                [annotator_id, *chunk],
            ).fetchall()
        )
        assigned.update(
            row[0]
            for row in db.execute(
                "SELECT document_id FROM assignments"
                f" WHERE annotator_id = ? AND document_id IN ({marks})",
                [annotator_id, *chunk],
            )
        )
    return [
        DocumentSummary(
            id=DocumentId(document_id),
            title=row[1],
            characters=row[2],
            source=row[3],
            statuses=statuses.get(document_id, {}),
            span_count=counts.get(document_id, 0),
            assigned=document_id in assigned,
        )
        for document_id in ids
        if (row := rows.get(document_id)) is not None
    ]


def _annotator_id(db: SqlDatabase, name: str) -> int | None:
    # None for someone who has never annotated: it matches no row, so every status is NEW and
    # every count 0, and reading the list creates no annotator.
    row = db.execute("SELECT id FROM annotators WHERE name = ?", [name]).fetchone()
    return None if row is None else int(row[0])


class ListStore(Protocol):
    """What DocumentList needs of a store: its database and its list's memory."""

    @property
    def db(self) -> SqlDatabase: ...

    _text_filter: TextFilter


class DocumentList:
    """The document list's queries (part of both engines' stores)."""

    def document_ids(self: ListStore, query: DocumentQuery, annotator: str) -> list[DocumentId]:
        """Every document matching `query`, in its order; status and spans are `annotator`'s."""
        return document_ids(self.db, query, annotator, self._text_filter)

    def document_summaries_for(
        self: ListStore, ids: Sequence[DocumentId], annotator: str
    ) -> list[DocumentSummary]:
        """These documents in this order, with `annotator`'s span counts and everyone's statuses."""
        return document_summaries_for(self.db, ids, annotator)
