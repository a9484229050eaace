"""Tests for annotation.cleanup: BOM, line endings, NFC and agency footer removal."""

from __future__ import annotations

import json
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotation.cleanup import (
    DEFAULT_RULES_PATH,
    BoilerplateRules,
    CleanText,
    UnmappableOffset,
    clean_text,
    clean_with_offsets,
    footer_start,
    is_stored_form,
    load_boilerplate_rules,
    stored_form,
)
from annotation.offsets import OffsetError
from tests.conftest import missing_corpus

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
SANA = CORPUS / "sana-syria-russia.txt"
SANA_FOOTER = (
    "تابعوا آخر الأخبار السياسية والميدانيـة عبر تطبيق تيلغرام على الهواتف الذكية عبر الرابط :\n"
    "https://telegram.me/SyrianArabNewsAgency\n"
    "تابعونا عبر تطبيق واتس أب :\n"
    "عبر إرسال كلمة اشتراك على الرقم / 0940777186/ بعد تخزينه باسم سانا أو (SANA).\n"
    "تابعوا صفحتنا على موقع (VK) للتواصل الاجتماعي على الرابط:"
)
ARTICLE = (
    "موسكو – سانا\n"
    "أعلن نائب وزير الخارجية الروسي أن الولايات المتحدة بدأت تبصر الحقيقة.\n"
    "وأكد أن روسيا ستواصل ضرباتها الجوية على إرهابيي “داعش”."
)


@pytest.fixture(scope="module")
def rules() -> BoilerplateRules:
    """The rules shipped in assets/boilerplate.json."""
    return load_boilerplate_rules(DEFAULT_RULES_PATH)


def plain(text: str) -> CleanText:
    """What clean_text returns for text it leaves alone."""
    return CleanText(text, None, False, False, None)


# --- normalisation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "text", "endings"),
    [
        ("سطر\r\nسطر\r\n", "سطر\nسطر", "crlf"),
        ("a\rb\r\rc", "a\nb\n\nc", "cr"),
        ("a\r\nb\nc", "a\nb\nc", "mixed"),
        ("a\rb\nc", "a\nb\nc", "mixed"),
        ("a\r\nb\rc", "a\nb\nc", "mixed"),
        ("a\nb\n", "a\nb", None),
    ],
)
def test_line_endings(raw: str, text: str, endings: str | None) -> None:
    result = clean_text(raw)
    assert (result.text, result.line_endings) == (text, endings)
    assert result.notes() == ({} if endings is None else {"line_endings": endings})


def test_unicode_line_separators_stay() -> None:
    assert clean_text("أ\u2028ب\u2029ج") == plain("أ\u2028ب\u2029ج")


def test_nfc() -> None:
    result = clean_text("قال إن ا\u0654حمد وصل")
    assert (result.text, result.unicode_nfc) == ("قال إن أحمد وصل", True)
    assert result.notes() == {"unicode_nfc": True}
    assert clean_text("أحمد") == plain("أحمد")


def test_tashkeel_tatweel_and_spaces_are_left_alone() -> None:
    text = "  عَلِمْتُ   أنّ الـــــوزير\u00a0قال\t«نعم»\n\n\nثم"
    assert clean_text(text) == plain(text)


def test_leading_bom_removed() -> None:
    result = clean_text("\ufeffنص\ufeffداخلي")
    assert (result.text, result.bom_removed) == ("نص\ufeffداخلي", True)
    assert result.notes() == {"bom_removed": True}


def test_only_trailing_whitespace_is_stripped_and_not_recorded() -> None:
    assert clean_text("\n  نص  \n\u00a0\n\t ") == plain("\n  نص")


def test_all_notes_together(rules: BoilerplateRules) -> None:
    raw = "\ufeff" + "ا\u0654حمد قال\r\nكذا.\r\n\r\nhttps://t.me/x\r\n"
    result = clean_text(raw, rules)
    assert result == CleanText("أحمد قال\nكذا.", "crlf", True, True, "https://t.me/x\n")
    notes = result.notes()
    assert notes == {
        "line_endings": "crlf",
        "unicode_nfc": True,
        "bom_removed": True,
        "boilerplate_removed": "https://t.me/x\n",
    }
    assert json.loads(json.dumps(notes)) == notes


