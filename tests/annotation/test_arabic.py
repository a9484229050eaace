"""Tests for annotation.arabic: normalisation and its offset map, tokens, boundaries, snapping."""

from __future__ import annotations

import unicodedata
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotation.arabic import (
    SnapMode,
    Token,
    TokenKind,
    adjust_to_boundaries,
    is_boundary,
    normalise,
    normalise_for_match,
    proclitic_splits,
    snap_selection,
    strip_proclitics,
    token_at,
    tokenise,
)
from tests.conftest import missing_corpus

SANA = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "sana-syria-russia.txt"
VOWELLED = "مُحَمَّدٌ"  # م ُ ح َ م َ ّ د ٌ
DELETED = [
    *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE), 0x0640,
    *range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x061C, 0xFEFF,
]  # fmt: skip

# Text that exercises every rule: letters, folds, marks, tatweel, controls, digits, spaces, emoji.
# (st.lists, not st.text: st.text over a one_of alphabet almost never draws from the first part.)
arabicish = st.lists(
    st.sampled_from(
        "ابتسمحدلكوفيهةأإآٱؤئىکیءـ\u064e\u064f\u0650\u0651\u0652\u0670\u06d6"
        "\u200f\u200e\u202b\u202c\u2067\u2069\u061c\ufeff\u200c\u200d\x1a\u0301"
        "٠٣٩۰۴1.، \u00a0\u202f\n«»SAN😀🏽"
    )
    | st.characters(),
    max_size=30,
).map("".join)


def slice_of(text: str, span: tuple[int, int] | None) -> str | None:
    return None if span is None else text[span[0] : span[1]]


# --- normalisation rules


@pytest.mark.parametrize("cp", DELETED)
def test_deletes_marks_tatweel_and_controls(cp: int) -> None:
    assert normalise_for_match(f"ب{chr(cp)}ب") == "بب"


@pytest.mark.parametrize(
    ("source", "target"),
    [("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ؤ", "و"), ("ئ", "ي"), ("ى", "ي"),
     ("ة", "ه"), ("ک", "ك"), ("ی", "ي"), ("\u00a0", " "), ("\u202f", " "), ("\u2007", " ")],
)  # fmt: skip
def test_folds_letters_and_spaces(source: str, target: str) -> None:
    assert normalise_for_match(f"ب{source}ب") == f"ب{target}ب"


