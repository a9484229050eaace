"""Moving a project between engines: every row of one store copied into an empty other, ids
and timestamps kept (`python main.py copy --from project.sqlite3 --to postgresql://...`).

The copy works on the engines' rows, not through the Store protocol: the protocol gives new
documents and entities new ids, and a copy must keep every id (links, decisions' keys and
people's notes name them). It reads the source in one consistent snapshot and writes the target
in one transaction: an empty target stays empty if anything fails or the person cancels.

What is copied is checked on the way as the stores check what they store: each document by the
door (db/door.py) and against its SHA-256, each span against its document's text. A source that
fails is refused with the record named, so `python main.py check` on it says the rest.
Each engine then fills its own search index: SQLite's FTS5 from search_pending, PostgreSQL's
`words` column (db/postgres/text_search.py); PostgreSQL's id sequences are moved past the
copied ids, so the next span added in the copy gets a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from annotation.model import Document, DocumentId, Span, SpanId, text_sha256
from annotation.offsets import OffsetError, check_span
from annotation.ports import Cancelled, Store, StoreError
from db.door import check_document
from db.postgres.address import OWNER, first_line
from db.search_index import index_pending
from db.store import SqliteStore

if TYPE_CHECKING:
    from db.postgres.store import PgStore

BATCH = 1000  # documents (with their spans), or other rows, read and written at a time

_DOCUMENT_COLUMNS = (
    "id",
    "external_id",
    "title",
    "title_key",
    "source",
    "url",
    "date",
    "text",
    "text_sha256",
    "characters",
    "imported_from",
    "import_notes",
    "imported_at",
)
_SPAN_COLUMNS = (
    "id",
    "document_id",
    "annotator_id",
    "label",
    "start",
    "end",
    "text",
    "attributes",
    "entity_id",
    "origin",
    "created_at",
    "updated_at",
)

# The tables in the order their references allow, each with its columns and the key it is
# read in (at schema 7: a later migration's table is added here with it).
TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "annotators": (("id", "name", "created_at"), ("id",)),
    "entities": (("id", "kind", "name", "aliases", "attributes"), ("id",)),
    "documents": (_DOCUMENT_COLUMNS, ("id",)),
    "spans": (_SPAN_COLUMNS, ("document_id", "id")),
    "links": (("id", "kind", "source_id", "target_id", "created_at"), ("id",)),
    "document_status": (
        ("document_id", "annotator_id", "status", "updated_at"),
        ("document_id", "annotator_id"),
    ),
    "decisions": (
        (
            "id",
            "document_id",
            "gold",
            "key",
            "choice",
            "reason",
            "decided_by",
            "decided_at",
        ),
        ("id",),
    ),
    "assignments": (
        ("document_id", "annotator_id", "assigned_at", "assigned_by"),
        ("document_id", "annotator_id"),
    ),
}
# What refers to documents and spans, copied after them (a table added to TABLES is copied).
_AFTER_DOCUMENTS = [
    table for table in TABLES if table not in ("annotators", "entities", "documents", "spans")
]
# PostgreSQL's tables whose ids come from a sequence (db/postgres/schema.py).
_SEQUENCED = ("documents", "annotators", "entities", "spans", "links", "decisions")

Row = tuple[Any, ...]


class CopyCancelled(Cancelled):
    """The person cancelled the copy; nothing was written to the target."""


@dataclass(frozen=True, slots=True)
class CopyProgress:
    """How far a copy has got: `done` of `total` rows, now in `table`."""

    done: int
    total: int
    table: str


# Called as the copy goes; returning False cancels it.
ProgressCallback = Callable[[CopyProgress], bool]


@dataclass(slots=True)
class CopyReport:
    """How many rows of each table were copied."""

    rows: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))

    def __str__(self) -> str:
        return ", ".join(f"{count:,} {_shown(table)}" for table, count in self.rows.items())


def check_sees_everything(store: Store, doing: str) -> None:
    """StoreError unless whoever reads `store` sees all of it: on a team server an annotator
    sees only what the project's rules show them (in a blind project, not colleagues' layers),
    and a copy or a check of that would leave their work out while saying all is well."""
    if store.role in (None, OWNER, "manager", "curator"):
        return
    raise StoreError(
        f"{store.member} is {_article(store.role or 'no member')} of {store.address}, who sees"
        f" only part of the project: {doing} it as a curator, a manager or the server's"
        " administrator, or colleagues' work would be left out"
    )


def _article(role: str) -> str:
    return f"an {role}" if role[:1] in "aeiou" else f"a {role}"


def copy_project(
    source: Store, target: Store, progress: ProgressCallback | None = None
) -> CopyReport:
    """Copy every document, annotator, entity, span, link, status and decision of `source`
    into `target`, which must hold none; all or nothing. Raises StoreError naming what is
    wrong (a target that is not empty, a record that does not check), CopyCancelled when
    `progress` returns False."""
    check_sees_everything(source, "copy")
    if target.role not in (None, OWNER):
        # COPY and the id sequences are the owner's on a project the rules guard, and each
        # layer may be written only by its annotator: nobody else can fill every one.
        raise StoreError(
            f"a copy into the team project {target.address} is made as the server's"
            " administrator (its superuser, postgres on Debian), who alone may fill every"
            f" layer; {target.member} is its {target.role}. Nothing was copied"
        )
    reader, writer = _engine(source), _engine(target)
    if source.address == target.address or _same_file(source, target):
        raise StoreError(f"{source.address} is both the source and the target of the copy")
    report = CopyReport()
    try:
        with source.reading(), target.transaction():
            writer.claim()
            _refuse_a_project_in_use(target, writer)
            totals = {table: _count(reader, table) for table in TABLES}
            ticker = _Ticker(progress, sum(totals.values()))
            for table in ("annotators", "entities"):
                _copy_table(reader, writer, table, report, ticker)
            _copy_documents(reader, writer, report, ticker)
            for table in _AFTER_DOCUMENTS:
                _copy_table(reader, writer, table, report, ticker)
            writer.finish()
    except (*reader.errors, *writer.errors) as error:
        # A row the target refuses (a reference to nothing, from a damaged source), a lost
        # connection, a full disk: the transaction was rolled back.
        reason = first_line(error)
        raise StoreError(
            f"the copy from {source.address} to {target.address} failed ({reason});"
            " nothing was written"
        ) from error
    return report


def _same_file(source: Store, target: Store) -> bool:
    a, b = source.location, target.location
    return a is not None and b is not None and a.exists() and b.exists() and a.samefile(b)


def _refuse_a_project_in_use(target: Store, writer: _Writer) -> None:
    held = {table: _count(writer, table) for table in TABLES}
    if any(held.values()):
        shown = ", ".join(f"{count:,} {_shown(table)}" for table, count in held.items() if count)
        raise StoreError(
            f"{target.address} is not empty (it holds {shown}): a project is copied only into"
            " an empty one, so nothing was written"
        )


def _shown(table: str) -> str:
    return "statuses" if table == "document_status" else table


def _count(side: _Side, table: str) -> int:
    row = side.store.db.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row is not None else 0


class _Ticker:
    def __init__(self, progress: ProgressCallback | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def __call__(self, table: str, rows: int) -> None:
        self.done += rows
        if self.progress and not self.progress(CopyProgress(self.done, self.total, table)):
            raise CopyCancelled()


def _batches(
    side: _Side, table: str, where: str = "", params: Sequence[Any] = ()
) -> Iterator[list[Row]]:
    """The table's rows in key order, a batch at a time (keyset paging: each batch one
    indexed read, however far into the table)."""
    columns, key = TABLES[table]
    selected = ", ".join(f'"{column}"' for column in columns)
    at = [columns.index(column) for column in key]
    after: list[Any] | None = None
    while True:
        conditions = [where] if where else []
        if after is not None:
            conditions.append(f"({', '.join(key)}) > ({', '.join('?' * len(key))})")
        sql = f"SELECT {selected} FROM {table}"
        if conditions:
            sql += " WHERE " + " AND ".join(conditions)
        sql += f" ORDER BY {', '.join(key)} LIMIT {BATCH}"
        rows = [tuple(row) for row in side.store.db.execute(sql, [*params, *(after or [])])]
        if not rows:
            return
        yield rows
        after = [rows[-1][i] for i in at]


def _copy_table(
    reader: _Side, writer: _Writer, table: str, report: CopyReport, tick: _Ticker
) -> None:
    for rows in _batches(reader, table):
        writer.insert(table, rows)
        report.rows[table] += len(rows)
        tick(table, len(rows))


def _copy_documents(reader: _Side, writer: _Writer, report: CopyReport, tick: _Ticker) -> None:
    # A batch of documents, then their spans checked against the texts in hand: each text is
    # read once. Links come after every span, as a damaged one may join two documents.
    for documents in _batches(reader, "documents"):
        texts = {row[0]: _checked_document(row) for row in documents}
        writer.insert("documents", documents)
        report.rows["documents"] += len(documents)
        tick("documents", len(documents))
        first, last = documents[0][0], documents[-1][0]
        for spans in _batches(reader, "spans", "document_id BETWEEN ? AND ?", [first, last]):
            for span in spans:
                _check_span(texts[span[1]], span)
            writer.insert("spans", spans)
            report.rows["spans"] += len(spans)
            tick("spans", len(spans))


def _checked_document(row: Row) -> str:
    values = dict(zip(_DOCUMENT_COLUMNS, row, strict=True))
    where = f"document {values['id']}"
    text = values["text"]
    if not isinstance(text, str) or text_sha256(text) != values["text_sha256"]:
        raise _refused(f"{where}: its stored SHA-256 is not that of its text")
    if values["characters"] != len(text):
        raise _refused(
            f"{where}: {values['characters']} characters recorded, the text has {len(text)}"
        )
    try:
        check_document(
            Document(
                text,
                values["text_sha256"],
                title=values["title"] or "",
                external_id=values["external_id"],
                source=values["source"],
                url=values["url"],
                date=values["date"],
                imported_from=values["imported_from"],
            )
        )
    except StoreError as error:
        raise _refused(f"{where}: {error}") from None
    return text


def _check_span(text: str, row: Row) -> None:
    # Offsets and covered text, what every read of a layer checks: a span failing it would
    # break the copy's windows. (A span splitting a letter reads; `check` reports it on both.)
    values = dict(zip(_SPAN_COLUMNS, row, strict=True))
    span = Span(
        DocumentId(values["document_id"]),
        "",
        values["label"],
        values["start"],
        values["end"],
        values["text"],
        id=SpanId(values["id"]),
    )
    try:
        check_span(text, span)
    except OffsetError as error:
        raise _refused(f"document {values['document_id']}, {error}") from None


def _refused(message: str) -> StoreError:
    return StoreError(
        f"cannot copy {message}; nothing was written (python main.py check on the source"
        " lists every such problem)"
    )


# The engines


class _Side:
    """A store seen as the copy reads it: its database's `execute` (both engines take `?`)."""

    def __init__(self, store: SqliteStore | PgStore) -> None:
        self.store = store


