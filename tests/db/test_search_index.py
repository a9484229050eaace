"""The search index on a real database: migration 5, indexing with every write, figures that
agree with the hits, and span search."""

from __future__ import annotations

import random
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from annotation.arabic import normalise_for_match
from annotation.model import (
    Document,
    DocumentId,
    Entity,
    EntityKind,
    Link,
    Span,
    Status,
    text_sha256,
)
from annotation.ports import StoreError
from annotation.search import QueryTooLong, SpanQuery, find_hits, parse_query
from db import maintenance
from db.maintenance import ProblemKind
from db.migrations import MIGRATIONS, schema_version
from db.store import SqliteStore
from tests.db.test_upgrade import FIXTURE

RAQQA = "😀 قال المسؤول إن الرّقةَ شهدت معارك، وإن الوفد وصل بالرقة ثم الـرقة أمس."
ISRAEL = "وصل الوفد إلى إسرائيل ثم نقل الجرحى إلى مستشفى المدينه."
RIYADH = "قال خادم الحرمين الشريفين الملك سلمان في الرياض إن مستشفي الرياض جاهز."


def document(text: str, title: str) -> Document:
    return Document(text=text, text_sha256=text_sha256(text), title=title)


def at(text: str, part: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


@pytest.fixture
def ids(store: SqliteStore) -> list[DocumentId]:
    return store.add_documents(
        [document(RAQQA, "الرقة"), document(ISRAEL, "إسرائيل"), document(RIYADH, "الرياض")]
    )


def found(store: SqliteStore, query: str, proclitics: bool = False) -> list[tuple[int, str]]:
    """(document, hit text) of every hit, each checked against the stored text."""
    result = store.search_text(query, proclitics)
    for hit in result.hits:
        assert store.document(hit.document_id).text[hit.start : hit.end] == hit.match
    return [(hit.document_id, hit.match) for hit in result.hits]


def test_words_are_found_folded_with_offsets_into_the_text_as_written(
    store: SqliteStore, ids: list[DocumentId]
) -> None:
    result = store.search_text("الرقة")
    assert [(h.document_id, h.start, h.end, h.match) for h in result.hits] == [
        (ids[0], *at(RAQQA, "الرّقةَ"), "الرّقةَ"),
        (ids[0], *at(RAQQA, "الـرقة"), "الـرقة"),
    ]
    assert (result.total_hits, result.total_documents) == (2, 1)
    assert RAQQA[result.hits[0].start - 3 : result.hits[0].start] == "إن "  # after an emoji
    assert result.hits[0].before == "😀 قال المسؤول إن "
    assert result.hits[0].after.startswith(" شهدت معارك")
    assert result.hits[0].title == "الرقة"
    assert found(store, "اسرائيل") == [(ids[1], "إسرائيل")]
    assert found(store, "مستشفي") == [(ids[1], "مستشفى"), (ids[2], "مستشفي")]
    assert found(store, "مستشفى") == found(store, "مستشفي")
    assert found(store, "المدينة") == [(ids[1], "المدينه")]
    assert found(store, "الرقه") == found(store, "الـرّقة")


def test_proclitics_find_the_word_behind_them_and_the_hit_is_the_word(
    store: SqliteStore, ids: list[DocumentId]
) -> None:
    assert (ids[0], "الرقة") not in found(store, "الرقة")
    result = store.search_text("الرقة", proclitics=True)
    assert [h.match for h in result.hits] == ["الرّقةَ", "الرقة", "الـرقة"]
    start, end = at(RAQQA, "بالرقة")
    assert (result.hits[1].start, result.hits[1].end) == (start + 1, end)
    assert (result.total_hits, result.total_documents) == (3, 1)
    assert store.search_hit_counts("الرقة", proclitics=True) == {ids[0]: 3}


def test_phrases_and_several_words(store: SqliteStore, ids: list[DocumentId]) -> None:
    result = store.search_text('"خادم الحرمين الشريفين"')
    assert [(h.document_id, h.match) for h in result.hits] == [(ids[2], "خادم الحرمين الشريفين")]
    assert (result.hits[0].start, result.hits[0].end) == at(RIYADH, "خادم الحرمين الشريفين")
    assert found(store, '"الشريفين خادم"') == []
    # Bare words: all of them, each one a hit.
    riyadh = [(ids[2], "سلمان"), (ids[2], "الرياض"), (ids[2], "الرياض")]
    assert found(store, "الرياض سلمان") == riyadh
    assert store.search_text("الرياض سلمان").total_hits == 3
    assert found(store, "الرياض الرقة") == []
    assert store.search_text("الرياض الرقة").total_documents == 0
    assert found(store, '"وصل بالرقة"') == [(ids[0], "وصل بالرقة")]
    assert found(store, '"وصل الرقة"', proclitics=True) == [(ids[0], "وصل بالرقة")]


def test_results_are_ordered_limited_and_counted_in_all(
    store: SqliteStore, ids: list[DocumentId]
) -> None:
    result = store.search_text("الرياض إن قال", limit=3)
    assert [(h.document_id, h.match) for h in result.hits] == [
        (ids[2], "قال"),
        (ids[2], "الرياض"),
        (ids[2], "إن"),
    ]
    assert (result.total_hits, result.total_documents) == (4, 1)
    everywhere = store.search_text("إن", limit=1)
    assert [h.document_id for h in everywhere.hits] == [ids[0]]
    assert (everywhere.total_hits, everywhere.total_documents) == (2, 2)  # وإن is و + إن
    assert store.search_hit_counts("إن") == {ids[0]: 1, ids[2]: 1}
    assert store.search_hit_counts("إن", proclitics=True) == {ids[0]: 2, ids[2]: 1}
    assert store.search_text("إن", limit=0).hits == ()
    assert store.search_text("، !").total_hits == 0
    assert store.search_hit_counts("") == {}


def test_documents_added_later_are_found_one_or_many(
    store: SqliteStore, ids: list[DocumentId], engine: str
) -> None:
    (one,) = store.add_documents([document("زار الوفد الرقة اليوم.", "واحد")])
    more = store.add_documents(
        [document("في الرقة مطر.", "اثنان"), document("لا شيء هنا.", "ثلاثة")]
    )
    if engine == "sqlite":
        # Indexed in add_documents' own transaction: nothing is left for a later search to do.
        assert store.db.execute("SELECT count(*) FROM search_pending").fetchone() == (0,)
        indexed = "SELECT rowid FROM search_text WHERE search_text MATCH 'الرقه' ORDER BY rowid"
        assert [row[0] for row in store.db.execute(indexed)] == [ids[0], one, more[0]]
    assert [d for d, _ in found(store, "الرقة")] == [ids[0], ids[0], one, more[0]]


def test_a_refused_import_leaves_nothing_in_the_index(
    store: SqliteStore, ids: list[DocumentId], engine: str
) -> None:
    with pytest.raises(StoreError):
        store.add_documents([document("نص جديد عن حمص.", "جديد"), document(RAQQA, "مكرر")])
    assert found(store, "حمص") == []
    assert store.document_count() == len(ids)
    if engine == "sqlite":
        assert store.db.execute("SELECT count(*) FROM search_pending").fetchone() == (0,)


@pytest.mark.sqlite_only
def test_writes_by_another_program_are_caught_up_with(
    database: Path, store: SqliteStore, ids: list[DocumentId]
) -> None:
    changed = RAQQA.replace("معارك", "أمطار")
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute(
        "UPDATE documents SET text = ?, text_sha256 = ?, characters = ? WHERE id = ?",
        [changed, text_sha256(changed), len(changed), ids[0]],
    )
    connection.execute("DELETE FROM documents WHERE id = ?", [ids[1]])
    connection.execute(
        "INSERT INTO documents (id, title, text, text_sha256, characters, imported_at)"
        " VALUES (9, 'خام', 'معارك في حلب', ?, 12, '2024-01-01T00:00:00+00:00')",
        [text_sha256("معارك في حلب")],
    )
    connection.close()
    assert found(store, "معارك") == [(DocumentId(9), "معارك")]
    assert found(store, "أمطار") == [(ids[0], "أمطار")]
    assert found(store, "اسرائيل") == []
    assert store.search_text("معارك").total_hits == 1
    assert maintenance.check(store) == []


def test_migration_5_indexes_the_documents_of_a_version_4_database(database: Path) -> None:
    db = sqlite_utils.Database(sqlite3.connect(database, isolation_level=None))
    with db.atomic():
        for number, migration in enumerate(MIGRATIONS[:4], start=1):
            migration(db)
            db.execute(f"PRAGMA user_version = {number}")
        for text in (RAQQA, ISRAEL):
            db.execute(
                "INSERT INTO documents (title, text, text_sha256, characters, imported_at)"
                " VALUES ('قديم', ?, ?, ?, '2024-01-01T00:00:00+00:00')",
                [text, text_sha256(text), len(text)],
            )
    db.close()
    store = SqliteStore(database)
    try:
        assert schema_version(store.db) == len(MIGRATIONS)
        assert store.db.execute("SELECT count(*) FROM search_pending").fetchone() == (0,)
        assert found(store, "اسرائيل") == [(DocumentId(2), "إسرائيل")]
        assert store.search_text("الرقة", proclitics=True).total_hits == 3
    finally:
        store.close()


def test_the_version_1_fixture_is_searchable_once_upgraded(tmp_path: Path) -> None:
    copy = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURE, copy)
    store = SqliteStore(copy)
    try:
        text = store.document(DocumentId(2)).text
        assert text.startswith("😀")
        result = store.search_text("بيروت")
        assert [(h.document_id, h.start, h.end) for h in result.hits] == [(2, *at(text, "بيروت"))]
        assert store.search_text("الخارجية").hits[0].match == "الخَارِجِيَّةِ"
        assert store.search_hit_counts("في") == {1: 1, 2: 1, 3: 1}
    finally:
        store.close()


