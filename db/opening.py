"""How the rest of the program gets its stores: `open_store` for the composition root (the
window's start and the terminal), `connector` for work on another thread. Outside db/, nothing
names the SQLite store, so another storage engine can slot in behind annotation/ports.py."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from annotation.ports import Connect, Store
from db.store import SqliteStore


def open_store(path: Path) -> Store:
    """The store on the database file at `path`, made or upgraded as needed (a read-only
    file opens read-only); StoreError says why it cannot be opened."""
    return SqliteStore(path)


@dataclass(frozen=True, slots=True)
class Connector:
    """Opens a store on its own connection to the database at `location` at each call."""

    location: Path

    def __call__(self) -> Store:
        return SqliteStore(self.location)


def connector(path: Path) -> Connect:
    """What a worker thread calls for its own connection to the database at `path` (a
    connection must not serve two threads at once); the worker closes what it opens."""
    return Connector(path)
