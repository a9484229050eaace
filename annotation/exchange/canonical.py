"""Canonical order and ids for exports, so equal annotations give equal bytes.

Whatever ids a database gave them, an export renumbers documents, spans, links and entities
1, 2, 3 ... in a stable order: documents in export order; within a document, spans by
(annotator, start, longest first, label) and links by (source, target, kind); entities by
(kind, name). Because a document's spans and links are numbered after the previous
document's, the numbering can be made one document at a time (`Numbering.number`), which is
what lets the large formats stream: only one document's annotations are held at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter

from annotation.exchange.bundle import Bundle, Corpus
from annotation.model import Document, DocumentStatus, Entity, EntityId, Link, Span, SpanId


@dataclass(frozen=True, slots=True)
class NumberedDocument:
    """One document with its annotations in canonical order and their canonical ids."""

    number: int
    document: Document
    spans: list[Span]
    span_ids: dict[SpanId | None, int]
    links: list[tuple[int, Link]]
    statuses: list[DocumentStatus]


class Numbering:
    """Gives canonical ids document after document; entities are numbered up front."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.entities = sorted(entities, key=lambda e: (e.kind.value, e.name))
        self.entity_ids = {e.id: number for number, e in enumerate(self.entities, start=1)}
        self.entity_names = {e.id: e.name for e in self.entities}
        self._documents = self._spans = self._links = 0

    def entity_id(self, span: Span) -> int | None:
        """The canonical id of the span's entity, None when it has none in the export."""
        return self.entity_ids.get(span.entity_id) if span.entity_id is not None else None

    def number(self, part: Bundle) -> Iterator[NumberedDocument]:
        """Each of `part`'s documents, in order, with the next canonical ids."""
        by_document = _group(part)
        for document in part.documents:
            spans, links, statuses = by_document.get(document.id, ([], [], []))
            if not part.in_canonical_order:
                _sort_spans(spans)
            first = self._spans + 1
            span_ids = dict(zip(map(_ID, spans), range(first, first + len(spans)), strict=True))
            self._spans += len(spans)
            links.sort(key=lambda k: (span_ids[k.source_id], span_ids[k.target_id], k.kind))
            numbered_links = [(self._links + n, k) for n, k in enumerate(links, start=1)]
            self._links += len(links)
            self._documents += 1
            statuses.sort(key=lambda s: s.annotator)
            yield NumberedDocument(
                self._documents, document, spans, span_ids, numbered_links, statuses
            )


_ID, _DOCUMENT = attrgetter("id"), attrgetter("document_id")


def _canonical(span: Span) -> tuple[str, int, int, str]:
    return (span.annotator, span.start, -span.end, span.label)


def _sort_spans(spans: list[Span]) -> None:
    """Sort by (annotator, start, longest first, label). Spans read from the store come
    nearly in that order already (a layer by start, longest first), which a single sort on
    the whole key exploits: timsort then only checks runs."""
    spans.sort(key=_canonical)


def numbered(corpus: Corpus) -> tuple[Numbering, Iterator[NumberedDocument]]:
    """The corpus's numbering and its documents, numbered as they are read."""
    numbering = Numbering(corpus.entities)
    return numbering, (n for part in corpus.parts() for n in numbering.number(part))


def _group(
    part: Bundle,
) -> dict[object, tuple[list[Span], list[Link], list[DocumentStatus]]]:
    groups: dict[object, tuple[list[Span], list[Link], list[DocumentStatus]]] = {
        d.id: ([], [], []) for d in part.documents
    }
    if len(part.documents) == 1:  # a part streamed from the store: no grouping to do
        groups[part.documents[0].id] = (list(part.spans), list(part.links), [])
    else:
        # Spans usually come a document at a time: grouped in C, run by run.
        for document_id, run in groupby(part.spans, _DOCUMENT):
            groups[document_id][0].extend(run)
        if part.links:
            document_of = {span.id: span.document_id for span in part.spans}
            for link in part.links:
                groups[document_of[link.source_id]][1].append(link)
    for status in part.statuses:
        groups[status.document_id][2].append(status)
    return groups


@dataclass(frozen=True, slots=True)
class Canonical:
    """A whole bundle in canonical order with its canonical ids, for the formats that are
    written in one piece (Label Studio's task list, XMI's type system, doccano)."""

    documents: list[Document]
    spans: list[Span]
    entities: list[Entity]
    links: list[Link]
    document_ids: dict[object, int]
    span_ids: dict[SpanId | None, int]
    entity_ids: dict[EntityId | None, int]

    @classmethod
    def of(cls, bundle: Bundle) -> Canonical:
        """Order and number the bundle's items."""
        numbering = Numbering(bundle.entities)
        numbered_documents = list(numbering.number(bundle))
        span_ids: dict[SpanId | None, int] = {}
        for n in numbered_documents:
            span_ids.update(n.span_ids)
        return cls(
            [n.document for n in numbered_documents],
            [s for n in numbered_documents for s in n.spans],
            numbering.entities,
            [link for n in numbered_documents for _, link in n.links],
            {n.document.id: n.number for n in numbered_documents},
            span_ids,
            numbering.entity_ids,
        )

    def entity_id(self, span: Span) -> int | None:
        """The canonical id of the span's entity, None when it has none in the bundle."""
        return self.entity_ids.get(span.entity_id) if span.entity_id is not None else None
