"""MainWindow: lays out the document list, the article and the span panel, and wires them to
the session. It decides nothing: the session and the edits do."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QToolBar,
    QWidget,
)

from annotation.arabic import SnapMode
from annotation.importing import ImportOptions, ImportReport
from annotation.model import DocumentId, SpanId, Status
from annotation.tagging import Boundary
from db.store import SqliteStore
from ui.actions import Actions
from ui.article_view import ArticleView
from ui.document_panel import DocumentPanel
from ui.import_runner import ImportRunner
from ui.session import Session
from ui.settings_dialog import SettingsDialog
from ui.shortcuts_dialog import ShortcutsDialog
from ui.span_table import SpanTableModel
from ui.wording import status_name


class MainWindow(QMainWindow):
    """Wires the document list, the article view, the span panel and the menus to the session."""

    def __init__(
        self, session: Session, language: str = "en", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        store = session.store
        assert isinstance(store, SqliteStore) and store.path is not None, (
            "the window needs a database file"
        )
        self.session = session
        session.language = language
        self.setWindowTitle(self.tr("Hamish"))
        self.resize(1400, 860)
        self.actions_ = Actions(self, session.tagset, language)

        self.documents = DocumentPanel(store, session.annotator)
        self.article_view = ArticleView(session.tagset)
        self.spans = SpanTableModel(session.tagset, self)
        self.spans.language = language
        self.article_view.language = language
        self.span_table = QTableView()
        self.span_table.setModel(self.spans)
        self.span_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.span_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.span_table.verticalHeader().hide()
        self.span_table.horizontalHeader().setSectionResizeMode(
            SpanTableModel.TEXT, QHeaderView.ResizeMode.Stretch
        )
        self.span_table.setWordWrap(False)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        for widget, stretch in ((self.documents, 2), (self.article_view, 5), (self.span_table, 2)):
            splitter.addWidget(widget)
            splitter.setStretchFactor(splitter.indexOf(widget), stretch)
        splitter.setSizes([380, 720, 300])
        self.setCentralWidget(splitter)

        self.importer = ImportRunner(store.path, self)
        self._last_import: tuple[list[Path], ImportOptions] | None = None
        self._build_menus_and_toolbar()
        self._build_status_bar()
        self._connect()
        self.documents.refresh(None)

    # Building

    def _build_menus_and_toolbar(self) -> None:
        a = self.actions_
        undo = self.session.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self.session.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.undo_action, self.redo_action = undo, redo
        menus: list[tuple[str, list[QAction | None]]] = [
            (
                self.tr("&File"),
                [a.import_files, a.import_folder, a.strip_footers, None, a.settings, None, a.quit],
            ),
            (
                self.tr("&Edit"),
                [undo, redo, None, a.delete_span, a.clear_selection, None, a.find_document],
            ),
            (
                self.tr("&Annotate"),
                [
                    *a.label_actions.values(),
                    None,
                    *a.exact_label_actions.values(),
                    None,
                    *a.snap_actions.values(),
                    None,
                    a.start_earlier,
                    a.start_later,
                    a.end_earlier,
                    a.end_later,
                    None,
                    a.label_tags,
                ],
            ),
            (
                self.tr("&Document"),
                [
                    a.next_document,
                    a.previous_document,
                    a.next_unfinished,
                    None,
                    a.mark_done,
                    a.mark_in_progress,
                ],
            ),
            (self.tr("&View"), [a.zoom_in, a.zoom_out, a.zoom_reset, None, a.focus_next_panel]),
            (self.tr("A&nnotator"), [a.switch_annotator]),
            (self.tr("&Help"), [a.shortcuts, a.about]),
        ]
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

        self.article_view.context_actions = [*a.label_actions.values(), a.delete_span]

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
        self.annotator_label = QLabel()
        self.status_label = QLabel()
        self.saved_label = QLabel(self.tr("All changes saved"))
        self.position_label = QLabel()
        for widget in (
            self.annotator_label,
            self.status_label,
            self.saved_label,
            self.position_label,
        ):
            self.statusBar().addPermanentWidget(widget)
        self._show_annotator(self.session.annotator)

    def _connect(self) -> None:
        a, s, view = self.actions_, self.session, self.article_view
        a.import_files.triggered.connect(self.choose_files_to_import)
        a.import_folder.triggered.connect(self.choose_folder_to_import)
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
        a.next_document.triggered.connect(lambda: self.documents.step(1))
        a.previous_document.triggered.connect(lambda: self.documents.step(-1))
        a.next_unfinished.triggered.connect(self.next_unfinished_document)
        a.mark_done.triggered.connect(lambda: s.set_status(Status.DONE))
        a.mark_in_progress.triggered.connect(lambda: s.set_status(Status.IN_PROGRESS))
        a.focus_next_panel.triggered.connect(self._focus_next_panel)
        a.zoom_in.triggered.connect(view.zoom_in)
        a.zoom_out.triggered.connect(view.zoom_out)
        a.zoom_reset.triggered.connect(view.zoom_reset)
        a.switch_annotator.triggered.connect(self.ask_annotator)
        a.shortcuts.triggered.connect(self.show_shortcuts)
        a.about.triggered.connect(self._about)

        self.documents.document_chosen.connect(s.open_document)
        s.document_opened.connect(self._document_opened)
        s.spans_changed.connect(self._spans_changed)
        s.span_selected.connect(self._span_selected)
        s.status_changed.connect(self._status_changed)
        s.annotator_changed.connect(self._annotator_changed)
        s.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        s.undo_stack.indexChanged.connect(self._saved)
        view.span_clicked.connect(s.select_span)
        view.edge_dragged.connect(lambda span_id, start, end: s.resize(span_id, start, end))
        view.position_changed.connect(self._show_position)
        self.span_table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: s.select_span(self.spans.span_id(current.row()))
        )

        self.importer.import_finished.connect(self._import_finished)
        self.importer.import_cancelled.connect(self._import_cancelled)
        self.importer.import_crashed.connect(self._import_crashed)

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
            self.statusBar().showMessage(
                self.tr("Select some text first, then press a label key."), 6000
            )

    def delete_selected_span(self) -> None:
        """Delete the selected span."""
        if self.session.selected is not None:
            self.session.delete_span(self.session.selected)

    def clear_selection(self) -> None:
        """Drop the text selection and the span selection."""
        self.article_view.clear_selection()
        self.session.select_span(None)

    def _move(self, boundary: Boundary, words: int) -> None:
        if self.session.selected is not None:
            self.session.move_boundary(self.session.selected, boundary, words)

    # Documents

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
        self.statusBar().showMessage(self.tr("Every document is done."), 6000)

    def _document_opened(self, document: object) -> None:
        s = self.session
        self.article_view.show_document(s.document, s.spans)
        self.spans.set_spans(s.spans)
        self._show_status()
        if s.document is not None:
            title = s.document.title or self.tr("(untitled)")
            self.setWindowTitle(self.tr("%1 — Hamish").replace("%1", title))

    def _spans_changed(self, document_id: int) -> None:
        s = self.session
        if s.document is not None and s.document.id == document_id:
            self.article_view.set_spans(s.spans, s.selected)
            self.spans.set_spans(s.spans)
            self._select_row(s.selected)
        self.documents.model.refresh_document(DocumentId(document_id))

    def _span_selected(self, span_id: SpanId | None) -> None:
        self.article_view.select_span(span_id)
        self._select_row(span_id)

    def _select_row(self, span_id: SpanId | None) -> None:
        row = self.spans.row_of(span_id)
        selection = self.span_table.selectionModel()
        if row is None:
            selection.clearSelection()
            return
        index = self.spans.index(row, 0)
        if self.span_table.currentIndex().row() != row:
            self.span_table.setCurrentIndex(index)
        self.span_table.selectRow(row)
        self.span_table.scrollTo(index)

    def _status_changed(self, document_id: int, _status: str) -> None:
        self.documents.model.refresh_document(DocumentId(document_id))
        self._show_status()

    # Annotators

    def ask_annotator(self) -> None:
        """Ask who is annotating and switch to their layer."""
        name, accepted = QInputDialog.getText(
            self,
            self.tr("Switch Annotator"),
            self.tr("Annotator name:"),
            text=self.session.annotator,
        )
        if accepted and name.strip():
            QSettings().setValue("annotator", name.strip())
            self.session.switch_annotator(name)

    def _annotator_changed(self, name: str) -> None:
        self.documents.model.set_annotator(name)
        self._show_annotator(name)

    # Status bar

    def _show_annotator(self, name: str) -> None:
        self.annotator_label.setText(self.tr("Annotator: %1").replace("%1", name))

    def _show_status(self) -> None:
        self.status_label.setText(
            self.tr("Status: %1").replace("%1", status_name(self.session.status()))
        )

    def _show_position(self, offset: int) -> None:
        self.position_label.setText(self.tr("Offset %1").replace("%1", str(offset)))

    def _saved(self) -> None:
        # Every edit is committed as it is made; say so, so nobody looks for a Save button.
        self.saved_label.setText(self.tr("All changes saved"))

    def _show_label_tags(self, shown: bool) -> None:
        self.article_view.show_label_tags = shown
        self.article_view.viewport().update()

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
            ).replace("%1", str(self.importer.database)),
        )

    # Import

    def choose_files_to_import(self) -> None:
        """Ask for article files and import them."""
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import Articles"),
            "",
            self.tr("Articles (*.txt *.json *.jsonl *.ndjson *.zip);;All files (*)"),
        )
        if names:
            self.start_import([Path(name) for name in names])

    def choose_folder_to_import(self) -> None:
        """Ask for a folder and import every article in it."""
        name = QFileDialog.getExistingDirectory(self, self.tr("Import Folder"))
        if name:
            self.start_import([Path(name)])

    def start_import(self, paths: list[Path], skip_bad: bool = False) -> None:
        """Import `paths` in the background with a progress dialog."""
        if self.importer.is_running():
            return
        options = ImportOptions(
            skip_bad=skip_bad, strip_boilerplate=self.actions_.strip_footers.isChecked()
        )
        self._last_import = (paths, options)
        self.actions_.import_files.setEnabled(False)
        self.actions_.import_folder.setEnabled(False)
        self.importer.start(paths, options)

    def _import_ended(self) -> None:
        self.actions_.import_files.setEnabled(True)
        self.actions_.import_folder.setEnabled(True)

    def _import_finished(self, report: ImportReport) -> None:
        self._import_ended()
        if report.failed:
            self._offer_skip_bad(report)
            return
        current = self.session.document.id if self.session.document else None
        self.documents.refresh(current)
        summary = (
            self.tr("Imported %1 articles; %2 duplicates and %3 empty texts skipped.")
            .replace("%1", str(report.imported))
            .replace("%2", str(report.duplicates))
            .replace("%3", str(report.empty))
        )
        if report.skipped:
            details = "\n".join(str(error) for error in report.skipped)
            QMessageBox.warning(
                self,
                self.tr("Import"),
                summary + "\n\n" + self.tr("Skipped files:") + "\n" + details,
            )
        else:
            self.statusBar().showMessage(summary, 10000)

    def _offer_skip_bad(self, report: ImportReport) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            self.tr("Import refused"),
            self.tr("Nothing was imported, because a file could not be read:"),
            parent=self,
        )
        box.setInformativeText("\n".join(str(error) for error in report.failed))
        skip = box.addButton(
            self.tr("Skip Bad Files and Import the Rest"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is skip and self._last_import and not self._last_import[1].skip_bad:
            self.start_import(self._last_import[0], skip_bad=True)

    def _import_cancelled(self) -> None:
        self._import_ended()
        self.statusBar().showMessage(self.tr("Import cancelled: nothing was imported."), 10000)

    def _import_crashed(self, message: str) -> None:
        self._import_ended()
        QMessageBox.critical(
            self, self.tr("Import failed"), self.tr("Nothing was imported.") + "\n\n" + message
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        # Every edit is already committed; a running import is cancelled (it keeps nothing).
        self.importer.cancel_and_wait()
        super().closeEvent(event)
