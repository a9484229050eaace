"""The terminal interface, run as a person would: `python main.py COMMAND`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def hamish(
    *args: str, database: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args, "--db", str(database)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **(env or {})},
        cwd=ROOT,
        timeout=120,
    )


def write_jsonl(path: Path, texts: list[str]) -> Path:
    path.write_text(
        "\n".join(
            json.dumps({"title": f"t{i}", "text": t}, ensure_ascii=False)
            for i, t in enumerate(texts)
        ),
        encoding="utf-8",
    )
    return path


def test_import_counts_duplicates_and_empty_texts(tmp_path: Path, database: Path) -> None:
    source = write_jsonl(tmp_path / "a.jsonl", ["قال الوزير", "قال الوزير", "   ", "وصل الوفد"])
    result = hamish("import", str(source), "--json", database=database)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert {k: report[k] for k in ("imported", "duplicates", "empty", "skipped", "failed")} == {
        "imported": 2,
        "duplicates": 1,
        "empty": 1,
        "skipped": 0,
        "failed": 0,
    }
    # Importing again finds only duplicates.
    again = json.loads(hamish("import", str(source), "--json", database=database).stdout)
    assert (again["imported"], again["duplicates"]) == (0, 3)


def test_a_bad_file_refuses_the_import_and_names_the_line(tmp_path: Path, database: Path) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", ["قال الوزير"])
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "أ"}\n{"text": "ب"}\n{"text": oops}\n', encoding="utf-8")
    result = hamish("import", str(good), str(bad), database=database)
    assert result.returncode == 1
    assert "bad.jsonl, line 3" in result.stderr
    assert "nothing was imported" in result.stderr
    assert "imported 0" in result.stdout
    assert json.loads(hamish("stats", "--json", database=database).stdout)["documents"] == 0

    skipping = hamish("import", str(good), str(bad), "--skip-bad", database=database)
    assert skipping.returncode == 0
    assert "skipped: " in skipping.stderr and "bad.jsonl, line 3" in skipping.stderr
    assert "imported 1, duplicates 0, empty 0, skipped 1, failed 0" in skipping.stdout


def test_strip_boilerplate_removes_the_sana_footer(sana_path: Path, database: Path) -> None:
    result = hamish("import", str(sana_path), "--strip-boilerplate", "--json", database=database)
    report = json.loads(result.stdout)
    assert report["imported"] == 1
    (notes,) = report["normalised"].values()
    assert notes["boilerplate_removed"].startswith("تابعوا آخر الأخبار")
    listed = json.loads(hamish("documents", "--json", database=database).stdout)
    assert listed[0]["title"] == "sana-syria-russia"
    assert listed[0]["characters"] < len(sana_path.read_text(encoding="utf-8")) - 200


def test_stats_and_documents(tmp_path: Path, database: Path) -> None:
    hamish(
        "import",
        str(write_jsonl(tmp_path / "a.jsonl", ["قال الوزير", "وصل الوفد إلى دمشق"])),
        database=database,
    )
    stats = json.loads(hamish("stats", "--json", database=database).stdout)
    assert stats == {
        "documents": 2,
        "characters": 10 + 18,
        "spans_by_label": {},
        "spans_by_annotator": {},
        "links": 0,
        "entities": 0,
    }
    text = hamish("stats", database=database).stdout
    assert "documents   2" in text and "characters  28" in text
    listing = hamish("documents", database=database).stdout.splitlines()
    assert listing == ["1\tt0\t10\tnew", "2\tt1\t18\tnew"]


def test_hamish_db_environment_variable_chooses_the_database(tmp_path: Path) -> None:
    chosen = tmp_path / "from-env.sqlite3"
    article = tmp_path / "a.txt"
    article.write_text("قال الوزير إن الوفد وصل", encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(ROOT / "main.py"), *args],
            capture_output=True,
            text=True,
            env={**os.environ, "HAMISH_DB": str(chosen)},
            cwd=ROOT,
            timeout=60,
        )

    # Only an import starts a database: a reading command names the one that is not there.
    missing = run("stats", "--json")
    assert missing.returncode == 2 and f"there is no database {chosen}" in missing.stderr
    assert not chosen.exists()
    assert run("import", str(article)).returncode == 0
    assert chosen.exists()
    stats = run("stats", "--json")
    assert stats.returncode == 0 and '"documents": 1' in stats.stdout


@pytest.mark.parametrize("command", ["import", "stats", "documents"])
def test_every_command_has_help_with_an_example(command: str, database: Path) -> None:
    result = hamish(command, "--help", database=database)
    assert result.returncode == 0
    assert "example:" in result.stdout and f"python main.py {command}" in result.stdout


def test_terminal_commands_do_not_load_qt(database: Path) -> None:
    probe = (
        "import sys, runpy; sys.argv=['main.py','stats','--db',sys.argv[1]];"
        "import main; main.main(sys.argv[1:]); assert 'PySide6' not in sys.modules, 'Qt loaded'"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(database)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_render_draws_the_highlights_into_a_png(tmp_path: Path, database: Path) -> None:
    from PySide6.QtGui import QImage

    from annotation.model import DocumentId, Span
    from db.store import SqliteStore

    source = write_jsonl(tmp_path / "a.jsonl", ["قال الوزير إن الوفد وصل إلى دمشق أمس."])
    hamish("import", str(source), database=database)
    store = SqliteStore(database)
    text = store.document(DocumentId(1)).text
    start = text.index("دمشق")
    store.add_span(Span(DocumentId(1), "amal", "LOCATION", start, start + 4, "دمشق"))
    store.close()
    out = tmp_path / "doc.png"
    result = hamish("render", "--doc", "1", "--out", str(out), "--width", "600", database=database)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert image.width() == 600
    tinted = sum(
        1
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
        if (c := image.pixelColor(x, y)).green() > c.red() + 8 and c.green() > c.blue() + 8
    )
    assert tinted > 50, "the LOCATION span's green is in the picture"
    missing = hamish("render", "--doc", "99", "--out", str(out), database=database)
    assert missing.returncode == 2 and "no document 99" in missing.stderr
