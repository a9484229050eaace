"""Every export is whole or absent: a kill at its last step or a full disk leaves the older
export exactly as it was, and the next export sweeps what the killed one left."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from annotation.exchange.formats import FORMATS
from annotation.exchange.selection import select
from annotation.model import Document, Span, text_sha256
from db.store import SqliteStore
from tests.hostile.conftest import KNOWN, ROOT, tally

OUT = {
    "json": "out.json",
    "csv": "tables",
    "jsonl": "out.jsonl",
    "brat": "brat",
    "conll": "conll",
    "labelstudio": "out.json",
    "doccano": "out.jsonl",
    "xmi": "xmi",
}

# Runs one export in a child process that dies at the last step (the rename into place) or
# writes on a disk that is full after 4,000 bytes a file (300 for csv) (RLIMIT_FSIZE, SIGXFSZ ignored: EFBIG).
CHILD = """
import os, resource, signal, sys
from pathlib import Path
sys.path.insert(0, sys.argv[5])
from annotation.exchange import output
from annotation.exchange.formats import FORMATS
from annotation.exchange.selection import select
from db.store import SqliteStore
database, name, out, mode = sys.argv[1:5]
store = SqliteStore(Path(database))
def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
if mode == "kill":
    os.replace = die
    output._swap_in = die
with store.reading():
    selection = select(store)
    if mode == "full":
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        limit = 300 if name == "csv" else 4000  # the csv tables hold no text
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        FORMATS[name].write(selection, Path(out), None)
    except OSError as error:
        print(f"OSError {error.errno}: {error}", file=sys.stderr)
        sys.exit(3)
"""


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (hidden ones too), by relative name."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def export(database: Path, name: str, out: Path) -> None:
    store = SqliteStore(database)
    try:
        with store.reading():
            FORMATS[name].write(select(store), out, None)
    finally:
        store.close()


def grow(database: Path) -> None:
    """A long document, so the next export differs from the older one and passes 4,000 bytes."""
    store = SqliteStore(database)
    try:
        text = " ".join([KNOWN] * 200)
        (document,) = store.add_documents([Document(text, text_sha256(text), title="طويل")])
        start = text.index("دمشق")
        store.add_span(Span(document, "amal", "LOCATION", start, start + 4, "دمشق"))
    finally:
        store.close()


def run_child(database: Path, name: str, out: Path, mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CHILD, str(database), name, str(out), mode, str(ROOT)],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("name", sorted(FORMATS))
@pytest.mark.parametrize("mode", ["kill", "full"])
def test_a_killed_or_full_export_leaves_the_older_one_whole(
    project: Path, tmp_path: Path, name: str, mode: str
) -> None:
    with tally(f"export --format {name}"):
        place = tmp_path / "exports"
        place.mkdir()
        out = place / OUT[name]
        export(project, name, out)
        older = snapshot(place)
        grow(project)
        done = run_child(project, name, out, mode)
        if mode == "kill":
            assert done.returncode == -9, done.stderr
        else:
            assert done.returncode == 3, done.stderr
            assert "OSError 27" in done.stderr and "Traceback" not in done.stderr
            # Nothing was left behind by a failure the export saw.
            assert snapshot(place) == older
        visible = {k: v for k, v in snapshot(place).items() if ".partial" not in k}
        assert visible == older
        # The next export sweeps what the killed one left, and replaces the older one whole.
        export(project, name, out)
        after = snapshot(place)
        assert not [k for k in after if ".partial" in k]
        assert after != older and set(after) >= set(older)


def test_a_partial_of_a_live_export_is_left_alone(project: Path, tmp_path: Path) -> None:
    import os

    live = tmp_path / f".out.json.{os.getppid()}.abcd1234.partial"
    dead = tmp_path / ".out.json.999999999.abcd1234.partial"
    live.write_text("running", "utf-8")
    dead.mkdir()
    export(project, "json", tmp_path / "out.json")
    assert live.exists() and not dead.exists()


@pytest.mark.parametrize("name", ["brat", "conll", "xmi", "csv"])
def test_a_folder_holding_other_files_is_refused_before_writing(
    project: Path, tmp_path: Path, name: str
) -> None:
    with tally(f"export --format {name}"):
        out = tmp_path / "mine"
        out.mkdir()
        (out / "thesis.docx").write_bytes(b"years of work")
        with pytest.raises(FileExistsError, match=r"thesis\.docx.*new or empty folder"):
            export(project, name, out)
        assert snapshot(tmp_path) == {"mine/thesis.docx": b"years of work"} | {
            k: v for k, v in snapshot(tmp_path).items() if k.startswith("project")
        }


@pytest.mark.parametrize("name", ["json", "jsonl", "doccano", "labelstudio"])
def test_a_file_export_to_a_folder_is_refused(project: Path, tmp_path: Path, name: str) -> None:
    with tally(f"export --format {name}"), pytest.raises(IsADirectoryError):
        export(project, name, tmp_path)
