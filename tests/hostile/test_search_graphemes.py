"""`search` and emoji (issue 13, item 17): searching `❤️` matched the lone U+FE0F of another
emoji. A hit never starts or ends inside a grapheme; Qt's own grapheme boundaries (the ones
the window draws by) are the judge here, on a table of texts with variation selectors, ZWJ
sequences, skin tones, combining marks and Arabic number signs."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotation.model import Document, text_sha256
from annotation.search import find_hits, parse_query
from db.store import SqliteStore
from tests.hostile.conftest import assert_refused, digest, run_main, tally

QtCore = pytest.importorskip("PySide6.QtCore")

TEXTS = [
    "قال ☺️ ثم ❤️ وصل الوفد.",
    "❤️❤️❤️ الوفد❤️ الوفد\ufe0f الوفد",
    "👨\u200d👩\u200d👧 الوفد\u200d👩 وصل",
    "الوفد👍🏽 وصل👍🏿",
    "الوفد\u200c ثم الو\u0651فد\u064e إلى \u0600١٢ \u06dd١٢",
    "🇸🇾 سوريا🇸🇾 ثم e\u0301 وصل\u20e3",
    "\U000e0067\U000e0062 الوفد\U000e007f 🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
]
QUERIES = ["❤️", "\ufe0f", "الوفد", "وصل", "12", "سوريا", "e\u0301", '"❤️ وصل"', "ثم", "👍🏽"]


def boundaries(text: str) -> set[int]:
    """The code-point offsets Qt finds grapheme boundaries at."""
    finder = QtCore.QTextBoundaryFinder(QtCore.QTextBoundaryFinder.BoundaryType.Grapheme, text)
    found = set()
    for index in range(len(text) + 1):
        finder.setPosition(len(text[:index].encode("utf-16-le")) // 2)
        if finder.isAtBoundary():
            found.add(index)
    return found


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("query", QUERIES)
def test_no_hit_starts_or_ends_inside_a_grapheme(text: str, query: str) -> None:
    with tally("search"):
        allowed = boundaries(text)
        for proclitics in (False, True):
            for start, end in find_hits(text, parse_query(query, proclitics)):
                assert {start, end} <= allowed, (text[start:end], start, end)
                assert text[start:end].strip("\ufe0f\u200d")  # never a lone mark or joiner


def test_the_command_refuses_an_emoji_and_finds_words_beside_them(project: Path) -> None:
    store = SqliteStore(project)
    try:
        (emoji,) = store.add_documents([Document(TEXTS[0], text_sha256(TEXTS[0]), title="❤️")])
    finally:
        store.close()
    before = digest(project)
    with tally("search"):
        outcome = run_main(["search", "--db", project, "❤️"])
        assert_refused(outcome, "'❤️' holds no word", database=project, before=before)
    with tally("search"):
        outcome = run_main(["search", "--db", project, "ثم", "--json"])
        assert outcome.status == 0, outcome.said
        assert f'"document_id": {emoji}' in outcome.out
        assert '"start": 7,' in outcome.out and '"end": 9,' in outcome.out
        assert digest(project) == before
