"""The arrows point one way: annotation <- db <- ui <- main.py (../shared/STYLE.md)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# What each package may not import, and why.
FORBIDDEN = {
    "annotation": (
        {"PySide6", "shiboken6", "sqlite3", "sqlite_utils", "db", "ui"},
        "the domain is pure Python",
    ),
    "db": ({"PySide6", "shiboken6", "ui"}, "storage knows nothing of interfaces"),
}
GPL = {"pyarabic", "tashaphyne", "qalsadi", "mishtar"}


def imported_modules(path: Path, top_level_only: bool = False) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_point_one_way(package: str) -> None:
    forbidden, why = FORBIDDEN[package]
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_modules(path) & forbidden)
        for path in (ROOT / package).rglob("*.py")
        if imported_modules(path) & forbidden
    }
    assert offenders == {}, why


def test_only_db_touches_sqlite() -> None:
    # Every package but db, and main.py (annotation/ is also held by FORBIDDEN).
    paths = [
        ROOT / "main.py",
        *(p for name in ("annotation", "ui") for p in (ROOT / name).rglob("*.py")),
    ]
    offenders = [
        str(path.relative_to(ROOT))
        for path in paths
        if imported_modules(path) & {"sqlite3", "sqlite_utils"}
    ]
    assert offenders == []


def test_terminal_interface_never_imports_qt() -> None:
    """Loading main.py and every module of the terminal and the report (ui/cli/, ui/report/),
    with all they import, loads no Qt: checked in a fresh interpreter, not by reading one
    file's imports (issue 16). A command that draws (render) imports Qt when it runs, inside
    its function."""
    modules = sorted(
        f"ui.{package}.{path.stem}"
        for package in ("cli", "report")
        for path in (ROOT / "ui" / package).glob("*.py")
    )
    assert len(modules) > 5
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import importlib, sys; import main\n"
            f"for name in {modules!r}: importlib.import_module(name)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert loaded.stdout.strip() == "[]", loaded.stdout


def test_no_gpl_dependencies() -> None:
    requirements = (ROOT / "requirements.txt").read_text() + (
        ROOT / "requirements-dev.txt"
    ).read_text()
    named = {line.split("==")[0].strip().lower() for line in requirements.splitlines()}
    assert not named & GPL
    for path in ROOT.glob("[!.]*/**/*.py"):
        assert not imported_modules(path) & GPL, path


def test_no_module_outside_db_names_the_sqlite_store() -> None:
    """annotation/, ui/ and main.py talk to the Store protocol (annotation/ports.py) and get
    stores and connectors from db.opening, so another storage engine can slot in behind it
    (issue 17): no import, annotation, isinstance or attribute names SqliteStore."""
    paths = [
        ROOT / "main.py",
        *(p for name in ("annotation", "ui") for p in (ROOT / name).rglob("*.py")),
    ]
    offenders = []
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            named = (
                (isinstance(node, ast.Name) and node.id == "SqliteStore")
                or (isinstance(node, ast.Attribute) and node.attr == "SqliteStore")
                or (isinstance(node, ast.alias) and node.name.split(".")[-1] == "SqliteStore")
            )
            if named:
                offenders.append(f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}")
    assert offenders == []