class _Writer(_Side):
    errors: tuple[type[Exception], ...] = ()  # what the engine's driver raises

    def claim(self) -> None:
        """Keep other writers out of the target until the copy commits."""

    def insert(self, table: str, rows: list[Row]) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        """Bring what the engine derives from the rows up to date (inside the transaction)."""


class _SqliteWriter(_Writer):
    store: SqliteStore
    errors = (sqlite3.Error,)  # (transaction() takes the write lock: nothing to claim)

    def insert(self, table: str, rows: list[Row]) -> None:
        columns = TABLES[table][0]
        names = ", ".join(f'"{column}"' for column in columns)
        marks = ", ".join("?" * len(columns))
        self.store.db.conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)

    def finish(self) -> None:
        # The documents' insert trigger noted each in search_pending.
        index_pending(self.store.db)


class _PgWriter(_Writer):
    store: PgStore

    def __init__(self, store: PgStore) -> None:
        import psycopg

        super().__init__(store)
        self.errors = (psycopg.Error,)

    def claim(self) -> None:
        # A colleague's window writing into the project while it is filled would take ids the
        # copy brings, or find its work under a project it never saw: others read, not write.
        tables = ", ".join(TABLES)
        self.store.db.conn.execute(f"LOCK TABLE {tables} IN SHARE ROW EXCLUSIVE MODE".encode())

    def insert(self, table: str, rows: list[Row]) -> None:
        from db.postgres.text_search import words_vector

        columns = TABLES[table][0]
        if table == "documents":
            columns = (*columns, "words")
            at = _DOCUMENT_COLUMNS.index("text")
            rows = [(*row, words_vector(row[at])) for row in rows]
        names = ", ".join(f'"{column}"' for column in columns)
        # COPY: the bulk load PostgreSQL is built for, many times faster than INSERTs.
        with (
            self.store.db.conn.cursor() as cursor,
            cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)

    def finish(self) -> None:
        for table in _SEQUENCED:
            self.store.db.conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                f" coalesce(max(id), 0) + 1, false) FROM {table}"
            )


def _engine(store: Store) -> _Writer:
    if isinstance(store, SqliteStore):
        return _SqliteWriter(store)
    from db.postgres.store import PgStore

    if isinstance(store, PgStore):
        return _PgWriter(store)
    raise TypeError(
        f"a project is copied between Hamish's own stores, not a {type(store).__name__}"
    )