def test_figures_from_the_index_agree_with_the_hits_in_the_text(store: SqliteStore) -> None:
    """Figures come from the index and hits from the text: on varied texts both must agree."""
    words = ["الرقة", "بالرقة", "للرقة", "الرّقة", "الـرقة", "رقة", "وزير", "الخارجية",
             "وزير", "2014م", "٢٠١٤", "😀", "،", "إسرائيل", "مستشفى", "مستشفي", "G20",
             "𝐀𝐁", "cafq\u0301", "x_y"]  # fmt: skip
    rng = random.Random(5)
    texts = {" ".join(rng.choice(words) for _ in range(rng.randint(1, 30))) for _ in range(80)}
    ids = store.add_documents([document(text, "") for text in sorted(texts)])
    by_id = dict(zip(ids, sorted(texts), strict=True))
    queries = ["الرقة", "رقة", "2014", '"وزير الخارجية"', "وزير الرقة", "مستشفى", "G20", "𝐀𝐁",
               "cafq\u0301", "y"]  # fmt: skip
    for query in queries:
        for proclitics in (False, True):
            parsed = parse_query(query, proclitics)
            expected = {
                i: len(find_hits(text, parsed))
                for i, text in by_id.items()
                if find_hits(text, parsed)
            }
            assert store.search_hit_counts(query, proclitics) == expected, (query, proclitics)
            result = store.search_text(query, proclitics, limit=10_000)
            assert result.total_hits == sum(expected.values()) == len(result.hits)
            assert result.total_documents == len(expected)


