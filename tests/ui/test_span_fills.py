"""Span fills painted by the article view itself, read back from its pixels: under the span and
nowhere else, on Arabic right-to-left lines, on a wrapped span's second line, where the view
has scrolled to, apart from a Latin word on a mixed line, and under the letters, which stay
dark and joined (issue 18)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotation.model import Document, DocumentId, Span, SpanId, text_sha256
from annotation.tagset import TagSet, load_tagset
from tests.ui.test_workspace import tinted
from ui.article.link_painter import LinksShown
from ui.article.view import ArticleView

SENTENCE = "قال المتحدث إن الوفد وصل إلى دمشق أمس لبحث الإرهاب والأمن."


@pytest.fixture
def tagset() -> TagSet:
    return load_tagset()


@pytest.fixture
def view(qtbot: QtBot, tagset: TagSet) -> Iterator[ArticleView]:
    widget = ArticleView(tagset)
    qtbot.addWidget(widget)
    widget.resize(700, 400)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


def show(view: ArticleView, text: str, words: list[tuple[str, str]]) -> list[Span]:
    """Show `text` with a span of each (label, word) over the word's first occurrence."""
    document = Document(text=text, text_sha256=text_sha256(text), id=DocumentId(1))
    spans = []
    for number, (label, word) in enumerate(words, 1):
        start = text.index(word)
        spans.append(
            Span(DocumentId(1), "amal", label, start, start + len(word), word, id=SpanId(number))
        )
    view.show_document(document, spans)
    settle()
    return spans


def settle() -> None:
    QApplication.processEvents()
    QApplication.processEvents()


def pixels(view: ArticleView) -> QImage:
    return view.viewport().grab().toImage()


def colour_of(tagset: TagSet, label: str) -> QColor:
    return QColor(tagset.label(label).colour)


def area(rect: QRectF) -> float:
    return (rect.width() - 2) * (rect.height() - 2)


def test_the_fill_lies_on_the_span_and_not_beside_it(view: ArticleView, tagset: TagSet) -> None:
    (span,) = show(view, SENTENCE, [("LOCATION", "دمشق")])
    image, green = pixels(view), colour_of(tagset, "LOCATION")
    (rect,) = view.span_rects(span)
    assert tinted(image, green, rect) > 0.5 * area(rect)
    # The words on either side of it on the (right-to-left) line are bare.
    for side in (rect.translated(rect.width() + 4, 0), rect.translated(-rect.width() - 4, 0)):
        assert tinted(image, green, side) == 0
    # The right-to-left order: the span's word lies left of "قال", the line's first word.
    assert rect.right() < view.span_rects(Span(DocumentId(1), "x", "X", 0, 3, "قال"))[0].left()


def test_a_wrapped_span_is_filled_on_its_second_line(view: ArticleView, tagset: TagSet) -> None:
    text = " ".join([SENTENCE] * 6)
    (span,) = show(view, text, [("CLAIM", text[: len(SENTENCE) * 3])])
    rects = view.span_rects(span)
    assert len(rects) >= 2 and rects[1].top() > rects[0].top()
    image, colour = pixels(view), colour_of(tagset, "CLAIM")
    assert tinted(image, colour, rects[1]) > 0.5 * area(rects[1])


def test_fills_follow_the_view_when_it_scrolls(view: ArticleView, tagset: TagSet) -> None:
    text = "\n".join(f"{SENTENCE} {number}" for number in range(300))
    last = text.rindex("دمشق")
    document = Document(text=text, text_sha256=text_sha256(text), id=DocumentId(1))
    span = Span(DocumentId(1), "amal", "LOCATION", last, last + 4, "دمشق", id=SpanId(1))
    view.show_document(document, [span])
    settle()
    assert view.span_rects(span) == []  # not laid out, let alone shown, until scrolled to
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    settle()
    (rect,) = view.span_rects(span)
    assert view.viewport().rect().contains(rect.toRect())
    assert tinted(pixels(view), colour_of(tagset, "LOCATION"), rect) > 0.5 * area(rect)
    bar.setValue(bar.maximum() - 40)  # a small step: the same fill, moved down with its word
    settle()
    (moved,) = view.span_rects(span)
    assert moved.top() == pytest.approx(rect.top() + 40, abs=1)
    assert tinted(pixels(view), colour_of(tagset, "LOCATION"), moved) > 0.5 * area(moved)


