"""What the terminal says when a command fails, and a guard on everything it prints.

Every failure becomes one line naming the file or record and what to do; only a failure
nobody foresaw also leaves its traceback, in a log file the person can send. Never imports Qt.
"""

from __future__ import annotations

import errno
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

import platformdirs

from annotation.ports import StoreError
from annotation.printable import VISIBLE_CONTROLS
from db.location import DatabasePathError, OutputRefused

# sysexits.h: EX_USAGE for a command that cannot mean what it says, EX_SOFTWARE for ours.
USAGE, FAILED, UNEXPECTED = 2, 1, 70

_OS_WORDS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file would be larger than this system allows",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "not permitted",
    errno.ENOENT: "there is no such file or folder",
    errno.EISDIR: "it is a folder, not a file",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EIO: "the disk reported an input/output error",
}


def explain(error: BaseException, args: Any = None) -> str:
    """One line saying what went wrong, for `error: ...`."""
    if isinstance(error, StoreError | DatabasePathError | OutputRefused):
        return str(error)
    if isinstance(error, OSError):
        return _os_error(error, getattr(args, "out", None))
    if type(error).__module__ == "sqlite3" or (
        # Text no decoder can read, met by a command whose only input is the database:
        # damaged pages can hold bytes that SQLite hands over as text (a random overwrite
        # said "the input holds text that is not valid Unicode" for `stats`).
        isinstance(error, UnicodeError) and getattr(args, "command", "import") != "import"
    ):
        # Raised by SQLite in the middle of a command (the store turns the ones it expects
        # into StoreError): pages overwritten on disk read as "malformed" only when reached.
        database = getattr(args, "db", None) or "the database"
        return (
            f"{database} could not be read ({error}): it may be damaged; "
            f"`python main.py check --db {database}` says where, and a backup restores it"
        )
    if isinstance(error, RecursionError):
        return "the input nests too deeply to read (brackets inside brackets); nothing was changed"
    if isinstance(error, MemoryError):
        return "not enough memory for this input; nothing was changed"
    if isinstance(error, UnicodeError):
        return f"the input holds text that is not valid Unicode ({error}); nothing was changed"
    if isinstance(error, ValueError) and "digits" in str(error):
        return f"the input holds a number too long to read ({error}); nothing was changed"
    if isinstance(error, ValueError):
        return str(error)  # our own refusals (formats, options) are ValueErrors with a message
    log = _log_unexpected(error, args)
    return (
        f"an unexpected problem ({type(error).__name__}: {error}); nothing more was done. "
        f"The details are in {log}: please send them with the command you ran"
    )


def exit_status(error: BaseException) -> int:
    """The exit status for a failure explained by `explain`."""
    if isinstance(error, DatabasePathError | OutputRefused):
        return USAGE
    if isinstance(error, StoreError | OSError | ValueError | RecursionError | MemoryError):
        return FAILED
    if type(error).__module__ == "sqlite3":
        return FAILED
    return UNEXPECTED


def _os_error(error: OSError, out: Path | None) -> str:
    words = _OS_WORDS.get(error.errno or 0) or error.strerror or str(error)
    where = error.filename2 if error.filename2 is not None else error.filename
    if where is None and out is not None:
        # Written through a descriptor (a temporary file beside it): the file meant is --out,
        # which every writer leaves as it was unless the whole of it could be written.
        return f"{out}: {words}; nothing was written there (an earlier file is unchanged)"
    return f"{where}: {words}" if where is not None else str(words)


def _log_unexpected(error: BaseException, args: Any) -> Path | str:
    """Write the traceback where the person can find it; its path, or why it could not be."""
    folder = platformdirs.user_log_path("hamish", appauthor=False)
    moment = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    path = folder / f"problem-{moment}.txt"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        details = "".join(traceback.format_exception(error))
        path.write_text(f"command: {args}\n\n{details}", encoding="utf-8")
    except OSError as failure:
        return f"(no log: {failure.strerror})"
    return path


class _Printable:
    """A text stream that writes control characters as visible escapes."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(text.translate(VISIBLE_CONTROLS))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def printable(stream: TextIO) -> TextIO:
    """`stream`, guarded so that what is printed cannot drive the terminal."""
    if isinstance(stream, _Printable):
        return stream
    return _Printable(stream)  # type: ignore[return-value]
