"""The few calls the store's shared parts make on a database (`execute`, `query`), on a
psycopg connection: the SQL they hold is written once, for both engines.

Their statements use SQLite's `?` placeholders; here each becomes psycopg's `%s` (and a
literal `%` is doubled). An empty `IN ()`, which SQLite takes and PostgreSQL does not, becomes a
comparison with an empty array.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from functools import lru_cache
from typing import Any

import psycopg
from psycopg.rows import dict_row

from db.postgres.faults import server_faults

_EMPTY_IN = re.compile(r"\b(NOT\s+)?IN\s*\(\s*\)", re.IGNORECASE)


_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


@lru_cache(maxsize=512)
def postgres_sql(sql: str, named: bool = False) -> str:
    """SQLite-style SQL (`?` placeholders, or `:name` ones) as psycopg takes it."""
    sql = _EMPTY_IN.sub(lambda m: "<> ALL('{}')" if m.group(1) else "= ANY('{}')", sql)
    sql = sql.replace("%", "%%")
    return _NAMED.sub(r"%(\1)s", sql) if named else sql.replace("?", "%s")


Params = Sequence[Any] | Mapping[str, Any]


def _prepared(sql: str, params: Params) -> tuple[str, Any]:
    if isinstance(params, Mapping):
        return postgres_sql(sql, named=True), dict(params)
    return postgres_sql(sql), list(params)


class Database:
    """A psycopg connection (in autocommit: transactions are explicit, as in SqliteStore)
    seen through the calls of sqlite-utils' Database that the shared parts use."""

    def __init__(self, conn: psycopg.Connection[Any], address: str) -> None:
        self.conn = conn
        self.address = address  # the server, for messages when it fails

    def faults(self) -> AbstractContextManager[None]:
        """Turn the server's failures inside the block into StoreError (db/postgres/faults.py)."""
        return server_faults(self.address, self.conn)

    def execute(self, sql: str, params: Params = ()) -> psycopg.Cursor[Any]:
        with self.faults():
            return self.conn.execute(*_prepared(sql, params))

    def query(self, sql: str, params: Params = ()) -> Iterator[dict[str, Any]]:
        yield from self.rows(sql, params)

    def rows(self, sql: str, params: Params = ()) -> list[dict[str, Any]]:
        with self.faults():
            cursor = self.conn.cursor(row_factory=dict_row)
            return cursor.execute(*_prepared(sql, params)).fetchall()

    @property
    def in_transaction(self) -> bool:
        return self.conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE

    def close(self) -> None:
        self.conn.close()
