"""Terminal commands comparing annotators' layers: `agreement` (inter-annotator agreement)
and `report` (the same figures, with charts, as one self-contained HTML file).

Part of the terminal interface (ui/cli/program.py registers it); never imports Qt. The figures
and the documents from annotation/agreement/ (shared with the dashboard): this module only
checks the arguments and prints.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from annotation.agreement import LINK_KIND, LayerSource, load_corpus_agreement
from annotation.model import DocumentId
from annotation.ports import DocumentStore
from annotation.tagset import load_tagset
from ui.report.summary import summarize

COMMANDS = ("agreement", "report")
WORST = 10

JsonObject = dict[str, Any]

# Shared by both commands' --help: which documents count, and when one is pooled.
RULE = (
    "Documents: those any of them touched (has a span or a recorded status in), or\n"
    "--documents. A document both annotators touched is compared and pooled into the corpus\n"
    "figures, even when one of them has no span in it (marked done with nothing to tag: a\n"
    "real disagreement, F1 0), unless neither has a span (both_empty). A document only one\n"
    "of them touched is reported (only_a, only_b) but never pooled: the other has not done\n"
    "it yet."
)


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add `agreement` and `report` to the terminal commands."""
    agreement = commands.add_parser(
        "agreement",
        parents=[common],
        help="how far annotators agree: span F1, kappa, alpha, links and claim attributes",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Compares the annotators' layers: span F1 (exact and overlap), Cohen's\n"
        "kappa and Krippendorff's alpha over non-whitespace characters, link F1 and claim\n"
        "attributes; with three or more annotators also Fleiss' kappa and every pair.\n\n" + RULE,
        epilog="example:\n  python main.py agreement --annotators amal omar --json",
    )
    _add_choices(agreement)
    agreement.add_argument("--json", action="store_true", help="print the figures as JSON")

    report = commands.add_parser(
        "report",
        parents=[common],
        help="the agreement figures with charts, as one self-contained HTML file",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Writes the figures of `agreement` as an HTML page with its charts inside\n"
        "(per label, per pair with three or more annotators, documents by overlap F1, the\n"
        "worst documents) and every document, worst first. No scripts, no external files.\n\n"
        + RULE,
        epilog="example:\n  python main.py report --annotators amal omar --out agreement.html",
    )
    _add_choices(report)
    report.add_argument(
        "--out", type=Path, required=True, metavar="FILE.html", help="the HTML file to write"
    )


def _add_choices(parser: argparse.ArgumentParser) -> None:
    """The options both commands take: who, which labels, which documents."""
    parser.add_argument(
        "--annotators",
        nargs="+",
        required=True,
        metavar="NAME",
        help="two or more annotators; the first is the reference for precision and recall",
    )
    parser.add_argument(
        "--label",
        action="append",
        metavar="LABEL",
        help="compare only this label's spans (repeatable; links need CLAIM and SPEAKER)",
    )
    parser.add_argument(
        "--documents",
        type=_document_ids,
        metavar="IDS",
        help="compare these documents (a comma list of ids), annotated or not",
    )


def run(store: LayerSource, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run `agreement` or `report`; return the exit status (2 for an unknown annotator or
    document, 1 when the report cannot be written)."""
    if args.command not in COMMANDS:
        raise AssertionError(args.command)
    names: list[str] = args.annotators
    problem = _check_annotators(names, store.annotator_names())
    if problem is None and args.documents is not None:
        problem = _check_documents(args.documents, store)
    if problem is not None:
        print(f"error: {problem}", file=err)
        return 2
    result = load_corpus_agreement(store, names, args.label, args.documents)
    if args.command == "report":
        # matplotlib takes a while to import: only the command that draws loads it.
        from ui.report.agreement_report import write_report

        try:
            write_report(summarize(result, load_tagset()), args.out)
        except OSError as error:
            print(f"error: cannot write {args.out}: {error.strerror or error}", file=err)
            return 1
        print(f"wrote {args.out} ({len(result.documents)} documents)", file=out)
        return 0
    data = result.as_dict()
    if args.json:
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        _print(data, out)
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


def _check_documents(ids: Sequence[DocumentId], store: DocumentStore) -> str | None:
    known = {summary.id for summary in store.document_summaries()}
    missing = [str(i) for i in ids if i not in known]
    if missing:
        return f"there is no document {', '.join(missing)} (python main.py documents lists them)"
    return None


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
        if attribute.get("pairs") == 0:  # a value nobody chose is no agreement (issue 14, item 6)
            print(f"claim {name}: no claim where both chose a value", file=out)
            continue
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
        "only_a": f"touched only by {names[0]}",
        "only_b": f"touched only by {names[-1]}",
        "all_empty": "no spans",
        "partial": "not touched by everyone",
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
    return f" (claims where both chose: {attribute['pairs']})" if "pairs" in attribute else ""


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
