"""A scripted, seeded editing session on a real store, run until killed (no Qt).

    python -m tests.reliability.editor DB SEED

Every change is an edit applied by `perform`, as the window applies them. Before each one the
editor writes an "intent" line, and after `perform` returns (after COMMIT) a "done" line with
what is now true (journal.py), flushed at once, so the parent that kills it knows what was
committed: everything up to the last "done", plus possibly the edit of a trailing "intent".
"""

from __future__ import annotations

import sys
from dataclasses import replace
from random import Random

from annotation.edits import (
    AddLink,
    AddSpan,
    Compound,
    Edit,
    RemoveLink,
    RemoveSpan,
    ReplaceSpan,
    SetStatus,
    perform,
    remove_spans,
    with_progress,
)
from annotation.model import DocumentId, Link, LinkId, Span, SpanId, Status
from annotation.ports import StoreError
from db.store import SqliteStore
from tests.reliability.journal import State, effects, line

ANNOTATORS = ("amal", "basil")
LABELS = ("SPEAKER", "CLAIM", "LOCATION")
LINK_KIND = "ATTRIBUTED_TO"
# How often each kind of step is tried; one that cannot apply (nothing to remove) adds a span.
WEIGHTS = {
    "add_span": 30,
    "add_spans": 4,
    "remove_span": 8,
    "remove_spans": 3,
    "replace_span": 14,
    "add_link": 12,
    "remove_link": 5,
    "set_status": 5,
    "undo": 12,
    "redo": 7,
}


