"""Terminal commands for a manager's assignments: `assign` (by hand, or N annotators per
document spread evenly) and `assignments` (who has what, and how far each has got).

Part of the terminal interface (ui/cli/program.py registers them); never imports Qt. The
spread is annotation/assignment.py's; this module checks the arguments and prints.
"""

from __future__ import annotations

import argparse
import getpass
import json
from typing import Any, TextIO

from annotation.assignment import SpreadError, assign_spread, parse_documents, progress
from annotation.model import DocumentId
from annotation.ports import NotFoundError, Store

COMMANDS = ("assign", "assignments")


def document_ranges(text: str) -> list[DocumentId]:
    """`1,3,5-9` as the ids it names (annotation.assignment.parse_documents), for argparse."""
    try:
        return parse_documents(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _names(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    if not names:
        raise argparse.ArgumentTypeError("no annotator names given")
    return names


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add `assign` and `assignments` to the terminal commands."""
    assign = commands.add_parser(
        "assign",
        parents=[common],
        help="give documents to annotators, by hand or N per document spread evenly",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Gives documents to annotators: each --to NAME gets every document of\n"
        "--documents; or --spread N gives each document (every one, or those of --documents)\n"
        "to N of --annotators, sharing the work evenly with what each already has. All of it\n"
        "is one transaction: an unknown document id assigns nothing. An annotator's document\n"
        "list shows their assignments first.",
        epilog="examples:\n  python main.py assign --to amal --to omar --documents 1,3,5-9\n"
        "  python main.py assign --spread 2 --annotators amal,omar,sara\n"
        "  python main.py assign --remove --to amal --documents 3",
    )
    who = assign.add_mutually_exclusive_group(required=True)
    who.add_argument("--to", action="append", metavar="NAME", help="an annotator to assign")
    who.add_argument(
        "--spread", type=int, metavar="N", help="give each document to N of --annotators"
    )
    assign.add_argument("--annotators", type=_names, metavar="A,B,C", help="who --spread uses")
    assign.add_argument(
        "--documents", type=document_ranges, metavar="IDS", help="ids and ranges: 1,3,5-9"
    )
    assign.add_argument(
        "--remove", action="store_true", help="take the documents back from --to instead"
    )
    assign.add_argument(
        "--by",
        default=None,
        metavar="NAME",
        help="who assigns (default: your server login, or your login name)",
    )

    listing = commands.add_parser(
        "assignments",
        parents=[common],
        help="who has which documents, and how far each annotator has got",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Each annotator's assigned documents with their progress (not started,\n"
        "in progress, done), then one line per assignment: document, annotator, assigned by.",
        epilog="example:\n  python main.py assignments --annotator amal",
    )
    listing.add_argument("--annotator", metavar="NAME", help="only this annotator's")
    listing.add_argument("--json", action="store_true", help="print them as JSON")


def run(store: Store, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run `assign` or `assignments`; return the exit status (2 for arguments that cannot
    work together)."""
    if args.command == "assignments":
        return _list(store, args, out)
    if args.command != "assign":
        raise AssertionError(args.command)
    try:
        return _assign(store, args, out, err)
    except (NotFoundError, SpreadError) as error:
        # Said plainly (a KeyError's str() would quote it); nothing was assigned.
        print(f"error: {error.args[0]}", file=err)
        return 2


def _assign(store: Store, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    # On a team server the member connected is who assigns (their login, not the
    # workstation's user, who may be root); on a file, the workstation's user.
    by = args.by or store.member or getpass.getuser()
    if args.spread is not None:
        if not args.annotators:
            print("error: --spread N needs --annotators A,B,C", file=err)
            return 2
        if args.remove:
            print("error: --remove takes documents back from --to, not from a spread", file=err)
            return 2
        ids = args.documents or [summary.id for summary in store.document_summaries()]
        plan = assign_spread(store, ids, args.annotators, args.spread, by)
        print(
            f"spread {len(ids)} documents, {args.spread} annotators each:"
            f" {sum(map(len, plan.values()))} new assignments",
            file=out,
        )
        for name in args.annotators:
            print(f"  {name}: {len(plan.get(name, []))} new", file=out)
        return 0
    if args.annotators:
        print("error: --annotators goes with --spread; by hand, name each with --to", file=err)
        return 2
    if not args.documents:
        print("error: --to NAME needs --documents IDS (like 1,3,5-9)", file=err)
        return 2
    names = list(dict.fromkeys(args.to))
    if args.remove:
        taken = store.unassign(args.documents, names)
        print(f"took back {_counted(taken, 'assignment')} from {', '.join(names)}", file=out)
        return 0
    added = store.assign(args.documents, names, by)
    print(
        f"assigned {_counted(len(args.documents), 'document')} to {', '.join(names)}:"
        f" {_counted(added, 'new assignment')}",
        file=out,
    )
    return 0


def _counted(count: int, thing: str) -> str:
    return f"{count} {thing}{'' if count == 1 else 's'}"


def _list(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    given = store.assignments(args.annotator)
    names = sorted({assignment.annotator for assignment in given})
    rows = progress(given, store.recorded_statuses(names) if names else [])
    if args.json:
        data: dict[str, Any] = {
            "progress": [
                {
                    "annotator": row.annotator,
                    "assigned": row.assigned,
                    "not_started": row.not_started,
                    "in_progress": row.in_progress,
                    "done": row.done,
                }
                for row in rows
            ],
            "assignments": [
                {
                    "document": int(a.document_id),
                    "annotator": a.annotator,
                    "assigned_by": a.assigned_by,
                    "assigned_at": a.assigned_at.isoformat() if a.assigned_at else None,
                }
                for a in given
            ],
        }
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    if not given:
        print("no assignments" + (f" for {args.annotator}" if args.annotator else ""), file=out)
        return 0
    for row in rows:
        print(
            f"{row.annotator}: {row.assigned} assigned, {row.not_started} not started,"
            f" {row.in_progress} in progress, {row.done} done",
            file=out,
        )
    print(file=out)
    for a in given:
        print(f"{a.document_id:>6}  {a.annotator}  by {a.assigned_by}", file=out)
    return 0
