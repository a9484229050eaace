"""The store's entities: the people, organisations and places spans refer to (part of both engines' stores)."""

from __future__ import annotations

from collections.abc import Iterable

from annotation.model import DocumentId, Entity, EntityId, Span
from annotation.ports import NotFoundError, StoreError
from db.door import check_entity
from db.rows import dump, entity_from_row, in_document, span_from_row
from db.store_base import StoreBase


class EntityRecords:
    """The corpus-wide registry of entities."""

    def add_entity(self: StoreBase, entity: Entity) -> Entity:
        """Store an entity and return it with its id."""
        check_entity(entity)
        with self.transaction():
            row = self.db.execute(
                "INSERT INTO entities (id, kind, name, aliases, attributes) VALUES (?, ?, ?, ?, ?)"
                " RETURNING id",
                [
                    entity.id,
                    entity.kind.value,
                    entity.name,
                    dump(list(entity.aliases)),
                    dump(entity.attributes),
                ],
            ).fetchone()
        return Entity(entity.kind, entity.name, entity.aliases, entity.attributes, EntityId(row[0]))

    def entity(self: StoreBase, entity_id: EntityId) -> Entity:
        """One entity."""
        return entity_from_row(
            self._one("SELECT * FROM entities WHERE id = ?", [entity_id], "entity")
        )

    def entities(self: StoreBase) -> list[Entity]:
        """Every entity, by kind and name."""
        return [
            entity_from_row(row)
            for row in self.db.query("SELECT * FROM entities ORDER BY kind, name")
        ]

    def update_entity(self: StoreBase, entity: Entity) -> Entity:
        """Replace a stored entity's kind, name, aliases and attributes."""
        if entity.id is None:
            raise StoreError("only a stored entity can be updated")
        check_entity(entity)
        with self.transaction():
            changed = self.db.execute(
                "UPDATE entities SET kind = ?, name = ?, aliases = ?, attributes = ? WHERE id = ?",
                [
                    entity.kind.value,
                    entity.name,
                    dump(list(entity.aliases)),
                    dump(entity.attributes),
                    entity.id,
                ],
            ).rowcount
        if not changed:
            raise NotFoundError(f"no entity {entity.id}")
        return entity

    def remove_entity(self: StoreBase, entity_id: EntityId) -> None:
        """Delete an entity; spans that referred to it keep their text and lose the reference."""
        with self.transaction():
            if self.db.execute("DELETE FROM entities WHERE id = ?", [entity_id]).rowcount == 0:
                raise NotFoundError(f"no entity {entity_id}")

    def mentions(
        self: StoreBase, entity_id: EntityId, document_id: DocumentId | None = None
    ) -> list[Span]:
        """Every span, in every layer and document (or in `document_id` only), that refers to
        an entity, by document and position."""
        where, parameters = in_document("s", entity_id, document_id)
        return [
            span_from_row(row, row["annotator"])
            for row in self.db.query(
                "SELECT s.*, a.name AS annotator FROM spans s JOIN annotators a ON a.id = s.annotator_id"
                f" WHERE s.entity_id = ?{where} ORDER BY s.document_id, s.start",
                parameters,
            )
        ]

    def mention_counts(
        self: StoreBase, entity_ids: Iterable[EntityId] | None = None
    ) -> dict[EntityId, int]:
        """How many spans refer to each entity (or to each of `entity_ids`; those with none
        are left out)."""
        if entity_ids is None:
            where, parameters = "entity_id IS NOT NULL", []
        else:
            parameters = list(entity_ids)
            where = f"entity_id IN ({', '.join('?' * len(parameters))})"
        return {
            EntityId(entity_id): count
            for entity_id, count in self.db.execute(
                f"SELECT entity_id, count(*) FROM spans WHERE {where} GROUP BY entity_id",
                parameters,
            )
        }
