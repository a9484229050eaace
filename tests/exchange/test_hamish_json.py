"""The `json` format: valid against its schema, complete, and lossless through a round trip."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from annotation.exchange.bundle import FormatError
from annotation.exchange.formats import hamish_json
from annotation.exchange.selection import gather
from annotation.exchange.transfer import import_bundle
from annotation.offsets import Utf16Index
from db.store import SqliteStore
from tests.conftest import ROOT

SCHEMA = json.loads(
    (ROOT / "assets" / "schemas" / "hamish-export.schema.json").read_text(encoding="utf-8")
)


def export(store: SqliteStore, path: Path) -> bytes:
    hamish_json.write(gather(store), path)
    return path.read_bytes()


def test_the_export_is_valid_and_carries_everything(filled: SqliteStore, tmp_path: Path) -> None:
    data = json.loads(export(filled, tmp_path / "out.json"))
    jsonschema.validate(data, SCHEMA)
    assert (data["format"], data["version"]) == ("hamish", 1)
    assert data["annotators"] == ["amal", "omar"]
    assert len(data["documents"]) == 2 and len(data["spans"]) == 10 and len(data["links"]) == 3
    texts = {d["id"]: d["text"] for d in data["documents"]}
    for span in data["spans"]:
        text = texts[span["document_id"]]
        assert text[span["start"] : span["end"]] == span["text"]
        index = Utf16Index(text)
        assert (span["start_utf16"], span["end_utf16"]) == (
            index.to_utf16(span["start"]),
            index.to_utf16(span["end"]),
        )
    first_speaker = next(s for s in data["spans"] if s["label"] == "SPEAKER")
    assert first_speaker["start_utf16"] == first_speaker["start"] + 1  # the emoji counts two
    assert "\r" not in texts[1]  # it came in with CRLF
    assert {(s["annotator"], s["status"]) for s in data["statuses"]} == {
        ("amal", "done"),
        ("omar", "in_progress"),
    }


def test_export_import_export_gives_identical_bytes(filled: SqliteStore, tmp_path: Path) -> None:
    first = export(filled, tmp_path / "first.json")
    fresh = SqliteStore(tmp_path / "fresh.sqlite3")
    report = import_bundle(fresh, hamish_json.read([tmp_path / "first.json"]), "first.json")
    assert (
        report.documents_added,
        report.spans_added,
        report.links_added,
        report.entities_added,
    ) == (2, 10, 3, 2)
    assert export(fresh, tmp_path / "second.json") == first
    # Importing the same file again adds nothing.
    again = import_bundle(fresh, hamish_json.read([tmp_path / "first.json"]), "first.json")
    assert (again.spans_added, again.spans_already_there, again.links_added) == (0, 10, 0)


def corrupt(path: Path, change: Callable[[Any], object]) -> Path:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["spans"][0].update(end=10_000, end_utf16=10_000),
            "span 1: end 10000 is outside the text",
        ),
        (lambda d: d["spans"][0].update(text="غير هذا"), "claims 'غير هذا'"),
        (lambda d: d["spans"][0].update(start_utf16=d["spans"][0]["start_utf16"] - 1), "UTF-16"),
        (lambda d: d["documents"][0].update(text_sha256="0" * 64), "SHA-256"),
        (lambda d: d["links"][0].update(target_id=999), "not in the file"),
        (lambda d: d.update(format="other"), "not a Hamish export"),
    ],
)
def test_a_bad_file_is_refused_naming_what_and_changes_nothing(
    filled: SqliteStore,
    tmp_path: Path,
    change: Callable[[Any], object],
    message: str,
) -> None:
    path = corrupt(tmp_path / "out.json", change) if export(filled, tmp_path / "out.json") else None
    assert path is not None
    fresh = SqliteStore(tmp_path / "fresh.sqlite3")
    with pytest.raises(FormatError, match=message) as error:
        import_bundle(fresh, hamish_json.read([path]), str(path))
    assert str(path) in str(error.value)
    assert fresh.document_count() == 0 and fresh.statistics().spans_by_label == {}


def test_the_terminal_exports_and_imports_all_or_nothing(
    filled: SqliteStore, tmp_path: Path
) -> None:
    import subprocess
    import sys

    filled.close()
    out = tmp_path / "team.json"

    def hamish(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(ROOT / "main.py"), *args, "--db", str(db)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=ROOT,
            timeout=60,
        )

    exported = hamish(
        "export",
        "--format",
        "json",
        "--out",
        str(out),
        "--annotator",
        "amal",
        "--status",
        "done",
        "--json",
        db=tmp_path / "source.sqlite3",
    )
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout) == {
        "out": str(out),
        "beside": [],
        "documents": 1,
        "spans": 6,
        "links": 2,
    }
    imported = hamish(
        "import",
        "--format",
        "json",
        str(out),
        "--annotator",
        "colleague",
        "--json",
        db=tmp_path / "other.sqlite3",
    )
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["spans_added"] == 6
    other = SqliteStore(tmp_path / "other.sqlite3")
    assert other.annotator_names() == ["colleague"]
    other.close()
    broken = corrupt(out, lambda d: d["spans"][-1].update(text="غير هذا"))
    refused = hamish("import", "--format", "json", str(broken), db=tmp_path / "third.sqlite3")
    assert (
        refused.returncode == 1
        and "nothing was imported" in refused.stderr
        and str(broken) in refused.stderr
    )
