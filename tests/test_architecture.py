"""The package contracts: what each package may import, one way, without cycles.

annotation/ (the domain) imports neither db/ nor ui/ nor Qt; only db/ touches SQLite; the
terminal (ui/cli/) and the report (ui/report/) never import Qt; inside ui/ the packages import
one way, down UI_LAYERS; and no module of annotation/, db/ or ui/ imports itself back through
others. All read from the source (an AST walk over whole packages), imports inside functions and
under TYPE_CHECKING included.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QT = {"PySide6", "shiboken6"}

# What each package (a folder and everything in it) may not import, and why.
FORBIDDEN = {
    "annotation": (QT | {"sqlite3", "sqlite_utils", "db", "ui"}, "the domain is pure Python"),
    "db": (QT | {"ui"}, "storage knows nothing of interfaces"),
    "ui/cli": (QT, "the terminal runs without Qt (render imports it through ui.render, when run)"),
    "ui/report": (QT, "the agreement report and its charts are written without Qt"),
}
GPL = {"pyarabic", "tashaphyne", "qalsadi", "mishtar"}
BUILT = {"build", "dist"}  # what make dist writes into the checkout
# The packages of ui/, highest first: a module may import from its own package and from the
# layers below its own, never from a layer above, nor from another package of its own layer
# (those are independent of each other). The terminal is at the top: its render command draws
# through ui.render, which starts the window's Qt application.
UI_LAYERS: tuple[tuple[str, ...], ...] = (
    ("ui.cli",),  # the terminal (no Qt: FORBIDDEN)
    ("ui.render",),  # an article as a picture, offscreen
    ("ui.app",),  # starting the window: the QApplication, language, database, annotator
    ("ui.main_window",),  # wires the parts below; decides nothing
    ("ui.panels", "ui.search", "ui.review", "ui.jobs", "ui.dialogs"),  # the window's parts
    ("ui.actions",),  # the window's actions and their shortcuts
    ("ui.article",),  # the article view, its painting and gestures
    ("ui.session", "ui.report"),  # the Qt session and undo; the report (no Qt)
    # words, translations, the bundled font; where each annotator was, the window's size; the
    # notice band
    ("ui.wording", "ui.i18n", "ui.fonts", "ui.where_you_were", "ui.window_size", "ui.notice_bar"),
)


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


def module_name(path: Path, root: Path = ROOT) -> str:
    """`ui/session/qt_session.py` -> `ui.session.qt_session`; a package's __init__ is the package."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules(
    packages: Iterable[str] = ("annotation", "db", "ui"), root: Path = ROOT
) -> dict[str, Path]:
    return {module_name(p, root): p for package in packages for p in (root / package).rglob("*.py")}


def import_graph(modules: Mapping[str, Path]) -> dict[str, set[str]]:
    """Each module's imports among `modules`: `from a import b` is a.b when that is a module,
    else a; relative imports resolved."""
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parent, *([node.module] if node.module else [])])
                targets.update(
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                    for alias in node.names
                )
        graph[name] = {target for target in targets if target in modules and target != name}
    return graph


