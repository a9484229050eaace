"""Writing export files safely: whole or not at all, and JSON written piece by piece.

An export is written to a temporary file beside its destination and moved into place only
when complete, so a cancelled or failed export leaves no half-written file (and never
damages an older export of the same name).
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

# The permissions a new file gets here (read once: os.umask can only be read by setting it).
_UMASK = os.umask(0o022)
os.umask(_UMASK)


@contextmanager
def atomic_binary(out: Path) -> Iterator[IO[bytes]]:
    """A binary stream whose content replaces `out` only if the block ends without error.

    The file is flushed to disk before it takes the old one's place, so a crash leaves the
    old export or the new one, never an empty file; and it gets the permissions a file
    written in place would have (mkstemp's are private), so colleagues can read a shared
    export."""
    handle, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent)
    partial = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(partial, 0o666 & ~_UMASK)
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)


@contextmanager
def atomic_text(out: Path, encoding: str = "utf-8", newline: str = "\n") -> Iterator[IO[str]]:
    """A text stream whose content replaces `out` only if the block ends without error.
    Lines end in `\\n` by default on every platform, so the bytes are the same everywhere
    (`newline=""` leaves line ends to the writer, as csv needs)."""
    with atomic_binary(out) as raw:
        stream = io.TextIOWrapper(raw, encoding, newline=newline)
        try:
            yield stream
        finally:
            stream.detach()  # flushes; leaves `raw` open for atomic_binary to sync and move


@contextmanager
def spill(folder: Path, encoding: str = "utf-8", newline: str = "\n") -> Iterator[IO[str]]:
    """A temporary text file (deleted afterwards) holding a section written out of order."""
    with tempfile.TemporaryFile("w+", encoding=encoding, newline=newline, dir=folder) as stream:
        yield stream


def member(key: str, value: Any) -> str:
    """`"key": value` as it appears inside a top-level object dumped with indent=1."""
    return json.dumps({key: value}, ensure_ascii=False, indent=1)[2:-2]


class JsonArray:
    """The items of an array that is a member of a top-level object, written in chunks as
    they come, byte for byte as `json.dumps(whole_object, ensure_ascii=False, indent=1)`
    would write them. Each chunk goes through one `json.dumps` call, not one per item."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream, self.empty = stream, True

    def extend(self, items: Sequence[Any]) -> None:
        """Append items."""
        if not items:
            return
        # Dumped alone the chunk is indented one level; inside the object it sits one level
        # deeper. A raw newline only ever appears in the indentation (JSON escapes those in
        # strings), so indenting every line by one space is exact.
        inner = json.dumps(list(items), ensure_ascii=False, indent=1)[2:-2]
        self.stream.write(("\n " if self.empty else ",\n ") + inner.replace("\n", "\n "))
        self.empty = False

    def close(self) -> str:
        """The array's closing text ("]" at the right indentation)."""
        return "]" if self.empty else "\n ]"
