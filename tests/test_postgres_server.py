"""The tests' throwaway PostgreSQL: a machine without one is told how to get it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.postgres_server import NoPostgres, start_cluster


def test_a_machine_without_postgresql_is_told_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HAMISH_PG_BIN", str(tmp_path))  # a folder with no initdb in it
    with pytest.raises(NoPostgres, match=r"holds no initdb.*apt-get install -y postgresql"):
        start_cluster(tmp_path / "cluster")
    assert not (tmp_path / "cluster" / "data").exists()
