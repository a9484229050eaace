"""The span panel at 1366x768, the common laptop screen: each span's label, text and attributes
are in view with no sideways scrolling, in English and in Arabic (issue 18)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QScrollArea, QSplitter, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from annotation.model import Attributes, DocumentId, Span, SpanId
from annotation.tagset import load_tagset
from db.store import SqliteStore
from tests.ui.workspace import add_document, open_window
from ui.app import create_application
from ui.main_window import MainWindow
from ui.panels.span_rows import Index, SpanTableView
from ui.panels.span_table import SpanTableModel

TEXT = (
    "وقال المتحدث باسم وزارة الزراعة السورية مازن العلي إن الاتفاق على تقاسم مياه نهر اليرموك"
    " يضمن حصة عادلة لمحافظتي إربد والمفرق ولن يكون على حساب المزارعين في سهل حوران."
)
SPEAKER = "المتحدث باسم وزارة الزراعة السورية مازن العلي"
CLAIM = "الاتفاق على تقاسم مياه نهر اليرموك يضمن حصة عادلة لمحافظتي إربد والمفرق"
PLACE = "سهل حوران"
CLAIM_ATTRIBUTES: Attributes = {
    "kind": "indirect",
    "cue": "قال",
    "polarity": "negative",
    "note": "check the closing quote",
}
LAPTOP = (1366, 740)  # a maximised window on a 1366x768 screen, less its title bar


def annotated(store: SqliteStore) -> DocumentId:
    document = add_document(store, TEXT)
    speaker: Attributes = {"role": "متحدث باسم الوزارة"}
    for label, words, attributes in (
        ("SPEAKER", SPEAKER, speaker),
        ("CLAIM", CLAIM, CLAIM_ATTRIBUTES),
        ("LOCATION", PLACE, {}),
    ):
        start = TEXT.index(words)
        store.add_span(
            Span(document, "amal", label, start, start + len(words), words, attributes=attributes)
        )
    return document


def on_a_laptop(qtbot: QtBot, store: SqliteStore, language: str) -> MainWindow:
    annotated(store)
    window = open_window(qtbot, store, language=language)
    window.resize(*LAPTOP)
    QApplication.processEvents()
    QApplication.processEvents()
    return window


def inked(image: QImage, rect: QRect) -> int:
    """Dark pixels (glyphs) inside `rect` of `image`."""
    return sum(
        1
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
        if image.pixelColor(x, y).lightness() < 110
    )


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_span_shows_label_text_and_attributes_without_scrolling_sideways(
    qtbot: QtBot, store: SqliteStore, language: str, request: pytest.FixtureRequest
) -> None:
    if language == "ar":
        request.getfixturevalue("arabic")
    window = on_a_laptop(qtbot, store, language)
    table = window.span_table
    assert window.width() == LAPTOP[0]
    assert not table.horizontalScrollBar().isVisible()
    viewport = table.viewport().rect()
    image = table.viewport().grab().toImage()
    for row in range(window.spans.rowCount()):
        index = window.spans.index(row, window.spans.ATTRIBUTES)
        table.scrollTo(index.siblingAtColumn(0))
        image = table.viewport().grab().toImage()
        parts = table.row_delegate.row_geometry(index)
        row_rect = table.visualRect(index.siblingAtColumn(0))
        assert viewport.contains(row_rect), (row, row_rect, viewport)
        for part in (parts.chip, parts.text):
            assert row_rect.contains(part) and inked(image, part) > 20
        attributes = index.data()
        if attributes:
            # Wrapped, not cut: every word of the attributes is on one of the row's lines.
            assert "".join(parts.attribute_lines).replace(" ", "") == attributes.replace(" ", "")
            assert row_rect.contains(parts.attributes)
            assert inked(image, parts.attributes) > 50
    # The claim's row says its kind in words of the interface.
    claim = window.spans.index(1, window.spans.ATTRIBUTES).data()
    assert ("غير مباشر" if language == "ar" else "indirect") in claim


def test_the_label_is_never_elided_and_mirrors_in_arabic(
    arabic: QApplication, qtbot: QtBot, store: SqliteStore
) -> None:
    window = on_a_laptop(qtbot, store, "ar")
    table = window.span_table
    parts = table.row_delegate.row_geometry(window.spans.index(1, 0))
    row_rect = table.visualRect(window.spans.index(1, 0))
    # Right to left: the chip at the row's right end, the covered text to its left.
    assert parts.chip.right() > row_rect.center().x()
    assert parts.text.right() < parts.chip.left()
    label = window.spans.index(1, 0).data()
    assert table.fontMetrics().horizontalAdvance(label) <= parts.chip.width()


def test_a_narrow_panel_wraps_the_attributes_onto_more_lines(
    qtbot: QtBot, store: SqliteStore
) -> None:
    window = on_a_laptop(qtbot, store, "en")
    table = window.span_table
    claim = window.spans.index(1, 0)
    wide = table.row_delegate.row_geometry(claim)
    height = table.rowHeight(1)
    splitter = window.centralWidget()
    assert isinstance(splitter, QSplitter)
    sizes = splitter.sizes()
    splitter.setSizes([sizes[0], sizes[1] + sizes[2] - 200, 200])
    QApplication.processEvents()
    QApplication.processEvents()
    narrow = table.row_delegate.row_geometry(claim)
    assert len(narrow.attribute_lines) > len(wide.attribute_lines)
    assert table.rowHeight(1) > height
    assert not table.horizontalScrollBar().isVisible()


def test_arrow_keys_walk_the_spans_and_the_article_follows(
    qtbot: QtBot, store: SqliteStore
) -> None:
    window = on_a_laptop(qtbot, store, "en")
    table = window.span_table
    table.setFocus()
    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualRect(window.spans.index(0, 0)).center(),
    )
    chosen = []
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Up):
        qtbot.keyClick(table, key)
        span = window.session.selected_span()
        assert span is not None and window.article_view.selected == span.id
        chosen.append(span.text)
    assert chosen == [CLAIM, PLACE, CLAIM]
    assert table.currentIndex().row() == 1


def test_the_tooltip_holds_the_whole_text_and_attributes(qtbot: QtBot, store: SqliteStore) -> None:
    window = on_a_laptop(qtbot, store, "en")
    tip = window.spans.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert CLAIM in tip and "check the closing quote" in tip and "Claim" in tip


def test_a_selected_row_is_painted_without_a_qt_warning(
    qtbot: QtBot,
    store: SqliteStore,
    qtlog: Any,  # pytest-qt's capture, a private class
) -> None:
    """The label's colour swatch is the row's own chip: the style must not also paint it as an
    icon (of no size, selected: Qt warned "QPainter::begin: Paint device returned engine == 0"
    on every tag)."""
    window = on_a_laptop(qtbot, store, "en")
    table = window.span_table
    table.selectRow(1)
    table.viewport().repaint()
    painted = [record.message for record in qtlog.records if "QPainter" in record.message]
    assert painted == []


def test_a_new_span_measures_the_rows_in_view_not_all_of_them(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long article's thousand spans: a tag must not ask every row for its height through
    the delegate (the header sized every row to its contents, 170 ms a tag); every row still
    gets its height, so scrolling to the last one shows it."""
    create_application()
    model = SpanTableModel(load_tagset())
    table = SpanTableView(model)
    qtbot.addWidget(table)
    table.resize(360, 500)
    table.show()
    qtbot.waitExposed(table)
    attributes: Attributes = {"kind": "reported", "polarity": "affirmed", "cue": "قال"}
    spans = [
        Span(DocumentId(1), "amal", "CLAIM", 10 * n, 10 * n + 5, "كلمات", attributes, id=SpanId(n))
        for n in range(1, 1001)
    ]
    model.set_spans(spans)
    asked: list[int] = []
    measure = table.row_delegate.sizeHint

    def counted(option: QStyleOptionViewItem, index: Index) -> QSize:
        asked.append(index.row())
        return measure(option, index)

    monkeypatch.setattr(table.row_delegate, "sizeHint", counted)
    model.set_spans(
        [*spans, Span(DocumentId(1), "amal", "CLAIM", 5, 8, "أخر", attributes, id=SpanId(2000))]
    )
    assert len(asked) < 40  # the rows painted, at most
    tall = table.rowHeight(0)
    assert tall > table.row_delegate.one_line_height(table.font())  # its attributes, beneath
    assert {table.rowHeight(row) for row in range(1001)} == {
        tall
    }  # every row, not only those in view
    table.scrollToBottom()
    QApplication.processEvents()
    assert table.rowAt(table.viewport().height() - 1) == 1000  # the last row, in view


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_claims_editor_fits_the_side_panel_on_a_laptop(
    qtbot: QtBot, store: SqliteStore, language: str, request: pytest.FixtureRequest
) -> None:
    """At 1366x768 a selected claim's editor (its lists, the cue field, the attribution
    buttons) fits the panel's width: no sideways scrolling, and the speaker list in view."""
    if language == "ar":
        request.getfixturevalue("arabic")
    window = on_a_laptop(qtbot, store, language)
    claim = next(span for span in window.session.spans if span.label == "CLAIM")
    window.session.select_span(claim.id)
    QApplication.processEvents()
    viewport = window.span_editor.parentWidget()
    area = viewport.parentWidget() if viewport is not None else None
    assert isinstance(area, QScrollArea)
    assert not area.horizontalScrollBar().isVisible()
    links = window.span_editor.links
    top = links.mapTo(area.viewport(), links.rect().topLeft()).y()
    assert links.isVisible() and top < area.viewport().height()  # "Attributed to:" shows