# `python main.py check`


@pytest.mark.sqlite_only
def test_check_finds_documents_missing_from_the_index_or_left_in_it(
    database: Path, store: SqliteStore, ids: list[DocumentId]
) -> None:
    store.search_text("الرقة")  # the store's own writes leave no problem
    assert maintenance.check(store) == []
    connection = sqlite3.connect(database, isolation_level=None)
    from annotation.search import index_text

    connection.execute(
        "INSERT INTO search_text (search_text, rowid, words) VALUES ('delete', ?, ?)",
        [ids[1], index_text(ISRAEL)],
    )
    connection.execute("INSERT INTO search_text (rowid, words) VALUES (77, 'شبح')")
    connection.close()
    problems = maintenance.check(store)
    assert [(p.kind, p.document_id, p.row_id) for p in problems] == [
        (ProblemKind.SEARCH_INDEX, ids[1], None),
        (ProblemKind.SEARCH_INDEX, None, 77),
    ]
    assert "searches will not find it" in problems[0].message
    assert str(problems[1]) == (
        "search_text row 77: the search index holds document 77, which does not exist"
        " [search_index]"
    )


# Span search


@pytest.fixture
def annotated(store: SqliteStore) -> dict[str, object]:
    """Two documents: amal has a claim said by Lavrov (entity with an alias) and a place,
    omar a speaker and a place; amal is done with the first document."""
    text = "قال وزير الخارجية الروسي سيرغي لافروف إن الحل في سورية سياسي."
    other = "وصل الوفد إلى دمشق، وقال الرئيس بشار الأسد إن دمشق آمنة."
    first, second = store.add_documents([document(text, "لافروف"), document(other, "دمشق")])
    lavrov = store.add_entity(Entity(EntityKind.PERSON, "سيرغي لافروف", aliases=("لافروف",)))
    damascus = store.add_entity(Entity(EntityKind.PLACE, "دمشق", aliases=("الشام",)))

    def span(document_id: DocumentId, source: str, annotator: str, label: str, part: str,
             occurrence: int = 0, **kw: object) -> Span:  # fmt: skip
        start, end = at(source, part, occurrence)
        return store.add_span(Span(document_id, annotator, label, start, end, part, **kw))  # type: ignore[arg-type]

    claim = span(first, text, "amal", "CLAIM", "الحل في سورية سياسي")
    speaker = span(first, text, "amal", "SPEAKER", "وزير الخارجية الروسي سيرغي لافروف",
                   entity_id=lavrov.id)  # fmt: skip
    place = span(first, text, "amal", "LOCATION", "سورية")
    assert claim.id and speaker.id
    store.add_link(Link("ATTRIBUTED_TO", claim.id, speaker.id))
    store.set_status(first, "amal", Status.DONE)
    omar_place = span(second, other, "omar", "LOCATION", "دمشق", 1, entity_id=damascus.id)
    omar_speaker = span(second, other, "omar", "SPEAKER", "الرئيس بشار الأسد")
    amal_place = span(second, other, "amal", "LOCATION", "دمشق", entity_id=damascus.id)
    return {
        "claim": claim,
        "speaker": speaker,
        "place": place,
        "omar_place": omar_place,
        "omar_speaker": omar_speaker,
        "amal_place": amal_place,
    }


