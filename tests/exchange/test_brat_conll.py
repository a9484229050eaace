"""The `brat` and `conll` formats: golden files, read back by independent parsers (pybrat for
brat, seqeval for CoNLL), brat's lossless round trip, and a .ann whose offsets miss its text
refused.

The golden files are tests/exchange/golden/brat/ and tests/exchange/golden/conll/, compared byte
for byte. After a deliberate change to a format, rewrite them with
`HAMISH_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest tests/exchange/test_brat_conll.py` and
review the diff before committing it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from pybrat.parser import BratParser
from seqeval.metrics.sequence_labeling import get_entities

from annotation.exchange.bundle import Bundle, FormatError
from annotation.exchange.formats import brat_format, brat_read, conll_format
from annotation.exchange.selection import gather
from annotation.exchange.transfer import import_bundle
from annotation.model import Document, DocumentId, Link, Span, SpanId, text_sha256
from db.store import SqliteStore
from tests.hostile.conftest import run_main

GOLDEN = Path(__file__).parent / "golden"
# HAMISH_REGENERATE_GOLDEN=1 rewrites the golden files from this run instead of comparing.
REGENERATE = os.environ.get("HAMISH_REGENERATE_GOLDEN") == "1"


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def matches_golden(written: Path, name: str) -> None:
    golden = GOLDEN / name
    if REGENERATE:
        shutil.rmtree(golden, ignore_errors=True)
        shutil.copytree(written, golden)
    assert files(written) == files(golden)


def export_brat(store: SqliteStore, out: Path) -> dict[str, bytes]:
    brat_format.write(gather(store), out)
    return files(out)


# ---------------------------------------------------------------------------------- brat


def test_brat_export_matches_the_golden_files(filled: SqliteStore, tmp_path: Path) -> None:
    export_brat(filled, tmp_path / "brat")
    matches_golden(tmp_path / "brat", "brat")
    # omar has only a status: brat has no place for it, so he gets no folder.
    assert sorted(files(tmp_path / "brat")) == [
        "annotation.conf",
        "doc-1.ann",
        "doc-1.txt",
        "doc-2.ann",
        "doc-2.txt",
    ]


def test_pybrat_reads_every_span_over_the_same_text(filled: SqliteStore, tmp_path: Path) -> None:
    bundle = gather(filled)
    brat_format.write(bundle, tmp_path / "brat")
    examples = {e.id: e for e in BratParser(error="raise").parse(tmp_path / "brat")}
    assert examples.keys() == {"doc-1", "doc-2"}
    for number, document in enumerate(bundle.documents, start=1):
        example = examples[f"doc-{number}"]
        assert example.text == document.text
        for entity in example.entities:
            assert entity.mention == example.text[entity.start : entity.end]
        # The same spans at the same code-point offsets: after the emoji too.
        spans = bundle.spans_of(document)
        assert sorted((e.type, e.start, e.end) for e in example.entities) == sorted(
            (s.label, s.start, s.end) for s in spans
        )
        by_id = {s.id: s for s in spans}
        assert sorted(
            (r.type, r.arg1.mention, r.arg2.mention) for r in example.relations
        ) == sorted(
            (link.kind, by_id[link.source_id].text, by_id[link.target_id].text)
            for link in bundle.links
            if link.source_id in by_id
        )
    lavrov = next(e for e in examples["doc-1"].entities if e.type == "SPEAKER")
    assert (lavrov.start, lavrov.mention) == (6, "وزير الخارجية سيرغي لافروف")


def test_brat_export_read_import_export_gives_identical_bytes(
    filled: SqliteStore, tmp_path: Path
) -> None:
    first = export_brat(filled, tmp_path / "first")
    bundle = brat_read.read([tmp_path / "first"])
    assert {(d.title, d.text_sha256 == text_sha256(d.text)) for d in bundle.documents} == {
        ("doc-1", True),
        ("doc-2", True),
    }
    # One annotator's export comes back under that annotator (annotation.conf names her).
    assert bundle.annotators() == ["amal"]
    claim = next(s for s in bundle.spans if s.attributes.get("cue"))
    assert claim.attributes == {"kind": "indirect", "cue": "قال"}
    fresh = SqliteStore(tmp_path / "fresh.sqlite3")
    report = import_bundle(fresh, bundle, "first")
    assert (report.documents_added, report.spans_added, report.links_added) == (2, 10, 3)
    assert export_brat(fresh, tmp_path / "second") == first
    # Back into the store it came from: the texts are found by their SHA-256, nothing is new.
    again = import_bundle(filled, bundle, "first", annotator="amal")
    assert (again.documents_added, again.spans_added, again.spans_already_there) == (0, 0, 10)


def test_several_annotators_get_a_folder_each(filled: SqliteStore, tmp_path: Path) -> None:
    export_brat(filled, tmp_path / "one")
    import_bundle(filled, brat_read.read([tmp_path / "one"]), "one", annotator="omar")
    team = export_brat(filled, tmp_path / "team")
    assert sorted(team) == [
        f"{who}/{name}"
        for who in ("amal", "omar")
        for name in ("annotation.conf", "doc-1.ann", "doc-1.txt", "doc-2.ann", "doc-2.txt")
    ]
    assert team["amal/doc-1.ann"] == team["omar/doc-1.ann"] == files(tmp_path / "one")["doc-1.ann"]
    bundle = brat_read.read([tmp_path / "team"])
    assert bundle.annotators() == ["amal", "omar"] and len(bundle.documents) == 2
    fresh = SqliteStore(tmp_path / "fresh.sqlite3")
    import_bundle(fresh, bundle, "team")
    assert export_brat(fresh, tmp_path / "again") == team
    # A .ann named directly belongs to the annotator its annotation.conf names, else "brat".
    single = brat_read.read([tmp_path / "team" / "omar" / "doc-2.ann"])
    assert single.annotators() == ["omar"] and len(single.spans) == 4
    (tmp_path / "team" / "omar" / "annotation.conf").write_text("[entities]\n", "utf-8")
    single = brat_read.read([tmp_path / "team" / "omar" / "doc-2.ann"])
    assert single.annotators() == ["brat"]


def one_document(text: str, *spans: tuple[str, str]) -> Bundle:
    document = Document(text, text_sha256(text), id=DocumentId(1))
    made = []
    for number, (label, covered) in enumerate(spans, start=1):
        start = text.index(covered)
        made.append(
            Span(
                DocumentId(1),
                "amal",
                label,
                start,
                start + len(covered),
                covered,
                id=SpanId(number),
            )
        )
    return Bundle((document,), tuple(made))


def test_a_span_across_a_line_break_is_written_as_fragments(tmp_path: Path) -> None:
    text = "😀 قال الوزير\nإن الوفد وصل.\n\nوأضاف"
    bundle = one_document(text, ("CLAIM", "الوزير\nإن الوفد"), ("SPEAKER", "وصل.\n\nوأضاف"))
    bundle = Bundle(
        bundle.documents, bundle.spans, (Link("ATTRIBUTED_TO", SpanId(1), SpanId(2), None),)
    )
    brat_format.write(bundle, tmp_path / "brat")
    ann = (tmp_path / "brat" / "doc-1.ann").read_text(encoding="utf-8")
    assert ann.splitlines() == [
        "T1\tCLAIM 6 12;13 21\tالوزير إن الوفد",
        "T2\tSPEAKER 22 26;28 33\tوصل. وأضاف",
        "R1\tATTRIBUTED_TO Arg1:T1 Arg2:T2",
    ]
    (example,) = BratParser(error="raise").parse(tmp_path / "brat")
    for entity in example.entities:
        assert entity.mention == " ".join(text[f.start : f.end] for f in entity.spans)
    back = brat_read.read([tmp_path / "brat"])
    assert [(s.start, s.end, s.text) for s in back.spans] == [
        (s.start, s.end, s.text) for s in bundle.spans
    ]
    brat_format.write(back, tmp_path / "again")
    assert files(tmp_path / "again") == files(tmp_path / "brat")


def test_shifted_offsets_are_refused_naming_file_line_and_span(
    filled: SqliteStore, tmp_path: Path
) -> None:
    export_brat(filled, tmp_path / "brat")
    ann = tmp_path / "brat" / "doc-1.ann"
    lines = ann.read_text(encoding="utf-8").split("\n")
    assert lines[2] == "T3\tLOCATION 36 41\tموسكو"
    lines[2] = "T3\tLOCATION 37 42\tموسكو"
    ann.write_text("\n".join(lines), encoding="utf-8")
    # pybrat takes the shifted offsets as they are (docs/formats.md) ...
    (example, _) = BratParser(error="raise").parse(tmp_path / "brat")
    moscow = next(e for e in example.entities if e.id == "T3")
    assert isinstance(example.text, str)
    assert example.text[moscow.start : moscow.end] != moscow.mention
    # ... Hamish refuses the file, naming it, the line and the span.
    with pytest.raises(FormatError) as error:
        brat_read.read([tmp_path / "brat"])
    assert (error.value.path, error.value.record) == (str(ann), "line 3, T3")
    assert "37 42" in error.value.message and "موسكو" in error.value.message


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("R9\tATTRIBUTED_TO Arg1:T2 Arg2:T99", "T99, which is not a span"),
        ("T9\tLOCATION 36 64\tموسكو دمشق", "offsets 36 64 cover"),
        ("T9\tCLAIM 36 41;60 64\tموسكو دمشق", "leave out"),
        ("T9\tLOCATION 36 41", "no covered text"),
        ("T1\tLOCATION 36 41\tموسكو", "T1 is used twice"),
        ("A9\tKind T99 direct", "does not name a span"),
        ("#9\tAnnotatorNotes T99\tfine", "T99, which is not a span"),
        ("X1\tWhat T1", "an unknown kind of line"),
        ("no tab here", "not a brat annotation line"),
    ],
)
def test_what_hamish_cannot_hold_is_refused(
    filled: SqliteStore, tmp_path: Path, line: str, message: str
) -> None:
    export_brat(filled, tmp_path / "brat")
    ann = tmp_path / "brat" / "doc-1.ann"
    with ann.open("a", encoding="utf-8") as f:
        f.write(line + "\n")
    with pytest.raises(FormatError, match=message) as error:
        brat_read.read([tmp_path / "brat"])
    assert error.value.path == str(ann)
    assert error.value.record is not None and error.value.record.startswith("line 13")


def test_a_missing_text_and_a_crowded_folder_are_refused(
    filled: SqliteStore, tmp_path: Path
) -> None:
    first = export_brat(filled, tmp_path / "brat")
    # An earlier export is replaced whole; a folder holding anything else is refused.
    assert export_brat(filled, tmp_path / "brat") == first
    (tmp_path / "brat" / "notes.txt").write_text("mine", "utf-8")
    with pytest.raises(FileExistsError, match="new or empty folder"):
        brat_format.write(gather(filled), tmp_path / "brat")
    assert files(tmp_path / "brat") == {**first, "notes.txt": b"mine"}
    (tmp_path / "brat" / "notes.txt").unlink()
    (tmp_path / "brat" / "doc-2.txt").unlink()
    with pytest.raises(FormatError, match="missing") as error:
        brat_read.read([tmp_path / "brat"])
    assert error.value.path == str(tmp_path / "brat" / "doc-2.txt")


def test_a_brat_text_with_crlf_and_a_bom_is_stored_with_lf(tmp_path: Path) -> None:
    raw = "\ufeffقال الوزير\r\nإن الوفد وصل لسورية.\r\n"
    (tmp_path / "doc.txt").write_bytes(raw.encode("utf-8"))
    start = raw.index("لسورية") + 1
    across = raw.index("الوزير")
    (tmp_path / "doc.ann").write_bytes(
        f"T1\tLOCATION {start} {start + 5}\tسورية\n"
        f"T2\tCLAIM {across} {across + 6};{across + 8} {across + 10}\tالوزير إن\n".encode()
    )
    bundle = brat_read.read([tmp_path / "doc.ann"])
    (document,) = bundle.documents
    assert document.text == "قال الوزير\nإن الوفد وصل لسورية.\n"
    assert document.import_notes == {"bom_removed": True, "line_endings": "crlf"}
    assert [s.text for s in bundle.spans] == ["سورية", "الوزير\nإن"]
    for span in bundle.spans:
        assert document.text[span.start : span.end] == span.text
    fresh = SqliteStore(tmp_path / "fresh.sqlite3")
    assert import_bundle(fresh, bundle, "doc.ann").spans_added == 2


# ---------------------------------------------------------------------------------- CoNLL


def conll_sentences(path: Path) -> tuple[int, list[list[tuple[str, str]]]]:
    """The number of documents and the sentences of a CoNLL file, read as tools read it."""
    documents, sentences, current = 0, [], []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line == conll_format.DOCSTART:
            documents += 1
        elif line:
            token, tag = line.split("\t")
            current.append((token, tag))
        elif current:
            sentences.append(current)
            current = []
    assert not current, "the last sentence ends with a blank line"
    return documents, sentences


def entities(path: Path) -> list[tuple[str, str]]:
    """What seqeval finds, each with its text rebuilt from the tokens."""
    _, sentences = conll_sentences(path)
    # get_entities joins the sentences with an "O" between them; join the tokens alike.
    tokens = [token for sentence in sentences for token in [*(t for t, _ in sentence), ""]]
    found = get_entities([[tag for _, tag in sentence] for sentence in sentences])
    return [(label, " ".join(tokens[start : end + 1])) for label, start, end in found]


def test_conll_export_matches_the_golden_files(filled: SqliteStore, tmp_path: Path) -> None:
    conll_format.write(gather(filled), tmp_path / "conll")
    matches_golden(tmp_path / "conll", "conll")


def test_seqeval_finds_exactly_the_expected_entities(filled: SqliteStore, tmp_path: Path) -> None:
    conll_format.write(gather(filled), tmp_path / "conll")
    assert entities(tmp_path / "conll" / "amal.conll") == [
        ("SPEAKER", "وزير الخارجية سيرغي لافروف"),  # after the emoji, a token of its own
        ("LOCATION", "موسكو"),
        ("LOCATION", "دمشق"),
        ("LOCATION", "لسورية"),  # the span was سورية: widened to the token
        ("SPEAKER", "المتحدثُ"),  # tashkeel kept
        ("SPEAKER", "الحوارَ"),  # inside a claim, which is left out
        ("LOCATION", "بيروت"),
    ]
    documents, sentences = conll_sentences(tmp_path / "conll" / "amal.conll")
    assert documents == 2 and len(sentences) == 3  # the line break and the full stops
    assert sentences[0][0] == ("😀", "O")
    # omar has a status on the second document and no spans: all of it, all O.
    assert conll_sentences(tmp_path / "conll" / "omar.conll") == (
        1,
        [[(token, "O") for token, _ in sentences[2]]],
    )


def test_with_claims_the_outer_span_wins(filled: SqliteStore, tmp_path: Path) -> None:
    conll_format.write(gather(filled), tmp_path / "conll", leave_out=())
    assert entities(tmp_path / "conll" / "amal.conll") == [
        ("SPEAKER", "وزير الخارجية سيرغي لافروف"),
        ("CLAIM", "موسكو مستعدة للتعاون مع دمشق"),  # hides its two locations
        ("CLAIM", "الوفد وصل لسورية أمس"),
        ("SPEAKER", "المتحدثُ"),
        ("CLAIM", "الحوارَ مستمرٌّ » في بيروت"),  # hides a speaker and a location
    ]


def test_no_sentence_ends_inside_a_tagged_span(tmp_path: Path) -> None:
    text = "قال د. محمد علي إن الحوار مستمر. وأضاف أن الوفد وصل"
    conll_format.write(one_document(text, ("SPEAKER", "د. محمد علي")), tmp_path / "conll")
    _, sentences = conll_sentences(tmp_path / "conll" / "amal.conll")
    assert [" ".join(t for t, _ in s) for s in sentences] == [
        "قال د . محمد علي إن الحوار مستمر .",
        "وأضاف أن الوفد وصل",
    ]
    assert entities(tmp_path / "conll" / "amal.conll") == [("SPEAKER", "د . محمد علي")]


def test_brat_annotations_of_an_imported_article_land_on_that_article(tmp_path: Path) -> None:
    """An article imported from a .txt ending in a line break loses it (clean_text); the brat
    annotations of the same .txt still find that article, not a copy of it (issue 14, item 15)."""
    text = "قال الوزير إن الوفد وصل إلى دمشق.\n"
    database = tmp_path / "project.sqlite3"
    article = tmp_path / "articles" / "dimashq.txt"
    article.parent.mkdir()
    article.write_text(text, "utf-8", newline="")
    imported = run_main(["import", "--db", database, article])
    assert imported.status == 0, imported.said
    layer = tmp_path / "brat" / "omar"
    layer.mkdir(parents=True)
    (layer / "dimashq.txt").write_text(text, "utf-8", newline="")
    start = text.index("دمشق")
    (layer / "dimashq.ann").write_text(f"T1\tLOCATION {start} {start + 4}\tدمشق\n", "utf-8")
    annotated = run_main(["import", "--db", database, "--format", "brat", tmp_path / "brat"])
    assert annotated.status == 0, annotated.said
    store = SqliteStore(database)
    try:
        assert store.document_count() == 1
        document = store.document(DocumentId(1))
        assert document.text == text.rstrip()
        (span,) = store.spans_for(DocumentId(1), "omar")
        assert (span.start, span.end, span.text) == (start, start + 4, "دمشق")
    finally:
        store.close()
