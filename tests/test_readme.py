"""The README names the two set-up commands and documents every terminal command."""

from __future__ import annotations

import re

from tests.conftest import ROOT
from ui.cli.program import build_parser

README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands() -> list[str]:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    return sorted(subparsers.choices)  # type: ignore[arg-type]


def test_readme_names_the_two_set_up_commands() -> None:
    assert "make run" in README
    assert "make test" in README


def test_readme_documents_every_terminal_command_with_an_example() -> None:
    assert commands() == [
        "agreement",
        "assign",
        "assignments",
        "backup",
        "check",
        "claims",
        "copy",
        "documents",
        "entities",
        "export",
        "import",
        "project",
        "render",
        "report",
        "search",
        "server",
        "stats",
        "suggest",
        "users",
    ]
    for command in commands():
        assert f"### `{command}`" in README, command
        assert f"python main.py {command}" in README, command


def test_readme_shows_the_window_at_both_sizes_in_both_languages() -> None:
    for width in (1366, 1600):
        for language in ("en", "ar"):
            name = f"docs/window-{width}-{language}.png"
            assert name in README
            assert (ROOT / name).stat().st_size > 10_000


def test_every_picture_in_docs_is_in_the_readme_and_every_one_it_names_exists() -> None:
    named = set(re.findall(r"docs/[\w-]+\.png", README))
    kept = {f"docs/{path.name}" for path in (ROOT / "docs").glob("*.png")}
    assert named == kept
