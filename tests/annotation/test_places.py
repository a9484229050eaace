"""Tests for the assistant's location finder, its gazetteer and its score on Wojood."""

from __future__ import annotations

import importlib.util
import json
import sys
from itertools import pairwise
from pathlib import Path
from types import ModuleType

import pytest

from annotation.arabic import is_boundary
from annotation.assistant.places import (
    GAZETTEER,
    Gazetteer,
    Place,
    PlaceKind,
    PlaceMatch,
    StopList,
)
from annotation.assistant.wojood import (
    Score,
    evaluate_locations,
    read_sentences,
    token_range,
    widen_to_designators,
)
from annotation.assistant.wojood import main as wojood_main
from tests.conftest import CORPUS, SANA, corpus_file

WOJOOD = [CORPUS / "wojood-sample" / f"{name}.txt" for name in ("train", "val", "test")]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def found(gazetteer: Gazetteer, text: str) -> list[tuple[int, int, str, str]]:
    return [(m.start, m.end, m.text, m.entity_name) for m in gazetteer.find(text)]


def only(gazetteer: Gazetteer, text: str) -> PlaceMatch:
    matches = gazetteer.find(text)
    assert len(matches) == 1, matches
    return matches[0]


# --- proclitics and the article -------------------------------------------------------------


def test_a_proclitic_is_left_out_of_the_match(gazetteer: Gazetteer) -> None:
    text = "قدمت روسيا الدعم لسورية منذ البداية"
    start = text.index("لسورية") + 1
    assert found(gazetteer, text) == [
        (5, 10, "روسيا", "روسيا"),
        (start, start + 5, "سورية", "سوريا"),
    ]


def test_a_proclitic_chain_is_left_out_and_the_article_kept(gazetteer: Gazetteer) -> None:
    assert found(gazetteer, "وبالقاهرة") == [(2, 9, "القاهرة", "القاهرة")]
    assert found(gazetteer, "دير الزور والرقة") == [
        (0, 9, "دير الزور", "دير الزور"),
        (11, 16, "الرقة", "الرقة"),
    ]


def test_lam_with_the_elided_alef_of_the_article_starts_at_the_second_lam(
    gazetteer: Gazetteer,
) -> None:
    # للقاهرة = ل + القاهرة: the preposition is left out, the article's ل (as written) kept.
    assert found(gazetteer, "للقاهرة") == [(1, 7, "لقاهرة", "القاهرة")]
    assert found(gazetteer, "وللقاهرة") == [(2, 8, "لقاهرة", "القاهرة")]
    # With tashkeel the match starts at the second ل and keeps the marks on both ends.
    assert found(gazetteer, "لِلْقاهِرَةِ") == [(2, 12, "لْقاهِرَةِ", "القاهرة")]


def test_lam_before_a_name_that_starts_with_lam(gazetteer: Gazetteer) -> None:
    assert found(gazetteer, "للبنان") == [(1, 6, "لبنان", "لبنان")]
    assert found(gazetteer, "ولندن") == [(1, 5, "لندن", "لندن")]


def test_a_name_that_starts_with_a_proclitic_letter_is_never_cut(gazetteer: Gazetteer) -> None:
    assert found(gazetteer, "لبنان") == [(0, 5, "لبنان", "لبنان")]
    assert found(gazetteer, "بنان") == []
    assert found(gazetteer, "واشنطن وبغداد") == [
        (0, 6, "واشنطن", "واشنطن"),
        (8, 13, "بغداد", "بغداد"),
    ]


def test_a_match_ends_on_a_token_end(gazetteer: Gazetteer) -> None:
    assert found(gazetteer, "السوريون والعمانية واللبنانيون") == []


# --- normalisation ---------------------------------------------------------------------------


def test_tashkeel_is_ignored_and_kept_in_the_match(gazetteer: Gazetteer) -> None:
    text = "وصل إلى دِمَشْقَ أمس"
    start = text.index("دِمَشْقَ")
    assert found(gazetteer, text) == [(start, start + 8, "دِمَشْقَ", "دمشق")]


def test_tatweel_is_ignored(gazetteer: Gazetteer) -> None:
    assert only(gazetteer, "بغـــداد").entity_name == "بغداد"


def test_hamza_and_alef_forms(gazetteer: Gazetteer) -> None:
    for spelling in ("إسرائيل", "اسرائيل", "إسرائیل"):
        assert only(gazetteer, spelling).entity_name == "إسرائيل"
    for spelling in ("أمريكا", "امريكا", "أميركا"):
        assert only(gazetteer, spelling).entity_name == "الولايات المتحدة"


