"""Terminal commands that move annotations between Hamish and other tools: `export`, and
`import --format` (article import is `import` without --format). Never imports Qt."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from annotation.exchange.bundle import ExportOptions, FormatError
from annotation.exchange.formats import FORMATS
from annotation.exchange.selection import select
from annotation.exchange.transfer import import_bundle
from annotation.model import DocumentId, Status
from annotation.offsets import OffsetError
from annotation.ports import Store, StoreError

COMMANDS = ("export",)


def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Register `export`."""
    export = commands.add_parser(
        "export",
        parents=[common],
        help="write annotations in a format other tools read (json)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Formats:\n"
        + "\n".join(f"  {f.name:<12}{f.description}" for f in FORMATS.values()),
        epilog="example:\n  python main.py export --format json --out team.json --annotator amal --status done",
    )
    export.add_argument(
        "--format", required=True, choices=sorted(FORMATS), help="the format to write"
    )
    export.add_argument("--out", type=Path, required=True, metavar="PATH", help="the file to write")
    export.add_argument(
        "--annotator", action="append", metavar="NAME", help="whose layer (repeatable; default all)"
    )
    export.add_argument(
        "--documents", metavar="IDS", help="comma-separated document ids (default all)"
    )
    export.add_argument(
        "--status", choices=[s.value for s in Status], help="only documents at this status"
    )
    export.add_argument(
        "--utf16",
        action="store_true",
        help="offsets in UTF-16 units, for tools that count them (not Label Studio 1.23.2,"
        " which counts code points: the default)",
    )
    export.add_argument(
        "--predictions",
        metavar="LAYER",
        help="labelstudio: write LAYER (e.g. assistant) as predictions, a model's"
        " suggestions to review there, rather than as an annotation",
    )
    export.add_argument("--json", action="store_true", help="print a summary as JSON")


def add_import_options(importer: argparse.ArgumentParser) -> None:
    """`import --format NAME --annotator NAME`: annotations from another tool or workstation."""
    readable = sorted(name for name, f in FORMATS.items() if f.read is not None)
    importer.add_argument(
        "--format",
        choices=["articles", *readable],
        default="articles",
        help="articles (default): plain articles; or a format of annotations to import",
    )
    importer.add_argument(
        "--annotator", metavar="NAME", help="put the imported layers under this name"
    )
    importer.add_argument(
        "--replace",
        action="store_true",
        help="replace layers that changed since they were last imported (without it such an"
        " import is refused, naming them)",
    )
    importer.add_argument(
        "--protect",
        action="append",
        default=[],
        metavar="NAME",
        help="never change NAME's layers (yours): the package's copies of them are left out"
        " (repeatable)",
    )
    importer.add_argument(
        "--outside-tagset",
        action="store_true",
        help="keep labels and link kinds the tag set lacks (without it such an import is"
        " refused, naming them)",
    )


# A project with thousands of skipped tasks must not bury the summary in its notes.
NOTES_SHOWN = 50


def run(store: Store, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run `export`."""
    try:
        documents = (
            [DocumentId(int(i)) for i in args.documents.split(",")] if args.documents else None
        )
    except ValueError:
        print(f"error: --documents takes ids like 1,2,3, not {args.documents!r}", file=err)
        return 2
    if args.predictions is not None:
        problem = _predictions_problem(store, args)
        if problem:
            print(f"error: {problem}", file=err)
            return 2
    options = ExportOptions(utf16=args.utf16, predictions=args.predictions)
    with store.reading():  # one state of the database, however long the export takes
        selection = select(
            store, args.annotator, documents, Status(args.status) if args.status else None
        )
        FORMATS[args.format].write(selection, args.out, options)
    tally = selection.tally
    summary = {"documents": tally.documents, "spans": tally.spans, "links": tally.links}
    beside = [str(path) for path in FORMATS[args.format].companions(args.out)]
    if args.json:
        json.dump({"out": str(args.out), "beside": beside, **summary}, out, ensure_ascii=False)
        out.write("\n")
    else:
        print(
            f"wrote {args.out}"
            + "".join(f" (and {path} beside it)" for path in beside)
            + f": {summary['documents']} documents, {summary['spans']} spans,"
            f" {summary['links']} links",
            file=out,
        )
    return 0


def _predictions_problem(store: Store, args: argparse.Namespace) -> str | None:
    """Why `--predictions` cannot be done as asked, or None."""
    if args.format != "labelstudio":
        return "--predictions is for --format labelstudio (predictions are Label Studio's)"
    if args.predictions not in store.annotator_names():
        return f"--predictions {args.predictions}: there is no layer of that name"
    if args.annotator and args.predictions not in args.annotator:
        return (
            f"--predictions {args.predictions}: that layer is not exported"
            f" (add --annotator {args.predictions})"
        )
    return None


def import_annotations(store: Store, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run `import --format NAME`: all or nothing."""
    reader = FORMATS[args.format].read
    assert reader is not None
    try:
        bundle = reader(args.paths)
        report = import_bundle(
            store,
            bundle,
            ", ".join(str(p) for p in args.paths),
            args.annotator,
            replace_changed=args.replace,
            protect=args.protect,
            outside_tagset=args.outside_tagset,
        )
    except (FormatError, OffsetError, StoreError) as error:
        print(f"error: {error}", file=err)
        print("nothing was imported", file=err)
        return 1
    if args.json:
        json.dump(report.as_dict(), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        print(
            ", ".join(f"{key.replace('_', ' ')} {value}" for key, value in report.counts().items()),
            file=out,
        )
        for note in report.notes[:NOTES_SHOWN]:
            print(f"note: {note}", file=out)
        if len(report.notes) > NOTES_SHOWN:
            more = len(report.notes) - NOTES_SHOWN
            print(f"note: ... and {more:,} more (--json lists every note)", file=out)
    return 0
