"""A hostile review of issue 15's way back (Label Studio layers, INCEpTION's XMI ZIPs, brat's
left-out lines): files a real project or a careless hand makes, each imported through the same
doors the command uses, checking what is stored, what is said and that a refusal names its file
and record."""

from __future__ import annotations

import json
import warnings
import zipfile
from pathlib import Path
from typing import Any

import pytest

from annotation.exchange.bundle import FormatError
from annotation.exchange.formats import brat_read, labelstudio_read, xmi_read
from annotation.exchange.transfer import import_bundle
from db.store import SqliteStore
from tests.exchange.test_xmi_inception import WORK, inception_typesystem, user_xmi, zipped
from tests.hostile.conftest import run_main

TEXT = "قال وزير الخارجية إن الوفد وصل إلى دمشق أمس."
CLAIM = "الوفد وصل إلى دمشق"


def region(rid: str, words: str, label: str) -> dict[str, Any]:
    start = TEXT.index(words)
    value = {"start": start, "end": start + len(words), "text": words, "labels": [label]}
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels", "value": value}


def kind(rid: str, words: str, choice: str) -> dict[str, Any]:
    start = TEXT.index(words)
    value = {"start": start, "end": start + len(words), "text": words, "choices": [choice]}
    return {"id": rid, "from_name": "kind", "to_name": "text", "type": "choices", "value": value}


def task(results: list[dict[str, Any]], layers: list[dict[str, Any]] | None = None) -> Any:
    data: dict[str, Any] = {"text": TEXT}
    if layers is not None:
        data["hamish_layers"] = layers
    return {"data": data, "annotations": [{"id": 1, "completed_by": 1, "result": results}]}


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def stored_layers(store: SqliteStore) -> dict[str, list[tuple[str, str, object]]]:
    found: dict[str, list[tuple[str, str, object]]] = {}
    for summary in store.document_summaries():
        for name in store.annotator_names():
            for span in store.spans_for(summary.id, name):
                found.setdefault(name, []).append((span.label, span.text, span.attributes))
    return found


# --- Label Studio ---------------------------------------------------------------------------


def test_the_same_file_imported_twice_changes_nothing_though_it_lists_a_span_twice(
    tmp_path: Path,
) -> None:
    """Two people's annotations of one task put under one name (--annotator bob), the same
    claim with another kind: the first import keeps the first and says so; importing the same
    file again was refused as 'changed since the last import' (1 span here, 2 in the file)."""
    one = task([region("a1", CLAIM, "CLAIM"), kind("a1", CLAIM, "direct")])
    other: dict[str, Any] = {"id": 2, "completed_by": 2, "result": [region("b1", CLAIM, "CLAIM")]}
    other["result"].append(kind("b1", CLAIM, "indirect"))
    one["annotations"].append(other)
    path = write_json(tmp_path / "ls.json", [one])
    store = SqliteStore(tmp_path / "hamish.sqlite3")
    first = import_bundle(store, labelstudio_read.read([path]), str(path), "bob")
    assert first.spans_added == 1 and len(first.notes) == 1
    assert stored_layers(store) == {"bob": [("CLAIM", CLAIM, {"kind": "direct"})]}
    again = import_bundle(store, labelstudio_read.read([path]), str(path), "bob")
    assert (again.layers_unchanged, again.spans_added, again.spans_removed) == (1, 0, 0)


def test_two_tasks_of_one_text_never_merge_their_annotations_into_one_layer(
    tmp_path: Path,
) -> None:
    """Label Studio holds a text twice when it was imported twice (or a task copied per
    annotator); names were kept apart within a task only, so amal's work in both tasks became
    one layer amal, its two statuses one (the last), nothing said."""
    path = write_json(
        tmp_path / "ls.json",
        [
            task(
                [region("a1", CLAIM, "CLAIM")],
                [{"annotator": "amal", "status": "done", "regions": ["a1"]}],
            ),
            task(
                [region("b1", "دمشق", "LOCATION")],
                [{"annotator": "amal", "status": "in_progress", "regions": ["b1"]}],
            ),
        ],
    )
    bundle = labelstudio_read.read([path])
    assert sorted((s.annotator, s.label) for s in bundle.spans) == [
        ("amal", "CLAIM"),
        ("amal-2", "LOCATION"),
    ]
    assert sorted((s.annotator, s.status.value) for s in bundle.statuses) == [
        ("amal", "done"),
        ("amal-2", "in_progress"),
    ]
    assert bundle.notes == (
        f"{path}, task 1: annotation 1 would be layer 'amal' like one of task 0, which has the"
        " same text; it is layer 'amal-2' (nothing merged)",
    )


def test_a_listed_layer_no_annotation_carries_is_said(tmp_path: Path) -> None:
    """hamish_layers lists amal's layer, but no annotation carries any of its regions (its
    annotation was deleted in Label Studio, or every region of it redrawn): the work read is
    another layer, and amal's status went unread, nothing said."""
    path = write_json(
        tmp_path / "ls.json",
        [
            task(
                [region("new1", CLAIM, "CLAIM")],
                [{"annotator": "amal", "status": "done", "regions": ["s1", "s2"]}],
            )
        ],
    )
    bundle = labelstudio_read.read([path])
    assert [(s.annotator, s.label) for s in bundle.spans] == [("labelstudio-1", "CLAIM")]
    assert bundle.notes == (
        f"{path}, task 0: hamish_layers lists layer 'amal' (2 regions, status done), but no"
        " annotation carries its regions: nothing was read as amal",
    )