def span_ids(store: SqliteStore, **query: object) -> list[object]:
    return [hit.span.id for hit in store.search_spans(SpanQuery(**query)).hits]  # type: ignore[arg-type]


def test_spans_by_label_annotator_and_text(store: SqliteStore, annotated: dict[str, Span]) -> None:
    a = annotated
    assert span_ids(store, label="LOCATION") == [
        a["place"].id,
        a["amal_place"].id,
        a["omar_place"].id,
    ]
    assert span_ids(store, label="LOCATION", annotator="omar") == [a["omar_place"].id]
    assert span_ids(store, annotator="amal", text="سوريه") == [a["claim"].id, a["place"].id]
    assert span_ids(store, text="الاسد") == [a["omar_speaker"].id]
    assert span_ids(store, text="لافرو") == [a["speaker"].id]
    assert span_ids(store, text="لافرو", whole_words=True) == []
    assert span_ids(store, label="CLAIM", annotator="omar") == []


def test_claims_come_with_their_speakers(store: SqliteStore, annotated: dict[str, Span]) -> None:
    result = store.search_spans(SpanQuery(label="CLAIM"))
    (hit,) = result.hits
    assert hit.title == "لافروف"
    assert hit.span.text == "الحل في سورية سياسي"
    assert [s.text for s in hit.speakers] == ["وزير الخارجية الروسي سيرغي لافروف"]
    assert result.total == 1


def test_spans_by_entity_name_or_alias_folded(
    store: SqliteStore, annotated: dict[str, Span]
) -> None:
    a = annotated
    by_alias = span_ids(store, entity="الشام")
    assert by_alias == [a["amal_place"].id, a["omar_place"].id] == span_ids(store, entity="دمشق")
    # A claim is found through its speaker's entity; the name is folded (no hamza, any spaces).
    assert span_ids(store, entity=" سيرغي  لافروف ") == [a["speaker"].id, a["claim"].id]
    assert span_ids(store, entity="لافروف", label="CLAIM") == [a["claim"].id]
    assert span_ids(store, entity="بوتين") == []


def test_spans_by_the_status_of_their_annotator(
    store: SqliteStore, annotated: dict[str, Span]
) -> None:
    a = annotated
    assert span_ids(store, status=Status.DONE) == [a["speaker"].id, a["claim"].id, a["place"].id]
    assert span_ids(store, status=Status.NEW, annotator="omar") == [
        a["omar_speaker"].id,
        a["omar_place"].id,
    ]
    assert span_ids(store, status=Status.IN_PROGRESS) == []


def test_span_results_are_limited_and_counted(
    store: SqliteStore, annotated: dict[str, Span]
) -> None:
    result = store.search_spans(SpanQuery(label="LOCATION", limit=1))
    assert [hit.span.id for hit in result.hits] == [annotated["place"].id]
    assert result.total == 3


