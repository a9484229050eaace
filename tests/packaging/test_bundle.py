"""The bundled application, as a workstation without Python runs it (`make dist-test`).

`make dist` freezes Hamish into dist/hamish/; these tests run its program dist/hamish/hamish
with a fresh home (and XDG folders in it), from a folder outside the checkout, with no virtual
environment or pyenv on the PATH and no display (Qt's offscreen platform). Collected only with
HAMISH_PACKAGING=1 (tests/conftest.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from tests.postgres_server import Cluster

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "hamish"
PROGRAM = BUNDLE / "hamish"
INSIDE = BUNDLE / "_internal"
SAMPLES = ROOT / "assets" / "samples" / "samples.jsonl"
ANNOTATED = ROOT / "assets" / "samples" / "annotated.json"
ANNOTATOR = "bundle-test"

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the bundle is built and tried on Linux"
)


@dataclass(frozen=True)
class Workstation:
    home: Path
    folder: Path  # where the commands run: outside the checkout
    env: dict[str, str]

    @property
    def database(self) -> Path:
        return self.home / ".local" / "share" / "hamish" / "hamish.sqlite3"


def run(
    workstation: Workstation, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PROGRAM), *args],
        cwd=workstation.folder,
        env={**workstation.env, **(env or {})},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def path_without_python() -> str:
    """The PATH less the virtual environments, pyenv and the checkout: the bundle needs none."""
    kept = [
        entry
        for entry in os.environ.get("PATH", "/usr/bin:/bin").split(os.pathsep)
        if entry
        and ".pyenv" not in entry
        and not (Path(entry).parent / "pyvenv.cfg").exists()
        and not Path(entry).resolve().is_relative_to(ROOT)
    ]
    return os.pathsep.join(kept)


def sample_records() -> list[dict[str, str]]:
    """The sample articles, their texts as stored: import trims a text's ends (each sample's
    ends in a line feed)."""
    lines = SAMPLES.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    return [{**record, "text": record["text"].strip()} for record in records]


@pytest.fixture(scope="module")
def workstation(tmp_path_factory: pytest.TempPathFactory) -> Workstation:
    if not PROGRAM.exists():
        pytest.fail(f"{PROGRAM} is missing: `make dist-test` builds it (make dist)")
    home = tmp_path_factory.mktemp("home")
    folder = tmp_path_factory.mktemp("elsewhere")
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700)
    # The annotator's name, as the first-start dialog would have saved it (QSettings' file).
    settings = home / ".config" / "Hamish" / "Hamish.conf"
    settings.parent.mkdir(parents=True)
    settings.write_text(f"[General]\nannotator={ANNOTATOR}\n", encoding="utf-8")
    # Nothing of this environment is inherited: no PYTHONPATH, HAMISH_DB, DISPLAY or venv.
    env = {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(runtime),
        "PATH": path_without_python(),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }
    return Workstation(home, folder, env)


@pytest.fixture(scope="module")
def started(workstation: Workstation) -> Workstation:
    """The window's first start on the default database, quitting by itself after 3 s."""
    assert not workstation.database.exists()
    outcome = run(workstation, env={"HAMISH_QUIT_AFTER_MS": "3000"})
    # A dialog (the annotator's name, an error) would have waited until the timeout.
    assert outcome.returncode == 0, outcome.stderr
    return workstation


