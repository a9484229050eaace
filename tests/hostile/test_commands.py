"""Every command against a hostile environment: `--out` naming the database, bad `--db` values,
damaged, newer and read-only databases, missing folders, a full disk. Each must refuse in one
line naming the file, exit non-zero, and leave the database as it was."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile.conftest import ROOT, assert_refused, digest, run_main, tally

# Every command that writes a file, with what it needs besides --db and --out.
WRITERS: dict[str, list[str]] = {
    **{
        f"export {name}": ["export", "--format", name]
        for name in ("json", "jsonl", "csv", "labelstudio", "doccano", "brat", "conll", "xmi")
    },
    "report": ["report", "--annotators", "amal", "huda"],
    "render": ["render", "--doc", "1", "--annotator", "amal"],
    "backup": ["backup", "--force"],
}
# Commands that only read.
READERS = [
    ["stats"],
    ["documents"],
    ["claims"],
    ["entities"],
    ["search", "دمشق"],
    ["check"],
]


@pytest.mark.parametrize("side", ["", "-wal", "-shm", "-journal"])
@pytest.mark.parametrize("command", WRITERS)
def test_no_command_writes_over_the_database(project: Path, command: str, side: str) -> None:
    with tally("--out the database"):
        target = project.with_name(project.name + side)
        if side:
            target.write_bytes(b"")  # SQLite's file beside the database, present or not
        before = digest(project)
        outcome = run_main([*WRITERS[command], "--db", project, "--out", target])
        assert_refused(outcome, str(target), "database", database=project, before=before)
        assert outcome.status == 2


def test_a_link_to_the_database_is_the_database(project: Path, tmp_path: Path) -> None:
    with tally("--out the database"):
        link = tmp_path / "innocent.json"
        link.symlink_to(project)
        hard = tmp_path / "hard.json"
        os.link(project, hard)
        before = digest(project)
        for target in (link, hard):
            outcome = run_main(["export", "--format", "json", "--db", project, "--out", target])
            assert_refused(outcome, str(target), database=project, before=before)


def test_a_file_written_beside_the_export_never_replaces_the_database(tmp_path: Path) -> None:
    """Label Studio's labeling config goes beside --out as STEM.config.xml: a database of that
    name was replaced by it (review finding)."""
    with tally("--out the database"):
        database = tmp_path / "x.config.xml"
        article = tmp_path / "a.txt"
        article.write_text("قال الوزير إن الوفد وصل", encoding="utf-8")
        assert run_main(["import", "--db", database, article]).status == 0
        before = digest(database)
        outcome = run_main(
            ["export", "--format", "labelstudio", "--db", database, "--out", tmp_path / "x.json"]
        )
        assert_refused(outcome, str(database), "is the database", database=database, before=before)
        assert not (tmp_path / "x.json").exists()


def test_the_export_names_the_file_it_writes_beside(project: Path, tmp_path: Path) -> None:
    outcome = run_main(
        ["export", "--format", "labelstudio", "--db", project, "--out", tmp_path / "t.json"]
    )
    assert outcome.status == 0, outcome.said
    assert f"and {tmp_path / 't.config.xml'} beside it" in outcome.out


def test_a_folder_export_into_the_databases_folder_is_refused(project: Path) -> None:
    with tally("--out the database"):
        before = digest(project)
        outcome = run_main(["export", "--format", "brat", "--db", project, "--out", project.parent])
        assert_refused(
            outcome, str(project.parent), "holds the database", database=project, before=before
        )


@pytest.mark.skipif(not Path("/dev/null").is_char_device(), reason="needs /dev/null")
@pytest.mark.parametrize("command", ["export json", "report", "render", "backup"])
def test_a_device_is_never_replaced(project: Path, command: str) -> None:
    with tally("--out a device"):
        arguments = WRITERS[command if command != "export json" else "export json"]
        outcome = run_main([*arguments, "--db", project, "--out", "/dev/null"])
        assert_refused(outcome, "/dev/null", "not a regular file")
        assert Path("/dev/null").is_char_device()


@pytest.mark.parametrize(
    ("out", "said"),
    [("missing/folder/x.json", "does not exist"), (".", "is a folder")],
)
def test_an_output_that_cannot_be_a_file(project: Path, out: str, said: str) -> None:
    with tally("--out elsewhere"):
        before = digest(project)
        outcome = run_main(
            ["export", "--format", "json", "--db", project, "--out", project.parent / out]
        )
        assert_refused(outcome, said, database=project, before=before)


@pytest.mark.parametrize("value", ["", " ", ":memory:", "file:x.sqlite3?mode=memory"])
def test_a_database_path_that_names_no_file(value: str, tmp_path: Path) -> None:
    with tally("--db"):
        article = tmp_path / "a.txt"
        article.write_text("قال الوزير إن الوفد وصل", encoding="utf-8")
        home = tmp_path / "home"
        outcome = run_main(
            ["import", "--db", value, article],
            env={
                **os.environ,
                "HOME": str(home),
                "XDG_DATA_HOME": str(home / "data"),
                "QT_QPA_PLATFORM": "offscreen",
            },
        )
        assert_refused(outcome, "--db")
        assert not (home / "data").exists(), "imported into the per-user database"


def test_the_environment_variable_set_but_empty(tmp_path: Path) -> None:
    with tally("--db"):
        outcome = run_main(["stats"], env={**os.environ, "HAMISH_DB": "", "HOME": str(tmp_path)})
        assert_refused(outcome, "$HAMISH_DB", "empty")


def test_a_folder_for_a_database(tmp_path: Path) -> None:
    with tally("--db"):
        outcome = run_main(["stats", "--db", tmp_path])
        assert_refused(outcome, str(tmp_path), "folder")


def _damaged(tmp_path: Path, project: Path) -> Path:
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + os.urandom(8000))
    return damaged


@pytest.mark.parametrize("command", [*READERS, ["import"], ["export", "--format", "json"]])
def test_a_damaged_database_is_named(tmp_path: Path, project: Path, command: list[str]) -> None:
    with tally("a damaged database"):
        damaged = _damaged(tmp_path, project)
        extras: dict[str, list[str | Path]] = {
            "import": [project],
            "export": ["--out", tmp_path / "x.json"],
        }
        extra = extras.get(command[0], [])
        outcome = run_main([*command, "--db", damaged, *extra])
        assert_refused(outcome, str(damaged))


def test_a_newer_schema_is_named(project: Path) -> None:
    with tally("a newer database"):
        connection = sqlite3.connect(project)
        connection.execute("PRAGMA user_version = 999")
        connection.close()
        before = digest(project)
        outcome = run_main(["stats", "--db", project])
        assert_refused(outcome, str(project), "newer", database=project, before=before)


def test_check_reports_zeroed_pages_without_crashing(project: Path, tmp_path: Path) -> None:
    """`check` is the command for a damaged database: it must not itself crash on one."""
    for page in range(1, project.stat().st_size // 4096):
        with tally("check a damaged database"):
            copy = tmp_path / f"zeroed-{page}.sqlite3"
            shutil.copy(project, copy)
            with copy.open("r+b") as stream:
                stream.seek(page * 4096)
                stream.write(bytes(4096))
            outcome = run_main(["check", "--db", copy])
            assert "Traceback" not in outcome.said and "unexpected" not in outcome.said, (
                outcome.said
            )
            assert outcome.status in (0, 1)


def test_check_reports_a_missing_text_without_crashing(project: Path) -> None:
    """What a zeroed page did to `check`: a NULL where the text was (text_sha256(None))."""
    with tally("check a damaged database"):
        connection = sqlite3.connect(project)
        connection.execute("PRAGMA writable_schema = ON")
        connection.execute(
            "UPDATE sqlite_master SET sql = replace(replace(sql, 'text TEXT NOT NULL', 'text'),"
            " ') STRICT', ')') WHERE name = 'documents'"
        )
        connection.commit()
        connection.close()
        connection = sqlite3.connect(project)
        connection.execute("DROP TRIGGER documents_text_is_immutable")
        connection.execute("DROP TRIGGER documents_search_changed")
        connection.execute("UPDATE documents SET text = NULL")
        connection.commit()
        connection.close()
        outcome = run_main(["check", "--db", project])
        assert outcome.status == 1, outcome.said
        assert "Traceback" not in outcome.said
        assert "document 1" in outcome.out and "missing or damaged" in outcome.out


@pytest.fixture
def read_only_project(project: Path, tmp_path: Path) -> Iterator[Path]:
    """The project on a read-only file system (root, who ignores file permissions, gets a
    read-only bind mount); without root, a read-only file in a read-only folder."""
    with sqlite3.connect(project) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    for side in ("-wal", "-shm"):
        project.with_name(project.name + side).unlink(missing_ok=True)
    if os.getuid() != 0:
        project.chmod(0o444)
        project.parent.chmod(0o555)
        yield project
        project.parent.chmod(0o755)
        return
    mounted = tmp_path / "read-only"
    mounted.mkdir()
    try:
        subprocess.run(
            ["mount", "--bind", project.parent, mounted], check=True, capture_output=True
        )
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("cannot make a read-only file system here (mount --bind)")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", mounted], check=True, capture_output=True)
        yield mounted / project.name
    finally:
        subprocess.run(["umount", "--lazy", mounted], check=False, capture_output=True)


@pytest.mark.parametrize("command", READERS)
def test_reading_commands_work_on_a_read_only_database(
    read_only_project: Path, command: list[str]
) -> None:
    with tally("a read-only database"):
        before = digest(read_only_project)
        outcome = run_main([*command, "--db", read_only_project])
        assert outcome.status == 0, outcome.said
        assert digest(read_only_project) == before


def test_writing_to_a_read_only_database_is_refused(
    read_only_project: Path, tmp_path: Path
) -> None:
    with tally("a read-only database"):
        source = tmp_path / "article.txt"
        source.write_text("قال الوزير إن الوفد وصل", encoding="utf-8")
        before = digest(read_only_project)
        outcome = run_main(["import", "--db", read_only_project, source])
        assert_refused(outcome, "read-only", database=read_only_project, before=before)


def _full_disk() -> None:
    """In the child: files may grow to 64 KiB, then writes fail as on a full disk (EFBIG)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


