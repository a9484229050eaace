"""Tag sets: the labels an annotator can apply, their colours, keys and attributes, and link types.

A tag set is a JSON file (`assets/tagsets/default.json` is the default). Loading checks it
fully and names the file and the field at fault, because a bad tag set would otherwise surface
as a mysterious error deep in the window.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from annotation.model import Attributes, AttributeValue, EntityKind

DEFAULT_TAGSET = Path(__file__).resolve().parent.parent / "assets" / "tagsets" / "default.json"

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


class TagSetError(ValueError):
    """A tag-set file that cannot be used; the message names the file and field."""


class AttributeType(StrEnum):
    """The kind of value an attribute holds."""

    TEXT = "text"
    CHOICE = "choice"
    BOOLEAN = "boolean"


class Outline(StrEnum):
    """A line style that tells labels apart without colour, for colour-blind annotators."""

    SOLID = "solid"
    DASHED = "dashed"
    DOTTED = "dotted"
    WAVY = "wavy"


@dataclass(frozen=True, slots=True)
class AttributeSpec:
    """One attribute a label's spans may carry."""

    name: str
    type: AttributeType
    titles: dict[str, str]
    choices: tuple[str, ...] = ()
    default: AttributeValue = None
    # How each choice reads in each language ({"direct": {"ar": "مباشر"}}); the value itself
    # is what is stored and exported.
    choice_titles: dict[str, dict[str, str]] = field(default_factory=dict)

    def choice_title(self, choice: str, language: str) -> str:
        """A choice as people read it in `language` (the stored value when untitled)."""
        titles = self.choice_titles.get(choice, {})
        return titles.get(language) or titles.get("en") or choice

    def check(self, value: AttributeValue) -> None:
        """Raise ValueError unless `value` suits this attribute."""
        if value is None:
            return
        if self.type is AttributeType.CHOICE and value not in self.choices:
            raise ValueError(f"{self.name} must be one of {', '.join(self.choices)}, not {value!r}")
        if self.type is AttributeType.TEXT and not isinstance(value, str):
            raise ValueError(f"{self.name} must be text, not {value!r}")
        if self.type is AttributeType.BOOLEAN and not isinstance(value, bool):
            raise ValueError(f"{self.name} must be true or false, not {value!r}")


@dataclass(frozen=True, slots=True)
class Label:
    """A tag an annotator applies to a stretch of text."""

    name: str
    titles: dict[str, str]
    colour: str
    keys: tuple[str, ...]
    outline: Outline
    attributes: tuple[AttributeSpec, ...] = ()
    entity_kind: EntityKind | None = None

    def title(self, language: str) -> str:
        """The label's name for people, in `language` when the tag set has it."""
        return self.titles.get(language) or self.titles.get("en") or self.name

    def attribute(self, name: str) -> AttributeSpec:
        """The attribute called `name`; KeyError if the label has none."""
        for spec in self.attributes:
            if spec.name == name:
                return spec
        raise KeyError(name)

    def default_attributes(self) -> Attributes:
        """The attributes a new span of this label starts with."""
        return {spec.name: spec.default for spec in self.attributes if spec.default is not None}

    def check_attributes(self, attributes: Attributes) -> None:
        """Raise ValueError for an unknown attribute or an unsuitable value."""
        specs = {spec.name: spec for spec in self.attributes}
        for name, value in attributes.items():
            if name not in specs:
                raise ValueError(f"{self.name} has no attribute {name!r}")
            specs[name].check(value)


@dataclass(frozen=True, slots=True)
class LinkType:
    """A kind of link from a span of one label to a span of another."""

    name: str
    titles: dict[str, str]
    source_label: str
    target_label: str


@dataclass(frozen=True, slots=True)
class TagSet:
    """The labels and link types of a project."""

    name: str
    labels: tuple[Label, ...]
    link_types: tuple[LinkType, ...]

    def label(self, name: str) -> Label:
        """The label called `name`; KeyError if there is none."""
        for label in self.labels:
            if label.name == name:
                return label
        raise KeyError(name)

    def find(self, name: str) -> Label | None:
        """The label called `name`, or None (a span may carry a label the tag set dropped)."""
        return next((label for label in self.labels if label.name == name), None)

    def label_for_key(self, key: str) -> Label | None:
        """The label a key press applies (keys compare case-insensitively)."""
        for label in self.labels:
            if key.upper() in (k.upper() for k in label.keys):
                return label
        return None


