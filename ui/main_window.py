"""MainWindow: lays out the document list, the article and the span panel, and wires them to
the session. It decides nothing: the session and the edits do."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from annotation.arabic import SnapMode
from annotation.assistant.pending import ASSISTANT
from annotation.changes import Changes
from annotation.model import DocumentId, Span, SpanId, Status
from annotation.ports import Connect
from annotation.tagging import Boundary
from ui.actions import Actions
from ui.article.attribution_controls import AttributionControls
from ui.article.layer_painter import LayerPainter
from ui.article.links_choice import LinksChoice
from ui.article.title import DocumentTitle
from ui.article.view import ArticleView
from ui.dialogs.annotator_dialog import AnnotatorDialog
from ui.dialogs.guidelines_dialog import GuidelinesDialog
from ui.dialogs.settings_dialog import SettingsDialog
from ui.dialogs.shortcuts_dialog import ShortcutsDialog
from ui.jobs.background_runner import BackgroundRunner
from ui.jobs.exchange_flow import ExchangeFlow
from ui.jobs.import_flow import ImportFlow
from ui.jobs.suggestion_flow import SuggestionFlow
from ui.notice_bar import NoticeBar
from ui.panels.document_panel import DocumentPanel
from ui.panels.entity_browser import EntityBrowser
from ui.panels.span_editor import SpanEditor
from ui.panels.span_rows import SpanTableView
from ui.panels.span_table import SpanTableModel
from ui.panels.status_line import StatusLine
from ui.review.review_flow import ReviewFlow
from ui.search.panel import SearchPanel
from ui.session.qt_session import Session, asks_server
from ui.session.undo import undo_actions
from ui.where_you_were import Place, PlaceMemory
from ui.window_size import remember_window
from ui.wording import isolate, isolate_path


class MainWindow(QMainWindow):
    """Wires the document list, the article view, the span panel and the menus to the session."""

    def __init__(
        self,
        session: Session,
        connector: Connect,
        language: str = "en",
        parent: QWidget | None = None,
    ) -> None:
        """`connector` opens stores on the session's database for work on other threads."""
        super().__init__(parent)
        store = session.store
        self.session, self.connector = session, connector
        session.setParent(self)  # the session (and its watch on the database) ends with the window
        session.language = language
        self.language = language
        self.setWindowTitle(self.tr("Hamish"))
        self.resize(1400, 860)
        self.actions_ = Actions(self, session.tagset, language)

        self.documents = DocumentPanel(store, session.annotator)
        self.article_view = ArticleView(session.tagset)
        self.painter = LayerPainter(session, self.article_view)  # the article's one painter
        self.spans = SpanTableModel(session.tagset, self)
        self.spans.language = language
        self.article_view.language = language
        self.span_table = SpanTableView(self.spans)
        self.span_editor = SpanEditor(session, language)
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.span_table)
        # Scrolled, not widened: a wider editor (a claim's buttons, a long name) would take
        # the article's width and reflow its text under the pointer at each selection.
        editor = QScrollArea()
        editor.setWidget(self.span_editor)
        editor.setWidgetResizable(True)
        editor.setFrameShape(QFrame.Shape.NoFrame)
        side.addWidget(editor)
        side.setSizes([380, 420])  # a claim's editor, with its speaker, in view at 768 px

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.entity_browser = EntityBrowser(session)
        self.left_tabs = QTabWidget()
        self.left_tabs.addTab(self.documents, self.tr("Documents"))
        self.left_tabs.addTab(self.entity_browser, self.tr("Entities"))
        self.search_panel = SearchPanel(session, connector, language)
        self.left_tabs.addTab(self.search_panel, self.tr("Search"))
        self.title = DocumentTitle()
        article = QWidget()
        column = QVBoxLayout(article)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.title)
        self.notices = NoticeBar()  # results of long work and refusals, kept until read
        column.addWidget(self.notices)
        column.addWidget(self.article_view, 1)
        for widget, stretch in ((self.left_tabs, 2), (article, 5), (side, 2)):
            splitter.addWidget(widget)
            splitter.setStretchFactor(splitter.indexOf(widget), stretch)
        # At 1366 px (a common laptop, maximised) the span list keeps about 370 px: its rows
        # show label, text and attributes without scrolling sideways (issue 18).
        splitter.setSizes([330, 690, 380])
        self.setCentralWidget(splitter)
        self.splitters = {"panels": splitter, "side": side}  # kept in the settings (window_size)

        self.runner = BackgroundRunner(connector, self)  # one long job at a time
        self.importer = ImportFlow(session, self.runner, self.actions_, self)
        self.exchange = ExchangeFlow(session, self.runner, self.actions_, self)
        self.exchange.message.connect(self.notices.show_notice)
        self.importer.message.connect(self.notices.show_notice)
        self.review = ReviewFlow(session, self.actions_, self, self)
        self.review.message.connect(self.notices.show_notice)
        self._build_menus_and_toolbar()
        self._build_status_bar()
        self._connect()
        self.assistant = SuggestionFlow(session, self.actions_, self.article_view, self.runner)
        self.assistant.message.connect(self.notices.show_notice)
        self.assistant.hint.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self.statusBar().insertPermanentWidget(0, self.assistant.counts)
        # Before anything of this annotator's is read; the assistant's layer is nobody's work.
        known = [name for name in session.store.annotator_names() if name != ASSISTANT]
        # Where this annotator was on this database: that document, its selection, and (once
        # the window is laid out) its scroll position.
        self.places = PlaceMemory(QSettings(), connector.location)
        place = self.places.recall(session.annotator)
        self.documents.refresh(place.document)
        session.select_span(place.selected)
        # (Not when that document is gone and the list opened its first one instead.)
        opened = session.document.id if session.document is not None else None
        self._scroll_on_show = place.scroll if opened == place.document else 0
        if known and session.annotator not in known:
            # A colleague's database: the person's own layer is empty, and only the status
            # bar's name said why.
            self.notices.show_notice(
                self.tr(
                    "You (%1) have not annotated this database; %2 have. Annotator > Switch"
                    " Annotator (Ctrl+Shift+A) opens their layers."
                )
                .replace("%1", isolate(session.annotator))
                .replace("%2", ("، " if language == "ar" else ", ").join(map(isolate, known)))
            )

    # Building

    def _build_menus_and_toolbar(self) -> None:
        a = self.actions_
        undo, redo = undo_actions(self.session.undo_group, self, self.tr("&Undo"), self.tr("&Redo"))
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        # The toolbar says "Undo" and "Redo" alone (the menu and the tooltip name the step):
        # a button that took each step's name changed width at every edit, shifted the
        # buttons after it and made the whole window lay itself out again.
        undo.setIconText(self.tr("Undo"))
        redo.setIconText(self.tr("Redo"))
        self.undo_action, self.redo_action = undo, redo
        menus = a.menus(undo, redo)
        self.menu_actions = menus
        for title, actions in menus:
            menu = self.menuBar().addMenu(title)
            for action in actions:
                if action is None:
                    menu.addSeparator()
                else:
                    menu.addAction(action)
        # Tagging keys are plain letters and digits: they act only while the article has the
        # focus, so typing in the filter box never tags anything.
        for action in a.tagging_actions():
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.article_view.addAction(action)

        self.article_view.context_actions = [
            *a.label_actions.values(),
            a.delete_span,
            None,
            a.attribute,
            a.accept_entity,
            a.new_entity,
        ]

        toolbar = QToolBar(self.tr("Labels"))
        toolbar.setObjectName("labels")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in a.label_actions.values():
            toolbar.addAction(action)
        toolbar.addSeparator()
        for action in a.snap_actions.values():
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(undo)
        toolbar.addAction(redo)
        toolbar.addSeparator()
        toolbar.addAction(a.mark_done)
        self.addToolBar(toolbar)

    def _build_status_bar(self) -> None:
        self.status_line = StatusLine(
            self.session,
            self.statusBar(),
            self.actions_.mark_done,
            self.article_view.position_changed,
        )

    def _connect(self) -> None:
        a, s, view = self.actions_, self.session, self.article_view
        a.quit.triggered.connect(self.close)
        a.settings.triggered.connect(lambda: SettingsDialog(QSettings(), self).exec())
        a.delete_span.triggered.connect(self.delete_selected_span)
        a.clear_selection.triggered.connect(self.clear_selection)
        a.find_document.triggered.connect(self._focus_filter)
        for action in a.label_actions.values():
            action.triggered.connect(
                lambda _=False, act=action: self.apply_label(act.data(), exact=False)
            )
        for action in a.exact_label_actions.values():
            action.triggered.connect(
                lambda _=False, act=action: self.apply_label(act.data(), exact=True)
            )
        for action in a.snap_actions.values():
            action.triggered.connect(
                lambda _=False, act=action: setattr(s, "snap_mode", SnapMode(act.data()))
            )
        a.start_earlier.triggered.connect(lambda: self._move(Boundary.START, -1))
        a.start_later.triggered.connect(lambda: self._move(Boundary.START, 1))
        a.end_earlier.triggered.connect(lambda: self._move(Boundary.END, -1))
        a.end_later.triggered.connect(lambda: self._move(Boundary.END, 1))
        a.label_tags.toggled.connect(self._show_label_tags)
        self.links_choice = LinksChoice(view, a.links_actions, a.cycle_links, QSettings())
        self.links_choice.hint.connect(lambda text: self.statusBar().showMessage(text, 5000))
        a.next_document.triggered.connect(lambda: self.documents.step(1))
        a.previous_document.triggered.connect(lambda: self.documents.step(-1))
        a.next_unfinished.triggered.connect(self.next_unfinished_document)
        a.mark_in_progress.triggered.connect(lambda: s.set_status(Status.IN_PROGRESS))
        a.focus_next_panel.triggered.connect(self._focus_next_panel)
        a.zoom_in.triggered.connect(view.zoom_in)
        a.zoom_out.triggered.connect(view.zoom_out)
        a.zoom_reset.triggered.connect(view.zoom_reset)
        a.switch_annotator.triggered.connect(self.ask_annotator)
        a.shortcuts.triggered.connect(self.show_shortcuts)
        a.guidelines.triggered.connect(lambda: GuidelinesDialog(self.language, self).show())
        a.about.triggered.connect(self._about)

        self.documents.document_chosen.connect(s.open_document)
        s.document_opened.connect(self._document_opened)
        s.document_requested.connect(lambda document_id: self.go_to(DocumentId(document_id)))
        # After the click that asked for another document has finished selecting its row.
        s.document_kept.connect(
            lambda kept: QTimer.singleShot(0, lambda: self.documents.choose(DocumentId(kept)))
        )
        s.changed.connect(self._show_changes)
        s.changed.connect(self.documents.show_changes)
        self.documents.model.server_lost.connect(s.server_unreachable)
        s.span_selected.connect(self._span_selected)
        s.annotator_changed.connect(self._annotator_changed)
        s.message.connect(self.notices.show_notice)
        view.span_clicked.connect(s.select_span)
        view.link_requested.connect(s.link)
        self.entity_browser.open_requested.connect(self.open_span)
        self.search_panel.hit_chosen.connect(self.go_to)
        self.search_panel.span_chosen.connect(self.open_span)
        a.search_corpus.triggered.connect(lambda: self.search_panel.focus_query(self.left_tabs))
        attribution = AttributionControls(
            s, view, lambda text, _timeout: self.notices.show_notice(text), self
        )
        self.attribution = attribution
        view.menu_about_to_show.connect(attribution.add_attribution_menu)
        a.attribute.triggered.connect(attribution.choose_speaker)
        self.span_editor.attribute_requested.connect(attribution.choose_speaker)
        self.span_editor.text_for_attribute_requested.connect(attribution.attribute_from_selection)
        a.accept_entity.triggered.connect(attribution.accept_entity)
        a.new_entity.triggered.connect(self._new_entity_for_selected)
        view.edge_dragged.connect(
            lambda span_id, edge, position: s.drag_boundary(span_id, Boundary(edge), position)
        )
        self.span_table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: s.select_span(self.spans.span_id(current.row()))
        )

    # Tagging

    def apply_label(self, label_name: str, exact: bool = False) -> None:
        """Tag the text selection with a label; with no selection, relabel the selected span."""
        label = self.session.tagset.label(label_name)
        selection = self.article_view.selection_range()
        if selection is not None:
            mode = SnapMode.EXACT if exact else None
            if self.session.tag(label, *selection, mode=mode) is not None:
                self.article_view.clear_selection()
            return
        if self.session.selected is not None:
            self.session.relabel(self.session.selected, label)
        else:
            self.notices.show_notice(self.tr("Select some text first, then press a label key."))

    def delete_selected_span(self) -> None:
        """Delete the selected span."""
        if self.session.selected is not None:
            self.session.delete_span(self.session.selected)

    def clear_selection(self) -> None:
        """Esc: drop the text selection and the span selection, and dismiss the notice."""
        self.article_view.clear_selection()
        self.session.select_span(None)
        self.notices.dismiss()

    def _move(self, boundary: Boundary, words: int) -> None:
        if self.session.selected is not None:
            self.session.move_boundary(self.session.selected, boundary, words)

    # Documents

    def go_to(
        self, document_id: DocumentId, start: int | None = None, end: int | None = None
    ) -> None:
        """Open a document, with the text from `start` to `end` selected when given."""
        shown = self.session.document.id if self.session.document else None
        if shown != document_id and not self.documents.choose(document_id):
            self.documents.clear_filters()  # a filter hid it
            self.documents.choose(document_id)
        if start is not None and end is not None:
            self.article_view.setTextCursor(self.article_view.cursor_at(start, end))
            self.article_view.ensureCursorVisible()
            self.article_view.setFocus()

    def open_span(self, document_id: DocumentId, span: Span) -> None:
        """Open a document at a span (from the entity browser); another annotator's span is
        shown by its place, since only the open layer's spans can be selected."""
        if span.annotator == self.session.annotator:
            self.go_to(document_id)
            self.session.select_span(span.id)
        else:
            self.go_to(document_id, span.start, span.end)

    @asks_server
    def next_unfinished_document(self) -> None:
        """Open the next document, after the current one, that this annotator has not finished."""
        model = self.documents.model
        current = max(self.documents.table.currentIndex().row(), -1)
        rows = model.rowCount()
        for offset in range(1, rows + 1):
            row = (current + offset) % rows
            if (
                self.session.store.status(model.document_id(row), self.session.annotator)
                is not Status.DONE
            ):
                self.documents.choose_row(row)
                return
        self.notices.show_notice(self.tr("Every document is done."))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._scroll_on_show:
            # After this event: a widget not yet shown has not laid out its viewport.
            QTimer.singleShot(0, self._restore_scroll)

    def _restore_scroll(self) -> None:
        bar = self.article_view.verticalScrollBar()
        bar.setValue(min(self._scroll_on_show, bar.maximum()))
        self._scroll_on_show = 0

    def remember_place(self) -> None:
        """Keep where the annotator is (the next start opens there)."""
        s = self.session
        document = s.document.id if s.document is not None else None
        scroll = self.article_view.verticalScrollBar().value() if document is not None else 0
        self.places.remember(s.annotator, Place(document, s.selected, scroll))

    def _document_opened(self, document: object) -> None:
        s = self.session
        self.spans.set_spans(s.spans)  # the article is the painter's (LayerPainter)
        self.remember_place()
        self.title.show_title(s.document.title if s.document is not None else None)
        if s.document is not None:
            title = s.document.title or self.tr("(untitled)")
            self.setWindowTitle(self.tr("%1 — Hamish").replace("%1", title))

    def _new_entity_for_selected(self) -> None:
        if self.session.selected is not None:
            self.session.new_entity_for(self.session.selected)

    def _show_changes(self, changes: Changes) -> None:
        """The span table after a write (the document list, the article, the status line and
        the panels follow the session's `changed` themselves)."""
        s = self.session
        shown = s.document.id if s.document is not None else None
        if shown is None:
            return
        if changes.touches_document(shown) or changes.touches_entities:
            # Removing the current row makes Qt move the table's current row to a neighbour
            # and say so; that must not select the neighbour span (a second Delete would
            # then delete it).
            with _signals_blocked(self.span_table.selectionModel()):
                self.spans.set_spans(s.spans)
            self._select_row(s.selected)

    def _span_selected(self, span_id: SpanId | None) -> None:
        self.article_view.select_span(span_id)
        self._select_row(span_id)
        self.remember_place()

    def _select_row(self, span_id: SpanId | None) -> None:
        """Show the session's selection in the table, without the table echoing it back."""
        row = self.spans.row_of(span_id)
        selection = self.span_table.selectionModel()
        with _signals_blocked(selection):
            if row is None:
                selection.clearSelection()
                selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
                self.span_table.viewport().update()
                return
            index = self.spans.index(row, 0)
            self.span_table.setCurrentIndex(index)
            self.span_table.selectRow(row)
        self.span_table.scrollTo(index)
        self.span_table.viewport().update()

    # Annotators

    @asks_server
    def ask_annotator(self) -> None:
        """Ask who is annotating (one of the database's annotators, or a new one confirmed)
        and switch to their layer."""
        dialog = AnnotatorDialog(self.session.store.annotator_names(), self.session.annotator, self)
        if dialog.exec() == AnnotatorDialog.DialogCode.Accepted:
            QSettings().setValue("annotator", dialog.chosen())
            self.session.switch_annotator(dialog.chosen())

    def _annotator_changed(self, name: str) -> None:
        self.documents.model.set_annotator(name)

    def _show_label_tags(self, shown: bool) -> None:
        self.article_view.set_label_tags(shown)

    def _focus_filter(self) -> None:
        self.documents.filter_box.setFocus()
        self.documents.filter_box.selectAll()

    def _focus_next_panel(self) -> None:
        panels: list[QWidget] = [self.documents.table, self.article_view, self.span_table]
        focused = next((i for i, panel in enumerate(panels) if panel.hasFocus()), -1)
        panels[(focused + 1) % len(panels)].setFocus()

    # Help

    def show_shortcuts(self) -> None:
        """List every command with its keys."""
        ShortcutsDialog(self.menu_actions, self).exec()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Hamish"),
            self.tr(
                "Hamish (هامش): annotate who said what, and where, in Arabic news.\n\nDatabase: %1"
            ).replace("%1", isolate_path(str(self.connector.location))),  # issue 14, item 21
        )

    def start_import(self, paths: list[Path], skip_bad: bool = False) -> None:
        """Import `paths` in the background (File > Import does this after asking)."""
        self.importer.start(paths, skip_bad)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.remember_place()  # with the scroll position, which is kept only here
        remember_window(self, self.splitters, QSettings())
        # Every edit is already committed; a running import is cancelled (it keeps nothing).
        self.importer.cancel_and_wait()  # the one runner: an import, an export or the assistant
        self.review.close_windows()
        self.session.stop_watching()
        super().closeEvent(event)


@contextmanager
def _signals_blocked(sender: QObject) -> Iterator[None]:
    """Hold back a Qt object's signals for the duration of a block."""
    was = sender.blockSignals(True)
    try:
        yield
    finally:
        sender.blockSignals(was)
