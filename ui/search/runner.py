"""SearchRunner: runs the Search tab's searches on a worker thread, so typing never waits for
the database (15 to 60 ms a search at 100,000 articles, a few tenths of a second for a phrase
with a word as common as في: bench/bench_search.py).

Each search opens its own connection through the connector (0.3 ms): the window's connection
must not be used by two threads at once, and a search reads in a transaction of its own
(db/search_index.py). Searches run one at a time; a request made while one runs waits,
replacing any request already waiting, and only the newest request's result is reported, so
results never arrive out of order.

Not the window's BackgroundRunner (ui/jobs/background_runner.py), though both run work on a
store of their own: that one runs a person's long job behind a modal progress dialog with
Cancel, and reports every job's end. A search shows no dialog and is never cancelled by a
person; it is replaced by the next key press, its result dropped when stale, and its thread
may outlive the panel that asked (see `_running`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from annotation.ports import Connect, SearchStore, StoreError
from annotation.search import (
    QueryTooLong,
    SpanQuery,
    SpanSearchResult,
    TextSearchResult,
    parse_query,
)

MIN_LETTERS = 2  # a query of one letter would list a corpus' worth of و and ب
LIMIT = 200  # results listed; the totals count them all

SearchResult = TextSearchResult | SpanSearchResult


@dataclass(frozen=True, slots=True)
class SearchRequest:
    """What the Search tab asks for: words in the text or, with any filter, spans."""

    text: str
    proclitics: bool = False
    label: str | None = None
    annotator: str | None = None
    entity: str | None = None

    @property
    def finds_spans(self) -> bool:
        """True when a filter on annotations is set: then spans are searched, not the text."""
        return self.label is not None or self.annotator is not None or self.entity is not None

    @property
    def is_too_short(self) -> bool:
        """True when the query has too few letters to run (spans need no text at all)."""
        if self.finds_spans and not self.text.strip():
            return False
        letters = sum(len(word) for phrase in parse_query(self.text).phrases for word in phrase)
        return letters < MIN_LETTERS


def run_search(store: SearchStore, request: SearchRequest, limit: int = LIMIT) -> SearchResult:
    """Run one request against the store, as `python main.py search` would."""
    if request.finds_spans:
        return store.search_spans(
            SpanQuery(
                text=request.text,
                label=request.label,
                annotator=request.annotator,
                entity=request.entity,
                limit=limit,
            )
        )
    return store.search_text(request.text, request.proclitics, limit)


class _SearchThread(QThread):
    """One search on its own connection; the thread ends when run() returns."""

    found = Signal(object, object)  # SearchRequest, SearchResult
    failed = Signal(object, str)  # SearchRequest, what went wrong

    def __init__(self, connector: Connect, request: SearchRequest, limit: int) -> None:
        super().__init__()
        self.connector, self.request, self.limit = connector, request, limit

    def run(self) -> None:
        try:
            store = self.connector()
            try:
                result = run_search(store, self.request, self.limit)
            finally:
                store.close()
        except (QueryTooLong, StoreError) as error:  # said in words meant for the person
            self.failed.emit(self.request, str(error))
        except Exception as error:  # shown in the panel; a search changes nothing
            self.failed.emit(self.request, f"{type(error).__name__}: {error}")
        else:
            self.found.emit(self.request, result)


# Threads are kept here until they end, not by the panel: Qt aborts the process when a QThread
# is destroyed while it runs, and the window may close in the middle of a search.
_running: set[_SearchThread] = set()


def _wait_for_searches() -> None:
    for thread in list(_running):
        thread.wait()


class SearchRunner(QObject):
    """Runs searches one at a time off the window's thread; reports the newest one's result."""

    finished = Signal(object, object)  # SearchRequest, SearchResult
    failed = Signal(object, str)  # SearchRequest, what went wrong

    def __init__(
        self, connector: Connect, limit: int = LIMIT, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.connector, self.limit = connector, limit
        self._wanted: SearchRequest | None = None  # the newest request, or None once cancelled
        self._waiting: SearchRequest | None = None
        self._busy = False
        app = QCoreApplication.instance()
        if app is not None and not app.property("hamish_waits_for_searches"):
            app.setProperty("hamish_waits_for_searches", True)
            app.aboutToQuit.connect(_wait_for_searches)

    def is_busy(self) -> bool:
        """True while a search runs."""
        return self._busy

    def search(self, request: SearchRequest) -> None:
        """Run `request` now, or as soon as the running search ends."""
        self._wanted = request
        if self._busy:
            self._waiting = request
        else:
            self._start(request)

    def cancel(self) -> None:
        """Report nothing more: drop the waiting request and the running one's result."""
        self._wanted = self._waiting = None

    def _start(self, request: SearchRequest) -> None:
        self._busy = True
        thread = _SearchThread(self.connector, request, self.limit)
        thread.found.connect(self._found)
        thread.failed.connect(self._failed)
        thread.finished.connect(partial(_running.discard, thread))
        _running.add(thread)
        thread.start()

    def _found(self, request: SearchRequest, result: SearchResult) -> None:
        if request == self._wanted:
            self.finished.emit(request, result)
        self._next()

    def _failed(self, request: SearchRequest, problem: str) -> None:
        if request == self._wanted:
            self.failed.emit(request, problem)
        self._next()

    def _next(self) -> None:
        self._busy = False
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self._start(waiting)