def test_the_bundle_holds_qt_plugins_and_the_assets_and_no_tk() -> None:
    plugins = INSIDE / "PySide6" / "Qt" / "plugins"
    for plugin in ("platforms/libqoffscreen.so", "platforms/libqxcb.so", "imageformats/libqsvg.so"):
        assert (plugins / plugin).is_file(), plugin
    for asset in (
        "fonts/NotoSansArabic.ttf",
        "i18n/hamish_ar.qm",
        "i18n/qtbase_supplement_ar.qm",
        "gazetteer/places.json",
        "tagsets/default.json",
        "schemas/hamish-export.schema.json",
        "samples/samples.jsonl",
        "samples/annotated.json",
        "guidelines/guidelines.ar.md",
        "hamish.desktop",
        "hamish.svg",
    ):
        assert (INSIDE / "assets" / asset).is_file(), asset
    for beside in ("hamish.desktop", "hamish.svg", "hamish.png"):
        assert (BUNDLE / beside).is_file(), beside
    assert (INSIDE / "matplotlib" / "mpl-data" / "matplotlibrc").is_file()
    assert not list(INSIDE.rglob("_tkinter*")) and not list(INSIDE.rglob("libtk*"))


def test_help_runs_without_loading_qt(workstation: Workstation) -> None:
    # LD_DEBUG=files has the dynamic loader name every library it opens (glibc), so a Qt
    # library opened by the bundle's start-up, not by Hamish's code, is seen too.
    outcome = run(workstation, "--help", env={"LD_DEBUG": "files"})
    assert outcome.returncode == 0, outcome.stderr
    assert "Hamish: annotate who said what, and where, in Arabic news." in outcome.stdout
    for command in ("import", "stats", "export", "render"):
        assert f"    {command}" in outcome.stdout
    opened = [line for line in outcome.stderr.splitlines() if "file=" in line]
    assert any("libpython3" in line for line in opened), "the loader's trace is there"
    assert not [line for line in opened if "Qt" in line or "pyside" in line.lower()]


def test_first_start_imports_the_samples(started: Workstation) -> None:
    assert started.database.is_file()
    outcome = run(started, "stats", "--json")
    assert outcome.returncode == 0, outcome.stderr
    stats = json.loads(outcome.stdout)
    records = sample_records()
    assert len(records) == 2
    annotated = json.loads(ANNOTATED.read_text(encoding="utf-8"))
    (article,) = annotated["documents"]
    assert stats["documents"] == len(records) + 1  # and the annotated sample, first
    characters = len(article["text"]) + sum(len(record["text"]) for record in records)
    assert stats["characters"] == characters
    # The annotated sample's layer, in the name of whoever started the window.
    assert stats["spans_by_label"] == {"CLAIM": 13, "LOCATION": 13, "SPEAKER": 9}
    assert stats["spans_by_annotator"] == {ANNOTATOR: 35} and stats["links"] == 13


def test_export_json_holds_the_sample_documents(started: Workstation) -> None:
    out = started.folder / "corpus.json"
    outcome = run(started, "export", "--format", "json", "--out", "corpus.json")
    assert outcome.returncode == 0, outcome.stderr
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert (exported["format"], exported["version"]) == ("hamish", 1)
    documents = {document["external_id"]: document for document in exported["documents"]}
    records = {record["id"]: record for record in sample_records()}
    assert sorted(records) == ["sample-amman-water", "sample-tunis-ports"]
    assert sorted(documents) == ["sample-amman-water", "sample-medicines", "sample-tunis-ports"]
    for key, record in records.items():
        assert documents[key]["title"] == record["title"]
        assert documents[key]["text"] == record["text"]


