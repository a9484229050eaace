"""The `csv` and `jsonl` formats: golden bytes, spreadsheet safety, and the jsonl round trip."""

from __future__ import annotations

import csv
import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from annotation.exchange.bundle import FormatError
from annotation.exchange.formats import csv_format, hamish_json, jsonl_format
from annotation.exchange.selection import gather
from annotation.exchange.transfer import import_bundle
from annotation.model import Document, Span, text_sha256
from db.store import SqliteStore

# Golden files are the expected bytes of each export of the `filled` fixture. After an
# intended change to a format, regenerate them with
#     HAMISH_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest tests/exchange/test_csv_jsonl.py
# and review the diff before keeping it. The csv ones hold CRLF row ends and a BOM on purpose.
GOLDEN = Path(__file__).parent / "golden"
TABLES = ("spans.csv", "links.csv", "entities.csv", "documents.csv")
BOM = b"\xef\xbb\xbf"


def matches_golden(produced: Path, golden: Path) -> None:
    """Compare byte for byte; with HAMISH_REGENERATE_GOLDEN=1, first rewrite the golden file."""
    if os.environ.get("HAMISH_REGENERATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(produced.read_bytes())
    assert produced.read_bytes() == golden.read_bytes(), f"{produced} differs from {golden}"


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def unneutralised(cell: str) -> str:
    """What a cell held before the formula guard (the module docstring's rule)."""
    return (
        cell[1:] if cell.startswith("'") and cell[1:2] in ("=", "+", "-", "@", "\t", "\r") else cell
    )


def test_csv_matches_the_golden_files(filled: SqliteStore, tmp_path: Path) -> None:
    csv_format.write(gather(filled), tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(TABLES)
    for name in TABLES:
        matches_golden(tmp_path / "out" / name, GOLDEN / "csv" / name)


def test_jsonl_matches_the_golden_file(filled: SqliteStore, tmp_path: Path) -> None:
    jsonl_format.write(gather(filled), tmp_path / "export.jsonl")
    matches_golden(tmp_path / "export.jsonl", GOLDEN / "jsonl" / "export.jsonl")


def test_csv_opens_with_a_bom_and_its_text_cells_are_the_text(
    filled: SqliteStore, tmp_path: Path
) -> None:
    bundle = gather(filled)
    csv_format.write(bundle, tmp_path / "out")
    for name in TABLES:
        data = (tmp_path / "out" / name).read_bytes()
        assert data.startswith(BOM) and data.endswith(b"\r\n")
    texts = {str(number): d.text for number, d in enumerate(bundle.documents, start=1)}
    spans = rows(tmp_path / "out" / "spans.csv")
    assert len(spans) == 10
    with (tmp_path / "out" / "spans.csv").open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.reader(stream)
        header = next(reader)
        for row in reader:
            cell = dict(zip(header, row, strict=True))
            text = texts[cell["document_id"]]
            assert unneutralised(cell["text"]) == text[int(cell["start"]) : int(cell["end"])]
    by_id = {s["span_id"]: s for s in spans}
    claims = [s for s in spans if s["label"] == "CLAIM"]
    assert len(claims) == 3
    for claim in claims:
        (speaker,) = claim["speaker_span_ids"].split()
        assert by_id[speaker]["label"] == "SPEAKER"
        assert by_id[speaker]["document_id"] == claim["document_id"]
    assert all(s["speaker_span_ids"] == "" for s in spans if s["label"] != "CLAIM")
    lavrov = next(s for s in spans if s["entity_name"] == "سيرغي لافروف")
    assert lavrov["label"] == "SPEAKER" and lavrov["attributes"] == "{}"
    links = rows(tmp_path / "out" / "links.csv")
    assert [(link["kind"], link["annotator"]) for link in links] == [("ATTRIBUTED_TO", "amal")] * 3
    entities = rows(tmp_path / "out" / "entities.csv")
    assert [json.loads(e["aliases"]) for e in entities] == [["لافروف"], ["سوريا"]]
    documents = rows(tmp_path / "out" / "documents.csv")
    assert [d["characters"] for d in documents] == [str(len(d.text)) for d in bundle.documents]


# No tab case: a title is one line, and the store refuses a tab in it.
@pytest.mark.parametrize("title", ["=cmd|' /C calc'!A0", "+1", "@SUM(A1)", "-2+3"])
def test_a_formula_in_a_cell_is_neutralised(title: str, tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "formula.sqlite3")
    text = "-5 درجات في عمّان"
    (document,) = store.add_documents(
        [Document(text=text, text_sha256=text_sha256(text), title=title, source="=HYPERLINK()")]
    )
    store.add_span(Span(document, "amal", "LOCATION", 0, 8, "-5 درجات"))
    csv_format.write(gather(store), tmp_path / "out")
    (row,) = rows(tmp_path / "out" / "documents.csv")
    assert row["title"] == "'" + title and row["source"] == "'=HYPERLINK()"
    assert row["characters"] == str(len(text))  # a number stays a number
    (span,) = rows(tmp_path / "out" / "spans.csv")
    assert span["document_title"] == "'" + title
    assert span["text"] == "'-5 درجات" and unneutralised(span["text"]) == text[0:8]
    assert (span["start"], span["end"]) == ("0", "8")


def test_the_zip_holds_the_same_four_files(filled: SqliteStore, tmp_path: Path) -> None:
    bundle = gather(filled)
    csv_format.write(bundle, tmp_path / "out")
    csv_format.write(bundle, tmp_path / "out.zip")
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        assert archive.testzip() is None
        assert sorted(archive.namelist()) == sorted(TABLES)
        for name in TABLES:
            assert archive.read(name) == (tmp_path / "out" / name).read_bytes()
    first = (tmp_path / "out.zip").read_bytes()
    csv_format.write(bundle, tmp_path / "out.zip")
    assert (tmp_path / "out.zip").read_bytes() == first  # no timestamps inside


def test_jsonl_lines_carry_the_canonical_ids_of_the_json_format(
    filled: SqliteStore, tmp_path: Path
) -> None:
    bundle = gather(filled)
    jsonl_format.write(bundle, tmp_path / "export.jsonl")
    data = (tmp_path / "export.jsonl").read_bytes()
    assert not data.startswith(BOM) and b"\r" not in data and data.endswith(b"\n")
    lines = [json.loads(line) for line in data.decode("utf-8").splitlines()]
    reference = hamish_json.to_data(bundle)
    assert [line["id"] for line in lines] == [d["id"] for d in reference["documents"]]
    spans = [s for line in lines for s in line["spans"]]
    assert [(s["id"], s["label"], s["start"], s["end"], s["start_utf16"]) for s in spans] == [
        (s["id"], s["label"], s["start"], s["end"], s["start_utf16"]) for s in reference["spans"]
    ]
    entities = {e["id"]: e for e in reference["entities"]}
    for span, expected in zip(spans, reference["spans"], strict=True):
        if expected["entity_id"] is None:
            assert span["entity"] is None
        else:
            entity = entities[expected["entity_id"]]
            assert span["entity"] == {
                "id": entity["id"],
                "name": entity["name"],
                "kind": entity["kind"],
            }
    links = [link for line in lines for link in line["links"]]
    assert [(link["source"], link["target"]) for link in links] == [
        (link["source_id"], link["target_id"]) for link in reference["links"]
    ]


def test_jsonl_export_read_import_export_gives_identical_bytes(
    filled: SqliteStore, tmp_path: Path
) -> None:
    jsonl_format.write(gather(filled), tmp_path / "first.jsonl")
    fresh = SqliteStore(tmp_path / "fresh.sqlite3")
    report = import_bundle(fresh, jsonl_format.read([tmp_path / "first.jsonl"]), "first.jsonl")
    assert (
        report.documents_added,
        report.spans_added,
        report.links_added,
        report.entities_added,
    ) == (2, 10, 3, 2)
    jsonl_format.write(gather(fresh), tmp_path / "second.jsonl")
    assert (tmp_path / "second.jsonl").read_bytes() == (tmp_path / "first.jsonl").read_bytes()


def rewrite_line(path: Path, number: int, change: Callable[[str], str]) -> Path:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[number - 1] = change(lines[number - 1])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def edit(change: Callable[[Any], object]) -> Callable[[str], str]:
    """A line rewrite that changes the line's JSON object in place."""

    def apply(line: str) -> str:
        data = json.loads(line)
        change(data)
        return json.dumps(data, ensure_ascii=False)

    return apply


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda line: line[:-5], "malformed JSON"),
        (lambda line: "[1, 2]", "one JSON object"),
        (edit(lambda d: d.pop("text")), "'text'"),
        (edit(lambda d: d.update(text_sha256="0" * 64)), "SHA-256"),
        (edit(lambda d: d["spans"][0].update(start="1")), "'start' must be int"),
        (edit(lambda d: d["spans"][0].update(end_utf16=d["spans"][0]["end_utf16"] + 1)), "UTF-16"),
        (edit(lambda d: d["links"][0].update(target=1)), "not on this line"),
        (edit(lambda d: d["spans"][0].update(entity={"id": 1, "name": "x", "kind": "god"})), "god"),
    ],
)
def test_a_bad_jsonl_line_is_refused_naming_it(
    filled: SqliteStore,
    tmp_path: Path,
    change: Callable[[str], str],
    message: str,
) -> None:
    path = tmp_path / "out.jsonl"
    jsonl_format.write(gather(filled), path)
    rewrite_line(path, 2, change)
    with pytest.raises(FormatError, match=message) as error:
        jsonl_format.read([path])
    assert error.value.record == "line 2" and str(path) in str(error.value)


def test_a_span_that_does_not_fit_its_text_is_refused_by_the_import(
    filled: SqliteStore, tmp_path: Path
) -> None:
    path = tmp_path / "out.jsonl"
    jsonl_format.write(gather(filled), path)
    rewrite_line(path, 1, edit(lambda d: d["spans"][0].update(text="غير هذا")))
    fresh = SqliteStore(tmp_path / "fresh.sqlite3")
    with pytest.raises(FormatError, match="claims 'غير هذا'"):
        import_bundle(fresh, jsonl_format.read([path]), str(path))
    assert fresh.document_count() == 0
