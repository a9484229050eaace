"""Edits: every change a person makes, as an object that applies itself and returns its inverse.

One user action is one edit (a Compound when it has knock-on effects, such as the first tag
setting the document in progress), one undo step and one transaction (`perform`). Undoing
applies the inverse; redoing applies the inverse's inverse, so ids survive an undo/redo
cycle and links to a restored span come back with it. `changes_of` says what one of them
touched (annotation/changes.py), for the views to re-read only that.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from annotation.changes import Changes
from annotation.model import (
    Decision,
    DocumentId,
    Entity,
    EntityId,
    Link,
    LinkId,
    Span,
    SpanId,
    Status,
)
from annotation.ports import ConflictError, DecisionStore, Store, StoreError


class Edit(Protocol):
    """A change to one document's annotations."""

    @property
    def name(self) -> str:
        """What a person calls it: the Edit menu shows "Undo <name>"."""
        ...

    @property
    def document_id(self) -> DocumentId | None:
        """The document it changes; None for a change to the corpus-wide entity registry."""
        ...

    def apply(self, store: Store) -> Edit:
        """Make the change and return the edit that takes it back."""
        ...


def perform(store: Store, edit: Edit) -> Edit:
    """Apply `edit` in one transaction (all of it lands, or none) and return its inverse."""
    with store.transaction():
        return edit.apply(store)


@dataclass(frozen=True, slots=True)
class AddSpan:
    """Add a span; with `links`, also restore the links it had (the inverse of RemoveSpan)."""

    span: Span
    links: tuple[Link, ...] = ()
    name: str = "Add Span"

    @property
    def document_id(self) -> DocumentId:
        return self.span.document_id

    def apply(self, store: Store) -> Edit:
        stored = store.add_span(self.span)
        for link in self.links:
            store.add_link(link)
        assert stored.id is not None
        return RemoveSpan(stored.id, self.span.document_id, name=self.name)


@dataclass(frozen=True, slots=True)
class RemoveSpan:
    """Remove a span and, in the same step, the links that touch it."""

    span_id: SpanId
    document_id: DocumentId
    name: str = "Delete Span"

    def apply(self, store: Store) -> Edit:
        span = store.span(self.span_id)
        links = tuple(store.links_touching(self.span_id))
        store.remove_span(self.span_id)
        return AddSpan(span, links, name=self.name)


@dataclass(frozen=True, slots=True)
class ReplaceSpan:
    """Change a span's label, boundaries (with its covered text) or attributes, keeping its id."""

    span: Span
    name: str = "Change Span"
    restoring: bool = False  # an undo or redo: put back the span's own updated_at too
    # For an undo or redo: the span as the edit it takes back left it. If another window has
    # changed it since, putting the old one back would silently discard their change.
    expected: Span | None = None

    @property
    def document_id(self) -> DocumentId:
        return self.span.document_id

    def apply(self, store: Store) -> Edit:
        assert self.span.id is not None
        before = store.span(self.span.id)
        if self.expected is not None and _content(before) != _content(self.expected):
            raise ConflictError(f"the {before.label} “{before.text[:30]}” was changed elsewhere")
        store.update_span(self.span, touch=not self.restoring)
        after = store.span(self.span.id)
        return ReplaceSpan(before, name=self.name, restoring=True, expected=after)


def _content(span: Span) -> tuple[object, ...]:
    """What a person sees of a span (timestamps aside)."""
    return (
        span.label,
        span.start,
        span.end,
        span.text,
        span.attributes,
        span.entity_id,
        span.origin,
    )


@dataclass(frozen=True, slots=True)
class AddLink:
    """Link two spans of one layer."""

    link: Link
    document_id: DocumentId
    name: str = "Add Link"

    def apply(self, store: Store) -> Edit:
        stored = store.add_link(self.link)
        assert stored.id is not None
        return RemoveLink(stored.id, self.document_id, name=self.name)


@dataclass(frozen=True, slots=True)
class RemoveLink:
    """Remove one link."""

    link_id: LinkId
    document_id: DocumentId
    name: str = "Delete Link"

    def apply(self, store: Store) -> Edit:
        link = store.link(self.link_id)
        store.remove_link(self.link_id)
        return AddLink(link, self.document_id, name=self.name)


@dataclass(frozen=True, slots=True)
class SetStatus:
    """Set how far an annotator has got with a document."""

    document_id: DocumentId
    annotator: str
    status: Status | None  # None: no status recorded (what undoing the first one restores)
    name: str = "Change Status"

    def apply(self, store: Store) -> Edit:
        before = store.recorded_status(self.document_id, self.annotator)
        store.set_status(self.document_id, self.annotator, self.status)
        return replace(self, status=before)


@dataclass(frozen=True, slots=True)
class SetDecision:
    """Record (or with None forget) the decision on one difference (adjudication.py), or
    the rejection of a suggestion (assistant/pending.py)."""

    document_id: DocumentId
    gold: str
    key: str
    decision: Decision | None
    name: str = "Decide"

    def apply(self, store: DecisionStore) -> Edit:
        before = next(
            (d for d in store.decisions(self.document_id, self.gold) if d.key == self.key), None
        )
        store.set_decision(self.document_id, self.gold, self.key, self.decision)
        return replace(self, decision=before)


