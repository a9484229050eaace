"""The conformance suite: every store test here runs on both engines, SQLite (a new file) and
PostgreSQL (a project on the tests' own throwaway cluster, emptied between tests). A test of
SQLite's own file, pragmas or FTS5 tables is marked `sqlite_only` and runs on SQLite alone."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from annotation.ports import Store
from tests.conftest import empty_project

ENGINES = ("sqlite", "postgresql")


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store(engine: str, database: Path, request: pytest.FixtureRequest) -> Iterator[Store]:
    opened: Store
    if engine == "sqlite":
        from db.store import SqliteStore

        opened = SqliteStore(database)
    else:
        from db.postgres.store import PgStore

        url = request.getfixturevalue("postgres_project")
        empty_project(url)
        opened = PgStore(url)
    yield opened
    opened.close()


@pytest.fixture
def reopen(engine: str, database: Path, request: pytest.FixtureRequest) -> Callable[[], Store]:
    """Opens another connection to the test's store, as a second window would."""
    if engine == "sqlite":
        from db.store import SqliteStore

        return lambda: SqliteStore(database)
    from db.postgres.store import PgStore

    url = request.getfixturevalue("postgres_project")
    return lambda: PgStore(url)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A test marked sqlite_only keeps its SQLite run only.
    items[:] = [
        item
        for item in items
        if not (item.get_closest_marker("sqlite_only") and "[postgresql" in item.name)
    ]
