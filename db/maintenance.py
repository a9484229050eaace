"""Looking after a database file: an online backup, and a check of everything Hamish relies on.

`check` reports every problem it finds (it never stops at the first) as a `Problem` that says
what is wrong and where, so that a person can repair or restore before annotating on.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import sqlite_utils

from annotation.model import (
    DocumentId,
    EntityKind,
    LinkId,
    Origin,
    Span,
    SpanId,
    Status,
    text_sha256,
)
from annotation.offsets import OffsetError, check_span
from annotation.ports import StoreError
from db.migrations import copy_database, migrate
from db.store import BUSY_TIMEOUT_MS, SqliteStore


class ProblemKind(StrEnum):
    """What sort of thing is wrong."""

    INTEGRITY = "integrity"  # SQLite's own integrity_check
    SCHEMA = (
        "schema"  # a table, index or trigger is missing, extra, or not as the migrations make it
    )
    UNREADABLE = "unreadable"  # a check could not read the database at all
    TEXT_HASH = "text_hash"  # a document's SHA-256 is not that of its text
    CHARACTERS = "characters"  # a document's stored length is not its text's
    OFFSETS = "offsets"  # a span's offsets do not fit its text, or cover other text
    LINK_LAYERS = "link_layers"  # a link joins spans of two documents or two layers
    MISSING_DOCUMENT = "missing_document"  # a span or status of a document that is gone
    MISSING_SPAN = "missing_span"  # a link from or to a span that is gone
    MISSING_ENTITY = "missing_entity"  # a span refers to an entity that is gone
    MISSING_ANNOTATOR = "missing_annotator"  # a span or status of an annotator that is gone
    FOREIGN_KEY = "foreign_key"  # any other reference to a missing row
    VALUE = "value"  # a value the app cannot read: bad JSON or timestamp, unknown kind or status
    SEARCH_INDEX = "search_index"  # the search index lacks a document, or holds one that is gone


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a database, and where: the document, span or link, else the table row
    (and the column, when one value is wrong)."""

    kind: ProblemKind
    message: str
    document_id: DocumentId | None = None
    span_id: SpanId | None = None
    link_id: LinkId | None = None
    table: str | None = None
    row_id: int | None = None
    column: str | None = None

    @property
    def where(self) -> str:
        """`document 3, span 12`, `link 7`, `document_status row 4`, or `database`."""
        parts = [
            f"{name} {value}"
            for name, value in (
                ("document", self.document_id),
                ("span", self.span_id),
                ("link", self.link_id),
            )
            if value is not None
        ]
        if not parts and self.table is not None:
            parts.append(f"{self.table} row {self.row_id}" if self.row_id else self.table)
        return ", ".join(parts) or "database"

    def __str__(self) -> str:
        return f"{self.where}: {self.message} [{self.kind}]"

    def as_dict(self) -> dict[str, Any]:
        """The problem as JSON-ready values (absent places left out)."""
        data: dict[str, Any] = {"kind": self.kind.value, "message": self.message}
        for name in ("document_id", "span_id", "link_id", "table", "row_id", "column"):
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        return data


def backup(store_or_path: SqliteStore | Path, out: Path, overwrite: bool = False) -> Path:
    """Write a consistent copy of a database to `out` while it may be in use; return `out`.

    A path is copied as it is, not migrated: a backup taken before upgrading Hamish stays
    readable by the old one. Refuses to replace an existing `out` unless `overwrite`.
    """
    if out.exists() and not overwrite:
        raise FileExistsError(f"{out} already exists (overwrite it with --force)")
    if isinstance(store_or_path, SqliteStore):
        if store_or_path.path is not None and _same_file(store_or_path.path, out):
            raise StoreError(f"{out} is the database itself; choose another file")
        _copy(store_or_path.db.conn, out)
        return out
    path = store_or_path
    if not path.is_file():
        raise FileNotFoundError(f"there is no database {path}")
    if _same_file(path, out):
        raise StoreError(f"{out} is the database itself; choose another file")
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        _copy(connection, out)
    finally:
        connection.close()
    return out


