"""The Entities tab shows each mention in the middle of its row, in its sentence (keyword in
context), so a long sentence no longer hides the mention past the column's edge (issue 18).
Checked on the pixels: where the mention's fill is painted in the row."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from annotation.model import Entity, EntityKind, Span
from db.store import SqliteStore
from tests.ui.workspace import add_document, open_window

# A long sentence with the place at its very end (the reading end: the left, in Arabic).
TEXT = (
    "قال المتحدث باسم وزارة الخارجية في مؤتمر صحفي عقده صباح اليوم إن الوفد الذي يضم خبراء"
    " في المياه والزراعة والطاقة سيبحث الاتفاق مع نظرائه طوال الأسبوع المقبل في دمشق."
)


def test_the_mention_is_painted_in_the_middle_of_its_row(qtbot: QtBot, store: SqliteStore) -> None:
    document = add_document(store, TEXT)
    damascus = store.add_entity(Entity(EntityKind.PLACE, "دمشق"))
    start = TEXT.index("دمشق")
    store.add_span(
        Span(document, "amal", "LOCATION", start, start + 4, "دمشق", entity_id=damascus.id)
    )
    window = open_window(qtbot, store)
    window.left_tabs.setCurrentWidget(window.entity_browser)
    browser = window.entity_browser
    first = browser.entities.topLevelItem(0)
    assert first is not None
    browser.entities.setCurrentItem(first)
    tree, model = browser.mentions, browser.mention_rows
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "Mentions",
        "خبر · amal",
    ]
    row = model.index(1, 1)
    assert row.data(Qt.ItemDataRole.ToolTipRole) == TEXT  # the whole sentence, on hover

    cell = tree.visualRect(row)
    columns = tree.horizontalHeader()
    left, width = columns.sectionViewportPosition(1), columns.sectionSize(1)
    assert width < 500  # narrower than the sentence: the plain text would be cut
    tree.viewport().repaint()
    image = tree.viewport().grab().toImage()
    green = QColor(window.session.tagset.label("LOCATION").colour)
    filled = [
        x
        for x in range(left, left + width)
        for y in (cell.center().y(),)
        if _near_hue(image.pixelColor(x, y), green)
    ]
    assert filled, "the mention's fill is not painted in the row"
    middle = (min(filled) + max(filled)) / 2
    assert abs(middle - (left + width / 2)) < width * 0.15  # centred in its column


def _near_hue(pixel: QColor, colour: QColor) -> bool:
    """A translucent fill of `colour` over white: the same hue, clearly tinted."""
    return (
        pixel.saturation() > 40
        and abs(pixel.hslHue() - colour.hslHue()) < 20
        and pixel.lightness() > 120
    )
