"""annotation.search: folded words, queries, hits mapped back to the text as written, context."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotation.search import (
    SpanQuery,
    count_phrases,
    find_hits,
    index_words,
    keyword_in_context,
    parse_query,
    span_text_matches,
    word_forms,
)


def hits(text: str, query: str, proclitics: bool = False) -> list[str]:
    """The hits of `query` in `text`, as the text they cover; each checked against its offsets."""
    found = find_hits(text, parse_query(query, proclitics))
    return [text[start:end] for start, end in found]


def at(text: str, part: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


# --- the words the index holds


def test_index_words_are_folded_and_split_where_tokens_split() -> None:
    assert index_words("قالَ الـرّقةُ إسرائيل مستشفى، ١٤٣٦هـ و2012 G20!") == [
        "قال",
        "الرقه",
        "اسراايل",
        "مستشفي",
        "1436",
        "ه",
        "و",
        "2012",
        "G",
        "20",
    ]  # fmt: skip  (every hamza seat reads as alef: issue 14, item 14)


# --- queries


def test_bare_words_are_all_required_and_quoted_words_are_a_phrase() -> None:
    query = parse_query('الرقة "وزير الخارجية" «دير الزور» “حلب”')
    assert query.phrases == (("وزير", "الخارجيه"), ("دير", "الزور"), ("حلب",), ("الرقه",))
    assert query.match_expression() == '"وزير الخارجيه" AND "دير الزور" AND "حلب" AND "الرقه"'


def test_a_query_is_folded_deduplicated_and_may_be_empty() -> None:
    assert parse_query("الرّقة الرقة الـرقه G20").phrases == (("الرقه",), ("G", "20"))
    assert parse_query('"بلا نهاية').phrases == (("بلا", "نهايه"),)
    assert parse_query(" ، . ! ").is_empty
    assert parse_query('""').is_empty


def test_proclitic_forms_and_where_the_hit_starts_in_each() -> None:
    forms = word_forms("الرقه", proclitics=True)
    assert forms["الرقه"] == 0
    assert forms["بالرقه"] == 1 and forms["والرقه"] == 1 and forms["وبالرقه"] == 2
    assert forms["فالرقه"] == 1 and forms["كالرقه"] == 1
    assert forms["للرقه"] == 0 and forms["وللرقه"] == 1  # the article fused with ل
    bare = word_forms("سوريه", proclitics=True)
    assert bare["لسوريه"] == 1 and bare["السوريه"] == 2 and bare["وللسوريه"] == 3
    assert word_forms("الرقه", proclitics=False) == {"الرقه": 0}
    assert word_forms("G", proclitics=True) == {"G": 0}  # only Arabic words take proclitics
    assert word_forms("ب", proclitics=True) == {"ب": 0}  # nor a single letter
    with_proclitics = parse_query("الرقة", proclitics=True).match_expression()
    assert with_proclitics.startswith('("الرقه" OR "بالرقه" OR ')


# --- hits, as written


def test_tashkeel_and_tatweel_are_ignored_and_kept_in_the_hit() -> None:
    text = "دخلت القوات الرّقةَ ثم غادرت الـرقة."
    assert find_hits(text, parse_query("الرقة")) == [at(text, "الرّقةَ"), at(text, "الـرقة")]
    assert hits(text, "الرَّقة") == ["الرّقةَ", "الـرقة"]


def test_hamza_alef_ya_and_ta_marbuta_forms_are_one() -> None:
    assert hits("وصل إلى إسرائيل أمس", "اسرائيل") == ["إسرائيل"]
    assert hits("نقل إلى مستشفي الملك", "مستشفى") == ["مستشفي"]
    assert hits("نقل إلى مستشفى الملك", "مستشفي") == ["مستشفى"]
    assert hits("أهل المدينه", "المدينة") == ["المدينه"]
    assert hits("أهل المدينة", "المدينه") == ["المدينة"]


def test_words_match_whole_words_only() -> None:
    text = "بالرقة والرقتين وسلمان"
    assert hits(text, "الرقة") == []
    assert hits(text, "سلم", proclitics=True) == []
    assert hits(text, "سلمان") == []  # وسلمان is و + سلمان: only with proclitics
    assert hits(text, "سلمان", proclitics=True) == ["سلمان"]


def test_with_proclitics_the_hit_is_the_word_without_them() -> None:
    text = "معارك بالرقة وَبِالرَّقَّةِ والرقة فالرقة"
    assert hits(text, "الرقة") == []
    found = find_hits(text, parse_query("الرقة", proclitics=True))
    assert found[0] == (text.index("بالرقة") + 1, text.index("بالرقة") + len("بالرقة"))
    assert [text[s:e] for s, e in found] == ["الرقة", "الرَّقَّةِ", "الرقة", "الرقة"]


def test_a_word_without_its_article_finds_it_and_the_fused_article_is_covered() -> None:
    text = "وصلوا للرقة ثم إلى الرقة وللرقة"
    assert hits(text, "الرقة", proclitics=True) == ["للرقة", "الرقة", "للرقة"]
    assert hits(text, "رقة", proclitics=True) == ["رقة", "رقة", "رقة"]
    assert hits(text, "رقة") == []


def test_proclitics_are_guessed_from_letters_so_they_are_asked_for() -> None:
    # Documented over-match: without a lexicon لبنان is also ل + بنان.
    assert hits("زار لبنان", "بنان", proclitics=True) == ["بنان"]
    assert hits("زار لبنان", "بنان") == []


def test_phrases_are_consecutive_words_whatever_stands_between() -> None:
    text = "قال وزير الخارجية، ثم وزير  الدفاع: «الخارجية»"
    assert hits(text, '"وزير الخارجية"') == ["وزير الخارجية"]
    assert hits(text, '"الخارجية ثم"') == ["الخارجية، ثم"]
    assert hits(text, '"وزير الخارجيه"') == ["وزير الخارجية"]
    assert hits(text, '"الدفاع وزير"') == []


def test_every_bare_word_must_be_there() -> None:
    text = "الملك سلمان في الرياض"
    assert hits(text, "الرياض الملك") == ["الملك", "الرياض"]
    assert hits(text, "الرياض جدة") == []


def test_offsets_count_code_points_after_an_emoji() -> None:
    text = "😀🇸🇦 زار الرّقة 👍🏽 ثم الرقة"
    found = find_hits(text, parse_query("الرقة"))
    assert found == [(8, 14), (21, 26)]  # 😀 is one code point, the flag two
    assert [text[s:e] for s, e in found] == ["الرّقة", "الرقة"]


def test_digits_latin_case_and_phrases_that_overlap() -> None:
    assert hits("في عام 2014م، وفي ٢٠١٤", "2014") == ["2014", "٢٠١٤"]
    assert hits("قمة G20 وقمة g 20", "G20") == ["G20", "g 20"]
    assert hits("Reuters و REUTERS", "reuters") == ["Reuters", "REUTERS"]
    assert hits("نعم نعم نعم", '"نعم نعم"') == ["نعم نعم", "نعم نعم"]


pieces = st.lists(
    st.sampled_from(["الرقة", "بالرقة", "الرّقة", "للرقة", "رقة", "سورية", "لسورية", "و", "2014"])
    | st.sampled_from(["ب", "ـ", "\u064e", "😀", "،", " ", " ", "\n", "G", "g"]),
    max_size=25,
).map("".join)


@given(pieces, st.sampled_from(["الرقة", "رقة", "سورية", '"الرقة الرقة"', "g", "2014"]))
def test_hits_are_the_index_words_that_match(text: str, query: str) -> None:
    """What find_hits finds is what the index counts: runs of index words equal to the query's
    (so the index's figures and the hits shown never disagree)."""
    for proclitics in (False, True):
        parsed = parse_query(query, proclitics)
        (phrase,) = parsed.phrases
        forms = [{form.lower() for form in forms} for forms in parsed.forms(phrase)]
        words = [word.lower() for word in index_words(text)]
        expected = sum(
            all(words[i + j] in forms[j] for j in range(len(phrase)))
            for i in range(len(words) - len(phrase) + 1)
        )
        found = find_hits(text, parsed)
        assert len(found) == expected
        for start, end in found:
            assert index_words(text[start:end])  # a hit covers words, never punctuation alone


# --- graphemes (issue 13, item 17)

EMOJI = "قال ☺️ ثم ❤️ وصل 👍🏽 الوفد\u200d إلى \u0600١٢ دمشق\u200c ."


@pytest.mark.parametrize("query", ["❤️", "\ufe0f", "☺️", "👍🏽", "\u200d", "\u0600", "❤️ ☺️"])
def test_an_emoji_or_a_lone_mark_is_no_word_and_finds_nothing(query: str) -> None:
    # ❤️ is U+2764 then U+FE0F; the U+FE0F of ☺️ at offset 5 was its "hit".
    assert parse_query(query, True).is_empty
    assert find_hits(EMOJI, parse_query(query)) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ثم", [(7, 9)]),  # after ☺️, whose U+FE0F the index holds as a word
        ('"❤️ وصل"', [(13, 16)]),  # the heart is no word: the phrase is its words
        ("الوفد", [(20, 26)]),  # the ZWJ after its last letter is taken in
        ("12", [(31, 34)]),  # as is the Arabic number sign before its digits
        ("دمشق", [(35, 40)]),  # and the ZWNJ after it
        ("قال", [(0, 3)]),
    ],
)
def test_a_hit_never_starts_or_ends_inside_a_grapheme(
    query: str, expected: list[tuple[int, int]]
) -> None:
    assert find_hits(EMOJI, parse_query(query)) == expected
    assert find_hits(EMOJI, parse_query(query, proclitics=True)) == expected


