"""`render` draws the whole article, every span highlighted to the last line (issue 14, item 11)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage

from annotation.model import Span
from annotation.tagset import load_tagset
from db.store import SqliteStore
from tests.ui.workspace import add_document
from ui.render import render_document


def green_rows(image: QImage, green: QColor) -> list[int]:
    """The rows holding pixels that lean towards `green` (a translucent fill over white)."""
    rows = []
    for y in range(image.height()):
        for x in range(0, image.width(), 2):
            colour = image.pixelColor(x, y)
            if colour.green() > colour.red() + 8 and colour.green() > colour.blue() + 8:
                rows.append(y)
                break
    return rows


def test_render_highlights_the_last_line_of_a_long_article(
    tmp_path: Path, store: SqliteStore
) -> None:
    lines = [f"قال المتحدث إن الوفد وصل أمس {number}." for number in range(119)]
    text = "\n".join([*lines, "وفي الختام عاد الوفد إلى دمشق."])
    document_id = add_document(store, text)
    start = text.rindex("دمشق")
    store.add_span(Span(document_id, "amal", "LOCATION", start, start + 4, "دمشق"))
    out = tmp_path / "article.png"
    tagset = load_tagset()
    width, height = render_document(store, tagset, document_id, "amal", out, 600, False)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (width, height) and height > 2000
    rows = green_rows(image, QColor(tagset.label("LOCATION").colour))
    # The only span is on the last of 120 lines: its fill lies in the bottom 60 px, one line.
    assert rows, "the last line's span is highlighted"
    assert min(rows) > height - 80 and max(rows) < height - 10
