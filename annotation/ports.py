"""What the domain needs from storage: the Store protocol that `db/` implements.

Use cases and the window talk to this protocol, never to SQLite, so the domain stays testable
without a database file and the storage can change without touching them. `Store` is split by
role (documents, layers, entities, progress, assignments, decisions, search, the document
list, the connection): a use case names the roles it needs, so a reader sees what it touches
and a fake for its test implements only those. `Connect` opens a store for a worker thread.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from annotation.changes import Changes
from annotation.model import (
    Assignment,
    Attribution,
    Decision,
    Document,
    DocumentId,
    DocumentQuery,
    DocumentStatus,
    DocumentSummary,
    Entity,
    EntityId,
    Link,
    LinkId,
    Span,
    SpanId,
    Statistics,
    Status,
)
from annotation.search import SpanQuery, SpanSearchResult, TextSearchResult


class Cancelled(Exception):
    """The person cancelled long work (an import, an export, a run of the assistant)."""


class StoreError(Exception):
    """A storage operation that cannot be done; the message says why."""


class DuplicateSpanError(StoreError):
    """The annotator's layer already has a span with the same label and offsets."""


class NotFoundError(StoreError, KeyError):
    """No record has that id."""


class ConflictError(StoreError):
    """The record is no longer as this edit left it: someone else changed it since."""


class ConnectionLostError(StoreError):
    """The storage cannot be reached (the team server stopped, the network failed): what was
    asked was not done; `Connection.reconnect()` tries again."""


class Connection(Protocol):
    """One open connection to the storage: transactions, a consistent read, a watch on other
    writers, and closing it."""

    def transaction(self) -> AbstractContextManager[None]:
        """Group writes into one transaction: all of them land, or (on an exception) none."""
        ...

    def reading(self) -> AbstractContextManager[None]:
        """One consistent state of the database for a series of reads (an export)."""
        ...

    def changes_elsewhere(self) -> Changes:
        """What other connections committed since the last call: what they touched when the
        storage says so (a team server), Changes.unknown() when it only says that something
        changed (a database file), empty when nothing did."""
        ...

    def wake_socket(self) -> int | None:
        """A socket that becomes readable when another connection's commit is announced (or
        the connection is lost), for an event loop to watch; None when there is none to watch
        and changes_elsewhere() must be asked now and then."""
        ...

    def reconnect(self) -> None:
        """Open the connection again after it was lost (ConnectionLostError while the storage
        still cannot be reached); a database file, always at hand, has nothing to do."""
        ...

    @property
    def location(self) -> Path | None:
        """The file that holds the storage (None: in memory), for messages that name it."""
        ...

    @property
    def address(self) -> str:
        """Where the project lives, as a person reads it: the file's path, or the team
        server's URL without its password."""
        ...

    @property
    def member(self) -> str | None:
        """The name a team server knows this connection's user by, which is the name of
        their layer (None for a database file, where the window asks for a name)."""
        ...

    @property
    def role(self) -> str | None:
        """The role the server grants this connection's user in a team project (annotator,
        curator, manager); None for a database file, where whoever opens it may do anything."""
        ...

    def close(self) -> None:
        """Close the connection; nothing can be read or written through it afterwards."""
        ...


