"""Reading records out of JSON files, shared by the formats: one safe JSON loader, typed
fields, and errors that name the file and the record."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from annotation.decoding import SourceError
from annotation.exchange.bundle import FormatError
from annotation.regular_files import read_regular

MISSING: Any = object()


def typed(record: dict[str, Any], key: str, kind: type, default: Any = MISSING) -> Any:
    """`record[key]`, which must be a `kind` (or absent, when a default is given)."""
    if key not in record and default is not MISSING:
        return default
    value = record[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(f"{key!r} must be {kind.__name__}, not {type(value).__name__}")
    return value


class JsonProblem(ValueError):
    """JSON that cannot be read safely; `line` is where, when the parser knows."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message, self.line = message, line


# A \uD800-\uDFFF escape: only then can a decoded string hold a lone surrogate.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def loads(text: str) -> Any:
    """`json.loads`, with what it lets through or dies of turned into a JsonProblem: deep
    nesting (RecursionError), integers too long to convert (Python's int max str digits, a
    plain ValueError) and lone surrogates (`"\\ud800"` decodes, then fails to encode when
    stored or written)."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise JsonProblem(f"malformed JSON ({error.msg})", error.lineno) from None
    except RecursionError:
        raise JsonProblem("JSON nested too deeply") from None
    except ValueError:
        raise JsonProblem("malformed JSON (a number too long to read)") from None
    if _SURROGATE_ESCAPE.search(text):
        where = _lone_surrogate(value)
        if where is not None:
            raise JsonProblem(f"a lone surrogate (half a UTF-16 pair) in a string at {where}")
    return value


def _lone_surrogate(value: Any) -> str | None:
    """Where (a JSON path such as `[3].text`) the first string holding a lone surrogate is."""
    stack: list[tuple[str, Any]] = [("$", value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return where
        elif isinstance(item, dict):
            for key, inner in item.items():
                if _SURROGATE.search(key):
                    return f"{where} (a key)"
                stack.append((f"{where}.{key}", inner))
        elif isinstance(item, list):
            stack.extend((f"{where}[{i}]", inner) for i, inner in enumerate(item))
    return None


# An annotation file bigger than this is refused before it is read: far above any real export
# (a 100,000-article Hamish package is about 300 MB), far below what exhausts memory.
MAX_FILE_BYTES = 512 * 2**20


def file_bytes(path: Path, limit: int | None = None) -> bytes:
    """The bytes of an annotation file: a regular file (links followed) of at most `limit`
    bytes (MAX_FILE_BYTES unless told); a FIFO, a device or a file too large is a FormatError
    naming it and saying what it is (regular_files.read_regular, as article import reads)."""
    try:
        return read_regular(path, limit=MAX_FILE_BYTES if limit is None else limit)
    except SourceError as error:
        raise FormatError(path, error.message) from None


def file_text(path: Path) -> str:
    """An annotation file's text, UTF-8 with or without a leading byte-order mark (Windows
    editors write one); read as `file_bytes` reads."""
    try:
        return file_bytes(path).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FormatError(path, f"cannot read the file as UTF-8 ({error})") from None


def json_file(path: Path) -> Any:
    """A whole JSON file, decoded safely; what is wrong is a FormatError naming the file."""
    text = file_text(path)
    try:
        return loads(text)
    except JsonProblem as problem:
        where = f"line {problem.line}" if problem.line else None
        raise FormatError(path, problem.message, where) from None


def json_line(path: Path | str, line: str, where: str) -> Any:
    """One line of a JSON Lines file, decoded safely; a malformed line is named."""
    try:
        return loads(line)
    except JsonProblem as problem:
        raise FormatError(path, problem.message, where) from None


def json_lines(path: Path) -> Iterator[tuple[str, str]]:
    """The non-blank lines of a JSON Lines file, each with where it is ("line 12"); a file
    that cannot be read is a FormatError naming it."""
    # Split only at \n (JSON escapes it inside strings, and a raw U+2028 may sit in one); a
    # trailing \r is whitespace to JSON.
    for number, line in enumerate(file_text(path).split("\n"), start=1):
        if line.strip():
            yield line, f"line {number}"


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


def items(data: dict[str, Any], key: str) -> list[Any]:
    """`data[key]` (an empty list when absent), which must be a list."""
    found = data.get(key, [])
    if not isinstance(found, list):
        raise TypeError(f"{key!r} must be a list, not {type(found).__name__}")
    return found


def an_object(item: Any, what: str) -> dict[str, Any]:
    """`item`, which must be a JSON object (`what` names it in the error)."""
    if not isinstance(item, dict):
        raise TypeError(f"{what} must be a JSON object, not {type(item).__name__}")
    return item
