"""changes_of: what an edit touched, read off the edit and the inverse it returned."""

from __future__ import annotations

from dataclasses import dataclass, replace

from annotation.changes import Changes
from annotation.edits import (
    AddEntity,
    AddLink,
    AddSpan,
    Compound,
    Edit,
    RemoveEntity,
    RemoveLink,
    RemoveSpan,
    ReplaceSpan,
    SetDecision,
    SetStatus,
    changes_of,
)
from annotation.model import (
    Decision,
    DocumentId,
    Entity,
    EntityId,
    EntityKind,
    Link,
    LinkId,
    Span,
    SpanId,
    Status,
)
from annotation.ports import Store

DOC = DocumentId(3)
SPAN = Span(DOC, "amal", "SPEAKER", 4, 10, "الوزير", id=SpanId(7), entity_id=EntityId(2))


@dataclass(frozen=True)
class Unknown:
    """An edit of a kind changes_of has never heard of."""

    name: str = "Something"
    document_id: DocumentId | None = DOC

    def apply(self, store: Store) -> Edit:
        return self


def test_a_removed_span_names_its_links_through_the_inverse() -> None:
    link = Link("ATTRIBUTED_TO", SpanId(8), SpanId(7), id=LinkId(5))
    changes = changes_of(RemoveSpan(SpanId(7), DOC), AddSpan(SPAN, (link,)))
    assert changes == Changes(
        documents=frozenset({DOC}),
        spans=frozenset({SpanId(7)}),
        links=frozenset({LinkId(5)}),
        mentions=frozenset({EntityId(2)}),
    )


def test_a_span_moved_to_another_entity_names_both() -> None:
    moved = ReplaceSpan(SPAN, expected=Span(DOC, "amal", "SPEAKER", 4, 10, "الوزير", id=SpanId(7)))
    assert changes_of(moved, moved).mentions == {EntityId(2)}
    elsewhere = ReplaceSpan(SPAN, expected=replace(SPAN, entity_id=EntityId(9)))
    assert changes_of(elsewhere, elsewhere).mentions == {EntityId(2), EntityId(9)}


def test_links_statuses_decisions_and_entities_each_land_in_their_field() -> None:
    link = Link("ATTRIBUTED_TO", SpanId(8), SpanId(7))
    assert changes_of(AddLink(link, DOC), RemoveLink(LinkId(11), DOC)) == Changes(
        documents=frozenset({DOC}), links=frozenset({LinkId(11)})
    )
    status = SetStatus(DOC, "amal", Status.DONE)
    assert changes_of(status, SetStatus(DOC, "amal", None)) == Changes(statuses=frozenset({DOC}))
    decision = Decision(DOC, "gold", "k", "accept_a", "", "amal")
    decided = SetDecision(DOC, "gold", "k", decision)
    assert changes_of(decided, SetDecision(DOC, "gold", "k", None)) == Changes(
        decisions=frozenset({DOC})
    )
    added = AddEntity(Entity(EntityKind.PLACE, "دمشق"))
    assert changes_of(added, RemoveEntity(EntityId(4))) == Changes(
        entities=frozenset({EntityId(4)})
    )


def test_an_edit_of_an_unknown_kind_makes_every_view_re_read() -> None:
    assert changes_of(Unknown(), Unknown()) == Changes.unknown()
    inside = Compound("Both", DOC, (RemoveSpan(SpanId(7), DOC), Unknown()))
    assert changes_of(inside, inside) == Changes.unknown()
    # Worked out when applied (a merge, an accepted suggestion): the inverse tells it all.
    assert changes_of(Unknown(), RemoveSpan(SpanId(7), DOC)) == Changes(
        documents=frozenset({DOC}), spans=frozenset({SpanId(7)})
    )