def check(store: SqliteStore) -> list[Problem]:
    """Every problem found in the store's database; an empty list when all holds."""
    problems: list[Problem] = []
    checks: tuple[Callable[[sqlite3.Connection], Iterator[Problem]], ...] = (
        _integrity,
        _schema,
        _foreign_keys,
        _documents,
        _spans,
        _links,
        _values,
        _search_index,
    )
    for each in checks:
        try:
            problems.extend(each(store.db.conn))
        except sqlite3.DatabaseError as error:
            # A damaged file can fail one check and still answer the others.
            problems.append(Problem(ProblemKind.UNREADABLE, f"{each.__name__[1:]}: {error}"))
    return problems


def _copy(connection: sqlite3.Connection, out: Path) -> None:
    try:
        copy_database(connection, out)
    except sqlite3.Error as error:
        raise StoreError(f"could not back up to {out}: {error}") from None


def _same_file(a: Path, b: Path) -> bool:
    return b.exists() and a.exists() and a.samefile(b)


def _integrity(connection: sqlite3.Connection) -> Iterator[Problem]:
    # Sorted: SQLite reports tables in the order of its schema's hash table, which changes
    # whenever a migration adds a table.
    for (message,) in sorted(connection.execute("PRAGMA integrity_check")):
        if message != "ok":
            yield Problem(ProblemKind.INTEGRITY, message)


def _schema(connection: sqlite3.Connection) -> Iterator[Problem]:
    # What the migrations build, compared with what is there, definition by definition: a
    # dropped trigger (documents_text_is_immutable), or one redefined to never fire, would
    # otherwise go unnoticed until the harm is done.
    reference = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(sqlite_utils.Database(reference))
        expected = _schema_objects(reference)
    finally:
        reference.close()
    present = _schema_objects(connection)
    for (kind, name), (table, sql) in sorted(expected.items()):
        if (kind, name) not in present:
            yield Problem(ProblemKind.SCHEMA, f"the {kind} {name} is missing", table=table)
            continue
        has = present[(kind, name)][1]
        if has != sql:
            yield Problem(
                ProblemKind.SCHEMA,
                f"the {kind} {name} is not as the migrations make it: {_difference(has, sql)}",
                table=table,
            )
    for (kind, name), (table, _) in sorted(present.items()):
        if (kind, name) not in expected:
            yield Problem(
                ProblemKind.SCHEMA, f"the {kind} {name} is not part of the schema", table=table
            )


def _schema_objects(connection: sqlite3.Connection) -> dict[tuple[str, str], tuple[str, str]]:
    """(type, name) -> (the table it belongs to, its normalised SQL), for every object but
    SQLite's own."""
    return {
        (kind, name): (table, _normalise(sql or ""))
        for kind, name, table, sql in connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master"
            " WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
        )
    }