def test_a_search_does_work_in_proportion_to_its_words(tmp_path: Path) -> None:
    # Issue 13, item 14: each phrase re-ran a MATCH of every word of the query, so the work
    # grew with the square of the words. The statements SQLite is given (bound values
    # written out) measure the work without a clock: double the words, about double that.
    letters = "بتثجحخدذرزسشصضطظعغقمنهي"
    words = [a + b + c for a in letters[:6] for b in letters[6:12] for c in letters[12:]][:256]
    store = SqliteStore(tmp_path / "words.sqlite3")
    store.add_documents([document(" ".join(words), "كلمات")])
    given: list[str] = []
    store.db.conn.set_trace_callback(given.append)

    def work(query: str, proclitics: bool = False) -> int:
        given.clear()
        result = store.search_text(query, proclitics, limit=1)
        assert result.total_documents == 1  # every word found, so every phrase counted
        return sum(map(len, given))

    def bare(n: int) -> str:
        return " ".join(words[:n])

    def phrases(n: int) -> str:
        return " ".join(f'"{a} {b}"' for a, b in zip(words[:n:2], words[1:n:2], strict=True))

    for make in (bare, phrases):
        small, large = work(make(32)), work(make(64))
        assert large < 2.3 * small, (small, large)
    store.close()


def test_a_query_beyond_the_bounds_is_refused_by_name(store: SqliteStore) -> None:
    sixty_five = " ".join(["قال"] * 65)
    for search in (store.search_text, store.search_hit_counts):
        with pytest.raises(QueryTooLong, match="has 65 words; a search takes at most 64 words"):
            search(sixty_five)
        with pytest.raises(QueryTooLong, match=r"10,000 characters; .* at most 1,000 characters"):
            search("ق " * 5_000)
    with pytest.raises(QueryTooLong, match="has 65 words"):
        store.search_spans(SpanQuery(text=sixty_five))
    assert store.search_text(" ".join(["قال"] * 64)).total_hits == 0  # at the bound: searched


# The same word on different hamza seats, as papers and countries spell it (issue 14, item 14).
HAMZA_PAIRS = (
    ("مسؤول", "مسئول"),
    ("شؤون", "شئون"),
    ("رؤوس", "رءوس"),
    ("مسؤولية", "مسئولية"),
    ("يقرؤون", "يقرأون"),
)


def test_every_hamza_seat_finds_the_others_both_ways(store: SqliteStore, engine: str) -> None:
    texts = [f"قال إن {one} الملف وصل." for one, _ in HAMZA_PAIRS]
    texts += [f"وذكر أن {other} اللجنة غاب." for _, other in HAMZA_PAIRS]
    ids = store.add_documents([document(text, f"{i}") for i, text in enumerate(texts)])
    count = len(HAMZA_PAIRS)
    for i, (one, other) in enumerate(HAMZA_PAIRS):
        both = [(ids[i], one), (ids[count + i], other)]
        assert found(store, one) == both, one
        assert found(store, other) == both, other
        assert store.search_hit_counts(other) == {ids[i]: 1, ids[count + i]: 1}
        assert store.search_spans(SpanQuery(text=one)).total == 0  # nothing tagged: no crash
    # With proclitics the seat is folded behind them too: وبالمسئولية finds مسؤولية.
    ids += store.add_documents([document("تحدث وبالمسئولية عن الأمر.", "x")])
    assert (ids[-1], "مسئولية") in found(store, "مسؤولية", proclitics=True)
    if engine == "sqlite":
        assert maintenance.check(store) == []


def test_migration_7_indexes_a_database_again_with_the_hamza_fold(database: Path) -> None:
    """A database indexed with the fold of migrations 5 and 6 (ؤ -> و, ئ -> ي, ء kept) finds
    the other seats once upgraded, without a document being written."""
    store = SqliteStore(database)
    (one,) = store.add_documents([document("قال مسؤول في شؤون رءوس الأموال.", "قديم")])
    store.close()
    db = sqlite_utils.Database(sqlite3.connect(database, isolation_level=None))
    with db.atomic():
        text = "قال مسؤول في شؤون رءوس الأموال."
        old_words = " ".join(re.findall(r"\w+", normalise_for_match(text)))
        db.execute("INSERT INTO search_text (search_text) VALUES ('delete-all')")
        db.execute("INSERT INTO search_text (rowid, words) VALUES (?, ?)", [one, old_words])
        db.execute("DROP TABLE assignments")  # as it stood at 6: migration 8 makes it
        db.execute("PRAGMA user_version = 6")
    db.close()
    store = SqliteStore(database)
    try:
        assert schema_version(store.db) == len(MIGRATIONS) == 8
        assert found(store, "مسئول") == [(one, "مسؤول")]
        assert found(store, "شئون") == [(one, "شؤون")]
        assert found(store, "رؤوس") == [(one, "رءوس")]
        assert maintenance.check(store) == []
    finally:
        store.close()
