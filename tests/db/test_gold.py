"""The gold annotation of the SANA article: it loads onto the imported article, it is complete
(every claim attributed, every speaker and location tied to an entity) and it agrees with
section 10 of the guidelines, which lists the same spans in a table."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from annotation.importing import ImportOptions, import_articles
from annotation.model import DocumentId, EntityKind, Span, SpanId
from annotation.tagset import load_tagset
from db.store import SqliteStore
from tests.gold import ROOT, SANA_GOLD, GoldError, gold_document_path, load_gold, read_gold

GUIDELINES = ROOT / "assets" / "guidelines" / "guidelines.en.md"
ANNOTATOR = "gold"
QUOTES = "“”«»\"'"
PROCLITICS = "وفبلك"


@dataclass
class Gold:
    store: SqliteStore
    document: DocumentId
    ids: dict[str, SpanId]
    spans: dict[SpanId, Span]

    def by_label(self, label: str) -> list[Span]:
        return [span for span in self.spans.values() if span.label == label]

    def speakers_of(self, claim: SpanId) -> list[Span]:
        return [
            self.spans[link.target_id]
            for link in self.store.links_touching(claim)
            if link.kind == "ATTRIBUTED_TO" and link.source_id == claim
        ]


def import_sana(store: SqliteStore) -> DocumentId:
    report = import_articles(store, [gold_document_path()], ImportOptions(strip_boilerplate=True))
    assert report.ok and report.imported == 1, report.as_dict()
    return store.document_summaries()[0].id


@pytest.fixture
def gold(store: SqliteStore) -> Gold:
    document = import_sana(store)
    ids = load_gold(store, SANA_GOLD, ANNOTATOR)
    spans = {span.id: span for span in store.spans_for(document, ANNOTATOR) if span.id}
    return Gold(store, document, ids, spans)


def test_the_gold_fits_the_article_as_imported(gold: Gold) -> None:
    document = gold.store.document(gold.document)
    assert document.text_sha256 == read_gold()["text_sha256"]
    assert "تابعوا" not in document.text  # the footer is gone, so nothing in it can be tagged
    assert len(gold.spans) == len(gold.ids) == 48
    assert Counter(s.label for s in gold.spans.values()) == {
        "SPEAKER": 11,
        "CLAIM": 13,
        "LOCATION": 24,
    }
    for span in gold.spans.values():
        assert span.text == document.text[span.start : span.end]


def test_every_claim_is_attributed_and_described(gold: Gold) -> None:
    tagset = load_tagset()
    claims = gold.by_label("CLAIM")
    assert len(claims) == 13
    for claim in claims:
        assert claim.id is not None
        speakers = gold.speakers_of(claim.id)
        assert speakers and all(s.label == "SPEAKER" for s in speakers), claim.text
        assert claim.attributes["kind"] in tagset.label("CLAIM").attribute("kind").choices
        assert isinstance(claim.attributes["cue"], str) and claim.attributes["cue"]
        assert claim.attributes["polarity"] == "positive"  # the article denies nothing


def test_every_speaker_has_a_claim_an_entity_and_its_title(gold: Gold) -> None:
    claimed = {link.target_id for link in gold.store.links_for(gold.document, ANNOTATOR)}
    for speaker in gold.by_label("SPEAKER"):
        assert speaker.id in claimed, speaker.text
        assert speaker.entity_id is not None, speaker.text
        role = speaker.attributes.get("role")
        if role:  # the role is the title at the head of the noun phrase
            assert isinstance(role, str) and speaker.text.startswith(role)
    titled = {s.text for s in gold.by_label("SPEAKER") if s.attributes.get("role")}
    assert len(titled) == 4  # Seromolotov with and without his name, Lavrov and Bogdanov


def test_speakers_are_the_three_officials_and_the_western_media(gold: Gold) -> None:
    entities = [
        gold.store.entity(entity_id)
        for entity_id in {s.entity_id for s in gold.by_label("SPEAKER") if s.entity_id}
    ]
    assert {(e.kind, e.name) for e in entities} == {
        (EntityKind.PERSON, "أوليغ سيرومولوتوف"),
        (EntityKind.PERSON, "سيرغي لافروف"),
        (EntityKind.PERSON, "ميخائيل بوغدانوف"),
        (EntityKind.ORGANISATION, "وسائل الإعلام الغربية"),
    }
    surnames = {e.aliases[0] for e in entities if e.kind is EntityKind.PERSON}
    assert surnames == {"سيرومولوتوف", "لافروف", "بوغدانوف"}
    # The title-only mention is tied to Seromolotov, whom the context names.
    title_only = gold.spans[gold.ids["s3"]]
    assert title_only.text == title_only.attributes["role"]
    assert title_only.entity_id is not None
    assert gold.store.entity(title_only.entity_id).name == "أوليغ سيرومولوتوف"


def test_every_location_is_a_place_entity(gold: Gold) -> None:
    counts: Counter[str] = Counter()
    for location in gold.by_label("LOCATION"):
        assert location.entity_id is not None, location.text
        entity = gold.store.entity(location.entity_id)
        assert entity.kind is EntityKind.PLACE
        assert location.text in (entity.name, *entity.aliases)
        counts[entity.name] += 1
    assert counts == {
        "موسكو": 1,
        "الولايات المتحدة": 3,
        "روسيا": 5,
        "سورية": 9,
        "تدمر": 1,
        "الرقة": 3,
        "دير الزور": 1,
        "بروكسل": 1,
    }


def test_claim_11_is_attributed_to_lavrov_and_seromolotov(gold: Gold) -> None:
    attributions = {a.claim.id: a for a in gold.store.claims(ANNOTATOR)}
    assert len(attributions) == 13
    inner = attributions[gold.ids["c11"]]
    assert {s.id for s in inner.speakers} == {gold.ids["s9"], gold.ids["s10"]}
    assert sorted(gold.store.entity(s.entity_id).name for s in inner.speakers) == [  # type: ignore[arg-type]
        "أوليغ سيرومولوتوف",
        "سيرغي لافروف",
    ]
    # It is the only claim with two speakers, and it nests in the claim that reports it.
    assert [a.claim.id for a in attributions.values() if len(a.speakers) > 1] == [inner.claim.id]
    outer = attributions[gold.ids["c10"]].claim
    assert outer.start < inner.claim.start and inner.claim.end <= outer.end


def test_spans_keep_to_the_boundary_rules(gold: Gold) -> None:
    text = gold.store.document(gold.document).text
    first_line = text.index("\n")
    words = set(re.findall(r"\w+", text))
    for span in gold.spans.values():
        edges = span.text[0] + span.text[-1]
        assert not any(c.isspace() or c in QUOTES + ".،,:" for c in edges), span.text
        assert "\n" not in span.text
        if span.label == "CLAIM":
            assert not re.match(r"[أإ]ن\s", span.text), span.text
        else:
            # A leading و ف ب ل ك must belong to the word (وزير، وسائل، بروكسل): what follows
            # it is neither a word of the article nor a word with ال (the Drop Proclitics test).
            if span.text[0] in PROCLITICS:
                rest = span.text[1:].split()[0]
                assert not rest.startswith("ال") and rest not in words, span.text
            # A span may start inside a word only after one dropped proclitic («والرقة»).
            before = text[max(0, span.start - 2) : span.start].rjust(2)
            assert (
                before[1].isspace()
                or before[1] in QUOTES
                or (before[1] in PROCLITICS and (before[0].isspace() or before[0] in QUOTES))
            ), span.text
        if span.start < first_line:  # the dateline: only the place
            assert (span.label, span.text) == ("LOCATION", "موسكو")


def test_the_guidelines_table_and_the_gold_agree(gold: Gold) -> None:
    """Section 10 lists each claim's speaker, cue, kind, first and last words, and the
    number of spans per label and per place; the gold must match it row for row."""
    section = GUIDELINES.read_text(encoding="utf-8").split("## 10.")[1].split("\n## ")[0]
    numbers = {"eleven": 11, "thirteen": 13, "twenty-four": 24}
    summary = re.search(r"(\S+) claims, (\S+) SPEAKER spans, (\S+) LOCATION spans", section)
    assert summary, "section 10 no longer states its counts"
    expected = [numbers[word.lower()] for word in summary.groups()]
    labels = Counter(s.label for s in gold.spans.values())
    assert [labels["CLAIM"], labels["SPEAKER"], labels["LOCATION"]] == expected

    rows = [row for row in _table_rows(section) if row[0].isdigit()]
    assert [int(row[0]) for row in rows] == list(range(1, 14))
    speakers: dict[int, set[SpanId | None]] = {}
    for number, speaker_cell, cue, kind, extent in rows:
        claim = gold.spans[gold.ids[f"c{number}"]]
        assert claim.id is not None
        assert (claim.attributes["cue"], claim.attributes["kind"]) == (cue, kind), number
        first, last = (part.strip() for part in extent.split("…"))
        assert claim.text.startswith(first) and claim.text.endswith(last), number
        linked = gold.speakers_of(claim.id)
        speakers[int(number)] = {s.id for s in linked}
        referred = [int(n) for n in re.findall(r"span (?:as|of) (\d+)", speaker_cell)]
        for speaker in linked:
            assert speaker.text in speaker_cell or any(
                speaker.id in speakers[n] for n in referred
            ), number
        assert len(linked) == (2 if speaker_cell.startswith("both") else 1), number

    places = [row for row in _table_rows(section) if len(row) == 2 and row[1][:1].isdigit()]
    counts: Counter[str] = Counter()
    for location in gold.by_label("LOCATION"):
        assert location.entity_id is not None
        counts[gold.store.entity(location.entity_id).name] += 1
    assert len(places) == len(counts) == 8
    for cell, count in places:
        names = [name for name in counts if name in cell]
        assert len(names) == 1, cell
        assert counts[names[0]] == int(count.split()[0]), cell


def _table_rows(section: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("|") and not line.startswith("|--")
    ]


def test_the_fixture_copies_no_article_text() -> None:
    """Offsets, labels and short names only: no string in the file runs past four words."""
    data = json.loads(SANA_GOLD.read_text(encoding="utf-8"))

    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return []

    long = [s for s in strings(data) if len(s.split()) > 4]
    assert long == []


def test_a_gold_file_for_another_text_is_refused_by_name(
    store: SqliteStore, tmp_path: Path
) -> None:
    import_sana(store)
    data = read_gold()
    data["text_sha256"] = "0" * 64
    wrong = tmp_path / "changed-article.json"
    wrong.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(GoldError, match=r"changed-article\.json.*text_sha256"):
        load_gold(store, wrong)
    assert store.statistics().spans_by_label == {}


def test_a_broken_gold_file_stores_nothing(store: SqliteStore, tmp_path: Path) -> None:
    import_sana(store)
    data = read_gold()
    data["links"].append({"kind": "ATTRIBUTED_TO", "from": "c1", "to": "s99"})
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(GoldError, match=r"broken\.json.*s99"):
        load_gold(store, broken)
    statistics = store.statistics()
    assert (statistics.spans_by_label, statistics.links, statistics.entities) == ({}, 0, 0)