class DocumentStore(Protocol):
    """Documents, their texts and counts over them."""

    def add_documents(self, documents: Sequence[Document]) -> list[DocumentId]:
        """Store new documents and return their ids, in order."""
        ...

    def remove_documents(self, document_ids: Sequence[DocumentId]) -> None:
        """Delete documents with all that is annotated on them (an import taking back the
        batches it wrote when a later one fails)."""
        ...

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Which of these text hashes already belong to a stored document."""
        ...

    def document_id_for_hash(self, text_sha256: str) -> DocumentId | None:
        """The document whose text has this SHA-256, if one is stored."""
        ...

    def document(self, document_id: DocumentId) -> Document:
        """One document with its text; NotFoundError if there is none."""
        ...

    def document_count(self) -> int:
        """How many documents there are."""
        ...

    def document_summaries(self, annotator: str | None = None) -> list[DocumentSummary]:
        """Every document without its text, in import order; span counts for `annotator`
        (all layers when None)."""
        ...

    def statistics(self) -> Statistics:
        """Counts over the whole database."""
        ...


class LayerStore(Protocol):
    """Each annotator's layer: spans and the links between them."""

    def annotator_names(self) -> list[str]:
        """The names of everyone who has a layer or a status, sorted."""
        ...

    def add_span(self, span: Span) -> Span:
        """Store a span (checked against its document's text) and return it with its id;
        a span that carries an id keeps it, so undoing a delete restores links to it."""
        ...

    def span(self, span_id: SpanId) -> Span:
        """One span; NotFoundError if there is none."""
        ...

    def update_span(self, span: Span, touch: bool = True) -> Span:
        """Replace a stored span's label, offsets, text, attributes or entity (checked like
        add_span); DuplicateSpanError if that makes it an exact copy of another. With `touch`
        False its own `updated_at` is kept."""
        ...

    def remove_span(self, span_id: SpanId) -> None:
        """Delete a span and the links that touch it."""
        ...

    def spans_for(self, document_id: DocumentId, annotator: str) -> list[Span]:
        """One layer of one document, by position (start, longest first, then label), each
        checked against the text."""
        ...

    def add_link(self, link: Link) -> Link:
        """Store a link between two spans of one layer and return it with its id."""
        ...

    def link(self, link_id: LinkId) -> Link:
        """One link; NotFoundError if there is none."""
        ...

    def links_touching(self, span_id: SpanId) -> list[Link]:
        """The links from or to one span."""
        ...

    def remove_link(self, link_id: LinkId) -> None:
        """Delete a link."""
        ...

    def links_for(self, document_id: DocumentId, annotator: str) -> list[Link]:
        """The links between the spans of one layer of one document."""
        ...

    def claims(self, annotator: str | None = None) -> list[Attribution]:
        """Every CLAIM span with the speakers it is attributed to."""
        ...

    def claims_by(self, entity_id: EntityId, document_id: DocumentId | None = None) -> list[Span]:
        """The CLAIM spans, of every layer, attributed to a speaker tied to this entity, by
        document, annotator and position (one entity's claims, without reading the corpus's);
        with `document_id`, only that document's."""
        ...

    def pending_count(self, annotator: str, source: str) -> int:
        """How many of the source layer's suggestions the annotator has not yet got, over the
        whole corpus (what pending() lists, counted in every document at once)."""
        ...

    def layers_in_use(self, annotators: Sequence[str]) -> dict[DocumentId, set[str]]:
        """For each document, which of `annotators` have spans in it."""
        ...


class EntityStore(Protocol):
    """The corpus-wide entities and the spans that mention them."""

    def add_entity(self, entity: Entity) -> Entity:
        """Store an entity and return it with its id."""
        ...

    def entity(self, entity_id: EntityId) -> Entity:
        """One entity; NotFoundError if there is none."""
        ...

    def entities(self) -> list[Entity]:
        """Every entity, by kind and name."""
        ...

    def update_entity(self, entity: Entity) -> Entity:
        """Replace a stored entity's kind, name, aliases and attributes."""
        ...

    def remove_entity(self, entity_id: EntityId) -> None:
        """Delete an entity; spans that referred to it lose the reference."""
        ...

    def mentions(self, entity_id: EntityId, document_id: DocumentId | None = None) -> list[Span]:
        """Every span, in every layer and document (or in `document_id` only), that refers to
        an entity, by document and position."""
        ...

    def mention_counts(self, entity_ids: Iterable[EntityId] | None = None) -> dict[EntityId, int]:
        """How many spans refer to each entity (or to each of `entity_ids`; those with none
        are left out)."""
        ...

    def entity_uses(self, annotators: Sequence[str]) -> dict[DocumentId, set[EntityId]]:
        """For each document, the entities that spans of `annotators` are tied to."""
        ...