@pytest.mark.parametrize("command", ["export json", "export labelstudio", "report", "render"])
def test_a_full_disk_keeps_the_older_file(project: Path, tmp_path: Path, command: str) -> None:
    with tally("a full disk"):
        older = tmp_path / "older.out"
        older.write_bytes(b"an older export, still good")
        # A large article, so the output is larger than the disk allows.
        big = tmp_path / "big.txt"
        big.write_text("قال الوزير إن الوفد وصل إلى دمشق. " * 4000, encoding="utf-8")
        assert run_main(["import", "--db", project, big]).status == 0
        arguments = WRITERS[command]
        if command == "render":
            arguments = ["render", "--doc", "2", "--annotator", "amal"]
        outcome = run_main([*arguments, "--db", project, "--out", older], preexec_fn=_full_disk)
        assert_refused(outcome, str(older))
        assert older.read_bytes() == b"an older export, still good"
        assert not [p.name for p in tmp_path.iterdir() if "partial" in p.name]


def test_an_unexpected_failure_is_said_and_logged(tmp_path: Path, project: Path) -> None:
    """The last line of defence: a bug still ends in one line and a log, never a traceback."""
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import ui.cli.program as cli;"
        "cli._stats = lambda *a: 1 / 0;"
        "sys.exit(cli.main(['stats', '--db', sys.argv[2]]))"
    )
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", script, str(ROOT), str(project)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 70
    assert "Traceback" not in done.stderr
    assert "ZeroDivisionError" in done.stderr
    logs = list((tmp_path / "state").rglob("problem-*.txt"))
    assert len(logs) == 1 and "Traceback" in logs[0].read_text(encoding="utf-8")


