"""Terminal command running the assistant: `suggest` stores its suggestions as a layer.

Part of the terminal interface (ui/cli/program.py registers it); never imports Qt.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import TextIO

from annotation.assistant.pending import ASSISTANT, hand_made_work
from annotation.model import DocumentId
from annotation.ports import DocumentStore, Store, StoreError
from db.opening import Server
from db.store import BUSY_TIMEOUT_MS

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
        "suggestions an annotator rejected are not made again). Only the assistant's own\n"
        "suggestions are ever replaced: a layer holding a person's work (spans drawn by hand,\n"
        "imported or changed, or a status) is refused unless --into-layer-with-hand-made-work\n"
        "says to add the suggestions beside that work; then nothing in it is removed. In the\n"
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
    suggest.add_argument(
        "--into-layer-with-hand-made-work",
        action="store_true",
        help="store into a layer that holds a person's work: the suggestions are added beside"
        " it, and nothing already in the layer is changed or removed",
    )
    suggest.add_argument("--json", action="store_true", help="print the counts as JSON")


def run(
    store: Store, database: Path | Server, args: argparse.Namespace, out: TextIO, err: TextIO
) -> int:
    """Run `suggest` on the store of the file `database`; return the exit status (2 for
    documents or a layer it refuses, 1 when the database stays busy)."""
    ids = _document_ids(store, database, args.documents, err)
    if ids is None:
        return 2
    work = hand_made_work(store, ids, args.annotator)
    if work and not args.into_layer_with_hand_made_work:
        print(
            f"error: suggest: {work.describe()} (database {database}); nothing was stored."
            f" The assistant keeps its suggestions in their own layer: leave out --annotator"
            f" (layer {ASSISTANT!r}) or name a new one; to add them beside this work, which"
            " stays as it is, add --into-layer-with-hand-made-work",
            file=err,
        )
        return 2
    started = time.perf_counter()
    # Imported here: the gazetteer and the reporting rules load only for this command.
    from annotation.assistant.suggest import CHUNK, Assistant

    assistant = Assistant.load()
    counts = {"documents": 0, "spans": 0, "links": 0}
    labels: dict[str, int] = {}

    def report(done: int, total: int) -> bool:
        if not args.json and done and done % 500 == 0:
            print(f"{done} of {total} documents…", file=sys.stderr)
        return True

    try:
        for _document, found in assistant.store_many(
            store, ids, args.annotator, report, add_only=args.into_layer_with_hand_made_work or None
        ):
            counts["documents"] += 1
            counts["spans"] += len(found.spans)
            counts["links"] += len(found.links)
            for span in found.spans:
                labels[span.label] = labels.get(span.label, 0) + 1
    except StoreError as error:
        # A batch is one transaction: the one in hand rolled back whole, those before stay.
        busy = "busy" in str(error)
        print(
            f"error: suggest: {error} (database {database}"
            + (f", after {BUSY_TIMEOUT_MS / 1000:g} s of waiting" if busy else "")
            + f"). The suggestions are stored {CHUNK} documents to a transaction:"
            f" {counts['documents']} of {len(ids)} documents were stored whole, the others"
            " not at all"
            + ("; run suggest again when the other program is done." if busy else "."),
            file=err,
        )
        return 1
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


def _document_ids(
    store: DocumentStore, database: Path | Server, documents: str | None, err: TextIO
) -> list[DocumentId] | None:
    """The documents to run on: every one, or the --documents named, each checked to exist
    (None, with the reason printed, when one does not)."""
    known = [summary.id for summary in store.document_summaries()]
    if not documents:
        return known
    try:
        ids = [DocumentId(int(i)) for i in documents.split(",")]
    except ValueError:
        print(f"error: --documents takes ids like 1,2,3, not {documents!r}", file=err)
        return None
    stored = set(known)
    missing = [i for i in dict.fromkeys(ids) if i not in stored]
    if missing:
        listed = ", ".join(map(str, missing[:10])) + (", ..." if len(missing) > 10 else "")
        print(
            f"error: suggest: no document {listed} in {database}"
            f" ({len(known)} documents; `python main.py documents` lists their ids);"
            " nothing was stored",
            file=err,
        )
        return None
    return list(dict.fromkeys(ids))
