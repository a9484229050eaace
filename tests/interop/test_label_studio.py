"""Hamish -> a running Label Studio 1.23.2 -> Hamish (issue 15).

A small database (tests/exchange/conftest.py's documents: an emoji before every span of the
first, which came in with CRLF; amal's and omar's layers on it; an `assistant` layer for the
predictions test) is exported with Hamish's own command line, taken into Label Studio through
its HTTP API, added to as Label Studio's editor saves annotations (a region across a line break
with the newline written `\\n`, a region after the emoji, the second user's annotation of one of
amal's claims with another kind), exported from Label Studio and imported into a fresh
database. Every span is compared: covered text, label, attributes, links and layer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from annotation.exchange.bundle import Bundle
from annotation.exchange.selection import gather
from annotation.model import Link, Span, Status
from db.store import SqliteStore
from tests.exchange.conftest import fill, words
from tests.interop.label_studio import LabelStudio, running

ROOT = Path(__file__).resolve().parents[2]
# A region Hamish compares: layer, label, offsets, covered text, attributes.
Row = tuple[str, str, str, int, int, str, tuple[tuple[str, Any], ...]]
# A link: layer, kind, document title, source (label, start, end), target (label, start, end).
LinkRow = tuple[str, str, str, tuple[str, int, int], tuple[str, int, int]]


@pytest.fixture(scope="session")
def studio(interop_bin: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabelStudio]:
    """One Label Studio for the session, on 127.0.0.1, stopped at the end."""
    with running(interop_bin, tmp_path_factory.mktemp("label-studio")) as server:
        # Said, not asserted (tests never assert wall time): `pytest -s` shows it.
        print(f"\nLabel Studio 1.23.2 answered after {server.started_in:.0f} s", file=sys.stderr)
        yield server


# ------------------------------------------------------------------------------- the corpus


def source_database(path: Path, assistant: bool = False) -> SqliteStore:
    """conftest's documents and amal's layers, omar's layer on the first document (his own
    claim of amal's region, kind direct), and optionally an `assistant` layer."""
    store = SqliteStore(path)
    fill(store)
    first = min(gather(store).documents, key=lambda d: d.id or 0)
    text = first.text

    def add(annotator: str, label: str, covered: str, **kwargs: Any) -> Span:
        start, end = words(text, covered)
        assert first.id is not None
        return store.add_span(Span(first.id, annotator, label, start, end, covered, **kwargs))

    speaker = add("omar", "SPEAKER", "سيرغي لافروف")
    claim = add("omar", "CLAIM", "موسكو مستعدة للتعاون مع دمشق", attributes={"kind": "direct"})
    add("omar", "LOCATION", "دمشق")
    assert claim.id and speaker.id and first.id
    store.add_link(Link("ATTRIBUTED_TO", claim.id, speaker.id))
    store.set_status(first.id, "omar", Status.IN_PROGRESS)
    if assistant:
        add("assistant", "LOCATION", "موسكو")
        add("assistant", "SPEAKER", "وزير الخارجية سيرغي لافروف")
    return store


def hamish(*args: str) -> subprocess.CompletedProcess[str]:
    """Hamish's own command line, as a person runs it."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert done.returncode == 0, f"main.py {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done


def rows(bundle: Bundle) -> dict[str, list[Row]]:
    """Every span, by its document's title, sorted."""
    titles = {d.id: d.title for d in bundle.documents}
    found: dict[str, list[Row]] = {}
    for s in bundle.spans:
        attributes = tuple(sorted((k, v) for k, v in s.attributes.items() if v is not None))
        found.setdefault(titles[s.document_id], []).append(
            (s.annotator, s.label, titles[s.document_id], s.start, s.end, s.text, attributes)
        )
    return {title: sorted(found[title]) for title in found}