def emit(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


class Session:
    """The editor's view of its documents, and its undo and redo stacks."""

    def __init__(self, store: SqliteStore, rng: Random, documents: dict[DocumentId, str]) -> None:
        self.store = store
        self.rng = rng
        self.texts = documents
        self.state = State()
        self.undo: list[Edit] = []
        self.redo: list[Edit] = []

    # Choosing the next step

    def next_step(self) -> tuple[str, Edit] | None:
        """The next edit and what it is called, or None when the chosen step has nothing to do."""
        op = self.rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
        if op == "undo":
            return (op, self.undo[-1]) if self.undo else None
        if op == "redo":
            return (op, self.redo[-1]) if self.redo else None
        edit = getattr(self, op)()
        if edit is None:
            return None
        # As the window does (ui/session/qt_session.py): an edit of annotations also starts the document.
        return op, edit if isinstance(edit, SetStatus) else with_progress(
            edit, self.store, self._who(edit)
        )

    def _who(self, edit: Edit) -> str:
        if isinstance(edit, AddSpan | ReplaceSpan):
            return edit.span.annotator
        if isinstance(edit, RemoveSpan):
            return self.state.spans[edit.span_id][1]
        if isinstance(edit, AddLink):
            return self.state.spans[edit.link.source_id][1]
        if isinstance(edit, RemoveLink):
            return self.state.spans[self.state.links[edit.link_id][1]][1]
        if isinstance(edit, Compound):
            return self._who(edit.edits[0])
        raise TypeError(type(edit).__name__)

    def _taken(self, span: Span) -> bool:
        key = (span.document_id, span.annotator, span.label, span.start, span.end)
        return any(row[:5] == key for row in self.state.spans.values())

    def _new_span(self, document: DocumentId, annotator: str) -> Span:
        text = self.texts[document]
        start = self.rng.randrange(len(text) - 1)
        end = self.rng.randint(start + 1, min(len(text), start + 25))
        label = self.rng.choice(LABELS)
        return Span(document, annotator, label, start, end, text[start:end])

    def add_span(self) -> Edit | None:
        document, annotator = self.rng.choice(list(self.texts)), self.rng.choice(ANNOTATORS)
        for _ in range(10):
            span = self._new_span(document, annotator)
            if not self._taken(span):
                return AddSpan(span, name=f"Add {span.label}")
        return None

    def add_spans(self) -> Edit | None:
        """Several spans in one step; sometimes the last repeats the first, so the step fails
        after writing some of it and the transaction must take all of it back."""
        document, annotator = self.rng.choice(list(self.texts)), self.rng.choice(ANNOTATORS)
        spans = [self._new_span(document, annotator) for _ in range(self.rng.randint(2, 3))]
        if self.rng.random() < 0.4:
            spans.append(spans[0])
        edits = tuple(AddSpan(span) for span in spans)
        return Compound("Add Spans", document, edits)

    def _some_span(self) -> SpanId | None:
        return SpanId(self.rng.choice(list(self.state.spans))) if self.state.spans else None

    def remove_span(self) -> Edit | None:
        span_id = self._some_span()
        if span_id is None:
            return None
        return RemoveSpan(span_id, DocumentId(self.state.spans[span_id][0]))

    def remove_spans(self) -> Edit | None:
        span_id = self._some_span()
        if span_id is None:
            return None
        document, annotator = self.state.spans[span_id][:2]
        layer = list(self.state.layer(document, annotator))
        chosen = self.rng.sample(layer, min(len(layer), self.rng.randint(2, 4)))
        return remove_spans([self.store.span(SpanId(i)) for i in chosen])

    def replace_span(self) -> Edit | None:
        span_id = self._some_span()
        if span_id is None:
            return None
        span = self.store.span(span_id)
        text = self.texts[span.document_id]
        for _ in range(10):
            if self.rng.random() < 0.4:
                changed = replace(
                    span, label=self.rng.choice([x for x in LABELS if x != span.label])
                )
            else:
                start = min(max(0, span.start + self.rng.randint(-4, 4)), len(text) - 1)
                end = min(max(start + 1, span.end + self.rng.randint(-4, 4)), len(text))
                changed = replace(span, start=start, end=end, text=text[start:end])
            if changed != span and not self._taken(changed):
                return ReplaceSpan(changed)
        return None

    def add_link(self) -> Edit | None:
        pairs = [
            (claim, speaker)
            for claim, c in self.state.spans.items()
            if c[2] == "CLAIM"
            for speaker, s in self.state.layer(c[0], c[1]).items()
            if s[2] == "SPEAKER" and (LINK_KIND, claim, speaker) not in self.state.links.values()
        ]
        if not pairs:
            return None
        claim, speaker = self.rng.choice(pairs)
        link = Link(LINK_KIND, SpanId(claim), SpanId(speaker))
        return AddLink(link, DocumentId(self.state.spans[claim][0]))

    def remove_link(self) -> Edit | None:
        if not self.state.links:
            return None
        link_id = self.rng.choice(list(self.state.links))
        source = self.state.links[link_id][1]
        return RemoveLink(LinkId(link_id), DocumentId(self.state.spans[source][0]))

    def set_status(self) -> Edit | None:
        document, annotator = self.rng.choice(list(self.texts)), self.rng.choice(ANNOTATORS)
        return SetStatus(document, annotator, self.rng.choice(list(Status)))

    # Performing it

    def step(self, seq: int) -> None:
        """Choose, announce, perform and report one edit."""
        chosen = self.next_step()
        if chosen is None:
            edit = self.add_span()
            if edit is None:
                return
            chosen = ("add_span", with_progress(edit, self.store, self._who(edit)))
        op, edit = chosen
        emit(line(seq, op, "intent", effects(edit)))
        try:
            inverse = perform(self.store, edit)
        except StoreError as error:
            if op in ("undo", "redo"):
                raise  # an undo that fails is a bug in itself: let the parent see it
            emit(line(seq, op, "failed", [], error=type(error).__name__))
            return
        done = effects(edit, inverse)
        emit(line(seq, op, "done", done))
        self.state.apply(done)
        if op == "undo":
            self.undo.pop()
            self.redo.append(inverse)
        elif op == "redo":
            self.redo.pop()
            self.undo.append(inverse)
        else:
            self.undo.append(inverse)
            self.redo.clear()


def main(argv: list[str]) -> None:
    path, seed = argv
    rng = Random(int(seed))
    store = SqliteStore(path)
    documents = [summary.id for summary in store.document_summaries()]
    chosen = sorted(rng.sample(documents, min(len(documents), 3)))
    session = Session(store, rng, {d: store.document(d).text for d in chosen})
    emit(line(0, "ready", "done", [], documents=chosen))
    seq = 0
    while True:
        seq += 1
        session.step(seq)


if __name__ == "__main__":
    main(sys.argv[1:])
