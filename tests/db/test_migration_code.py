"""The released migrations' frozen code (db/migration_code.py) still does what the live code does.

When one of these fails, the live function has changed after a migration stored its results:
that needs a new migration that writes them again (with a frozen copy of its own), not an edit
to the old copy. The test of the superseded copy then becomes a test of how it differs.
"""

from __future__ import annotations

import json
from pathlib import Path

import sqlite_utils
from hypothesis import given
from hypothesis import strategies as st

from annotation.model import Document, text_sha256
from annotation.search import index_text
from db.document_index import title_key
from db.migration_code import search_words_m005, search_words_m007, title_key_m002
from db.migration_steps import MIGRATIONS
from db.store import SqliteStore

SAMPLES = Path(__file__).resolve().parents[2] / "assets" / "samples" / "samples.jsonl"
VARIED = [
    "قال وزير الخارجية السوري وليد المعلم إنّ الوَفدَ وصل إلى مُوسكو.",
    "المسؤول والمسئول، شؤون وشئون، رؤوس ورءوس، هيئة وهيأة",
    "أإآٱ ى ة ک ی ـ الـرقة ١٢٣ ۴۵۶ 2014م و2012",
    "Title with CAPS, straße and İstanbul",
    "\u200fمرحبا\u200e \ufeffبالعالم\u00a0و\u202fأيضا 😀 ❤️ 👩‍👩‍👧 🇸🇾",
    "",
]


def sample_texts() -> list[str]:
    with SAMPLES.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines if line.strip()][:20]


@given(st.text())
def test_the_title_key_of_migration_2_is_todays(text: str) -> None:
    assert title_key_m002(text) == title_key(text)


@given(st.text())
def test_the_search_words_of_migration_7_are_todays(text: str) -> None:
    assert search_words_m007(text) == index_text(text)


def test_the_frozen_code_agrees_with_the_live_code_on_arabic_articles() -> None:
    texts = VARIED + sample_texts()
    assert len(texts) > len(VARIED)  # the sample articles were read
    assert [title_key_m002(text) for text in texts] == [title_key(text) for text in texts]
    assert [search_words_m007(text) for text in texts] == [index_text(text) for text in texts]


def test_migration_5s_words_differ_from_todays_only_in_the_hamza_seats() -> None:
    # Migration 7 folded every hamza seat alike and indexed again (issue 14, item 14).
    assert search_words_m005("المسؤول شئون رءوس") == "المسوول شيون رءوس"
    assert index_text("المسؤول شئون رءوس") == "المساول شاون راوس"
    without_seats = [text for text in VARIED if not set(text) & set("ءؤئ")]
    assert len(without_seats) > 2
    assert [search_words_m005(t) for t in without_seats] == [index_text(t) for t in without_seats]


def test_migration_7_indexes_as_todays_store_does(tmp_path: Path) -> None:
    """Migration 7 run again over a database the store indexed leaves the same index."""
    path = tmp_path / "hamish.sqlite3"
    store = SqliteStore(path)
    texts = VARIED[:-1] + sample_texts()[:5]
    store.add_documents(
        [
            Document(text=text, text_sha256=text_sha256(text), title=str(n))
            for n, text in enumerate(texts)
        ]
    )
    store.close()
    db = sqlite_utils.Database(path)
    db.execute("CREATE VIRTUAL TABLE temp.words USING fts5vocab(main, search_text, instance)")

    def index() -> list[tuple[object, ...]]:
        return [tuple(row) for row in db.execute("SELECT * FROM temp.words ORDER BY 1, 2, 3, 4")]

    live = index()
    assert len(live) > 100
    with db.atomic():
        MIGRATIONS[6](db)
    assert index() == live
    db.close()
