"""DocumentListModel: a lazy table over the store's document list queries."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

import ui.panels.document_list
from annotation.model import (
    Document,
    DocumentId,
    DocumentQuery,
    DocumentSort,
    DocumentSummary,
    Span,
    Status,
    text_sha256,
)
from db.store import SqliteStore
from ui.panels.document_list import PAGE_SIZE, DocumentListModel

Display = Qt.ItemDataRole.DisplayRole


class CountingStore(SqliteStore):
    """A store that records every page of summaries asked of it."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.pages: list[list[DocumentId]] = []

    def document_summaries_for(
        self, ids: Sequence[DocumentId], annotator: str
    ) -> list[DocumentSummary]:
        self.pages.append(list(ids))
        return super().document_summaries_for(ids, annotator)


def document(number: int, title: str, characters: int) -> Document:
    text = chr(ord("a") + number % 26) * characters + str(number)
    return Document(text=text, text_sha256=text_sha256(text), title=title)


@pytest.fixture
def counting(database: Path) -> Iterator[CountingStore]:
    store = CountingStore(database)
    yield store
    store.close()


@pytest.fixture
def five(counting: CountingStore) -> CountingStore:
    """Titles and sizes: 1 الأسد 30, 2 Syria 9, 3 untitled 50; amal: 1 done, 2 in progress,
    2 spans on 1 and 1 on 3; omar: 3 done, 4 spans on 2."""
    ids = counting.add_documents(
        [document(0, "قال الرئيس الأسد", 30), document(1, "Syria", 9), document(2, "", 50)]
    )
    counting.set_status(ids[0], "amal", Status.DONE)
    counting.set_status(ids[1], "amal", Status.IN_PROGRESS)
    counting.set_status(ids[2], "omar", Status.DONE)
    for number, annotator, count in ((1, "amal", 2), (3, "amal", 1), (2, "omar", 4)):
        letter = chr(ord("a") + number - 1)
        for start in range(count):
            counting.add_span(Span(ids[number - 1], annotator, "SPEAKER", start, start + 1, letter))
    return counting


def column(model: DocumentListModel, number: int, role: int = Display) -> list[object]:
    return [model.data(model.index(row, number), role) for row in range(model.rowCount())]


def ids_of(model: DocumentListModel) -> list[int]:
    return [int(model.document_id(row)) for row in range(model.rowCount())]


def test_passes_the_model_tester(five: CountingStore, qtmodeltester: ModelTester) -> None:
    model = DocumentListModel(five, "amal")
    qtmodeltester.check(model)
    model.sort(DocumentListModel.SPANS, Qt.SortOrder.DescendingOrder)
    model.set_query(DocumentQuery(text="syria"))
    model.set_query(DocumentQuery())
    model.set_annotator("omar")
    model.refresh_document(DocumentId(2))


def test_rows_show_this_annotators_status_and_spans(five: CountingStore) -> None:
    model = DocumentListModel(five, "amal")
    assert (model.rowCount(), model.columnCount()) == (3, 4)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["Title", "Characters", "Status", "Spans"]
    assert column(model, DocumentListModel.TITLE) == ["قال الرئيس الأسد", "Syria", "(untitled 3)"]
    assert column(model, DocumentListModel.CHARACTERS) == ["31", "10", "51"]
    assert column(model, DocumentListModel.STATUS) == ["done", "in progress", "new"]
    assert column(model, DocumentListModel.SPANS) == ["2", "0", "1"]
    alignment = column(model, DocumentListModel.TITLE, Qt.ItemDataRole.TextAlignmentRole)
    assert alignment[0] == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
    )
    assert alignment[1] is None
    tips = column(model, DocumentListModel.STATUS, Qt.ItemDataRole.ToolTipRole)
    assert tips == ["amal: done", "amal: in progress", "omar: done"]

    model.set_annotator("omar")
    assert column(model, DocumentListModel.STATUS) == ["new", "new", "done"]
    assert column(model, DocumentListModel.SPANS) == ["0", "4", "0"]


def test_pages_are_read_only_when_shown(counting: CountingStore) -> None:
    ids = counting.add_documents([document(n, f"title {n}", 10) for n in range(1000)])
    model = DocumentListModel(counting, "amal")
    assert model.rowCount() == 1000
    assert model.document_id(999) == ids[999]
    assert model.row_of(ids[700]) == 700
    assert counting.pages == []

    assert model.data(model.index(5, DocumentListModel.TITLE)) == "title 5"
    assert counting.pages == [ids[:PAGE_SIZE]]
    model.data(model.index(PAGE_SIZE - 1, DocumentListModel.SPANS))
    model.data(model.index(0, DocumentListModel.STATUS))
    assert len(counting.pages) == 1

    assert model.data(model.index(450, DocumentListModel.TITLE)) == "title 450"
    assert counting.pages[1:] == [ids[2 * PAGE_SIZE : 3 * PAGE_SIZE]]
    # Roles the model does not answer read nothing.
    model.data(model.index(900, 0), Qt.ItemDataRole.BackgroundRole)
    assert len(counting.pages) == 2


def test_only_the_latest_pages_stay_cached(
    counting: CountingStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ui.panels.document_list, "CACHED_PAGES", 2)
    counting.add_documents([document(n, f"title {n}", 10) for n in range(1000)])
    model = DocumentListModel(counting, "amal")
    for row in (0, 200, 0, 400, 0, 200):  # page 1 is the oldest when page 2 arrives
        model.data(model.index(row, 0))
    assert [page[0] for page in counting.pages] == [1, 201, 401, 201]