def test_a_latin_word_on_the_line_keeps_out_of_an_arabic_span(
    view: ArticleView, tagset: TagSet
) -> None:
    text = "قال المتحدث John Smith إن 3.5% من الوفد وصل."
    arabic, latin, number = show(
        view, text, [("CLAIM", "قال المتحدث John"), ("SPEAKER", "Smith"), ("LOCATION", "3.5%")]
    )
    # "John Smith" reads left to right inside the right-to-left line, John on its left: the
    # claim is two stretches, its Arabic words right of "Smith" and "John" left of it. One
    # rectangle from the claim's first x to its last, as before, covered "Smith" too.
    claim_rects, smith = view.span_rects(arabic), view.span_rects(latin)
    assert len(smith) == 1 and len(claim_rects) == 2
    assert min(r.left() for r in claim_rects) < smith[0].left() < max(r.left() for r in claim_rects)
    assert not any(rect.intersects(smith[0].adjusted(1, 1, -1, -1)) for rect in claim_rects)
    (digits,) = view.span_rects(number)  # digits and their % in one piece
    image = pixels(view)
    assert tinted(image, colour_of(tagset, "SPEAKER"), smith[0]) > 0.4 * area(smith[0])
    assert tinted(image, colour_of(tagset, "LOCATION"), digits) > 0.4 * area(digits)


def dark(image: QImage, rect: QRectF, below: int) -> set[tuple[int, int]]:
    """The pixels inside `rect` darker than `below` (0-255 lightness)."""
    return {
        (x, y)
        for x in range(int(rect.left()), int(rect.right()))
        for y in range(int(rect.top()), int(rect.bottom()))
        if image.pixelColor(x, y).lightness() < below
    }


def test_letters_stay_dark_and_joined_inside_the_fill(view: ArticleView, tagset: TagSet) -> None:
    # Boundaries inside a word (لـ|بحث) and inside a lam-alef (ل|ا): a char format there
    # splits the ligature into a separate lam and alef (docs/arabic-in-qt.md).
    text = "لبحث الإرهاب والأمن لا غير."
    start, end = text.index("بحث"), text.index("لا ") + 1
    show(view, text, [])
    document = view.document_shown
    assert document is not None
    span = Span(DocumentId(1), "amal", "CLAIM", start, end, text[start:end], id=SpanId(1))
    (rect,) = view.span_rects(span)
    bare = pixels(view)
    view.show_document(document, [span])
    settle()
    filled = pixels(view)
    assert tinted(filled, colour_of(tagset, "CLAIM"), rect) > 0.3 * area(rect)
    # Above the underline, the glyphs are the same pixels with and without the fill: every
    # letter pixel still dark, and no new dark shape (a ligature split in two, a letter that
    # lost its joined form); the fill only darkens the grey of their antialiased edges a little.
    # (The same check fails with a char format over the span: its lam and alef come apart.)
    (stretch,) = view.span_fills[0].stretches
    letters = QRectF(rect.left(), rect.top(), rect.width(), stretch.baseline - stretch.rect.top())
    glyphs = dark(bare, letters, 90)
    assert len(glyphs) > 100
    assert glyphs <= dark(filled, letters, 120)
    assert len(dark(filled, letters, 60) - dark(bare, letters, 120)) < 0.02 * len(glyphs)


def test_the_selected_span_is_filled_stronger(view: ArticleView, tagset: TagSet) -> None:
    first, second = show(view, SENTENCE, [("LOCATION", "دمشق"), ("LOCATION", "الوفد")])
    view.select_span(second.id, scroll=False)
    settle()
    image = pixels(view)

    def greenness(span: Span) -> float:
        (rect,) = view.span_rects(span)
        colours = [image.pixelColor(int(rect.center().x()), int(rect.top()) + 2)]
        return sum(c.green() - c.red() for c in colours)

    assert greenness(second) > greenness(first)
    alpha = {fill.span_id: fill.style.fill.alpha() for fill in view.span_fills}
    assert alpha[second.id] > alpha[first.id]


