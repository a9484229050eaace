"""Hostile values in Hamish's own `json` and `jsonl` packages: every field an import would
store is checked first (exchange/validation.py), texts enter in the one stored form with their
spans following them, and nothing is written when anything is refused.

Each table row is one hostile input, refused by `import_bundle` (in-process: the command's
path is covered once per format below) with a message naming the file and the record, and the
database digest unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from annotation.exchange.formats import FORMATS
from annotation.exchange.selection import select
from annotation.model import text_sha256
from db.store import SqliteStore
from tests.hostile.conftest import assert_refused, digest, refused_import, run_main, tally

Data = dict[str, Any]


def package(project: Path, name: str, folder: Path) -> Data | list[Data]:
    """The project exported as format `name`, decoded (a list of lines for jsonl)."""
    out = folder / f"valid.{name}"
    store = SqliteStore(project)
    try:
        FORMATS[name].write(select(store), out, None)
    finally:
        store.close()
    if name == "jsonl":
        return [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    return json.loads(out.read_text("utf-8"))  # type: ignore[no-any-return]


def save(data: object, path: Path) -> Path:
    if isinstance(data, list):
        path.write_text("".join(json.dumps(line) + "\n" for line in data), "utf-8")
    else:
        path.write_text(json.dumps(data), "utf-8")  # ASCII: escapes keep controls intact
    return path


def span_of(data: Data, label: str) -> Data:
    return next(s for s in data["spans"] if s["label"] == label)


def new_document(text: str, spans: list[tuple[str, int, int]], sha: str | None = None) -> Data:
    """A json document (id 7) with spans (ids 70, 71, ...) on raw offsets, for `amal`."""
    return {
        "document": {"id": 7, "title": "جديد", "text": text, "text_sha256": sha or sha_of(text)},
        "spans": [
            {"id": 70 + i, "document_id": 7, "annotator": "amal", "label": label, "start": start,
             "end": end, "text": text[start:end], "attributes": {}, "entity_id": None,
             "origin": "manual"}
            for i, (label, start, end) in enumerate(spans)
        ],
    }  # fmt: skip


def sha_of(text: str) -> str:
    return text_sha256(text)


def with_document(extra: Data) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        data["documents"].append(extra["document"])
        data["spans"] += extra["spans"]

    return change


MARKED = "أكَّدَ الوزيرُ"  # a span ending after أك cuts the kaf from its shadda and fatha
# Issue 14, item 12: مُحَم ending before the second م's shadda and fatha; دِمَشْق before its fatha.
MUHAMMAD = "قال مُحَمَّد إن الوفد وصل إلى دِمَشْقَ أمس."
MUHAM = (MUHAMMAD.index("مُحَم"), MUHAMMAD.index("مُحَم") + len("مُحَم"))
DIMASHQ = (MUHAMMAD.index("دِمَشْق"), MUHAMMAD.index("دِمَشْق") + len("دِمَشْق"))
COMPOSED = "قال ا\u0654حمد"  # alef + hamza above, which NFC stores as one letter أ

# (what, change to the decoded json package, the record named, a word of the message)
JSON_CASES: list[tuple[str, Callable[[Data], None], str, str]] = [
    ("a new document without spans and a wrong SHA-256",
     lambda d: d["documents"].append(
         {"id": 9, "title": "", "text": "نص آخر", "text_sha256": "0" * 64}),
     "document 9", "SHA-256"),
    ("import_notes a list", lambda d: d["documents"][0].update(import_notes=[1]),
     "documents[0]", "import_notes"),
    ("import_notes holding a list", lambda d: d["documents"][0].update(import_notes={"a": [1]}),
     "document 1", "import notes"),
    ("span attributes a list", lambda d: span_of(d, "CLAIM").update(attributes=[1, 2]),
     "spans[1]", "attributes"),
    ("span attributes a string", lambda d: span_of(d, "CLAIM").update(attributes="direct"),
     "spans[1]", "attributes"),
    ("a span attribute holding a list",
     lambda d: span_of(d, "CLAIM").update(attributes={"kind": ["direct"]}),
     "span 2", "attributes 'kind'"),
    ("a span attribute holding an object",
     lambda d: span_of(d, "CLAIM").update(attributes={"kind": {"a": 1}}),
     "span 2", "attributes 'kind'"),
    ("a span attribute name with an escape",
     lambda d: span_of(d, "CLAIM").update(attributes={"k\x1b[2J": "x"}),
     "span 2", "control character"),
    ("a span attribute of 20,000 characters",
     lambda d: span_of(d, "CLAIM").update(attributes={"note": "ن" * 20_000}),
     "span 2", "at most 10000"),
    ("entity attributes a list", lambda d: d["entities"][0].update(attributes=[1, 2]),
     "entities[0]", "attributes"),
    ("aliases a string", lambda d: d["entities"][0].update(aliases="abc"),
     "entities[0]", "aliases"),
    ("an alias with a NUL", lambda d: d["entities"][0].update(aliases=["دم\x00شق"]),
     "entity 1", "control character"),
    ("an empty entity name", lambda d: d["entities"][0].update(name=" "),
     "entity 1", "entity name is empty"),
    ("an entity name of 201 characters", lambda d: d["entities"][0].update(name="د" * 201),
     "entity 1", "at most 200"),
    ("a status for a document not in the file",
     lambda d: d["statuses"].append({"document_id": 99, "annotator": "amal", "status": "done"}),
     "statuses[", "99"),
    ("a label outside the tag set", lambda d: span_of(d, "SPEAKER").update(label="PERSON"),
     "span 1", "not in the tag set"),
    ("a label of 1,000,000 characters", lambda d: span_of(d, "SPEAKER").update(label="X" * 10**6),
     "span 1", "at most 64"),
    ("a label with a line feed", lambda d: span_of(d, "SPEAKER").update(label="SPEAKER\n"),
     "span 1", "line break"),
    ("a link kind outside the tag set", lambda d: d["links"][0].update(kind="QUOTES"),
     "link 1", "not in the tag set"),
    ("a reversed link (SPEAKER to CLAIM)",
     lambda d: d["links"][0].update(source_id=d["links"][0]["target_id"],
                                    target_id=d["links"][0]["source_id"]),
     "link 1", "reversed"),
    ("a link from a span to itself",
     lambda d: d["links"][0].update(target_id=d["links"][0]["source_id"]),
     "link 1", "to itself"),
    ("a link from a LOCATION",
     lambda d: d["links"][0].update(target_id=span_of(d, "LOCATION")["id"]),
     "link 1", "goes from a CLAIM to a SPEAKER"),
    ("an empty annotator name", lambda d: span_of(d, "SPEAKER").update(annotator="  "),
     "spans[0]", "annotator"),
    ("an annotator name with an ESC sequence",
     lambda d: span_of(d, "SPEAKER").update(annotator="amal\x1b[31m"),
     "span 1", "control character (U+001B)"),
    ("an annotator name of 65 characters", lambda d: span_of(d, "SPEAKER").update(annotator="a" * 65),
     "span 1", "at most 64"),
    ("a title with an ESC sequence", lambda d: d["documents"][0].update(title="\x1b]0;pwned\x07"),
     "document 1", "control character"),
    ("a title of 1,001 characters", lambda d: d["documents"][0].update(title="ع" * 1001),
     "document 1", "at most 1000"),
    ("a URL with a NUL", lambda d: d["documents"][0].update(url="http://x/\x00"),
     "document 1", "url holds a control character"),
    ("an entity_id naming no entity", lambda d: span_of(d, "SPEAKER").update(entity_id=42),
     "spans[0]", "entity_id 42"),
    ("a span ending between a letter and its shadda",
     with_document(new_document(MARKED, [("SPEAKER", 0, 2)])),
     "span 70", "marks"),
    ("a span starting on a fatha", with_document(new_document(MARKED, [("SPEAKER", 5, 13)])),
     "span 70", "marks"),
    ("مُحَم ending before the shadda and fatha of its second م",
     with_document(new_document(MUHAMMAD, [("SPEAKER", *MUHAM)])), "span 70", "marks"),
    ("دِمَشْق ending before its final fatha",
     with_document(new_document(MUHAMMAD, [("LOCATION", *DIMASHQ)])), "span 70", "U+064E"),
    ("a span ending between alef and the hamza NFC joins to it",
     with_document(new_document(COMPOSED, [("SPEAKER", 4, 5)])),
     "span 70", "NFC"),
    ("a span covering only the CR of a CRLF",
     with_document(new_document("سطر\r\nسطر", [("SPEAKER", 3, 4)])),
     "span 70", "not stored"),
    ("a span covering only a NUL",
     with_document(new_document("سطر\x00سطر", [("SPEAKER", 3, 4)])),
     "span 70", "not stored"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "record", "word"),
    [case[1:] for case in JSON_CASES],
    ids=[case[0] for case in JSON_CASES],
)
def test_json_hostile_values_are_refused_by_name(
    project: Path, tmp_path: Path, change: Callable[[Data], None], record: str, word: str
) -> None:
    with tally("import --format json"):
        data = package(project, "json", tmp_path)
        assert isinstance(data, dict)
        change(data)
        refused_import(project, "json", save(data, tmp_path / "hostile.json"), record, word)


def jsonl_line(text: str, spans: list[tuple[str, int, int]], **extra: Any) -> Data:
    return {
        "id": 5, "title": "جديد", "text": text, "text_sha256": sha_of(text),
        "spans": [
            {"id": 50 + i, "annotator": "omar", "label": label, "start": start, "end": end,
             "text": text[start:end], "attributes": {}, "entity": None}
            for i, (label, start, end) in enumerate(spans)
        ],
        **extra,
    }  # fmt: skip


def first_spans(lines: list[Data]) -> list[Data]:
    return lines[0]["spans"]  # type: ignore[no-any-return]


JSONL_CASES: list[tuple[str, Callable[[list[Data]], None], str, str]] = [
    ("span attributes a list", lambda ls: first_spans(ls)[1].update(attributes=[1]),
     "line 1", "attributes"),
    ("a span attribute holding a list",
     lambda ls: first_spans(ls)[1].update(attributes={"kind": [1]}), "span 2", "attributes"),
    ("a label outside the tag set", lambda ls: first_spans(ls)[0].update(label="ORG"),
     "span 1", "not in the tag set"),
    ("a label of 100,000 characters", lambda ls: first_spans(ls)[0].update(label="L" * 100_000),
     "span 1", "at most 64"),
    ("a link kind outside the tag set", lambda ls: ls[0]["links"][0].update(kind="SAID"),
     "link 1", "not in the tag set"),
    ("a reversed link", lambda ls: ls[0]["links"][0].update(source=1, target=2),
     "link 1", "reversed"),
    ("a link from a span to itself", lambda ls: ls[0]["links"][0].update(target=2),
     "link 1", "to itself"),
    ("an annotator with a bell", lambda ls: first_spans(ls)[0].update(annotator="a\x07"),
     "span 1", "control character"),
    ("an entity with an empty name",
     lambda ls: first_spans(ls)[2].update(entity={"id": 1, "kind": "place", "name": ""}),
     "entity 1", "entity name is empty"),
    ("a title with a NUL", lambda ls: ls[0].update(title="\x00"), "document 1", "title"),
    ("a span cutting a letter from its marks",
     lambda ls: ls.append(jsonl_line(MARKED, [("SPEAKER", 0, 2)])), "span 50", "marks"),
    ("مُحَم ending before the shadda and fatha of its second م",
     lambda ls: ls.append(jsonl_line(MUHAMMAD, [("SPEAKER", *MUHAM)])), "span 50", "marks"),
    ("دِمَشْق ending before its final fatha",
     lambda ls: ls.append(jsonl_line(MUHAMMAD, [("LOCATION", *DIMASHQ)])), "span 50", "U+064E"),
    ("a span inside what NFC joins",
     lambda ls: ls.append(jsonl_line(COMPOSED, [("SPEAKER", 4, 5)])), "span 50", "NFC"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "record", "word"),
    [case[1:] for case in JSONL_CASES],
    ids=[case[0] for case in JSONL_CASES],
)
def test_jsonl_hostile_values_are_refused_by_name(
    project: Path, tmp_path: Path, change: Callable[[list[Data]], None], record: str, word: str
) -> None:
    with tally("import --format jsonl"):
        lines = package(project, "jsonl", tmp_path)
        assert isinstance(lines, list)
        change(lines)
        refused_import(project, "jsonl", save(lines, tmp_path / "hostile.jsonl"), record, word)


# Texts as another tool writes them: the stored text is the one the window shows, and each span
# lands on the same letters it had in the file.
RAW = "\ufeffقال وزير الخارجية\r\nإن الوفد وصل إلى دمشق\x1b[0m ا\u0654مس.\r\n"
STORED = "قال وزير الخارجية\nإن الوفد وصل إلى دمشق[0m أمس.\n"
WORDS = [("SPEAKER", "وزير الخارجية"), ("LOCATION", "دمشق"), ("CLAIM", "الوفد وصل إلى دمشق")]


def raw_spans() -> list[tuple[str, int, int]]:
    return [(label, RAW.index(w), RAW.index(w) + len(w)) for label, w in WORDS]


def stored_layer(database: Path, annotator: str) -> tuple[str, dict[str, Any], list[str]]:
    store = SqliteStore(database)
    try:
        (document,) = [d for d in store.document_summaries() if d.title == "جديد"]
        full = store.document(document.id)
        spans = store.spans_for(document.id, annotator)
        assert all(full.text[s.start : s.end] == s.text for s in spans)
        return full.text, full.import_notes, sorted(f"{s.label} {s.text}" for s in spans)
    finally:
        store.close()


NOTES = {"bom_removed": True, "line_endings": "crlf", "unicode_nfc": True,
         "control_characters_removed": 1}  # fmt: skip


@pytest.mark.parametrize("name", ["json", "jsonl"])
def test_a_bom_crlf_control_and_decomposed_text_lands_on_the_same_letters(
    project: Path, tmp_path: Path, name: str
) -> None:
    with tally(f"import --format {name}"):
        if name == "json":
            extra = new_document(RAW, raw_spans())
            for span in extra["spans"]:
                span["annotator"] = "omar"
            data: object = {"format": "hamish", "version": 1, "documents": [extra["document"]],
                            "spans": extra["spans"], "links": [], "entities": [],
                            "statuses": []}  # fmt: skip
        else:
            data = [jsonl_line(RAW, raw_spans())]
        path = save(data, tmp_path / f"windows.{name}")
        outcome = run_main(["import", "--db", project, "--format", name, path])
        assert outcome.status == 0, outcome.said
        text, notes, layer = stored_layer(project, "omar")
        assert text == STORED
        assert {k: notes[k] for k in NOTES} == NOTES
        assert layer == sorted(f"{label} {words}" for label, words in WORDS)


@pytest.mark.parametrize(
    ("name", "change", "names"),
    [
        ("json", lambda d: span_of(d, "CLAIM").update(attributes=[1, 2]), ["spans[1]"]),
        ("json", lambda d: d["links"][0].update(kind="X" * 100_000), ["link 1", "at most 64"]),
        ("jsonl", lambda ls: first_spans(ls)[0].update(label="PERSON"), ["span 1", "tag set"]),
    ],
    ids=["json attributes a list", "json link kind of 100,000", "jsonl label outside"],
)
def test_the_command_refuses_naming_file_and_record(
    project: Path, tmp_path: Path, name: str, change: Callable[[Any], None], names: list[str]
) -> None:
    with tally(f"import --format {name}"):
        data = package(project, name, tmp_path)
        change(data)
        path = save(data, tmp_path / f"hostile.{name}")
        before = digest(project)
        outcome = run_main(["import", "--db", project, "--format", name, path])
        assert_refused(outcome, str(path), *names, database=project, before=before)


def test_the_annotator_option_is_a_name_too(project: Path, tmp_path: Path) -> None:
    with tally("import --format json"):
        data = package(project, "json", tmp_path)
        path = save(data, tmp_path / "package.json")
        before = digest(project)
        outcome = run_main(
            ["import", "--db", project, "--format", "json", "--annotator", "x\x1b[2J", path]
        )
        assert_refused(outcome, str(path), "--annotator", database=project, before=before)


def test_labels_outside_the_tag_set_are_kept_only_when_asked(project: Path, tmp_path: Path) -> None:
    text = "أعلنت الشركة أرباحها."
    lines = [jsonl_line(text, [("ORGANISATION", 6, 12)])]
    path = save(lines, tmp_path / "other-tool.jsonl")
    before = digest(project)
    refusal = run_main(["import", "--db", project, "--format", "jsonl", path])
    assert_refused(refusal, str(path), "span 50", "ORGANISATION", database=project, before=before)
    kept = run_main(["import", "--db", project, "--format", "jsonl", "--outside-tagset", path])
    assert kept.status == 0, kept.said
    store = SqliteStore(project)
    try:
        document_id = store.document_id_for_hash(sha_of(text))
        assert document_id is not None
        assert [(s.label, s.text) for s in store.spans_for(document_id, "omar")] == [
            ("ORGANISATION", "الشركة")
        ]
    finally:
        store.close()