_TEXT = st.text(st.characters(exclude_characters="\ufeff", exclude_categories=["Cs"]))


@given(_TEXT)
def test_clean_text_properties(raw: str) -> None:
    result = clean_text(raw)
    assert "\r" not in result.text
    assert unicodedata.is_normalized("NFC", result.text)
    assert result.text == result.text.rstrip()
    assert clean_text(result.text) == plain(result.text)


# --- footers ----------------------------------------------------------------------------------


def test_sana_footer_removed(rules: BoilerplateRules) -> None:
    result = clean_text(ARTICLE + "\n" + SANA_FOOTER + "\n", rules)
    assert result.text == ARTICLE
    assert result.boilerplate_removed == SANA_FOOTER + "\n"
    assert result.notes() == {"boilerplate_removed": SANA_FOOTER + "\n"}


def test_sana_footer_with_blank_lines_and_vk_link(rules: BoilerplateRules) -> None:
    footer = SANA_FOOTER.replace("\n", "\n\n \n") + "\nhttps://vk.com/syrianarabnewsagency"
    result = clean_text(ARTICLE + "\n\n" + footer, rules)
    assert result.text == ARTICLE
    assert result.boilerplate_removed == footer


def test_real_sana_article(rules: BoilerplateRules) -> None:
    if not SANA.is_file():
        missing_corpus(f"SANA sample article not found at {SANA} (see ../shared/corpus/README.md)")
    raw = SANA.read_text(encoding="utf-8")
    result = clean_text(raw, rules)
    assert result.text.endswith("لاستعادة دير الزور والرقة من إرهابيي “داعش”.")
    assert result.text.startswith("موسكو – سانا\n")
    assert result.boilerplate_removed == SANA_FOOTER
    assert result.text + "\n" + SANA_FOOTER == raw
    assert result.notes() == {"boilerplate_removed": SANA_FOOTER}


def test_footer_lines_in_the_middle_stay(rules: BoilerplateRules) -> None:
    text = (
        "سطر أول.\nhttps://telegram.me/SyrianArabNewsAgency\nتابعونا عبر تطبيق واتس أب :\n"
        "ثم عاد الوزير وقال إن المحادثات ستستمر."
    )
    assert clean_text(text, rules) == plain(text)


def test_no_rules_removes_nothing() -> None:
    text = ARTICLE + "\n" + SANA_FOOTER
    assert clean_text(text) == plain(text)
    assert clean_text(text, BoilerplateRules(())) == plain(text)


def test_text_made_only_of_footer_lines_is_kept(rules: BoilerplateRules) -> None:
    text = "https://example.com/a\n\nhttps://example.com/b"
    assert clean_text(text, rules) == plain(text)
    assert footer_start(text, rules) is None


def test_footer_start(rules: BoilerplateRules) -> None:
    text = "نص.\n\nwww.alehaidib.com\n\n"
    assert footer_start(text, rules) == 5
    assert footer_start("نص.", rules) is None
    assert footer_start("", rules) is None


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        (SANA_FOOTER.split("\n")[0], "sana-follow-news"),
        ("https://telegram.me/SyrianArabNewsAgency", "bare-url"),
        ("  www.chefxchange.com ", "bare-url"),
        ("تابعونا عبر تطبيق واتس أب :", "follow-us"),
        ("تابعونا على فيسبوك وتويتر", "follow-us"),
        (
            "عبر إرسال كلمة اشتراك على الرقم / 0940777186/ بعد تخزينه باسم سانا أو (SANA).",
            "sana-whatsapp-subscription",
        ),
        ("تابعوا صفحتنا على موقع (VK) للتواصل الاجتماعي على الرابط:", "follow-our-page"),
        ("لمتابعة آخر الأخبار اشترك في قناتنا على تيليغرام", "to-follow-subscribe"),
        ("للمزيد من الأخبار تابعونا على Twitter", "to-follow-subscribe"),
        ("جميع الحقوق محفوظة لوكالة سانا © 2016", "copyright-arabic"),
        ("© 2016 جميع الحقوق محفوظة", "copyright-arabic"),
        ("حقوق النشر محفوظة لصحيفة الوطن", "copyright-arabic"),
        ("الوطن أونلاين © 2015", "copyright-symbol"),
        ("Copyright 2015 SANA", "copyright-symbol"),
        ("a.khojah@asharqalawsat.com", "bare-email"),
        ("\u200fتويتر @aljamili", "social-handle"),
        (" ...المزيد", "read-more"),
        (
            "للتواصل مع الكاتب ارسل رسالة SMS تبدأ بالرمز (77) ثم مسافة ثم نص الرسالة إلى 88591",
            "contact-sms",
        ),
        (
            "Qadis@hotmail.comللتواصل مع الكاتب ارسل رسالة SMS تبدأ بالرمز (4) ثم مسافة",
            "contact-sms",
        ),
    ],
)
def test_rules_catch_footer_lines(rules: BoilerplateRules, line: str, rule: str) -> None:
    matched = rules.match(line)
    assert matched is not None and matched.name == rule


