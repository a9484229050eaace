"""Drop Proclitics never cuts a name: a table of names that begin with proclitic letters, and
the words an article holds that once acted as a lexicon against them (issue 14, item 13)."""

from __future__ import annotations

import pytest

from annotation.arabic import SnapMode
from annotation.model import Document, DocumentId, text_sha256
from annotation.tagging import TaggedText

# The article's own words, among them every trap the issue found: بنان (for لبنان), جدة (for
# وجدة), مال (for كمال), إلى (folds to الي: for والي and بالي), بالقاهرة (for وبالقاهرة), and
# the stems اليفورنيا, التيمور, النسيا that the article rule made of the names.
ARTICLE = (
    "قالت بنان إن جدة لها مال أرسل إلى بالقاهرة، وإن اليفورنيا والتيمور والنسيا كلمات لا معنى لها، "
    "وإن مصلحة سورية في التعاون مع لبنان."
)

# (word, the stem the selection keeps)
KEPT_WHOLE = [
    "كاليفورنيا", "بالتيمور", "فالنسيا", "كالغاري", "كالكوتا", "بالدوين", "والتون", "لبنان",
    "وجدة", "كمال", "والي", "بالي", "كاليدونيا", "كالينينغراد", "كالياري", "كالابريا", "باليرمو",
    "بالما", "بالاو", "بالكان", "فاليتا", "والونيا", "وهران", "واشنطن", "وارسو", "فاس", "فيينا",
    "فرنسا", "فنزويلا", "فنلندا", "فلوريدا", "فلسطين", "بنغازي", "بيروت", "بغداد", "باريس", "برلين",
    "بلجيكا", "بروكسل", "لندن", "ليبيا", "لاهاي", "لشبونة", "كندا", "كابول", "كركوك", "كوبا",
    "كالفن", "كالدرون", "بالمر", "بالزاك", "فالنتين", "فالديز", "والاس", "والش", "وليد",
    "فلاديمير", "فيصل", "بوتين", "لافروف", "كلينتون",
]  # fmt: skip
CUT = [
    ("فلبنان", "لبنان"),  # ف + a known name, not فل + بنان although بنان is in the article
    ("ولبنان", "لبنان"),
    ("وبالقاهرة", "القاهرة"),  # not بالقاهرة, which the article holds with its ب
    ("لسورية", "سورية"),
    ("وكاليفورنيا", "كاليفورنيا"),
    ("بكاليفورنيا", "كاليفورنيا"),
    ("وبالتيمور", "بالتيمور"),
    ("لفالنسيا", "فالنسيا"),
    ("ووجدة", "وجدة"),
    ("وبالعراق", "العراق"),
    ("ببغداد", "بغداد"),
    ("وفرنسا", "فرنسا"),
    ("لمصلحة", "مصلحة"),  # no name: the article's own word is the evidence
    ("والده", "والده"),  # nothing known: the article rule keeps it whole
    ("وبالمدينة", "المدينة"),  # nothing known: the article rule drops و + ب
]
TABLE = [(word, word) for word in KEPT_WHOLE] + CUT


def kept(word: str, names: tuple[str, ...] = ()) -> str:
    """What Drop Proclitics keeps of `word` in the article, selected as a whole word."""
    text = f"{ARTICLE}\nوصل الوفد إلى {word} أمس."
    tagged = TaggedText(Document(text, text_sha256(text), id=DocumentId(1)), names)
    start = text.rindex(word)
    snapped = tagged.snap(start, start + len(word), SnapMode.CLITIC)
    assert snapped is not None
    return text[snapped[0] : snapped[1]]


def test_the_table_has_fifty_names_and_more() -> None:
    assert len(KEPT_WHOLE) >= 50 and len(set(KEPT_WHOLE)) == len(KEPT_WHOLE)


@pytest.mark.parametrize(("word", "stem"), TABLE, ids=[word for word, _ in TABLE])
def test_drop_proclitics_keeps_names_and_cuts_proclitics(word: str, stem: str) -> None:
    assert kept(word) == stem


def test_an_entity_of_the_registry_is_never_cut() -> None:
    assert kept("وبالوتشي") == "الوتشي"  # unknown: the article rule
    assert kept("وبالوتشي", names=("بالوتشي",)) == "بالوتشي"
    assert kept("بالوتشي", names=("بالوتشي",)) == "بالوتشي"
