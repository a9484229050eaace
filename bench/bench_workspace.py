"""A day's work in the window on a corpus that looks like a real project (issue 18, "Speed").

The database (bench/workspace_corpus.py: articles, three annotators' layers on a quarter of
them with speakers, claims linked to them, locations and attributes, an entity registry
whose busiest person has about one mention an article, a gold layer) is built in a child
process; `--db PATH` builds it there, or reuses it when it exists. The window is MainWindow
(offscreen, as bench_scale.py starts it) on the first annotator's layer of an article with
about ten spans, with the Entities tab showing the busiest person selected (its mentions and
claims listed), the span table and the span editor beside the article. (The document list is
the Entities tab's neighbour in the same tab widget, so it is open but not in view: it
follows every change without painting.) Each figure is printed as its spread over the runs
(fastest, median, 95th percentile, slowest) beside a baseline measured in the same run:

1. Edits, by key press, each timed from the press until the row is committed, Qt has
   painted every panel the change touched and the article has been repainted once more:
   tag a word (a word selected, key 3), change a label (key 1 on the new span), link a
   claim (key A; the speaker menu's choice of the busiest person's speaker taken at once,
   as the tests take it), undo (Ctrl+Z), delete a span (Delete). Targets: median < 16 ms,
   95th percentile < 33 ms. Baseline: the same store write done directly
   (annotation.edits.perform) plus one repaint of the article. A first round, not counted,
   warms the caches; each round leaves the layer as it found it. The panels each press
   painted are listed, to show the figures hold their repaints.
2. Switching article: Session.open_document of an article with 500 spans from the ten-span
   one, until painted (target: median < 50 ms); baseline: QTextEdit.setPlainText + paint
   of the same text.
3. Start: the first window from a new Python process on this database until the document
   list shows rows (bench_scale.cold_start), against the same window on a new database
   (which gets the samples, as a first start does): target ratio < 1.5.

The quick run (`make bench`) builds 2,000 articles (200 entities, the busiest with about
2,000 mentions) in a few seconds; the issue's size is 20,000 articles (2,000 entities, the
busiest with about 20,000 mentions; two minutes to build: keep the file for the next run):

    .venv/bin/python bench/bench_workspace.py
    .venv/bin/python bench/bench_workspace.py --articles 20000 --db /tmp/workspace-20k.sqlite3

`--profile OPERATION` (say "link a claim", or "switch article") prints where its time goes
(cProfile).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
# bench_scale sets the offscreen platform and puts the checkout on the path on import.
from bench_scale import (  # noqa: E402  (its start, its window, its timing helpers)
    ANNOTATOR,
    cold_start,
    isolate_settings,
    line,
    p95,
    plain_view_like,
    settle,
    spread,
    switchers,
    timed,
    window_start,
)
from PySide6.QtCore import QEvent, QObject, QPoint, Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QMenu, QWidget  # noqa: E402
from targets import check, finish  # noqa: E402
from workspace_corpus import ANNOTATORS  # noqa: E402

import ui.article.attribution_controls as attribution_controls  # noqa: E402
from annotation.arabic import TokenKind, tokenise  # noqa: E402
from annotation.edits import AddLink, AddSpan, Edit, RemoveSpan, ReplaceSpan, perform  # noqa: E402
from annotation.model import DocumentId, EntityId, Link, Span, SpanId  # noqa: E402
from db.store import SqliteStore  # noqa: E402
from ui.app import create_application  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

assert ANNOTATORS[0] == ANNOTATOR  # the window bench_scale starts opens the first layer
EDITS = ("tag a word", "change a label", "link a claim", "undo", "delete a span")
SWITCH = "switch article"
EDIT_MEDIAN_MS, EDIT_P95_MS, SWITCH_MS, START_RATIO = 16, 33, 50, 1.5


class PaintCount(QObject):
    """Counts the paint events of the panels in view, to show what a step repainted."""

    def __init__(self, panels: dict[str, QWidget]) -> None:
        super().__init__()
        self.names = {widget: name for name, widget in panels.items()}
        self.painted: set[str] = set()
        for widget in panels.values():
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            self.painted.add(self.names.get(watched, "?"))
        return False


class Workspace:
    """The window set up as the issue has it, and the key presses of one round of edits."""

    def __init__(self, window: MainWindow, document_id: DocumentId, busiest: EntityId) -> None:
        self.window, self.view = window, window.article_view
        self.session = window.session
        store = self.session.store
        assert isinstance(store, SqliteStore)
        self.store = store
        window.left_tabs.setCurrentWidget(window.entity_browser)
        tree = window.entity_browser.entities
        for row in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(row)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == busiest:
                tree.setCurrentItem(item)
        assert window.entity_browser.current_entity() is not None
        window.go_to(document_id)
        assert self.session.document is not None and self.session.document.id == document_id
        window.activateWindow()
        self.view.setFocus()
        settle()
        self.panels = PaintCount(
            {
                "article": self.view.viewport(),
                "span table": window.span_table.viewport(),
                "span editor": window.span_editor,
                "entities": tree.viewport(),
                "mentions": window.entity_browser.mentions.viewport(),
                "document list": window.documents.table.viewport(),
            }
        )
        self.document_id, self.busiest = document_id, busiest
        self.words = self._untagged_words()
        self.choice = 0  # the speaker menu's row to choose, set before each A
        self.times: dict[str, float] = {}
        self.painted: dict[str, set[str]] = {}  # what each key press of a round painted
        attribution_controls.show_menu = self._choose

    def _untagged_words(self) -> list[tuple[int, int]]:
        text = self.session.document.text if self.session.document else ""
        covered = {i for span in self.session.spans for i in range(span.start, span.end)}
        return [
            (t.start, t.end)
            for t in tokenise(text)
            if t.kind is TokenKind.WORD and not covered & set(range(t.start, t.end))
        ]

    def _choose(self, menu: QMenu, where: QPoint) -> None:
        menu.actions()[self.choice].trigger()

    def press(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> float:
        """Press a key on the article; ms until the write is done and the panels painted."""
        self.panels.painted.clear()
        started = time.perf_counter()
        QTest.keyClick(self.view, key, modifier)
        settle()  # Qt paints what the change marked dirty
        self.view.viewport().repaint()
        settle()
        return (time.perf_counter() - started) * 1000

    def select_word(self, number: int) -> tuple[int, int]:
        start, end = self.words[(number * 7) % len(self.words)]
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self.view.to_qt(start))
        cursor.setPosition(self.view.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.view.setTextCursor(cursor)
        self.view.setFocus()
        return start, end

    def claim_and_speaker(self) -> tuple[SpanId, SpanId]:
        """The layer's last claim not yet attributed to the busiest person's speaker, and
        that speaker (the first SPEAKER naming the busiest person)."""
        speaker = next(
            s for s in self.session.spans if s.label == "SPEAKER" and s.entity_id == self.busiest
        )
        assert speaker.id is not None
        claims = [
            s
            for s in self.session.spans
            if s.label == "CLAIM"
            and s.id is not None
            and speaker.id not in {link.target_id for link in self.session.links_from(s.id)}
        ]
        claim = claims[-1].id
        assert claim is not None
        return claim, speaker.id

    def step(self, name: str, profile: Profiled, key: Qt.Key, control: bool = False) -> None:
        """Press a key on the article, noting the time and which panels painted."""
        modifier = (
            Qt.KeyboardModifier.ControlModifier if control else Qt.KeyboardModifier.NoModifier
        )
        self.times[name] = profile.around(name, lambda: self.press(key, modifier))
        self.painted[name] = set(self.panels.painted)

    def one_round(self, number: int, profile: Profiled) -> dict[str, float]:
        """Tag, relabel, link, undo, delete by key: the layer is as before afterwards."""
        s, self.times = self.session, {}
        before = len(s.spans)
        self.select_word(number)
        self.step("tag a word", profile, Qt.Key.Key_3)
        added = s.selected_span()
        assert added is not None and added.label == "LOCATION" and len(s.spans) == before + 1
        self.step("change a label", profile, Qt.Key.Key_1)
        assert (s.selected_span() or added).label == "SPEAKER"
        claim, speaker = self.claim_and_speaker()
        s.select_span(claim)
        links = len(s.links)
        self.choice = [c.id for c in s.speaker_candidates(claim)].index(speaker)
        self.step("link a claim", profile, Qt.Key.Key_A)
        assert len(s.links) == links + 1
        self.step("undo", profile, Qt.Key.Key_Z, control=True)
        assert len(s.links) == links
        s.select_span(added.id)
        self.step("delete a span", profile, Qt.Key.Key_Delete)
        assert len(s.spans) == before
        return self.times

    def baseline_round(self, number: int) -> dict[str, float]:
        """The same writes through annotation.edits.perform on the window's store (its own
        connection: the window is not told), each with one repaint of the article."""
        store, view = self.store, self.view
        text = self.session.document.text if self.session.document else ""
        start, end = self.words[(number * 7) % len(self.words)]
        span = Span(self.document_id, ANNOTATOR, "LOCATION", start, end, text[start:end])
        claim, speaker = self.claim_and_speaker()
        times: dict[str, float] = {}
        done: list[Edit] = []

        def write(name: str, edit: Edit) -> None:
            def run() -> None:
                done.append(perform(store, edit))
                view.viewport().repaint()

            times[name] = timed(run)

        write("tag a word", AddSpan(span))
        removal = done[-1]
        assert isinstance(removal, RemoveSpan)
        added = store.span(removal.span_id)
        write("change a label", ReplaceSpan(replace(added, label="SPEAKER")))
        write("link a claim", AddLink(Link("ATTRIBUTED_TO", claim, speaker), self.document_id))
        write("undo", done[-1])
        write("delete a span", removal)
        settle()
        return times


class Profiled:
    """cProfile around one named operation, when asked for (`--profile`)."""

    def __init__(self, name: str | None) -> None:
        self.name, self.profile = name, cProfile.Profile()

    def around(self, name: str, run: Callable[[], float]) -> float:
        if name != self.name:
            return run()
        self.profile.enable()
        try:
            return run()
        finally:
            self.profile.disable()

    def report(self) -> None:
        if self.name is not None:
            print(f"profile of {self.name!r}, by cumulative time:")
            stats = pstats.Stats(self.profile, stream=sys.stdout)
            stats.sort_stats("cumulative").print_stats(25)
            print(f"profile of {self.name!r}, by time spent in the function itself:")
            stats.sort_stats("tottime").print_stats(12)


def chosen(store: SqliteStore) -> tuple[DocumentId, DocumentId, EntityId]:
    """An annotated article of typical length with about ten spans in the window's layer, the
    one with the most (500), and the person with the most mentions."""
    counts = (
        "SELECT s.document_id, count(*) AS n, d.characters FROM spans s"
        " JOIN documents d ON d.id = s.document_id"
        " WHERE s.annotator_id = (SELECT id FROM annotators WHERE name = ?)"
        " GROUP BY s.document_id"
    )
    typical = store.db.execute(
        f"SELECT document_id FROM ({counts}) WHERE n BETWEEN 10 AND 12"
        " ORDER BY abs(characters - 3000) LIMIT 1",
        [ANNOTATOR],
    ).fetchone()[0]
    heavy = store.db.execute(
        f"SELECT document_id FROM ({counts}) ORDER BY n DESC LIMIT 1", [ANNOTATOR]
    ).fetchone()[0]
    busiest = store.db.execute(
        "SELECT s.entity_id FROM spans s JOIN entities e ON e.id = s.entity_id"
        " WHERE e.kind = 'person' GROUP BY s.entity_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    return DocumentId(typical), DocumentId(heavy), EntityId(busiest)


def bench_edits(workspace: Workspace, runs: int, size: str, profile: Profiled) -> None:
    mentions = len(workspace.store.mentions(workspace.busiest))
    print(
        f"edits by key press, {runs} runs each; the Entities tab shows a person with"
        f" {mentions:,} mentions; the article has {len(workspace.session.spans)} spans"
    )
    ours: dict[str, list[float]] = {name: [] for name in EDITS}
    base: dict[str, list[float]] = {name: [] for name in EDITS}
    workspace.one_round(runs, Profiled(None))  # a round to warm up, not counted
    workspace.baseline_round(runs)
    for number in range(runs):
        for name, ms in workspace.one_round(number, profile).items():
            ours[name].append(ms)
        for name, ms in workspace.baseline_round(number).items():
            base[name].append(ms)
    for name in EDITS:
        target = f"median < {EDIT_MEDIAN_MS} ms, p95 < {EDIT_P95_MS} ms"
        spread(name, ours[name], base[name], target)
        check(
            f"{size}: {name}, median",
            statistics.median(ours[name]),
            EDIT_MEDIAN_MS,
            unit=" ms",
            digits=1,
        )
        check(
            f"{size}: {name}, 95th percentile", p95(ours[name]), EDIT_P95_MS, unit=" ms", digits=1
        )
    # What the last round's presses painted: the figures include those repaints.
    for name in EDITS:
        print(f"  {name} painted: {', '.join(sorted(workspace.painted[name])) or 'nothing'}")
    print(
        "baseline: the same write through annotation.edits.perform on the window's store,"
        " plus one repaint of the article"
    )


def bench_switch(
    workspace: Workspace, heavy: DocumentId, runs: int, size: str, profile: Profiled
) -> None:
    session = workspace.session
    plain = plain_view_like(workspace.window)
    texts = {i: workspace.store.document(i).text for i in (heavy, workspace.document_id)}
    switch, baseline = switchers(workspace.window, plain, texts)

    ours, base = [], []
    for _ in range(runs):
        switch(workspace.document_id)  # from the ten-span article, untimed
        baseline(workspace.document_id)
        ours.append(profile.around(SWITCH, lambda: timed(lambda: switch(heavy))))
        base.append(timed(lambda: baseline(heavy)))
    spans = len(session.spans)
    print(
        f"switching article: Session.open_document of an article with {spans} spans"
        f" ({len(texts[heavy]):,} characters) + paint, {runs} runs"
    )
    spread("switch article", ours, base, f"median < {SWITCH_MS} ms")
    check(
        f"{size}: switch to an article with {spans} spans, median",
        statistics.median(ours),
        SWITCH_MS,
        unit=" ms",
        digits=1,
    )
    plain.close()
    session.open_document(workspace.document_id)
    settle()


def bench_start(path: Path, empty: Path, settings: Path, size: str) -> None:
    cold_start(empty, settings)  # the new database gets its samples here, untimed
    starts = [(cold_start(path, settings), cold_start(empty, settings)) for _ in range(3)]
    plain = [cold_start(None, settings) for _ in range(3)]
    ours, theirs = ([ms * 1000 for ms in times] for times in zip(*starts, strict=True))
    print(
        "start from a new process until the document list shows rows, 3 runs each;"
        " baseline: the same window on a new database (the samples)"
    )
    for name, pick in (("fastest", min), ("median", statistics.median), ("slowest", max)):
        line(f"start, {name}", pick(ours), pick(theirs), f"ratio < {START_RATIO}")
    line(
        "for information: a plain QMainWindow, median",
        statistics.median(plain) * 1000,
        statistics.median(theirs),
        "none",
    )
    ratio = statistics.median(ours) / statistics.median(theirs)
    check(f"{size}: start on this database / on a new one, median", ratio, START_RATIO, digits=2)


def build(path: Path, articles: int) -> None:
    # In a child process, as bench_scale does: the corpus built is no part of the window's
    # memory, and its garbage no part of the window's collections.
    command = [sys.executable, str(BENCH / "workspace_corpus.py"), str(path)]
    subprocess.run([*command, f"--articles={articles}"], check=True)


def measure(path: Path, runs: int, folder: Path, profile: Profiled) -> None:
    settings = folder / "settings"
    isolate_settings(settings)
    store = SqliteStore(path)
    typical, heavy, busiest = chosen(store)
    size = f"{store.document_count():,} articles"
    spans = store.db.execute("SELECT count(*) FROM spans").fetchone()[0]
    links = store.db.execute("SELECT count(*) FROM links").fetchone()[0]
    entities = store.db.execute("SELECT count(*) FROM entities").fetchone()[0]
    store.close()
    print(f"{size}, {spans:,} spans, {links:,} links, {entities:,} entities")
    bench_start(path, folder / "empty.sqlite3", settings, size)
    create_application()
    _, window = window_start(path)
    workspace = Workspace(window, typical, busiest)
    bench_edits(workspace, runs, size, profile)
    bench_switch(workspace, heavy, runs, size, profile)
    profile.report()
    window.session.stop_watching()
    window.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--articles", type=int, default=2_000, help="default 2,000; the issue's 20,000"
    )
    parser.add_argument("--db", type=Path, help="build here, or reuse a database built before")
    parser.add_argument("--runs", type=int, default=15, help="runs of each figure (default 15)")
    parser.add_argument(
        "--profile", choices=(*EDITS, SWITCH), help="profile one edit or the switch (cProfile)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "workspace.sqlite3"
        if path.exists():
            print(f"reusing {path}")
        else:
            build(path, args.articles)
            if not path.exists():
                return 0  # the corpus is missing: workspace_corpus.py said so
        measure(path, args.runs, Path(folder), Profiled(args.profile))
    finish()  # exits: 1 if a target was missed
    return 0


if __name__ == "__main__":
    sys.exit(main())
