"""`pip install`: the wheel built from this checkout's tracked files, installed into a new
environment outside the checkout, gives a `hamish` command that runs from any folder with its
data (tag set, gazetteer, font) inside the installed package (issue 20). `make wheel-test`.

The new environment takes Hamish's dependencies from PyPI (or pip's cache), as a person's
`pip install` would."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from annotation.tagset import load_tagset

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = "قال وزير الخارجية إن الوفد وصل إلى دمشق أمس، وإن المحادثات تبدأ غدًا في القاهرة."


def run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{command}: {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """(the `hamish` command, a folder outside the checkout, its environment)."""
    where = tmp_path_factory.mktemp("wheel")
    # Built from the tracked files alone: what a clone has, not what lies around here.
    source = where / "source"
    tracked = (
        subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=True)
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, tracked):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    home = where / "home"
    home.mkdir()
    env = {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
        **{k: v for k, v in os.environ.items() if k.startswith("PIP_")},
    }
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(where / "dist"),
            str(source),
        ],
        where,
        {**os.environ},
    )
    (wheel,) = (where / "dist").glob("hamish-*.whl")
    run([sys.executable, "-m", "venv", str(where / "env")], where, env)
    pip = where / "env" / "bin" / "pip"
    run(
        [str(pip), "install", "-q", str(wheel)],
        where,
        {**os.environ, "HOME": os.environ.get("HOME", str(home))},
    )
    shutil.rmtree(source)  # nothing of the checkout's copy may be needed any more
    outside = where / "work"
    outside.mkdir()
    return where / "env" / "bin" / "hamish", outside, env


def test_the_command_runs_from_the_installed_package(
    installed: tuple[Path, Path, dict[str, str]],
) -> None:
    hamish, outside, env = installed
    helped = run([str(hamish), "--help"], outside, env).stdout
    assert helped.startswith("usage: hamish ")
    for command in ("import", "export", "stats", "render", "suggest"):
        assert command in helped
    python = hamish.parent / "python"
    located = run(
        [
            str(python),
            "-c",
            "import main, annotation.tagset as t; print(main.__file__); print(t.DEFAULT_TAGSET)",
        ],
        outside,
        env,
    ).stdout.split()
    site = hamish.parent.parent / "lib"
    assert all(Path(p).is_relative_to(site) for p in located), located
    assert Path(located[1]).is_file()
    assert (Path(located[0]).parent / "assets" / "hamish.svg").is_file()  # the window's icon


def test_import_stats_suggest_render_and_export_outside_the_checkout(
    installed: tuple[Path, Path, dict[str, str]],
) -> None:
    hamish, outside, env = installed
    (outside / "news.txt").write_text(ARTICLE, encoding="utf-8")
    database = ["--db", str(outside / "news.sqlite3")]
    run([str(hamish), *database, "import", "news.txt"], outside, env)
    stats = json.loads(run([str(hamish), *database, "stats", "--json"], outside, env).stdout)
    assert stats["documents"] == 1 and stats["characters"] == len(ARTICLE)
    # The assistant's gazetteer comes from the installed package's assets.
    run([str(hamish), *database, "suggest"], outside, env)
    export = outside / "out.json"
    run([str(hamish), *database, "export", "--format", "json", "--out", str(export)], outside, env)
    spans = json.loads(export.read_text(encoding="utf-8"))["spans"]
    places = sorted(s["text"] for s in spans if s["label"] == "LOCATION")
    assert places == ["القاهرة", "دمشق"]
    picture = outside / "news.png"
    run(
        [
            str(hamish),
            *database,
            "render",
            "--doc",
            "1",
            "--annotator",
            "assistant",
            "--out",
            str(picture),
            "--width",
            "800",
        ],
        outside,
        env,
    )
    image = QImage(str(picture))
    assert image.width() == 800
    green = QColor(load_tagset().label("LOCATION").colour)
    tinted = sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if _leans_to(image.pixelColor(x, y), green)
    )
    assert tinted > 50, "the places are highlighted in the location colour"


def _leans_to(colour: QColor, green: QColor) -> bool:
    """A pixel of the translucent location fill over white (greener than red and blue)."""
    return colour.green() > colour.red() + 8 and colour.green() > colour.blue() + 8
