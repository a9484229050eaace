"""The assistant at work on one document: places from the gazetteer, speakers and claims from
the reporting structure, each claim linked to its speaker; and on many, with progress.

Suggestions are spans of the assistant's layer (pending.py stores them and lets a person
accept or reject them). A speaker named for several claims is one span with several links;
a span found twice (a place inside a speaker's title, say) is kept once per label.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from annotation.assistant.pending import ASSISTANT, Suggested, write_suggestions
from annotation.assistant.places import Gazetteer
from annotation.assistant.reporting import find_attributions
from annotation.changes import Changes
from annotation.model import Document, DocumentId, Span
from annotation.ports import Store

CHUNK = 100  # documents stored per transaction by store_many


@dataclass
class Assistant:
    """Finds suggestions; the gazetteer is loaded once and kept."""

    gazetteer: Gazetteer

    @classmethod
    def load(cls) -> Assistant:
        return cls(Gazetteer.load())

    def suggest(self, document: Document, layer: str = ASSISTANT) -> Suggested:
        """Everything the assistant finds in one document (nothing stored)."""
        assert document.id is not None
        builder = _Builder(document.id, document.text, layer)
        for match in self.gazetteer.find(document.text):
            builder.add("LOCATION", match.start, match.end, place=match.entity_name)
        for found in find_attributions(document.text):
            attributes = {"kind": found.kind, "cue": found.cue}
            if found.polarity == "negative":
                attributes["polarity"] = "negative"
            claim = builder.add("CLAIM", found.claim.start, found.claim.end, attributes)
            if found.speaker is not None:
                speaker = builder.add("SPEAKER", found.speaker.start, found.speaker.end)
                builder.link(claim, speaker)
        return builder.build()

    def suggest_text(self, text: str) -> list[Span]:
        """The spans the assistant finds in a bare text (for evaluations)."""
        return list(self.suggest(Document(text=text, text_sha256="", id=DocumentId(0))).spans)

    def store_many(
        self,
        store: Store,
        document_ids: Sequence[DocumentId],
        layer: str = ASSISTANT,
        progress: Callable[[int, int], bool] | None = None,
        add_only: bool | None = None,
        on_stored: Callable[[Changes], object] | None = None,
    ) -> Iterator[tuple[Document, Suggested]]:
        """Suggest for many documents and store each batch of CHUNK in a short transaction:
        finding is read-only, and a window on the same database is never kept waiting for
        the write lock while the whole corpus is read. `progress(done, total)` returning
        False stops after the batch in hand; what was stored stays (each document's
        suggestions are complete); `add_only` removes no earlier span (by default, outside
        the assistant's own layers: write_suggestions); `on_stored` is told what each batch
        changed once it is committed. Yields what it stored."""
        for first in range(0, len(document_ids), CHUNK):
            if progress is not None and not progress(first, len(document_ids)):
                return
            batch = [
                (document, self.suggest(document, layer))
                for document in map(store.document, document_ids[first : first + CHUNK])
            ]
            changes = Changes()
            with store.transaction():
                for document, found in batch:
                    assert document.id is not None
                    stored = write_suggestions(store, document.id, found, layer, add_only)
                    changes |= stored.changes
            if on_stored is not None:
                on_stored(changes)
            yield from batch
        if progress is not None:
            progress(len(document_ids), len(document_ids))


class _Builder:
    def __init__(self, document_id: DocumentId, text: str, layer: str) -> None:
        self.document_id, self.text, self.layer = document_id, text, layer
        self.spans: list[Span] = []
        self.index: dict[tuple[str, int, int], int] = {}
        self.links: set[tuple[int, int]] = set()
        self.places: dict[int, str] = {}

    def add(
        self,
        label: str,
        start: int,
        end: int,
        attributes: dict[str, str] | None = None,
        place: str | None = None,
    ) -> int:
        key = (label, start, end)
        if key not in self.index:
            self.index[key] = len(self.spans)
            self.spans.append(
                Span(
                    self.document_id,
                    self.layer,
                    label,
                    start,
                    end,
                    self.text[start:end],
                    dict(attributes or {}),
                )
            )
            if place is not None:
                self.places[self.index[key]] = place
        return self.index[key]

    def link(self, claim: int, speaker: int) -> None:
        self.links.add((claim, speaker))

    def build(self) -> Suggested:
        return Suggested(tuple(self.spans), tuple(sorted(self.links)), self.places)
