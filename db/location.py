"""Where the database lives (`--db PATH`, else `$HAMISH_DB`, else the user data directory),
and which paths a command may write to without harming it."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

import platformdirs

ENVIRONMENT_VARIABLE = "HAMISH_DB"
FILE_NAME = "hamish.sqlite3"
# SQLite's own files beside a database: its write-ahead log, the log's index, and the
# rollback journal. Writing over any of them damages the database as surely as over it.
SIDE_FILES = ("-wal", "-shm", "-journal")


class DatabasePathError(ValueError):
    """A database path that cannot name a database Hamish keeps (empty, in memory, a folder)."""


class OutputRefused(ValueError):
    """An output path a command must not write to (the database, a device, a missing folder)."""


def default_database_path() -> Path:
    """The per-user database file, e.g. ~/.local/share/hamish/hamish.sqlite3 on Linux."""
    return platformdirs.user_data_path("hamish", appauthor=False) / FILE_NAME


def resolve_database_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database to open: an explicit path wins, then the environment, then the default.

    An empty path is refused rather than read as "not given": `--db "$PROJECT"` with the
    variable unset would otherwise write into the per-user database unnoticed. So is
    `:memory:`, which SQLite takes for a database that vanishes when the command ends."""
    if explicit is not None:
        return _checked(os.fspath(explicit), "--db")
    from_environment = os.environ.get(ENVIRONMENT_VARIABLE)
    if from_environment is not None:
        return _checked(from_environment, f"${ENVIRONMENT_VARIABLE}")
    return default_database_path()


def _checked(value: str, given_by: str) -> Path:
    if not value.strip():
        raise DatabasePathError(f"{given_by} is empty: name the database file")
    if value.endswith(("/", os.sep, "/.")):
        raise DatabasePathError(f"{given_by} {value} names a folder, not a database file")
    if value.endswith(SIDE_FILES):
        # SQLite deletes a -journal or -wal it finds beside a database it opens: a database
        # kept under such a name vanished the next time its namesake was opened.
        raise DatabasePathError(
            f"{given_by} {value} is the name of a file SQLite keeps beside a database"
            " (it may delete it): name the database itself"
        )
    if value == ":memory:" or value.startswith("file:"):
        raise DatabasePathError(
            f"{given_by} {value!r} is not a file: Hamish keeps its work in a database file"
        )
    try:
        path = Path(value).expanduser()
    except RuntimeError:  # "~nobody/x": no such user, no home to expand
        raise DatabasePathError(f"{given_by} {value}: no home folder for that user") from None
    if path.is_dir():
        raise DatabasePathError(f"{given_by} {path} is a folder, not a database file")
    if path.exists() and not path.is_file():
        raise DatabasePathError(
            f"{given_by} {path} is not a regular file (a device, pipe or socket)"
        )
    return path


def check_database_exists(path: Path) -> None:
    """Raise DatabasePathError unless the database is there: only an import (or the window)
    starts a new one, so a mistyped --db is said instead of read as an empty project."""
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        said = "there is no database" if not path.exists() else "an empty file is no database:"
        raise DatabasePathError(
            f"{said} {path} (a new one is made by importing articles into it:"
            f" python main.py import --db {path} FILE...)"
        )


def database_files(database: Path) -> list[Path]:
    """The database file and the files SQLite keeps beside it."""
    return [database, *(database.with_name(database.name + side) for side in SIDE_FILES)]


def check_output(
    out: Path,
    database: Path | None,
    *,
    folder: bool = False,
    companions: Iterable[Path] = (),
) -> None:
    """Raise OutputRefused unless a command may write `out` (a file, or with `folder` a
    folder of files), and each file it writes beside it (`companions`), without harming
    anything.

    Refused: the open database or one of SQLite's files beside it (by name, through links,
    or as the same file under another name), a folder that holds them (for folder outputs),
    a device, pipe or socket (written "in place", `/dev/null` as root became a regular file),
    a folder where a file is wanted, and a destination whose folder does not exist."""
    for companion in companions:
        check_output(companion, database)
    if database is not None:
        for protected in database_files(database):
            if _same_place(out, protected):
                raise OutputRefused(
                    f"{out} is the database {database}"
                    + ("" if protected == database else f" (its {protected.name})")
                    + ": writing there would destroy it; choose another file"
                )
        if folder and _inside(database, out):
            raise OutputRefused(
                f"{out} holds the database {database}: choose a folder of its own for the export"
            )
    try:
        mode = out.stat().st_mode
    except FileNotFoundError:
        parent = out.parent
        if not parent.is_dir():
            raise OutputRefused(f"{out}: the folder {parent} does not exist") from None
        _check_writable(out)
        return
    except OSError as error:
        raise OutputRefused(f"{out}: {error.strerror}") from None
    if stat.S_ISDIR(mode) and not folder:
        raise OutputRefused(f"{out} is a folder: name a file to write")
    if stat.S_ISREG(mode) and folder:
        raise OutputRefused(f"{out} is a file: this format writes a folder")
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise OutputRefused(f"{out} is not a regular file (a device, pipe or socket)")
    _check_writable(out)


def _check_writable(out: Path) -> None:
    # Every output is written beside its destination and moved into place, so its folder
    # must take new files (a read-only share said "unable to open database file").
    if not os.access(out.parent if str(out.parent) else ".", os.W_OK):
        raise OutputRefused(f"{out}: the folder {out.parent} cannot be written")


def _same_place(out: Path, protected: Path) -> bool:
    if os.path.realpath(out) == os.path.realpath(protected):
        return True
    try:
        return out.exists() and protected.exists() and out.samefile(protected)
    except OSError:
        return False


def _inside(database: Path, folder: Path) -> bool:
    return Path(os.path.realpath(database)).is_relative_to(os.path.realpath(folder))
