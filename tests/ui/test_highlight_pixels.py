"""What the article view paints, read back from its pixels: highlights right after scrolling,
and label tags that leave every letter readable and never overlap (issue 14, items 10 and 17)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotation.model import DocumentId, Span
from db.store import SqliteStore
from tests.ui.test_workspace import tinted
from tests.ui.workspace import add_document, open_window
from ui.article.view import ArticleView

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
    # A signal carrying an int makes PySide call QTimer.start(int msec) (docs/arabic-in-qt.md).
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


def crop(view: ArticleView, span: Span) -> QImage:
    """The viewport's pixels over the span's one line."""
    (rect,) = view.span_rects(span)
    return view.viewport().grab().toImage().copy(rect.toAlignedRect())


def test_label_tags_leave_every_letter_and_digit_as_it_was(
    qtbot: QtBot, store: SqliteStore
) -> None:
    text = "قال سيرغي لافروف إن 3.5% من الوفد وصل إلى دمشق."
    document_id = add_document(store, text)
    for label, word in (("SPEAKER", "سيرغي"), ("LOCATION", "3.5%"), ("LOCATION", "دمشق")):
        start = text.index(word)
        store.add_span(Span(document_id, "amal", label, start, start + len(word), word))
    window = open_window(qtbot, store)
    view = window.article_view
    settle_once()
    spans = window.session.spans
    before = [crop(view, span) for span in spans]
    qtbot.keyClick(view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    settle_once()
    assert view.show_label_tags
    # No letter, dot or digit of a tagged word changed (the Speaker tag hid the dot of غ).
    assert [crop(view, span) for span in spans] == before
    image = view.viewport().grab().toImage()
    tags = view.label_tags()
    assert sorted(text for _span, _tag, text in tags) == ["Location", "Location", "Speaker"]
    for span, tag, _text in tags:  # each tag is painted, in its label's colour
        colour = QColor(window.session.tagset.label(span.label).colour)
        assert tinted(image, colour, tag) > 0.3 * tag.width() * tag.height()


def test_tags_of_short_adjacent_spans_do_not_overlap(qtbot: QtBot, store: SqliteStore) -> None:
    text = "وصل في 3 و 4 أيام وفدان إلى دمشق."
    document_id = add_document(store, text)
    for label, word in (("LOCATION", "3"), ("SPEAKER", "و 4"), ("LOCATION", "أيام")):
        start = text.index(word)
        store.add_span(Span(document_id, "amal", label, start, start + len(word), word))
    store.add_span(Span(document_id, "amal", "CLAIM", 0, len(text), text))  # around them all
    window = open_window(qtbot, store)
    view = window.article_view
    qtbot.keyClick(view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    settle_once()
    image = view.viewport().grab().toImage()
    tags = [tag for _span, tag, _text in view.label_tags()]
    assert len(tags) == 4
    for i, tag in enumerate(tags):
        assert view.viewport().rect().contains(tag.toAlignedRect())
        for other in tags[i + 1 :]:
            assert not tag.intersects(other), (tag, other)
        # Nothing but the tag is painted in its place: no line of text reaches into it.
        for span in window.session.spans:
            assert not any(tag.intersects(line) for line in view.span_rects(span))
    for span, tag, _text in view.label_tags():
        colour = QColor(window.session.tagset.label(span.label).colour)
        assert tinted(image, colour, tag) > 0.3 * tag.width() * tag.height()