# --- XMI from INCEpTION ---------------------------------------------------------------------


def test_a_users_zip_whose_members_start_with_a_slash_is_read(tmp_path: Path) -> None:
    """INCEpTION before 2.0.8 wrote member names with a leading `/` (its #985); the outer ZIP
    was read so, but a user's inner ZIP so written crashed the import (KeyError, exit 70)."""
    ts = inception_typesystem("custom.")
    inner = zipped(
        {
            "/amal.xmi": user_xmi(ts, "custom.", "amal", WORK["amal"]),
            "/TypeSystem.xml": ts.to_xml().encode("utf-8"),
        }
    )
    export = tmp_path / "project.zip"
    export.write_bytes(zipped({"annotation/news1.txt/amal.zip": inner}))
    bundle = xmi_read.read([export])
    assert sorted((s.annotator, s.label, s.text) for s in bundle.spans) == [
        ("amal", "CLAIM", "الوفد وصل إلى موسكو"),
        ("amal", "LOCATION", "موسكو"),
        ("amal", "SPEAKER", "الوزير"),
    ]
    done = run_main(["import", "--db", tmp_path / "h.sqlite3", "--format", "xmi", export])
    assert done.status == 0 and "spans added 3" in done.out, done.said


def test_a_zip_holding_one_name_twice_is_refused_naming_it(tmp_path: Path) -> None:
    """Two members named annotation/news1.txt/amal.zip (amal's 3 spans, then omar's 4): the
    first was read and the second passed over, nothing said; unzip would give the second."""
    ts = inception_typesystem("custom.")
    typesystem = ts.to_xml().encode("utf-8")
    name = "annotation/news1.txt/amal.zip"
    export = tmp_path / "project.zip"
    with zipfile.ZipFile(export, "w") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate it writes
        for work in ("amal", "omar"):
            xmi = user_xmi(ts, "custom.", "amal", WORK[work])
            archive.writestr(name, zipped({"amal.xmi": xmi, "TypeSystem.xml": typesystem}))
    with pytest.raises(FormatError) as caught:
        xmi_read.read([export])
    assert str(caught.value) == f"{export}!{name}: in the ZIP twice: not read (which is meant?)"


# --- brat -----------------------------------------------------------------------------------


def test_an_attribute_on_a_relation_is_left_out_and_listed_not_refused(tmp_path: Path) -> None:
    """The module says attributes on relations are left out and listed; one refused the whole
    corpus ("'Negated R1' does not name a span's attribute")."""
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "doc.txt").write_text(TEXT, encoding="utf-8")
    speaker = "وزير الخارجية"
    s, c = TEXT.index(speaker), TEXT.index(CLAIM)
    (folder / "doc.ann").write_text(
        f"T1\tSPEAKER {s} {s + len(speaker)}\t{speaker}\n"
        f"T2\tCLAIM {c} {c + len(CLAIM)}\t{CLAIM}\n"
        "R1\tATTRIBUTED_TO Arg1:T2 Arg2:T1\n"
        "A1\tNegated R1\n",
        encoding="utf-8",
    )
    bundle = brat_read.read([folder])
    assert sorted(s.label for s in bundle.spans) == ["CLAIM", "SPEAKER"]
    assert len(bundle.links) == 1
    assert bundle.notes == (
        f"{folder / 'doc.ann'}, line 4, A1: an attribute (Negated R1) of relation R1, which"
        " Hamish does not hold: left out",
    )


@pytest.mark.parametrize(
    ("line", "missing"),
    [
        ("E1\tSay:T99 Speaker:T1", "T99"),
        ("E1\tSay:T1 Speaker:T77", "T77"),
        ("N1\tReference T77 Wikipedia:534366\tدمشق", "T77"),
        ("*\tEquiv T1 T99", "T99"),
    ],
)
def test_a_left_out_line_naming_what_the_file_lacks_is_refused(
    tmp_path: Path, line: str, missing: str
) -> None:
    """Left out is not unread: a broken reference there is bad input like anywhere (second
    review of issue 15)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("قال الوزير في دمشق", encoding="utf-8")
    (folder / "a.ann").write_text(f"T1\tSPEAKER 4 10\tالوزير\n{line}\n", encoding="utf-8")
    with pytest.raises(FormatError, match=f"it names {missing}, which is not in the file"):
        brat_read.read([folder])


def test_a_note_on_a_normalisation_is_left_out_with_it(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("قال الوزير في دمشق", encoding="utf-8")
    (folder / "a.ann").write_text(
        "T1\tLOCATION 14 18\tدمشق\nN1\tReference T1 Wikipedia:3581\tدمشق\n"
        "#1\tAnnotatorNotes N1\tالعاصمة\n",
        encoding="utf-8",
    )
    bundle = brat_read.read([folder])
    assert [s.text for s in bundle.spans] == ["دمشق"]
    assert [note.split(": ", 1)[1] for note in bundle.notes] == [
        "a normalisation (Reference T1 Wikipedia:3581, 'دمشق'), which Hamish does not hold:"
        " left out",
        "a note ('العاصمة') on normalisation N1, which Hamish does not hold: left out",
    ]
