"""The terminal interface: `python main.py COMMAND`, a thin layer over the annotation library.

Never imports Qt, so terminal commands start fast and work on machines without a display.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import TextIO

from annotation.exchange.formats import FORMATS
from annotation.importing import ImportOptions, ImportProgress, ImportReport, import_articles
from annotation.model import DocumentId, Status
from annotation.ports import NotFoundError, Store
from annotation.tagset import load_tagset
from db.location import (
    ENVIRONMENT_VARIABLE,
    check_database_exists,
    check_output,
    default_database_path,
)
from db.opening import PasswordNeeded, open_store, resolve_database
from db.postgres.address import remember_password
from ui.cli import assignment as cli_assignment
from ui.cli import assistant as cli_assistant
from ui.cli import attribution as cli_attribution
from ui.cli import copying as cli_copying
from ui.cli import exchange as cli_exchange
from ui.cli import maintenance as cli_maintenance
from ui.cli import review as cli_review
from ui.cli import search as cli_search
from ui.cli import team as cli_team
from ui.cli.errors import exit_status, explain, printable

DESCRIPTION = f"""\
Hamish: annotate who said what, and where, in Arabic news.

Without a command, opens the window. The database is --db PATH, else ${ENVIRONMENT_VARIABLE},
else {default_database_path()}."""


def build_parser() -> argparse.ArgumentParser:
    """The parser for `main.py` and all its commands."""
    # `--db` may come before the command or after it. The command's own option has a dest of
    # its own: with one dest, the command's default (None) overwrote a --db given before it,
    # and `python main.py --db X import F` imported into the per-user database.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", dest="command_db", action="append", metavar="PATH", help="the database file to use"
    )
    parser = argparse.ArgumentParser(
        prog=program_name(),
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--db", action="append", metavar="PATH", help="the database file to use")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    importer = commands.add_parser(
        "import",
        parents=[common],
        help="import articles from files, folders and zip archives",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Import articles: .txt (one article each), .json (arrays of article objects),\n"
        ".jsonl, folders (recursively) and .zip archives of these. Duplicate and empty texts\n"
        "are skipped and counted. The whole import is one transaction: a bad file refuses it\n"
        "unless --skip-bad.",
        epilog="example:\n  python main.py import ../shared/corpus/saudinewsnet/2015-07-21.zip --skip-bad",
    )
    importer.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    importer.add_argument(
        "--skip-bad",
        action="store_true",
        help="skip a bad file (binary, undecodable, malformed) and go on",
    )
    importer.add_argument(
        "--strip-boilerplate",
        action="store_true",
        help="remove agency footers matched by assets/boilerplate.json",
    )
    importer.add_argument("--json", action="store_true", help="print the report as JSON")
    cli_exchange.add_import_options(importer)

    stats = commands.add_parser(
        "stats",
        parents=[common],
        help="count documents, characters, spans, links and entities",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example:\n  python main.py stats --json",
    )
    stats.add_argument("--json", action="store_true", help="print the counts as JSON")

    documents = commands.add_parser(
        "documents",
        parents=[common],
        help="list documents with their status per annotator",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example:\n  python main.py documents --db project.sqlite3",
    )
    documents.add_argument("--json", action="store_true", help="print the list as JSON")

    cli_attribution.add_commands(commands, common)
    cli_review.add_commands(commands, common)
    cli_assistant.add_commands(commands, common)
    cli_maintenance.add_commands(commands, common)
    cli_exchange.add_commands(commands, common)
    cli_search.add_commands(commands, common)
    cli_assignment.add_commands(commands, common)
    cli_team.add_commands(commands, common)
    cli_copying.add_commands(commands)

    render = commands.add_parser(
        "render",
        parents=[common],
        help="draw an article with one annotator's spans into a PNG (offscreen)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example:\n  python main.py render --doc 3 --annotator amal --out sana.png --width 1000",
    )
    render.add_argument("--doc", type=int, required=True, metavar="ID", help="the document's id")
    render.add_argument(
        "--annotator",
        default=None,
        metavar="NAME",
        help="whose spans to draw (default: the only annotator, if there is one)",
    )
    render.add_argument(
        "--out", type=Path, required=True, metavar="FILE.png", help="the image to write"
    )
    render.add_argument(
        "--width",
        type=_width,
        default=900,
        metavar="PX",
        help=f"the image width, {MIN_WIDTH} to {MAX_WIDTH} (default 900)",
    )
    render.add_argument("--no-tags", action="store_true", help="leave out the small label tags")
    return parser


# A narrower image has no room for a line of Arabic; a wider one is a poster, not a page.
MIN_WIDTH, MAX_WIDTH = 200, 8000


def _width(value: str) -> int:
    try:
        width = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of pixels") from None
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        raise argparse.ArgumentTypeError(f"{width} is not between {MIN_WIDTH} and {MAX_WIDTH}")
    return width


def run(args: argparse.Namespace, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run a parsed command; return the exit status.

    A command never ends in a traceback: what goes wrong is said in one line naming the file
    or record, with a non-zero status. What nobody foresaw is said too, with the details in
    a log file to report (errors.py). Nothing printed carries raw control characters: a
    title or a file name could otherwise move the cursor or recolour the terminal."""
    out, err = printable(out), printable(err)
    try:
        # What libraries print or warn goes through the same guard, in one line: matplotlib
        # warned about a missing glyph with the raw escape character in its message.
        with redirect_stdout(out), redirect_stderr(err), warnings.catch_warnings():
            warnings.showwarning = _one_line_warning(err)
            for _ in range(PASSWORD_TRIES):
                try:
                    return _run(args, out, err)
                except PasswordNeeded as needed:
                    if not _ask_server_password(needed, err):
                        raise
            return _run(args, out, err)  # the last try says why it failed
    except BrokenPipeError:
        raise  # main.py: the reader of our output left, which is no error
    except KeyboardInterrupt:
        print("interrupted: what was being written is left out whole", file=err)
        return 130
    except Exception as error:  # the one place every failure is put in words
        print(f"error: {explain(error, args)}", file=err)
        return exit_status(error)


