"""Open a 10,000-word article with 1,000 spans, tag words by key, scroll; each against a baseline.

1. Open: `ArticleView.show_document` + first paint, against a plain QTextEdit of the same size
   and font doing `setPlainText` + first paint (target: ratio <= 1.5); for information, the naive
   way too (the plain QTextEdit with extra selections for all 1,000 spans).
2. Add a span: in a MainWindow, select an untagged word and press the LOCATION key, timed until
   the row is committed and the viewer repainted (target: median < 16 ms), beside a raw sqlite3
   single-row INSERT+COMMIT into the same spans table with the same pragmas (no ratio when
   that takes under 1 ms: both times are printed).
3. Scroll: 20 scroll-bar steps down the article, one event-loop pass and a repaint each, against
   a QTextEdit with every span an extra selection (time: information); after each step the
   viewport's pixels say whether every span in view is painted (target: every step).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_viewer.py
"""

from __future__ import annotations

import json
import re
import sqlite3
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtGui import QColor, QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QTextEdit  # noqa: E402

from annotation.cleanup import stored_form  # noqa: E402
from annotation.model import Document, DocumentId, Span, text_sha256  # noqa: E402
from annotation.offsets import Utf16Index  # noqa: E402
from annotation.tagset import TagSet, load_tagset  # noqa: E402
from db.opening import connector  # noqa: E402
from db.store import SqliteStore  # noqa: E402
from ui.app import create_application  # noqa: E402
from ui.article.span_style import span_format  # noqa: E402
from ui.article.view import ArticleView  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.session.qt_session import Session  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from targets import check, finish, ratio  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet" / "2015-07-21.zip"
WORDS, SPANS, ROUNDS, PRESSES, SCROLLS = 10_000, 1_000, 15, 50, 20
SIZE = (900, 700)
ARABIC = re.compile(r"[\u0621-\u064A]{2,}")
W = TypeVar("W", bound=QTextEdit)
Words = list[tuple[int, int]]
settle = QApplication.processEvents


def article_text() -> tuple[str, Words]:
    """SaudiNewsNet articles joined by newlines, cut after WORDS words; and the words' offsets."""
    with zipfile.ZipFile(CORPUS) as archive:
        articles = json.loads(archive.read(archive.namelist()[0]))
    parts: list[str] = []
    for article in articles:
        # In the form the store accepts (NFC, no control characters), as an import makes it.
        parts.append(stored_form(article["content"]).text.strip())
        if sum(len(part.split()) for part in parts) >= WORDS:
            break
    text = "\n".join(parts)
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)][:WORDS]
    return text[: words[-1][1]], words


