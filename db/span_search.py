"""Searching the annotators' spans by label, annotator, status, entity and covered text
(part of each engine's store; the text of documents is searched by each engine's own index)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from annotation.model import Span, SpanId
from annotation.search import (
    SpanHit,
    SpanQuery,
    SpanSearchResult,
    check_query,
    fold_name,
    span_text_matches,
)
from db.rows import chunks, span_from_row
from db.store_base import StoreBase


class SpanSearch:
    """Spans by what they are and say."""

    def search_spans(self: StoreBase, query: SpanQuery) -> SpanSearchResult:
        """The spans matching `query` by document and position (the first `query.limit` of
        them), claims with their speakers, and how many match in all."""
        check_query(query.text)
        where, params = ["true"], []
        if query.label is not None:
            where.append("s.label = ?")
            params.append(query.label)
        if query.annotator is not None:
            where.append("a.name = ?")
            params.append(query.annotator)
        if query.status is not None:
            # No status row: the annotator has not started, which is NEW.
            where.append(
                "coalesce((SELECT status FROM document_status t WHERE t.document_id ="
                " s.document_id AND t.annotator_id = s.annotator_id), 'new') = ?"
            )
            params.append(query.status.value)
        found = [
            (span_from_row(row, row["annotator"]), str(row["title"]))
            for row in self._rows(
                "SELECT s.*, a.name AS annotator, d.title FROM spans s"
                " JOIN annotators a ON a.id = s.annotator_id"
                " JOIN documents d ON d.id = s.document_id"
                f" WHERE {' AND '.join(where)}"
                ' ORDER BY s.document_id, s.start, s."end" DESC, a.name, s.id',
                params,
            )
            if span_text_matches(query, row["text"])
        ]
        speakers = _speakers(self, [span.id for span, _ in found if span.label == "CLAIM"])
        hits = [
            SpanHit(title, span, tuple(speakers.get(span.id, ())) if span.id else ())
            for span, title in found
        ]
        if query.entity is not None:
            named = _entities_named(self, query.entity)
            hits = [
                hit for hit in hits if any(s.entity_id in named for s in (hit.span, *hit.speakers))
            ]
        shown = hits if query.limit is None else hits[: max(query.limit, 0)]
        return SpanSearchResult(tuple(shown), len(hits))


def _speakers(store: StoreBase, claims: Sequence[SpanId | None]) -> dict[SpanId, list[Span]]:
    """The speakers each of these claims is attributed to, by position."""
    speakers: dict[SpanId, list[Span]] = {}
    wanted = [claim for claim in claims if claim is not None]
    rows = [
        row
        for chunk in chunks(wanted, 500)
        for row in store._rows(
            "SELECT l.source_id AS claim_id, t.*, a.name AS annotator FROM links l"
            " JOIN spans t ON t.id = l.target_id JOIN annotators a ON a.id = t.annotator_id"
            f" WHERE l.source_id IN ({', '.join('?' * len(chunk))})",
            list(chunk),
        )
    ]
    for row in sorted(rows, key=lambda row: (row["start"], row["id"])):
        speakers.setdefault(SpanId(row["claim_id"]), []).append(
            span_from_row(row, row["annotator"])
        )
    return speakers


def _entities_named(store: StoreBase, name: str) -> set[int]:
    """The ids of the entities called `name`, by their name or an alias, folded."""
    wanted = fold_name(name)
    return {
        entity_id
        for entity_id, own, aliases in store.db.execute(
            "SELECT id, name, aliases FROM entities"
        ).fetchall()
        if any(fold_name(each) == wanted for each in [own, *json.loads(aliases)])
    }