@dataclass(frozen=True, slots=True)
class Compound:
    """Several edits of one document as one step: applied in order, undone in reverse."""

    name: str
    document_id: DocumentId | None
    edits: tuple[Edit, ...]

    def apply(self, store: Store) -> Edit:
        inverses = [edit.apply(store) for edit in self.edits]
        return Compound(self.name, self.document_id, tuple(reversed(inverses)))


@dataclass(frozen=True, slots=True)
class AddEntity:
    """Add an entity to the registry (with its old id when undoing a removal)."""

    entity: Entity
    name: str = "Add Entity"
    document_id: None = None

    def apply(self, store: Store) -> Edit:
        stored = store.add_entity(self.entity)
        assert stored.id is not None
        return RemoveEntity(stored.id, name=self.name)


@dataclass(frozen=True, slots=True)
class RemoveEntity:
    """Remove an entity; the spans that referred to it must have been moved off it first."""

    entity_id: EntityId
    name: str = "Delete Entity"
    document_id: None = None

    def apply(self, store: Store) -> Edit:
        entity = store.entity(self.entity_id)
        if store.mentions(self.entity_id):
            raise StoreError(f"{entity.name} is still referred to: move its mentions first")
        store.remove_entity(self.entity_id)
        return AddEntity(entity, name=self.name)


@dataclass(frozen=True, slots=True)
class UpdateEntity:
    """Change an entity's name, aliases or attributes."""

    entity: Entity
    name: str = "Change Entity"
    document_id: None = None
    expected: Entity | None = None  # for an undo or redo: the entity as it was left

    def apply(self, store: Store) -> Edit:
        assert self.entity.id is not None
        before = store.entity(self.entity.id)
        if self.expected is not None and before != self.expected:
            raise ConflictError(f"the entity {before.name} was changed elsewhere")
        store.update_entity(self.entity)
        return UpdateEntity(before, name=self.name, expected=store.entity(self.entity.id))


def with_progress(edit: Edit, store: Store, annotator: str) -> Edit:
    """`edit`, plus setting the document in progress when it is this annotator's first edit."""
    if edit.document_id is None or store.status(edit.document_id, annotator) is not Status.NEW:
        return edit
    started = SetStatus(edit.document_id, annotator, Status.IN_PROGRESS)
    return Compound(edit.name, edit.document_id, (edit, started))


def remove_spans(spans: Sequence[Span], name: str = "Delete Spans") -> Edit:
    """One step that removes several spans of one document."""
    ids = [span.id for span in spans if span.id is not None]
    document_id = spans[0].document_id
    return Compound(name, document_id, tuple(RemoveSpan(i, document_id, name) for i in ids))


def changes_of(edit: Edit, inverse: Edit) -> Changes:
    """What applying `edit` touched, read off the edit and the inverse it returned.

    Between them they name everything: an added span or entity gets its id only in the
    inverse, a removed span's links are only in the inverse, and an edit worked out when
    applied (a merge, an adjudication, an accepted suggestion) returns its steps as plain
    edits. Undo and redo report the same way, the inverse being the edit applied."""
    described = [found for found in (_described(edit), _described(inverse)) if found is not None]
    if not described:
        return Changes.unknown()  # an edit of a kind not known here: every view re-reads
    return described[0] if len(described) == 1 else described[0] | described[1]


def _described(edit: Edit) -> Changes | None:
    """What one edit names of what it touches; None for a kind not known here."""
    if isinstance(edit, Compound):
        together = Changes()
        for part in edit.edits:
            described = _described(part)
            if described is None:
                return None
            together |= described
        return together
    if isinstance(edit, AddSpan):
        return _span_changes(edit.span, edit.links)
    if isinstance(edit, ReplaceSpan):
        # An undo or redo names the entity the span leaves (`expected`) as well as the one
        # it goes back to.
        left = _span_changes(edit.expected, ()) if edit.expected is not None else Changes()
        return _span_changes(edit.span, ()) | left
    if isinstance(edit, RemoveSpan):
        return Changes(documents=frozenset({edit.document_id}), spans=frozenset({edit.span_id}))
    if isinstance(edit, AddLink):
        links = frozenset({edit.link.id}) if edit.link.id is not None else frozenset()
        return Changes(documents=frozenset({edit.document_id}), links=links)
    if isinstance(edit, RemoveLink):
        return Changes(documents=frozenset({edit.document_id}), links=frozenset({edit.link_id}))
    if isinstance(edit, SetStatus):
        return Changes(statuses=frozenset({edit.document_id}))
    if isinstance(edit, AddEntity | UpdateEntity):
        entity_id = edit.entity.id
        return Changes(entities=frozenset({entity_id}) if entity_id is not None else frozenset())
    if isinstance(edit, RemoveEntity):
        return Changes(entities=frozenset({edit.entity_id}))
    if isinstance(edit, SetDecision):
        return Changes(decisions=frozenset({edit.document_id}))
    return None


def _span_changes(span: Span, links: Sequence[Link]) -> Changes:
    return Changes(
        documents=frozenset({span.document_id}),
        spans=frozenset({span.id}) if span.id is not None else frozenset(),
        links=frozenset(link.id for link in links if link.id is not None),
        mentions=frozenset({span.entity_id}) if span.entity_id is not None else frozenset(),
    )