def _ask_server_password(needed: PasswordNeeded, err: TextIO) -> bool:
    """Ask at the terminal for the password a team server wants, kept in memory for this
    command only and for that URL alone (a copy names two servers); False where nobody can
    type one. The prompt is the server's request, naming the login ("postgresql://mona@host/
    news asks for mona's password: "), so a command that asks twice says which is which."""
    if not sys.stdin.isatty():
        return False
    remember_password(needed.url, getpass.getpass(f"{needed}: ", stream=err))
    return True


# A wrong password is asked for again, twice; a copy between two servers asks for each.
PASSWORD_TRIES = 4


def _one_line_warning(err: TextIO) -> Callable[..., None]:
    def show(message: Warning | str, *_details: object, **_more: object) -> None:
        print(f"warning: {message}", file=err)

    return show


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.command in cli_team.COMMANDS:  # a server's URL, never the default file
        return cli_team.run(args, out, err)
    if args.command in cli_copying.COMMANDS:  # names its two databases itself, not --db
        return cli_copying.run(args, out, err)
    where = resolve_database(args.db)
    path = where if isinstance(where, Path) else None  # None: a team server's project
    if args.command != "import" and path is not None:
        check_database_exists(path)
    destination: Path | None = getattr(args, "out", None)
    if destination is not None and args.command == "export":
        fmt = FORMATS[args.format]
        folder, companions = fmt.writes_folder(destination), fmt.companions(destination)
        check_output(destination, path, folder=folder, companions=companions)
    elif destination is not None:
        check_output(destination, path)
    if args.command in cli_maintenance.COMMANDS:
        return cli_maintenance.run(where, args, out, err)
    store = open_store(where)
    try:
        if args.command == "import" and args.format != "articles":
            return cli_exchange.import_annotations(store, args, out, err)
        if args.command == "import":
            return _import(store, args, out, err)
        if args.command in cli_exchange.COMMANDS:
            return cli_exchange.run(store, args, out, err)
        if args.command == "stats":
            return _stats(store, args, out)
        if args.command == "documents":
            return _documents(store, args, out)
        if args.command in cli_attribution.COMMANDS:
            return cli_attribution.run(store, args, out)
        if args.command in cli_review.COMMANDS:
            return cli_review.run(store, args, out, err)
        if args.command in cli_search.COMMANDS:
            return cli_search.run(store, args, out, err)
        if args.command in cli_assignment.COMMANDS:
            return cli_assignment.run(store, args, out, err)
        if args.command in cli_assistant.COMMANDS:
            return cli_assistant.run(store, where, args, out, err)
        if args.command == "render":
            return _render(store, args, out, err)
        raise AssertionError(args.command)
    finally:
        store.close()


def program_name() -> str:
    """How the person started Hamish, for usage lines: `hamish` (installed, or the bundle) or
    `python main.py` (a checkout)."""
    return "hamish" if Path(sys.argv[0]).stem == "hamish" else "python main.py"


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line as a namespace; `--db` before or after the command lands in `db`."""
    parser = build_parser()
    given = list(sys.argv[1:] if argv is None else argv)
    # argparse prints its own errors, with what was typed: through the same guard as ours.
    with redirect_stderr(printable(sys.stderr)):
        args = parser.parse_args(given)
        raw_out = _raw_option(given, "--out")
        if raw_out is not None and raw_out.endswith(("/", os.sep, "/.")):
            # Path() drops a trailing slash: `--out new/` would have written a file "new".
            fmt = FORMATS.get(getattr(args, "format", "") or "")
            if args.command != "export" or fmt is None or not fmt.writes_folder(Path(raw_out)):
                parser.error(f"--out {raw_out} names a folder; this command writes one file")
        # --db may be given before the command, after it, or both, naming one database.
        named = [*(args.db or []), *(getattr(args, "command_db", None) or [])]
        if len({os.path.realpath(os.path.expanduser(name)) for name in named}) > 1:
            shown = ", ".join(repr(name) for name in named)
            parser.error(f"--db names different databases ({shown}): give one")
    args.db = named[-1] if named else None
    return args


def _raw_option(argv: Sequence[str], name: str) -> str | None:
    """The text given to option `name` on the command line, as typed."""
    for index, token in enumerate(argv):
        if token == name and index + 1 < len(argv):
            return argv[index + 1]
        if token.startswith(name + "="):
            return token[len(name) + 1 :]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Parse and run a terminal command."""
    return run(parse(argv))


