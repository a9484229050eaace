"""The open document's title stands above its text, from the side it is read from (issue 18)."""

from __future__ import annotations

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from db.store import SqliteStore
from tests.ui.workspace import add_document, open_window
from ui.article.title import DocumentTitle


def _inked_columns(title: DocumentTitle) -> list[int]:
    """The x of every column of the label holding a dark (text) pixel."""
    title.repaint()
    image: QImage = title.grab().toImage()
    return [
        x
        for x in range(image.width())
        if any(image.pixelColor(x, y).lightness() < 100 for y in range(image.height()))
    ]


def test_the_title_shows_above_the_text_and_follows_the_document(
    qtbot: QtBot, store: SqliteStore
) -> None:
    first = add_document(store, "أعلنت الوزارة اليوم أن الاتفاق وصل.", "اتفاق الأردن")
    add_document(store, "قال المتحدث إن الوفد وصل.", "Talks in Amman")
    add_document(store, "نص بلا عنوان.", "")
    window = open_window(qtbot, store)
    title = window.title
    assert window.session.document is not None and window.session.document.id == first
    assert title.isVisible() and title.text() == "اتفاق الأردن"
    assert title.geometry().bottom() < window.article_view.geometry().top()
    inked = _inked_columns(title)
    assert inked and min(inked) > title.width() // 2  # a short Arabic title sits on the right

    window.actions_.next_document.trigger()
    assert title.text() == "Talks in Amman"
    inked = _inked_columns(title)
    assert inked and max(inked) < title.width() // 2  # an English one on the left

    window.actions_.next_document.trigger()
    assert not title.isVisible()  # no empty band above an untitled article
