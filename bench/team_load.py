"""One simulated annotator for bench_team.py, and the check of every annotator's log against
the database at the end.

`annotate` runs in its own process (multiprocessing, spawn): it opens the store on its own
connection (a team server's URL or a SQLite file, through db/opening.py as the window does),
an AnnotationSession with an in-memory undo history, and makes edits by the session's own
commands, the write path of the window less Qt, one every PACE_S seconds, until its time is
up. No Qt is imported here: twenty of these processes share the machine with the server.

A round is six edits on the next unused words of the open article (a claim is four words, a
speaker one); rounds alternate so that both a tag and a link get undone:

    even: tag a claim, tag a word LOCATION, undo (the word), tag the next word LOCATION,
          relabel it SPEAKER, link the claim to it
    odd:  tag a claim, tag a word LOCATION, relabel it SPEAKER, link, undo (the link), link

so twelve edits hold five tags, two relabels, three links and two undos. The annotators are
spread evenly over the pace (the n-th of N starts n/N of 250 ms late), as people who do not
work in step are. An article whose
words run out gives way to the next.

Each edit goes to the log (JSON lines) with its latency (from the call to its return, the
transaction committed and the open layer re-read, as the window has it before it repaints),
how late it started against its schedule, what the session said (a failure is reported as a
message), and what it changed: the spans and links of the layer that it added, changed or
removed, read from the session's layer before and after the call. `check_logs` replays the
logs and compares the result with the database.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotation.arabic import TokenKind, tokenise
from annotation.model import DocumentId, SpanId
from annotation.ports import Store
from annotation.session import AnnotationSession, MemoryHistory
from annotation.tagset import load_tagset
from db.opening import Server, Where, open_store

# A person's fastest pace: one edit every 250 ms (4 a second), held for the whole run. The
# keystroke-level model (Card, Moran and Newell, 1980) gives a skilled typist about 0.2 s a
# keystroke and 1.1 s to point with the mouse; an edit here is at least a selection and a key,
# or a key and a menu choice, so nobody keeps up one every 250 ms for a minute: the load is an
# upper bound on what twenty people make, not a typical hour.
PACE_S = 0.25
CLAIM_WORDS = 4
ARABIC_WORD = re.compile(r"[\u0621-\u064A]{2,}")
EDIT_KINDS = ("tag", "relabel", "link", "undo")

Layer = tuple[dict[int, list[Any]], dict[int, list[Any]]]  # spans by id, links by id


@dataclass(frozen=True)
class Plan:
    """What one annotator does: where, as whom, on which articles, for how long."""

    where: str  # a postgresql:// URL or a SQLite file's path
    annotator: str
    documents: tuple[int, ...]
    seconds: float
    log: str
    # When in the pace this annotator's edits fall: people are not in step, and twenty
    # edits sent in the same millisecond every 250 ms measure a queue no team makes.
    phase: float = 0.0

    def store_at(self) -> Where:
        return Server(self.where) if self.where.startswith("postgresql") else Path(self.where)


def layer_of(session: AnnotationSession) -> Layer:
    """The open layer as the session holds it: spans and links by id, as JSON values."""
    spans = {
        int(s.id): [s.document_id, s.label, s.start, s.end]
        for s in session.spans
        if s.id is not None
    }
    links = {
        int(k.id): [k.source_id, k.target_id, k.kind] for k in session.links if k.id is not None
    }
    return spans, links


def difference(before: Layer, after: Layer) -> dict[str, Any]:
    """What an edit did to the layer: added or changed spans and links, and removed ids."""
    made: dict[str, Any] = {}
    for kind, old, new in (("spans", before[0], after[0]), ("links", before[1], after[1])):
        made[kind] = {str(i): value for i, value in new.items() if old.get(i) != value}
        made[f"removed {kind}"] = sorted(i for i in old if i not in new)
    return made


@dataclass
class Script:
    """The rounds of edits on the plan's articles, one edit at a time."""

    session: AnnotationSession
    history: MemoryHistory
    documents: list[DocumentId]
    words: list[tuple[int, int]] = field(default_factory=list)
    next_word: int = 0

    def open_next(self) -> None:
        document_id = self.documents.pop(0)
        self.session.open_document(document_id)
        self.session.prepare_tagging()  # as the window does while the person reads
        text = self.session.document.text if self.session.document else ""
        self.words = [
            (t.start, t.end)
            for t in tokenise(text)
            if t.kind is TokenKind.WORD and ARABIC_WORD.fullmatch(t.text)
        ]
        self.next_word = 0

    def rounds(self) -> Iterator[tuple[str, Callable[[], object]]]:
        """(kind, the call) for every edit, for as long as there are articles."""
        number = 0
        while True:
            if self.next_word + CLAIM_WORDS + 3 > len(self.words):
                self.open_next()
                continue
            words = self.words[self.next_word : self.next_word + CLAIM_WORDS + 2]
            self.next_word += CLAIM_WORDS + 3  # an untagged word between rounds
            yield from Round(self.session, self.history, words).edits(number % 2 == 0)
            number += 1


