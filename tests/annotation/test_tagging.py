"""Tagging: selections become spans with the right offsets; boundaries move by whole words."""

from __future__ import annotations

import pytest

from annotation.arabic import SnapMode, edge_inside_letter
from annotation.model import Document, DocumentId, Span, text_sha256
from annotation.tagging import (
    Boundary,
    TaggedText,
    drag_boundary,
    move_boundary,
    propose_span,
    spans_at,
)
from annotation.tagset import load_tagset

TEXT = "وقال الوزير إن سورية ترحب بالوفد، وإن لسورية ولبنان مصلحة في التعاون مع بغداد."
TAGSET = load_tagset()


@pytest.fixture
def tagged() -> TaggedText:
    return TaggedText(Document(text=TEXT, text_sha256=text_sha256(TEXT), id=DocumentId(7)))


def select(word: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def covered(tagged: TaggedText, start: int, end: int, mode: SnapMode) -> str | None:
    span = propose_span(tagged, "amal", TAGSET.label("LOCATION"), start, end, mode)
    return None if span is None else span.text


def test_a_partial_selection_snaps_to_the_whole_word(tagged: TaggedText) -> None:
    start, end = select("زير")
    assert covered(tagged, start, end, SnapMode.WORD) == "الوزير"
    span = propose_span(tagged, "amal", TAGSET.label("CLAIM"), start, end, SnapMode.WORD)
    assert span is not None
    assert (span.document_id, span.start, span.end) == (
        7,
        TEXT.index("الوزير"),
        TEXT.index("الوزير") + 6,
    )
    assert span.attributes == {}  # kind and polarity unset until chosen (issue 14, item 6)


def test_trailing_punctuation_and_spaces_are_dropped(tagged: TaggedText) -> None:
    start, _ = select("بالوفد")
    assert covered(tagged, start - 1, start + len("بالوفد، "), SnapMode.WORD) == "بالوفد"


def test_exact_mode_keeps_the_characters_chosen(tagged: TaggedText) -> None:
    start, end = select("سورية")
    assert covered(tagged, start + 1, end, SnapMode.EXACT) == "ورية"


def test_clitic_mode_drops_a_proclitic_the_document_shows_is_one(tagged: TaggedText) -> None:
    start, end = select("لسورية")
    assert covered(tagged, start, end, SnapMode.CLITIC) == "سورية"  # سورية stands alone earlier
    start, end = select("ولبنان")
    # Nothing in the text shows لبنان alone, but the gazetteer knows it (issue 14, item 13).
    assert covered(tagged, start, end, SnapMode.CLITIC) == "لبنان"
    start, end = select("بالوفد")
    assert covered(tagged, start, end, SnapMode.CLITIC) == "الوفد"
    start, end = select("بغداد")
    assert covered(tagged, start, end, SnapMode.CLITIC) == "بغداد"
    assert covered(tagged, start, end, SnapMode.WORD) == "بغداد"


def test_whitespace_only_selection_gives_no_span(tagged: TaggedText) -> None:
    start = TEXT.index(" ")
    assert (
        propose_span(tagged, "amal", TAGSET.label("SPEAKER"), start, start + 1, SnapMode.WORD)
        is None
    )


def span_over(tagged: TaggedText, words: str) -> Span:
    start, end = select(words)
    return Span(DocumentId(7), "amal", "CLAIM", start, end, words)


def test_boundaries_move_by_whole_words(tagged: TaggedText) -> None:
    claim = span_over(tagged, "سورية ترحب")
    longer = move_boundary(tagged, claim, Boundary.END, 1)
    assert longer is not None and longer.text == "سورية ترحب بالوفد"
    earlier = move_boundary(tagged, claim, Boundary.START, -1)
    assert earlier is not None and earlier.text == "إن سورية ترحب"
    shorter = move_boundary(tagged, claim, Boundary.END, -1)
    assert shorter is not None and shorter.text == "سورية"
    assert move_boundary(tagged, shorter, Boundary.END, -1) is None  # would be empty
    first = span_over(tagged, "وقال")
    assert move_boundary(tagged, first, Boundary.START, -1) is None


def test_dragging_one_boundary_snaps_only_that_one(tagged: TaggedText) -> None:
    start = TEXT.index("لسورية") + 1  # سورية tagged exactly, inside لسورية
    exact = Span(DocumentId(7), "amal", "LOCATION", start, start + 5, "سورية")
    end_of_lebanon = TEXT.index("ولبنان") + 3  # dragged into the middle of the next word
    dragged = drag_boundary(tagged, exact, Boundary.END, end_of_lebanon, SnapMode.WORD)
    assert dragged is not None and dragged.text == "سورية ولبنان"  # the exact start stays
    assert dragged.start == start
    # EXACT never keeps a trailing space, nor splits a letter from its marks.
    claim = span_over(tagged, "سورية ترحب")
    after_space = claim.end + 1
    dragged = drag_boundary(tagged, claim, Boundary.END, after_space, SnapMode.EXACT)
    assert dragged is not None and dragged.text == "سورية ترحب"
    moved_start = drag_boundary(
        tagged, claim, Boundary.START, TEXT.index("إن سورية") + 1, SnapMode.WORD
    )
    assert moved_start is not None and moved_start.text == "إن سورية ترحب"
    assert drag_boundary(tagged, claim, Boundary.END, claim.start, SnapMode.WORD) is None


def test_spans_at_gives_the_innermost_first(tagged: TaggedText) -> None:
    claim = span_over(tagged, "سورية ترحب بالوفد")
    place = span_over(tagged, "سورية")
    position = TEXT.index("سورية") + 2
    assert spans_at([claim, place], position) == [place, claim]
    assert spans_at([claim, place], 0) == []


# Issue 14, item 12: no edit from the window may cut a letter from its marks. Every selection,
# every drag and every move by words over a fully vowelled text, in every mode.
VOWELLED = "قال مُحَمَّد إن الوفد وصل إلى دِمَشْقَ وَلِلقاهِرَةِ أمس."


def test_no_selection_drag_or_move_cuts_a_letter_from_its_marks() -> None:
    tagged = TaggedText(Document(VOWELLED, text_sha256(VOWELLED), id=DocumentId(7)))
    label = TAGSET.label("LOCATION")
    made: list[Span] = []
    for mode in SnapMode:
        for start in range(len(VOWELLED) + 1):
            for end in range(start, len(VOWELLED) + 1):
                span = propose_span(tagged, "amal", label, start, end, mode)
                if span is not None:
                    made.append(span)
    assert {s.text for s in made} >= {"مُحَمَّد", "دِمَشْقَ", "وَلِلقاهِرَةِ", "لِلقاهِرَةِ", "قاهِرَةِ"}
    whole = [s for s in made if s.text in ("مُحَمَّد", "دِمَشْقَ")]
    for span in whole:
        for mode in SnapMode:
            for position in range(len(VOWELLED) + 1):
                for boundary in Boundary:
                    moved = drag_boundary(tagged, span, boundary, position, mode)
                    if moved is not None:
                        made.append(moved)
        for boundary in Boundary:
            for words in (-2, -1, 1, 2):
                moved = move_boundary(tagged, span, boundary, words)
                if moved is not None:
                    made.append(moved)
    cut = [
        (s.start, s.end, s.text)
        for s in made
        if edge_inside_letter(VOWELLED, s.start, s.end) is not None
    ]
    assert cut == []
    assert "مُحَم" not in {s.text for s in made} and "دِمَشْق" not in {s.text for s in made}