def test_alef_maqsura_and_ta_marbuta(gazetteer: Gazetteer) -> None:
    assert only(gazetteer, "ديالي").entity_name == "ديالى"
    assert only(gazetteer, "القاهره").entity_name == "القاهرة"
    assert only(gazetteer, "سوريه").entity_name == "سوريا"


def test_an_emoji_before_a_match_counts_one_code_point(gazetteer: Gazetteer) -> None:
    text = "👍🏽 في دمشق 🇸🇾"
    match = only(gazetteer, text)
    assert (match.start, match.end) == (6, 10)
    assert text[match.start : match.end] == "دمشق"


# --- longest first, canonical names ---------------------------------------------------------


def test_the_longest_name_wins(gazetteer: Gazetteer) -> None:
    text = "أعلنت الولايات المتحدة الأمريكية أن الولايات المتحدة"
    second = text.rindex("الولايات")
    assert found(gazetteer, text) == [
        (6, second - 4, "الولايات المتحدة الأمريكية", "الولايات المتحدة"),
        (second, len(text), "الولايات المتحدة", "الولايات المتحدة"),
    ]


def test_longest_first_does_not_depend_on_the_order_of_the_entries() -> None:
    short, long = Place("بلد", kind=PlaceKind.REGION), Place("بلد كبير", kind=PlaceKind.COUNTRY)
    for places in ([short, long], [long, short]):
        assert [m.entity_name for m in Gazetteer(places).find("في بلد كبير")] == ["بلد كبير"]


def test_each_match_is_named_by_its_canonical_name(gazetteer: Gazetteer) -> None:
    text = "سورية والجمهورية العربية السورية وأميركا والمملكة العربية السعودية"
    assert [(m.entity_name, m.kind) for m in gazetteer.find(text)] == [
        ("سوريا", PlaceKind.COUNTRY),
        ("سوريا", PlaceKind.COUNTRY),
        ("الولايات المتحدة", PlaceKind.COUNTRY),
        ("السعودية", PlaceKind.COUNTRY),
    ]


# --- the stop list --------------------------------------------------------------------------


def test_stop_listed_words_are_not_matched(gazetteer: Gazetteer) -> None:
    for text in ("نشرت صور الحادث", "وجاء في الخبر", "ترك المكان", "مبلغ مالي", "قال عبد الجليل"):
        assert found(gazetteer, text) == [], text


def test_a_stop_listed_word_counts_in_its_context(gazetteer: Gazetteer) -> None:
    assert only(gazetteer, "في مدينة صور").text == "صور"
    assert only(gazetteer, "بمحافظة الخبر").text == "الخبر"
    assert [m.text for m in gazetteer.find("الدمام والخبر")] == ["الدمام", "الخبر"]
    assert only(gazetteer, "قاتل في مالي").text == "مالي"


def test_saudi_the_adjective_is_not_saudi_the_country(gazetteer: Gazetteer) -> None:
    assert found(gazetteer, "وزارة الداخلية السعودية") == []
    assert [m.text for m in gazetteer.find("زار السعودية ثم الأردن والسعودية")] == [
        "السعودية",
        "الأردن",
        "السعودية",
    ]


def test_a_gazetteer_without_a_stop_list_matches_everything() -> None:
    bare = Gazetteer.load(stoplist=None)
    assert [m.text for m in bare.find("نشرت صور الحادث")] == ["صور"]


def test_a_stop_list_never_entry_applies_to_aliases_too() -> None:
    place = Place("مكان", ("موضع",), PlaceKind.CITY)
    assert Gazetteer([place], StopList(never=frozenset({"موضع"}))).find("موضع ومكان") == [
        PlaceMatch(6, 10, "مكان", "مكان", PlaceKind.CITY)
    ]


# --- on real text ---------------------------------------------------------------------------


def test_the_sana_article(gazetteer: Gazetteer) -> None:
    text = corpus_file(SANA).read_text(encoding="utf-8")
    matches = gazetteer.find(text)
    names = {m.entity_name for m in matches}
    assert {"موسكو", "سوريا", "تدمر", "الرقة", "دير الزور", "بروكسل"} <= names
    for before, after in pairwise(matches):
        assert before.end <= after.start
    for match in matches:
        assert text[match.start : match.end] == match.text
        assert is_boundary(text, match.start) and is_boundary(text, match.end)


# --- the gazetteer file ---------------------------------------------------------------------


