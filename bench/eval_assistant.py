"""How good and how fast the assistant is: precision, recall and F1 against gold, and speed.

1. Wojood sample (../shared/corpus/wojood-sample): LOCATION against the gold GPE and LOC
   entities, exact match of whole-token spans; printed twice: spans as the assistant finds them
   (our guidelines leave a generic word such as مدينة out of the place), and widened over
   that word as Wojood tags it. Target: F1 >= 0.75. Also SPEAKER against PERS: a speaker is a
   person (or a body) who says something, so only the precision of overlap is meaningful.
2. Our gold articles (tests/fixtures/gold/*.json, every claim linked): per label, exact and
   overlap precision, recall and F1, and the precision of claim -> speaker links (a suggested
   link is right when its claim overlaps a gold claim and its speaker a gold speaker the gold
   links to it). Target: link precision >= 0.8.
3. Speed on the SaudiNewsNet day 2015-07-21 (2,972 articles): the assistant on every article,
   stored as a layer in one transaction (what `python main.py suggest` does), against a
   baseline measured in the same run: tokenising the same texts (the least any reading of the
   text costs). Target: under 60 s.

    .venv/bin/python bench/eval_assistant.py
"""

from __future__ import annotations

import platform
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotation.agreement import match_exact, match_overlap  # noqa: E402
from annotation.arabic import tokenise  # noqa: E402
from annotation.assistant import wojood  # noqa: E402
from annotation.assistant.pending import ASSISTANT, store_suggestions  # noqa: E402
from annotation.assistant.suggest import Assistant  # noqa: E402
from annotation.importing import ImportOptions, import_articles  # noqa: E402
from annotation.model import Span  # noqa: E402
from db.store import SqliteStore  # noqa: E402
from tests.gold import GOLD, find_document, load_gold, read_gold  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
LABELS = ("SPEAKER", "CLAIM", "LOCATION")


def prf(matched: int, predicted: int, gold: int) -> str:
    p = matched / predicted if predicted else 0.0
    r = matched / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  ({matched} of {predicted} suggested, {gold} gold)"


def evaluate_wojood(assistant: Assistant) -> None:
    paths = [CORPUS / "wojood-sample" / f"{name}.txt" for name in ("train", "val", "test")]
    print("Wojood sample, LOCATION (GPE and LOC), exact whole-token spans:")
    for widened in (False, True):
        total = wojood.evaluate_locations(assistant.gazetteer, paths, widened)["total"]
        how = "widened over مدينة/قرية/مخيم... as Wojood tags" if widened else "as found"
        print(
            f"  {how:48} P {total.precision:.3f}  R {total.recall:.3f}  F1 {total.f1:.3f}"
            "  (target F1 >= 0.75)"
        )
    speakers = persons = 0
    for path in paths:
        for sentence in wojood.read_file(path):
            gold = wojood.gold_ranges(sentence, ("PERS",))
            for found in assistant.suggest_text(sentence.text):
                if found.label != "SPEAKER":
                    continue
                speakers += 1
                found_range = wojood.token_range(sentence, found.start, found.end)
                if found_range and any(
                    first < found_range[1] and found_range[0] < last for first, last in gold
                ):
                    persons += 1
    share = persons / speakers if speakers else 0.0
    print(f"  SPEAKER overlapping a PERS entity: {persons} of {speakers} = {share:.3f}")