def link_rows(bundle: Bundle) -> list[LinkRow]:
    """Every link: layer, kind, document title, and its ends' labels and offsets."""
    titles = {d.id: d.title for d in bundle.documents}
    spans = {s.id: s for s in bundle.spans}
    found = []
    for link in bundle.links:
        source, target = spans[link.source_id], spans[link.target_id]
        found.append(
            (
                source.annotator,
                link.kind,
                titles[source.document_id],
                (source.label, source.start, source.end),
                (target.label, target.start, target.end),
            )
        )
    return sorted(found)


# ------------------------------------------------------------------------------ Label Studio


def new_project(studio: LabelStudio, title: str, config: Path, tasks: Path) -> int:
    """A project with Hamish's labeling config, its tasks imported through the API."""
    project = studio.call(
        "POST", "/api/projects", {"title": title, "label_config": config.read_text("utf-8")}
    )
    exported = json.loads(tasks.read_text("utf-8"))
    answer = studio.call("POST", f"/api/projects/{project['id']}/import", exported)
    assert answer["task_count"] == len(exported)
    project_id: int = project["id"]
    return project_id


def project_tasks(studio: LabelStudio, project: int) -> list[dict[str, Any]]:
    """The project's tasks in import order, each as GET /api/tasks/{id} returns it."""
    listed = studio.call("GET", f"/api/tasks?project={project}&page_size=100")
    ids = sorted(t["id"] for t in listed["tasks"])
    return [studio.call("GET", f"/api/tasks/{i}") for i in ids]


def region(rid: str, text: str, start: int, end: int, label: str) -> dict[str, Any]:
    """A labels result as Label Studio's editor saves it: `\\n` in value.text written as the
    two characters backslash and n (1.23.2, docs/formats.md), offsets in code points."""
    return {
        "id": rid,
        "from_name": "label",
        "to_name": "text",
        "type": "labels",
        "origin": "manual",
        "value": {
            "start": start,
            "end": end,
            "text": text[start:end].replace("\n", "\\n"),
            "labels": [label],
        },
    }


def choice(rid: str, text: str, start: int, end: int, name: str, value: str) -> dict[str, Any]:
    """A per-region choice, as the editor saves it beside its region."""
    result = region(rid, text, start, end, "CLAIM")
    del result["value"]["labels"]
    result.update(from_name=name, type="choices")
    result["value"]["choices"] = [value]
    return result


def relation(source: str, target: str) -> dict[str, Any]:
    return {
        "from_id": source,
        "to_id": target,
        "type": "relation",
        "direction": "right",
        "labels": ["ATTRIBUTED_TO"],
    }


def import_into_fresh(tmp_path: Path, exported: Any, name: str) -> tuple[Bundle, dict[str, Any]]:
    """Label Studio's export written to a file and imported with Hamish's command line."""
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(exported, ensure_ascii=False, indent=1), "utf-8")
    done = hamish(
        "--db", str(tmp_path / f"{name}.sqlite3"), "import", "--format", "labelstudio",
        "--json", str(path),
    )  # fmt: skip
    report: dict[str, Any] = json.loads(done.stdout)
    return gather(SqliteStore(tmp_path / f"{name}.sqlite3")), report


# ------------------------------------------------------------------------------ the round trip


