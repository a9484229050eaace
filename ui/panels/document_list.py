"""DocumentListModel: the documents as rows (title, characters, status, spans) for a table view.

Built for 100,000 documents: the model holds the ids that match the query, in order (a list of
ints, fetched in tens of milliseconds), and reads the summaries it shows a page at a time.
It reports the full row count at once instead of growing through canFetchMore/fetchMore: the
scroll bar then has its true size, a jump to the end or to `row_of(id)` needs no pages in
between, and QTableView with fixed row heights only asks data() for the rows it paints.
A column in ResizeToContents mode measures up to 1,000 rows (five pages, 48,000 data() calls)
on every change unless the view calls `horizontalHeader().setResizeContentsPrecision(0)`.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from functools import cache

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from annotation.arabic import is_right_to_left
from annotation.model import DocumentId, DocumentQuery, DocumentSort, DocumentSummary, Status
from annotation.ports import ConnectionLostError, Store, StoreError
from ui.wording import status_name

Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200
# Pages kept in memory (10,000 summaries): scrolling through everything stays bounded.
CACHED_PAGES = 50


class DocumentListModel(QAbstractTableModel):
    """The documents matching a query, in its order, with one annotator's status and spans."""

    TITLE, CHARACTERS, STATUS, SPANS = range(4)
    _SORTS = (DocumentSort.TITLE, DocumentSort.CHARACTERS, DocumentSort.STATUS, DocumentSort.SPANS)
    server_lost = Signal()  # a query found the team server gone: the rows stay as they were

    def __init__(self, store: Store, annotator: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._annotator = annotator
        self._query = DocumentQuery()
        self._ids: list[DocumentId] = store.document_ids(self._query, annotator)
        # Page number -> the summaries of its rows by id, least recently used first.
        self._pages: OrderedDict[int, dict[DocumentId, DocumentSummary]] = OrderedDict()
        self._last_row = 0  # where row_of() looks first

    # What is shown

    def query(self) -> DocumentQuery:
        """The filter and order the rows follow."""
        return self._query

    def annotator(self) -> str:
        """Whose status and span counts the rows show."""
        return self._annotator

    def set_query(self, query: DocumentQuery) -> None:
        """Show the documents matching `query`, in its order (keep the sort with `replace`)."""
        self._query = query
        self.refresh()

    def set_annotator(self, name: str) -> None:
        """Show `name`'s status and span counts (and filter and sort by them)."""
        self._annotator = name
        self.refresh()

    def refresh(self) -> None:
        """Run the query again, as after an import or another window's edits; while the
        team server cannot be reached the rows stay as they are (`server_lost` says so), and
        the query runs again once it is back."""
        try:
            ids = self._store.document_ids(self._query, self._annotator)
        except ConnectionLostError:
            self.server_lost.emit()
            return
        self._show(ids)

    def reload(self) -> None:
        """Same as refresh()."""
        self.refresh()

    def refresh_document(self, document_id: DocumentId) -> None:
        """Read one document's summary again after an edit and repaint its row only."""
        # The row stays put even if it no longer matches the query or its place in the order:
        # rows jumping under the cursor while someone works would be worse. refresh() moves it.
        row = self.row_of(document_id)
        if row is None:
            return
        page = self._pages.get(row // PAGE_SIZE)
        if page is not None:  # an uncached page is read fresh when it is next shown
            try:
                fresh = self._store.document_summaries_for([document_id], self._annotator)
            except ConnectionLostError:
                self.server_lost.emit()
                return
            page.pop(document_id, None)
            page.update((summary.id, summary) for summary in fresh)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def document_id(self, row: int) -> DocumentId:
        """The id of the document shown in `row`."""
        return self._ids[row]

    def row_of(self, document_id: DocumentId) -> int | None:
        """The row showing `document_id`, if any; reads no summaries."""
        # A search of the ids (under a millisecond at 100,000 rows), not a map of every row:
        # the map took 5 to 10 ms to build again after each key press in the filter box. The
        # last row found is tried first: each edit asks for the open document's row again.
        row = self._last_row
        if not (row < len(self._ids) and self._ids[row] == document_id):
            try:
                row = self._last_row = self._ids.index(document_id)
            except ValueError:
                return None
        return row

    # Qt's model interface

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < 4:
            return None
        return (self.tr("Title"), self.tr("Characters"), self.tr("Status"), self.tr("Spans"))[
            section
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in _ROLES:
            return None
        summary = self._summary(index.row())
        if summary is None:  # deleted since the query ran
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TITLE:
                return summary.title or self.tr("(untitled %1)").replace("%1", str(summary.id))
            if column == self.CHARACTERS:
                return f"{summary.characters:,}"
            if column == self.STATUS:
                status = status_name(summary.statuses.get(self._annotator, Status.NEW))
                # Assigned documents come first (db/document_index.py); the word says why.
                # The mark comes first so that a narrow column still shows it.
                return self.tr("● %1").replace("%1", status) if summary.assigned else status
            if column == self.SPANS:
                return str(summary.span_count)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (self.CHARACTERS, self.SPANS):
                return int(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
            if column == self.TITLE and is_right_to_left(summary.title):
                # An Arabic title reads from the right edge whatever the interface language.
                return int(
                    Qt.AlignmentFlag.AlignRight
                    | Qt.AlignmentFlag.AlignAbsolute
                    | Qt.AlignmentFlag.AlignVCenter
                )
        if role == Qt.ItemDataRole.FontRole:
            return _assigned_font() if summary.assigned else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.TITLE and summary.assigned:
                return summary.title + "\n" + self.tr("Assigned to you")
            if column == self.TITLE:
                return summary.title
            if column == self.STATUS and summary.statuses:
                # The column shows one annotator; the tooltip shows how far everyone has got.
                return "\n".join(
                    f"{who}: {status_name(status)}"
                    for who, status in sorted(summary.statuses.items())
                )
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # Column -1 (QHeaderView with no sort indicator) means import order.
        sort = self._SORTS[column] if 0 <= column < len(self._SORTS) else DocumentSort.IMPORTED
        query = replace(self._query, sort=sort, descending=order == Qt.SortOrder.DescendingOrder)
        if query != self._query:
            self.set_query(query)

    # Helpers

    def _summary(self, row: int) -> DocumentSummary | None:
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            ids = self._ids[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]
            try:
                summaries = self._store.document_summaries_for(ids, self._annotator)
            except StoreError:  # a team server gone: blank rows, read again once it is back
                return None
            page = self._pages[number] = {summary.id: summary for summary in summaries}
            if len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page.get(self._ids[row])

    def _show(self, ids: list[DocumentId]) -> None:
        """Replace the rows with `ids`, with the least disruptive signals that say so."""
        old = self._ids
        self._pages.clear()
        if ids[: len(old)] == old:
            # The same documents, maybe more after them (an import in import order): the
            # selection and scroll position stay; the old rows' contents may have changed.
            if len(ids) > len(old):
                self.beginInsertRows(QModelIndex(), len(old), len(ids) - 1)
                self._ids = ids
                self.endInsertRows()
            if old:
                self.dataChanged.emit(self.index(0, 0), self.index(len(old) - 1, 3))
        elif len(ids) == len(old) and set(old).issuperset(ids):  # ids are unique: same set
            self._reorder(ids)
        else:
            self.beginResetModel()
            self._ids = ids
            self.endResetModel()

    def _reorder(self, ids: list[DocumentId]) -> None:
        # A new order of the same documents is a layout change: selected and current rows
        # follow their documents, as they do in QSortFilterProxyModel.
        hint = QAbstractItemModel.LayoutChangeHint.VerticalSortHint
        # PySide6 emits the overload without arguments unless asked for this one; the hint tells
        # views that only rows moved.
        signature = ("QList<QPersistentModelIndex>", QAbstractItemModel.LayoutChangeHint)
        # (PySide6's type stubs do not know that a signal is indexed by its overload.)
        self.layoutAboutToBeChanged[signature].emit([], hint)  # type: ignore[index]
        persistent = self.persistentIndexList()
        moved = [(self._ids[index.row()], index.column()) for index in persistent]
        self._ids = ids
        if persistent:
            rows = {document_id: row for row, document_id in enumerate(ids)}
            self.changePersistentIndexList(
                persistent, [self.index(rows[document_id], column) for document_id, column in moved]
            )
        self.layoutChanged[signature].emit([], hint)  # type: ignore[index]


_ROLES = frozenset(
    (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.FontRole,
    )
)


@cache
def _assigned_font() -> QFont:
    # The rows of documents assigned to the annotator whose list it is, bold: seen at a
    # glance. Made at first use: a QFont wants the application to exist.
    font = QFont()
    font.setBold(True)
    return font