def evaluate_gold(assistant: Assistant) -> None:
    print("Gold articles (tests/fixtures/gold), per label exact / overlap, and links:")
    totals: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as folder:
        store = SqliteStore(Path(folder) / "gold.sqlite3")
        for path in sorted(GOLD.glob("*.json")):
            gold = read_gold(path)
            source = (ROOT / gold["source"]).resolve()
            if not source.exists():
                print(f"  {path.name}: skipped, {source} is not here")
                continue
            import_articles(
                store,
                [source],
                ImportOptions(strip_boilerplate=bool(gold.get("strip_boilerplate"))),
            )
            load_gold(store, path, "gold")
            document_id = find_document(store, gold["text_sha256"], path)
            document = store.document(document_id)
            found = assistant.suggest(document)
            store_suggestions(store, document_id, found)
            theirs = store.spans_for(document_id, "gold")
            ours = store.spans_for(document_id, ASSISTANT)
            line = [f"  {path.stem[:34]:34}"]
            for label in LABELS:
                g = [s for s in theirs if s.label == label]
                o = [s for s in ours if s.label == label]
                if not g:
                    continue
                exact, overlap = len(match_exact(o, g)), len(match_overlap(o, g))
                totals.update({f"{label} exact": exact, f"{label} overlap": overlap})
                totals.update({f"{label} suggested": len(o), f"{label} gold": len(g)})
                line.append(f"{label} {overlap}/{len(o)}/{len(g)}")
            right, suggested = _link_precision(store, document_id, ours, theirs)
            totals.update({"links right": right, "links suggested": suggested})
            line.append(f"links {right}/{suggested}")
            print(" ".join(line))
        store.close()
    for label in LABELS:
        if totals[f"{label} gold"]:
            for kind in ("exact", "overlap"):
                figures = prf(
                    totals[f"{label} {kind}"], totals[f"{label} suggested"], totals[f"{label} gold"]
                )
                print(f"  all, {label:8} {kind:7} {figures}")
    suggested = totals["links suggested"]
    precision = totals["links right"] / suggested if suggested else 0.0
    print(
        f"  all, claim -> speaker links: precision {precision:.3f}"
        f" ({totals['links right']} of {suggested}; target >= 0.8)"
    )


def _link_precision(
    store: SqliteStore, document_id: int, ours: list[Span], theirs: list[Span]
) -> tuple[int, int]:
    mine = {s.id: s for s in ours}
    gold = {s.id: s for s in theirs}
    gold_links = [
        (gold[k.source_id], gold[k.target_id])
        for k in store.links_for(document_id, "gold")  # type: ignore[arg-type]
    ]
    right = suggested = 0
    for link in store.links_for(document_id, ASSISTANT):  # type: ignore[arg-type]
        claim, speaker = mine[link.source_id], mine[link.target_id]
        suggested += 1
        if any(_overlap(claim, c) and _overlap(speaker, s) for c, s in gold_links):
            right += 1
    return right, suggested


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def measure_speed(assistant: Assistant) -> None:
    day = CORPUS / "saudinewsnet" / "2015-07-21.zip"
    with tempfile.TemporaryDirectory() as folder:
        store = SqliteStore(Path(folder) / "day.sqlite3")
        import_articles(store, [day], ImportOptions(skip_bad=True))
        documents = [store.document(s.id) for s in store.document_summaries()]
        started = time.perf_counter()
        for document in documents:
            tokenise(document.text)
        baseline = time.perf_counter() - started
        started = time.perf_counter()
        fresh = Assistant.load()
        spans = 0
        with store.transaction():
            for document in documents:
                assert document.id is not None
                spans += store_suggestions(store, document.id, fresh.suggest(document))
        seconds = time.perf_counter() - started
        store.close()
    print(
        f"SaudiNewsNet 2015-07-21: {len(documents):,} articles, {spans:,} suggestions stored in"
        f" {seconds:.1f} s (target < 60 s); baseline, tokenising the same texts: {baseline:.2f} s;"
        f" ratio {seconds / baseline:.1f}"
    )


def main() -> int:
    if not CORPUS.exists():
        print(f"skipped: the shared corpus is not at {CORPUS} (see its README.md)")
        return 0
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()}"
        f" {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    )
    assistant = Assistant.load()
    evaluate_wojood(assistant)
    evaluate_gold(assistant)
    measure_speed(assistant)
    return 0


if __name__ == "__main__":
    sys.exit(main())
