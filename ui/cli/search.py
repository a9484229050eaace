"""Terminal command `search`: words in the documents' text, or spans by label, annotator,
entity and status.

Part of the terminal interface (ui/cli/program.py registers it); never imports Qt. How words match
(folding, phrases, proclitics, what a hit covers) is annotation/search.py's; this module checks
the arguments and prints. Text stays in logical order, as the other commands print it: plain
terminals cannot lay out right-to-left text.
"""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from annotation.model import Span, Status
from annotation.ports import Store
from annotation.search import (
    MAX_QUERY_CHARACTERS,
    MAX_QUERY_WORDS,
    QueryTooLong,
    SearchHit,
    SpanHit,
    SpanQuery,
    TextSearchResult,
    check_query,
    parse_query,
)

COMMANDS = ("search",)
DEFAULT_LIMIT = 200

JsonObject = dict[str, Any]


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add `search` to the terminal commands."""
    search = commands.add_parser(
        "search",
        parents=[common],
        help="find words in the documents (keyword in context), or spans by label and more",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Without --label, --annotator, --entity or --status, finds QUERY in the\n"
        "documents' text: whole words, ignoring tashkeel, tatweel, hamza and alef forms, ى/ي\n"
        'and ة/ه; every bare word must be there; "quoted words" are a phrase. --proclitics\n'
        "also finds a word behind و ف ب ك ل ال (الرقة finds بالرقة); the hit is the word, not\n"
        "the proclitic. One line a hit: document id, title, the hit [in brackets] in context.\n\n"
        "With any of those options, finds spans instead: QUERY (may be '') within the span's\n"
        "text, folded the same way; --entity by an entity's name or alias (a claim through\n"
        "its speakers); --status by how far the span's annotator has got with the document.\n"
        f"A query holds at most {MAX_QUERY_WORDS} words and {MAX_QUERY_CHARACTERS:,} characters.",
        epilog="examples:\n"
        "  python main.py search الرقة --proclitics\n"
        "  python main.py search '\"وزير الخارجية\" لافروف' --json\n"
        "  python main.py search '' --label CLAIM --entity لافروف --annotator amal",
    )
    search.add_argument("query", metavar="QUERY", help="words, \"a phrase\", or '' for all spans")
    search.add_argument(
        "--proclitics", action="store_true", help="also match words behind و ف ب ك ل ال"
    )
    search.add_argument("--label", metavar="LABEL", help="spans with this label")
    search.add_argument("--annotator", metavar="NAME", help="spans of this annotator's layer")
    search.add_argument(
        "--entity", metavar="NAME", help="spans of the entity with this name or alias"
    )
    search.add_argument(
        "--status",
        choices=[status.value for status in Status],
        help="spans in documents at this status for their annotator",
    )
    search.add_argument(
        "--limit",
        type=int,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"show the first N (default {DEFAULT_LIMIT}); the totals count them all",
    )
    search.add_argument("--json", action="store_true", help="print a JSON list")


def run(store: Store, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run `search`; return the exit status (2 for an unknown annotator or a bad limit)."""
    if args.command not in COMMANDS:
        raise AssertionError(args.command)
    if args.limit < 0:
        print("error: --limit is a number of results, 0 or more", file=err)
        return 2
    if args.annotator is not None and args.annotator not in store.annotator_names():
        known = ", ".join(store.annotator_names()) or "nobody yet"
        print(f"error: no annotator named {args.annotator} (the database has: {known})", file=err)
        return 2
    try:
        check_query(args.query)
    except QueryTooLong as error:
        print(f"error: search: {error} (shorten it, or search a part of it)", file=err)
        return 2
    if any(v is not None for v in (args.label, args.annotator, args.entity, args.status)):
        return _spans(store, args, out)
    if not args.query.strip():
        print("error: give words to search for (or a span filter: --label ...)", file=err)
        return 2
    if parse_query(args.query).is_empty:
        print(
            f"error: search: {args.query!r} holds no word to search for: the search finds"
            " words (letters, digits); emoji, symbols and punctuation are not searched",
            file=err,
        )
        return 2
    result = store.search_text(args.query, args.proclitics, args.limit)
    if args.json:
        _dump([_hit_as_dict(hit) for hit in result.hits], out)
        return 0
    for hit in result.hits:
        print(f"{hit.document_id}\t{hit.title}\t{hit.before}[{hit.match}]{hit.after}", file=out)
    print(_totals(result), file=out)
    return 0


def _totals(result: TextSearchResult) -> str:
    hits = f"{result.total_hits} hit{'s' * (result.total_hits != 1)}"
    documents = f"{result.total_documents} document{'s' * (result.total_documents != 1)}"
    shown = len(result.hits)
    return f"{hits} in {documents}" + (
        f" (the first {shown} shown)" if shown < result.total_hits else ""
    )


def _hit_as_dict(hit: SearchHit) -> JsonObject:
    return {
        "document_id": hit.document_id,
        "title": hit.title,
        "start": hit.start,
        "end": hit.end,
        "text": hit.match,
        "before": hit.before,
        "after": hit.after,
    }


def _spans(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    query = SpanQuery(
        text=args.query,
        label=args.label,
        annotator=args.annotator,
        entity=args.entity,
        status=Status(args.status) if args.status else None,
        limit=args.limit,
    )
    result = store.search_spans(query)
    if args.json:
        _dump([_span_hit_as_dict(hit) for hit in result.hits], out)
        return 0
    for hit in result.hits:
        span = hit.span
        print(
            f"{span.document_id}\t{hit.title}\t{span.annotator}\t{span.label}"
            f"\t{span.start}-{span.end}\t{span.text}",
            file=out,
        )
        for speaker in hit.speakers:
            print(f"  ← {speaker.text}", file=out)
    shown = len(result.hits)
    more = f" (the first {shown} shown)" if shown < result.total else ""
    print(f"{result.total} span{'s' * (result.total != 1)}{more}", file=out)
    return 0


def _span_hit_as_dict(hit: SpanHit) -> JsonObject:
    span = hit.span
    return {
        "document_id": span.document_id,
        "title": hit.title,
        "start": span.start,
        "end": span.end,
        "text": span.text,
        "annotator": span.annotator,
        "label": span.label,
        "span_id": span.id,
        "entity_id": span.entity_id,
        "speakers": [_speaker_as_dict(speaker) for speaker in hit.speakers],
    }


def _speaker_as_dict(speaker: Span) -> JsonObject:
    return {
        "span_id": speaker.id,
        "text": speaker.text,
        "start": speaker.start,
        "end": speaker.end,
        "entity_id": speaker.entity_id,
    }


def _dump(data: list[JsonObject], out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")