def test_control_characters_never_reach_the_terminal(project: Path, tmp_path: Path) -> None:
    with tally("terminal escapes"):
        name = tmp_path / "\x1b]0;owned\x07title\x1b[31m.json"
        outcome = run_main(["import", "--db", project, "--format", "json", name])
        assert outcome.status != 0
        assert "\x1b" not in outcome.said and "\x07" not in outcome.said
        assert "\\u001b" in outcome.said


# --- a second round: what a review found after the first ----------------------------------


def test_another_programs_sqlite_database_is_never_upgraded(tmp_path: Path) -> None:
    """`stats` on someone else's SQLite file wrote Hamish's 13 tables into it."""
    with tally("--db"):
        theirs = tmp_path / "theirs.sqlite3"
        with sqlite3.connect(theirs) as connection:
            connection.execute("CREATE TABLE t (x)")
            connection.execute("INSERT INTO t VALUES (1)")
        connection.close()
        before = digest(theirs)
        for command in (["stats"], ["documents"], ["suggest"]):
            outcome = run_main([*command, "--db", theirs])
            assert_refused(outcome, str(theirs), "another program", database=theirs, before=before)


@pytest.mark.parametrize("command", [["stats"], ["documents"], ["suggest"], ["search", "x"]])
def test_a_mistyped_database_is_named_not_created(tmp_path: Path, command: list[str]) -> None:
    with tally("--db"):
        typo = tmp_path / "nodir" / "x.sqlite3"
        outcome = run_main([*command, "--db", typo])
        assert_refused(outcome, f"there is no database {typo}")
        assert not typo.parent.exists()