def test_a_label_studio_round_trip_keeps_every_layer_span_attribute_and_link(
    studio: LabelStudio, tmp_path: Path
) -> None:
    began = time.monotonic()
    source = gather(source_database(tmp_path / "source.sqlite3"))
    hamish("--db", str(tmp_path / "source.sqlite3"), "export", "--format", "labelstudio",
           "--out", str(tmp_path / "export.json"))  # fmt: skip
    sent = json.loads((tmp_path / "export.json").read_text("utf-8"))
    project = new_project(
        studio, "round trip", tmp_path / "export.config.xml", tmp_path / "export.json"
    )
    first, second = project_tasks(studio, project)

    # Label Studio keeps what Hamish sent: result ids, offsets (code points), texts, and the
    # task's extra data (hamish_layers travels there, as annotation meta does not).
    for task, out in zip((first, second), sent, strict=True):
        assert task["data"] == out["data"]
        assert [a["result"] for a in task["annotations"]] == [
            a["result"] for a in out["annotations"]
        ]
    assert [layer["annotator"] for layer in first["data"]["hamish_layers"]] == ["amal", "omar"]
    assert [layer["annotator"] for layer in second["data"]["hamish_layers"]] == ["amal"]
    assert all("meta" not in a for a in first["annotations"])  # dropped on import (1.23.2)

    text, plain = first["data"]["text"], second["data"]["text"]
    assert text.startswith("😀") and "\r" not in text and "\n" in text
    amal_claim = words(text, "موسكو مستعدة للتعاون مع دمشق")
    across = words(text, "دمشق.\nوأضاف أن الوفد")
    after_emoji = words(text, "قال")
    assert after_emoji == (2, 5)  # code points: the emoji counts one

    # (a) amal's annotation edited in Label Studio: a claim drawn across the line break.
    amal = first["annotations"][0]
    added = [
        region("ls-across", text, *across, "CLAIM"),
        choice("ls-across", text, *across, "kind", "mixed"),
    ]
    studio.call("PATCH", f"/api/annotations/{amal['id']}", {"result": amal["result"] + added})
    # (b) the first user's own annotation: a region right after the emoji.
    studio.call(
        "POST",
        f"/api/tasks/{first['id']}/annotations",
        {"result": [region("ls-cue", text, *after_emoji, "SPEAKER")]},
    )
    # (c) the second user: amal's claim again, kind direct where amal said indirect, with a
    # speaker and the link between them.
    speaker = words(text, "وزير الخارجية سيرغي لافروف")
    studio.call(
        "POST",
        f"/api/tasks/{first['id']}/annotations",
        {
            "result": [
                region("omar-claim", text, *amal_claim, "CLAIM"),
                choice("omar-claim", text, *amal_claim, "kind", "direct"),
                region("omar-speaker", text, *speaker, "SPEAKER"),
                relation("omar-claim", "omar-speaker"),
            ]
        },
        token=studio.second_token,
    )
    # Two annotations of one task by one user: two layers, never one.
    for covered in ("المتحدثُ", "بيروت"):
        studio.call(
            "POST",
            f"/api/tasks/{second['id']}/annotations",
            {"result": [region(f"ls-{len(covered)}", plain, *words(plain, covered), "SPEAKER")]},
        )

    # What the editor's save looks like stored: offsets and the escaped newline as sent.
    stored = studio.call("GET", f"/api/tasks/{first['id']}")
    assert len(stored["annotations"]) == 4
    edited = next(a for a in stored["annotations"] if a["id"] == amal["id"])
    assert edited["result"][-2:] == added

    exported = studio.call("GET", f"/api/projects/{project}/export?exportType=JSON")
    by_user = sorted(
        (task["data"]["title"], a["completed_by"]) for task in exported for a in task["annotations"]
    )
    # The JSON export (also what the Export page downloads) gives completed_by as a user id.
    assert by_user == [
        ("خبر 1", 1), ("خبر 1", 1), ("خبر 1", 1), ("خبر 1", 2),
        ("خبر 2", 1), ("خبر 2", 1), ("خبر 2", 1),
    ]  # fmt: skip
    back, report = import_into_fresh(tmp_path, exported, "back")

    # What went out, plus what was added in Label Studio.
    expected = rows(source)
    doc1, doc2 = "خبر 1", "خبر 2"
    expected[doc1] += [
        ("amal", "CLAIM", doc1, *across, text[slice(*across)], (("kind", "mixed"),)),
        ("labelstudio-1", "SPEAKER", doc1, *after_emoji, "قال", ()),
        ("labelstudio-2", "CLAIM", doc1, *amal_claim, text[slice(*amal_claim)], (("kind", "direct"),)),
        ("labelstudio-2", "SPEAKER", doc1, *speaker, text[slice(*speaker)], ()),
    ]  # fmt: skip
    got = rows(back)
    # The two annotations of one user on the second task: two layers, the later one renamed.
    renamed = sorted({r[0] for r in got[doc2]} - {"amal"})
    assert len(renamed) == 2 and renamed[0] == "labelstudio-1", renamed
    assert renamed[1].startswith("labelstudio-1") and renamed[1] != renamed[0]
    expected[doc2] += [
        (renamed[0], "SPEAKER", doc2, *words(plain, "المتحدثُ"), "المتحدثُ", ()),
        (renamed[1], "SPEAKER", doc2, *words(plain, "بيروت"), "بيروت", ()),
    ]
    assert {title: sorted(spans) for title, spans in expected.items()} == got
    assert (len(got[doc1]), len(got[doc2])) == (13, 6)
    assert report["spans_added"] == 19 and report["documents_added"] == 2
    assert any(renamed[1] in note for note in report["notes"]), report["notes"]

    # Links: amal's three and omar's one as they went, and the second user's new one.
    back_links = link_rows(back)
    new_link = (
        "labelstudio-2",
        "ATTRIBUTED_TO",
        doc1,
        ("CLAIM", *amal_claim),
        ("SPEAKER", *speaker),
    )
    assert back_links == sorted([*link_rows(source), new_link])
    assert len(back_links) == 5

    # Statuses travel in hamish_layers: amal done, omar in progress.
    back_documents = {d.id: d.title for d in back.documents}
    statuses = sorted((back_documents[s.document_id], s.annotator, s.status) for s in back.statuses)
    assert (doc1, "amal", Status.DONE) in statuses
    assert (doc1, "omar", Status.IN_PROGRESS) in statuses
    print(f"\nround trip through Label Studio: {time.monotonic() - began:.0f} s", file=sys.stderr)