@dataclass
class Round:
    """One round's six edits on its words: a claim over the first four, a speaker after."""

    session: AnnotationSession
    history: MemoryHistory
    words: list[tuple[int, int]]
    claim: SpanId | None = None
    speaker: SpanId | None = None

    def tag_claim(self) -> None:
        label = self.session.tagset.label("CLAIM")
        made = self.session.tag(label, self.words[0][0], self.words[CLAIM_WORDS - 1][1])
        self.claim = made.id if made else None

    def tag_word(self, which: int) -> None:
        label = self.session.tagset.label("LOCATION")
        made = self.session.tag(label, *self.words[CLAIM_WORDS + which])
        self.speaker = made.id if made else None

    def relabel(self) -> None:
        if self.speaker is not None:
            self.session.relabel(self.speaker, self.session.tagset.label("SPEAKER"))

    def link(self) -> None:
        if self.claim is not None and self.speaker is not None:
            self.session.link(self.claim, self.speaker)

    def edits(self, undo_a_tag: bool) -> Iterator[tuple[str, Callable[[], object]]]:
        yield "tag", self.tag_claim
        yield "tag", lambda: self.tag_word(0)
        if undo_a_tag:
            yield "undo", self.history.undo
            yield "tag", lambda: self.tag_word(1)
        yield "relabel", self.relabel
        yield "link", self.link
        if not undo_a_tag:
            yield "undo", self.history.undo
            yield "link", self.link


def annotate(plan: Plan, ready: Any) -> None:
    """The annotator's process: set up, wait for the others (`ready`, a Barrier), then edit
    at the pace until the time is up, every edit logged."""
    store = open_store(plan.store_at())
    history = MemoryHistory()
    session = AnnotationSession(store, load_tagset(), plan.annotator, history)
    said: list[str] = []
    session.events.message.connect(said.append)
    script = Script(session, history, [DocumentId(d) for d in plan.documents])
    script.open_next()
    edits = script.rounds()
    ready.wait()
    started, cpu = time.perf_counter(), time.process_time()
    with open(plan.log, "w", encoding="utf-8") as log:
        for number in range(int(plan.seconds / PACE_S)):
            due = started + plan.phase + number * PACE_S
            kind, call = next(edits)  # may open the next article: before the clock starts
            if (wait := due - time.perf_counter()) > 0:
                time.sleep(wait)
            late = max(0.0, time.perf_counter() - due)
            before, said[:] = layer_of(session), []
            called = time.perf_counter()
            call()
            done = time.perf_counter()  # CLOCK_MONOTONIC on Linux: one clock for all processes
            ms = (done - called) * 1000
            entry = {"edit": kind, "ms": ms, "done": done, "late ms": late * 1000}
            entry["said"] = list(said)
            log.write(json.dumps({**entry, **difference(before, layer_of(session))}) + "\n")
    # This process's CPU time over the run: on a machine of two cores, whether the clients
    # or the server had it.
    Path(plan.log).with_suffix(".cpu").write_text(str(time.process_time() - cpu))
    store.close()


@dataclass
class Verdict:
    """The logs against the database: how many spans and links each says exist."""

    logged_spans: int = 0
    logged_links: int = 0
    stored_spans: int = 0
    stored_links: int = 0
    lost: int = 0  # logged as there, missing from the database (or stored otherwise)
    duplicated: int = 0  # in the database, not in any log (or twice at one place)
    failed: int = 0  # edits the session reported as not done
    unexpected: int = 0  # edits that changed something other than what they are for


def expected_layer(entries: list[dict[str, Any]]) -> Layer:
    """The layer an annotator's log says is in the database: its edits replayed."""
    spans: dict[int, list[Any]] = {}
    links: dict[int, list[Any]] = {}
    for entry in entries:
        for kind, held in (("spans", spans), ("links", links)):
            held.update({int(i): value for i, value in entry[kind].items()})
            for i in entry[f"removed {kind}"]:
                held.pop(i, None)
    return spans, links


def did_what_it_says(entry: dict[str, Any]) -> bool:
    """Whether an edit changed what its kind changes (a tag: one new span, and so on)."""
    spans, links = len(entry["spans"]), len(entry["links"])
    gone = len(entry["removed spans"]) + len(entry["removed links"])
    if entry["edit"] in ("tag", "relabel"):
        return (spans, links, gone) == (1, 0, 0)
    if entry["edit"] == "link":
        return (spans, links, gone) == (0, 1, 0)
    return (spans, links, gone) == (0, 0, 1)  # an undo of a tag or of a link


def check_logs(store: Store, logs: dict[str, list[dict[str, Any]]]) -> Verdict:
    """Compare every annotator's replayed log with their layers in the database."""
    verdict = Verdict()
    documents = [summary.id for summary in store.document_summaries()]
    for annotator, entries in logs.items():
        spans, links = expected_layer(entries)
        stored: Layer = ({}, {})
        places: set[tuple[Any, ...]] = set()
        for document_id in documents:
            for span in store.spans_for(document_id, annotator):
                assert span.id is not None
                value = [span.document_id, span.label, span.start, span.end]
                verdict.duplicated += tuple(value) in places  # one edit stored twice
                places.add(tuple(value))
                stored[0][int(span.id)] = value
            for link in store.links_for(document_id, annotator):
                assert link.id is not None
                stored[1][int(link.id)] = [link.source_id, link.target_id, link.kind]
        for held, found in ((spans, stored[0]), (links, stored[1])):
            verdict.lost += sum(found.get(i) != value for i, value in held.items())
            verdict.duplicated += sum(i not in held for i in found)
        verdict.logged_spans += len(spans)
        verdict.logged_links += len(links)
        verdict.stored_spans += len(stored[0])
        verdict.stored_links += len(stored[1])
        verdict.failed += sum(bool(entry["said"]) for entry in entries)
        verdict.unexpected += sum(not did_what_it_says(entry) for entry in entries)
    return verdict


def read_log(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
