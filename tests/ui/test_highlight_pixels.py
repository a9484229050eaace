"""What the article view paints, read back from its pixels: highlights right after scrolling,
and label tags that leave every letter readable (issue 14, items 10 and 17)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotation.model import DocumentId, Span
from db.store import SqliteStore
from tests.ui.test_workspace import tinted
from tests.ui.workspace import add_document, open_window

LINE = "قال المتحدث إن الوفد وصل إلى دمشق أمس."


def add_location_spans(store: SqliteStore, document_id: DocumentId, text: str) -> None:
    """A LOCATION over every دمشق of `text`."""
    start = text.find("دمشق")
    while start >= 0:
        store.add_span(Span(document_id, "amal", "LOCATION", start, start + 4, "دمشق"))
        start = text.find("دمشق", start + 1)


def settle_once() -> None:
    """One pass of the event loop: the highlight timer's own interval (0 ms), nothing longer."""
    QApplication.processEvents()
    QApplication.processEvents()


def test_spans_are_painted_right_after_ctrl_end(qtbot: QtBot, store: SqliteStore) -> None:
    text = "\n".join(f"{LINE} {number}" for number in range(400))
    add_location_spans(store, add_document(store, text), text)
    window = open_window(qtbot, store)
    view = window.article_view
    settle_once()
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    settle_once()
    assert view.verticalScrollBar().value() > 1000  # the caret at the end, in view
    image = view.viewport().grab().toImage()
    last = window.session.spans[-1]
    (rect,) = view.span_rects(last)
    assert view.viewport().rect().contains(rect.toRect())
    green = QColor(window.session.tagset.label("LOCATION").colour)
    assert tinted(image, green, rect) > 0.5 * rect.width() * (rect.height() - 2)


def test_no_signal_is_connected_to_a_timers_start() -> None:
    # A signal carrying an int makes PySide call QTimer.start(int msec) (ARABIC-QT.md).
    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r"\.connect\([\w.]*\.start\)")
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for folder in ("ui", "bench")
        for path in sorted((root / folder).glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line.split("#")[0])
    ]
    assert offenders == []
