"""The value check: every JSON column, timestamp and enumerated value read the way the app
reads it, so a value it cannot read is found before it breaks a window (part of `check`)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from annotation.model import DocumentId, EntityKind, LinkId, Origin, SpanId, Status
from db.problems import Executes, Problem, ProblemKind

_WELL_FORMED_TIME = (
    # What Hamish writes (now().isoformat(): UTC, to the second), naming a real instant: SQLite
    # renders that instant back as the same text. Every other form is for Python to judge.
    "typeof({c}) = 'text' AND {c} >= '0001'"
    " AND strftime('%Y-%m-%dT%H:%M:%S+00:00', julianday({c})) = {c}"
)


@dataclass(frozen=True, slots=True)
class _Value:
    """A column the app reads: SQL that is true (or NULL) where a value may not read, with
    `{c}` for the column, and the reason a value does not read (None when it does)."""

    column: str
    suspect: str
    fault: Callable[[Any], str | None]


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _json(column: str, expected: type, what: str, check_items: bool = False) -> _Value:
    # A CASE tries its branches in order, so json_valid never sees a blob.
    suspect = (
        "CASE WHEN typeof({c}) != 'text' THEN 1 WHEN NOT json_valid({c}) THEN 1"
        f" WHEN json_type({{c}}) != '{'object' if expected is dict else 'array'}' THEN 1"
        + (
            " ELSE EXISTS (SELECT 1 FROM json_each({c}) WHERE type != 'text') END"
            if check_items
            else " ELSE 0 END"
        )
    )

    def fault(value: Any) -> str | None:
        if not isinstance(value, str):
            return f"holds {type(value).__name__} {_show(value)}, not JSON text"
        try:
            data = json.loads(value)
        except ValueError:
            return f"is not valid JSON: {_show(value)}"
        if not isinstance(data, expected) or (
            isinstance(data, list) and check_items and not all(isinstance(i, str) for i in data)
        ):
            return f"is not {what}: {_show(value)}"
        return None

    return _Value(column, suspect, fault)


def _timestamp(column: str) -> _Value:
    def fault(value: Any) -> str | None:
        try:
            datetime.fromisoformat(value)
        except (TypeError, ValueError):
            return f"is not a timestamp Hamish can read: {_show(value)}"
        return None

    return _Value(column, f"NOT ({_WELL_FORMED_TIME})", fault)


def _known(column: str, values: type[StrEnum], what: str) -> _Value:
    known = [member.value for member in values]
    listed = ", ".join(f"'{value}'" for value in known)

    def fault(value: Any) -> str | None:
        if isinstance(value, str) and value in known:
            return None
        return f"is {_show(value)}, not {what} Hamish knows ({', '.join(known)})"

    return _Value(column, f"{{c}} IS NULL OR {{c}} NOT IN ({listed})", fault)


_OBJECT = "a JSON object"
_VALUES: dict[str, tuple[_Value, ...]] = {
    "documents": (_json("import_notes", dict, _OBJECT), _timestamp("imported_at")),
    "annotators": (_timestamp("created_at"),),
    "entities": (
        _known("kind", EntityKind, "an entity kind"),
        _json("aliases", list, "a JSON array of strings", check_items=True),
        _json("attributes", dict, _OBJECT),
    ),
    "spans": (
        _json("attributes", dict, _OBJECT),
        _known("origin", Origin, "an origin"),
        _timestamp("created_at"),
        _timestamp("updated_at"),
    ),
    "links": (_timestamp("created_at"),),
    "document_status": (_known("status", Status, "a status"), _timestamp("updated_at")),
}

# What each table's problems name besides its row: (SQL for the document, for the annotator).
_PLACES: dict[str, tuple[str, str]] = {
    "documents": ("t.rowid", "NULL"),
    "spans": ("t.document_id", "NULL"),
    "document_status": ("t.document_id", "coalesce(a.name, CAST(t.annotator_id AS TEXT))"),
}


def _values(connection: sqlite3.Connection) -> Iterator[Problem]:
    for table, values in _VALUES.items():
        document, annotator = _PLACES.get(table, ("NULL", "NULL"))
        suspect = " OR ".join(
            "coalesce(" + value.suspect.format(c=f't."{value.column}"') + ", 1)" for value in values
        )
        query = _query(table, values, "t.rowid", document, annotator) + f" WHERE {suspect}"
        yield from _problems(table, values, connection.execute(query + " ORDER BY t.rowid"))


def every_value(connection: Executes) -> Iterator[Problem]:
    """The value check on a database without SQLite's JSON and date functions to pick out the
    suspect rows (PostgreSQL): every row is read the app's way."""
    for table, values in _VALUES.items():
        document, annotator = _PLACES.get(table, ("NULL", "NULL"))
        document = document.replace("t.rowid", "t.id")
        # document_status has no id of its own: its problems name the document and annotator.
        row_id = "NULL" if table == "document_status" else "t.id"
        order = "t.document_id, t.annotator_id" if table == "document_status" else "t.id"
        query = _query(table, values, row_id, document, annotator) + f" ORDER BY {order}"
        yield from _problems(table, values, connection.execute(query))


def _query(
    table: str, values: tuple[_Value, ...], row_id: str, document: str, annotator: str
) -> str:
    columns = ", ".join(f't."{value.column}"' for value in values)
    joined = " LEFT JOIN annotators a ON a.id = t.annotator_id" if annotator != "NULL" else ""
    return f"SELECT {row_id}, {document}, {annotator}, {columns} FROM {table} t{joined}"


def _problems(table: str, values: tuple[_Value, ...], rows: Iterable[Any]) -> Iterator[Problem]:
    for row_id, document_id, annotator_name, *read in rows:
        for value, stored in zip(values, read, strict=True):
            fault = value.fault(stored)
            if fault is None:
                continue
            message = f"{value.column} {fault}"
            if annotator_name is not None:
                message = f"the status of annotator {annotator_name}: {message}"
            yield Problem(
                ProblemKind.VALUE,
                message,
                DocumentId(document_id) if document_id is not None else None,
                span_id=SpanId(row_id) if table == "spans" else None,
                link_id=LinkId(row_id) if table == "links" else None,
                table=table,
                row_id=row_id,
                column=value.column,
            )
