"""One crash trial: fill a fresh database, let the editor work, SIGKILL it, check what is left.

What must hold after the kill, read with fresh connections:
- `PRAGMA integrity_check` is ok and `PRAGMA foreign_key_check` finds nothing;
- no link lacks its source or target span, no span or status lacks its document;
- every span covers exactly its document's text[start:end] (store.spans_for checks);
- the documents are the ones written, byte for byte;
- spans, links and statuses are exactly what the editor reported committed, or that plus the
  one edit it announced last, when the kill landed between COMMIT and the "done" line.
"""

from __future__ import annotations

import json
import os
import selectors
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from random import Random
from typing import Any

from annotation.model import Document, DocumentId, text_sha256
from annotation.offsets import OffsetError
from db.store import SqliteStore
from tests.reliability.journal import Effect, State

ROOT = Path(__file__).resolve().parents[2]
# Long enough for a cold start of Python on a loaded machine; the kill clock starts after it.
STARTUP_TIMEOUT_S = 30.0

# Short news sentences with tashkeel, shadda, guillemets and emoji (a flag and skin-tone and
# ZWJ sequences are several code points each, so random offsets split them too).
TEXTS = (
    "قالَ وزيرُ الخارجيّةِ إنّ الوفدَ وصلَ إلى دمشقَ أمسِ 🕊️ وسيلتقي الرئيسَ اليومَ.",
    "أكّدَ المتحدّثُ باسمِ الحكومةِ 🇪🇬 أنّ المفاوضاتِ ستُستأنفُ في القاهرةِ الأسبوعَ المقبلَ.",
    "نقلتْ وكالةُ الأنباءِ عن مصدرٍ مطّلعٍ قولَه: «الاتفاقُ باتَ قريباً» 👍🏽 بحسبِ مراسلتِنا في بيروت.",
    "صرّحَ الناطقُ العسكريُّ بأنّ القواتِ انسحبتْ من الموصلِ 👨‍👩‍👧 وأنّ الطريقَ إلى أربيلَ آمنٌ.",
)


@dataclass(frozen=True, slots=True)
class TrialResult:
    """What one trial committed, verified and found wrong."""

    seed: int
    kill_after_s: float
    committed: int  # edits reported committed ("done"), each found in the database
    rolled_back: int  # edits that failed inside perform, found to have left nothing
    ahead: bool  # the database held the announced edit whose "done" line the kill cut off
    in_flight: bool  # the kill came while an edit was announced and not yet reported
    problems: tuple[str, ...]

    @property
    def verified(self) -> int:
        """Committed edits whose whole effect was found in the database."""
        return self.committed + self.ahead


def kill_delay(seed: int) -> float:
    """How long trial `seed` lets the editor work before the kill: 0.05 to 0.6 s."""
    return Random(f"kill-{seed}").uniform(0.05, 0.6)


def make_database(path: Path) -> dict[DocumentId, str]:
    """A fresh database holding TEXTS; their ids and texts."""
    store = SqliteStore(path)
    try:
        documents = [
            Document(text=text, text_sha256=text_sha256(text), title=f"خبر {i}")
            for i, text in enumerate(TEXTS, 1)
        ]
        ids = store.add_documents(documents)
    finally:
        store.close()
    return dict(zip(ids, TEXTS, strict=True))


def run_editor(path: Path, seed: int, kill_after_s: float, stderr: Path) -> tuple[bytes, str]:
    """Run the editor on `path`, kill it `kill_after_s` after it is ready; its whole output and
    what went wrong before the kill ("" when nothing did)."""
    with stderr.open("wb") as errors:
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.editor", str(path), str(seed)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=errors,
        )
    assert child.stdout is not None
    fd = child.stdout.fileno()
    received = bytearray()
    trouble = ""
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        ready = False
        while True:
            moment = time.monotonic()
            if not ready and b"\n" in received:
                ready, deadline = True, moment + kill_after_s
            if moment >= deadline:
                if not ready:
                    trouble = f"the editor was not ready within {STARTUP_TIMEOUT_S} s"
                break
            if selector.select(deadline - moment):
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    trouble = "the editor stopped by itself before the kill"
                    break
                received += chunk
    child.kill()  # SIGKILL: no atexit, no finally, no rollback; maybe inside a transaction
    child.wait()
    # Everything the editor flushed before it died is still in the pipe.
    while chunk := os.read(fd, 1 << 16):
        received += chunk
    child.stdout.close()
    if trouble:
        trouble += ": " + stderr.read_text(errors="replace")[-2000:]
    return bytes(received), trouble


def read_journal(output: bytes) -> list[dict[str, Any]]:
    """The complete lines of the editor's output; a line the kill cut short is not a report."""
    lines = output.split(b"\n")[:-1]
    return [json.loads(line) for line in lines]


def database_state(path: Path, texts: dict[DocumentId, str]) -> tuple[State, list[str]]:
    """What the database holds, read with fresh connections, and what is wrong with it."""
    problems: list[str] = []
    connection = sqlite3.connect(path)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchall()
        if integrity != [("ok",)]:
            problems.append(f"integrity_check: {integrity}")
        foreign = connection.execute("PRAGMA foreign_key_check").fetchall()
        if foreign:
            problems.append(f"foreign_key_check: {foreign}")
        dangling = connection.execute(
            "SELECT l.id FROM links l LEFT JOIN spans s ON s.id = l.source_id"
            " LEFT JOIN spans t ON t.id = l.target_id WHERE s.id IS NULL OR t.id IS NULL"
        ).fetchall()
        if dangling:
            problems.append(f"links without their spans: {dangling}")
        orphans = connection.execute(
            "SELECT s.id FROM spans s LEFT JOIN documents d ON d.id = s.document_id"
            " WHERE d.id IS NULL"
        ).fetchall()
        if orphans:
            problems.append(f"spans without their document: {orphans}")
        homeless = connection.execute(
            "SELECT s.document_id FROM document_status s"
            " LEFT JOIN documents d ON d.id = s.document_id WHERE d.id IS NULL"
        ).fetchall()
        if homeless:
            problems.append(f"statuses without their document: {homeless}")
        stored = dict(connection.execute("SELECT id, text FROM documents").fetchall())
        if stored != texts:
            problems.append("the documents changed")
        state = State()
        state.links = {
            i: (kind, source, target)
            for i, kind, source, target in connection.execute(
                "SELECT id, kind, source_id, target_id FROM links"
            )
        }
        state.statuses = {
            (document, name): status
            for document, name, status in connection.execute(
                "SELECT s.document_id, a.name, s.status FROM document_status s"
                " JOIN annotators a ON a.id = s.annotator_id"
            )
        }
        span_count = connection.execute("SELECT count(*) FROM spans").fetchone()[0]
    finally:
        connection.close()
    store = SqliteStore(path)
    try:
        for document in texts:
            for annotator in store.annotator_names():
                try:
                    spans = store.spans_for(document, annotator)
                except OffsetError as error:
                    problems.append(f"document {document}, {annotator}: {error}")
                    continue
                for span in spans:
                    assert span.id is not None
                    state.spans[span.id] = (
                        span.document_id,
                        span.annotator,
                        span.label,
                        span.start,
                        span.end,
                        span.text,
                    )
    finally:
        store.close()
    if span_count != len(state.spans):
        problems.append(f"{span_count} spans stored, {len(state.spans)} in known layers")
    return state, problems


def _content(effect: Effect) -> tuple[Any, ...]:
    keys: tuple[str, ...] = (
        ("document", "annotator", "label", "start", "end", "text")
        if effect["do"] == "put_span"
        else ("kind", "source", "target")
    )
    return tuple(effect[key] for key in keys)


def with_announced(expected: State, announced: list[Effect], actual: State) -> State | None:
    """`expected` plus the announced edit, its new rows given the ids the database gave
    them; None when the database holds no such rows."""
    taken: set[int] = set()
    resolved = []
    for effect in announced:
        if effect.get("id") is None and effect["do"] in ("put_span", "put_link"):
            rows: dict[int, Any] = actual.spans if effect["do"] == "put_span" else actual.links
            known: dict[int, Any] = expected.spans if effect["do"] == "put_span" else expected.links
            fresh = [
                i
                for i, row in rows.items()
                if i not in known and i not in taken and row == _content(effect)
            ]
            if not fresh:
                return None
            taken.add(min(fresh))
            effect = {**effect, "id": min(fresh)}
        resolved.append(effect)
    ahead = expected.copy()
    try:
        ahead.apply(resolved)
    except KeyError:
        return None
    return ahead


def describe_difference(expected: State, actual: State) -> str:
    """What the database lacks, has too many of, or holds differently."""
    parts = []
    for what, want, have in (
        ("span", expected.spans, actual.spans),
        ("link", expected.links, actual.links),
        ("status", expected.statuses, actual.statuses),
    ):
        keys: Iterable[Any] = sorted(set(want) | set(have), key=str)
        for key in keys:
            if want.get(key) != have.get(key):
                parts.append(f"{what} {key}: reported {want.get(key)}, stored {have.get(key)}")
    return "; ".join(parts)


def _as_announced(announced: list[Effect], reported: list[Effect]) -> bool:
    """Whether the reported effects are the announced ones, with ids filled in for new rows."""
    if len(announced) != len(reported):
        return False
    return all(
        a == ({**r, "id": None} if "id" in a and a["id"] is None else r)
        for a, r in zip(announced, reported, strict=True)
    )


def check(
    path: Path, texts: dict[DocumentId, str], journal: list[dict[str, Any]]
) -> tuple[int, int, bool, bool, list[str]]:
    """Replay the journal and compare with the database: committed, rolled back, ahead,
    in flight, problems."""
    problems: list[str] = []
    expected = State()
    announced: dict[str, Any] | None = None
    committed = rolled_back = 0
    for record in journal[1:]:
        if record["phase"] == "intent":
            if announced is not None:
                problems.append(f"edit {announced['seq']} was announced and never reported")
            announced = record
            continue
        if announced is None or announced["seq"] != record["seq"]:
            problems.append(f"edit {record['seq']} was reported without being announced")
        elif record["phase"] == "done" and not _as_announced(
            announced["effects"], record["effects"]
        ):
            problems.append(f"edit {record['seq']} did other than it announced: {record}")
        announced = None
        if record["phase"] == "done":
            expected.apply(record["effects"])
            committed += 1
        else:
            rolled_back += 1
    actual, found = database_state(path, texts)
    problems += found
    ahead = False
    if actual != expected:
        plus_one = with_announced(expected, announced["effects"], actual) if announced else None
        if plus_one is not None and plus_one == actual:
            ahead = True
        else:
            last = journal[-1] if journal else None
            problems.append(
                f"the database is not what was committed (last line {last}): "
                + describe_difference(expected, actual)
            )
    return committed, rolled_back, ahead, announced is not None, problems


def run_trial(tmp: Path, seed: int, kill_after_s: float) -> TrialResult:
    """Run the editor on a fresh database in `tmp`, kill it after `kill_after_s`, check it."""
    tmp.mkdir(parents=True, exist_ok=True)
    path = tmp / "hamish.sqlite3"
    texts = make_database(path)
    output, trouble = run_editor(path, seed, kill_after_s, tmp / "editor-stderr.txt")
    journal = read_journal(output)
    committed, rolled_back, ahead, in_flight, problems = check(path, texts, journal)
    if trouble:
        problems.insert(0, trouble)
    if not journal:
        problems.insert(0, "the editor reported nothing")
    return TrialResult(
        seed, kill_after_s, committed, rolled_back, ahead, in_flight, tuple(problems)
    )


def run_trials(tmp: Path, seeds: Iterable[int], workers: int = 4) -> list[TrialResult]:
    """Several trials, `workers` at a time (each editor is one process on its own database)."""
    with ThreadPoolExecutor(workers) as pool:
        futures = [pool.submit(run_trial, tmp / f"seed-{s}", s, kill_delay(s)) for s in seeds]
        return [future.result() for future in futures]


@dataclass
class Tally:
    """Totals over the trials of one test run, for the summary line."""

    results: list[TrialResult] = field(default_factory=list)

    def summary(self) -> str:
        """One line: trials, edits committed and verified, and anything lost."""
        results = self.results
        lost = sum(bool(r.problems) for r in results)
        return (
            f"crash trials: {len(results)}; edits committed and verified: "
            f"{sum(r.verified for r in results)} (of which {sum(r.ahead for r in results)} "
            f"committed but unreported when killed); failed edits rolled back: "
            f"{sum(r.rolled_back for r in results)}; killed with an edit in flight: "
            f"{sum(r.in_flight for r in results)}; trials with problems: {lost}"
        )


TALLY = Tally()