@pytest.mark.parametrize("value", ["~no-such-user-here/x.sqlite3", "fifo", "/dev/zero"])
def test_a_database_path_that_cannot_be_a_database_file(tmp_path: Path, value: str) -> None:
    with tally("--db"):
        if value == "fifo":
            os.mkfifo(tmp_path / "fifo")
            value = str(tmp_path / "fifo")
        for command in (["stats"], ["check"], ["import", tmp_path]):
            outcome = run_main([*command, "--db", value], timeout=30)
            assert_refused(outcome, value.split("/")[0] if value.startswith("~") else value)
            assert outcome.status == 2


def test_backup_of_a_read_only_database(read_only_project: Path, tmp_path: Path) -> None:
    with tally("a read-only database"):
        copy = tmp_path / "copy.sqlite3"
        outcome = run_main(["backup", "--db", read_only_project, "--out", copy])
        assert outcome.status == 0, outcome.said
        assert digest(copy) == digest(read_only_project)


def test_a_killed_backup_leaves_nothing_after_the_next(project: Path, tmp_path: Path) -> None:
    """A killed backup left `.NAME.PID.partial` and its -journal for good (review finding)."""
    with tally("backup litter"):
        out = tmp_path / "copies" / "b.bak"
        out.parent.mkdir()
        # What a backup killed mid-copy leaves: a partial named for a process that is gone.
        dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
        (out.parent / f".b.bak.{dead}.0badc0de.partial").write_bytes(b"half a copy")
        outcome = run_main(["backup", "--db", project, "--out", out])
        assert outcome.status == 0, outcome.said
        assert sorted(p.name for p in out.parent.iterdir()) == ["b.bak"]


def test_a_database_damaged_deep_inside_is_said_plainly(project: Path, tmp_path: Path) -> None:
    """Pages overwritten with random bytes are met half way through a command: the message
    says the database may be damaged and how to look, with no 'unexpected problem'."""
    with tally("a damaged database"):
        big = tmp_path / "big.txt"
        big.write_text("قال الوزير إن الوفد وصل إلى دمشق. " * 3000, encoding="utf-8")
        assert run_main(["import", "--db", project, big]).status == 0
        with sqlite3.connect(project) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()
        pages = project.stat().st_size // 4096
        with project.open("r+b") as stream:
            for page in range(2, pages):
                stream.seek(page * 4096 + 100)
                stream.write(os.urandom(3000))
        said = []
        for command in (
            ["stats"],
            ["documents"],
            ["export", "--format", "json", "--out", tmp_path / "x.json"],
        ):
            outcome = run_main([*command, "--db", project])
            said.append(outcome.said)
            assert "Traceback" not in outcome.said and "unexpected" not in outcome.said, (
                outcome.said
            )
        assert any("damaged" in text for text in said), said


