"""Terminal command comparing annotators' layers: `agreement` (inter-annotator agreement).

Part of the terminal interface (ui/cli.py registers it); never imports Qt. The figures come
from annotation/agreement.py: this module only chooses the documents, loads them and prints.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from annotation.agreement import LINK_KIND, DocumentLayers, Layer, compare_corpus
from annotation.model import DocumentId
from db.store import SqliteStore

COMMANDS = ("agreement",)
WORST = 10

JsonObject = dict[str, Any]


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add `agreement` to the terminal commands."""
    agreement = commands.add_parser(
        "agreement",
        parents=[common],
        help="how far annotators agree: span F1, kappa, alpha, links and claim attributes",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Compares the annotators' layers on the documents any of them has a span\n"
        "or a status in: span F1 (exact and overlap), Cohen's kappa and Krippendorff's alpha\n"
        "over non-whitespace characters, link F1 and claim attributes; with three or more\n"
        "annotators also Fleiss' kappa and every pair. Corpus figures pool the counts of the\n"
        "documents both annotators have spans in.",
        epilog="example:\n  python main.py agreement --annotators amal omar --json",
    )
    agreement.add_argument(
        "--annotators",
        nargs="+",
        required=True,
        metavar="NAME",
        help="two or more annotators; the first is the reference for precision and recall",
    )
    agreement.add_argument(
        "--label",
        action="append",
        metavar="LABEL",
        help="compare only this label's spans (repeatable; links need CLAIM and SPEAKER)",
    )
    agreement.add_argument(
        "--documents",
        type=_document_ids,
        metavar="IDS",
        help="compare these documents (a comma list of ids), annotated or not",
    )
    agreement.add_argument("--json", action="store_true", help="print the figures as JSON")


