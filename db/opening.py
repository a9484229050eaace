"""How the rest of the program gets its stores: `resolve_database` reads what --db (or the
environment) names, a database file or a team server's URL; `open_store` opens it for the
composition root (the window's start and the terminal), `connector` for work on another
thread. Outside db/, nothing names an engine's store, so both slot in behind
annotation/ports.py."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from annotation.ports import Connect, Store
from db.location import ENVIRONMENT_VARIABLE, resolve_database_path
from db.postgres.address import PasswordNeeded, is_server_url, password_for, shown_url
from db.store import SqliteStore


@dataclass(frozen=True, slots=True)
class Server:
    """A team project on a PostgreSQL server, named by its URL
    (postgresql://amal@server/project); shown without its password."""

    url: str
    # Asked for at start when the server wants one; kept in memory only, for this window's
    # other connections (its workers).
    password: str | None = field(default=None, repr=False, compare=False)

    def __str__(self) -> str:
        return shown_url(self.url)


Where = Path | Server
__all__ = [
    "Connector",
    "PasswordNeeded",
    "Server",
    "Where",
    "connector",
    "is_server_url",
    "open_store",
    "shown_url",
]


def resolve_database(explicit: str | os.PathLike[str] | None = None) -> Where:
    """The database --db names (or $HAMISH_DB, or the default file): a server's URL, or a file
    checked as db/location.py checks it."""
    given = os.fspath(explicit) if explicit is not None else os.environ.get(ENVIRONMENT_VARIABLE)
    if given is not None and is_server_url(given):
        return Server(given)
    return resolve_database_path(explicit)


def open_store(where: Where) -> Store:
    """The store at `where`: a database file, made or upgraded as needed (a read-only file
    opens read-only), or a team server's project; StoreError says why it cannot be opened."""
    if isinstance(where, Server):
        from db.postgres.store import PgStore  # psycopg is loaded only for a server

        return PgStore(where.url, password=where.password or password_for(where.url))
    return SqliteStore(where)


@dataclass(frozen=True, slots=True)
class Connector:
    """Opens a store on its own connection to the database at `where` at each call."""

    where: Where

    @property
    def location(self) -> Path | None:
        """The database file, which no export may write over (None: a server's)."""
        return self.where if isinstance(self.where, Path) else None

    def __call__(self) -> Store:
        return open_store(self.where)


def connector(where: Where) -> Connect:
    """What a worker thread calls for its own connection to the database at `where` (a
    connection must not serve two threads at once); the worker closes what it opens."""
    return Connector(where)
