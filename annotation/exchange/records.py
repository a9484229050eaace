"""Reading records out of JSON files, shared by the formats: typed fields, and errors that
name the file and the record."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from annotation.exchange.bundle import FormatError

MISSING: Any = object()


def typed(record: dict[str, Any], key: str, kind: type, default: Any = MISSING) -> Any:
    """`record[key]`, which must be a `kind` (or absent, when a default is given)."""
    if key not in record and default is not MISSING:
        return default
    value = record[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(f"{key!r} must be {kind.__name__}, not {type(value).__name__}")
    return value


def json_line(path: Path | str, line: str, where: str) -> Any:
    """One line of a JSON Lines file, decoded; a malformed line is named."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as error:
        raise FormatError(path, f"malformed JSON ({error.msg})", where) from None


def json_lines(path: Path) -> Iterator[tuple[str, str]]:
    """The non-blank lines of a JSON Lines file, each with where it is ("line 12"); a file
    that cannot be read is a FormatError naming it."""
    try:
        # utf-8-sig: tolerate a byte-order mark another tool put there. newline="\n": split
        # only at \n (JSON escapes it inside strings); a trailing \r is whitespace to JSON.
        with path.open(encoding="utf-8-sig", newline="\n") as stream:
            for number, line in enumerate(stream, start=1):
                if line.strip():
                    yield line, f"line {number}"
    except (OSError, UnicodeDecodeError) as error:
        raise FormatError(path, f"cannot read the file ({error})") from None


@contextmanager
def naming(path: Path | str, where: str) -> Iterator[None]:
    """Turn a missing key, a wrong type or a bad value met while reading a record into a
    FormatError that names the file and the record."""
    try:
        yield
    except FormatError:
        raise
    except (KeyError, TypeError, ValueError) as error:
        raise FormatError(
            path, f"a record is incomplete or wrong ({type(error).__name__}: {error})", where
        ) from None
