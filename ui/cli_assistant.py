"""Terminal command running the assistant: `suggest` stores its suggestions as a layer.

Part of the terminal interface (ui/cli.py registers it); never imports Qt.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import TextIO

from annotation.assistant.pending import ASSISTANT
from annotation.model import DocumentId
from db.store import SqliteStore

COMMANDS = ("suggest",)


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add `suggest` to the terminal commands."""
    suggest = commands.add_parser(
        "suggest",
        parents=[common],
        help="let the assistant suggest locations, speakers, claims and their links",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Runs the assistant over the documents (all, or --documents) and stores\n"
        "what it finds as the layer of --annotator (default: assistant), replacing that\n"
        "layer's earlier suggestions on those documents (a transaction every 100 documents;\n"
        "suggestions an annotator rejected are not made again). In the\n"
        "window, each annotator sees the assistant's layer as suggestions to accept (Enter)\n"
        "or reject (Backspace); as a layer it can be exported, compared and scored.",
        epilog="examples:\n  python main.py suggest\n"
        "  python main.py suggest --documents 1,2,3 --annotator assistant-v2 --json",
    )
    suggest.add_argument(
        "--documents", metavar="IDS", help="only these documents (a comma list of ids)"
    )
    suggest.add_argument(
        "--annotator",
        default=ASSISTANT,
        metavar="NAME",
        help=f"the layer to store the suggestions in (default: {ASSISTANT})",
    )
    suggest.add_argument("--json", action="store_true", help="print the counts as JSON")


def run(store: SqliteStore, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run `suggest`; return the exit status."""
    try:
        ids = (
            [DocumentId(int(i)) for i in args.documents.split(",")]
            if args.documents
            else [s.id for s in store.document_summaries()]
        )
    except ValueError:
        print(f"error: --documents takes ids like 1,2,3, not {args.documents!r}", file=err)
        return 2
    started = time.perf_counter()
    # Imported here: the gazetteer and the reporting rules load only for this command.
    from annotation.assistant.suggest import Assistant

    assistant = Assistant.load()
    counts = {"documents": 0, "spans": 0, "links": 0}
    labels: dict[str, int] = {}

    def report(done: int, total: int) -> bool:
        if not args.json and done and done % 500 == 0:
            print(f"{done} of {total} documents…", file=sys.stderr)
        return True

    for _document, found in assistant.store_many(store, ids, args.annotator, report):
        counts["documents"] += 1
        counts["spans"] += len(found.spans)
        counts["links"] += len(found.links)
        for span in found.spans:
            labels[span.label] = labels.get(span.label, 0) + 1
    seconds = time.perf_counter() - started
    if args.json:
        json.dump({**counts, "labels": labels, "seconds": round(seconds, 2)}, out)
        out.write("\n")
    else:
        by_label = ", ".join(f"{n} {label}" for label, n in sorted(labels.items()))
        print(
            f"{counts['documents']} documents: {counts['spans']} suggestions ({by_label}),"
            f" {counts['links']} links, in layer {args.annotator!r} ({seconds:.1f} s)",
            file=out,
        )
    return 0
