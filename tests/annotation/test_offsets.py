"""The offset contract: code points in storage, UTF-16 only at the edges, drift detected."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotation.model import DocumentId, Span
from annotation.offsets import OffsetError, Utf16Index, check_span

EMOJI_TEXT = "قال 😀 الوزير 🇸🇾 في دمشق"


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_emoji_and_flag_move_utf16_positions() -> None:
    index = Utf16Index(EMOJI_TEXT)
    start = EMOJI_TEXT.index("الوزير")
    assert index.to_utf16(start) == start + 1  # one emoji before: one extra unit
    damascus = EMOJI_TEXT.index("دمشق")
    assert index.to_utf16(damascus) == damascus + 3  # emoji (1) + flag of two astral chars (2)
    assert index.from_utf16(damascus + 3) == damascus
    assert index.utf16_length == utf16_length(EMOJI_TEXT)


def test_position_inside_a_surrogate_pair_is_refused() -> None:
    index = Utf16Index(EMOJI_TEXT)
    emoji_utf16 = index.to_utf16(EMOJI_TEXT.index("😀"))
    with pytest.raises(OffsetError, match="surrogate pair"):
        index.from_utf16(emoji_utf16 + 1)


def test_positions_outside_the_text_are_refused() -> None:
    index = Utf16Index("سورية")
    with pytest.raises(OffsetError):
        index.to_utf16(6)
    with pytest.raises(OffsetError):
        index.from_utf16(-1)


def test_plain_arabic_with_tashkeel_and_lam_alef_converts_by_identity() -> None:
    text = "مُحَمَّدٌ قالَ: لا للإرهاب"
    index = Utf16Index(text)
    assert [index.to_utf16(i) for i in range(len(text) + 1)] == list(range(len(text) + 1))


@given(st.text(alphabet=st.sampled_from([*"اب ل😀🇸\u064e\n", "\U0001f1fe"]), max_size=40))
def test_conversion_matches_utf16_encoding(text: str) -> None:
    index = Utf16Index(text)
    for i in range(len(text) + 1):
        position = index.to_utf16(i)
        assert position == utf16_length(text[:i])
        assert index.from_utf16(position) == i


def span(start: int, end: int, covered: str) -> Span:
    return Span(DocumentId(1), "amal", "LOCATION", start, end, covered)


def test_check_span_accepts_true_covered_text() -> None:
    text = "وصل الوفد إلى لسورية أمس"
    start = text.index("سورية")
    check_span(text, span(start, start + 5, "سورية"))


def test_check_span_reports_drift_with_both_texts() -> None:
    text = "وصل الوفد إلى سورية أمس"
    start = text.index("سورية")
    with pytest.raises(OffsetError, match="claims 'سورية' but the text there is 'ورية '"):
        check_span(text, span(start + 1, start + 6, "سورية"))


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (3, 3), (5, 2), (0, 99)])
def test_check_span_refuses_impossible_offsets(start: int, end: int) -> None:
    with pytest.raises(OffsetError, match="do not fit"):
        check_span("سورية", span(start, end, "x"))
