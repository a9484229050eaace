"""SuggestionFlow: the assistant in the window: running it on the open document or on every
document (in the background, with progress and Cancel), and the keys that accept or reject its
pending suggestions (ui/article/layer_painter.py draws them in the article)."""

from __future__ import annotations

import operator
from collections.abc import Callable
from functools import reduce

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QMessageBox

from annotation.assistant.pending import ASSISTANT, documents_to_suggest
from annotation.changes import Changes
from annotation.model import DocumentId, Span, SpanId, Status
from annotation.ports import Cancelled, Store
from ui.actions import Actions
from ui.article.view import ArticleView
from ui.jobs.background_runner import BackgroundRunner
from ui.session.qt_session import Session, asks_server


class SuggestionFlow(QObject):
    """Runs the assistant, and accepts or rejects its suggestions as the keys ask."""

    message = Signal(str)  # a result or a refusal, kept until read
    hint = Signal(str)  # which keys act now, for the status bar

    def __init__(
        self, session: Session, actions: Actions, view: ArticleView, runner: BackgroundRunner
    ) -> None:
        super().__init__(view)
        self.session, self.actions, self.view, self.runner = session, actions, view, runner
        a = actions
        a.suggest_document.triggered.connect(self.suggest_document)
        a.suggest_corpus.triggered.connect(self.suggest_corpus)
        a.accept_suggestion.triggered.connect(self.accept)
        a.reject_suggestion.triggered.connect(self.reject)
        a.accept_all_suggestions.triggered.connect(self.accept_all)
        a.next_suggestion.triggered.connect(lambda: self.step(forward=True))
        a.previous_suggestion.triggered.connect(lambda: self.step(forward=False))
        # How many suggestions remain, here and in the corpus, in the status bar. The corpus's
        # count is read when something beyond the open document changes, or for another
        # annotator; between, the open document's own count moves it (neither a key press nor
        # switching article counts the corpus).
        self.counts = QLabel()
        self.counts.hide()
        self._total = 0
        self._seen: tuple[str, DocumentId | None, int] | None = None  # who, where, how many
        session.document_opened.connect(lambda _document: self._show_counts())
        session.changed.connect(self._count_after)
        session.suggestions_changed.connect(self._show_counts)
        session.suggestions_changed.connect(self._enable)
        view.span_clicked.connect(self._clicked)
        # Choosing one of your own spans, or Esc, puts the current suggestion down, so
        # Backspace never rejects a suggestion you are not looking at.
        session.span_selected.connect(self._own_span_selected)
        a.clear_selection.triggered.connect(lambda: session.choose_suggestion(None))
        self.runner.finished.connect(self._corpus_done)
        # On a team server the assistant's layer is read by every annotator, so only curators
        # and managers write it (the server refuses annotators): annotators accept what they
        # made. A file has no roles.
        may_suggest = session.store.role != "annotator"
        a.suggest_document.setEnabled(may_suggest)
        a.suggest_corpus.setEnabled(may_suggest)
        # What the run over the corpus wrote, batch by batch: published when it ends, also
        # when it was cancelled (what was stored stays).
        self._corpus_written: list[Changes] | None = None

    def _count_corpus(self) -> None:
        s = self.session
        self._total = s.store.pending_count(s.annotator, ASSISTANT)
        self._seen = (s.annotator, self._shown(), len(s.suggestions))
        self._show_counts()

    def _count_after(self, changes: Changes) -> None:
        if changes.everything or changes.corpus or (changes.documents - {self._shown()}):
            self._count_corpus()
        else:
            self._show_counts()

    def _show_counts(self) -> None:
        s = self.session
        if self._seen is None or self._seen[0] != s.annotator:
            self._count_corpus()  # at the start, or another annotator's layer
            return
        here, shown = len(s.suggestions), self._shown()
        _, counted_in, counted = self._seen
        if counted_in == shown:
            self._total += here - counted  # the open document's suggestions came or went
        self._seen = (s.annotator, shown, here)
        self.counts.setText(
            self.tr("Suggestions: %1 here, %2 in all")
            .replace("%1", f"{here:,}")
            .replace("%2", f"{self._total:,}")
        )
        self.counts.setVisible(self._total > 0)

    def _shown(self) -> DocumentId | None:
        return self.session.document.id if self.session.document is not None else None

    def _enable(self) -> None:
        s, a = self.session, self.actions
        a.accept_all_suggestions.setEnabled(bool(s.suggestions))

    def _own_span_selected(self, span_id: SpanId | None) -> None:
        if span_id is not None:
            self.session.choose_suggestion(None)

    def _clicked(self, span_id: SpanId | None) -> None:
        if self.session.suggestion(span_id) is not None:
            self.session.choose_suggestion(span_id)

    def accept(self) -> None:
        """Enter: accept the current suggestion; with none, make the next one current."""
        s = self.session
        if s.accept_current_suggestion():
            return
        self._choose_next()

    def reject(self) -> None:
        """Backspace: reject the current suggestion; with none, delete the selected span."""
        s = self.session
        if not s.reject_current_suggestion() and s.selected is not None:
            s.delete_span(s.selected)

    def accept_all(self) -> None:
        count = self.session.accept_all_suggestions()
        self.message.emit(self.tr("Accepted %n suggestion(s)", "", count))

    def step(self, forward: bool) -> None:
        """F8 / Shift+F8: the next or previous suggestion, from the current one (or the
        cursor), round the document."""
        s = self.session
        current = s.suggestion(s.current_suggestion)
        if current is None:
            self._choose_next() if forward else self._show(s.previous_suggestion(self._cursor()))
            return
        self._show(
            s.next_suggestion(current.start + 1)
            if forward
            else s.previous_suggestion(current.start)
        )

    def _cursor(self) -> int:
        selection = self.view.selection_range()
        return selection[0] if selection else self.view.from_qt(self.view.textCursor().position())

    def _choose_next(self) -> None:
        self._show(self.session.next_suggestion(self._cursor()))

    def _show(self, chosen: Span | None) -> None:
        s = self.session
        if chosen is None:
            self.message.emit(
                self.tr("No suggestions here: Annotate > Suggest runs the assistant.")
            )
            return
        s.choose_suggestion(chosen.id)
        self.view.show_range(chosen.start, chosen.end)
        # Enter and Backspace act only while the article has the focus; Ctrl+J may come from
        # the document list, so the keyboard follows the suggestion there and the promise
        # below holds (issue 14 item 5).
        self.view.setFocus()
        self.hint.emit(self.tr("Enter accepts this suggestion, Backspace rejects it."))

    def suggest_document(self) -> None:
        """Run the assistant on the open document."""
        count = self.session.suggest_for_document()
        if count and self.session.current_suggestion is None:
            self._choose_next()

    @asks_server
    def suggest_corpus(self) -> None:
        """Run the assistant on every document in the background; Cancel stops it, and the
        documents done so far keep their suggestions. Documents this annotator marked done are
        left alone unless the person ticks the box that asks for them too (issue 14, item 4)."""
        s = self.session
        summaries = s.store.document_summaries()
        done = sum(summary.statuses.get(s.annotator) is Status.DONE for summary in summaries)
        include_done = False
        if done:
            answer = self.ask_about_done(done)
            if answer is None:
                return
            include_done = answer
        ids = documents_to_suggest(summaries, s.annotator, include_done)
        # Worded here, with self.tr: pyside6-lupdate sees no plural form in
        # QCoreApplication.translate, and the work runs in another thread.
        finished = self.tr("The assistant made %1 suggestions in %n document(s)", "", len(ids))

        written: list[Changes] = []  # appended on the worker thread, read once it has ended

        def work(store: Store, progress: Callable[[int, int], bool]) -> str:
            from annotation.assistant.suggest import Assistant

            assistant = Assistant.load()
            documents = spans = 0
            batches = assistant.store_many(
                store, ids, ASSISTANT, progress, on_stored=written.append
            )
            for _document, found in batches:
                documents += 1
                spans += len(found.spans)
            if documents < len(ids):
                raise Cancelled()  # what was stored stays; the runner says "cancelled"
            return finished.replace("%1", str(spans))

        self._corpus_written = written
        self.runner.start_job(work, self.tr("The assistant is reading every document…"))

    def ask_about_done(self, done: int) -> bool | None:
        """Run on the documents marked done too? None: the person cancelled."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Suggest for All Documents"),
            self.tr("You marked %n document(s) done: the assistant leaves them alone.", "", done),
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
            self.view,
        )
        # Parented and kept: PySide does not take ownership in setCheckBox, and a temporary
        # box is freed at once (box.checkBox() then crashed).
        include = QCheckBox(self.tr("Suggest on the documents marked done too"), box)
        box.setCheckBox(include)
        if box.exec() != QMessageBox.StandardButton.Ok:
            return None
        return include.isChecked()

    def _corpus_done(self, _ok: bool, _message: str) -> None:
        written, self._corpus_written = self._corpus_written, None
        if written is not None:  # the runner also runs exports and imports
            self.session.publish(reduce(operator.or_, written, Changes()))
