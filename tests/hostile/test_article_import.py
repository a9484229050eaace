"""Hostile input for the article importer (`import PATH...` without --format), issue 13.

Special files in folders (item 10), zip archives too big together (item 15), mixed encodings
and control characters (item 16), UTF-16 without a byte-order mark and zip members of one
name (item 17). Big tables run in-process (`import_articles`, the same code the command
calls); each kind also runs once through the real command.
"""

from __future__ import annotations

import io
import json
import os
import socket
import sqlite3
import stat
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from annotation import sources
from annotation.importing import ImportOptions, ImportReport, import_articles
from db.store import SqliteStore
from tests.hostile.conftest import assert_refused, digest, run_main, tally

ARTICLE = "قال المتحدث باسم الوزارة إن الاجتماع عقد في دمشق أمس."
OTHER = "وأضاف أن المحادثات ستستمر الأسبوع المقبل في جنيف."


def import_in_process(database: Path, *paths: Path, skip_bad: bool = False) -> ImportReport:
    """Import into `database` as the command does, in this process."""
    store = SqliteStore(database)
    try:
        return import_articles(store, list(paths), ImportOptions(skip_bad=skip_bad))
    finally:
        store.close()


def texts(database: Path) -> set[str]:
    with sqlite3.connect(database) as connection:
        return {row[0] for row in connection.execute("SELECT text FROM documents")}


def messages(report: ImportReport) -> str:
    return "\n".join(str(e) for e in [*report.failed, *report.skipped, *report.notes])


# --- item 10: folders hold special files ------------------------------------------------------


def fifo(path: Path) -> None:
    os.mkfifo(path)


def link_to(target: str | Path) -> Callable[[Path], None]:
    return lambda path: path.symlink_to(target)


def unix_socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()  # the socket file stays


def outside_file(path: Path) -> None:
    outside = path.parent.parent / "outside.txt"
    outside.write_text(OTHER, encoding="utf-8")
    path.symlink_to(outside)


def outside_folder(path: Path) -> None:
    outside = path.parent.parent / "elsewhere"
    outside.mkdir()
    (outside / "secret.txt").write_text(OTHER, encoding="utf-8")
    path.symlink_to(outside, target_is_directory=True)


def device(path: Path) -> None:
    try:
        os.mknod(path, 0o644 | stat.S_IFCHR, os.makedev(1, 5))  # what /dev/zero is
    except PermissionError:
        pytest.skip("no permission to make a device node here")


def link_to_pipe_inside(path: Path) -> None:
    os.mkfifo(path.parent / "pipe.fifo")  # not an article name: the link is what is listed
    path.symlink_to("pipe.fifo")


SPECIAL = {
    "zero.txt": (link_to("/dev/zero"), "a link to /dev/zero, outside the folder: not read"),
    "random.jsonl": (link_to("/dev/urandom"), "a link to /dev/urandom, outside the folder"),
    "null.json": (link_to("/dev/null"), "a link to /dev/null, outside the folder"),
    "device.txt": (device, "a character device, not a regular file: not read"),
    "pipe.txt": (fifo, "a named pipe (FIFO), not a regular file: not read"),
    "pipe-link.txt": (link_to_pipe_inside, "a named pipe (FIFO), not a regular file"),
    "passwd.txt": (link_to("/etc/passwd"), "a link to /etc/passwd, outside the folder"),
    "outside.txt": (outside_file, "outside the folder: not read"),
    "dangling.txt": (link_to("nowhere.txt"), "a link that leads nowhere"),
    "loop.txt": (link_to("loop.txt"), "a link that leads nowhere"),
    "socket.txt": (unix_socket, "a socket, not a regular file"),
    "elsewhere": (outside_folder, "a link to a folder: not followed"),
}


