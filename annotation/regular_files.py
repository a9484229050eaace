"""Reading a file that must be a regular file: never a named pipe, a device or a socket.

Every importer reads through `read_regular` (issue 13, item 10, and its review): `/dev/zero`
read without limit grew an import to 3.3 GB in 8 s, a named pipe blocked it forever. The path
is checked before it is opened, opened without blocking (a pipe put in its place since opens
at once instead of waiting for a writer), checked again on the open descriptor, and read in
chunks up to a bound, so a file that grows while it is read is refused too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from annotation.decoding import SourceError

_CHUNK = 2**20


def file_kind(mode: int) -> str:
    """What a file of this `st_mode` is, in words ("a named pipe (FIFO)", "a character device")."""
    kinds = [
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ]
    return next((kind for test, kind in kinds if test(mode)), "a special file")


def special_file(path: Path) -> str | None:
    """What `path` is when it exists and is no regular file (links followed), else None."""
    try:
        mode = path.stat().st_mode
    except (OSError, RuntimeError):
        return None
    return None if stat.S_ISREG(mode) else file_kind(mode)


def read_regular(path: Path, name: str | None = None, limit: int | None = None) -> bytes:
    """The bytes of `path`, a regular file (links followed) of at most `limit` bytes; else a
    SourceError naming it (`name`, when given) and saying what it is."""
    label = str(path) if name is None else name
    try:
        before = os.stat(path).st_mode
        if not stat.S_ISREG(before):
            raise SourceError(label, f"{file_kind(before)}, not a regular file: not read")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as file:
            status = os.fstat(fd)
            if not stat.S_ISREG(status.st_mode):
                raise SourceError(
                    label, f"{file_kind(status.st_mode)}, not a regular file: not read"
                )
            if limit is None:
                return file.read()
            _within(label, status.st_size, limit)
            chunks: list[bytes] = []
            size = 0
            while chunk := file.read(_CHUNK):
                size += len(chunk)
                _within(label, size, limit)  # the file grew since fstat
                chunks.append(chunk)
            return b"".join(chunks)
    except OSError as exc:
        raise SourceError(label, f"cannot read file ({exc.strerror or exc})") from None


def _within(label: str, size: int, limit: int) -> None:
    if size > limit:
        raise SourceError(
            label,
            f"too large ({size / 2**20:,.0f} MB or more; the limit is {limit // 2**20} MB): not read",
        )