def load_tagset(path: Path = DEFAULT_TAGSET) -> TagSet:
    """Read and check a tag-set file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise TagSetError(f"{path}: cannot read the tag set ({error})") from None
    except json.JSONDecodeError as error:
        raise TagSetError(f"{path}, line {error.lineno}: malformed JSON ({error.msg})") from None
    return parse_tagset(data, str(path))


def parse_tagset(data: Any, where: str) -> TagSet:
    """Build a TagSet from decoded JSON; `where` names the source in error messages."""
    reader = _Reader(where)
    root = reader.mapping(data, "tag set")
    labels = tuple(
        _parse_label(reader, item, f"labels[{i}]")
        for i, item in enumerate(reader.list(root, "labels", "tag set"))
    )
    if not labels:
        raise TagSetError(f"{where}: labels: a tag set needs at least one label")
    names = [label.name for label in labels]
    if len(set(names)) != len(names):
        raise TagSetError(f"{where}: labels: names must be unique ({', '.join(names)})")
    keys = [key.upper() for label in labels for key in label.keys]
    if len(set(keys)) != len(keys):
        raise TagSetError(f"{where}: labels: two labels share a key ({', '.join(keys)})")
    link_types = []
    for i, item in enumerate(root.get("links", [])):
        field = f"links[{i}]"
        link = reader.mapping(item, field)
        link_type = LinkType(
            name=reader.text(link, "name", field),
            titles=reader.titles(link, field),
            source_label=reader.text(link, "from", field),
            target_label=reader.text(link, "to", field),
        )
        for end in (link_type.source_label, link_type.target_label):
            if end not in names:
                raise TagSetError(f"{where}: {field}: no label called {end!r}")
        link_types.append(link_type)
    return TagSet(name=str(root.get("name", "")), labels=labels, link_types=tuple(link_types))


def _parse_label(reader: _Reader, item: Any, field: str) -> Label:
    label = reader.mapping(item, field)
    name = reader.text(label, "name", field)
    colour = reader.text(label, "colour", field)
    if not _COLOUR.fullmatch(colour):
        raise TagSetError(f"{reader.where}: {field}.colour: expected #rrggbb, not {colour!r}")
    outline = reader.text(label, "outline", field) if "outline" in label else Outline.SOLID
    entity_kind = label.get("entity_kind")
    try:
        return Label(
            name=name,
            titles=reader.titles(label, field),
            colour=colour,
            keys=tuple(str(key) for key in reader.list(label, "keys", field)),
            outline=Outline(outline),
            attributes=tuple(
                _parse_attribute(reader, spec, f"{field}.attributes[{i}]")
                for i, spec in enumerate(label.get("attributes", []))
            ),
            entity_kind=EntityKind(entity_kind) if entity_kind else None,
        )
    except ValueError as error:
        if isinstance(error, TagSetError):
            raise
        raise TagSetError(f"{reader.where}: {field}: {error}") from None


def _parse_attribute(reader: _Reader, item: Any, field: str) -> AttributeSpec:
    spec = reader.mapping(item, field)
    kind = AttributeType(reader.text(spec, "type", field))
    choices = tuple(str(c) for c in spec.get("choices", []))
    if kind is AttributeType.CHOICE and not choices:
        raise TagSetError(f"{reader.where}: {field}.choices: a choice attribute needs choices")
    attribute = AttributeSpec(
        name=reader.text(spec, "name", field),
        type=kind,
        titles=reader.titles(spec, field),
        choices=choices,
        default=spec.get("default"),
        choice_titles={
            str(k): dict(v) for k, v in spec.get("choice_titles", {}).items() if isinstance(v, dict)
        },
    )
    try:
        attribute.check(attribute.default)
    except ValueError as error:
        raise TagSetError(f"{reader.where}: {field}.default: {error}") from None
    return attribute


@dataclass(frozen=True, slots=True)
class _Reader:
    """Typed access to decoded JSON that names the file and field on every error."""

    where: str

    def mapping(self, value: Any, field: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise TagSetError(f"{self.where}: {field}: expected an object")
        return value

    def list(self, parent: dict[str, Any], key: str, field: str) -> list[Any]:
        value = parent.get(key)
        if not isinstance(value, list):
            raise TagSetError(f"{self.where}: {field}.{key}: expected a list")
        return value

    def text(self, parent: dict[str, Any], key: str, field: str) -> str:
        value = parent.get(key)
        if not isinstance(value, str) or not value:
            raise TagSetError(f"{self.where}: {field}.{key}: expected a non-empty string")
        return value

    def titles(self, parent: dict[str, Any], field: str) -> dict[str, str]:
        value = parent.get("title", {})
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise TagSetError(f"{self.where}: {field}.title: expected {{language: text}}")
        return dict(value)