def layer(document_id: DocumentId, text: str, words: Words) -> list[Span]:
    """Per 20 words: a CLAIM over words 0-7, then a SPEAKER in it (2-3) or a LOCATION (12)."""
    pattern = [(0, 7, "CLAIM"), (2, 3, "SPEAKER"), (0, 7, "CLAIM"), (12, 12, "LOCATION")]
    spans = []
    for i in range(SPANS):
        first, last, label = pattern[i % 4]
        start, end = words[i // 2 * 20 + first][0], words[i // 2 * 20 + last][1]
        spans.append(Span(document_id, "bench", label, start, end, text[start:end]))
    return spans


def show(what: str, ms: float, note: str = "", digits: int = 1) -> None:
    print(f"  {what:<46} {ms:7.{digits}f} ms  {note}".rstrip())


def open_once(make: Callable[[], W], load: Callable[[W], None]) -> float:
    widget = make()
    widget.resize(*SIZE)
    widget.show()
    settle()
    started = time.perf_counter()
    load(widget)
    widget.viewport().repaint()
    settle()
    # ArticleView highlights once the first paint has laid the text out: paint again so
    # the time includes the highlights on screen (the same second paint for every widget).
    widget.viewport().repaint()
    settle()
    elapsed = time.perf_counter() - started
    widget.close()
    widget.deleteLater()
    settle()
    return elapsed


def highlight(widget: QTextEdit, tagset: TagSet, document: Document, spans: list[Span]) -> None:
    """The baselines' highlighting: every span an extra selection on a plain QTextEdit."""
    index, selections = Utf16Index(document.text), []
    for span in spans:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = QTextCursor(widget.document())
        selection.cursor.setPosition(index.to_utf16(span.start))
        selection.cursor.setPosition(index.to_utf16(span.end), QTextCursor.MoveMode.KeepAnchor)
        selection.format = span_format(tagset.find(span.label))
        selections.append(selection)
    widget.setExtraSelections(selections)


def bench_open(tagset: TagSet, document: Document, spans: list[Span]) -> None:
    font = ArticleView(tagset).font()  # the article's font, so both shape the same glyphs

    def plain() -> QTextEdit:
        widget = QTextEdit()
        widget.setFont(font)
        return widget

    def naive(widget: QTextEdit) -> None:
        widget.setPlainText(document.text)
        highlight(widget, tagset, document, spans)

    def ours() -> float:
        return open_once(lambda: ArticleView(tagset), lambda w: w.show_document(document, spans))

    rounds = [
        (open_once(plain, lambda w: w.setPlainText(document.text)), ours(), open_once(plain, naive))
        for _ in range(ROUNDS)
    ]
    b, o, n = (min(times) * 1000 for times in zip(*rounds, strict=True))
    print(f"open: {WORDS:,} words, {len(spans):,} spans, {SIZE[0]}x{SIZE[1]}, best of {ROUNDS}")
    show("baseline: QTextEdit setPlainText + first paint", b)
    show("ArticleView.show_document + first paint", o, ratio(o, b))
    show("naive: + setExtraSelections for all spans", n, f"{ratio(n, b)} (information)")
    check("open an article: ArticleView / plain QTextEdit", o / b, 1.5, digits=2)


def raw_inserts(folder: Path, span: Span) -> list[float]:
    connection = sqlite3.connect(folder / "raw.sqlite3", isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    schema = SqliteStore(":memory:").db.execute("SELECT sql FROM sqlite_master WHERE name='spans'")
    connection.execute(schema.fetchone()[0])
    sql = (
        'INSERT INTO spans (document_id, annotator_id, label, start, "end", text, attributes,'
        " origin, created_at, updated_at) VALUES (1, 1, ?, ?, ?, ?, '{}', 'manual', ?, ?)"
    )
    times = []
    for i in range(PRESSES):
        started = time.perf_counter()
        connection.execute("BEGIN")
        connection.execute(sql, [span.label, span.start + i, span.end + i, span.text, "now", "now"])
        connection.execute("COMMIT")
        times.append(time.perf_counter() - started)
    connection.close()
    return times


def add_span_presses(
    window: MainWindow, stored: Callable[[], int], text: str, words: Words
) -> tuple[list[float], int]:
    """Select an untagged word and press 3 (LOCATION), PRESSES times: the seconds from each
    press until the row is committed and the viewer repainted, and how many presses stored
    no row (`stored`: the spans in the database). bench_team.py times the same on a server."""
    view = window.article_view
    # Words 13-19 of each 20-word block are never tagged: take an Arabic one from 50 blocks.
    blocks = range(0, WORDS // 20, WORDS // 20 // PRESSES)
    spare = [words[block * 20 + 13 : block * 20 + 20] for block in blocks]
    targets = [next(w for w in ws if ARABIC.search(text[w[0] : w[1]])) for ws in spare]
    times: list[float] = []
    missed = 0
    for start, end in targets[:PRESSES]:
        before = stored()
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.to_qt(start))
        cursor.setPosition(view.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        view.setTextCursor(cursor)
        settle()
        started = time.perf_counter()
        QTest.keyClick(view, Qt.Key.Key_3)
        settle()
        view.viewport().repaint()
        times.append(time.perf_counter() - started)
        missed += stored() != before + 1
    return times, missed


def bench_add_span(window: MainWindow, store: SqliteStore, text: str, words: Words) -> None:
    count = "SELECT count(*) FROM spans"
    times, missed = add_span_presses(
        window, lambda: int(store.db.execute(count).fetchone()[0]), text, words
    )
    median, p90 = statistics.median(times) * 1000, statistics.quantiles(times, n=10)[-1] * 1000
    failed = f"; {missed} presses stored nothing" if missed else ""
    print(f"add a span: select an untagged word, press 3 (LOCATION), {len(times)} times{failed}")
    show("key press to committed row + repaint, median", median)
    show("key press to committed row + repaint, p90", p90)
    with tempfile.TemporaryDirectory() as folder:
        raw = statistics.median(raw_inserts(Path(folder), window.session.spans[0])) * 1000
    show("baseline: raw sqlite3 INSERT+COMMIT, median", raw, ratio(median, raw, 1), 2)
    check("add a span by key, median", median, 16, unit=" ms", digits=1)


def unpainted_spans(view: ArticleView) -> int:
    """How many spans lying wholly in view show no fill in the viewport's pixels."""
    image = view.viewport().grab().toImage()
    white = QColor("white").rgb()
    missing = 0
    for span in view.visible_spans():
        rects = view.span_rects(span)
        if not rects or not all(view.viewport().rect().contains(r.toRect()) for r in rects):
            continue
        # A filled span has almost no bare white pixel left between its glyphs; an unpainted one
        # is mostly white (sampled every other pixel, inside the rectangle's edges).
        points = [
            (x, y)
            for rect in rects
            for x in range(int(rect.left()) + 2, int(rect.right()) - 1, 2)
            for y in range(int(rect.top()) + 2, int(rect.bottom()) - 1, 2)
        ]
        bare = sum(image.pixel(x, y) == white for x, y in points)
        missing += bare > len(points) // 4
    return missing


def scroll_steps(widget: QTextEdit, after_step: Callable[[], None] = lambda: None) -> list[float]:
    """SCROLLS scroll-bar steps down the article, each followed by one event-loop pass and a
    repaint; the time of each, and `after_step` called after each (outside the time)."""
    bar, times = widget.verticalScrollBar(), list[float]()
    bar.setValue(0)
    settle()
    for step in range(1, SCROLLS + 1):
        started = time.perf_counter()
        bar.setValue(bar.maximum() * step // SCROLLS)
        settle()
        widget.viewport().repaint()
        times.append(time.perf_counter() - started)
        after_step()
    return times


def bench_scroll(view: ArticleView, tagset: TagSet, document: Document, spans: list[Span]) -> None:
    # The time alone missed highlights that came seconds late (issue 14, item 10): the pixels
    # after each step say whether every span in view was painted after that one pass.
    late: list[int] = []
    times = scroll_steps(view, lambda: late.append(unpainted_spans(view)))
    baseline = QTextEdit()  # every span an extra selection, so nothing waits for a scroll
    baseline.setFont(view.font())
    baseline.resize(view.size())
    baseline.show()
    baseline.setPlainText(document.text)
    highlight(baseline, tagset, document, spans)
    settle()
    plain = statistics.median(scroll_steps(baseline)) * 1000
    baseline.close()
    ours = statistics.median(times) * 1000
    steps_late = sum(1 for count in late if count)
    print(f"scroll: {SCROLLS} scroll-bar steps down the article, each one event-loop pass")
    show("baseline: QTextEdit with all spans selected, median", plain)
    show("ArticleView, median per step", ours, f"{ratio(ours, plain)} (information)")
    print(f"  steps with a span in view still unpainted: {sum(late)} spans in all")
    check(f"scroll: steps of {SCROLLS} with a span in view unpainted", steps_late, 0, digits=0)


def main() -> int:
    if not CORPUS.exists():
        print(f"skipped: the shared corpus is not here ({CORPUS})")
        return 0
    with tempfile.TemporaryDirectory() as folder:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        scope = QSettings.Scope.UserScope  # never the person's own settings
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(Path(folder) / "settings"))
        create_application()
        tagset = load_tagset()
        text, words = article_text()
        store = SqliteStore(Path(folder) / "hamish.sqlite3")
        document = Document(text=text, text_sha256=text_sha256(text), title="bench")
        (document_id,) = store.add_documents([document])
        with store.transaction():
            for span in layer(document_id, text, words):
                store.add_span(span)
        bench_open(tagset, store.document(document_id), store.spans_for(document_id, "bench"))
        session = Session(store, tagset, "bench")
        window = MainWindow(session, connector(Path(folder) / "hamish.sqlite3"), "en")  # as tests
        window.show()
        QTest.qWaitForWindowExposed(window)
        window.activateWindow()
        QTest.qWaitForWindowActive(window)
        window.article_view.setFocus()
        settle()
        bench_add_span(window, store, text, words)
        spans = store.spans_for(document_id, "bench")
        bench_scroll(window.article_view, tagset, store.document(document_id), spans)
        window.close()
        store.close()
    finish()
    return 0


if __name__ == "__main__":
    sys.exit(main())
