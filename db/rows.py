"""Turning rows into domain values and back, shared by the store's parts."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any, Protocol, TypeVar

from annotation.model import (
    Attributes,
    DocumentId,
    Entity,
    EntityId,
    EntityKind,
    Link,
    LinkId,
    Origin,
    Span,
    SpanId,
)
from annotation.ports import DuplicateSpanError, StoreError

T = TypeVar("T")


def dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def in_document(
    table: str, entity_id: EntityId, document_id: DocumentId | None
) -> tuple[str, list[int]]:
    """The extra WHERE clause (and all the parameters) that keeps an entity's query to one
    document, whose span index then leads: a few hundred rows, not every mention."""
    if document_id is None:
        return "", [entity_id]
    return f" AND {table}.document_id = ?", [entity_id, document_id]


class NamedRow(Protocol):
    """A row read by column name: a dict, or a sqlite3.Row."""

    def __getitem__(self, key: str, /) -> Any: ...


_ORIGINS = {origin.value: origin for origin in Origin}


def span_from_row(row: NamedRow, annotator: str) -> Span:
    stored = row["attributes"]
    attributes: Attributes = {} if stored == "{}" else json.loads(stored)
    return Span(
        document_id=DocumentId(row["document_id"]),
        annotator=annotator,
        label=row["label"],
        start=row["start"],
        end=row["end"],
        text=row["text"],
        attributes=attributes,
        entity_id=EntityId(row["entity_id"]) if row["entity_id"] is not None else None,
        origin=_ORIGINS[row["origin"]],
        id=SpanId(row["id"]),
        created_at=datetime.fromisoformat(row["created_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
    )


def link_from_row(row: NamedRow) -> Link:
    return Link(
        row["kind"],
        SpanId(row["source_id"]),
        SpanId(row["target_id"]),
        LinkId(row["id"]),
        datetime.fromisoformat(row["created_at"]),
    )


@contextmanager
def span_integrity(span: Span, errors: tuple[type[Exception], ...]) -> Iterator[None]:
    """Turn the engine's constraint errors on a span write into the store's own errors."""
    try:
        yield
    except errors as error:
        text = str(error)
        # SQLite names the columns, PostgreSQL the constraint (db/postgres/schema.py).
        if ("UNIQUE" in text and "spans.label" in text) or "spans_unique_label_extent" in text:
            raise DuplicateSpanError(
                f"{span.annotator} already has a {span.label} span at {span.start}-{span.end}"
            ) from None
        raise StoreError(f"cannot store the span: {error}") from None


def entity_from_row(row: dict[str, Any]) -> Entity:
    return Entity(
        kind=EntityKind(row["kind"]),
        name=row["name"],
        aliases=tuple(json.loads(row["aliases"])),
        attributes=json.loads(row["attributes"]),
        id=EntityId(row["id"]),
    )
