"""Label Studio's way back (issue 15): each annotation its own layer, named after the Hamish layer
it came from though Label Studio 1.23.2 drops `meta`; regions across line breaks as its editor
saves them; predictions both ways; nothing merged or left out unsaid.

The files here are Hamish's export changed the way Label Studio 1.23.2 changes it (checked
against the running server in tests/interop/test_label_studio.py): `meta` gone, every
annotation credited to the importing user (`completed_by`: a user id), region ids and the task's
`data` kept.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from annotation.exchange.bundle import Bundle, ExportOptions
from annotation.exchange.formats import labelstudio_format, labelstudio_read
from annotation.exchange.selection import gather
from annotation.exchange.transfer import import_bundle
from annotation.model import DocumentId, Origin, Span
from db.store import SqliteStore
from tests.exchange.conftest import words

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def two_layers(filled: SqliteStore) -> SqliteStore:
    """The filled store with omar's layer beside amal's on the first document."""
    first = DocumentId(1)  # the store is new: its first document
    text = filled.document(first).text
    start, end = words(text, "موسكو مستعدة للتعاون مع دمشق")
    filled.add_span(Span(first, "omar", "CLAIM", start, end, text[start:end], {"kind": "direct"}))
    return filled


def as_label_studio_keeps_it(path: Path, importer: int = 1) -> list[dict[str, Any]]:
    """Hamish's export as Label Studio 1.23.2 gives it back: no meta, the importer's id."""
    data: list[dict[str, Any]] = json.loads(path.read_text("utf-8"))
    for task in data:
        for number, annotation in enumerate(task["annotations"], start=1):
            del annotation["meta"]
            annotation.update(id=number, completed_by=importer, was_cancelled=False)
    return data


def write(data: list[dict[str, Any]], path: Path) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def layers(bundle: Bundle) -> dict[tuple[int, str], list[tuple[str, str, object]]]:
    """Each (document, layer)'s spans as (label, text, attributes), by position."""
    found: dict[tuple[int, str], list[tuple[str, str, object]]] = {}
    for span in sorted(bundle.spans, key=lambda s: (s.document_id, s.annotator, s.start, -s.end)):
        key = (int(span.document_id) % 1_000_000_000, span.annotator)
        found.setdefault(key, []).append((span.label, span.text, span.attributes))
    return found


def test_every_layer_comes_back_under_its_own_name_though_meta_is_dropped(
    two_layers: SqliteStore, tmp_path: Path
) -> None:
    original = gather(two_layers)
    labelstudio_format.write(original, tmp_path / "export.json")
    back = labelstudio_read.read(
        [write(as_label_studio_keeps_it(tmp_path / "export.json"), tmp_path / "ls.json")]
    )
    assert layers(back) == layers(original)
    assert sorted(layers(back)) == [(1, "amal"), (1, "omar"), (2, "amal")]
    assert {(s.annotator, s.status.value) for s in back.statuses} == {("amal", "done")}
    assert len(back.links) == 3 and back.notes == ()


def test_a_second_persons_annotation_of_the_same_region_is_a_layer_of_its_own(
    filled: SqliteStore, tmp_path: Path
) -> None:
    """Two annotations of one region, kind direct in one and indirect in the other, came back
    as one span (issue 15): now each is its own layer, and both are stored."""
    labelstudio_format.write(gather(filled), tmp_path / "export.json")
    data = as_label_studio_keeps_it(tmp_path / "export.json")
    claim = next(
        r for r in data[0]["annotations"][0]["result"] if r["value"].get("labels") == ["CLAIM"]
    )
    second = [
        {**claim, "id": "Xy12ab"},
        {
            "id": "Xy12ab",
            "from_name": "kind",
            "to_name": "text",
            "type": "choices",
            "value": {
                **{k: claim["value"][k] for k in ("start", "end", "text")},
                "choices": ["direct"],
            },
        },
    ]
    data[0]["annotations"].append({"id": 9, "completed_by": 2, "result": second})
    bundle = labelstudio_read.read([write(data, tmp_path / "ls.json")])
    theirs = layers(bundle)[(1, "labelstudio-2")]
    assert theirs == [("CLAIM", "موسكو مستعدة للتعاون مع دمشق", {"kind": "direct"})]
    store = SqliteStore(tmp_path / "back.sqlite3")
    report = import_bundle(store, bundle, "ls.json")
    assert report.spans_added == 11 and report.notes == []
    first = DocumentId(1)
    kinds = {
        name: [s.attributes.get("kind") for s in store.spans_for(first, name) if s.label == "CLAIM"]
        for name in ("amal", "labelstudio-2")
    }
    assert kinds == {"amal": ["indirect", "indirect"], "labelstudio-2": ["direct"]}


