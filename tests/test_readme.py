"""The README names the two set-up commands and documents every terminal command."""

from __future__ import annotations

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
        "backup",
        "check",
        "claims",
        "documents",
        "entities",
        "export",
        "import",
        "render",
        "report",
        "search",
        "stats",
        "suggest",
    ]
    for command in commands():
        assert f"### `{command}`" in README, command
        assert f"python main.py {command}" in README, command


def test_readme_screenshots_exist() -> None:
    for language in ("en", "ar"):
        assert f"docs/screenshot-{language}.png" in README
        assert (ROOT / "docs" / f"screenshot-{language}.png").stat().st_size > 10_000
