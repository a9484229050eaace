"""A span chosen from the span list is painted whole at once, every line of it, without
waiting for a scroll (issue 14, item 8)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotation.model import Span
from db.store import SqliteStore
from tests.ui.test_workspace import tinted
from tests.ui.workspace import add_document, open_window

LINE = "قال المتحدث إن الوفد وصل إلى دمشق أمس."
# Longer than the view is high, as a news paragraph often is.
CLAIM = " ".join(["إن الوفد وصل إلى دمشق أمس وإن المحادثات ستستمر حتى نهاية الأسبوع المقبل"] * 16)


def test_a_claim_chosen_from_the_span_list_is_filled_on_every_line(
    qtbot: QtBot, store: SqliteStore
) -> None:
    text = "\n".join([*(f"{LINE} {n}" for n in range(60)), CLAIM, *(LINE for _ in range(60))])
    document = add_document(store, text)
    start = text.index(CLAIM)
    store.add_span(Span(document, "amal", "CLAIM", start, start + len(CLAIM), CLAIM))
    window = open_window(qtbot, store)
    view = window.article_view
    QApplication.processEvents()
    table = window.span_table
    where = table.visualRect(window.spans.index(0, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    QApplication.processEvents()
    QApplication.processEvents()
    (claim,) = window.session.spans
    assert view.selected == claim.id
    # Half a line further, as a wheel or a layout change leaves it: the bottom line is cut.
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() + 20)
    QApplication.processEvents()
    QApplication.processEvents()
    # Every line of the claim in view, whole or in part, is filled (the side panel grew for
    # the claim's attributes, so the article re-wrapped narrower just after the choice).
    viewport = QRectF(view.viewport().rect())
    in_view = [
        rect.intersected(viewport)
        for rect in view.span_rects(claim)
        if rect.intersected(viewport).height() > 6
    ]
    assert len(in_view) >= 8
    image = view.viewport().grab().toImage()
    colour = QColor(window.session.tagset.label("CLAIM").colour)
    filled = [
        round(tinted(image, colour, rect) / (rect.width() * rect.height()), 2) for rect in in_view
    ]
    assert all(share > 0.4 for share in filled), filled
