"""The base of the store's parts: the connection, transactions and shared lookups.

The parts (span_records, entity_records, decision_records, document_records) hold SQL that
SQLite and PostgreSQL both speak, with SQLite's `?` placeholders; each engine's store gives
them a `db` that runs it (sqlite-utils' Database, or db/postgres/database.py's).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from annotation.model import DocumentId
from db.rows import NamedRow


class Cursor(Protocol):
    """What the parts read of a statement's result."""

    @property
    def rowcount(self) -> int: ...
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def __iter__(self) -> Iterator[Any]: ...


class SqlDatabase(Protocol):
    """A connection that runs the parts' SQL."""

    def execute(self, sql: str, params: Any = ..., /) -> Cursor: ...
    def query(self, sql: str, params: Any = ..., /) -> Iterable[dict[str, Any]]: ...


class StoreBase(Protocol):
    """What each part of a store relies on from the others."""

    # The engine's own exception for a broken constraint (a duplicate span, a missing span).
    integrity_errors: tuple[type[Exception], ...]
    _annotator_ids: dict[str, int]  # names to ids, learnt as they are used

    @property
    def db(self) -> SqlDatabase: ...
    def transaction(self) -> AbstractContextManager[None]: ...
    def _text(self, document_id: DocumentId) -> str: ...
    def _rows(self, sql: str, params: list[Any]) -> Sequence[NamedRow]: ...
    def _one(self, sql: str, params: list[Any], what: str) -> dict[str, Any]: ...
    def _annotator_id(self, name: str) -> int: ...
