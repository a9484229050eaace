"""Arabic cells in the English window read right to left: the span table's and the document
list's (issue 14, item 16). Read from the pixels: where the full stop is drawn."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from annotation.model import Span
from db.store import SqliteStore
from tests.ui.workspace import add_document, open_window
from ui.panels.span_rows import covered_text_option

SENTENCE = "إن الحل سياسي."


def ink_blobs(image: QImage) -> list[tuple[int, int, int]]:
    """The cell's runs of columns with dark pixels, left to right: (first x, last x, rows inked)."""
    blobs: list[tuple[int, int, int]] = []
    start, rows = -1, set[int]()
    for x in range(image.width() + 1):
        dark = [
            y
            for y in range(image.height())
            if x < image.width() and image.pixelColor(x, y).lightness() < 110
        ]
        if dark and start < 0:
            start, rows = x, set()
        if dark:
            rows.update(dark)
        elif start >= 0:
            blobs.append((start, x - 1, len(rows)))
            start = -1
    return blobs


def cell_image(table: QTableView, index: QModelIndex) -> QImage:
    table.scrollTo(index)
    return table.viewport().grab(table.visualRect(index)).toImage()


def assert_full_stop_drawn_at_the_left(image: QImage) -> None:
    """Right to left, the final full stop ends the line on the left: a small dot, alone."""
    blobs = ink_blobs(image)
    assert len(blobs) >= 3, blobs
    first_x, last_x, rows = blobs[0]
    assert last_x - first_x <= 4 and rows <= 4, f"the leftmost ink is not a full stop: {blobs}"
    first_x, last_x, rows = blobs[-1]
    assert rows > 4, f"a lone dot at the right, where Arabic starts: {blobs}"


def test_span_table_lays_an_arabic_sentence_out_right_to_left(
    qtbot: QtBot, store: SqliteStore
) -> None:
    text = f"قال الوزير {SENTENCE}"
    document_id = add_document(store, text)
    start = text.index(SENTENCE)
    store.add_span(Span(document_id, "amal", "CLAIM", start, len(text), SENTENCE))
    window = open_window(qtbot, store)
    index = window.spans.index(0, window.spans.TEXT)
    assert index.data() == SENTENCE
    # The covered text's line of the row (the label's chip is beside it).
    where = window.span_table.row_delegate.row_geometry(index).text
    image = window.span_table.viewport().grab(where).toImage()
    assert_full_stop_drawn_at_the_left(image)


def test_document_list_lays_an_arabic_title_out_right_to_left(
    qtbot: QtBot, store: SqliteStore
) -> None:
    add_document(store, "خبر أول.", title="خبر أول")  # opened, so its row is selected
    add_document(store, "نص الخبر.", title=SENTENCE)
    window = open_window(qtbot, store)
    table = window.documents.table
    index = window.documents.model.index(1, 0)
    assert index.data() == SENTENCE
    assert_full_stop_drawn_at_the_left(cell_image(table, index))


def test_each_cell_takes_the_direction_of_its_first_strong_character(
    qtbot: QtBot, store: SqliteStore
) -> None:
    text = "ارتفع 3.5% في عام 2015 حسب Reuters."
    document_id = add_document(store, text)
    for label, covered in (("CLAIM", "3.5% في عام 2015"), ("SPEAKER", "Reuters.")):
        start = text.index(covered)
        store.add_span(Span(document_id, "amal", label, start, start + len(covered), covered))
    window = open_window(qtbot, store)
    directions = {}
    for row in range(window.spans.rowCount()):
        covered = window.spans.index(row, window.spans.TEXT).data()
        directions[covered] = covered_text_option(covered).textDirection()
    assert directions == {
        "3.5% في عام 2015": Qt.LayoutDirection.RightToLeft,  # digits are weak: Arabic decides
        "Reuters.": Qt.LayoutDirection.LeftToRight,
    }
