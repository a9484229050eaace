"""Suggestions waiting for a person: stored as the assistant's own layer, accepted one key at
a time into the annotator's layer, or rejected.

The assistant's suggestions for a document are a layer like any (annotator ASSISTANT unless
told otherwise), so they can be exported, compared and scored. A suggestion is *pending* for an
annotator while their own layer has no span with its label and extent. Accepting copies it into
their layer with origin `suggested` (it keeps that origin for good), together with the links
the assistant drew to spans the annotator already has; rejecting deletes it from the
assistant's layer. Both are edits: one undo step each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from annotation.changes import Changes
from annotation.edits import AddLink, AddSpan, Compound, Edit, RemoveSpan, SetDecision
from annotation.entities import name_words
from annotation.model import (
    ATTRIBUTED_TO,
    Decision,
    DocumentId,
    DocumentSummary,
    Entity,
    EntityId,
    EntityKind,
    Link,
    LinkId,
    Origin,
    Span,
    SpanId,
    Status,
)
from annotation.ports import LayerStore, Store

ASSISTANT = "assistant"


def documents_to_suggest(
    summaries: Sequence[DocumentSummary], annotator: str, include_done: bool = False
) -> list[DocumentId]:
    """The documents a run over the corpus suggests on for `annotator`: all but those they
    marked done (suggestions there would reopen finished work), unless asked for those too."""
    return [
        summary.id
        for summary in summaries
        if include_done or summary.statuses.get(annotator) is not Status.DONE
    ]


def place(span: Span) -> tuple[str, int, int]:
    return (span.label, span.start, span.end)


def pending(
    store: LayerStore, document_id: DocumentId, annotator: str, source: str = ASSISTANT
) -> list[Span]:
    """The source layer's suggestions the annotator has not yet got, by position."""
    if annotator == source:
        return []
    own = {place(s) for s in store.spans_for(document_id, annotator)}
    return [s for s in store.spans_for(document_id, source) if place(s) not in own]


@dataclass(frozen=True, slots=True)
class AcceptSuggestion:
    """Copy one suggestion into the annotator's layer, with the links it has to spans the
    annotator already has. Its steps are worked out when applied (the new span's id is needed
    for the links), and their inverses returned as one Compound."""

    suggestion: Span
    annotator: str
    name: str = "Accept Suggestion"

    @property
    def document_id(self) -> DocumentId:
        return self.suggestion.document_id

    def apply(self, store: Store) -> Edit:
        document_id, source = self.document_id, self.suggestion.annotator
        own = {place(s): s for s in store.spans_for(document_id, self.annotator)}
        if place(self.suggestion) in own:
            return Compound(self.name, document_id, ())  # already there: nothing to do
        copy = replace(
            self.suggestion,
            id=None,
            annotator=self.annotator,
            origin=Origin.SUGGESTED,
            created_at=None,
            updated_at=None,
        )
        added = AddSpan(copy, name=self.name).apply(store)
        assert isinstance(added, RemoveSpan)
        inverses: list[Edit] = [added]
        theirs = {s.id: s for s in store.spans_for(document_id, source)}
        for link in store.links_touching(self.suggestion.id) if self.suggestion.id else []:
            mine_is_source = link.source_id == self.suggestion.id
            other = theirs.get(link.target_id if mine_is_source else link.source_id)
            counterpart = own.get(place(other)) if other is not None else None
            if counterpart is None or counterpart.id is None:
                continue
            ends = (
                (added.span_id, counterpart.id)
                if mine_is_source
                else (counterpart.id, added.span_id)
            )
            inverses.append(AddLink(Link(link.kind, *ends), document_id, self.name).apply(store))
        return Compound(self.name, document_id, tuple(reversed(inverses)))


def accept(suggestion: Span, annotator: str) -> Edit:
    """Accept one suggestion."""
    return AcceptSuggestion(suggestion, annotator)


def accept_all(suggestions: Sequence[Span], annotator: str) -> Edit:
    """Accept every suggestion given, as one step: speakers and places before claims, so a
    claim finds its speaker already in the layer and its link comes with it."""
    order = sorted(suggestions, key=lambda s: (s.label == "CLAIM", s.start))
    document_id = suggestions[0].document_id if suggestions else None
    return Compound(
        "Accept All Suggestions",
        document_id,
        tuple(AcceptSuggestion(s, annotator) for s in order),
    )


