"""EntityDialog: an entity's canonical name, aliases and the attributes of its kind
(a person's role and organisation; a place's country and coordinates)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from annotation.model import Attributes, Entity, EntityKind

# The attributes each kind of entity carries.
KIND_ATTRIBUTES: dict[EntityKind, tuple[str, ...]] = {
    EntityKind.PERSON: ("role", "organisation"),
    EntityKind.ORGANISATION: ("country",),
    EntityKind.PLACE: ("country", "latitude", "longitude"),
}


class EntityDialog(QDialog):
    """Edits one entity; `entity()` gives the edited value."""

    def __init__(self, entity: Entity, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.original = entity
        self.setWindowTitle(self.tr("Edit Entity"))
        self.name = QLineEdit(entity.name)
        self.aliases = QPlainTextEdit("\n".join(entity.aliases))
        self.aliases.setPlaceholderText(self.tr("One alias a line"))
        self.aliases.setMaximumHeight(100)
        layout = QFormLayout(self)
        layout.addRow(self.tr("Name:"), self.name)
        layout.addRow(self.tr("Aliases:"), self.aliases)
        titles = {
            "role": self.tr("Role or title:"),
            "organisation": self.tr("Organisation:"),
            "country": self.tr("Country:"),
            "latitude": self.tr("Latitude:"),
            "longitude": self.tr("Longitude:"),
        }
        self.fields: dict[str, QLineEdit] = {}
        for key in KIND_ATTRIBUTES[entity.kind]:
            value = entity.attributes.get(key)
            field = QLineEdit("" if value is None else str(value))
            self.fields[key] = field
            layout.addRow(titles[key], field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def entity(self) -> Entity:
        """The entity as edited (coordinates as numbers when they read as numbers)."""
        attributes: Attributes = dict(self.original.attributes)
        for key, field in self.fields.items():
            text = field.text().strip()
            if not text:
                attributes.pop(key, None)
            elif key in ("latitude", "longitude"):
                try:
                    attributes[key] = float(text)
                except ValueError:
                    attributes[key] = text
            else:
                attributes[key] = text
        name = self.name.text().strip() or self.original.name
        aliases = tuple(
            dict.fromkeys(
                a.strip()
                for a in self.aliases.toPlainText().splitlines()
                if a.strip() and a.strip() != name
            )
        )
        return Entity(self.original.kind, name, aliases, attributes, self.original.id)
