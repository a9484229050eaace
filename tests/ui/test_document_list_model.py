"""DocumentListModel under the model tester, with a few hundred documents, some pages read.

The model has no canFetchMore/fetchMore: it reports every row at once and reads the rows'
summaries a page at a time as they are shown (ui/panels/document_list.py). "Partly fetched" is then
the state after a view has shown some pages: one read and cached, one half shown, the others
never read. The tester checks that state, then keeps watching while the list is filtered,
sorted, grown by an import and refreshed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from annotation.model import Document, DocumentId, DocumentQuery, Span, Status, text_sha256
from db.store import SqliteStore
from ui.panels.document_list import PAGE_SIZE, DocumentListModel

TITLES = ("خبر عن الرياض", "Moscow talks", "", "وزيـــر الخارجية")


def documents(first: int, count: int) -> list[Document]:
    texts = [f"نص الخبر رقم {number}" for number in range(first, first + count)]
    return [
        Document(text=text, text_sha256=text_sha256(text), title=f"{TITLES[n % 4]} {n}".strip())
        for n, text in enumerate(texts, start=first)
    ]


@pytest.fixture
def three_hundred(database: Path) -> Iterator[SqliteStore]:
    """300 documents; amal has spans on every seventh and a status on every fifth."""
    store = SqliteStore(database)
    ids = store.add_documents(documents(0, 300))
    for number, document_id in enumerate(ids):
        if number % 5 == 0:
            store.set_status(document_id, "amal", (Status.DONE, Status.IN_PROGRESS)[number % 2])
        if number % 7 == 0:
            store.add_span(Span(document_id, "amal", "LOCATION", 0, 2, "نص"))
    yield store
    store.close()


# The C++ tester reports what it finds as warnings: they fail the test.
@pytest.mark.qt_log_level_fail("WARNING")
@pytest.mark.parametrize("force_py", [False, True], ids=["qt-tester", "python-tester"])
def test_the_model_tester_passes_with_pages_partly_read(
    three_hundred: SqliteStore, qtmodeltester: ModelTester, force_py: bool
) -> None:
    model = DocumentListModel(three_hundred, "amal")
    for row in range(PAGE_SIZE + PAGE_SIZE // 4):  # page 0, and the first quarter of page 1
        model.data(model.index(row, DocumentListModel.TITLE))
    assert model.rowCount() == 300
    assert model.data(model.index(PAGE_SIZE + 10, DocumentListModel.STATUS)) == "done"

    qtmodeltester.check(model, force_py=force_py)

    # While the tester watches: a filter, a sort, both cleared, an import, one row's edit.
    model.set_query(DocumentQuery(text="الرياض"))
    assert model.rowCount() == 75
    model.sort(DocumentListModel.SPANS, Qt.SortOrder.DescendingOrder)
    model.set_query(DocumentQuery(status=Status.DONE))
    model.sort(-1)
    model.set_query(DocumentQuery())
    three_hundred.add_documents(documents(300, 20))
    model.refresh()
    assert model.rowCount() == 320
    three_hundred.set_status(DocumentId(250), "amal", Status.DONE)
    model.refresh_document(DocumentId(250))
    model.set_annotator("omar")
    assert model.data(model.index(249, DocumentListModel.STATUS)) == "new"