def rejection_key(span: Span) -> str:
    """The name a rejected suggestion's decision is recorded under (decisions table, with the
    assistant's layer as its `gold`), so running the assistant again leaves it out."""
    label, start, end = place(span)
    return f"reject {label}:{start}-{end}"


def reject(suggestion: Span, annotator: str = "") -> Edit:
    """Reject a suggestion: it leaves the assistant's layer (its links with it), and the
    rejection is remembered, so the assistant does not suggest it again there."""
    assert suggestion.id is not None
    document_id, layer, key = (
        suggestion.document_id,
        suggestion.annotator,
        rejection_key(suggestion),
    )
    decision = Decision(document_id, layer, key, "neither", "", annotator)
    return Compound(
        "Reject Suggestion",
        document_id,
        (
            RemoveSpan(suggestion.id, document_id, name="Reject Suggestion"),
            SetDecision(document_id, layer, key, decision),
        ),
    )


@dataclass(frozen=True, slots=True)
class Suggested:
    """What the assistant found in one document: spans (not yet stored) and links between
    them as (claim index, speaker index) into `spans`; `places` names each LOCATION's entity."""

    spans: tuple[Span, ...]
    links: tuple[tuple[int, int], ...] = ()
    places: dict[int, str] = field(default_factory=dict)


def is_suggested(span: Span) -> bool:
    """True for a span the assistant made (or a person accepted from it): origin `suggested`."""
    return span.origin is Origin.SUGGESTED


def is_assistants_own(span: Span) -> bool:
    """True for a suggestion nobody has touched since it was made: origin `suggested` and
    never updated. One a person resized, relabelled or annotated keeps its origin but is their
    work now, and so is every span drawn by hand or imported: the assistant never removes
    those (a rerun deleted a person's corrected claim and put its own back)."""
    if not is_suggested(span):
        return False
    return span.updated_at is None or span.created_at is None or span.updated_at <= span.created_at


@dataclass(frozen=True, slots=True)
class StoredSuggestions:
    """What storing one document's suggestions did: how many the layer holds, and what the
    write changed (for the views: new place entities, the spans and links added or removed)."""

    count: int
    changes: Changes


def write_suggestions(
    store: Store,
    document_id: DocumentId,
    found: Suggested,
    layer: str = ASSISTANT,
    add_only: bool | None = None,
) -> StoredSuggestions:
    """Make the layer's suggestions on one document what `found` says, in one transaction,
    leaving out what was rejected there. A suggestion found again keeps its span (and id, so
    an undo of a rejection or an acceptance still finds what it expects); one no longer found
    goes; a LOCATION is tied to its place entity (created when new). Returns how many are
    stored and what changed.

    Only the assistant's own untouched work is ever removed (issue 13, item 2: a rerun into a
    person's layer deleted 6 of their 9 spans): a span that is not (is_assistants_own) stays,
    and so does every link touching one, and the suggested span at its other end. With
    `add_only` (a layer that holds a person's work, by their explicit choice) nothing at all
    is removed: accepting a suggestion there leaves no trace a later run could tell from the
    assistant's own, so the only safe rerun adds."""
    if add_only is None:
        add_only = not is_assistants_layer(layer)
    with store.transaction():
        rejected = {d.key for d in store.decisions(document_id, layer)}
        layer_spans = store.spans_for(document_id, layer)
        before = {place(span): span for span in layer_spans}
        hand_made = {span.id for span in layer_spans if add_only or not is_assistants_own(span)}
        layer_links = store.links_for(document_id, layer)
        tied = {
            end
            for link in layer_links
            if link.source_id in hand_made or link.target_id in hand_made
            for end in (link.source_id, link.target_id)
        }
        places = _places_by_name(store.entities())
        written = _Written()
        ids: dict[int, SpanId] = {}
        for index, span in enumerate(found.spans):
            if rejection_key(span) in rejected:
                continue
            kept = before.pop(place(span), None)
            if kept is not None and kept.id is not None:
                ids[index] = kept.id
                continue
            if add_only and any(_overlap(span, other) for other in layer_spans):
                continue  # beside a person's work, never a second claim over their corrected one
            entity = _place_entity(store, places, found.places.get(index), written)
            stored = store.add_span(
                replace(
                    span,
                    document_id=document_id,
                    annotator=layer,
                    origin=Origin.SUGGESTED,
                    entity_id=entity.id if entity else None,
                )
            )
            assert stored.id is not None
            ids[index] = stored.id
            written.spans.add(stored.id)
        for stale in before.values():
            assert stale.id is not None
            if stale.id not in hand_made and stale.id not in tied:
                store.remove_span(stale.id)  # its links (all the assistant's) go with it
                written.spans.add(stale.id)
                written.links.update(
                    link.id
                    for link in layer_links
                    if link.id is not None and stale.id in (link.source_id, link.target_id)
                )
        wanted = {(ids[c], ids[s]) for c, s in found.links if c in ids and s in ids}
        for link in store.links_for(document_id, layer):
            if (link.source_id, link.target_id) in wanted:
                wanted.discard((link.source_id, link.target_id))
            elif (
                link.id is not None
                and not add_only
                and not {link.source_id, link.target_id} & hand_made
            ):
                store.remove_link(link.id)
                written.links.add(link.id)
        for claim_id, speaker_id in sorted(wanted):
            added = store.add_link(Link(ATTRIBUTED_TO, claim_id, speaker_id))
            if added.id is not None:
                written.links.add(added.id)
    return StoredSuggestions(len(ids), written.changes(document_id))


