"""What to export, read from the store a document at a time: `select`, and `gather` for all at once.

A selection knows up front, from a few cheap queries, which documents it holds, which
annotators and which entities; the spans and links are read only as each document is
written, so an export's memory does not grow with the number of spans.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from annotation.exchange.bundle import Bundle
from annotation.model import DocumentId, DocumentStatus, Entity, EntityId, Status
from annotation.ports import Cancelled, Store

Progress = Callable[[int, int], bool]


class ExportCancelled(Cancelled):
    """The person cancelled an export; nothing was written."""


@dataclass(slots=True)
class Tally:
    """How much a selection has handed out so far."""

    documents: int = 0
    spans: int = 0
    links: int = 0


@dataclass(slots=True)
class StoreSelection:
    """Documents and layers chosen for export (a `Corpus`), read lazily from the store."""

    store: Store
    names: list[str]
    document_ids: list[DocumentId]
    layers: dict[DocumentId, set[str]]
    statuses: dict[DocumentId, list[DocumentStatus]]
    entities: tuple[Entity, ...]
    progress: Progress | None = None
    tally: Tally = field(default_factory=Tally)

    def annotators(self) -> list[str]:
        """Everyone with a span or a status in the selection, sorted."""
        names = {name for d in self.document_ids for name in self.layers.get(d, ())}
        names |= {s.annotator for d in self.document_ids for s in self.statuses.get(d, ())}
        return sorted(names)

    def parts(self) -> Iterator[Bundle]:
        """One document at a time with its layers; raises ExportCancelled when told to."""
        self.tally = Tally()
        total = len(self.document_ids)
        for done, document_id in enumerate(self.document_ids):
            if self.progress is not None and done % 50 == 0 and not self.progress(done, total):
                raise ExportCancelled()
            spans, links = [], []
            for name in sorted(self.layers.get(document_id, ())):
                spans.extend(self.store.spans_for(document_id, name))
                links.extend(self.store.links_for(document_id, name))
            self.tally.documents += 1
            self.tally.spans += len(spans)
            self.tally.links += len(links)
            yield Bundle(
                (self.store.document(document_id),),
                tuple(spans),
                tuple(links),
                statuses=tuple(self.statuses.get(document_id, ())),
                in_canonical_order=True,  # layers by name, each as spans_for orders it
            )
        if self.progress is not None:
            self.progress(total, total)

    def whole(self) -> Bundle:
        """Everything at once, for formats written in one piece."""
        parts = list(self.parts())
        return Bundle(
            tuple(d for p in parts for d in p.documents),
            tuple(s for p in parts for s in p.spans),
            tuple(k for p in parts for k in p.links),
            self.entities,
            tuple(s for p in parts for s in p.statuses),
            in_canonical_order=True,
        )


def select(
    store: Store,
    annotators: Sequence[str] | None = None,
    document_ids: Sequence[DocumentId] | None = None,
    status: Status | None = None,
    progress: Progress | None = None,
) -> StoreSelection:
    """The documents (all, or those named) with the layers of `annotators` (all when None);
    with `status`, only documents that one of those annotators has at that status (a
    document never touched counts as NEW). `progress(done, total)` is told as documents are
    read; returning False cancels."""
    names = list(annotators) if annotators else store.annotator_names()
    ids = list(document_ids) if document_ids else [s.id for s in store.document_summaries()]
    statuses: dict[DocumentId, list[DocumentStatus]] = {}
    for recorded in store.recorded_statuses(names):
        statuses.setdefault(recorded.document_id, []).append(recorded)
    if status is not None:
        ids = [d for d in ids if _has_status(statuses.get(d, []), names, status)]
    layers = store.layers_in_use(names)
    uses = store.entity_uses(names)
    entity_ids: set[EntityId] = set()
    for document_id in ids:
        entity_ids |= uses.get(document_id, set())
    entities = tuple(store.entity(entity_id) for entity_id in sorted(entity_ids))
    return StoreSelection(store, names, ids, layers, statuses, entities, progress)


def gather(
    store: Store,
    annotators: Sequence[str] | None = None,
    document_ids: Sequence[DocumentId] | None = None,
    status: Status | None = None,
    progress: Progress | None = None,
) -> Bundle:
    """Everything `select` would choose, read at once into a Bundle."""
    return select(store, annotators, document_ids, status, progress).whole()


def _has_status(recorded: list[DocumentStatus], names: list[str], status: Status) -> bool:
    by_name = {s.annotator: s.status for s in recorded}
    return any(by_name.get(name, Status.NEW) is status for name in names)