def test_a_skin_tone_or_a_mark_after_a_word_belongs_to_its_hit() -> None:
    text = "ok\U0001f3fd ثم caq\u0301 e\u0301"
    assert find_hits(text, parse_query("ok")) == [(0, 3)]  # a skin tone extends the k's grapheme
    assert find_hits(text, parse_query("caq\u0301")) == [(7, 11)]
    assert find_hits(text, parse_query("e\u0301")) == [(12, 14)]
    assert find_hits(text, parse_query("\u0301e")) == []  # the leading mark is left out: e


# --- figures and context


def test_count_phrases_counts_consecutive_positions_per_document() -> None:
    first = [(1, 0), (1, 5), (2, 3), (3, 9)]
    second = [(1, 1), (1, 9), (2, 4), (2, 5)]
    assert count_phrases([first, second]) == Counter({1: 1, 2: 1})
    assert count_phrases([first]) == Counter({1: 2, 2: 1, 3: 1})


def test_context_is_cut_at_word_boundaries_on_one_line() -> None:
    text = "كلمة " * 12 + "قبل\nالرقة\n\nبعد " + "كلمة " * 12
    start, end = at(text, "الرقة")
    before, match, after = keyword_in_context(text, start, end)
    assert match == "الرقة"
    assert before.endswith("قبل ") and after.startswith(" بعد")
    assert "\n" not in before + after
    assert len(before) <= 40 and len(after) <= 40
    assert before.split()[0] == "كلمة" and after.split()[-1] == "كلمة"  # whole words only
    text = "١٢٣٤٥٦٧٨٩" * 6 + " الرقة"
    start, end = at(text, "الرقة")
    assert keyword_in_context(text, start, end)[0] == ""  # rather nothing than part of a word
    text = "١٢٣٤٥٦٧٨٩" * 6 + "،الرقة"
    start, end = at(text, "الرقة")
    assert keyword_in_context(text, start, end)[0] == text[start - 40 : start]  # no space at all
    assert keyword_in_context("الرقة", 0, 5) == ("", "الرقة", "")


# --- spans


@pytest.mark.parametrize(
    ("query", "text", "expected"),
    [
        (SpanQuery(), "أي نص", True),
        (SpanQuery(text="لافروف"), "وزير الخارجية سيرغي لافروف", True),
        (SpanQuery(text="لافرو"), "سيرغي لافروف", True),
        (SpanQuery(text="لافرو", whole_words=True), "سيرغي لافروف", False),
        (SpanQuery(text="سيرغي  لافروف", whole_words=True), "سيرغي لافروف", True),
        (SpanQuery(text="الأسد"), "الرئيس بشار الاسد", True),
        (SpanQuery(text="دمشق"), "حلب", False),
    ],
)
def test_span_text_matches_folded_within_or_as_words(
    query: SpanQuery, text: str, expected: bool
) -> None:
    assert span_text_matches(query, text) is expected