@pytest.mark.parametrize(
    "line",
    [
        "تابع الرئيس الاجتماعات مع الوفد الروسي في موسكو.",
        "لمتابعة تطورات الوضع تابع الوزير اجتماعات اللجنة في دمشق.",
        "وقال إن جميع الحقوق محفوظة للشعب السوري.",
        "حقوق الإنسان محفوظة في الدستور الجديد.",
        "وقال أحد الناجين إنهم تابعونا على الطريق حتى الحدود.",
        "ونشرت الوكالة البيان على موقعها https://sana.sy",
        "تابعنا الأحداث عبر شاشات التلفزيون.",
        "وتابعوا آخر الأخبار عبر الإذاعة المحلية طوال الليل بحسب الشهود.",
        "للتواصل مع المواطنين أرسل الأمير فريقاً إلى المنطقة.",
        "المزيد من القتلى في حلب",
        "* خدمة «نيويورك تايمز»",
        "موسكو – سانا",
        "ورد البريد على العنوان info@sana.sy أمس",
        "تابعوا صفحتنا " + "ب" * 400,
    ],
)
def test_rules_leave_article_sentences(rules: BoilerplateRules, line: str) -> None:
    assert rules.match(line) is None


def test_saudinewsnet_footers(rules: BoilerplateRules) -> None:
    path = CORPUS / "saudinewsnet" / "2015-07-21.zip"
    if not path.is_file():
        missing_corpus(f"SaudiNewsNet corpus not found at {path} (see ../shared/corpus/README.md)")
    with zipfile.ZipFile(path) as archive:
        articles = json.loads(archive.read("2015-07-21.json"))
    results = [clean_text(a["content"], rules) for a in articles]
    removed = [r.boilerplate_removed for r in results if r.boilerplate_removed is not None]
    fired = {
        rule.name
        for footer in removed
        for line in footer.split("\n")
        if (rule := rules.match(line)) is not None
    }
    # Columnists' contact lines and scraped "read more" links; no real sentence was removed.
    assert fired == {"bare-email", "bare-url", "contact-sms", "read-more"}
    assert len(removed) == 59
    assert sum(1 for r in results if r.unicode_nfc) == 213


# --- rule files -------------------------------------------------------------------------------