def test_a_layer_exported_as_predictions_comes_back_as_that_layer(
    studio: LabelStudio, tmp_path: Path
) -> None:
    source = gather(source_database(tmp_path / "source.sqlite3", assistant=True))
    hamish("--db", str(tmp_path / "source.sqlite3"), "export", "--format", "labelstudio",
           "--predictions", "assistant", "--out", str(tmp_path / "export.json"))  # fmt: skip
    project = new_project(
        studio, "predictions", tmp_path / "export.config.xml", tmp_path / "export.json"
    )
    first, second = project_tasks(studio, project)
    # Label Studio shows them as predictions, apart from the people's annotations.
    assert [p["model_version"] for p in first["predictions"]] == ["hamish:assistant"]
    assert len([r for r in first["predictions"][0]["result"] if r["type"] == "labels"]) == 2
    assert second["predictions"] == []
    assert len(first["annotations"]) == 2  # amal and omar, not the assistant

    # The Export page's JSON (GET .../export) lists predictions by id only; a snapshot export
    # asked for whole predictions carries them.
    plain = studio.call("GET", f"/api/projects/{project}/export?exportType=JSON")
    assert [task["predictions"] for task in plain] == [[first["predictions"][0]["id"]], []]
    exported = snapshot(studio, project)
    back, report = import_into_fresh(tmp_path, exported, "back")
    assistant = {t: [r for r in spans if r[0] == "assistant"] for t, spans in rows(back).items()}
    assert assistant == {
        t: [r for r in spans if r[0] == "assistant"] for t, spans in rows(source).items()
    }
    assert len(assistant["خبر 1"]) == 2
    assert rows(back) == rows(source)
    assert report["spans_added"] == 15  # amal's 10, omar's 3, the assistant's 2


def snapshot(studio: LabelStudio, project: int) -> Any:
    """Label Studio's JSON export with whole predictions and users (the export snapshot API)."""
    made = studio.call(
        "POST",
        f"/api/projects/{project}/exports",
        {
            "serialization_options": {
                "predictions": {"only_id": False},
                "annotations__completed_by": {"only_id": False},
            }
        },
    )
    for _ in range(120):
        status = studio.call("GET", f"/api/projects/{project}/exports/{made['id']}")["status"]
        if status == "completed":
            break
        assert status != "failed", "Label Studio's export snapshot failed"
        time.sleep(0.5)
    return studio.call(
        "GET", f"/api/projects/{project}/exports/{made['id']}/download?exportType=JSON"
    )
