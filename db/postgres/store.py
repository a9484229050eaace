"""PgStore: the Store protocol of annotation/ports.py on a shared PostgreSQL database, for a
team: every workstation's window connects to it (`--db postgresql://amal@server/project`).

The reads and writes of spans, links, entities, statuses and decisions are the SQLite store's
own parts (db/*_records.py), run through db/postgres/database.py; this module holds what
differs: connecting, transactions, adding documents with their search words, the document list,
and hearing what other workstations committed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from psycopg.conninfo import make_conninfo

from annotation.assistant.pending import is_assistants_layer
from annotation.changes import Changes
from annotation.model import (
    Document,
    DocumentId,
    EntityId,
    LinkId,
    Span,
    SpanId,
    now,
)
from annotation.ports import NotFoundError, StoreError
from db import document_index
from db.assignment_records import AssignmentRecords
from db.decision_records import DecisionRecords
from db.document_index import DocumentList
from db.document_records import DOCUMENT_COLUMNS, DocumentRecords, document_row
from db.door import check_document
from db.entity_records import EntityRecords
from db.postgres import schema
from db.postgres.address import OWNER, connection_failed, first_line, shown_url
from db.postgres.database import Database
from db.postgres.faults import lost_while_committing, server_error, unreachable
from db.postgres.notices import changes_from
from db.postgres.security import is_secured, refusal, refusal_for
from db.postgres.text_search import TextSearch, words_vector
from db.span_records import SpanRecords
from db.span_search import SpanSearch

CONNECT_TIMEOUT_S = 5
TEXTS_KEPT = 8  # documents whose text is kept for checking spans
# Each try of a reconnection blocks the window until it fails: libpq's shortest timeout.
RECONNECT_TIMEOUT_S = 2


def _words_for(documents: Sequence[Document]) -> list[str]:
    return [words_vector(document.text) for document in documents]


class PgStore(
    DocumentRecords,
    DocumentList,
    SpanRecords,
    EntityRecords,
    DecisionRecords,
    AssignmentRecords,
    SpanSearch,
    TextSearch,
):
    """Documents and annotations in one PostgreSQL database, shared by a team."""

    integrity_errors: tuple[type[Exception], ...] = (psycopg.IntegrityError,)

    def __init__(self, url: str, create: bool = False, password: str | None = None) -> None:
        self.url = url
        # A password asked for at start is passed here, never written anywhere; without
        # one, libpq takes it from ~/.pgpass or $PGPASSWORD as every PostgreSQL client does.
        # Kept for reconnecting: a password asked for at start is needed again then.
        self._conninfo = url if password is None else make_conninfo(url, password=password)
        # Texts of the documents opened lately: every span written is checked against its
        # document's text, which would otherwise cross the network at each key press (a long
        # article is 100 KB). Hamish never changes a stored text (the server refuses it once
        # a document is annotated); a notice that documents changed empties it.
        self._texts: dict[DocumentId, str] = {}
        try:
            connection = psycopg.connect(
                self._conninfo, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S
            )
        except psycopg.Error as error:
            raise connection_failed(url, error) from None
        self.db = Database(connection, shown_url(url))
        self._annotator_ids: dict[str, int] = {}
        # What the document list's memory is checked against (document_index.TextFilter):
        # this connection's commits and other workstations' notices, documents' apart.
        self._writes = self._heard = self._documents_written = self._documents_heard = 0
        self._text_filter = document_index.TextFilter(self._list_stamps)
        self._own_pid = connection.info.backend_pid
        self._role: str | None = None  # read when first asked ("" for no role)
        try:
            version = schema.schema_version(connection)
            if version == 0 and create:
                schema.create(connection)
            elif version == 0:
                raise StoreError(
                    f"{shown_url(url)} holds no Hamish project yet: a manager makes one with"
                    f" python main.py server init {shown_url(url)}"
                )
            elif version > schema.LATEST:
                raise StoreError(
                    f"{shown_url(url)} was made by a newer Hamish (schema version {version}, this"
                    f" Hamish has {schema.LATEST}): update Hamish before opening it"
                )
            elif version < schema.LATEST:
                _upgrade(connection, url, version)
            connection.execute(f"LISTEN {schema.CHANNEL}")
            self._role = refuse_strangers(connection, url)
        except psycopg.errors.InsufficientPrivilege:
            user = connection.info.user
            connection.close()
            raise StoreError(
                f"{user} is not a member of the team project {shown_url(url)}:"
                " a manager adds them with python main.py users add"
            ) from None
        except BaseException:
            connection.close()
            raise

    @property
    def location(self) -> Path | None:
        """No file: the project lives on the server (`address` names it)."""
        return None

    @property
    def address(self) -> str:
        """The server and database, without the password."""
        return shown_url(self.url)

    @property
    def member(self) -> str | None:
        """The name the server knows this connection's user by: their layer's name."""
        return self.db.conn.info.user

    @property
    def role(self) -> str | None:
        """The member's role in the project: annotator, curator or manager (the members table
        of db/postgres/security.py); "owner" for a superuser, whom the rules do not bind (the
        one who ran `server init`); None for anyone else, who may read and write nothing."""
        if self._role is None:
            self._role = _role_of(self.db.conn)
        return self._role or None

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes: all land, or on an exception none do. Nested, a savepoint. A server
        lost on the way is a ConnectionLostError: nothing was written, or (lost during the
        COMMIT itself) nobody knows yet whether it was."""
        outermost = not self.db.in_transaction
        written = False
        try:
            with self.db.conn.transaction():
                yield
                written = True
        except psycopg.OperationalError as error:
            self._annotator_ids.clear()
            if written and outermost and self.db.conn.closed:
                raise lost_while_committing(self.address) from None
            raise server_error(self.address, error, self.db.conn) from None
        except psycopg.errors.InsufficientPrivilege as error:
            # The server's rules (a missing grant, or a row the policies refuse) in words.
            self._annotator_ids.clear()
            raise refusal(error, self.role) from None
        except BaseException:
            self._annotator_ids.clear()  # ids learnt inside may name rows that are gone
            raise
        else:
            if outermost:
                self._writes += 1

    @contextmanager
    def reading(self) -> Iterator[None]:
        """One consistent state for a series of reads (REPEATABLE READ: a snapshot)."""
        if self.db.in_transaction:
            yield
            return
        with self.db.faults(), self.db.conn.transaction():
            self.db.conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield

    def changes_elsewhere(self) -> Changes:
        """What other connections committed since the last call, as the server announced it
        (nothing is read from the tables); ConnectionLostError when the server went away."""
        changes = Changes()
        if self.db.conn.closed:  # lost (or closed): "in a transaction" would hide it
            raise unreachable(self.address)
        if self.db.in_transaction:
            return changes  # notices wait until the transaction ends
        with self.db.faults():
            for notice in self.db.conn.notifies(timeout=0):
                if notice.pid != self._own_pid:
                    changes |= changes_from(notice.payload)
        if changes:
            self._heard += 1
        if changes.corpus or changes.everything:
            self._texts.clear()
            self._documents_heard += 1
        return changes

    def wake_socket(self) -> int | None:
        """The connection's socket: readable when a notice arrives or the server goes away
        (None once the connection is closed)."""
        return None if self.db.conn.closed else self.db.conn.fileno()

    def reconnect(self) -> None:
        """Connect again after the server was lost, and LISTEN again; ConnectionLostError
        while it still cannot be reached. Notices sent while nobody listened are lost: the
        caller re-reads what it shows."""
        try:
            connection = psycopg.connect(
                self._conninfo, autocommit=True, connect_timeout=RECONNECT_TIMEOUT_S
            )
            connection.execute(f"LISTEN {schema.CHANNEL}")
        except psycopg.Error:
            raise unreachable(self.address) from None
        self.db.conn.close()
        self.db.conn = connection
        self._own_pid = connection.info.backend_pid
        self._annotator_ids.clear()  # the server may have lost what it had not committed
        self._texts.clear()
        self._heard += 1  # notices sent meanwhile reached nobody
        self._documents_heard += 1

    # Documents

    def add_documents(self, documents: Sequence[Document]) -> list[DocumentId]:
        """Store new documents (with their search words) and return their ids, in order."""
        if not documents:
            return []  # executemany of no rows leaves no result to read
        for document in documents:
            check_document(document)
        stamp = now().isoformat()
        rows = [
            (*document_row(d, stamp), words)
            for d, words in zip(documents, _words_for(documents), strict=True)
        ]
        ids: list[DocumentId] = []
        with self.transaction():
            cursor = self.db.conn.cursor()
            try:
                cursor.executemany(
                    f"INSERT INTO documents ({DOCUMENT_COLUMNS}, words) VALUES (%s, %s, %s, %s,"
                    " %s, %s, %s, %s, %s, %s, %s, %s, %s::tsvector) RETURNING id",
                    rows,
                    returning=True,
                )
            except psycopg.IntegrityError as error:
                raise StoreError(f"a document is already stored with that text ({error})") from None
            while True:
                ids.append(DocumentId(cursor.fetchone()[0]))  # type: ignore[index]
                if not cursor.nextset():
                    break
        self._documents_written += 1
        return ids

    def remove_documents(self, document_ids: Sequence[DocumentId]) -> None:
        """Delete documents with all that is annotated on them."""
        with self.transaction():
            self.db.conn.execute("DELETE FROM documents WHERE id = ANY(%s)", [list(document_ids)])
        self._texts.clear()
        self._documents_written += 1

    def _text(self, document_id: DocumentId) -> str:
        text = self._texts.get(document_id)
        if text is None:
            text = DocumentRecords._text(self, document_id)
            if len(self._texts) >= TEXTS_KEPT:
                del self._texts[next(iter(self._texts))]  # the one kept longest
            self._texts[document_id] = text
        return text

    # Writes the rules filter rather than refuse: an UPDATE or DELETE of a row the policies
    # hide from the writer touches none, which the shared parts report as "no span 5". A row
    # the person can see but not write is their colleague's: say that instead.

    def update_span(self, span: Span, touch: bool = True) -> Span:
        try:
            return super().update_span(span, touch)
        except NotFoundError:
            self._refuse_if_shown("spans", span.id)
            raise

    def remove_span(self, span_id: SpanId) -> None:
        try:
            super().remove_span(span_id)
        except NotFoundError:
            self._refuse_if_shown("spans", span_id)
            raise

    def remove_link(self, link_id: LinkId) -> None:
        try:
            super().remove_link(link_id)
        except NotFoundError:
            self._refuse_if_shown("links", link_id)
            raise

    def remove_entity(self, entity_id: EntityId) -> None:
        try:
            super().remove_entity(entity_id)
        except NotFoundError:
            self._refuse_if_shown("entities", entity_id)
            raise

    def _refuse_if_shown(self, table: str, row_id: int | None) -> None:
        if row_id is None or self.role in (None, OWNER):
            return
        shown = self.db.conn.execute(f"SELECT 1 FROM {table} WHERE id = %s", [row_id]).fetchone()
        if shown and table == "spans" and self._is_suggestion(row_id):
            raise refusal_for("suggestions", self.role)  # a rejection, by an annotator
        if shown:
            raise refusal_for(table, self.role)

    def _is_suggestion(self, span_id: int) -> bool:
        row = self.db.conn.execute(
            "SELECT a.name FROM spans s JOIN annotators a ON a.id = s.annotator_id WHERE s.id = %s",
            [span_id],
        ).fetchone()
        return row is not None and is_assistants_layer(str(row[0]))

    # Helpers for the shared parts

    def _rows(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        return self.db.rows(sql, params)

    def _list_stamps(self, _db: object) -> tuple[object, object]:
        # Another workstation's commit is known here once its notice is read (the window
        # reads them as they arrive, and re-reads its list then); until then the list's
        # memory stands, as the view it fills does.
        return (self._writes, self._heard), (self._documents_written, self._documents_heard)


def _upgrade(connection: psycopg.Connection[Any], url: str, version: int) -> None:
    # A project an earlier Hamish made: brought up to date as it opens, in one transaction.
    try:
        schema.upgrade(connection)
    except psycopg.Error as error:
        reason = first_line(error)
        raise StoreError(
            f"could not upgrade {shown_url(url)} from schema version {version} to"
            f" {schema.LATEST} ({reason}); nothing was changed: the project's owner can open"
            " it once to upgrade it"
        ) from None


def refuse_strangers(connection: psycopg.Connection[Any], url: str) -> str:
    """The connecting login's role in the project; refused when the project has a team and
    they are not in it. The groups belong to the whole server, so a member of another
    project there passes every grant: without this they would open an empty-looking project,
    and their writes would change nothing, silently."""
    role = _role_of(connection)
    if not role and is_secured(connection):
        raise StoreError(
            f"{connection.info.user} is not a member of the team project {shown_url(url)}:"
            " a manager adds them with python main.py users add"
        )
    return role


def _role_of(connection: psycopg.Connection[Any]) -> str:
    """The connecting user's role in the project ("" for none)."""
    row = connection.execute(
        "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user"
    ).fetchone()
    if row and row[0]:
        return OWNER
    if not is_secured(connection):
        return ""
    # A login in none of the groups may not even ask (the function is the groups' alone).
    row = connection.execute(
        "SELECT has_function_privilege('hamish_my_role()', 'EXECUTE')"
    ).fetchone()
    if not (row and row[0]):
        return ""
    row = connection.execute("SELECT hamish_my_role()").fetchone()
    return str(row[0]) if row and row[0] else ""
