"""Terminal command `copy`: a project moved between engines, a database file and a team
server's project (`python main.py copy --from project.sqlite3 --to postgresql://...`).

Part of the terminal interface (ui/cli/program.py registers it); never imports Qt. The work is
db/copying.py's; this names the two ends, shows progress, and prints the figures.
"""

from __future__ import annotations

import argparse
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import TextIO

from db.copying import CopyProgress, copy_project
from db.location import DatabasePathError, check_database_exists, database_files
from db.opening import Where, open_store, resolve_database

COMMANDS = ("copy",)


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `copy` to the terminal commands."""
    copy = commands.add_parser(
        "copy",
        help="copy a whole project between a database file and a team server",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Copy every document, annotator, entity, span, link, status and decision,\n"
        "with their ids and times, from one project into an empty one: a database file (made\n"
        "if it is not there) or a team server's project (made first with `server init`).\n"
        "All or nothing: a failure or Ctrl+C leaves the target as it was. Each record is\n"
        "checked on the way; `check` on either end says whether all holds.",
        epilog="example:\n  python main.py copy --from project.sqlite3 --to postgresql://amal@server/project"
        "\n  python main.py copy --from postgresql://amal@server/project --to project-copy.sqlite3",
    )
    copy.add_argument(
        "--from",
        dest="source",
        required=True,
        metavar="WHERE",
        help="the project to copy: a database file or a postgresql:// URL",
    )
    copy.add_argument(
        "--to",
        dest="target",
        required=True,
        metavar="WHERE",
        help="the empty project to copy into: a database file or a postgresql:// URL",
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO = sys.stderr) -> int:
    """Run `copy`; return the exit status."""
    if args.db is not None:
        print(
            "error: copy names its two databases with --from and --to; --db is not used",
            file=err,
        )
        return 2
    source, target = _where(args.source, "--from"), _where(args.target, "--to")
    if isinstance(source, Path):
        check_database_exists(source)
    made = isinstance(target, Path) and not target.exists()
    started = time.monotonic()
    try:
        with closing(open_store(source)) as reading, closing(open_store(target)) as writing:
            bar = _ProgressBar(err) if err.isatty() else None
            report = copy_project(reading, writing, bar.update if bar else None)
            if bar:
                bar.finish()
    except BaseException:
        if made and isinstance(target, Path):
            for file in database_files(target):  # the new file held nothing: no trace left
                file.unlink(missing_ok=True)
        raise
    seconds = time.monotonic() - started
    print(f"copied {report} from {source} to {target} in {seconds:.1f} s", file=out)
    return 0


def _where(given: str, option: str) -> Where:
    try:
        return resolve_database(given)
    except DatabasePathError as error:
        raise DatabasePathError(str(error).replace("--db", option, 1)) from None


class _ProgressBar:
    """A one-line progress bar for a terminal."""

    WIDTH = 30

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def update(self, progress: CopyProgress) -> bool:
        filled = self.WIDTH * progress.done // max(progress.total, 1)
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {progress.done:,}/{progress.total:,}"
            f" rows ({progress.table})   "
        )
        self.stream.flush()
        return True

    def finish(self) -> None:
        self.stream.write("\n")
