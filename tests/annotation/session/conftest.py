"""A session on a real store with two short articles, and what it tells its listeners."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from annotation.changes import Changes
from annotation.model import Document, DocumentId, SpanId, text_sha256
from annotation.ports import Store
from annotation.session import AnnotationSession, MemoryHistory
from annotation.tagset import Label, load_tagset

FIRST = "قال الوزير إن دمشق آمنة اليوم."
SECOND = "وأكد الوزير أن حلب هادئة."


@dataclass
class Heard:
    """Everything the session told its listeners, in order."""

    changes: list[Changes] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    selections: list[SpanId | None] = field(default_factory=list)
    requested: list[DocumentId] = field(default_factory=list)
    suggestions: int = 0

    def count_suggestions(self) -> None:
        self.suggestions += 1


@dataclass
class Desk:
    """The session, its history, the two documents and what was heard."""

    session: AnnotationSession
    history: MemoryHistory
    heard: Heard
    first: DocumentId
    second: DocumentId

    def label(self, name: str) -> Label:
        return self.session.tagset.label(name)

    def tag(self, name: str, words: str, text: str = FIRST) -> SpanId:
        start = text.index(words)
        span = self.session.tag(self.label(name), start, start + len(words))
        assert span is not None and span.id is not None
        return span.id


@pytest.fixture
def desk(store: Store) -> Desk:
    first, second = store.add_documents(
        [
            Document(text, text_sha256(text), title=f"article {i}")
            for i, text in enumerate((FIRST, SECOND))
        ]
    )
    history = MemoryHistory()
    session = AnnotationSession(store, load_tagset(), "amal", history)
    heard = Heard()
    session.events.changed.connect(heard.changes.append)
    session.events.message.connect(heard.messages.append)
    session.events.selection_changed.connect(heard.selections.append)
    session.events.document_requested.connect(heard.requested.append)
    session.events.suggestions_changed.connect(heard.count_suggestions)
    session.open_document(first)
    return Desk(session, history, heard, first, second)