# SQL as tokens: what differs only in layout, comments, quoting of identifiers or the case of
# keywords and names means the same to SQLite. String literals (a trigger's message) are kept.
_TOKENS = re.compile(
    r"""(?P<space>\s+|--[^\n]*|/\*.*?(?:\*/|\Z))
    |(?P<string>'(?:[^']|'')*'?)
    |(?P<quoted>"(?:[^"]|"")*"?|`(?:[^`]|``)*`?|\[[^\]]*\]?)
    |(?P<word>\w+)
    |(?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)
_WORD = re.compile(r"\w+")


def _normalise(sql: str) -> str:
    """`sql` with one layout: lower-case names, identifiers unquoted where they can be, a
    space only between two words and no comments."""
    out: list[str] = []
    spaced = False  # whether the last token was a word, literal or quoted name
    for match in _TOKENS.finditer(sql):
        kind, token = match.lastgroup, match.group()
        if kind == "space":
            continue
        if kind == "quoted":
            inner = token[1:-1] if token[0] == "[" else token[1:-1].replace(token[0] * 2, token[0])
            inner = inner.lower()
            token = inner if _WORD.fullmatch(inner) else '"' + inner.replace('"', '""') + '"'
        elif kind == "word":
            token = token.lower()
        word = kind != "other"
        if word and spaced:
            out.append(" ")
        out.append(token)
        spaced = word
    return "".join(out)


def _difference(has: str, expected: str) -> str:
    """Where two normalised definitions part, as a little of each."""
    at = next(
        (i for i, (a, b) in enumerate(zip(has, expected, strict=False)) if a != b),
        min(len(has), len(expected)),
    )
    begin = max(0, at - 20)

    def excerpt(sql: str) -> str:
        part = sql[begin : at + 40]
        return ("…" if begin else "") + part + ("…" if at + 40 < len(sql) else "")

    return f"it has «{excerpt(has)}» where they have «{excerpt(expected)}»"


# Foreign-key failures Hamish knows, by (table, column): what is missing, and how to say so.
_REFERENCES = {
    ("spans", "document_id"): (ProblemKind.MISSING_DOCUMENT, "document"),
    ("spans", "annotator_id"): (ProblemKind.MISSING_ANNOTATOR, "annotator"),
    ("spans", "entity_id"): (ProblemKind.MISSING_ENTITY, "entity"),
    ("links", "source_id"): (ProblemKind.MISSING_SPAN, "source span"),
    ("links", "target_id"): (ProblemKind.MISSING_SPAN, "target span"),
    ("document_status", "document_id"): (ProblemKind.MISSING_DOCUMENT, "document"),
    ("document_status", "annotator_id"): (ProblemKind.MISSING_ANNOTATOR, "annotator"),
}


def _foreign_keys(connection: sqlite3.Connection) -> Iterator[Problem]:
    # foreign_key_check finds every row whose reference is dangling, whether or not foreign
    # keys were on when it was written (a script with plain sqlite3 has them off).
    # By table and row (SQLite's own order follows its schema's hash table; see _integrity).
    columns: dict[tuple[str, int], str] = {}
    for table, rowid, parent, fkid in sorted(
        connection.execute("PRAGMA foreign_key_check"),
        key=lambda row: (row[0], row[1] or 0, row[3]),
    ):
        if (table, fkid) not in columns:
            for row in connection.execute(f'PRAGMA foreign_key_list("{table}")'):
                columns[(table, row[0])] = row[3]
        column = columns.get((table, fkid), "?")
        value = (
            connection.execute(
                f'SELECT "{column}" FROM "{table}" WHERE rowid = ?', [rowid]
            ).fetchone()[0]
            if column != "?"
            else None
        )
        kind, what = _REFERENCES.get(
            (table, column), (ProblemKind.FOREIGN_KEY, f"{parent} row ({column})")
        )
        message = f"refers to {what} {value}, which does not exist"
        if table == "spans":
            (document,) = connection.execute(
                "SELECT document_id FROM spans WHERE rowid = ?", [rowid]
            ).fetchone()
            yield Problem(kind, message, DocumentId(document), span_id=SpanId(rowid))
        elif table == "links":
            yield Problem(kind, message, link_id=LinkId(rowid))
        elif table == "document_status":
            document, annotator = connection.execute(
                "SELECT s.document_id, coalesce(a.name, s.annotator_id) FROM document_status s"
                " LEFT JOIN annotators a ON a.id = s.annotator_id WHERE s.rowid = ?",
                [rowid],
            ).fetchone()
            yield Problem(
                kind,
                f"the status of annotator {annotator} {message}",
                DocumentId(document),
                table=table,
                row_id=rowid,
            )
        else:
            yield Problem(kind, message, table=table, row_id=rowid)


def _documents(connection: sqlite3.Connection) -> Iterator[Problem]:
    for document, text, sha256, characters in connection.execute(
        "SELECT id, text, text_sha256, characters FROM documents ORDER BY id"
    ):
        where = DocumentId(document)
        if text_sha256(text) != sha256:
            yield Problem(
                ProblemKind.TEXT_HASH,
                f"the stored SHA-256 {sha256[:12]}… is not that of the text "
                f"({text_sha256(text)[:12]}…): the text was changed after import",
                where,
            )
        if len(text) != characters:
            yield Problem(
                ProblemKind.CHARACTERS,
                f"{characters} characters are recorded but the text has {len(text)}",
                where,
            )


def _spans(connection: sqlite3.Connection) -> Iterator[Problem]:
    # By document, so each text is read once; spans of a missing document are the
    # foreign-key check's to report.
    current: tuple[int, str] | None = None
    for span_id, document, label, start, end, covered in connection.execute(
        'SELECT s.id, s.document_id, s.label, s.start, s."end", s.text FROM spans s'
        " JOIN documents d ON d.id = s.document_id ORDER BY s.document_id, s.id"
    ):
        if current is None or current[0] != document:
            (text,) = connection.execute(
                "SELECT text FROM documents WHERE id = ?", [document]
            ).fetchone()
            current = (document, text)
        try:
            check_span(current[1], Span(DocumentId(document), "", label, start, end, covered))
        except OffsetError as error:
            yield Problem(ProblemKind.OFFSETS, str(error), DocumentId(document), SpanId(span_id))


def _links(connection: sqlite3.Connection) -> Iterator[Problem]:
    for (
        link,
        source,
        target,
        source_document,
        target_document,
        source_layer,
        target_layer,
    ) in connection.execute(
        "SELECT l.id, l.source_id, l.target_id, s.document_id, t.document_id,"
        " coalesce(a.name, s.annotator_id), coalesce(b.name, t.annotator_id) FROM links l"
        " JOIN spans s ON s.id = l.source_id JOIN spans t ON t.id = l.target_id"
        " LEFT JOIN annotators a ON a.id = s.annotator_id"
        " LEFT JOIN annotators b ON b.id = t.annotator_id"
        " WHERE s.document_id != t.document_id OR s.annotator_id != t.annotator_id"
        " ORDER BY l.id"
    ):
        if source_document != target_document:
            message = (
                f"joins span {source} of document {source_document} to span {target} "
                f"of document {target_document}"
            )
        else:
            message = (
                f"joins span {source} of annotator {source_layer} to span {target} "
                f"of annotator {target_layer}: a link stays in one layer"
            )
        yield Problem(
            ProblemKind.LINK_LAYERS, message, DocumentId(source_document), link_id=LinkId(link)
        )


# Values the app reads, checked the way db/rows.py and db/store.py read them. SQL picks out,
# in one pass per table, the rows whose values might not read (`suspect`, which is cheap and
# may be true of a readable value); the app's own reading then decides for those few rows.

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
    "document_status": ("t.document_id", "coalesce(a.name, t.annotator_id)"),
}


def _values(connection: sqlite3.Connection) -> Iterator[Problem]:
    for table, values in _VALUES.items():
        document, annotator = _PLACES.get(table, ("NULL", "NULL"))
        columns = ", ".join(f't."{value.column}"' for value in values)
        joined = " LEFT JOIN annotators a ON a.id = t.annotator_id" if annotator != "NULL" else ""
        suspect = " OR ".join(
            "coalesce(" + value.suspect.format(c=f't."{value.column}"') + ", 1)" for value in values
        )
        query = (
            f"SELECT t.rowid, {document}, {annotator}, {columns} FROM {table} t{joined}"
            f" WHERE {suspect} ORDER BY t.rowid"
        )
        for row_id, document_id, annotator_name, *read in connection.execute(query):
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


def _search_index(connection: sqlite3.Connection) -> Iterator[Problem]:
    # Which documents the index holds, against the documents there are, leaving out those it
    # has yet to take in (search_pending, caught up with by the next search or import). Its
    # words cannot be compared: a contentless index keeps no copy of what it was given.
    pending = "SELECT document_id FROM search_pending"
    for (document,) in connection.execute(
        "SELECT id FROM documents WHERE id NOT IN (SELECT rowid FROM search_text)"
        f" AND id NOT IN ({pending}) ORDER BY id"
    ):
        yield Problem(
            ProblemKind.SEARCH_INDEX,
            "the search index lacks this document, so searches will not find it",
            DocumentId(document),
        )
    for (rowid,) in connection.execute(
        "SELECT rowid FROM search_text WHERE rowid NOT IN (SELECT id FROM documents)"
        f" AND rowid NOT IN ({pending}) ORDER BY rowid"
    ):
        yield Problem(
            ProblemKind.SEARCH_INDEX,
            f"the search index holds document {rowid}, which does not exist",
            table="search_text",
            row_id=rowid,
        )
    try:
        connection.execute("INSERT INTO search_text (search_text) VALUES ('integrity-check')")
    except sqlite3.OperationalError:
        pass  # busy or read-only: FTS5 checks its index through a write statement
    except sqlite3.DatabaseError as error:
        yield Problem(
            ProblemKind.SEARCH_INDEX, f"the search index is damaged: {error}", table="search_text"
        )
