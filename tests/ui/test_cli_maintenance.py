"""`python main.py backup` and `python main.py check`, run as a person would."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.db.test_maintenance import TABLES, TEXT, everything, fill, raw, version
from tests.db.test_upgrade import FIXTURE
from tests.ui.test_cli import hamish


@pytest.fixture
def healthy(database: Path) -> dict[str, int]:
    return fill(database)


def test_a_healthy_database_checks_clean(database: Path, healthy: dict[str, int]) -> None:
    result = hamish("check", database=database)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == f"no problems in {database} (2 documents)\n"
    listed = hamish("check", "--json", database=database)
    assert listed.returncode == 0 and json.loads(listed.stdout) == []


def corrupt_offsets(path: Path, ids: dict[str, int]) -> list[str]:
    with raw(path) as connection:
        connection.execute("UPDATE spans SET start = 0 WHERE id = ?", [ids["claim"]])
        connection.execute('UPDATE spans SET "end" = 500 WHERE id = ?', [ids["place"]])
    return [
        f"document {ids['first']}, span {ids['claim']}: CLAIM span 0-",
        f"document {ids['second']}, span {ids['place']}: LOCATION span ",
    ]


def change_text(path: Path, ids: dict[str, int]) -> list[str]:
    with raw(path) as connection:
        connection.execute("DROP TRIGGER documents_text_is_immutable")
        connection.execute(
            "UPDATE documents SET text = ? WHERE id = ?",
            [TEXT.replace("سياسي", "عسكري"), ids["first"]],
        )
    return [
        "documents: the trigger documents_text_is_immutable is missing [schema]",
        f"document {ids['first']}: the stored SHA-256 ",
        f"document {ids['first']}, span {ids['claim']}: CLAIM span ",
    ]


def dangling_link(path: Path, ids: dict[str, int]) -> list[str]:
    with raw(path, foreign_keys=False) as connection:
        link = connection.execute(
            "INSERT INTO links (kind, source_id, target_id, created_at)"
            " VALUES ('ATTRIBUTED_TO', 404, ?, '2024-01-01') RETURNING id",
            [ids["speaker"]],
        ).fetchone()[0]
    return [f"link {link}: refers to source span 404, which does not exist [missing_span]"]


@pytest.mark.parametrize("damage", [corrupt_offsets, change_text, dangling_link])
def test_check_names_each_problem_and_exits_1(
    tmp_path: Path, database: Path, healthy: dict[str, int], damage: object
) -> None:
    copy = tmp_path / "copy.sqlite3"
    assert hamish("backup", "--out", str(copy), database=database).returncode == 0
    expected = damage(copy, healthy)  # type: ignore[operator]
    result = hamish("check", database=copy)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(expected) + 1
    for line, start in zip(lines, expected, strict=False):
        assert line.startswith(start), (line, start)
    assert lines[-1] == f"{len(expected)} problem{'s' if len(expected) > 1 else ''} found in {copy}"

    listed = hamish("check", "--json", database=copy)
    assert listed.returncode == 1
    problems = json.loads(listed.stdout)
    assert len(problems) == len(expected)
    assert all({"kind", "message"} <= set(p) for p in problems)
    assert "found in" in listed.stderr
    # The original was never touched.
    assert hamish("check", database=database).returncode == 0


def test_check_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all, " * 100)
    result = hamish("check", database=junk)
    assert result.returncode == 1
    assert "cannot open" in result.stderr


def test_check_and_backup_never_create_a_database(tmp_path: Path) -> None:
    missing = tmp_path / "missing.sqlite3"
    for args in (["check"], ["backup", "--out", str(tmp_path / "b.sqlite3")]):
        result = hamish(*args, database=missing)
        assert result.returncode == 2
        assert "there is no database" in result.stderr
    # (the GUI tests' settings folder may sit there too; no database file may)
    assert [p.name for p in tmp_path.iterdir() if p.name != "settings"] == []


def test_backup_writes_a_copy_with_the_same_rows(
    tmp_path: Path, database: Path, healthy: dict[str, int]
) -> None:
    out = tmp_path / "copy.sqlite3"
    result = hamish("backup", "--out", str(out), database=database)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"wrote {out} (")
    assert everything(out) == everything(database)
    assert all(everything(out)[table] for table in TABLES)
    assert hamish("check", database=out).returncode == 0

    again = hamish("backup", "--out", str(out), database=database)
    assert again.returncode == 2 and "--force" in again.stderr
    forced = hamish("backup", "--out", str(out), "--force", database=database)
    assert forced.returncode == 0


def test_backup_copies_an_old_database_without_upgrading_it(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURE, old)
    out = tmp_path / "copy.sqlite3"
    assert hamish("backup", "--out", str(out), database=old).returncode == 0
    assert version(old) == version(out) == 1
    assert list(tmp_path.glob("*.bak")) == []


@pytest.mark.parametrize("command", ["backup", "check"])
def test_help_has_an_example(command: str, database: Path) -> None:
    result = hamish(command, "--help", database=database)
    assert result.returncode == 0
    assert "example:" in result.stdout and f"python main.py {command}" in result.stdout