def test_two_annotations_that_would_share_a_name_are_kept_apart_and_said(
    filled: SqliteStore, tmp_path: Path
) -> None:
    labelstudio_format.write(gather(filled), tmp_path / "export.json")
    data = as_label_studio_keeps_it(tmp_path / "export.json")
    region = data[1]["annotations"][0]["result"][0]
    for number in (7, 8):
        data[1]["annotations"].append(
            {"id": number, "completed_by": 3, "result": [{**region, "id": f"new{number}"}]}
        )
    path = write(data, tmp_path / "ls.json")
    bundle = labelstudio_read.read([path])
    assert {(2, "labelstudio-3"), (2, "labelstudio-3-2")} <= set(layers(bundle))
    assert bundle.notes == (
        f"{path}, task 1: annotation 8 would be layer 'labelstudio-3' like another of the"
        " task's; it is layer 'labelstudio-3-2' (nothing merged)",
    )


def test_a_region_drawn_across_a_line_break_is_read_as_label_studio_saves_it(
    filled: SqliteStore, tmp_path: Path
) -> None:
    """Label Studio 1.23.2 writes the newline in such a region's text as backslash + n; the
    whole project was refused (issue 15)."""
    labelstudio_format.write(gather(filled), tmp_path / "export.json")
    data = as_label_studio_keeps_it(tmp_path / "export.json")
    text = data[0]["data"]["text"]
    start = text.index("دمشق")
    end = text.index("الوفد") + len("الوفد")
    assert "\n" in text[start:end]
    shown = text[start:end].replace("\n", "\\n")
    data[0]["annotations"].append(
        {
            "id": 5,
            "completed_by": 2,
            "result": [
                {
                    "id": "nl1",
                    "from_name": "label",
                    "to_name": "text",
                    "type": "labels",
                    "value": {"start": start, "end": end, "text": shown, "labels": ["CLAIM"]},
                }
            ],
        }
    )
    bundle = labelstudio_read.read([write(data, tmp_path / "ls.json")])
    (span,) = (s for s in bundle.spans if s.annotator == "labelstudio-2")
    assert (span.start, span.end, span.text) == (start, end, "دمشق.\nوأضاف أن الوفد")


def test_a_layer_goes_out_as_predictions_and_comes_back_as_suggestions(
    two_layers: SqliteStore, tmp_path: Path
) -> None:
    original = gather(two_layers)
    labelstudio_format.write(original, tmp_path / "export.json", ExportOptions(predictions="omar"))
    data = as_label_studio_keeps_it(tmp_path / "export.json")
    (prediction,) = data[0]["predictions"]
    assert prediction["model_version"] == "hamish:omar"
    assert [a["result"][0]["id"] for a in data[0]["annotations"]] == ["s1"]
    assert [entry["annotator"] for entry in data[0]["data"]["hamish_layers"]] == ["amal"]
    # And one made by another model, as Label Studio's ML backends write them.
    data[1]["predictions"] = [
        {
            "model_version": "ner-v3",
            "score": 0.8,
            "result": [data[1]["annotations"][0]["result"][0]],
        }
    ]
    bundle = labelstudio_read.read([write(data, tmp_path / "ls.json")])
    assert layers(bundle)[(1, "omar")] == layers(original)[(1, "omar")]
    assert layers(bundle)[(2, "assistant")] == [("SPEAKER", "المتحدثُ", {})]
    origins = {(s.annotator, s.origin) for s in bundle.spans}
    assert origins == {
        ("amal", Origin.IMPORTED),
        ("omar", Origin.SUGGESTED),
        ("assistant", Origin.SUGGESTED),
    }


def test_predictions_listed_by_id_alone_are_left_out_and_said(
    filled: SqliteStore, tmp_path: Path
) -> None:
    """Label Studio 1.23.2's Export button writes `"predictions": [1]` (tests/interop)."""
    labelstudio_format.write(gather(filled), tmp_path / "export.json")
    data = as_label_studio_keeps_it(tmp_path / "export.json")
    data[0]["predictions"], data[1]["predictions"] = [1], [2, 3]
    path = write(data, tmp_path / "ls.json")
    bundle = labelstudio_read.read([path])
    assert len(bundle.spans) == 10
    assert bundle.notes == (
        f"{path}, task 0: 3 prediction(s) are listed by id alone, as Label Studio's Export"
        " button writes them: left out (a snapshot export with predictions in full brings"
        " them)",
    )