@pytest.mark.parametrize("entry", sorted(SPECIAL))
def test_folder_special_entry_is_passed_over_and_said(
    entry: str, project: Path, tmp_path: Path
) -> None:
    make, reason = SPECIAL[entry]
    with tally("import articles folder"):
        folder = tmp_path / "in"
        folder.mkdir()
        (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
        make(folder / entry)
        before = texts(project)
        report = import_in_process(project, folder)
        assert report.ok, messages(report)
        assert report.imported == 1
        assert texts(project) == before | {ARTICLE}
        (passed,) = report.skipped
        assert passed.name == str(folder / entry)
        assert reason in str(passed)


def test_folder_of_special_files_through_the_command(project: Path, tmp_path: Path) -> None:
    # All at once, as the tester did: before this the command hung on the pipe, or grew
    # without end on /dev/zero. A hang fails here by run_main's timeout.
    with tally("import articles folder"):
        folder = tmp_path / "in"
        folder.mkdir()
        for entry, (make, _) in SPECIAL.items():
            make(folder / entry)
        before = digest(project)
        outcome = run_main(["import", "--db", project, folder], timeout=60)
        assert outcome.status == 0, outcome.said
        assert "Traceback" not in outcome.said
        for entry, (_, reason) in SPECIAL.items():
            assert f"skipped: {folder / entry}: " in outcome.err, outcome.said
            assert reason in outcome.err
        assert "imported 0" in outcome.out
        assert digest(project) == before


@pytest.mark.parametrize(
    ("entry", "kind"),
    [
        ("pipe", "a named pipe (FIFO)"),
        ("zero.txt", "a character device"),
        ("/dev/null", "a character device"),
    ],
)
def test_special_file_named_on_the_command_line_is_refused(
    entry: str, kind: str, project: Path, tmp_path: Path
) -> None:
    with tally("import articles"):
        path = Path(entry) if entry.startswith("/") else tmp_path / entry
        if entry == "pipe":
            os.mkfifo(path)
        elif entry == "zero.txt":
            path.symlink_to("/dev/zero")
        before = digest(project)
        outcome = run_main(["import", "--db", project, path], timeout=60)
        assert_refused(outcome, str(path), kind, database=project, before=before)


def test_file_swapped_for_a_pipe_after_listing_is_refused(tmp_path: Path) -> None:
    # Between the listing and the reading the file became a pipe: opened without blocking,
    # refused by what the open file is.
    with tally("import articles"):
        path = tmp_path / "a.txt"
        path.write_text(ARTICLE, encoding="utf-8")
        (found,) = sources.discover([path])
        path.unlink()
        os.mkfifo(path)
        with pytest.raises(sources.SourceError) as caught:
            found.read_bytes()
        assert "a named pipe (FIFO), not a regular file" in str(caught.value)


# --- item 15: zip archives too big together ---------------------------------------------------


def zip_bytes(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def declaring(data: bytes, size: int) -> bytes:
    """The archive with every member's uncompressed size in the central directory set to
    `size`: what a zip bomb declares, without writing gigabytes for the test."""
    patched = bytearray(data)
    at = patched.find(b"PK\x01\x02")
    while at != -1:
        patched[at + 24 : at + 28] = size.to_bytes(4, "little")
        at = patched.find(b"PK\x01\x02", at + 4)
    return bytes(patched)


def test_eleven_members_of_95_mib_are_refused_through_the_command(
    project: Path, tmp_path: Path
) -> None:
    # The tester's archive: 11 members just under the limit for one, 1.1 GB together.
    with tally("import articles .zip"):
        members = [(f"{i}.txt", f"{i} {ARTICLE}".encode()) for i in range(11)]
        path = tmp_path / "bomb.zip"
        path.write_bytes(declaring(zip_bytes(members), 95 * 2**20))
        before = digest(project)
        outcome = run_main(["import", "--db", project, path])
        assert_refused(
            outcome, str(path), "zip archive too large (1045 MB", database=project, before=before
        )


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Limits a thousandth of the real ones, so real archives cross them in a test."""
    monkeypatch.setattr(sources, "MAX_ZIP_MEMBER_BYTES", 100_000)
    monkeypatch.setattr(sources, "MAX_ZIP_TOTAL_BYTES", 250_000)
    monkeypatch.setattr(sources, "MAX_ZIP_MEMBERS", 10)
    yield


def article_members(count: int, size: int, start: int = 0) -> list[tuple[str, bytes]]:
    return [
        (
            f"{i}.txt",
            (f"{i} " + ARTICLE * (size // 100 + 1))
            .encode()[:size]
            .decode(errors="ignore")
            .encode(),
        )
        for i in range(start, start + count)
    ]


ZIPS: dict[str, tuple[list[list[tuple[str, bytes]]], int, str]] = {
    # name: (archives, which archive is refused, what the message says)
    "three members of 90 kB": ([article_members(3, 90_000)], 0, "zip archive too large"),
    "eleven members": ([article_members(11, 100)], 0, "too many files in zip archives (11"),
    "two archives together": (
        [article_members(2, 90_000), article_members(2, 90_000, start=2)],
        1,
        "with the archives listed before it",
    ),
    "many archives of few members": (
        [article_members(4, 100, start=4 * i) for i in range(3)],
        2,
        "too many files in zip archives (12 article files with the archives listed before it",
    ),
}


@pytest.mark.usefixtures("small_limits")
@pytest.mark.parametrize("case", sorted(ZIPS))
@pytest.mark.parametrize("skip_bad", [False, True])
def test_zip_archives_over_the_limits_of_one_import(
    case: str, skip_bad: bool, project: Path, tmp_path: Path
) -> None:
    archives, refused, message = ZIPS[case]
    with tally("import articles .zip"):
        paths = []
        for number, members in enumerate(archives):
            path = tmp_path / f"archive{number}.zip"
            path.write_bytes(zip_bytes(members))
            paths.append(path)
        before = digest(project)
        report = import_in_process(project, *paths, skip_bad=skip_bad)
        errors = report.skipped if skip_bad else report.failed
        assert [error.name for error in errors] == [str(paths[refused])]
        assert message in str(errors[0])
        if skip_bad:  # the archives before it are imported
            assert report.ok and report.imported == sum(len(a) for a in archives[:refused])
        else:
            assert report.imported == 0 and digest(project) == before


@pytest.mark.usefixtures("small_limits")
def test_zip_bytes_are_counted_while_read_too(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The declared sizes pass; the bytes read are counted against the same limit (declared
    # sizes can lie), here with the limit lowered between listing and reading.
    with tally("import articles .zip"):
        path = tmp_path / "a.zip"
        path.write_bytes(zip_bytes(article_members(2, 50_000)))
        found = sources.discover([path])
        monkeypatch.setattr(sources, "MAX_ZIP_TOTAL_BYTES", 60_000)
        found[0].read_bytes()
        with pytest.raises(sources.SourceError) as caught:
            found[1].read_bytes()
        assert caught.value.name == f"{path}!1.txt"
        assert "more than they declare" in str(caught.value)


# --- items 16 and 17: encodings ---------------------------------------------------------------

UTF8_LINE = ARTICLE.encode("utf-8")
CP1256_LINE = OTHER.encode("cp1256")

DECODING: dict[str, tuple[str, bytes, str | None, str | None]] = {
    # name: (file name, bytes, refused with, or the text stored)
    "utf-8 then windows-1256": (
        "mixed.txt",
        UTF8_LINE + b"\n" + CP1256_LINE + b"\n",
        "mixed.txt, line 2: not UTF-8 like line 1 (Windows-1256?): the file mixes two encodings",
        None,
    ),
    "windows-1256 mostly, one utf-8 line": (
        "mixed2.txt",
        CP1256_LINE + b"\n" + CP1256_LINE + b"\n" + UTF8_LINE + b"\n" + CP1256_LINE,
        "mixed2.txt, line 1: not UTF-8 like line 3",
        None,
    ),
    "mixed json lines": (
        "mixed.jsonl",
        json.dumps({"text": ARTICLE}, ensure_ascii=False).encode()
        + b"\n"
        + json.dumps({"text": OTHER}, ensure_ascii=False).encode("cp1256"),
        "mixed.jsonl, line 2: not UTF-8 like line 1",
        None,
    ),
    "utf-16-le without bom": ("le.txt", ARTICLE.encode("utf-16-le"), None, ARTICLE),
    "utf-16-be without bom": ("be.txt", ARTICLE.encode("utf-16-be"), None, ARTICLE),
    "utf-16-le json without bom": (
        "le.json",
        json.dumps({"text": ARTICLE}, ensure_ascii=False).encode("utf-16-le"),
        None,
        ARTICLE,
    ),
    "utf-16-le without bom, cut in a character": (
        "cut.txt",
        ARTICLE.encode("utf-16-le")[:-1],
        "cut.txt: UTF-16 without a byte-order mark, damaged (truncated data)",
        None,
    ),
    "windows-1256 alone still imports": ("win.txt", CP1256_LINE, None, OTHER),
}


@pytest.mark.parametrize("case", sorted(DECODING))
def test_encodings(case: str, project: Path, tmp_path: Path) -> None:
    name, data, refused, stored = DECODING[case]
    with tally("import articles .txt" if name.endswith(".txt") else "import articles .json"):
        path = tmp_path / name
        path.write_bytes(data)
        before, known = digest(project), texts(project)
        report = import_in_process(project, path)
        if refused is not None:
            assert [str(error) for error in report.failed] == [
                str(error) for error in report.failed if str(error).startswith(str(path))
            ]
            assert refused in messages(report)
            assert digest(project) == before
        else:
            assert report.ok and report.imported == 1, messages(report)
            assert texts(project) == known | {stored}


def test_mixed_encodings_through_the_command(project: Path, tmp_path: Path) -> None:
    with tally("import articles .txt"):
        path = tmp_path / "mixed.txt"
        path.write_bytes(DECODING["utf-8 then windows-1256"][1])
        before = digest(project)
        outcome = run_main(["import", "--db", project, path])
        assert_refused(
            outcome, f"{path}, line 2", "mixes two encodings", database=project, before=before
        )


# --- item 16: control characters in names, titles, ids ----------------------------------------

ESCAPES = "\x1b[2J\x1b]0;owned\x07\x1b[31m"


def test_control_characters_never_stored_in_short_fields(project: Path, tmp_path: Path) -> None:
    with tally("import articles .json"):
        path = tmp_path / f"news{ESCAPES}.jsonl"
        records = [
            {
                "id": "a\x00b\x1b[1m",
                "title": f"{ESCAPES}خبر\x00 عاجل\r\n",
                "text": ARTICLE,
                "source": "sana\x07",
                "url": "http://x/\x1b[0m",
            },
        ]
        path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
        report = import_in_process(project, path)
        assert report.ok and report.imported == 1
        with sqlite3.connect(project) as connection:
            row = connection.execute(
                "SELECT title, external_id, source, url, imported_from FROM documents"
                " WHERE text = ?",
                [ARTICLE],
            ).fetchone()
        assert row[:4] == ("خبر عاجل", "ab", "sana", "http://x/")
        assert row[4] == f"{tmp_path}/news\\x1b[2J\\x1b]0;owned\\x07\\x1b[31m.jsonl line 1"


def test_txt_file_name_with_escapes_gives_a_clean_title(project: Path, tmp_path: Path) -> None:
    with tally("import articles .txt"):
        path = tmp_path / f"{ESCAPES}بيان\x01.txt"
        path.write_text(ARTICLE, encoding="utf-8")
        report = import_in_process(project, path)
        assert report.ok and report.imported == 1
        with sqlite3.connect(project) as connection:
            title, external_id = connection.execute(
                "SELECT title, external_id FROM documents WHERE text = ?", [ARTICLE]
            ).fetchone()
        assert (title, external_id) == ("بيان", "بيان")


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        (f"bad{ESCAPES}.json", b'{"text": ', "malformed JSON"),
        ("keys.json", json.dumps({f"x{ESCAPES}": 1}).encode(), "has no text field"),
        (f"image{ESCAPES}.txt", b"\x00\x01\x02\x03" * 50, "binary file"),
    ],
)
def test_messages_escape_control_characters(
    name: str, data: bytes, said: str, project: Path, tmp_path: Path
) -> None:
    with tally("import articles"):
        path = tmp_path / name
        path.write_bytes(data)
        before = digest(project)
        outcome = run_main(["import", "--db", project, path])
        assert_refused(outcome, said, "\\x1b[", database=project, before=before)
        assert "\x1b" not in outcome.said and "\x07" not in outcome.said


# --- item 17: zip members of one name ---------------------------------------------------------


def duplicate_zip(second: bytes) -> bytes:
    buffer = io.BytesIO()
    with pytest.warns(UserWarning, match="Duplicate name"), zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", ARTICLE.encode())
        archive.writestr("a.txt", second)
    return buffer.getvalue()


@pytest.mark.parametrize(("second", "imported", "duplicates"), [(OTHER, 2, 0), (ARTICLE, 1, 1)])
def test_zip_members_of_one_name_are_both_read_and_counted(
    second: str, imported: int, duplicates: int, project: Path, tmp_path: Path
) -> None:
    with tally("import articles .zip"):
        path = tmp_path / "twice.zip"
        path.write_bytes(duplicate_zip(second.encode()))
        report = import_in_process(project, path)
        assert report.ok
        assert (report.imported, report.duplicates) == (imported, duplicates)
        (note,) = report.notes
        assert str(note) == (
            f"{path}!a.txt: the archive holds 2 members of this name; copy 2 is read as"
            f' "{path}!a.txt (copy 2)"'
        )


def test_zip_members_of_one_name_through_the_command(project: Path, tmp_path: Path) -> None:
    with tally("import articles .zip"):
        path = tmp_path / "twice.zip"
        path.write_bytes(duplicate_zip(OTHER.encode()))
        outcome = run_main(["import", "--db", project, path])
        assert outcome.status == 0, outcome.said
        assert f"note: {path}!a.txt: the archive holds 2 members" in outcome.err
        assert "imported 2" in outcome.out


# --- item 11 (article side): fields over the store's limits are refused by record ------------


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("title", "خ" * 1001, "record 2: the title is 1,001 characters long (at most 1000)"),
        ("id", "7" * 2001, "record 2: the id is 2,001 characters long (at most 2000)"),
        ("source", "s" * 5000, "record 2: the source is 5,000 characters long (at most 2000)"),
        (
            "url",
            "http://" + "x" * 2000,
            "record 2: the url is 2,007 characters long (at most 2000)",
        ),
    ],
)
def test_fields_over_the_limits_are_refused_naming_the_record(
    field: str, value: str, said: str, project: Path, tmp_path: Path
) -> None:
    with tally("import articles .json"):
        path = tmp_path / "long.json"
        records = [{"text": ARTICLE}, {"text": OTHER, field: value}]
        path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
        before = digest(project)
        report = import_in_process(project, path)
        assert [str(error) for error in report.failed] == [f"{path}: {said}"]
        assert report.imported == 0 and digest(project) == before
