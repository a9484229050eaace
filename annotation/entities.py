"""Entities: the people, organisations and places that spans refer to across the corpus.

Each SPEAKER or LOCATION span may belong to an entity with a canonical name and aliases. A
span's entity is suggested by matching normalised names: spelling variants (`سورية` ~
`سوريا`, hamza and alef forms, tashkeel), proclitics and the article, and a part of a name
(`سيرومولوتوف` ~ `أوليغ سيرومولوتوف`). Merging and splitting entities are single undoable
edits whose inverses restore every span they moved.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from annotation.arabic import normalise_for_match, strip_proclitics
from annotation.edits import (
    Compound,
    Edit,
    RemoveEntity,
    ReplaceSpan,
    UpdateEntity,
)
from annotation.model import Entity, EntityKind, Span
from annotation.ports import Store

_WORD = re.compile(r"\w+")
# A final alef or ta marbuta/heh spells the same place name two ways (سورية / سوريا).
_FINAL = re.compile(r"[اه]$")
_PROCLITICS = "وفبلك"


@lru_cache(maxsize=65_536)
def name_words(name: str) -> tuple[str, ...]:
    """A name as the words matching compares: normalised, without proclitics or the article,
    `عبد الله` written as one word as `عبدالله` is. (Kept: a span's suggestion scores every
    name of the registry, whose names rarely change.)"""
    words: list[str] = []
    for word in _WORD.findall(normalise_for_match(name)):
        if words and words[-1] == "عبد":
            words[-1] += word
            continue
        lil = 1 if word[:1] in ("و", "ف") and word[1:3] == "لل" else 0
        if word[lil : lil + 2] == "لل" and len(word) > lil + 4:
            word = (
                "ال" + word[lil + 2 :]
            )  # (و)ل + the article, its alef elided: للعراق = ل + العراق
        stem = word[strip_proclitics(word) :]
        if stem.startswith("ال") and len(stem) > 4:
            stem = stem[2:]
        words.append(_FINAL.sub("ه", stem))
    return tuple(words)


def _same_word(span_word: str, name_word: str) -> bool:
    """A word of a span names a word of an entity: the same, or the same behind one proclitic
    (`لسوريه` ~ `سوريه`). Only the span's word may carry it, and only before a stem of four
    letters or more: `كامل` must not name `أمل`, nor `كريم` `ريم`."""
    if span_word == name_word:
        return True
    return len(name_word) >= 4 and span_word[0] in _PROCLITICS and span_word[1:] == name_word


def _covers(words: tuple[str, ...], others: tuple[str, ...], span_side: bool) -> bool:
    """Every word of `words` is among `others` (`span_side`: `words` are the span's)."""
    if span_side:
        return all(any(_same_word(word, other) for other in others) for word in words)
    return all(any(_same_word(other, word) for other in others) for word in words)


def match_score(text: str, entity: Entity) -> int:
    """How well a span's text names an entity: 3 for the same name, 2 when every word of
    one is in the other (a surname, a name with its title; people and organisations only:
    `دمشق` does not name `ريف دمشق`), 0 for no match."""
    span_words = name_words(text)
    if not span_words:
        return 0
    best = 0
    for name in (entity.name, *entity.aliases):
        words = name_words(name)
        if not words:
            continue
        if len(words) == len(span_words) and _covers(span_words, words, span_side=True):
            return 3
        partial = _covers(words, span_words, span_side=False) or _covers(
            span_words, words, span_side=True
        )
        if partial and entity.kind is not EntityKind.PLACE:
            best = 2
    return best


def suggest_entity(text: str, kind: EntityKind, entities: Sequence[Entity]) -> Entity | None:
    """The entity a span's text most likely names, or None when none or several fit as well."""
    scored = [(match_score(text, entity), entity) for entity in entities if entity.kind is kind]
    best = max((score for score, _ in scored), default=0)
    if best == 0:
        return None
    winners = [entity for score, entity in scored if score == best]
    return winners[0] if len(winners) == 1 else None


def assign(span: Span, entity: Entity | None, name: str) -> ReplaceSpan:
    """The edit that ties a span to an entity (None: to none)."""
    return ReplaceSpan(replace(span, entity_id=entity.id if entity else None), name=name)


@dataclass(frozen=True, slots=True)
class CreateEntityFor:
    """Create an entity named after a span's text and tie the span to it."""

    span: Span
    kind: EntityKind
    entity_name: str
    name: str = "New Entity"

    @property
    def document_id(self) -> None:
        return None

    def apply(self, store: Store) -> Edit:
        entity = store.add_entity(Entity(self.kind, self.entity_name))
        assert entity.id is not None
        undo_assign = ReplaceSpan(replace(self.span, entity_id=entity.id)).apply(store)
        return Compound(self.name, None, (undo_assign, RemoveEntity(entity.id)))


@dataclass(frozen=True, slots=True)
class MergeEntities:
    """Fold `other` into `keep`: its mentions move over, its names become aliases."""

    keep: Entity
    other: Entity
    name: str = "Merge Entities"

    @property
    def document_id(self) -> None:
        return None

    def apply(self, store: Store) -> Edit:
        assert self.keep.id is not None and self.other.id is not None
        moves = [
            ReplaceSpan(replace(span, entity_id=self.keep.id)).apply(store)
            for span in store.mentions(self.other.id)
        ]
        keep = store.entity(self.keep.id)
        aliases = tuple(dict.fromkeys([*keep.aliases, self.other.name, *self.other.aliases]))
        aliases = tuple(alias for alias in aliases if alias != keep.name)
        merged = UpdateEntity(replace(keep, aliases=aliases)).apply(store)
        removed = RemoveEntity(self.other.id).apply(store)
        return Compound(self.name, None, (removed, merged, *reversed(moves)))


@dataclass(frozen=True, slots=True)
class SplitEntity:
    """Move some mentions of an entity to a new entity of the same kind."""

    entity: Entity
    spans: tuple[Span, ...]
    new_name: str
    name: str = "Split Entity"

    @property
    def document_id(self) -> None:
        return None

    def apply(self, store: Store) -> Edit:
        created = store.add_entity(Entity(self.entity.kind, self.new_name))
        assert created.id is not None
        moves = [
            ReplaceSpan(replace(store.span(span.id), entity_id=created.id)).apply(store)
            for span in self.spans
            if span.id
        ]
        return Compound(self.name, None, (*reversed(moves), RemoveEntity(created.id)))


def rename(entity: Entity, new_name: str, keep_old_as_alias: bool = True) -> UpdateEntity:
    """The edit that renames an entity, keeping the old name as an alias by default."""
    aliases = entity.aliases
    if keep_old_as_alias and entity.name != new_name and entity.name not in aliases:
        aliases = (*aliases, entity.name)
    aliases = tuple(alias for alias in aliases if alias != new_name)
    return UpdateEntity(replace(entity, name=new_name, aliases=aliases), name="Rename Entity")