class ProgressStore(Protocol):
    """How far each annotator has got with each document (statuses)."""

    def status(self, document_id: DocumentId, annotator: str) -> Status:
        """How far `annotator` has got with a document (NEW when never touched)."""
        ...

    def recorded_status(self, document_id: DocumentId, annotator: str) -> Status | None:
        """The status recorded for `annotator` and a document, or None if none ever was."""
        ...

    def set_status(self, document_id: DocumentId, annotator: str, status: Status | None) -> None:
        """Record how far `annotator` has got with a document (None: forget the record)."""
        ...

    def recorded_statuses(self, annotators: Sequence[str]) -> list[DocumentStatus]:
        """Every status recorded for `annotators`."""
        ...


class AssignmentStore(Protocol):
    """Which documents a manager gave to which annotators."""

    def assign(self, document_ids: Sequence[DocumentId], annotators: Sequence[str], by: str) -> int:
        """Give every one of these documents to every one of these annotators, in one
        transaction, and return how many assignments are new (one already made is kept as it
        was). NotFoundError naming the unknown ids, and nothing assigned, if any is unknown."""
        ...

    def unassign(self, document_ids: Sequence[DocumentId], annotators: Sequence[str]) -> int:
        """Take these documents back from these annotators; return how many were taken."""
        ...

    def assignments(self, annotator: str | None = None) -> list[Assignment]:
        """Every assignment (or `annotator`'s), by document then annotator."""
        ...


class DecisionStore(Protocol):
    """The adjudicator's decisions, difference by difference, into a gold layer."""

    def decisions(self, document_id: DocumentId, gold: str) -> list[Decision]:
        """Every decision recorded into the gold layer `gold` on one document."""
        ...

    def set_decision(
        self, document_id: DocumentId, gold: str, key: str, decision: Decision | None
    ) -> None:
        """Record the decision on one difference, replacing any earlier one; None forgets it."""
        ...


class SearchStore(Protocol):
    """Words in the corpus and spans by label, annotator or entity (annotation/search.py says
    how words match)."""

    def search_text(
        self, query: str, proclitics: bool = False, limit: int = 200
    ) -> TextSearchResult:
        """The first `limit` hits of `query` in the documents' text, by document then
        position, with the number of hits and of documents in the whole corpus."""
        ...

    def search_hit_counts(self, query: str, proclitics: bool = False) -> dict[DocumentId, int]:
        """How many hits of `query` each document holds (none: left out), in document order."""
        ...

    def search_spans(self, query: SpanQuery) -> SpanSearchResult:
        """The spans matching `query` by document and position, claims with their speakers."""
        ...


class DocumentIndex(Protocol):
    """The document list: which documents match a filter, and a page of them."""

    def document_ids(self, query: DocumentQuery, annotator: str) -> list[DocumentId]:
        """Every document matching `query`, in its order, those assigned to `annotator` first;
        status and spans are `annotator`'s."""
        ...

    def document_summaries_for(
        self, ids: Sequence[DocumentId], annotator: str
    ) -> list[DocumentSummary]:
        """These documents in this order (ids with no document are left out), with
        `annotator`'s span count and everyone's statuses; meant for a page of a few hundred."""
        ...


class Store(
    Connection,
    DocumentStore,
    LayerStore,
    EntityStore,
    ProgressStore,
    AssignmentStore,
    DecisionStore,
    SearchStore,
    DocumentIndex,
    Protocol,
):
    """Documents and their annotations, kept safe: every role above, on one connection. Each
    method is one transaction unless called inside `transaction()`, which makes a whole user
    action atomic. Use cases name the roles they need; the window and the terminal hold the
    whole store."""


class Connect(Protocol):
    """Opens another connection to the same storage: a worker thread needs its own, as a
    connection must not serve two threads at once. Whoever calls it closes what it gets."""

    @property
    def location(self) -> Path | None:
        """The file that holds the storage, which no export may write over (None: no file)."""
        ...

    def __call__(self) -> Store:
        """A new store on its own connection."""
        ...
