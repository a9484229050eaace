"""What other connections committed, as the server announced it (NOTIFY on `hamish`, sent by
the triggers of db/postgres/schema.py), turned into annotation.changes.Changes."""

from __future__ import annotations

import json
from typing import Any

from annotation.changes import Changes
from annotation.model import DocumentId, EntityId, LinkId, SpanId


def changes_from(payload: str) -> Changes:
    """The Changes one notice describes; anything unreadable is "anything may have changed"."""
    try:
        notice: dict[str, Any] = json.loads(payload)
    except ValueError:
        return Changes.unknown()
    if not isinstance(notice, dict) or notice.get("everything"):
        return Changes.unknown()

    def ids(field: str) -> frozenset[Any]:
        return frozenset(int(each) for each in notice.get(field, ()) if isinstance(each, int))

    return Changes(
        documents=frozenset(map(DocumentId, ids("documents"))),
        spans=frozenset(map(SpanId, ids("spans"))),
        links=frozenset(map(LinkId, ids("links"))),
        entities=frozenset(map(EntityId, ids("entities"))),
        mentions=frozenset(map(EntityId, ids("mentions"))),
        statuses=frozenset(map(DocumentId, ids("statuses"))),
        decisions=frozenset(map(DocumentId, ids("decisions"))),
        assignments=frozenset(map(DocumentId, ids("assignments"))),
        corpus=bool(notice.get("corpus_documents")),
    )