def test_shipped_rules_load(rules: BoilerplateRules) -> None:
    assert rules.origin == str(DEFAULT_RULES_PATH)
    assert [r.name for r in rules.rules][:2] == ["sana-follow-news", "sana-whatsapp-subscription"]
    assert all(r.description for r in rules.rules)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", ": malformed JSON"),
        ('{"version": 2, "rules": []}', ': expected {"version": 1, "rules": [...]}'),
        (
            '{"version": 1, "rules": [{"name": "a", "pattern": "x"}, 3]}',
            ": rule 2: expected an object",
        ),
        ('{"version": 1, "rules": [{"pattern": "x"}]}', ': rule 1: "name" must be'),
        (
            '{"version": 1, "rules": [{"name": "a", "pattern": "x"}, {"name": "a", "pattern": "y"}]}',
            ": rule 2: duplicate name 'a'",
        ),
        (
            '{"version": 1, "rules": [{"name": "a", "pattern": "x("}]}',
            ": rule 1 (a): bad pattern (missing ), unterminated subpattern",
        ),
        ('{"version": 1, "rules": [{"name": "a", "pattern": 5}]}', ': rule 1 (a): "pattern"'),
        (
            '{"version": 1, "rules": [{"name": "a", "pattern": "x?"}]}',
            ": rule 1 (a): pattern matches an empty line",
        ),
    ],
)
def test_bad_rule_files(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "rules.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as caught:
        load_boilerplate_rules(path)
    assert str(caught.value).startswith(str(path))
    assert message in str(caught.value)


def test_every_leading_bom_is_removed() -> None:
    # Qt drops a leading U+FEFF; one left behind would shift every offset by one.
    cleaned = clean_text("\ufeff\ufeffقال الوزير")
    assert cleaned.text == "قال الوزير"
    assert cleaned.bom_removed


# --- the stored form and its offset map (every door) ------------------------------------------


def test_stored_form_folds_everything_and_maps_words_onto_the_same_letters() -> None:
    raw = "\ufeffقال ا\u0654حمد\r\nوصل\x1b[31m دمشق\x00.\rثم"
    stored = stored_form(raw)
    assert stored.text == "قال أحمد\nوصل[31m دمشق.\nثم"
    assert stored.notes() == {
        "bom_removed": True,
        "line_endings": "mixed",
        "unicode_nfc": True,
        "control_characters_removed": 2,
    }
    for word, expected in (("قال", "قال"), ("ا\u0654حمد", "أحمد"), ("دمشق", "دمشق"), ("ثم", "ثم")):
        start = raw.index(word)
        assert stored.text[stored.position(start) : stored.position(start + len(word))] == expected
    assert (stored.position(0), stored.position(len(raw))) == (0, len(stored.text))


def test_an_offset_inside_what_nfc_joins_is_refused_naming_it() -> None:
    stored = stored_form("قال ا\u0654حمد")
    with pytest.raises(UnmappableOffset, match=r"position 5 .*U\+0627 U\+0654.*U\+0623"):
        stored.position(5)
    with pytest.raises(OffsetError, match=r"outside 0\.\.9"):
        stored.position(10)


def test_a_crlf_pair_maps_both_halves_before_its_line_end() -> None:
    stored = stored_form("أ\r\nب")
    assert [stored.position(i) for i in range(5)] == [0, 1, 1, 2, 3]


def test_text_already_stored_is_returned_as_is() -> None:
    text = "عَلِمْتُ\tأنّ\n\ufeffداخلي"
    stored = stored_form(text)
    assert (stored.text, stored.changed, stored.notes()) == (text, False, {})
    assert is_stored_form(text)
    assert not is_stored_form("\ufeffنص") and not is_stored_form("أ\x00")


def test_clean_text_strips_controls_and_says_so() -> None:
    result = clean_text("أ\x07ب\x9bج")
    assert (result.text, result.notes()) == ("أبج", {"control_characters_removed": 2})


def test_clean_with_offsets_uses_the_same_form() -> None:
    text, position, notes = clean_with_offsets("\ufeffا\u0654\r\nب")
    assert (text, position(5), notes["unicode_nfc"]) == ("أ\nب", 2, True)


_PIECES = st.sampled_from(
    ["ا", "\u0654", "\u064e", "\u0651", "ب", " ", "\n", "\x00", "\x1b", "e", "\u0301", "\u1100",
     "\u1161", "\u11a8", "\u0b47", "\u0b3e", "😀"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_stored_form_maps_every_mappable_slice_onto_its_stored_form(raw: str) -> None:
    stored = stored_form(raw)
    assert is_stored_form(stored.text) and stored_form(stored.text).text == stored.text
    positions: dict[int, int] = {}
    for offset in range(len(raw) + 1):
        try:
            positions[offset] = stored.position(offset)
        except UnmappableOffset:
            continue
    assert positions[0] == 0 and positions[len(raw)] == len(stored.text)
    ordered = sorted(positions)
    assert [positions[o] for o in ordered] == sorted(positions.values())
    for a in ordered:
        for b in ordered:
            if a <= b:
                assert stored_form(raw[a:b]).text == stored.text[positions[a] : positions[b]]