def run(store: SqliteStore, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run `agreement`; return the exit status (2 for an unknown annotator or document)."""
    if args.command != "agreement":
        raise AssertionError(args.command)
    names: list[str] = args.annotators
    problem = _check_annotators(names, store.annotator_names())
    if problem is None and args.documents is not None:
        problem = _check_documents(args.documents, store)
    if problem is not None:
        print(f"error: {problem}", file=err)
        return 2
    ids = args.documents if args.documents is not None else _annotated(store, names)
    result = compare_corpus(_documents(store, ids, names), names, args.label).as_dict()
    if args.json:
        json.dump(result, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        _print(result, out)
    return 0


def _document_ids(text: str) -> list[DocumentId]:
    try:
        return [DocumentId(int(part)) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma list of ids: {text!r}") from None


def _check_annotators(names: Sequence[str], known: Sequence[str]) -> str | None:
    unknown = [name for name in names if name not in known]
    if unknown:
        return (
            f"no annotator named {', '.join(unknown)} "
            f"(the database has: {', '.join(known) or 'nobody yet'})"
        )
    if len(names) < 2 or len(set(names)) != len(names):
        return "--annotators needs two or more different names"
    return None


def _check_documents(ids: Sequence[DocumentId], store: SqliteStore) -> str | None:
    known = {summary.id for summary in store.document_summaries()}
    missing = [str(i) for i in ids if i not in known]
    if missing:
        return f"there is no document {', '.join(missing)} (python main.py documents lists them)"
    return None


def _annotated(store: SqliteStore, names: Sequence[str]) -> list[DocumentId]:
    """The documents any of the annotators has a span or a recorded status in."""
    ids: set[DocumentId] = set()
    for name in names:
        ids.update(
            summary.id
            for summary in store.document_summaries(name)
            if summary.span_count or name in summary.statuses
        )
    return sorted(ids)


def _documents(
    store: SqliteStore, ids: Sequence[DocumentId], names: Sequence[str]
) -> Iterator[DocumentLayers]:
    """One document at a time, so a corpus of thousands is never all in memory."""
    for document_id in ids:
        document = store.document(document_id)
        layers = {
            name: Layer(
                tuple(store.spans_for(document_id, name)),
                tuple(store.links_for(document_id, name)),
            )
            for name in names
        }
        yield DocumentLayers(document_id, document.text, layers, document.title)


# The readable report


def _print(result: JsonObject, out: TextIO) -> None:
    names: list[str] = result["annotators"]
    fleiss = len(names) > 2
    print(f"agreement of {', '.join(names)}: {_states(result, names)}", file=out)
    print(file=out)
    header = f"{'label':<12}{'exact F1':>10}{'overlap F1':>12}{'kappa':>8}{'alpha':>8}"
    print(header + (f"{'Fleiss':>8}" if fleiss else ""), file=out)
    rows = [*result["labels"].items(), ("overall", result["overall"])]
    for label, figures in rows:
        print(f"{label:<12}{_figures(figures, fleiss)}", file=out)
    print(file=out)
    print(_links(result["links"], names), file=out)
    for name, attribute in result["attributes"].items():
        print(
            f"claim {name}: agreement {_number(attribute['observed'])}, "
            f"kappa {_number(attribute['kappa'])}" + _claims(attribute),
            file=out,
        )
    if fleiss:
        _print_pairs(result["pairs"], out)
    _print_worst(result["documents"], out)


def _states(result: JsonObject, names: Sequence[str]) -> str:
    states: dict[str, int] = result["states"]
    total = sum(states.values())
    words = {
        "both_empty": "no spans",
        "only_a": f"only {names[0]} has spans",
        "only_b": f"only {names[-1]} has spans",
        "all_empty": "no spans",
        "partial": "not everyone has spans",
    }
    others = [f"{count} {words[state]}" for state, count in states.items() if state != "compared"]
    compared = f"{states.get('compared', 0)} compared"
    return f"{total} documents, " + "; ".join([compared, *others])


def _figures(figures: JsonObject, fleiss: bool) -> str:
    line = (
        f"{_number(figures['exact_f1']):>10}{_number(figures['overlap_f1']):>12}"
        f"{_number(figures['kappa']):>8}{_number(figures['alpha']):>8}"
    )
    return line + (f"{_number(figures.get('fleiss_kappa')):>8}" if fleiss else "")


def _links(links: JsonObject, names: Sequence[str]) -> str:
    line = (
        f"links ({LINK_KIND}): F1 {_number(links['f1'])}, precision "
        f"{_number(links['precision'])}, recall {_number(links['recall'])}"
    )
    if "matched" in links:
        line += f" ({links['matched']} matched; {names[0]} {links['a_count']}, "
        line += f"{names[1]} {links['b_count']})"
    return line


def _claims(attribute: JsonObject) -> str:
    return f" (matched claims: {attribute['pairs']})" if "pairs" in attribute else ""


def _print_pairs(pairs: list[JsonObject], out: TextIO) -> None:
    print(file=out)
    print(f"{'pair':<24}{'documents':>10}{'exact F1':>10}{'overlap F1':>12}{'kappa':>8}", file=out)
    for pair in pairs:
        overall = pair["overall"]
        print(
            f"{pair['a'] + ' / ' + pair['b']:<24}{pair['documents']:>10}"
            f"{_number(overall['exact_f1']):>10}{_number(overall['overlap_f1']):>12}"
            f"{_number(overall['kappa']):>8}",
            file=out,
        )


def _print_worst(documents: list[JsonObject], out: TextIO) -> None:
    scored = [d for d in documents if d["overall"]["overlap_f1"] is not None]
    if not scored:
        return
    worst = sorted(scored, key=lambda d: (d["overall"]["overlap_f1"], d["id"]))[:WORST]
    print(file=out)
    print(f"the {WORST} worst documents by overlap F1:", file=out)
    print(f"{'id':>6}{'overlap F1':>12}{'exact F1':>10}{'kappa':>8}  title", file=out)
    for document in worst:
        overall = document["overall"]
        print(
            f"{document['id']:>6}{_number(overall['overlap_f1']):>12}"
            f"{_number(overall['exact_f1']):>10}{_number(overall['kappa']):>8}  "
            f"{document['title']}",
            file=out,
        )


def _number(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"