def import_cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm), sorted."""
    index: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = lowest[module] = len(index)
        stack.append(module)
        for target in sorted(graph[module]):
            if target not in index:
                visit(target)
                lowest[module] = min(lowest[module], lowest[target])
            elif target in stack:
                lowest[module] = min(lowest[module], index[target])
        if lowest[module] == index[module]:
            component = [stack.pop()]
            while component[-1] != module:
                component.append(stack.pop())
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return sorted(cycles)


def ui_layer(module: str) -> tuple[int, str] | None:
    """The layer of a ui module (0 is the top) and the package of UI_LAYERS it belongs to."""
    for number, layer in enumerate(UI_LAYERS):
        for package in layer:
            if module == package or module.startswith(package + "."):
                return number, package
    return None


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


def test_every_ui_module_has_its_place_in_the_layers() -> None:
    unplaced = [name for name in project_modules(["ui"]) if name != "ui" and not ui_layer(name)]
    assert unplaced == [], "add them to UI_LAYERS, where their imports put them"


def test_ui_packages_import_one_way() -> None:
    """Down UI_LAYERS only: never up, never sideways into a sibling of the same layer."""
    graph = import_graph(project_modules())
    offenders = []
    for module, targets in sorted(graph.items()):
        for target in sorted(targets):
            here, there = ui_layer(module), ui_layer(target)
            if here and there and here[1] != there[1] and here[0] >= there[0]:
                offenders.append(f"{module} -> {target}")
    assert offenders == []


def test_the_import_graph_is_read_right(tmp_path: Path) -> None:
    """The contracts see relative imports, imports inside functions and under TYPE_CHECKING."""
    sources = {
        "app/__init__.py": "",
        "app/base.py": "import os\nfrom app import part\n",
        "app/part/__init__.py": "from .view import View\n",
        "app/part/view.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
        "    from ..base import thing\n",
        "app/part/lazy.py": "def run():\n    from app.part import view, missing\n",
    }
    for name, text in sources.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    graph = import_graph(project_modules(["app"], tmp_path))
    assert graph == {
        "app": set(),
        "app.base": {"app.part"},
        "app.part": {"app.part.view"},
        "app.part.view": {"app.base"},
        "app.part.lazy": {"app.part", "app.part.view"},
    }
    assert import_cycles(graph) == [["app.base", "app.part", "app.part.view"]]


def test_no_import_cycle_in_annotation_or_db() -> None:
    assert import_cycles(import_graph(project_modules(["annotation", "db"]))) == []


def test_no_import_cycle_anywhere() -> None:
    cycles = import_cycles(import_graph(project_modules()))
    assert cycles == [], cycles


def test_migrations_run_only_frozen_code() -> None:
    """A released migration must do on an old database what it did when released, so the
    migrations and their frozen helpers import the standard library, sqlite-utils and those
    helpers (db/migration_code.py) only: never live code of annotation/ or db/."""
    allowed = set(sys.stdlib_module_names) | {"sqlite_utils"}
    modules = project_modules(["db"])
    frozen = ("db.migration_steps", "db.migration_code")
    graph = import_graph(modules)
    outside = {name: imported_modules(modules[name]) - allowed - {"db"} for name in frozen}
    assert outside == {"db.migration_steps": set(), "db.migration_code": set()}
    assert graph["db.migration_steps"] == {"db.migration_code"}
    assert graph["db.migration_code"] == set()
    assert "db.migration_steps" in graph["db.migrations"]  # where the runner finds them


def test_no_comment_points_outside_the_repository() -> None:
    """The team's notes beside the checkout (../shared) are not in the repository: a comment
    cites docs/ or the upstream issue instead. Only the corpus, which tests read, is named."""
    outside = "../" + "shared/"
    sources = (p for p in ROOT.glob("[!.]*/**/*") if p.parts[len(ROOT.parts)] not in BUILT)
    texts = [
        *(p for p in sources if p.suffix in {".py", ".md", ".txt", ".toml"}),
        *ROOT.glob("*.md"),
        *ROOT.glob("*.txt"),
        ROOT / "Makefile",
        *(p for p in ROOT.glob(".ci/**/*") if p.is_file()),
    ]
    offenders = sorted(
        f"{path.relative_to(ROOT)}: {line.strip()}"
        for path in texts
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
        if outside in line.replace(outside + "corpus", "")
    )
    assert offenders == []


def test_no_gpl_dependencies() -> None:
    requirements = (ROOT / "requirements.txt").read_text() + (
        ROOT / "requirements-dev.txt"
    ).read_text()
    named = {line.split("==")[0].strip().lower() for line in requirements.splitlines()}
    assert not named & GPL
    for path in ROOT.glob("[!.]*/**/*.py"):
        assert not imported_modules(path) & GPL, path


ENGINE_STORES = {"SqliteStore", "PgStore"}


def test_no_module_outside_db_names_an_engines_store() -> None:
    """annotation/, ui/ and main.py talk to the Store protocol (annotation/ports.py) and get
    stores and connectors from db.opening, so either engine slots in behind it (issues 17
    and 19): no import, annotation, isinstance or attribute names SqliteStore or PgStore."""
    paths = [
        ROOT / "main.py",
        *(p for name in ("annotation", "ui") for p in (ROOT / name).rglob("*.py")),
    ]
    offenders = []
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            named = (
                (isinstance(node, ast.Name) and node.id in ENGINE_STORES)
                or (isinstance(node, ast.Attribute) and node.attr in ENGINE_STORES)
                or (isinstance(node, ast.alias) and node.name.split(".")[-1] in ENGINE_STORES)
            )
            if named:
                offenders.append(f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}")
    assert offenders == []
