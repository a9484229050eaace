"""The store's entities: the people, organisations and places spans refer to (part of SqliteStore)."""

from __future__ import annotations

from annotation.model import Entity, EntityId
from db.rows import dump, entity_from_row
from db.store_base import StoreBase


class EntityRecords:
    """The corpus-wide registry of entities."""

    def add_entity(self: StoreBase, entity: Entity) -> Entity:
        """Store an entity and return it with its id."""
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
