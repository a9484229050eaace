"""Read one article file into article records: a plain text file is one article, a JSON
Lines file one a line, a JSON file one or many (an array, or an object holding one); the text,
title, id, URL, source and date are found under the keys news exporters use. Which files there
are to read is annotation/sources.py's business."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from annotation.decoding import SourceError, decode
from annotation.model import MAX_FIELD, MAX_TITLE, name_problem
from annotation.printable import escape_controls, strip_controls
from annotation.sources import SourceFile

_TEXT_KEYS = ("text", "content", "body", "article", "story")
_TEXT_KEY_LIST = ", ".join(_TEXT_KEYS[:-1]) + " or " + _TEXT_KEYS[-1]
_TITLE_KEYS = ("title", "headline")
_ID_KEYS = ("id", "_id", "doc_id", "article_id", "uuid")
_URL_KEYS = ("url", "link")
_SOURCE_KEYS = ("source", "publisher", "site", "outlet")
_DATE_KEYS = ("date", "date_published", "published", "published_at", "date_extracted", "datetime")
_ARRAY_KEYS = ("articles", "data", "items", "documents", "records", "results")

# Lone surrogates: not characters, and SQLite (like any UTF-8 encoder) refuses them. They reach
# a string only by a JSON escape ("\\ud800") or a file name that is not UTF-8 (os.fsdecode).
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """One article read from a file: decoded but not yet cleaned text, plus metadata."""

    origin: str
    text: str
    encoding: str
    title: str = ""
    external_id: str | None = None
    url: str | None = None
    source: str | None = None
    date: str | None = None


def read_articles(source: SourceFile) -> list[ArticleRecord]:
    """Read one file's articles: one for .txt, one a line for .jsonl, one or many for .json."""
    if source.suffix == ".zip":
        raise SourceError(source.name, "zip archives inside zip archives are not supported")
    name = source.name
    text, encoding = decode(source.read_bytes(), name)
    if source.suffix in (".jsonl", ".ndjson"):
        return _read_jsonl(name, text, encoding)
    if source.suffix == ".json":
        return _read_json(name, text, encoding)
    stem = strip_controls(_storable(PurePosixPath(name.rsplit("!", 1)[-1].replace("\\", "/")).stem))
    record = ArticleRecord(_origin(name), text, encoding, title=stem, external_id=stem or None)
    return [_within_limits(record, name, "", None)]


def _storable(name: str) -> str:
    # A file name that is not UTF-8 (an Arabic name unzipped from Windows, say) comes from the
    # OS with its bytes as lone surrogates, which SQLite cannot store: the import crashed.
    return _SURROGATE.sub("\ufffd", name)


def _origin(name: str) -> str:
    # Where a document came from keeps a control character of the file's name as a visible
    # escape ("\x1b"), not raw: the record still names the file, and prints safely.
    return escape_controls(_storable(name))


def _loads(text: str, name: str, line: int | None = None) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = exc.lineno if line is None else line
        raise SourceError(name, f"malformed JSON ({exc.msg})", where) from None
    except RecursionError:
        raise SourceError(name, "JSON nested too deeply", line) from None
    except ValueError:
        # Python refuses to convert an integer of more than 4300 digits (a plain ValueError,
        # not a JSONDecodeError): without this the whole import crashed.
        raise SourceError(name, "malformed JSON (a number too long to read)", line) from None


def _read_jsonl(name: str, text: str, encoding: str) -> list[ArticleRecord]:
    records: list[ArticleRecord] = []
    # Split on \n only: JSON strings may hold a raw U+2028, which splitlines() would cut.
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        value = _loads(line, name, number)
        if not isinstance(value, dict):
            raise SourceError(name, f"expected a JSON object, found {_kind(value)}", number)
        origin, index = f"{name} line {number}", len(records) + 1
        records.append(_record(value, name, origin, encoding, index, number))
    return records


def _read_json(name: str, text: str, encoding: str) -> list[ArticleRecord]:
    data = _loads(text, name)
    if isinstance(data, dict):
        fields = {str(k).lower(): v for k, v in data.items()}
        arrays = [fields[k] for k in _ARRAY_KEYS if isinstance(fields.get(k), list)]
        lists = [v for v in data.values() if isinstance(v, list)]
        if any(k in fields for k in _TEXT_KEYS) or not (arrays or len(lists) == 1):
            return [_record(data, name, name, encoding, 1, None)]
        data = arrays[0] if arrays else lists[0]
    if not isinstance(data, list):
        raise SourceError(
            name, f"expected an array of articles or an article object, found {_kind(data)}"
        )
    records: list[ArticleRecord] = []
    for index, item in enumerate(data, 1):
        if not isinstance(item, dict):
            raise SourceError(name, f"record {index} is {_kind(item)}, not a JSON object")
        records.append(_record(item, name, f"{name} record {index}", encoding, index, None))
    return records