def test_warnings_from_libraries_are_one_line_and_escaped(project: Path, tmp_path: Path) -> None:
    """matplotlib warned with a raw ESC from an annotator's name (from an older database)."""
    with tally("terminal escapes"):
        with sqlite3.connect(project) as connection:
            connection.execute(
                "UPDATE annotators SET name = 'hu\x1b]0;x\x07da' WHERE name = 'huda'"
            )
        connection.close()
        out = tmp_path / "r.html"
        outcome = run_main(
            ["report", "--db", project, "--annotators", "amal", "hu\x1b]0;x\x07da", "--out", out]
        )
        assert "\x1b" not in outcome.said and "\x07" not in outcome.said, outcome.said
        if out.exists():
            assert "\x1b" not in out.read_text(encoding="utf-8")


def test_check_names_what_an_older_hamish_stored_and_the_door_now_refuses(project: Path) -> None:
    """A 1,000,000-character label, a text with BOM, CRLF and ESC, ESC in a title, an
    annotator's and an entity's name: `check` said "no problems" (review finding)."""
    with tally("check a damaged database"):
        with sqlite3.connect(project) as connection:
            connection.execute("DROP TRIGGER documents_text_is_immutable")
            connection.execute("DROP TRIGGER documents_text_sha256_is_immutable")
            connection.execute("DROP TRIGGER documents_search_changed")
            connection.execute(
                "UPDATE spans SET label = ? WHERE label = 'LOCATION'", ["L" * 1_000_000]
            )
            connection.execute("UPDATE documents SET title = 'خبر\x1b[31m'")
            connection.execute("UPDATE annotators SET name = 'hu\x1bda' WHERE name = 'huda'")
            connection.execute("UPDATE entities SET name = 'دمشق\x07'")
        connection.close()
        outcome = run_main(["check", "--db", project])
        assert outcome.status == 1
        lines = [line for line in outcome.out.splitlines() if "would no longer store" in line]
        assert any("label" in line and "at most 64" in line for line in lines), lines
        assert any("document" in line and "title" in line for line in lines), lines
        assert any("annotator" in line for line in lines), lines
        assert any("entity" in line for line in lines), lines
        assert "\x1b" not in outcome.said and "\x07" not in outcome.said


@pytest.mark.parametrize("command", ["export json", "report", "render", "backup"])
def test_a_trailing_slash_names_a_folder_not_a_file(project: Path, command: str) -> None:
    """`--out newdir/` wrote a file named newdir (review finding)."""
    with tally("--out elsewhere"):
        before = digest(project)
        folder = f"{project.parent / 'newdir'}/"
        outcome = run_main([*WRITERS[command], "--db", project, "--out", folder])
        assert_refused(outcome, folder, "names a folder", database=project, before=before)
        assert not (project.parent / "newdir").exists()


def test_a_long_file_name_exports(project: Path) -> None:
    """A 240-character name `touch` can make: the partial's longer name failed (review)."""
    with tally("--out elsewhere"):
        out = project.parent / ("x" * 240 + ".json")
        outcome = run_main(["export", "--format", "json", "--db", project, "--out", out])
        assert outcome.status == 0, outcome.said
        assert out.read_text(encoding="utf-8").startswith("{")
        assert [p.name for p in project.parent.iterdir() if "partial" in p.name] == []


