"""Terminal commands that look after the database: `backup` and `check`.

Part of the terminal interface (ui/cli/program.py registers them); never imports Qt. Both take the
database path rather than an open store: `backup` copies the file as it is, without upgrading
it, and neither creates a database that is not there. `check` also reads a team server's
project; `backup` leaves that to pg_dump.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from annotation.ports import StoreError
from db import maintenance
from db.opening import Server, open_store

COMMANDS = ("backup", "check")


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add `backup` and `check` to the terminal commands."""
    backup = commands.add_parser(
        "backup",
        parents=[common],
        help="copy the database to a file, safely, even while Hamish is open",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Write a consistent copy of the database with SQLite's online backup, while\n"
        "windows may be annotating. The copy is one self-contained file; the database itself\n"
        "is not upgraded. An existing FILE is kept unless --force.",
        epilog="example:\n  python main.py backup --out hamish-2024-05-01.sqlite3",
    )
    backup.add_argument("--out", type=Path, required=True, metavar="FILE", help="the copy to write")
    backup.add_argument("--force", action="store_true", help="replace FILE if it exists")

    check = commands.add_parser(
        "check",
        parents=[common],
        help="check the database (a file or a team project): texts, offsets, values",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Report every problem, one a line: SQLite's integrity and foreign-key checks,\n"
        "the schema, each document's SHA-256 against its text, each span's offsets against\n"
        "the text it covers, links across documents or layers, references to missing\n"
        "documents, spans and entities. The exit status is 0 only when all holds.\n"
        "On a team project (--db postgresql://...) the same checks of texts, offsets, links\n"
        "and values run, and each document's search words against its text; the server\n"
        "looks after its own pages and references.",
        epilog="example:\n  python main.py check\n  python main.py check --json --db project.sqlite3"
        "\n  python main.py check --db postgresql://amal@server/project",
    )
    check.add_argument("--json", action="store_true", help="print the problems as a JSON list")


def run(
    path: Path | Server, args: argparse.Namespace, out: TextIO, err: TextIO = sys.stderr
) -> int:
    """Run `backup` or `check` on the database at `path`; return the exit status."""
    if isinstance(path, Server):
        if args.command == "check":
            return _check(path, args, out, err)
        print(
            f"error: backup works on a database file; a team server's project {path} is"
            " backed up with pg_dump (README: Working as a team)",
            file=err,
        )
        return 2
    if not path.is_file():
        print(f"error: there is no database {path}", file=err)
        return 2
    if args.command == "backup":
        return _backup(path, args, out, err)
    if args.command == "check":
        return _check(path, args, out, err)
    raise AssertionError(args.command)


def _backup(path: Path, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        written = maintenance.backup(path, args.out, overwrite=args.force)
    except FileExistsError as error:
        print(f"error: {error}", file=err)
        return 2
    except (StoreError, OSError) as error:
        print(f"error: {error}", file=err)
        return 1
    print(f"wrote {written} ({written.stat().st_size:,} bytes) from {path}", file=out)
    return 0


def _check(path: Path | Server, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        store = open_store(path)
    except Exception as error:  # a damaged file fails in many ways (sqlite3, a newer schema)
        print(f"error: cannot open {path}: {error}", file=err)
        return 1
    try:
        problems = maintenance.check(store)
        documents = 0 if problems else store.document_count()
    finally:
        store.close()
    if args.json:
        json.dump([p.as_dict() for p in problems], out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for problem in problems:
            print(problem, file=out)
    summary = (
        f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found in {path}"
        if problems
        else f"no problems in {path} ({documents} documents)"
    )
    # With --json the summary goes to stderr, so stdout stays one JSON value.
    print(summary, file=err if args.json else out)
    return 1 if problems else 0
