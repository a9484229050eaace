"""EntityCommands: the session's edits of the corpus-wide entity registry: suggest, assign,
create, rename, edit, merge and split entities, each one undo step."""

from __future__ import annotations

from dataclasses import replace

from annotation.edits import UpdateEntity
from annotation.entities import (
    CreateEntityFor,
    MergeEntities,
    SplitEntity,
    assign,
    rename,
    suggest_entity,
)
from annotation.model import Entity, EntityId, SpanId
from annotation.session.core import SessionCore


class EntityCommands(SessionCore):
    """Edits of the entity registry and of which entity a span names."""

    def suggested_entity(self, span_id: SpanId) -> Entity | None:
        """The entity a span's text most likely names (for a span with no entity yet)."""
        span = self.span(span_id)
        label = self.tagset.find(span.label) if span else None
        if span is None or label is None or label.entity_kind is None or span.entity_id is not None:
            return None
        # Asked several times for each new span (its editor, its key): kept by text and kind
        # until the registry changes.
        key = (span.text, label.entity_kind)
        if key not in self._suggested:
            self._suggested[key] = suggest_entity(span.text, label.entity_kind, self.entities())
        return self._suggested[key]

    def assign_entity(self, span_id: SpanId, entity_id: EntityId | None) -> None:
        """Tie a span to an entity (None: to none)."""
        span = self.span(span_id)
        if span is None or span.entity_id == entity_id:
            return
        entity = self.store.entity(entity_id) if entity_id is not None else None
        name = (
            self.translate("Session", "Link to %1").replace("%1", entity.name)
            if entity
            else self.translate("Session", "Unlink Entity")
        )
        self._push(assign(span, entity, name))

    def accept_suggested_entity(self, span_id: SpanId) -> bool:
        """Tie a span to its suggested entity; False when there is no suggestion."""
        entity = self.suggested_entity(span_id)
        if entity is None or entity.id is None:
            return False
        self.assign_entity(span_id, entity.id)
        return True

    def new_entity_for(self, span_id: SpanId, name: str | None = None) -> None:
        """Create an entity named after a span (or `name`) and tie the span to it."""
        span = self.span(span_id)
        label = self.tagset.find(span.label) if span else None
        if span is None or label is None or label.entity_kind is None:
            return
        entity_name = (name or span.text).strip()
        edit_name = self.translate("Session", "New Entity %1").replace("%1", entity_name)
        self._push(CreateEntityFor(span, label.entity_kind, entity_name, name=edit_name))

    def rename_entity(self, entity_id: EntityId, new_name: str) -> None:
        """Rename an entity (its old name stays as an alias)."""
        entity = self.store.entity(entity_id)
        if new_name.strip() and new_name.strip() != entity.name:
            edit_name = self.translate("Session", "Rename Entity")
            self._push(replace(rename(entity, new_name.strip()), name=edit_name))

    def update_entity(self, entity: Entity) -> None:
        """Change an entity's name, aliases or attributes."""
        if entity.id is not None and entity != self.store.entity(entity.id):
            edit_name = self.translate("Session", "Edit Entity %1").replace("%1", entity.name)
            self._push(UpdateEntity(entity, name=edit_name))

    def merge_entities(self, keep_id: EntityId, other_id: EntityId) -> None:
        """Fold one entity into another."""
        if keep_id == other_id:
            return
        keep, other = self.store.entity(keep_id), self.store.entity(other_id)
        name = (
            self.translate("Session", "Merge %1 into %2")
            .replace("%1", other.name)
            .replace("%2", keep.name)
        )
        self._push(MergeEntities(keep, other, name=name))

    def split_entity(self, entity_id: EntityId, span_ids: list[SpanId], new_name: str) -> None:
        """Move some mentions of an entity to a new entity."""
        entity = self.store.entity(entity_id)
        spans = tuple(span for span in self.store.mentions(entity_id) if span.id in span_ids)
        if spans and new_name.strip():
            name = self.translate("Session", "Split %1").replace("%1", entity.name)
            self._push(SplitEntity(entity, spans, new_name.strip(), name=name))
