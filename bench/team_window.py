"""The window's add-span latency against the team server, for bench_team.py.

bench_viewer.py's article (10,000 words of SaudiNewsNet with 1,000 spans in the layer
"bench") goes into the server's project and into a new SQLite file; MainWindow opens on
each as the program opens it (a Session on the store, db/opening.py's connector for its
workers) and shows that article; then bench_viewer.add_span_presses: select an untagged
word, press 3 (LOCATION), until the row is committed and the article repainted, 50 times.
The server's figures stand beside the file's, each counted in its own database.
"""

from __future__ import annotations

import statistics
from pathlib import Path

# bench_scale sets the offscreen platform and puts the checkout on the path on import.
from bench_scale import isolate_settings, p95, settle
from bench_viewer import add_span_presses, article_text, layer
from PySide6.QtTest import QTest
from targets import check, ratio

from annotation.model import Document, DocumentId, text_sha256
from annotation.ports import Store
from annotation.tagset import load_tagset
from db.opening import Server, Where, connector, open_store
from ui.app import create_application
from ui.main_window import MainWindow
from ui.session.qt_session import Session

MEDIAN_MS, P95_MS = 16, 33


def spans_stored(store: Store) -> int:
    """Every span in the database, as bench_viewer counts them."""
    return int(store.db.execute("SELECT count(*) FROM spans").fetchone()[0])  # type: ignore[attr-defined]


def presses(where: Where, text: str, words: list[tuple[int, int]]) -> tuple[list[float], int]:
    """The article and its layer stored at `where`, the window opened on it, the presses."""
    store = open_store(where)
    (document_id,) = store.add_documents([Document(text, text_sha256(text), title="bench")])
    with store.transaction():
        for span in layer(DocumentId(document_id), text, words):
            store.add_span(span)
    window = MainWindow(Session(store, load_tagset(), "bench"), connector(where), "en")
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    window.go_to(document_id)
    window.article_view.setFocus()
    settle()
    try:
        return add_span_presses(window, lambda: spans_stored(store), text, words)
    finally:
        window.session.stop_watching()
        window.close()
        store.close()


def bench_window(url: str, folder: Path, fsync: str) -> None:
    """The server's add-span figures beside the same window's on a SQLite file."""
    folder.mkdir(parents=True, exist_ok=True)
    isolate_settings(folder / "settings")
    create_application()
    text, words = article_text()
    server, server_missed = presses(Server(url), text, words)
    local, local_missed = presses(folder / "window.sqlite3", text, words)
    ours = [seconds * 1000 for seconds in server]
    base = [seconds * 1000 for seconds in local]
    print(
        f"the window: select an untagged word, press 3 (LOCATION), {len(ours)} times, until"
        f" committed and repainted; the server over TCP (fsync {fsync}), the team stopped;"
        " baseline: the same window on a SQLite file"
    )
    for name, pick in (("median", statistics.median), ("95th percentile", p95)):
        figure, baseline = pick(ours), pick(base)
        print(
            f"  add a span, {name:<16} {figure:7.1f} ms  baseline {baseline:7.1f} ms  {ratio(figure, baseline)}"
        )
    print(
        f"  presses that stored no row: {server_missed} on the server, {local_missed} on the file"
    )
    check(
        "window on the server: add a span, median",
        statistics.median(ours),
        MEDIAN_MS,
        unit=" ms",
        digits=1,
    )
    check(
        "window on the server: add a span, 95th percentile", p95(ours), P95_MS, unit=" ms", digits=1
    )
    check("window on the server: presses that stored no row", server_missed, 0, digits=0)