def _generator() -> ModuleType:
    path = GAZETTEER.parent / "make_gazetteer.py"
    spec = importlib.util.spec_from_file_location("make_gazetteer", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _digest(value: object) -> str:
    import hashlib

    canonical = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def test_places_json_was_not_edited_by_hand() -> None:
    data = json.loads(GAZETTEER.read_text(encoding="utf-8"))
    curated = json.loads((GAZETTEER.parent / "curated.json").read_text(encoding="utf-8"))
    assert data["places_sha256"] == _digest(data["places"]), "rerun make_gazetteer.py"
    assert data["curated_sha256"] == _digest(curated), "curated.json changed: rerun the generator"


def test_places_json_is_what_the_generator_makes() -> None:
    pytest.importorskip("babel", reason="babel is in requirements-dev.txt")
    pytest.importorskip("pycountry", reason="pycountry is in requirements-dev.txt")
    generator = _generator()
    curated = json.loads(generator.CURATED.read_text(encoding="utf-8"))
    made = generator.render(generator.build(curated))
    assert made == GAZETTEER.read_text(encoding="utf-8"), "rerun make_gazetteer.py"


def test_no_name_belongs_to_two_places(gazetteer: Gazetteer) -> None:
    from annotation.arabic import normalise_for_match

    names = [
        " ".join(normalise_for_match(name).split())
        for place in gazetteer.places
        for name in (place.name, *place.aliases)
    ]
    assert len(names) == len(set(names))
    assert len(gazetteer.places) > 900


# --- Wojood ---------------------------------------------------------------------------------

SAMPLE = """\
زار O
مدينة B-GPE
القدس I-GPE
و O
لسورية B-GPE

اتفاق O
بلدية B-ORG
رام I-ORG B-GPE
الله I-ORG I-GPE
"""


def test_wojood_sentences_tokens_and_nested_gold() -> None:
    first, second = read_sentences(SAMPLE.splitlines())
    assert first.text == "زار مدينة القدس و لسورية"
    assert first.tokens[2] == (10, 15) and first.text[10:15] == "القدس"
    assert first.locations == {(1, 3), (4, 5)}
    assert second.locations == {(2, 4)}  # from the second column, inside an ORG


def test_wojood_token_ranges_and_designators(gazetteer: Gazetteer) -> None:
    first, _ = read_sentences(SAMPLE.splitlines())
    ranges = [token_range(first, m.start, m.end) for m in gazetteer.find(first.text)]
    assert ranges == [(2, 3), (4, 5)]  # القدس, and سورية behind its proclitic: the whole token
    assert widen_to_designators(first, (2, 3)) == (1, 3)


def test_score_figures() -> None:
    score = Score(3, 1, 2) + Score(1, 0, 0)
    assert (score.precision, score.recall) == (0.8, 4 / 6)
    assert score.f1 == pytest.approx(2 * 0.8 * (4 / 6) / (0.8 + 4 / 6))
    assert Score(0, 0, 0).f1 == 0.0


def test_location_f1_on_the_wojood_development_splits_does_not_fall(gazetteer: Gazetteer) -> None:
    """A regression floor on the splits the rules may be tuned on (train and val, spans as
    found: 0.653 when set), not the target: the target, F1 >= 0.75 on the test split as found,
    is bench/eval_assistant.py's, reported met or MISSED there (issue 16). This test claimed
    to enforce 0.75 with spans widened over all three splits, test included."""
    paths = [corpus_file(path) for path in WOJOOD[:2]]
    scores = evaluate_locations(gazetteer, paths, False)
    assert scores["total"].f1 >= 0.63, scores


def test_a_village_the_gazetteer_lacks_is_named_by_the_place_word_before_it(
    gazetteer: Gazetteer,
) -> None:
    text = "😀 اقتحم الجنود قرية اليامون ثم مخيم نور شمس، وأقيم مخيم صيفي في منطقة واسعة."
    names = [(m.text, text[m.start : m.end], m.entity_name) for m in gazetteer.find(text)]
    assert names == [
        ("اليامون", "اليامون", "اليامون"),
        ("نور شمس", "نور شمس", "نور شمس"),  # a two-word name: its first word opens names
    ]
    # Not after a definite place word, and not a verb or an adjective after one.
    assert gazetteer.find("قرب المدينة الجديدة قرية تسمى") == []


def test_the_wojood_errors_printed_for_tuning_leave_the_test_split_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Invented place names the gazetteer cannot know, one a split: the misses listed for tuning
    # name the train and val ones and never the test one (issue 16).
    folder = tmp_path / "wojood-sample"
    folder.mkdir()
    for split, name in (("train", "زرقلان"), ("val", "برقلان"), ("test", "قلقلان")):
        (folder / f"{split}.txt").write_text(f"زار O\n{name} B-GPE\n. O\n", encoding="utf-8")
    assert wojood_main([str(tmp_path)]) == 0
    listed = capsys.readouterr().out.split("train and val only:")[1]
    assert "زرقلان" in listed and "برقلان" in listed
    assert "قلقلان" not in listed
