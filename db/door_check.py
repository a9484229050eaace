"""The door check: every stored value the store's door would refuse today (part of `check`).

An older Hamish stored what the door now keeps out: a text with a BOM, CRLF or an escape
sequence, a label of a million characters, a name with a control character. `check` says where
such values are, so they can be mended before they break an export or a terminal.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from annotation.model import Document, DocumentId, Entity, EntityKind, SpanId, text_sha256
from annotation.ports import StoreError
from db.door import check_annotator, check_document, check_entity, check_label
from db.problems import Executes, Problem, ProblemKind


def _door(connection: Executes) -> Iterator[Problem]:
    yield from _documents(connection)
    for (name,) in connection.execute("SELECT name FROM annotators ORDER BY id"):
        yield from _refused(check_annotator, name, "annotator")
    for label, span_id, document_id in connection.execute(
        "SELECT label, min(id), min(document_id) FROM spans GROUP BY label ORDER BY label"
    ):
        yield from _refused(check_label, label, "span", DocumentId(document_id), SpanId(span_id))
    for (kind,) in connection.execute("SELECT DISTINCT kind FROM links ORDER BY kind"):
        yield from _refused(partial(check_label, what="link kind"), kind, "link")
    for kind, name, aliases in connection.execute(
        "SELECT kind, name, aliases FROM entities ORDER BY id"
    ):
        entity = Entity(EntityKind.PERSON, name, tuple(_list(aliases)))
        yield from _refused(check_entity, entity, f"{kind} entity")


def _documents(connection: Executes) -> Iterator[Problem]:
    for row in connection.execute(
        "SELECT id, text, text_sha256, title, external_id, source, url, date, imported_from"
        " FROM documents ORDER BY id"
    ):
        document_id, text, _sha256, title, *fields = row
        if not isinstance(text, str):
            continue  # the document check reports a missing text
        external_id, source, url, date, imported_from = fields
        # The hash is the document check's to judge: here only what the door checks besides.
        document = Document(
            text,
            text_sha256(text),
            title=title or "",
            external_id=external_id,
            source=source,
            url=url,
            date=date,
            imported_from=imported_from,
        )
        yield from _refused(check_document, document, "document", DocumentId(document_id))


def _refused(
    check: Callable[[Any], None],
    value: Any,
    what: str,
    document_id: DocumentId | None = None,
    span_id: SpanId | None = None,
) -> Iterator[Problem]:
    try:
        check(value)
    except StoreError as error:
        yield Problem(
            ProblemKind.VALUE,
            f"a {what} Hamish would no longer store: {error}",
            document_id,
            span_id,
        )


def _list(aliases: object) -> list[str]:
    try:
        value = json.loads(aliases) if isinstance(aliases, str) else []
    except ValueError:
        return []  # the value check reports JSON that does not read
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []
