"""The hostile-input corpus: every importer and command fed what a hostile tester would feed it.

Each case runs the real command in a child process (`python main.py ...`), as a person or a
script would, and checks three things: the exit status, that the message names the file and
the record at fault (and is no Python traceback), and that the database is exactly as it was
(a digest of every table). `tally` counts inputs tried and handled cleanly per importer, and
the session's end prints the counts (the issue asks for them).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
KNOWN = "قال وزير الخارجية إن الوفد وصل إلى دمشق أمس."

TRIED: Counter[str] = Counter()
HANDLED: Counter[str] = Counter()


@dataclass(frozen=True)
class Outcome:
    """What a command did: exit status and what it printed."""

    status: int
    out: str
    err: str

    @property
    def said(self) -> str:
        return self.out + self.err


def run_main(args: Sequence[str | Path], timeout: float = 120, **kwargs: object) -> Outcome:
    """Run `python main.py ARGS` in a child process, offscreen, and return what happened."""
    given = kwargs.pop("env", None)
    env = {**(given if isinstance(given, dict) else os.environ), "QT_QPA_PLATFORM": "offscreen"}
    env["PYTHONUTF8"] = "1"
    if given is None:
        env.pop("HAMISH_DB", None)
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        timeout=timeout,
        cwd=kwargs.pop("cwd", None),
        **kwargs,  # type: ignore[call-overload]
    )
    return Outcome(done.returncode, done.stdout, done.stderr)


def digest(database: Path) -> str:
    """A SHA-256 over the schema and every row of every table (the full-text index's own
    tables included), rows sorted: equal digests mean nothing in the database changed."""
    hasher = hashlib.sha256()
    try:
        connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        connection.execute("SELECT 1 FROM sqlite_master").fetchall()
    except sqlite3.OperationalError:  # on a read-only file system, without its -shm
        connection = sqlite3.connect(f"file:{database}?mode=ro&immutable=1", uri=True)
    try:
        for name, sql in connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ):
            hasher.update(f"{name}\n{sql}\n".encode())
            rows = connection.execute(f'SELECT * FROM "{name}"').fetchall()
            for row in sorted(rows, key=repr):
                hasher.update(repr(row).encode("utf-8", "surrogatepass"))
    finally:
        connection.close()
    return hasher.hexdigest()


def assert_refused(
    outcome: Outcome, *names: str, database: Path | None = None, before: str | None = None
) -> None:
    """A clean refusal: a non-zero exit, no traceback, every one of `names` (the file, the
    record) in the message, and, given `before`, the database unchanged."""
    assert outcome.status != 0, f"accepted: {outcome.said}"
    assert "Traceback" not in outcome.said, outcome.said
    assert "error" in outcome.err.lower(), outcome.said
    for name in names:
        assert name in outcome.said, f"{name!r} not named in: {outcome.said}"
    if before is not None:
        assert database is not None
        assert digest(database) == before, "a refused command changed the database"


def refused_import(database: Path, format_name: str, path: Path, *names: str) -> str:
    """Import `path` in-process as `format_name`: a FormatError naming the file and every one
    of `names`, and nothing written. Returns the message."""
    from annotation.exchange.bundle import FormatError
    from annotation.exchange.formats import FORMATS
    from annotation.exchange.transfer import import_bundle
    from db.store import SqliteStore

    before = digest(database)
    read = FORMATS[format_name].read
    assert read is not None
    store = SqliteStore(database)
    try:
        with pytest.raises(FormatError) as caught:
            import_bundle(store, read([path]), str(path))
    finally:
        store.close()
    message = str(caught.value)
    for name in (str(path), *names):
        assert name in message, f"{name!r} not named in: {message[:500]}"
    assert digest(database) == before, "a refused import changed the database"
    return message


@contextmanager
def tally(importer: str) -> Iterator[None]:
    """Count one hostile input for `importer`; handled when the block ends without failing."""
    TRIED[importer] += 1
    yield
    HANDLED[importer] += 1


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A database holding one document with a speaker, a claim linked to it, a place, an
    entity and a status: work a hostile input must never damage."""
    from annotation.model import Document, Entity, EntityKind, Link, Span, Status, text_sha256
    from db.store import SqliteStore

    database = tmp_path / "project.sqlite3"
    store = SqliteStore(database)
    try:
        (known,) = store.add_documents([Document(KNOWN, text_sha256(KNOWN), title="خبر")])
        entity = store.add_entity(Entity(EntityKind.PLACE, "دمشق"))

        def span(label: str, words: str, who: str = "amal", **extra: object) -> Span:
            start = KNOWN.index(words)
            return store.add_span(
                Span(known, who, label, start, start + len(words), words, **extra)  # type: ignore[arg-type]
            )

        speaker = span("SPEAKER", "وزير الخارجية")
        claim = span("CLAIM", "الوفد وصل إلى دمشق")
        span("LOCATION", "دمشق", entity_id=entity.id)
        span("LOCATION", "دمشق", who="huda")  # a colleague's layer, for agreement
        assert speaker.id is not None and claim.id is not None
        store.add_link(Link("ATTRIBUTED_TO", claim.id, speaker.id))
        store.set_status(known, "amal", Status.IN_PROGRESS)
    finally:
        store.close()
    return database


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Inputs tried and handled cleanly, per importer or command."""
    if not TRIED:
        return
    terminalreporter.section("hostile inputs: handled cleanly / tried")
    for name in sorted(TRIED):
        terminalreporter.write_line(f"{name:<24}{HANDLED[name]:>5} / {TRIED[name]}")
