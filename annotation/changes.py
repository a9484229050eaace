"""Changes: what one write did to the store, so each view refreshes only what it shows.

Every write ends in one report (Anki's `OpChanges` is the model): an edit and its undo, an
import of articles or layers, the assistant's suggestions, an adjudication decision. The
session reads the report of an edit off the edit and its inverse (edits.changes_of); the
window hands each report to the views; a view looks at the kinds it shows and re-reads only
what was touched, instead of re-reading the corpus because "something changed".
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from annotation.model import DocumentId, EntityId, LinkId, SpanId


@dataclass(frozen=True, slots=True)
class Changes:
    """What a write touched. Ids are those that were added, changed or removed."""

    documents: frozenset[DocumentId] = frozenset()  # whose spans or links changed, any layer
    spans: frozenset[SpanId] = frozenset()
    links: frozenset[LinkId] = frozenset()
    entities: frozenset[EntityId] = frozenset()  # in the registry: added, changed or removed
    # Entities a span joined or left, or whose span changed (an assignment, a merge's moves).
    mentions: frozenset[EntityId] = frozenset()
    statuses: frozenset[DocumentId] = frozenset()  # any annotator's status on these documents
    decisions: frozenset[DocumentId] = frozenset()  # adjudication decisions on these documents
    assignments: frozenset[DocumentId] = frozenset()  # who is assigned these documents
    corpus: bool = False  # documents were added or removed
    everything: bool = False  # another window or process committed: what, nobody knows

    @classmethod
    def unknown(cls) -> Changes:
        """A change nobody described (another process's commit): every view re-reads."""
        return cls(everything=True)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            **{
                field.name: getattr(self, field.name) | getattr(other, field.name)
                for field in fields(self)
            }
        )

    def __bool__(self) -> bool:
        return any(getattr(self, field.name) for field in fields(self))

    def touches_document(self, document_id: DocumentId | None) -> bool:
        """Whether the spans or links of this document may have changed."""
        return self.everything or (document_id is not None and document_id in self.documents)

    @property
    def touches_entities(self) -> bool:
        """Whether the entity registry may have changed."""
        return self.everything or bool(self.entities)

    @property
    def touches_annotations(self) -> bool:
        """Whether any span or link of any document may have changed."""
        return self.everything or self.corpus or bool(self.documents or self.spans or self.links)