def _record(
    obj: dict[str, Any], name: str, origin: str, encoding: str, index: int, line: int | None
) -> ArticleRecord:
    plan = _field_plan(tuple(obj))
    if plan.text is None:
        keys = _storable(", ".join(obj)) or "none"  # printable: a key may hold "\\ud800"
        raise SourceError(
            name, f"record {index} has no text field ({_TEXT_KEY_LIST}); its keys are: {keys}", line
        )
    text = obj[plan.text]
    if text is None:
        text = ""  # null content means no content: the importer counts and skips empties
    elif not isinstance(text, str):
        raise SourceError(
            name, f'record {index}: "{plan.text}" is {_kind(text)}, not a string', line
        )
    record = ArticleRecord(
        _origin(origin),
        text,
        encoding,
        title=_scalar(obj, plan.title) or "",
        external_id=_scalar(obj, plan.id),
        url=_scalar(obj, plan.url),
        source=_scalar(obj, plan.source),
        date=_scalar(obj, plan.date),
    )
    # JSON can escape a lone surrogate ("\\ud800"), which is no character: refused like an
    # invalid UTF-8 byte, where before SQLite's UnicodeEncodeError crashed the whole import.
    for value in (text, record.title, record.external_id, record.url, record.source, record.date):
        if value and (bad := _SURROGATE.search(value)):
            raise SourceError(
                name,
                f"record {index} holds \\u{ord(bad.group()):04x}, half of a surrogate pair"
                " and not a character",
                line,
            )
    return _within_limits(record, name, f"record {index}: ", line)


def _within_limits(record: ArticleRecord, name: str, which: str, line: int | None) -> ArticleRecord:
    """The record, if the store will take its title and fields (annotation.model's limits);
    checked here so the refusal names the file and record, before anything is written."""
    fields = [("title", record.title, MAX_TITLE), ("id", record.external_id, MAX_FIELD)]
    fields += [("url", record.url, MAX_FIELD), ("source", record.source, MAX_FIELD)]
    fields += [("date", record.date, MAX_FIELD), ("file name", record.origin, MAX_FIELD)]
    for what, value, limit in fields:
        if value is not None and (problem := name_problem(value, what, limit, title=True)):
            raise SourceError(name, which + problem, line)
    return record


@dataclass(frozen=True, slots=True)
class _FieldPlan:
    """Which of a record's own keys hold each field, in order of preference."""

    text: str | None
    title: tuple[str, ...]
    id: tuple[str, ...]
    url: tuple[str, ...]
    source: tuple[str, ...]
    date: tuple[str, ...]


@functools.lru_cache(maxsize=64)
def _field_plan(keys: tuple[str, ...]) -> _FieldPlan:
    # Records of one file nearly always share their keys, so matching them case-insensitively
    # is done once per key set, not once per record (it was a fifth of import time).
    by_lower: dict[str, str] = {}
    for key in keys:
        by_lower.setdefault(key.lower(), key)  # on a case clash the first key wins

    def present(candidates: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(by_lower[k] for k in candidates if k in by_lower)

    texts = present(_TEXT_KEYS)
    return _FieldPlan(
        texts[0] if texts else None,
        present(_TITLE_KEYS),
        present(_ID_KEYS),
        present(_URL_KEYS),
        present(_SOURCE_KEYS),
        present(_DATE_KEYS),
    )


def _scalar(obj: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = obj[key]
        if isinstance(value, dict):  # e.g. NewsAPI's "source": {"id": ..., "name": ...}
            value = value.get("name")
        scalar = isinstance(value, str | int | float) and not isinstance(value, bool)
        # Control characters never reach a stored title or id (issue 13, item 16): an ESC
        # sequence in a title would act on the terminal of whoever lists the documents.
        if scalar and (text := strip_controls(str(value)).strip()):
            return text
    return None


def _kind(value: object) -> str:
    kinds = {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "an array",
        dict: "an object",
    }
    return "null" if value is None else kinds.get(type(value), "a value")
