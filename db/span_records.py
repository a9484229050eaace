"""The store's spans and links (part of both engines' stores)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from annotation.model import (
    Attribution,
    DocumentId,
    EntityId,
    Link,
    LinkId,
    Span,
    SpanId,
    now,
)
from annotation.offsets import check_span
from annotation.ports import NotFoundError, StoreError
from db.door import check_label, check_span_edges
from db.rows import dump, in_document, link_from_row, span_from_row, span_integrity
from db.store_base import StoreBase

# One layer's links, found from its spans through links_by_source (migration 6).
LAYER_LINKS = (
    "SELECT l.* FROM links l JOIN spans s ON s.id = l.source_id"
    " JOIN annotators a ON a.id = s.annotator_id"
    " WHERE s.document_id = ? AND a.name = ? ORDER BY l.id"
)


class SpanRecords:
    """Spans and links, each checked against the document's text."""

    def add_span(self: StoreBase, span: Span) -> Span:
        """Store a span checked against its document's text; an id it carries is kept."""
        check_label(span.label)
        text = self._text(span.document_id)
        check_span(text, span)
        check_span_edges(text, span)
        stamp = now()
        created = span.created_at or stamp
        updated = span.updated_at or stamp  # an undone delete or an import keeps its own
        with self.transaction(), span_integrity(span, self.integrity_errors):
            row = self.db.execute(
                'INSERT INTO spans (id, document_id, annotator_id, label, start, "end", text,'
                " attributes, entity_id, origin, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                [
                    span.id,
                    span.document_id,
                    self._annotator_id(span.annotator),
                    span.label,
                    span.start,
                    span.end,
                    span.text,
                    dump(span.attributes),
                    span.entity_id,
                    span.origin.value,
                    created.isoformat(),
                    updated.isoformat(),
                ],
            ).fetchone()
        return replace(span, id=SpanId(row[0]), created_at=created, updated_at=updated)

    def span(self: StoreBase, span_id: SpanId) -> Span:
        """One span."""
        row = self._one(
            "SELECT s.*, a.name AS annotator FROM spans s"
            " JOIN annotators a ON a.id = s.annotator_id WHERE s.id = ?",
            [span_id],
            "span",
        )
        span = span_from_row(row, row["annotator"])
        check_span(self._text(span.document_id), span)
        return span

    def update_span(self: StoreBase, span: Span, touch: bool = True) -> Span:
        """Replace a stored span's label, offsets, text, attributes or entity; with `touch`
        False the span's own `updated_at` is kept (an undo restores the span exactly)."""
        if span.id is None:
            raise StoreError("only a stored span can be updated")
        check_label(span.label)
        text = self._text(span.document_id)
        check_span(text, span)
        check_span_edges(text, span)
        stamp = span.updated_at if not touch and span.updated_at else now()
        with self.transaction(), span_integrity(span, self.integrity_errors):
            changed = self.db.execute(
                'UPDATE spans SET label = ?, start = ?, "end" = ?, text = ?, attributes = ?,'
                " entity_id = ?, origin = ?, updated_at = ? WHERE id = ?",
                [
                    span.label,
                    span.start,
                    span.end,
                    span.text,
                    dump(span.attributes),
                    span.entity_id,
                    span.origin.value,
                    stamp.isoformat(),
                    span.id,
                ],
            ).rowcount
        if not changed:
            raise NotFoundError(f"no span {span.id}")
        return replace(span, updated_at=stamp)

    def remove_span(self: StoreBase, span_id: SpanId) -> None:
        """Delete a span; its links go with it (ON DELETE CASCADE)."""
        with self.transaction():
            if self.db.execute("DELETE FROM spans WHERE id = ?", [span_id]).rowcount == 0:
                raise NotFoundError(f"no span {span_id}")

    def spans_for(self: StoreBase, document_id: DocumentId, annotator: str) -> list[Span]:
        """One layer of one document by position, each checked against the stored text."""
        text = self._text(document_id)
        spans = [
            span_from_row(row, annotator)
            for row in self._rows(
                "SELECT s.* FROM spans s JOIN annotators a ON a.id = s.annotator_id"
                ' WHERE s.document_id = ? AND a.name = ? ORDER BY s.start, s."end" DESC, s.label, s.id',
                [document_id, annotator],
            )
        ]
        for span in spans:
            check_span(text, span)
        return spans

    def add_link(self: StoreBase, link: Link) -> Link:
        """Store a link between two spans of one layer."""
        check_label(link.kind, "link kind")
        if link.source_id == link.target_id:
            raise StoreError("a link joins two different spans, not a span to itself")
        stamp = link.created_at or now()
        with self.transaction():
            layers = self.db.execute(
                "SELECT DISTINCT document_id, annotator_id FROM spans WHERE id IN (?, ?)",
                [link.source_id, link.target_id],
            ).fetchall()
            if len(layers) != 1:
                raise StoreError("a link joins two existing spans of the same layer")
            try:
                row = self.db.execute(
                    "INSERT INTO links (id, kind, source_id, target_id, created_at)"
                    " VALUES (?, ?, ?, ?, ?) RETURNING id",
                    [link.id, link.kind, link.source_id, link.target_id, stamp.isoformat()],
                ).fetchone()
            except self.integrity_errors as error:
                raise StoreError(f"cannot store the link: {error}") from None
        return Link(link.kind, link.source_id, link.target_id, LinkId(row[0]), stamp)

    def link(self: StoreBase, link_id: LinkId) -> Link:
        """One link."""
        return link_from_row(self._one("SELECT * FROM links WHERE id = ?", [link_id], "link"))

    def links_touching(self: StoreBase, span_id: SpanId) -> list[Link]:
        """The links from or to one span."""
        return [
            link_from_row(row)
            for row in self.db.query(
                "SELECT * FROM links WHERE source_id = ? OR target_id = ? ORDER BY id",
                [span_id, span_id],
            )
        ]

    def remove_link(self: StoreBase, link_id: LinkId) -> None:
        """Delete a link."""
        with self.transaction():
            if self.db.execute("DELETE FROM links WHERE id = ?", [link_id]).rowcount == 0:
                raise NotFoundError(f"no link {link_id}")

    def links_for(self: StoreBase, document_id: DocumentId, annotator: str) -> list[Link]:
        """The links among one layer's spans in one document."""
        return [link_from_row(row) for row in self._rows(LAYER_LINKS, [document_id, annotator])]

    def pending_count(self: StoreBase, annotator: str, source: str) -> int:
        """The source layer's spans with no span of the same label and extent in the
        annotator's layer (through the index on document, layer and start)."""
        if annotator == source:
            return 0
        (count,) = self.db.execute(
            "SELECT COUNT(*) FROM spans s JOIN annotators a ON a.id = s.annotator_id"
            " WHERE a.name = ? AND NOT EXISTS (SELECT 1 FROM spans o"
            " JOIN annotators b ON b.id = o.annotator_id WHERE b.name = ?"
            ' AND o.document_id = s.document_id AND o.start = s.start AND o."end" = s."end"'
            " AND o.label = s.label)",
            [source, annotator],
        ).fetchone()
        return int(count)

    def layers_in_use(self: StoreBase, annotators: Sequence[str]) -> dict[DocumentId, set[str]]:
        """For each document, which of `annotators` have spans in it."""
        layers: dict[DocumentId, set[str]] = {}
        for document_id, name in self.db.execute(
            "SELECT DISTINCT s.document_id, a.name FROM spans s"
            " JOIN annotators a ON a.id = s.annotator_id"
            f" WHERE a.name IN ({', '.join('?' for _ in annotators)})",
            list(annotators),
        ):
            layers.setdefault(DocumentId(document_id), set()).add(name)
        return layers

    def entity_uses(self: StoreBase, annotators: Sequence[str]) -> dict[DocumentId, set[EntityId]]:
        """For each document, the entities that spans of `annotators` are tied to."""
        uses: dict[DocumentId, set[EntityId]] = {}
        for document_id, entity_id in self.db.execute(
            "SELECT DISTINCT s.document_id, s.entity_id FROM spans s"
            " JOIN annotators a ON a.id = s.annotator_id WHERE s.entity_id IS NOT NULL"
            f" AND a.name IN ({', '.join('?' for _ in annotators)})",
            list(annotators),
        ):
            uses.setdefault(DocumentId(document_id), set()).add(EntityId(entity_id))
        return uses

    def claims_by(
        self: StoreBase, entity_id: EntityId, document_id: DocumentId | None = None
    ) -> list[Span]:
        """The CLAIM spans attributed to a speaker tied to `entity_id` (through the indexes on
        spans.entity_id and links.target_id), or with `document_id` to that document's speakers
        (through the index of its spans)."""
        where, parameters = in_document("t", entity_id, document_id)
        return [
            span_from_row(row, row["annotator"])
            for row in self.db.query(
                "SELECT DISTINCT c.*, a.name AS annotator FROM spans t"
                " JOIN links l ON l.target_id = t.id JOIN spans c ON c.id = l.source_id"
                " JOIN annotators a ON a.id = c.annotator_id"
                f" WHERE t.entity_id = ?{where} AND c.label = 'CLAIM'"
                " ORDER BY c.document_id, a.name, c.start, c.id",
                parameters,
            )
        ]

    def claims(self: StoreBase, annotator: str | None = None) -> list[Attribution]:
        """Every CLAIM span with the speakers it is attributed to, by document and position."""
        layer = "" if annotator is None else " AND a.name = ?"
        claims = [
            span_from_row(row, row["annotator"])
            for row in self.db.query(
                "SELECT s.*, a.name AS annotator FROM spans s JOIN annotators a ON a.id = s.annotator_id"
                f" WHERE s.label = 'CLAIM'{layer} ORDER BY s.document_id, a.name, s.start",
                [] if annotator is None else [annotator],
            )
        ]
        speakers: dict[SpanId, list[Span]] = {}
        for row in self.db.query(
            "SELECT l.source_id AS claim_id, t.*, a.name AS annotator FROM links l"
            " JOIN spans t ON t.id = l.target_id JOIN annotators a ON a.id = t.annotator_id"
            " JOIN spans c ON c.id = l.source_id WHERE c.label = 'CLAIM' ORDER BY t.start"
        ):
            speakers.setdefault(SpanId(row["claim_id"]), []).append(
                span_from_row(row, row["annotator"])
            )
        return [
            Attribution(claim, tuple(speakers.get(claim.id, ()))) for claim in claims if claim.id
        ]