def test_a_view_reads_the_visible_pages_only(counting: CountingStore, qtbot: QtBot) -> None:
    ids = counting.add_documents([document(n, f"title {n}", 10) for n in range(1000)])
    model = DocumentListModel(counting, "amal")
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    view.grab()  # paints the first rows
    view.scrollTo(model.index(model.row_of(ids[650]) or 0, 0))
    view.grab()
    assert [page[0] for page in counting.pages] == [ids[0], ids[600]]


def test_set_query_filters(five: CountingStore, qtbot: QtBot) -> None:
    model = DocumentListModel(five, "amal")
    with qtbot.wait_signal(model.modelReset):
        model.set_query(DocumentQuery(text="الاسد"))
    assert ids_of(model) == [1]
    model.set_query(DocumentQuery(status=Status.NEW))
    assert ids_of(model) == [3]
    assert model.query() == DocumentQuery(status=Status.NEW)
    model.set_query(DocumentQuery(text="no such title"))
    assert model.rowCount() == 0


@pytest.mark.parametrize(
    ("column", "order", "expected"),
    [
        (DocumentListModel.TITLE, Qt.SortOrder.AscendingOrder, [3, 2, 1]),
        (DocumentListModel.TITLE, Qt.SortOrder.DescendingOrder, [1, 2, 3]),
        (DocumentListModel.CHARACTERS, Qt.SortOrder.AscendingOrder, [2, 1, 3]),
        (DocumentListModel.CHARACTERS, Qt.SortOrder.DescendingOrder, [3, 1, 2]),
        (DocumentListModel.STATUS, Qt.SortOrder.AscendingOrder, [3, 2, 1]),
        (DocumentListModel.STATUS, Qt.SortOrder.DescendingOrder, [1, 2, 3]),
        (DocumentListModel.SPANS, Qt.SortOrder.AscendingOrder, [2, 3, 1]),
        (DocumentListModel.SPANS, Qt.SortOrder.DescendingOrder, [1, 3, 2]),
        (-1, Qt.SortOrder.AscendingOrder, [1, 2, 3]),
    ],
)
def test_sorting_through_the_model(
    five: CountingStore, column: int, order: Qt.SortOrder, expected: list[int]
) -> None:
    model = DocumentListModel(five, "amal")
    model.sort(DocumentListModel.SPANS, Qt.SortOrder.AscendingOrder)
    model.sort(column, order)
    assert ids_of(model) == expected


def test_a_sorting_view_keeps_the_selection_on_its_document(
    five: CountingStore, qtbot: QtBot
) -> None:
    model = DocumentListModel(five, "amal")
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.selectRow(0)  # document 1
    with qtbot.wait_signal(model.layoutChanged):
        view.setSortingEnabled(True)
        view.sortByColumn(DocumentListModel.CHARACTERS, Qt.SortOrder.AscendingOrder)
    assert model.query().sort is DocumentSort.CHARACTERS
    assert ids_of(model) == [2, 1, 3]
    assert [index.row() for index in view.selectionModel().selectedRows()] == [1]
    assert model.data(model.index(1, DocumentListModel.CHARACTERS)) == "31"


def test_refresh_document_changes_one_row(five: CountingStore, qtbot: QtBot) -> None:
    model = DocumentListModel(five, "amal")
    assert column(model, DocumentListModel.SPANS) == ["2", "0", "1"]  # loads the page
    changes: list[tuple[QModelIndex, QModelIndex]] = []
    model.dataChanged.connect(lambda first, last, _roles: changes.append((first, last)))
    five.add_span(Span(DocumentId(2), "amal", "SPEAKER", 0, 1, "b"))
    five.set_status(DocumentId(2), "amal", Status.DONE)
    model.refresh_document(DocumentId(2))
    assert [(a.row(), a.column(), b.row(), b.column()) for a, b in changes] == [(1, 0, 1, 3)]
    assert model.data(model.index(1, DocumentListModel.SPANS)) == "1"
    assert model.data(model.index(1, DocumentListModel.STATUS)) == "done"
    model.refresh_document(DocumentId(99))  # not in the list: nothing happens
    assert len(changes) == 1


def test_refresh_after_an_import_inserts_rows(five: CountingStore, qtbot: QtBot) -> None:
    model = DocumentListModel(five, "amal")
    kept = QPersistentModelIndex(model.index(2, 0))
    five.add_documents([document(3, "Damascus", 5), document(4, "حلب", 7)])
    with qtbot.wait_signal(model.rowsInserted) as inserted:
        model.reload()
    assert inserted.args is not None and inserted.args[1:] == [3, 4]
    assert ids_of(model) == [1, 2, 3, 4, 5]
    assert kept.row() == 2
    assert model.data(model.index(4, DocumentListModel.TITLE)) == "حلب"

    model.sort(DocumentListModel.TITLE, Qt.SortOrder.AscendingOrder)
    five.add_documents([document(5, "Beirut", 8)])
    with qtbot.wait_signal(model.modelReset):
        model.refresh()
    assert ids_of(model) == [3, 6, 4, 2, 5, 1]


def test_row_of(five: CountingStore) -> None:
    model = DocumentListModel(five, "amal")
    model.sort(DocumentListModel.CHARACTERS, Qt.SortOrder.DescendingOrder)
    assert [model.row_of(DocumentId(n)) for n in (1, 2, 3)] == [1, 2, 0]
    assert model.row_of(DocumentId(42)) is None
    model.set_query(DocumentQuery(text="syria"))
    assert (model.row_of(DocumentId(2)), model.row_of(DocumentId(1))) == (0, None)
    assert five.pages == []
