"""The `labelstudio` and `doccano` formats: golden bytes, the round trip through a fresh store,
UTF-16 offsets after the emoji, the labeling config checked by Label Studio's own SDK (when
installed) and by hand, and offsets that miss their text refused naming file, task and result.

The golden files are tests/exchange/golden/labelstudio/ and tests/exchange/golden/doccano/,
compared byte for byte. After a deliberate change to a format, rewrite them with
`HAMISH_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest tests/exchange/test_labelstudio_doccano.py`
and review the diff before keeping it.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from annotation.exchange.bundle import Bundle, ExportOptions, FormatError
from annotation.exchange.formats import doccano_format, labelstudio_format, labelstudio_read
from annotation.exchange.selection import gather
from annotation.exchange.transfer import import_bundle
from annotation.model import Document, Status, text_sha256
from annotation.tagset import load_tagset
from db.store import SqliteStore
from tests.exchange.conftest import TEXTS

GOLDEN = Path(__file__).parent / "golden"
UTF16 = ExportOptions(utf16=True)
Writer = Callable[[Bundle, Path, ExportOptions | None], None]
Reader = Callable[[list[Path]], Bundle]
FORMATS: dict[str, tuple[Writer, Reader, str]] = {
    "labelstudio": (labelstudio_format.write, labelstudio_read.read, "json"),
    "doccano": (doccano_format.write, doccano_format.read, "jsonl"),
}


def matches_golden(produced: Path, golden: Path) -> None:
    """Compare byte for byte; with HAMISH_REGENERATE_GOLDEN=1, first rewrite the golden file."""
    if os.environ.get("HAMISH_REGENERATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(produced.read_bytes())
    assert produced.read_bytes() == golden.read_bytes(), f"{produced} differs from {golden}"


def tasks(path: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def regions(task: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for a in task["annotations"] for r in a["result"] if r["type"] == "labels"]


# ------------------------------------------------------------------------------ golden bytes


@pytest.mark.parametrize("utf16", [False, True], ids=["code-points", "utf16"])
def test_labelstudio_matches_the_golden_files(
    filled: SqliteStore, tmp_path: Path, utf16: bool
) -> None:
    name = "export.utf16.json" if utf16 else "export.json"
    labelstudio_format.write(gather(filled), tmp_path / name, ExportOptions(utf16=utf16))
    matches_golden(tmp_path / name, GOLDEN / "labelstudio" / name)
    config = labelstudio_format.config_path(tmp_path / name)
    assert config.name == name.removesuffix(".json") + ".config.xml"
    # The offsets do not change the config.
    matches_golden(config, GOLDEN / "labelstudio" / "export.config.xml")


@pytest.mark.parametrize("utf16", [False, True], ids=["code-points", "utf16"])
def test_doccano_matches_the_golden_file(filled: SqliteStore, tmp_path: Path, utf16: bool) -> None:
    name = "export.utf16.jsonl" if utf16 else "export.jsonl"
    doccano_format.write(gather(filled), tmp_path / name, ExportOptions(utf16=utf16))
    matches_golden(tmp_path / name, GOLDEN / "doccano" / name)
    data = (tmp_path / name).read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data and data.endswith(b"\n")


def test_doccano_writes_a_line_per_document_and_annotator(
    filled: SqliteStore, tmp_path: Path
) -> None:
    bundle = gather(filled)
    doccano_format.write(bundle, tmp_path / "export.jsonl")
    written = lines(tmp_path / "export.jsonl")
    # omar only has a status: no line of his own.
    assert [(line["id"], line["annotator"]) for line in written] == [(1, "amal"), (2, "amal")]
    for line in written:
        assert line["text_sha256"] and line["offset_unit"] == "code_points"
        entities = {e["id"]: e for e in line["entities"]}
        for relation in line["relations"]:
            assert entities[relation["from_id"]]["label"] == "CLAIM"
            assert entities[relation["to_id"]]["label"] == "SPEAKER"
            assert relation["type"] == "ATTRIBUTED_TO"
    assert sum(len(line["entities"]) for line in written) == 10
    # The overlap warning the brief asks doccano users to see.
    assert "overlap" in (doccano_format.__doc__ or "")


def test_doccano_writes_one_line_for_a_document_nobody_annotated(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "empty.sqlite3")
    store.add_documents([Document(text=TEXTS[1], text_sha256=text_sha256(TEXTS[1]))])
    doccano_format.write(gather(store), tmp_path / "export.jsonl")
    (line,) = lines(tmp_path / "export.jsonl")
    assert (line["annotator"], line["entities"], line["relations"]) == (None, [], [])


# -------------------------------------------------------------------------------- round trip


@pytest.mark.parametrize("utf16", [False, True], ids=["code-points", "utf16"])
@pytest.mark.parametrize("name", sorted(FORMATS))
def test_export_read_import_export_gives_identical_bytes(
    filled: SqliteStore, tmp_path: Path, name: str, utf16: bool
) -> None:
    write, read, suffix = FORMATS[name]
    options = ExportOptions(utf16=utf16)
    write(gather(filled), tmp_path / f"first.{suffix}", options)
    fresh = SqliteStore(tmp_path / "fresh.sqlite3")
    report = import_bundle(fresh, read([tmp_path / f"first.{suffix}"]), "first")
    assert (
        report.documents_added,
        report.spans_added,
        report.links_added,
        report.entities_added,
    ) == (2, 10, 3, 0)
    write(gather(fresh), tmp_path / f"second.{suffix}", options)
    assert (tmp_path / f"second.{suffix}").read_bytes() == (
        tmp_path / f"first.{suffix}"
    ).read_bytes()


def test_labelstudio_carries_attributes_and_the_done_status(
    filled: SqliteStore, tmp_path: Path
) -> None:
    original = gather(filled)
    labelstudio_format.write(original, tmp_path / "export.json")
    bundle = labelstudio_read.read([tmp_path / "export.json"])

    def layer(b: Bundle) -> list[tuple[str, int, int, str, dict[str, Any]]]:
        return sorted(
            (s.label, s.start, s.end, s.text, s.attributes)
            for s in b.spans
            if s.annotator == "amal"
        )

    assert layer(bundle) == layer(original)
    assert [(s.annotator, s.status) for s in bundle.statuses] == [("amal", Status.DONE)]


# ------------------------------------------------------------------------------------ UTF-16


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_utf16_offsets_are_one_higher_after_the_emoji_and_read_back_right(
    filled: SqliteStore, tmp_path: Path, name: str
) -> None:
    write, read, suffix = FORMATS[name]
    bundle = gather(filled)
    write(bundle, tmp_path / f"points.{suffix}", None)
    write(bundle, tmp_path / f"units.{suffix}", UTF16)
    if name == "labelstudio":
        points = [
            [(r["value"]["start"], r["value"]["end"]) for r in regions(t)]
            for t in tasks(tmp_path / f"points.{suffix}")
        ]
        units = [
            [(r["value"]["start"], r["value"]["end"]) for r in regions(t)]
            for t in tasks(tmp_path / f"units.{suffix}")
        ]
    else:
        points, units = (
            [
                [(e["start_offset"], e["end_offset"]) for e in line["entities"]]
                for line in lines(tmp_path / f"{kind}.{suffix}")
            ]
            for kind in ("points", "units")
        )
    emoji, plain = bundle.documents[0].text, bundle.documents[1].text
    assert emoji.startswith("😀") and all(ord(c) <= 0xFFFF for c in plain)
    # Every span of the first document lies after the emoji: one more UTF-16 unit each.
    assert points[0] and units[0] == [(s + 1, e + 1) for s, e in points[0]]
    assert units[1] == points[1]

    def spans(b: Bundle) -> list[tuple[str, str, int, int, str]]:
        texts = {d.id: d.text for d in b.documents}
        return sorted((texts[s.document_id], s.label, s.start, s.end, s.text) for s in b.spans)

    assert spans(read([tmp_path / f"units.{suffix}"])) == spans(
        read([tmp_path / f"points.{suffix}"])
    )
    assert spans(read([tmp_path / f"points.{suffix}"])) == spans(
        Bundle(bundle.documents, tuple(s for s in bundle.spans if s.annotator == "amal"))
    )


# ------------------------------------------------------------------- Label Studio's own oracle


def test_the_labeling_config_fits_the_tag_set_and_every_result(
    filled: SqliteStore, tmp_path: Path
) -> None:
    """What the SDK checks, checked by hand, so it holds where the SDK is not installed."""
    labelstudio_format.write(gather(filled), tmp_path / "export.json")
    root = ET.fromstring(
        labelstudio_format.config_path(tmp_path / "export.json").read_text("utf-8")
    )
    (text,) = root.iter("Text")
    (rtl,) = [v for v in root.iter("View") if text in list(v)]
    assert rtl.get("style") == "direction: rtl; text-align: right"
    assert text.get("name") == "text" and text.get("value") == "$text"
    (labels,) = root.iter("Labels")
    assert (labels.get("name"), labels.get("toName")) == ("label", "text")
    tagset = load_tagset()
    assert [(x.get("value"), x.get("background")) for x in labels] == [
        (label.name, label.colour) for label in tagset.labels
    ]
    assert [r.get("value") for r in root.iter("Relation")] == ["ATTRIBUTED_TO"]
    controls = {c.get("name"): c for c in [*root.iter("Choices"), *root.iter("TextArea")]}
    assert controls.keys() == {spec.name for label in tagset.labels for spec in label.attributes}
    assert all(
        c.get("perRegion") == "true" and c.get("toName") == "text" for c in controls.values()
    )
    for task in tasks(tmp_path / "export.json"):
        text_value = task["data"]["text"]
        for annotation in task["annotations"]:
            spans = {r["id"]: r for r in annotation["result"] if r["type"] == "labels"}
            for result in annotation["result"]:
                if result["type"] == "relation":
                    assert result["from_id"] in spans and result["to_id"] in spans
                    assert result["direction"] == "right" and result["labels"] == ["ATTRIBUTED_TO"]
                    continue
                value = result["value"]
                assert result["to_name"] == "text"
                assert (value["start"], value["end"]) == (
                    spans[result["id"]]["value"]["start"],
                    spans[result["id"]]["value"]["end"],
                )
                if result["type"] == "labels":
                    assert text_value[value["start"] : value["end"]] == value["text"]
                    assert result["from_name"] == "label"
                    assert value["labels"][0] in {x.get("value") for x in labels}
                else:
                    control = controls[result["from_name"]]
                    assert result["type"] == control.tag.lower()
                    if result["type"] == "choices":
                        assert value["choices"][0] in {c.get("value") for c in control}


# ------------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("utf16", "shift", "message"),
    [
        (False, 2, "not the region's text 'موسكو'"),
        (True, 1, "not the region's text 'موسكو'"),
        (True, 2, "not the region's text 'موسكو'"),
    ],
)
def test_a_shifted_labelstudio_offset_is_refused_naming_file_task_and_result(
    filled: SqliteStore, tmp_path: Path, utf16: bool, shift: int, message: str
) -> None:
    path = tmp_path / "export.json"
    labelstudio_format.write(gather(filled), path, ExportOptions(utf16=utf16))
    data = tasks(path)
    region = regions(data[0])[2]  # s3, موسكو
    assert region["id"] == "s3"
    region["value"]["start"] += shift
    region["value"]["end"] += shift
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(FormatError, match=message) as error:
        labelstudio_read.read([path])
    assert error.value.record == "task 0, result s3"
    assert error.value.path == str(path) and str(path) in str(error.value)


def test_a_labelstudio_file_mixing_offset_readings_is_read_region_by_region_and_said(
    filled: SqliteStore, tmp_path: Path
) -> None:
    """A --utf16 export to which a person added regions in Label Studio 1.23.2 (which counts
    code points) was refused whole (issue 15): each region is read as the count its text fits,
    and the import says so."""
    bundle = gather(filled)
    labelstudio_format.write(bundle, tmp_path / "points.json")
    labelstudio_format.write(bundle, tmp_path / "units.json", UTF16)
    mixed = tasks(tmp_path / "units.json")
    points = regions(tasks(tmp_path / "points.json")[0])
    units = regions(mixed[0])
    # The first region after the emoji, drawn again by a person: code points.
    after = next(
        n for n, (p, u) in enumerate(zip(points, units, strict=True)) if p["value"] != u["value"]
    )
    units[after]["value"] = points[after]["value"]
    (tmp_path / "mixed.json").write_text(json.dumps(mixed, ensure_ascii=False), encoding="utf-8")
    read = labelstudio_read.read([tmp_path / "mixed.json"])
    expected = labelstudio_read.read([tmp_path / "points.json"])
    assert [(s.label, s.start, s.end, s.text) for s in read.spans] == [
        (s.label, s.start, s.end, s.text) for s in expected.spans
    ]
    (note,) = read.notes
    assert note.startswith(f"{tmp_path / 'mixed.json'}, task 0, result {units[after]['id']}: 1")
    assert "count code points" in note and "without --utf16" in note


@pytest.mark.parametrize(
    ("change", "message", "record"),
    [
        (lambda t: t[1]["data"].update(text_sha256="0" * 64), "SHA-256", "task 1"),
        (lambda t: t[1]["data"].pop("text"), "'text'", "task 1"),
        (
            lambda t: regions(t[1])[0]["value"].update(labels=["SPEAKER", "CLAIM"]),
            "exactly one label",
            "task 1, result s7",
        ),
        (
            lambda t: t[1]["annotations"][0]["result"].append(
                {"id": "x", "type": "rating", "from_name": "r", "to_name": "text", "value": {}}
            ),
            "type 'rating'",
            "task 1, result x",
        ),
        (
            lambda t: t[1]["annotations"][0]["result"].append(
                {"id": "doc", "type": "choices", "from_name": "kind", "value": {"choices": ["x"]}}
            ),
            "belongs to no labelled region",
            "task 1, result doc",
        ),
        (
            lambda t: next(
                r for r in t[1]["annotations"][0]["result"] if r["type"] == "relation"
            ).update(to_id="s99"),
            "to_id names no labelled region",
            "task 1, result [",
        ),
    ],
)
def test_a_bad_labelstudio_task_is_refused_naming_it(
    filled: SqliteStore,
    tmp_path: Path,
    change: Callable[[list[dict[str, Any]]], object],
    message: str,
    record: str,
) -> None:
    path = tmp_path / "export.json"
    labelstudio_format.write(gather(filled), path)
    data = tasks(path)
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(FormatError, match=message) as error:
        labelstudio_read.read([path])
    assert (error.value.record or "").startswith(record) and str(path) in str(error.value)


@pytest.mark.parametrize(
    ("change", "message", "record"),
    [
        (
            lambda line: line["entities"][0].update(end_offset=10_000),
            "do not fit",
            "line 2, entity 7",
        ),
        (lambda line: line.update(text_sha256="0" * 64), "SHA-256", "line 2"),
        (lambda line: line["relations"][0].update(to_id=1), "not on this line", "line 2"),
        (lambda line: line.update(label=[[0, 2]]) or line.pop("entities"), "start, end", "line 2"),
    ],
)
def test_a_bad_doccano_line_is_refused_naming_it(
    filled: SqliteStore,
    tmp_path: Path,
    change: Callable[[dict[str, Any]], object],
    message: str,
    record: str,
) -> None:
    path = tmp_path / "export.jsonl"
    doccano_format.write(gather(filled), path)
    data = lines(path)
    change(data[1])
    path.write_text(
        "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in data), encoding="utf-8"
    )
    with pytest.raises(FormatError, match=message) as error:
        doccano_format.read([path])
    assert error.value.record == record and str(path) in str(error.value)


def test_a_doccano_utf16_offset_inside_the_emoji_is_refused(
    filled: SqliteStore, tmp_path: Path
) -> None:
    path = tmp_path / "export.jsonl"
    doccano_format.write(gather(filled), path, UTF16)
    data = lines(path)
    data[0]["entities"][0]["start_offset"] = 1  # between the emoji's two surrogates
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in data), "utf-8")
    with pytest.raises(FormatError, match="surrogate pair") as error:
        doccano_format.read([path])
    assert error.value.record == "line 1, entity 1"


# ------------------------------------------------------------------- the tools' own exports


def test_doccano_sequence_jsonl_with_crlf_is_read(tmp_path: Path) -> None:
    """doccano's plain sequence export; a CRLF text is stored with \\n, offsets moved."""
    text = "قال الوزير\r\nإن بيروت هادئة"
    start = text.index("بيروت")
    path = tmp_path / "admin.jsonl"
    path.write_text(
        json.dumps(
            {"id": 7, "text": text, "label": [[4, 10, "SPEAKER"], [start, start + 5, "LOCATION"]]}
        )
        + "\n",
        encoding="utf-8",
    )
    bundle = doccano_format.read([path])
    (document,) = bundle.documents
    assert document.text == "قال الوزير\nإن بيروت هادئة"
    assert document.import_notes == {"line_endings": "crlf"}
    assert [(s.annotator, s.label, s.text) for s in bundle.spans] == [
        ("admin", "SPEAKER", "الوزير"),
        ("admin", "LOCATION", "بيروت"),
    ]
    fresh = SqliteStore(tmp_path / "fresh.sqlite3")
    assert import_bundle(fresh, bundle, str(path)).spans_added == 2