@dataclass(slots=True)
class _Written:
    """What write_suggestions has written so far, gathered for its Changes."""

    spans: set[SpanId] = field(default_factory=set)
    links: set[LinkId] = field(default_factory=set)
    entities: set[EntityId] = field(default_factory=set)  # places tied to a new span

    def changes(self, document_id: DocumentId) -> Changes:
        touched = bool(self.spans or self.links)
        return Changes(
            documents=frozenset({document_id}) if touched else frozenset(),
            spans=frozenset(self.spans),
            links=frozenset(self.links),
            entities=frozenset(self.entities),
        )


def is_assistants_layer(layer: str) -> bool:
    """Whether `layer` is the assistant's by name (`assistant`, `assistant-v2`): the only
    layers where a rerun replaces earlier suggestions. Timestamps to the second cannot tell a
    suggestion a person corrected at once from the assistant's own, so in any other layer a
    rerun only adds (a corrected claim was replaced by the assistant's, review of issue 13)."""
    return layer == ASSISTANT or layer.startswith(ASSISTANT + "-")


def _overlap(a: Span, b: Span) -> bool:
    return a.label == b.label and a.start < b.end and b.start < a.end


@dataclass(frozen=True, slots=True)
class HandMadeWork:
    """What a person made in a layer, on some documents: spans the assistant did not make
    (drawn by hand or imported) or that a person changed, and documents given a status."""

    layer: str
    spans: int
    documents: int
    statuses: int

    def __bool__(self) -> bool:
        return bool(self.spans or self.statuses)

    def describe(self) -> str:
        """One line for a refusal: whose layer, how much work."""
        spans = f"{self.spans} hand-made span{'s' * (self.spans != 1)}"
        where = f"{self.documents} document{'s' * (self.documents != 1)}"
        statuses = (
            f" and a status on {self.statuses} document{'s' * (self.statuses != 1)}"
            if self.statuses
            else ""
        )
        return f"layer {self.layer!r} holds {spans} in {where}{statuses}"


def hand_made_work(store: Store, document_ids: Sequence[DocumentId], layer: str) -> HandMadeWork:
    """The person's work in `layer` on these documents, which the assistant must not take
    for its own: read only where the layer has spans at all."""
    wanted = set(document_ids)
    spans = documents = 0
    for document_id, layers in store.layers_in_use([layer]).items():
        if document_id in wanted and layer in layers:
            mine = sum(not is_assistants_own(s) for s in store.spans_for(document_id, layer))
            spans += mine
            documents += bool(mine)
    statuses = sum(status.document_id in wanted for status in store.recorded_statuses([layer]))
    return HandMadeWork(layer, spans, documents, statuses)


def _place_entity(
    store: Store, places: dict[tuple[str, ...], Entity], name: str | None, written: _Written
) -> Entity | None:
    if name is None:
        return None
    entity = places.get(name_words(name))
    if entity is None:
        entity = store.add_entity(Entity(EntityKind.PLACE, name))
        places[name_words(entity.name)] = entity
    if entity.id is not None:
        # New or not, the place has one more mention: the Entities tab counts them.
        written.entities.add(entity.id)
    return entity


def _places_by_name(entities: Sequence[Entity]) -> dict[tuple[str, ...], Entity]:
    places: dict[tuple[str, ...], Entity] = {}
    for entity in entities:
        if entity.kind is EntityKind.PLACE:
            for name in (entity.name, *entity.aliases):
                places.setdefault(name_words(name), entity)
    return places