def coloured_box(image: object, leans: str) -> tuple[int, int, int, int] | None:
    """(left, top, right, bottom) of the pixels leaning to `leans` (green or blue) by more than
    8 over both other channels: a label's translucent fill over white. Text is grey."""
    from PySide6.QtGui import QImage

    assert isinstance(image, QImage)
    xs, ys = [], []
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            r, g, b = colour.red(), colour.green(), colour.blue()
            main, others = (g, (r, b)) if leans == "green" else (b, (r, g))
            if all(main > other + 8 for other in others):
                xs.append(x)
                ys.append(y)
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def test_render_draws_the_spans_at_their_place(started: Workstation) -> None:
    from PySide6.QtGui import QImage

    # Two spans of the first sample, drawn by hand elsewhere and imported (doccano's JSONL):
    # LOCATION on the dateline's first word (the first line's right end: Arabic runs right to
    # left) and SPEAKER on the minister's name in the second line.
    text = sample_records()[0]["text"]
    place, speaker = "عمّان", "سلمى الحوراني"
    assert text.startswith(place) and text.index(speaker) > text.index("\n")
    start = text.index(speaker)
    spans = [[0, len(place), "LOCATION"], [start, start + len(speaker), "SPEAKER"]]
    source = started.folder / "amal.jsonl"
    source.write_text(json.dumps({"text": text, "label": spans}, ensure_ascii=False) + "\n")
    imported = run(
        started, "import", "--format", "doccano", "--annotator", "amal", "--json", source.name
    )
    assert imported.returncode == 0, imported.stderr
    report = json.loads(imported.stdout)
    assert (report["documents_matched"], report["spans_added"]) == (1, 2)

    exported = run(started, "export", "--format", "json", "--annotator", "amal", "--out", "a.json")
    assert exported.returncode == 0, exported.stderr
    layer = json.loads((started.folder / "a.json").read_text(encoding="utf-8"))
    covered = sorted((span["label"], span["text"]) for span in layer["spans"])
    assert covered == [("LOCATION", place), ("SPEAKER", speaker)]
    document_id = str(layer["spans"][0]["document_id"])

    rendered = run(
        started, "render", "--doc", document_id, "--annotator", "amal",
        "--out", "sample.png", "--width", "600", "--no-tags",
    )  # fmt: skip
    assert rendered.returncode == 0, rendered.stderr
    image = QImage(str(started.folder / "sample.png"))
    assert image.width() == 600 and image.height() > 300
    location = coloured_box(image, "green")
    speaker_box = coloured_box(image, "blue")
    assert location is not None, "LOCATION's green is drawn"
    assert speaker_box is not None, "SPEAKER's blue is drawn"
    # The place: the first line's right end, one line high (here 533-574 x 25-67 of 600 x 654);
    # the name: the next line (253-369 x 68-110), a line's height (43 px) lower.
    left, top, right, bottom = location
    assert left > 600 * 3 // 4 and right > 600 - 60 and bottom - top < 60
    assert top < 60 and speaker_box[3] - speaker_box[1] < 60
    lower = (speaker_box[1] + speaker_box[3]) / 2 - (top + bottom) / 2
    assert 30 < lower < 60


def test_the_bundle_works_on_a_team_server(
    workstation: Workstation, postgres_cluster: Cluster
) -> None:
    """psycopg and its libpq travel in the bundle: a manager makes a project, adds a member
    and imports an article through the bundled program alone."""
    url = postgres_cluster.url("bundle_team")
    with psycopg.connect(postgres_cluster.url(), autocommit=True) as admin:
        admin.execute("DROP DATABASE IF EXISTS bundle_team")
        admin.execute("CREATE DATABASE bundle_team")
        admin.execute("DROP ROLE IF EXISTS bundle_manager")
    secret = workstation.folder / "manager-password.txt"
    secret.write_text("a long secret\n", encoding="utf-8")
    made = run(
        workstation,
        "server",
        "init",
        url,
        "--manager",
        "bundle_manager",
        "--password-file",
        str(secret),
    )
    assert made.returncode == 0, made.stderr
    article = workstation.folder / "team-article.txt"
    article.write_text("قال الوزير إن الوفد وصل إلى دمشق.", encoding="utf-8")
    imported = run(workstation, "import", str(article), "--db", url)
    assert imported.returncode == 0, imported.stderr
    stats = run(workstation, "stats", "--db", url, "--json")
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["documents"] == 1
    with psycopg.connect(postgres_cluster.url(), autocommit=True) as admin:
        admin.execute("DROP DATABASE bundle_team WITH (FORCE)")
        admin.execute("DROP ROLE bundle_manager")