def _import(store: Store, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    options = ImportOptions(skip_bad=args.skip_bad, strip_boilerplate=args.strip_boilerplate)
    bar = _ProgressBar(err) if err.isatty() and not args.json else None
    report = import_articles(store, args.paths, options, bar.update if bar else None)
    if bar:
        bar.finish()
    if args.json:
        json.dump(report.as_dict(), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        _print_report(report, out, err)
    return 0 if report.ok else 1


def _print_report(report: ImportReport, out: TextIO, err: TextIO) -> None:
    for error in report.failed:
        print(f"error: {error}", file=err)
    for error in report.skipped:
        print(f"skipped: {error}", file=err)
    for note in report.notes:
        print(f"note: {note}", file=err)
    if report.failed:
        print("nothing was imported", file=err)
    print(
        f"imported {report.imported}, duplicates {report.duplicates}, empty {report.empty}, "
        f"skipped {len(report.skipped)}, failed {len(report.failed)}",
        file=out,
    )
    if report.encodings:
        encodings = ", ".join(f"{name} {count}" for name, count in sorted(report.encodings.items()))
        print(f"encodings: {encodings}", file=out)
    footers = sum(1 for notes in report.normalised.values() if "boilerplate_removed" in notes)
    if footers:
        print(f"agency footers removed from {footers} documents", file=out)


def _stats(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    stats = store.statistics()
    data = {
        "documents": stats.documents,
        "characters": stats.characters,
        "spans_by_label": stats.spans_by_label,
        "spans_by_annotator": stats.spans_by_annotator,
        "links": stats.links,
        "entities": stats.entities,
    }
    if args.json:
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    rows = [
        ("documents", stats.documents),
        ("characters", stats.characters),
        ("spans", sum(stats.spans_by_label.values())),
        *((f"  {label}", count) for label, count in stats.spans_by_label.items()),
        *((f"  by {name}", count) for name, count in stats.spans_by_annotator.items()),
        ("links", stats.links),
        ("entities", stats.entities),
    ]
    # One column as wide as the longest name plus two spaces: a fixed width ran long
    # annotator names into their counts ("by assistant34519": issue 14, item 23).
    width = max(len(name) for name, _count in rows) + 2
    for name, count in rows:
        print(f"{name:<{width}}{count}", file=out)
    return 0


def _documents(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    summaries = store.document_summaries()
    if args.json:
        data = [
            {
                "id": s.id,
                "title": s.title,
                "characters": s.characters,
                "status": {name: status.value for name, status in s.statuses.items()},
            }
            for s in summaries
        ]
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    for s in summaries:
        statuses = ", ".join(f"{name}: {status.value}" for name, status in s.statuses.items())
        print(f"{s.id}\t{s.title}\t{s.characters}\t{statuses or Status.NEW.value}", file=out)
    return 0


def _render(store: Store, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    annotator = args.annotator
    if annotator is None:
        names = store.annotator_names()
        if len(names) > 1:
            print(f"error: choose an annotator with --annotator ({', '.join(names)})", file=err)
            return 2
        annotator = names[0] if names else ""
    try:
        store.document(DocumentId(args.doc))
    except NotFoundError:
        print(
            f"error: there is no document {args.doc} (python main.py documents lists them)",
            file=err,
        )
        return 2
    # Rendering needs Qt; ui.render imports it only when called.
    from ui.render import render_document

    width, height = render_document(
        store,
        load_tagset(),
        DocumentId(args.doc),
        annotator,
        args.out,
        args.width,
        not args.no_tags,
    )
    print(f"wrote {args.out} ({width}x{height})", file=out)
    return 0


class _ProgressBar:
    """A one-line progress bar for a terminal."""

    WIDTH = 30

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def update(self, progress: ImportProgress) -> bool:
        filled = self.WIDTH * progress.done // max(progress.total, 1)
        name = progress.current[-40:]
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {progress.done}/{progress.total} {name:<40}"
        )
        self.stream.flush()
        return True

    def finish(self) -> None:
        self.stream.write("\n")
