"""SearchPanel: the Search tab. Finds words in every document or, with a filter on the
annotations, spans, as `python main.py search` does (annotation/search.py decides what
matches); a chosen result opens its document with the hit selected.

Searching starts 250 ms after the last keystroke and runs off the window's thread
(ui/search/runner.py), so typing never waits for the database.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QSignalBlocker,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotation.arabic import is_right_to_left
from annotation.changes import Changes
from annotation.ports import Connect
from annotation.search import SpanSearchResult
from ui.article.kwic_delegate import KwicDelegate
from ui.search.results import SearchResultsModel
from ui.search.runner import SearchRequest, SearchResult, SearchRunner
from ui.session.qt_session import Session, asks_server

DEBOUNCE_MS = 250  # long enough to skip the words on the way, short enough to feel immediate
SLOW_MS = 200  # a search taking longer says so


class SearchPanel(QWidget):
    """The query, the filters and the results; emits which result to open."""

    hit_chosen = Signal(object, int, int)  # DocumentId, start, end: a hit in the text
    span_chosen = Signal(object, object)  # DocumentId, Span
    results_shown = Signal(object)  # the SearchRequest now listed, or None for a message

    def __init__(
        self,
        session: Session,
        connector: Connect,
        language: str = "en",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.language = session, language
        self.runner = SearchRunner(connector, parent=self)
        self._asked: SearchRequest | None = None  # the search last started
        self._shown: SearchRequest | None = None  # the search whose results are listed
        self._build()
        self._connect()
        self._refresh_filters()
        self._schedule()

    def _build(self) -> None:
        self.query = QLineEdit()
        self.query.setClearButtonEnabled(True)
        self.proclitics = QCheckBox(self.tr("Proclitics"))
        self.proclitics.setToolTip(
            self.tr("Also find a word behind و ف ب ك ل and ال: الرقة finds بالرقة")
        )
        self.label_filter = QComboBox()
        self.label_filter.addItem(self.tr("Any label"), None)
        for label in self.session.tagset.labels:
            self.label_filter.addItem(label.title(self.language), label.name)
        self.annotator_filter = QComboBox()
        self.entity_filter = QLineEdit()
        self.entity_filter.setPlaceholderText(self.tr("Entity…"))
        self.entity_filter.setToolTip(
            self.tr("Spans of the entity with this name or alias (a claim through its speakers)")
        )
        self.entity_filter.setClearButtonEnabled(True)
        self._entity_names = QStringListModel(self)
        completer = QCompleter(self._entity_names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.entity_filter.setCompleter(completer)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = SearchResultsModel(self)
        self.results = QListView()
        self.results.setModel(self.model)
        self.results.setItemDelegate(KwicDelegate(self.results))
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.slow = QTimer(self)
        self.slow.setSingleShot(True)
        self.slow.setInterval(SLOW_MS)

        words = QHBoxLayout()
        words.addWidget(self.query, 1)
        words.addWidget(self.proclitics)
        filters = QHBoxLayout()
        filters.addWidget(self.label_filter)
        filters.addWidget(self.annotator_filter)
        filters.addWidget(self.entity_filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(words)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)

    def _connect(self) -> None:
        self.query.textChanged.connect(self._schedule)
        self.entity_filter.textChanged.connect(self._schedule)
        self.proclitics.toggled.connect(self._schedule)
        self.label_filter.currentIndexChanged.connect(self._schedule)
        self.annotator_filter.currentIndexChanged.connect(self._schedule)
        self.timer.timeout.connect(self._run)
        self.slow.timeout.connect(lambda: self.summary.setText(self.tr("Searching…")))
        self.runner.finished.connect(self._show)
        self.runner.failed.connect(self._failed)
        self.results.activated.connect(self._open)
        self.query.installEventFilter(self)
        s = self.session
        # Spans and entities change under a span search as people annotate; documents arrive
        # from other windows and imports. Searching again is cheap, and keeps the current row.
        s.changed.connect(self._show_changes)
        s.annotator_changed.connect(lambda _name: self._refresh_filters())

    # What is asked

    def request(self) -> SearchRequest:
        """The search the query and filters describe."""
        return SearchRequest(
            text=self.query.text(),
            proclitics=self.proclitics.isChecked(),
            label=self.label_filter.currentData(),
            annotator=self.annotator_filter.currentData(),
            entity=self.entity_filter.text().strip() or None,
        )

    def focus_query(self, tabs: QTabWidget) -> None:
        """Bring the Search tab forward with its query ready to type over (Ctrl+Shift+F)."""
        tabs.setCurrentWidget(self)
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def _schedule(self) -> None:
        request = self.request()
        for edit in (self.query, self.entity_filter):
            _follow_direction(edit)
        self.proclitics.setEnabled(not request.finds_spans)
        self.query.setPlaceholderText(
            self.tr("Words within the spans (or none)")
            if request.finds_spans
            else self.tr('Words in every document, or "a phrase"')
        )
        if request.is_too_short:
            # Two letters: a single و or ب would list most of the corpus, slowly.
            self.timer.stop()
            self.slow.stop()
            self.runner.cancel()
            self._asked = self._shown = None
            self.model.clear()
            self.summary.setText(self.tr("Type at least 2 letters"))
            self.results_shown.emit(None)
            return
        self.timer.start()

    def _search_again(self, spans_only: bool) -> None:
        """Run the search again (after the debounce) when what it found may have changed."""
        if self._asked is not None and (self._asked.finds_spans or not spans_only):
            self._schedule()

    def _show_changes(self, changes: Changes) -> None:
        if changes.everything or changes.corpus:
            self._corpus_changed()
        elif changes.touches_entities:
            self._entities_changed()
        elif changes.touches_annotations:
            self._search_again(spans_only=True)

    def _entities_changed(self) -> None:
        self._refresh_filters()
        self._search_again(spans_only=True)

    def _corpus_changed(self) -> None:
        self._refresh_filters()
        self._search_again(spans_only=False)

    def _run(self) -> None:
        self._asked = self.request()
        self.slow.start()
        self.runner.search(self._asked)

    # What is found

    def _show(self, request: SearchRequest, result: SearchResult) -> None:
        self.slow.stop()
        current = self.results.currentIndex()
        # Searching again for the same thing (after an edit) keeps the person's place.
        keep = (
            self.model.result(current.row()).key
            if current.isValid() and request == self._shown
            else None
        )
        if isinstance(result, SpanSearchResult):
            rows = self.model.span_rows(result, self.session.tagset, self.language)
        else:
            rows = self.model.text_rows(result)
        self.summary.setText(self.model.summary(result))
        self.model.set_rows(rows)
        self._shown = request
        row = self.model.row_of(keep) if keep is not None else None
        if row is not None:
            self.results.setCurrentIndex(self.model.index(row))
        self.results_shown.emit(request)

    def _failed(self, request: SearchRequest, problem: str) -> None:
        self.slow.stop()
        self.summary.setText(self.tr("Search failed: %1").replace("%1", problem))
        self.results_shown.emit(None)

    # Going to a result

    def _open(self, index: QModelIndex) -> None:
        self._open_row(index.row())

    def _open_row(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        self.results.setCurrentIndex(self.model.index(row))  # Down goes on from here
        result = self.model.result(row)
        if result.span is not None:
            self.span_chosen.emit(result.document_id, result.span)
        else:
            self.hit_chosen.emit(result.document_id, result.start, result.end)

    def _step(self, rows: int) -> None:
        count = self.model.rowCount()
        if count:
            current = self.results.currentIndex().row()
            row = 0 if current < 0 else max(0, min(count - 1, current + rows))
            self.results.setCurrentIndex(self.model.index(row))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # From the query field, Down and Up walk the results and Enter opens the current one,
        # so a search and its first hits need no mouse and no change of focus.
        if watched is self.query and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._step(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.timer.isActive():
                    self.timer.stop()
                    self._run()
                elif self._shown is not None and self._shown == self._asked:
                    self._open_row(max(self.results.currentIndex().row(), 0))
                return True
        return super().eventFilter(watched, event)

    # Filters

    def showEvent(self, event: QShowEvent) -> None:
        self._refresh_filters()  # annotators and entities may have come with an import
        super().showEvent(event)

    @asks_server
    def _refresh_filters(self) -> None:
        store = self.session.store
        names = store.annotator_names()
        combo = self.annotator_filter
        shown = [combo.itemData(i) for i in range(1, combo.count())]
        if combo.count() == 0 or shown != names:
            current = combo.currentData()
            with QSignalBlocker(combo):
                combo.clear()
                combo.addItem(self.tr("Any annotator"), None)
                for name in names:
                    combo.addItem(name, name)
                combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
        self._entity_names.setStringList(
            sorted({name for entity in store.entities() for name in (entity.name, *entity.aliases)})
        )


def _follow_direction(edit: QLineEdit) -> None:
    """Lay a field out right-to-left while it holds Arabic, whatever the interface's direction;
    an empty field follows the interface (its placeholder is in the interface's language)."""
    text = edit.text()
    if not text.strip():
        edit.unsetLayoutDirection()
    elif is_right_to_left(text):
        edit.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    else:
        edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