@pytest.mark.parametrize("side", ["-wal", "-journal", "-shm"])
def test_a_database_named_like_sqlites_own_files_is_refused(tmp_path: Path, side: str) -> None:
    """A database imported as q.sqlite3-journal was deleted by SQLite the next time
    q.sqlite3 was opened (second review)."""
    with tally("--db"):
        article = tmp_path / "a.txt"
        article.write_text("قال الوزير إن الوفد وصل", encoding="utf-8")
        name = tmp_path / f"q.sqlite3{side}"
        outcome = run_main(["import", "--db", name, article])
        assert_refused(outcome, str(name), "beside a database")
        assert not name.exists()


def test_a_foreign_database_is_left_exactly_as_it_was(tmp_path: Path) -> None:
    """Refused, yet switched to WAL (header bytes 18-19); with a schema version of its own,
    a backup copy was left beside it at every try (second review)."""
    with tally("--db"):
        for version in (0, 3, 7):
            theirs = tmp_path / f"theirs-{version}.sqlite3"
            connection = sqlite3.connect(theirs)
            connection.execute("CREATE TABLE t (x)")
            connection.execute(f"PRAGMA user_version = {version}")
            connection.commit()
            connection.close()
            before = theirs.read_bytes()
            for command in (["stats"], ["import", theirs.parent / "none.txt"], ["check"]):
                outcome = run_main([*command, "--db", theirs])
                assert outcome.status != 0 and "another program" in outcome.said, outcome.said
            assert theirs.read_bytes() == before
            assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(theirs.name)) == [
                theirs.name
            ]


def test_an_empty_file_is_not_a_database_to_read(tmp_path: Path) -> None:
    with tally("--db"):
        empty = tmp_path / "z.sqlite3"
        empty.touch()
        outcome = run_main(["stats", "--db", empty])
        assert_refused(outcome, str(empty), "empty file")
        assert empty.stat().st_size == 0


def test_a_read_only_database_with_changes_in_its_wal_is_not_read_stale(
    project: Path, tmp_path: Path
) -> None:
    """On a read-only mount, SQLite's immutable mode ignored the -wal: backup wrote the state
    before the last change and said nothing (second review)."""
    with tally("a read-only database"):
        holder = sqlite3.connect(project)
        holder.execute("PRAGMA wal_autocheckpoint = 0")
        holder.execute("UPDATE documents SET title = 'WALTITLE'")
        holder.commit()
        holder.close()  # closing checkpoints: write again from a connection left open
        keeper = sqlite3.connect(project)
        keeper.execute("PRAGMA wal_autocheckpoint = 0")
        keeper.execute("UPDATE documents SET title = 'LATEST'")
        keeper.commit()
        wal = project.with_name(project.name + "-wal")
        assert wal.stat().st_size > 0
        mounted = tmp_path / "ro"
        mounted.mkdir()
        try:
            subprocess.run(
                ["mount", "--bind", project.parent, mounted], check=True, capture_output=True
            )
        except (OSError, subprocess.CalledProcessError):
            keeper.close()
            pytest.skip("cannot make a read-only file system here (mount --bind)")
        try:
            subprocess.run(
                ["mount", "-o", "remount,ro,bind", mounted], check=True, capture_output=True
            )
            shm = mounted / (project.name + "-shm")
            # Without the -shm SQLite cannot read the -wal here: say so, never the stale state.
            if not shm.exists():
                outcome = run_main(["documents", "--db", mounted / project.name])
                assert "LATEST" in outcome.out or (
                    outcome.status != 0 and "-wal" in outcome.said
                ), outcome.said
        finally:
            subprocess.run(["umount", "--lazy", mounted], check=False, capture_output=True)
            keeper.close()


def test_an_output_into_a_read_only_folder_is_refused_by_name(read_only_project: Path) -> None:
    """backup into a read-only folder said SQLite's "unable to open database file"."""
    with tally("--out elsewhere"):
        target = read_only_project.parent / "copy.sqlite3"
        for command in (["backup"], ["export", "--format", "json"]):
            outcome = run_main([*command, "--db", read_only_project, "--out", target])
            assert_refused(outcome, str(target), "cannot be written")