def test_a_cancelled_annotation_is_left_out_and_said(filled: SqliteStore, tmp_path: Path) -> None:
    labelstudio_format.write(gather(filled), tmp_path / "export.json")
    data = as_label_studio_keeps_it(tmp_path / "export.json")
    data[1]["annotations"][0]["was_cancelled"] = True
    path = write(data, tmp_path / "ls.json")
    bundle = labelstudio_read.read([path])
    assert (2, "amal") not in layers(bundle)
    assert bundle.notes == (
        f"{path}, task 1: annotation 1 was cancelled (skipped) in Label Studio: left out",
    )


def test_a_span_twice_in_one_layer_with_other_attributes_is_named_by_the_import(
    filled: SqliteStore, tmp_path: Path
) -> None:
    """One layer holds one span a label and place: the second's attributes were dropped
    without a word (issue 15); the import's notes now name it."""
    labelstudio_format.write(gather(filled), tmp_path / "export.json")
    data = as_label_studio_keeps_it(tmp_path / "export.json")
    results = data[1]["annotations"][0]["result"]
    claim = next(r for r in results if r["value"].get("labels") == ["CLAIM"])
    results += [
        {**claim, "id": "twin"},
        {
            "id": "twin",
            "from_name": "kind",
            "to_name": "text",
            "type": "choices",
            "value": {
                **{k: claim["value"][k] for k in ("start", "end", "text")},
                "choices": ["direct"],
            },
        },
    ]
    store = SqliteStore(tmp_path / "back.sqlite3")
    report = import_bundle(
        store, labelstudio_read.read([write(data, tmp_path / "ls.json")]), "ls.json"
    )
    assert report.spans_added == 10
    (note,) = report.notes
    assert note.startswith("ls.json: document 2, layer amal: CLAIM ")
    assert "the second says kind='direct', which was left out" in note


def test_the_import_command_prints_the_notes_and_export_checks_predictions(
    two_layers: SqliteStore, tmp_path: Path
) -> None:
    database = tmp_path / "source.sqlite3"
    run = [sys.executable, str(ROOT / "main.py"), "--db", str(database)]
    refused = subprocess.run(
        [
            *run,
            "export",
            "--format",
            "json",
            "--out",
            str(tmp_path / "x.json"),
            "--predictions",
            "omar",
        ],
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 2
    assert "--predictions is for --format labelstudio" in refused.stderr
    missing = subprocess.run(
        [
            *run,
            "export",
            "--format",
            "labelstudio",
            "--out",
            str(tmp_path / "x.json"),
            "--predictions",
            "nobody",
        ],
        capture_output=True,
        text=True,
    )
    assert missing.returncode == 2 and "there is no layer of that name" in missing.stderr
    out = tmp_path / "export.json"
    subprocess.run(
        [*run, "export", "--format", "labelstudio", "--out", str(out), "--predictions", "omar"],
        check=True,
        capture_output=True,
    )
    data = as_label_studio_keeps_it(out)
    data[1]["annotations"][0]["was_cancelled"] = True
    imported = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--db",
            str(tmp_path / "back.sqlite3"),
            "import",
            "--format",
            "labelstudio",
            str(write(data, tmp_path / "ls.json")),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "spans added 7," in imported.stdout
    assert imported.stdout.splitlines()[-1] == (
        f"note: {tmp_path / 'ls.json'}, task 1: annotation 1 was cancelled (skipped) in Label"
        " Studio: left out"
    )


def test_thousands_of_notes_are_counted_after_the_first_fifty(
    filled: SqliteStore, tmp_path: Path
) -> None:
    labelstudio_format.write(gather(filled), tmp_path / "export.json")
    data = as_label_studio_keeps_it(tmp_path / "export.json")
    data[0]["annotations"] += [
        {"id": 100 + n, "was_cancelled": True, "result": []} for n in range(1_200)
    ]
    path = write(data, tmp_path / "ls.json")
    run = [sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "back.sqlite3")]
    printed = subprocess.run(
        [*run, "import", "--format", "labelstudio", str(path)],
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    notes = [line for line in printed if line.startswith("note: ")]
    assert len(notes) == 51
    assert notes[-1] == "note: ... and 1,150 more (--json lists every note)"
    listed = subprocess.run(
        [*run, "import", "--format", "labelstudio", "--json", str(path)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert len(json.loads(listed)["notes"]) == 1_200
