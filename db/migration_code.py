"""Frozen copies of the code the released migrations run, as it was when each was released.

A migration runs on annotators' old databases long after it was written, so it must do then what
it did then: a later change to annotation.arabic or annotation.search must not change it
silently. Each function here is a copy, named for the migration that released it; never edit one.
A change to the live code that stored data depends on gets a new migration (with its own copy)
that writes that data again. tests/db/test_migration_code.py compares each copy with the live
function it was taken from, so such a divergence shows up as a failing test by name.

Only the standard library and sqlite-utils: tests/test_architecture.py checks it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache
from itertools import chain

import sqlite_utils

# annotation.arabic.normalise_for_match as of migration 2 (unchanged through migration 7):
# tashkeel, Quranic marks, tatweel and invisible controls deleted; alef forms, ى, ة, Persian
# kaf and ya, odd spaces and Arabic-Indic digits folded, one character to one.
_MARK_RANGES = ((0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED))
_INVISIBLE_RANGES = (
    (0x0640, 0x0640), (0x061C, 0x061C), (0x200B, 0x200F), (0x202A, 0x202E), (0x2066, 0x2069),
    (0xFEFF, 0xFEFF),
)  # fmt: skip
_FOLDS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ى": "ي", "ة": "ه",
    "ک": "ك", "ی": "ي", "\u00a0": " ", "\u202f": " ", "\u2007": " ",
}  # fmt: skip
# annotation.search._HAMZA_SEATS as of migration 7.
_HAMZA_SEATS_M007 = str.maketrans({"ء": "ا", "ؤ": "ا", "ئ": "ا"})
_IF_ASTRAL = "(?=[\U00010000-\U0010ffff])"
BATCH = 500  # documents indexed at a time


@cache
def _match_table_m002() -> list[int | None]:
    table: list[int | None] = list(range(0x10000))
    for first, last in _MARK_RANGES + _INVISIBLE_RANGES:
        table[first : last + 1] = [None] * (last + 1 - first)
    for source, target in _FOLDS.items():
        table[ord(source)] = ord(target)
    for digit in range(10):
        table[0x0660 + digit] = table[0x06F0 + digit] = ord("0") + digit
    return table


def match_fold_m002(text: str) -> str:
    """annotation.arabic.normalise_for_match as released with migration 2."""
    return text.translate(_match_table_m002())


def title_key_m002(title: str) -> str:
    """db.document_index.title_key as released with migration 2, which stored it."""
    return match_fold_m002(title).casefold()


@cache
def _word_pattern_m005() -> re.Pattern[str]:
    # Words are runs of letters, numbers other than digits, and marks; digits make their own.
    runs: list[list[int]] = []
    for cp in chain(range(0x32400), range(0xE0000, 0xE01F0)):
        char = chr(cp)
        if (char.isalnum() and not char.isdecimal()) or unicodedata.category(char)[0] == "M":
            if runs and runs[-1][1] == cp - 1:
                runs[-1][1] = cp
            else:
                runs.append([cp, cp])

    def ranges(astral: bool) -> str:
        return "".join(
            f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in runs if (a > 0xFFFF) == astral
        )

    return re.compile(rf"(?:[{ranges(False)}]+|{_IF_ASTRAL}[{ranges(True)}])+|\d+")


def search_words_m005(text: str) -> str:
    """annotation.search.index_text as released with migration 5: the folded words, spaced."""
    return " ".join(_word_pattern_m005().findall(match_fold_m002(text)))


def search_words_m007(text: str) -> str:
    """annotation.search.index_text as released with migration 7: every hamza seat an alef."""
    folded = match_fold_m002(text.translate(_HAMZA_SEATS_M007))
    return " ".join(_word_pattern_m005().findall(folded))


def index_pending_m005(db: sqlite_utils.Database, search_words: Callable[[str], str]) -> int:
    """db.search_index.index_pending as released with migration 5, folding with `search_words`:
    index every document noted in `search_pending`; return how many. Call in a transaction."""
    done = 0
    while True:
        rows = db.execute(
            "SELECT p.document_id, p.indexed_text, d.text FROM search_pending p"
            " LEFT JOIN documents d ON d.id = p.document_id ORDER BY p.document_id LIMIT ?",
            [BATCH],
        ).fetchall()
        if not rows:
            return done
        # The words it was indexed with remove a contentless row: nothing else can.
        db.conn.executemany(
            "INSERT INTO search_text (search_text, rowid, words) VALUES ('delete', ?, ?)",
            [(row[0], search_words(row[1])) for row in rows if row[1] is not None],
        )
        db.conn.executemany(
            "INSERT INTO search_text (rowid, words) VALUES (?, ?)",
            [(row[0], search_words(row[2])) for row in rows if row[2] is not None],
        )
        db.execute("DELETE FROM search_pending WHERE document_id <= ?", [rows[-1][0]])
        done += len(rows)