def test_a_label_studio_export_of_its_own_is_read(tmp_path: Path) -> None:
    """Label Studio's shape: a user id, random region ids, UTF-16 offsets, a relation drawn
    left to right and the same drawn right to left (an unlabelled or bi-directional one is
    refused: tests/hostile/test_annotation_readers_review.py)."""
    text = "👍 قال المتحدث إن الحوار مستمر"
    speaker, claim = (text.index(w) for w in ("المتحدث", "الحوار مستمر"))

    def region(rid: str, start: int, covered: str, label: str) -> dict[str, Any]:
        return {
            "id": rid,
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "origin": "manual",
            "value": {
                "start": start + 1,
                "end": start + 1 + len(covered),
                "text": covered,
                "labels": [label],
            },
        }

    task = {
        "id": 12,
        "data": {"text": text},
        "annotations": [
            {
                "id": 3,
                "completed_by": 5,
                "result": [
                    region("Xa9", speaker, "المتحدث", "SPEAKER"),
                    region("Qp2", claim, "الحوار مستمر", "CLAIM"),
                    {
                        "from_id": "Qp2",
                        "to_id": "Xa9",
                        "type": "relation",
                        "direction": "right",
                        "labels": ["ATTRIBUTED_TO"],
                    },
                    {
                        "from_id": "Xa9",
                        "to_id": "Qp2",
                        "type": "relation",
                        "direction": "left",
                        "labels": ["ATTRIBUTED_TO"],
                    },
                ],
            },
            {"id": 4, "completed_by": {"id": 6, "email": "omar@example.org"}, "result": []},
            {"id": 5, "completed_by": 7, "was_cancelled": True, "result": [{"type": "odd"}]},
        ],
        "predictions": [],
    }
    path = tmp_path / "project-1.json"
    path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    bundle = labelstudio_read.read([path])
    spans = {s.id: s for s in bundle.spans}
    assert sorted((s.annotator, s.label, s.text) for s in spans.values()) == [
        ("labelstudio-5", "CLAIM", "الحوار مستمر"),
        ("labelstudio-5", "SPEAKER", "المتحدث"),
    ]
    assert [
        (link.kind, spans[link.source_id].label, spans[link.target_id].label)
        for link in bundle.links
    ] == [("ATTRIBUTED_TO", "CLAIM", "SPEAKER")]  # drawn twice, one link
    fresh = SqliteStore(tmp_path / "fresh.sqlite3")
    report = import_bundle(fresh, bundle, str(path))
    assert (report.spans_added, report.links_added) == (2, 1)
