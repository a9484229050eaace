"""DocumentPanel: the filter box, the status filter and the lazy, sortable document table."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotation.changes import Changes
from annotation.model import DocumentId, Status
from annotation.ports import Store
from ui.panels.cell_direction import FirstStrongDirectionDelegate
from ui.panels.document_list import DocumentListModel

# Past this many touched documents (the assistant's run over the corpus) one new query is
# cheaper than a query a row.
ROWS_READ_ONE_BY_ONE = 50


class DocumentPanel(QWidget):
    """Lists the documents; emits `document_chosen` when the current row changes."""

    document_chosen = Signal(object)  # DocumentId | None

    def __init__(self, store: Store, annotator: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DocumentListModel(store, annotator, self)
        self._chosen: DocumentId | None = None  # the document opened from this list
        self._filtering = False  # the rows are changing under a new filter, not by a choice
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText(self.tr("Filter by title or id…"))
        self.filter_box.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        for text, status in (
            (self.tr("All"), None),
            (self.tr("New"), Status.NEW),
            (self.tr("In progress"), Status.IN_PROGRESS),
            (self.tr("Done"), Status.DONE),
        ):
            self.status_filter.addItem(text, status)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # import order until asked
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setItemDelegate(FirstStrongDirectionDelegate(self.table))  # Arabic titles
        header = self.table.horizontalHeader()
        # Only the title stretches; the numbers get narrow fixed columns, so the title (the
        # thing people read) keeps the room. Sizing columns to their contents would also ask
        # a thousand rows for their data on every change.
        header.setMinimumSectionSize(40)  # before sizing: the style's default minimum is wider
        header.setSectionResizeMode(DocumentListModel.TITLE, QHeaderView.ResizeMode.Stretch)
        self._size_columns()
        # A model reset (a new filter or sort) puts every section back to its default size.
        self.model.modelReset.connect(self._size_columns)

        filters = QHBoxLayout()
        filters.addWidget(self.filter_box, 1)
        filters.addWidget(self.status_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table)

        self.filter_box.textChanged.connect(self._query_changed)
        self.filter_box.returnPressed.connect(self._choose_first_match)
        self.status_filter.currentIndexChanged.connect(self._query_changed)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        for column, width in (
            (DocumentListModel.CHARACTERS, 64),
            (DocumentListModel.STATUS, 84),
            (DocumentListModel.SPANS, 56),
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, max(width, self._header_width(column)))

    def _header_width(self, column: int) -> int:
        """The width a column's header needs, as Qt measures it (text, margins, sort arrow):
        the Arabic المقاطع الموسومة (Spans) was cut to its middle at 56 px (issue 14, item 20)."""
        return self.table.horizontalHeader().sectionSizeFromContents(column).width()

    def current_document(self) -> DocumentId | None:
        """The document in the current row."""
        row = self.table.currentIndex().row()
        return self.model.document_id(row) if row >= 0 else None

    def choose_row(self, row: int) -> bool:
        """Make `row` current (which opens its document); False if there is no such row."""
        if not 0 <= row < self.model.rowCount():
            return False
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def choose(self, document_id: DocumentId) -> bool:
        """Make the row of a document current."""
        row = self.model.row_of(document_id)
        return row is not None and self.choose_row(row)

    def step(self, rows: int) -> bool:
        """Move the current row by `rows` (from no current row: to the first)."""
        row = self.table.currentIndex().row()
        return self.choose_row(row + rows if row >= 0 else 0)

    def refresh(self, keep: DocumentId | None) -> None:
        """Re-run the query (after an import) and keep `keep` current."""
        self.model.refresh()
        if keep is None or not self.choose(keep):
            self.choose_row(0)

    def show_changes(self, changes: Changes) -> None:
        """Show what a write changed: new documents, or the span counts and statuses of some."""
        if changes.everything or changes.corpus:
            self.refresh(self._chosen)
            return
        if changes.assignments:
            self.model.refresh()  # assigned documents move to the top, marked
            return
        touched = changes.documents | changes.statuses
        if len(touched) > ROWS_READ_ONE_BY_ONE:
            self.model.refresh()
        else:
            for document_id in sorted(touched):
                self.model.refresh_document(document_id)

    def clear_filters(self) -> None:
        """Show every document: no title filter, every status."""
        self.filter_box.clear()
        self.status_filter.setCurrentIndex(0)

    def _query_changed(self) -> None:
        # A filter only changes what is listed: the article changes when the person chooses a
        # row (a click, the arrows, Enter), never because the first match moved under the
        # cursor while they typed (issue 14 item 7). A hidden open document has no row current.
        self._filtering = True
        try:
            self.model.set_query(
                replace(
                    self.model.query(),
                    text=self.filter_box.text().strip(),
                    status=self.status_filter.currentData(),
                )
            )
            if self._chosen is None or not self.choose(self._chosen):
                self.table.selectionModel().clear()
        finally:
            self._filtering = False

    def _choose_first_match(self) -> None:
        """Enter in the filter box: open the current row, or the first match."""
        row = self.table.currentIndex().row()
        self.choose_row(row if row >= 0 else 0)

    def _row_changed(self) -> None:
        # Filtering or sorting moves the open document's row; that is no reason to reopen it
        # (which would scroll the article to the top and drop the span selection).
        chosen = self.current_document()
        if self._filtering:
            return
        if chosen != self._chosen:
            self._chosen = chosen
            self.document_chosen.emit(chosen)