def test_an_underline_is_painted_below_the_letters(view: ArticleView, tagset: TagSet) -> None:
    (span,) = show(view, SENTENCE, [("LOCATION", "دمشق")])
    fill = view.span_fills[0]
    assert fill.style.underline is not None and fill.style.underline_colour is not None
    (stretch,) = fill.stretches
    offset = view.verticalScrollBar().value()
    image = pixels(view)
    y_range = range(int(stretch.baseline - offset) + 1, int(stretch.rect.bottom() - offset))
    colour = fill.style.underline_colour
    rect = view.span_rects(span)[0]
    near = [
        image.pixelColor(x, y)
        for x in range(int(rect.left()) + 1, int(rect.right()) - 1)
        for y in y_range
    ]
    assert any(
        abs(p.red() - colour.red())
        + abs(p.green() - colour.green())
        + abs(p.blue() - colour.blue())
        < 60
        for p in near
    )


def test_no_extra_selections_are_left_to_qt(view: ArticleView) -> None:
    show(view, SENTENCE, [("LOCATION", "دمشق")])
    assert view.extraSelections() == []
    assert view.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_a_long_article_is_filled_from_its_first_line(view: ArticleView, tagset: TagSet) -> None:
    # The lines in view used to be found with cursorForPosition at the viewport's corners; in
    # the document margin it answered a position far down the article, and nothing at the top
    # of a freshly opened long article was filled.
    text = "\n".join(f"{SENTENCE} {number}" for number in range(300))
    first, *_ = show(view, text, [("LOCATION", "قال")])
    assert view.visible_range()[0] == 0
    (rect,) = view.span_rects(first)
    assert tinted(pixels(view), colour_of(tagset, "LOCATION"), rect) > 0.5 * area(rect)


def test_fills_move_with_the_lines_when_links_make_room(view: ArticleView, tagset: TagSet) -> None:
    """Showing links spaces every line out: the fills measured before must follow their words
    down, not stay where the lines were."""
    text = ("قال المتحدث إن الوفد وصل إلى دمشق أمس لبحث الإرهاب والأمن. " * 12).strip()
    view.set_links_shown(LinksShown.NONE)
    span = show_at(view, text, text.index("دمشق", 300))
    before = view.span_rects(span)
    view.set_links_shown(LinksShown.ALL)
    settle()
    view.viewport().repaint()
    painted = [stretch.rect for fill in view.span_fills for stretch in fill.stretches]
    fresh = [stretch.rect for stretch in view._stretches(span.start, span.end)]
    assert painted == fresh
    assert fresh[0].top() > before[0].top() + 14  # the lines above it made room too


def test_a_span_ending_beyond_the_bmp_is_filled_to_its_last_character(
    view: ArticleView, tagset: TagSet
) -> None:
    """A surrogate pair's low half is no caret position: measuring the last character there
    reached the space after it (5 px too wide; a click on the space hit the span)."""
    text = "قال المتحدث 😀😀 إن الوفد وصل"
    word = "المتحدث 😀😀"
    span = show_at(view, text, text.index(word), len(word))
    (rect,) = view.span_rects(span)
    edges = []
    for position in range(view.to_qt(span.start), view.to_qt(span.end) + 1):
        cursor = view.textCursor()
        cursor.setPosition(position)
        edges.append(view.cursorRect(cursor).x())
    assert rect.left() == pytest.approx(min(edges), abs=1.5)
    assert rect.right() == pytest.approx(max(edges), abs=1.5)


def show_at(view: ArticleView, text: str, start: int, length: int = 4) -> Span:
    """Show `text` with one LOCATION span of `length` code points at `start`."""
    document = Document(text=text, text_sha256=text_sha256(text), id=DocumentId(1))
    span = Span(
        DocumentId(1),
        "amal",
        "LOCATION",
        start,
        start + length,
        text[start : start + length],
        id=SpanId(1),
    )
    view.show_document(document, [span])
    settle()
    view.viewport().repaint()
    settle()
    return span
