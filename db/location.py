"""Where the database lives: `--db PATH`, else `$HAMISH_DB`, else the user data directory."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENVIRONMENT_VARIABLE = "HAMISH_DB"
FILE_NAME = "hamish.sqlite3"


def default_database_path() -> Path:
    """The per-user database file, e.g. ~/.local/share/hamish/hamish.sqlite3 on Linux."""
    return platformdirs.user_data_path("hamish", appauthor=False) / FILE_NAME


def resolve_database_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database to open: an explicit path wins, then the environment, then the default."""
    if explicit:
        return Path(explicit).expanduser()
    from_environment = os.environ.get(ENVIRONMENT_VARIABLE)
    if from_environment:
        return Path(from_environment).expanduser()
    return default_database_path()
