"""Where you were: a new window on the same database opens each annotator's last document,
with the span they had selected and the article scrolled where they left it (issue 18)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from annotation.model import DocumentId, SpanId
from db.store import SqliteStore
from tests.ui.workspace import add_document, open_window, press, select_text
from ui.where_you_were import Place, PlaceMemory

LONG = "\n".join(f"الفقرة {n}: قال الوزير إن الوفد وصل إلى دمشق أمس." for n in range(120))


def test_a_new_window_opens_where_the_annotator_left(qtbot: QtBot, store: SqliteStore) -> None:
    add_document(store, "الخبر الأول عن بغداد.", "أول")
    second = add_document(store, LONG, "ثان")
    window = open_window(qtbot, store)
    press(qtbot, window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.session.document is not None and window.session.document.id == second
    start = LONG.index("دمشق", len(LONG) // 2)
    select_text(window, start, start + 4)
    press(qtbot, window, Qt.Key.Key_3)  # LOCATION, selected
    tagged = window.session.selected_span()
    assert tagged is not None and tagged.text == "دمشق"
    bar = window.article_view.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum() // 2)
    scrolled = bar.value()
    window.close()

    again = open_window(qtbot, store)
    assert again.session.document is not None and again.session.document.id == second
    assert again.session.selected == tagged.id
    assert again.spans.row_of(tagged.id) is not None
    assert again.span_table.currentIndex().row() == again.spans.row_of(tagged.id)
    bar = again.article_view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() == scrolled)
    again.close()

    other = open_window(qtbot, store, annotator="omar")  # omar has been nowhere yet
    assert other.session.document is not None and other.session.document.id != second
    assert other.session.selected is None


def test_a_place_is_kept_for_each_database_and_annotator(tmp_path: Path) -> None:
    settings = QSettings()
    here = PlaceMemory(settings, tmp_path / "here.sqlite3")
    there = PlaceMemory(settings, tmp_path / "there.sqlite3")
    here.remember("amal", Place(DocumentId(3), SpanId(7), 420))
    assert here.recall("amal") == Place(DocumentId(3), SpanId(7), 420)
    assert here.recall("omar") == Place()
    assert there.recall("amal") == Place()
    here.remember("amal", Place(DocumentId(4)))
    assert here.recall("amal") == Place(DocumentId(4), None, 0)
