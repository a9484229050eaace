"""brat (issue 15, item 7): a note's line breaks and backslashes survive the round trip, and a
brat corpus with events, normalisations and equivalences imports what Hamish holds while the
summary lists, line by line, what it left out."""

from __future__ import annotations

from pathlib import Path

from pybrat.parser import BratParser

from annotation.exchange.bundle import Bundle
from annotation.exchange.formats import brat_format, brat_read
from annotation.exchange.selection import gather
from annotation.exchange.transfer import import_bundle
from annotation.model import Document, DocumentId, Span, SpanId, text_sha256
from db.store import SqliteStore
from tests.hostile.conftest import run_main

NOTE = "سطر أول\nسطر ثان فيه C:\\new و\\\\ مائلان\r\nوآخر\u2028بفاصل"


def test_a_note_with_line_breaks_and_backslashes_comes_back_whole(tmp_path: Path) -> None:
    text = "قال الوزير إن الوفد وصل."
    document = Document(text, text_sha256(text), id=DocumentId(1))
    start = text.index("الوزير")
    span = Span(
        DocumentId(1),
        "amal",
        "SPEAKER",
        start,
        start + 6,
        "الوزير",
        attributes={"note": NOTE, "role": "وزير\\الخارجية"},
        id=SpanId(1),
    )
    brat_format.write(Bundle((document,), (span,)), tmp_path / "brat")
    ann = (tmp_path / "brat" / "doc-1.ann").read_text(encoding="utf-8")
    assert ann.split("\n") == [
        "T1\tSPEAKER 4 10\tالوزير",
        "#1\tAnnotatorNotes T1\tnote: سطر أول\\nسطر ثان فيه C:\\\\new و\\\\\\\\ مائلان\\r\\nوآخر"
        "\\u2028بفاصل",
        "#2\tAnnotatorNotes T1\trole: وزير\\\\الخارجية",
        "",
    ]
    # brat's own reading sees one note a line (pybrat parses the file without complaint).
    (example,) = BratParser(error="raise").parse(tmp_path / "brat")
    assert [e.mention for e in example.entities] == ["الوزير"]
    (back,) = brat_read.read([tmp_path / "brat"]).spans
    assert back.attributes == {"note": NOTE, "role": "وزير\\الخارجية"}


TEXT = "قال الوزير إن الوفد وصل إلى موسكو."


def at(covered: str) -> str:
    start = TEXT.index(covered)
    return f"{start} {start + len(covered)}\t{covered}"


ANN = [
    f"T1\tSPEAKER {at('الوزير')}",
    f"T2\tSay {at('قال')}",
    f"T3\tLOCATION {at('موسكو')}",
    f"T4\tCLAIM {at('الوفد وصل إلى موسكو')}",
    "E1\tSay:T2 Speaker:T1",
    "R1\tATTRIBUTED_TO Arg1:T4 Arg2:T1",
    "A1\tNegation E1",
    "A2\tKind T4 direct",
    "A3\tKind T2 direct",
    "N1\tReference T3 Wikidata:Q649\tموسكو",
    "*\tEquiv T1 T3",
    "#1\tAnnotatorNotes E1\tعلى الحدث",
    "#2\tAnnotatorNotes R1\tعلى العلاقة",
    "#3\tAnnotatorNotes T3\tnote: العاصمة",
]


def brat_corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "news.txt").write_text(TEXT, encoding="utf-8")
    (folder / "news.ann").write_text("\n".join(ANN) + "\n", encoding="utf-8")
    return folder / "news.ann"


def test_events_normalisations_and_equivalences_are_left_out_line_by_line(
    tmp_path: Path,
) -> None:
    ann = brat_corpus(tmp_path / "brat")
    bundle = brat_read.read([tmp_path / "brat"])
    assert [(s.label, s.text, s.attributes) for s in bundle.spans] == [
        ("SPEAKER", "الوزير", {}),
        ("LOCATION", "موسكو", {"note": "العاصمة"}),
        ("CLAIM", "الوفد وصل إلى موسكو", {"kind": "direct"}),
    ]
    assert [(link.kind, link.source_id, link.target_id) for link in bundle.links] == [
        ("ATTRIBUTED_TO", 3, 1)
    ]
    tail = "which Hamish does not hold: left out"
    assert bundle.notes == (
        f"{ann}, line 2, T2: the trigger (Say) of event E1, {tail}",
        f"{ann}, line 5, E1: an event (Say:T2 Speaker:T1), {tail}",
        f"{ann}, line 7, A1: an attribute (Negation E1) of event E1 (Say), {tail}",
        f"{ann}, line 9, A3: an attribute (Kind T2 direct) of the trigger of event E1, {tail}",
        f"{ann}, line 10, N1: a normalisation (Reference T3 Wikidata:Q649, 'موسكو'), {tail}",
        f"{ann}, line 11, *: an equivalence (Equiv T1 T3), {tail}",
        f"{ann}, line 12, #1: a note ('على الحدث') on event E1 (Say), {tail}",
        f"{ann}, line 13, #2: a note ('على العلاقة') on relation R1, {tail}",
    )
    store = SqliteStore(tmp_path / "hamish.sqlite3")
    report = import_bundle(store, bundle, str(ann))
    assert (report.spans_added, report.links_added) == (3, 1)
    assert report.notes[: len(bundle.notes)] == list(bundle.notes)


def test_the_import_command_prints_every_line_it_left_out(tmp_path: Path) -> None:
    brat_corpus(tmp_path / "brat")
    database = tmp_path / "hamish.sqlite3"
    done = run_main(["import", "--db", database, "--format", "brat", tmp_path / "brat"])
    assert done.status == 0, done.err
    notes = [line for line in done.out.splitlines() if line.startswith("note: ")]
    assert [note.split(": ", 2)[1].rsplit(", ", 1)[1] for note in notes] == [
        "T2",
        "E1",
        "A1",
        "A3",
        "N1",
        "*",
        "#1",
        "#2",
    ]
    stored = gather(SqliteStore(database))
    assert sorted(s.label for s in stored.spans) == ["CLAIM", "LOCATION", "SPEAKER"]
