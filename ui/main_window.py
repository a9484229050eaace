"""MainWindow: the document list beside the selected article, and the File menu's import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QWidget,
)

from annotation.importing import ImportOptions, ImportReport
from annotation.model import DocumentId
from db.store import SqliteStore
from ui.article_view import ArticleView
from ui.document_list import DocumentListModel
from ui.import_runner import ImportRunner

IMPORT_FILTER = "Articles (*.txt *.json *.jsonl *.ndjson *.zip);;All files (*)"


class MainWindow(QMainWindow):
    """Wires the document list, the article view and the menus to the store."""

    def __init__(self, store: SqliteStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert store.path is not None, "the window needs a database file, not :memory:"
        self.store = store
        self.setWindowTitle(self.tr("Hamish"))
        self.resize(1200, 800)

        self.documents = DocumentListModel(self)
        self.document_table = QTableView()
        self.document_table.setModel(self.documents)
        self.document_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.document_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.document_table.verticalHeader().hide()
        self.document_table.setWordWrap(False)
        header = self.document_table.horizontalHeader()
        header.setSectionResizeMode(DocumentListModel.TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (
            DocumentListModel.CHARACTERS,
            DocumentListModel.STATUS,
            DocumentListModel.SPANS,
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.document_table.selectionModel().selectionChanged.connect(self._document_selected)

        self.article_view = ArticleView()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.document_table)
        splitter.addWidget(self.article_view)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        self.setCentralWidget(splitter)

        self.importer = ImportRunner(store.path, self)
        self.importer.import_finished.connect(self._import_finished)
        self.importer.import_cancelled.connect(self._import_cancelled)
        self.importer.import_crashed.connect(self._import_crashed)
        self._last_import: tuple[list[Path], ImportOptions] | None = None

        self._build_menus()
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        self.reload_documents()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.import_files_action = QAction(self.tr("&Import Articles…"), self)
        self.import_files_action.setShortcut(QKeySequence.StandardKey.Open)
        self.import_files_action.triggered.connect(self.choose_files_to_import)
        self.import_folder_action = QAction(self.tr("Import &Folder…"), self)
        self.import_folder_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.import_folder_action.triggered.connect(self.choose_folder_to_import)
        self.strip_footers_action = QAction(self.tr("Remove Agency &Footers on Import"), self)
        self.strip_footers_action.setCheckable(True)
        self.strip_footers_action.setChecked(True)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        for action in (self.import_files_action, self.import_folder_action):
            file_menu.addAction(action)
        file_menu.addAction(self.strip_footers_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

    # Documents

    def reload_documents(self) -> None:
        """Re-read the document list, keeping the selected document selected."""
        current = self.article_view.document_shown
        self.documents.reload(self.store.document_summaries())
        self.count_label.setText(self.tr("%n document(s)", "", self.documents.rowCount()))
        row = self.documents.row_of(current.id) if current and current.id is not None else None
        self.select_row(0 if row is None else row)

    def select_row(self, row: int) -> None:
        """Select the document in `row` and show it."""
        if 0 <= row < self.documents.rowCount():
            self.document_table.selectRow(row)

    def show_document(self, document_id: DocumentId) -> None:
        """Show one document's text in the article view."""
        document = self.store.document(document_id)
        self.article_view.show_document(document)
        self.statusBar().showMessage(document.title, 4000)

    def _document_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = {index.row() for index in selected.indexes()}
        if rows:
            self.show_document(self.documents.document_id(min(rows)))

    # Import

    def choose_files_to_import(self) -> None:
        """Ask for article files and import them."""
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import Articles"), "", self.tr(IMPORT_FILTER)
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
            skip_bad=skip_bad, strip_boilerplate=self.strip_footers_action.isChecked()
        )
        self._last_import = (paths, options)
        self.import_files_action.setEnabled(False)
        self.import_folder_action.setEnabled(False)
        self.importer.start(paths, options)

    def _import_ended(self) -> None:
        self.import_files_action.setEnabled(True)
        self.import_folder_action.setEnabled(True)

    def _import_finished(self, report: ImportReport) -> None:
        self._import_ended()
        if report.failed:
            self._offer_skip_bad(report)
            return
        self.reload_documents()
        summary = self.tr("Imported %1 articles; %2 duplicates and %3 empty texts skipped.")
        summary = (
            summary.replace("%1", str(report.imported))
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
