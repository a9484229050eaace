"""The base of the store's parts: the connection, transactions and shared lookups."""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from typing import Any, Protocol

import sqlite_utils

from annotation.model import DocumentId


class StoreBase(Protocol):
    """What each part of SqliteStore relies on from the others."""

    db: sqlite_utils.Database

    def transaction(self) -> AbstractContextManager[None]: ...
    def _text(self, document_id: DocumentId) -> str: ...
    def _rows(self, sql: str, params: list[Any]) -> list[sqlite3.Row]: ...
    def _one(self, sql: str, params: list[Any], what: str) -> dict[str, Any]: ...
    def _annotator_id(self, name: str) -> int: ...
