"""`--db` before the command or after it names the same database, for every command (issue 14,
item 22: before the command it was silently ignored, and `import` wrote to the per-user one)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.conftest import ROOT
from ui.cli.program import build_parser, parse

ARTICLE = "قال الوزير إن الوفد وصل إلى دمشق أمس."


def commands() -> list[str]:
    """Every terminal command the parser knows."""
    parser = build_parser()
    (choices,) = (a.choices for a in parser._actions if a.dest == "command")
    assert choices is not None
    return sorted(choices)


# `server init URL` names its database as an argument, and `copy` names two with --from and
# --to (tests/db/test_copying.py): neither takes --db.
@pytest.mark.parametrize("command", [name for name in commands() if name not in ("server", "copy")])
def test_db_lands_in_the_same_place_either_side(command: str, tmp_path: Path) -> None:
    # Each command's required arguments, enough for the parser.
    needs = {
        "import": ["x.txt"],
        "search": ["دمشق"],
        "render": ["--doc", "1", "--out", "x.png"],
        "report": ["--annotators", "a", "b", "--out", "x.html"],
        "export": ["--format", "json", "--out", "x.json"],
        "backup": ["--out", "x.sqlite3"],
        "agreement": ["--annotators", "a", "b"],
        "suggest": [],
        "assign": ["--to", "a", "--documents", "1"],
        "users": ["list"],
        "project": ["show"],
    }.get(command, [])
    before = parse(["--db", "before.sqlite3", command, *needs])
    after = parse([command, "--db", "after.sqlite3", *needs])
    neither = parse([command, *needs])
    assert (before.db, after.db, neither.db) == ("before.sqlite3", "after.sqlite3", None)


@pytest.mark.parametrize(
    "argv",
    [
        ["--db", "one.sqlite3", "stats", "--db", "two.sqlite3"],
        ["--db", "one.sqlite3", "--db", "two.sqlite3", "stats"],  # the last one won, silently
        ["stats", "--db", "one.sqlite3", "--db", "two.sqlite3"],
    ],
)
def test_db_naming_two_databases_is_refused(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        parse(argv)
    assert exit_.value.code == 2
    assert (
        "--db names different databases ('one.sqlite3', 'two.sqlite3')" in capsys.readouterr().err
    )


def test_db_naming_one_database_twice_is_that_database() -> None:
    args = parse(["--db", "./x.sqlite3", "stats", "--db", "x.sqlite3"])
    assert args.db == "x.sqlite3"


def test_import_with_db_before_the_command_writes_there(tmp_path: Path) -> None:
    """The very command that lost work: it must fill X, and leave the per-user one alone."""
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    database = tmp_path / "project.sqlite3"
    home = tmp_path / "home"
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
    env.pop("HAMISH_DB", None)
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(database), "import", str(article)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert database.exists()
    assert not (home / "data").exists()
    stats = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "stats", "--json", "--db", str(database)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert '"documents": 1' in stats.stdout