def test_folds_arabic_indic_digits_to_ascii() -> None:
    assert normalise_for_match("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert normalise_for_match("۰۱۲۳۴۵۶۷۸۹") == "0123456789"


def test_leaves_other_characters_alone() -> None:
    text = "ء ه ي ك ا Latin 123 😀 \u200d\u00ad \t\n"
    assert normalise_for_match(text) == text.replace("\u200d", "")


def test_whole_phrases() -> None:
    assert normalise_for_match("إلى مدرسةِ الأطفالِ في ١٤٣٦") == "الي مدرسه الاطفال في 1436"
    assert normalise("\u200fقالـت سورية\u200f").text == "قالت سوريه"


# --- the offset map


def test_vowelled_word_maps_to_its_letters() -> None:
    n = normalise(VOWELLED)
    assert n.text == "محمد"
    assert [n.to_original(i) for i in range(5)] == [0, 2, 4, 7, 9]
    assert [n.to_normalised(i) for i in range(10)] == [0, 1, 1, 2, 2, 3, 3, 3, 4, 4]
    assert n.span_to_original(0, 4) == (0, 9)
    assert VOWELLED[slice(*n.span_to_original(1, 3))] == "حَمَّ"
    assert VOWELLED[slice(*n.span_to_original(0, 1))] == "مُ"
    assert n.span_to_original(2, 2) == (4, 4)


def test_search_hit_covers_the_whole_vowelled_word() -> None:
    text = f"قال {VOWELLED} إن"
    n = normalise(text)
    start = n.text.index("محمد")
    assert text[slice(*n.span_to_original(start, start + 4))] == VOWELLED


def test_tatweel_inside_is_kept_but_not_before_the_first_letter_or_after_the_last() -> None:
    text = "الميدانيـة"
    n = normalise(text)
    assert n.text == "الميدانيه"
    assert text[slice(*n.span_to_original(2, 9))] == "ميدانيـة"
    assert text[slice(*n.span_to_original(8, 9))] == "ة"
    assert text[slice(*n.span_to_original(0, 8))] == "الميداني"


def test_bidi_controls_around_a_word_are_left_out() -> None:
    text = "\u200fسورية\u200f\u2069"
    n = normalise(text)
    assert n.text == "سوريه"
    assert n.span_to_original(0, 5) == (1, 6)
    assert [n.to_normalised(i) for i in (0, 1, 6, 7, 8)] == [0, 0, 5, 5, 5]
    assert n.to_original(5) == 8


def test_out_of_range_offsets_are_rejected() -> None:
    n = normalise(VOWELLED)
    with pytest.raises(IndexError):
        n.to_original(5)
    with pytest.raises(IndexError):
        n.to_normalised(-1)
    with pytest.raises(ValueError):
        n.span_to_original(3, 2)


@given(arabicish)
def test_every_normalised_span_maps_back_to_text_normalising_to_it(text: str) -> None:
    n = normalise(text)
    assert n.text == normalise_for_match(text)
    for start in range(len(n.text) + 1):
        for end in range(start, len(n.text) + 1):
            original_start, original_end = n.span_to_original(start, end)
            assert normalise_for_match(text[original_start:original_end]) == n.text[start:end]


@given(arabicish)
def test_map_is_monotonic_and_inverted_by_to_normalised(text: str) -> None:
    n = normalise(text)
    originals = [n.to_original(i) for i in range(len(n.text) + 1)]
    assert originals[-1] == len(text)
    assert all(a < b for a, b in pairwise(originals))
    assert all(n.to_normalised(o) == i for i, o in enumerate(originals))
    normalised = [n.to_normalised(i) for i in range(len(text) + 1)]
    assert normalised == sorted(normalised)


# --- tokens


def kinds(text: str) -> list[tuple[str, TokenKind]]:
    return [(token.text, token.kind) for token in tokenise(text)]


def test_mixed_latin_arabic_and_digits() -> None:
    text = "سانا (SANA) 2016"
    assert tokenise(text) == [
        Token(0, 4, "سانا", TokenKind.WORD),
        Token(5, 6, "(", TokenKind.PUNCT),
        Token(6, 10, "SANA", TokenKind.WORD),
        Token(10, 11, ")", TokenKind.PUNCT),
        Token(12, 16, "2016", TokenKind.NUMBER),
    ]


def test_marks_and_tatweel_stay_inside_words() -> None:
    assert kinds(f"{VOWELLED} الميدانيـة") == [
        (VOWELLED, TokenKind.WORD),
        ("الميدانيـة", TokenKind.WORD),
    ]


@pytest.mark.parametrize("number", ["1.5", "٣٫٥", "1,000", "١٬٠٠٠", "۱۲", "0940777186"])
def test_numbers_keep_their_separators(number: str) -> None:
    assert kinds(f"بلغ {number}.") == [
        ("بلغ", TokenKind.WORD),
        (number, TokenKind.NUMBER),
        (".", TokenKind.PUNCT),
    ]


def test_each_punctuation_mark_is_a_token() -> None:
    marks = "،؛؟“”«»\"'()[]–—:/"
    assert kinds(" ".join(marks)) == [(mark, TokenKind.PUNCT) for mark in marks]
    assert kinds("«قال»،") == [
        ("«", TokenKind.PUNCT),
        ("قال", TokenKind.WORD),
        ("»", TokenKind.PUNCT),
        ("،", TokenKind.PUNCT),
    ]


def test_emoji_after_arabic_is_one_other_token() -> None:
    assert tokenise("شكرا😀 👍🏽") == [
        Token(0, 4, "شكرا", TokenKind.WORD),
        Token(4, 5, "😀", TokenKind.OTHER),
        Token(6, 8, "👍🏽", TokenKind.OTHER),
    ]


def test_controls_and_whitespace_are_not_tokens() -> None:
    assert tokenise("\u200fسورية\u200f \n\t\u00a0") == [Token(1, 6, "سورية", TokenKind.WORD)]
    assert tokenise("ب\u200cب")[0].text == "ب\u200cب"  # a ZWNJ inside a word stays in it


@given(arabicish)
def test_tokens_are_slices_and_never_split_a_letter_from_its_marks(text: str) -> None:
    tokens = tokenise(text)
    assert all(text[t.start : t.end] == t.text and t.start < t.end for t in tokens)
    assert all(a.end <= b.start for a, b in pairwise(tokens))
    owner = {i: t for t in tokens for i in range(t.start, t.end)}
    for i, char in enumerate(text):
        category = unicodedata.category(char)
        if not char.isspace() and category != "Cf":
            assert i in owner
        if category[0] == "M" and i - 1 in owner:  # a mark goes with what it follows
            assert owner[i] is owner[i - 1]
    for t in tokens:
        assert not any(char.isspace() for char in t.text)
        assert is_boundary(text, t.start) and is_boundary(text, t.end)


def test_token_at() -> None:
    tokens = tokenise("قال محمد")
    assert token_at(tokens, 0) == Token(0, 3, "قال", TokenKind.WORD)
    assert token_at(tokens, 7) == Token(4, 8, "محمد", TokenKind.WORD)
    assert token_at(tokens, 3) is None
    assert token_at(tokens, 8) is None
    assert token_at([], 0) is None


# --- boundaries


def test_boundaries_do_not_split_a_letter_from_its_marks() -> None:
    assert [is_boundary(VOWELLED, i) for i in range(10)] == [
        True, False, True, False, True, False, False, True, False, True,
    ]  # fmt: skip
    assert adjust_to_boundaries(VOWELLED, 1, 5) == (0, 7)
    assert adjust_to_boundaries(VOWELLED, 2, 4) == (2, 4)


def test_boundaries_keep_emoji_sequences_together() -> None:
    family = "👨\u200d👩"
    assert [is_boundary(family, i) for i in range(4)] == [True, False, False, True]
    assert not is_boundary("👍🏽", 1)


# --- clitics


@pytest.mark.parametrize(
    ("word", "splits"),
    [("لسورية", [1]), ("وبالقاهرة", [1, 2, 4]), ("للقاهرة", [2]), ("وللقاهرة", [1, 3]),
     ("وَبِالْقاهرة", [2, 4, 7]), ("لـداعش", [2]), ("القاهرة", [2]), ("لبنان", [1]),
     ("والد", [1]), ("لله", []), ("ألمانيا", []), ("من", [])],
)  # fmt: skip
def test_proclitic_splits(word: str, splits: list[int]) -> None:
    assert proclitic_splits(word) == splits


@pytest.mark.parametrize(
    ("word", "stem"),
    [("وبالقاهرة", "القاهرة"), ("بالعراق", "العراق"), ("فالرقة", "الرقة"), ("للقاهرة", "للقاهرة"),
     ("القاهرة", "القاهرة"), ("لسورية", "لسورية"), ("لبنان", "لبنان"), ("بغداد", "بغداد"),
     ("كركوك", "كركوك"), ("فلسطين", "فلسطين"), ("واشنطن", "واشنطن"), ("والده", "والده"),
     ("وألمانيا", "وألمانيا")],
)  # fmt: skip
def test_strip_proclitics_without_a_lexicon_strips_only_before_the_article(
    word: str, stem: str
) -> None:
    assert word[strip_proclitics(word) :] == stem


def test_strip_proclitics_with_a_lexicon_takes_the_longest_known_strip() -> None:
    assert strip_proclitics("لسورية", {"سوريه"}.__contains__) == 1
    assert strip_proclitics("لبنان", {"لبنان"}.__contains__) == 0
    assert strip_proclitics("وبالقاهرة", {"القاهره", "قاهره"}.__contains__) == 4
    assert strip_proclitics("وبالقاهرة", {"بالقاهره"}.__contains__) == 1
    # Nothing known: the rule without a lexicon.
    assert strip_proclitics("وبالقاهرة", lambda _: False) == 2
    assert strip_proclitics("لسورية", lambda _: False) == 0


# --- snapping

TEXT = "قال لسورية، وبالقاهرة وللقاهرة «لـداعش» وَبِالقاهرة"


def snap(selected: str, mode: SnapMode, text: str = TEXT) -> str | None:
    """Select the first occurrence of `selected` and return what the snapped selection covers."""
    start = text.index(selected)
    return slice_of(text, snap_selection(text, start, start + len(selected), mode))


@pytest.mark.parametrize(
    ("selected", "word", "clitic"),
    [("سورية", "لسورية", "سورية"), ("ورية", "لسورية", "سورية"), ("لسورية", "لسورية", "لسورية"),
     ("ي", "لسورية", "سورية"), ("ل", "قال", "قال"), ("القاهرة", "وبالقاهرة", "القاهرة"),
     ("قاهرة وللق", "وبالقاهرة وللقاهرة", "قاهرة وللقاهرة"), ("ـداعش", "لـداعش", "داعش"),
     ("داع", "لـداعش", "داعش")],
)  # fmt: skip
def test_word_and_clitic_snapping(selected: str, word: str, clitic: str) -> None:
    assert snap(selected, SnapMode.WORD) == word
    assert snap(selected, SnapMode.CLITIC) == clitic


def test_clitic_snapping_starts_at_the_largest_split_before_the_user_start() -> None:
    text = "وبالقاهرة"
    starts = {i: slice_of(text, snap_selection(text, i, 9, SnapMode.CLITIC)) for i in range(9)}
    assert starts == {
        0: "وبالقاهرة", 1: "بالقاهرة", 2: "القاهرة", 3: "القاهرة", 4: "قاهرة", 5: "قاهرة",
        6: "قاهرة", 7: "قاهرة", 8: "قاهرة",
    }  # fmt: skip
    assert snap("قاهرة", SnapMode.CLITIC, text="للقاهرة") == "قاهرة"
    assert snap("لقاهرة", SnapMode.CLITIC, text="للقاهرة") == "للقاهرة"
    assert snap("القاهرة", SnapMode.CLITIC, text="وَبِالقاهرة") == "القاهرة"
    # A mark belongs to its letter: starting on the kasra of لِ is starting on لِ.
    assert snap("ِسورية", SnapMode.CLITIC, text="لِسورية") == "لِسورية"


def test_clitic_snapping_across_tokens_only_moves_the_start() -> None:
    assert snap("ورية، وبالقا", SnapMode.CLITIC) == "سورية، وبالقاهرة"


def test_word_snapping_drops_edge_punctuation_unless_that_is_all() -> None:
    assert snap("سورية،", SnapMode.WORD) == "لسورية"
    assert snap("«لـداعش»", SnapMode.WORD) == "لـداعش"
    assert snap("، ", SnapMode.WORD) == "،"
    assert snap("»", SnapMode.CLITIC) == "»"


def test_empty_and_whitespace_selections_give_none() -> None:
    space = TEXT.index(" ")
    for mode in SnapMode:
        assert snap_selection(TEXT, space, space + 1, mode) is None
        assert snap_selection(TEXT, 5, 5, mode) is None
    with pytest.raises(ValueError):
        snap_selection(TEXT, 5, 4, SnapMode.WORD)


def test_exact_snapping_never_splits_a_letter_from_its_marks() -> None:
    text = f" {VOWELLED} "
    assert slice_of(text, snap_selection(text, 1, 2, SnapMode.EXACT)) == "مُ"
    assert slice_of(text, snap_selection(text, 2, 3, SnapMode.EXACT)) == "مُ"
    assert slice_of(text, snap_selection(text, 0, 4, SnapMode.EXACT)) == "مُحَ"
    assert slice_of(text, snap_selection(text, 0, 11, SnapMode.EXACT)) == VOWELLED


def test_snapping_uses_the_tokens_it_is_given() -> None:
    tokens = tokenise(TEXT)
    start = TEXT.index("ورية")
    assert snap_selection(TEXT, start, start + 1, SnapMode.WORD, tokens) == (4, 10)


# --- a real article


@pytest.fixture(scope="module")
def sana() -> str:
    if not SANA.exists():
        missing_corpus(f"corpus file {SANA} is missing (see ../shared/corpus/README.md)")
    return SANA.read_text(encoding="utf-8")


def test_sana_tokens_are_slices_covering_every_visible_character(sana: str) -> None:
    tokens = tokenise(sana)
    assert all(sana[t.start : t.end] == t.text for t in tokens)
    covered = sum(t.end - t.start for t in tokens)
    assert covered == sum(1 for char in sana if not char.isspace())
    words = {t.text for t in tokens if t.kind is TokenKind.WORD}
    assert {"سيرومولوتوف", "لافروف", "بوغدانوف", "موسكو", "تدمر", "والميدانيـة"} <= words
    assert Token(sana.index("0940777186"), sana.index("0940777186") + 10, "0940777186",
                 TokenKind.NUMBER) in tokens  # fmt: skip


def test_sana_normalise_round_trip(sana: str) -> None:
    n = normalise(sana)
    assert n.text == normalise_for_match(sana)
    for t in tokenise(sana):
        start, end = n.to_normalised(t.start), n.to_normalised(t.end)
        original_start, original_end = n.span_to_original(start, end)
        assert normalise_for_match(sana[original_start:original_end]) == n.text[start:end]
        assert (original_start, original_end) == (t.start, t.end)
    hits = [i for i in range(len(n.text)) if n.text.startswith("الميدانيه", i)]
    assert [sana[slice(*n.span_to_original(i, i + 9))] for i in hits] == ["الميدانيـة"]
    syria = n.text.count("سوريه")
    assert syria > 5
    assert syria == sana.count("سورية")


@given(arabicish, st.data())
def test_snapped_selections_start_and_end_on_boundaries_without_spaces(
    text: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for mode in SnapMode:
        snapped = snap_selection(text, start, end, mode)
        if snapped is None:
            continue
        assert is_boundary(text, snapped[0]) and is_boundary(text, snapped[1])
        assert snapped[0] < snapped[1]
        assert not text[snapped[0]].isspace() and not text[snapped[1] - 1].isspace()


def test_a_flag_is_one_token() -> None:
    assert [t.text for t in tokenise("رفع العلم 🇸🇾🇱🇧 أمس")] == ["رفع", "العلم", "🇸🇾", "🇱🇧", "أمس"]
