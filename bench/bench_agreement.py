"""Agreement over 10,000 documents: `python main.py agreement`'s work, timed.

Builds a temporary database of `--documents` generated Arabic documents (~3,000 characters)
where two annotators each have ~`--spans` spans per document (the second layer is the first
with a share moved, relabelled, dropped or added, and some links changed), then prints, each
the best of `--rounds`:

1. the whole computation from the store (`load_corpus_agreement`: reading both layers and
   their links, and every figure: span F1 exact and overlap, kappa and alpha over characters,
   link F1, claim attributes, per label, per document and for the corpus);
2. of which the pure figures alone (`compare_corpus` on layers already in memory);
3. the baseline, measured in the same run: reading the same layers from the store
   (`spans_for` and `links_for` for both annotators on every document), the least any
   agreement from the store must do. The ratio says what the figures add on top.

    .venv/bin/python bench/bench_agreement.py                    # 10,000 documents
    .venv/bin/python bench/bench_agreement.py --documents 1000   # a quick run
"""

from __future__ import annotations

import argparse
import platform
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotation.agreement import (  # noqa: E402
    compare_corpus,
    document_layers,
    load_corpus_agreement,
)
from annotation.model import Document, now, text_sha256  # noqa: E402
from db.store import SqliteStore  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_export import WORDS, best  # noqa: E402  (the same words and timing as the export bench)

LABELS = ("SPEAKER", "CLAIM", "LOCATION")


def build(folder: Path, documents: int, spans: int) -> SqliteStore:
    rng = random.Random(1)
    store = SqliteStore(folder / "agreement.sqlite3")
    texts = []
    for number in range(documents):
        words = [f"وثيقة{number}"]
        while sum(len(w) + 1 for w in words) < 3000:
            words.append(rng.choice(WORDS))
        texts.append(" ".join(words))
    ids = store.add_documents([Document(text=t, text_sha256=text_sha256(t)) for t in texts])
    stamp = now().isoformat()
    db = store.db.conn
    db.execute("BEGIN")
    annotators = [
        db.execute(
            "INSERT INTO annotators (name, created_at) VALUES (?, ?) RETURNING id", [name, stamp]
        ).fetchone()[0]
        for name in ("amal", "omar")
    ]
    for document_id, text in zip(ids, texts, strict=True):
        starts = [i + 1 for i, c in enumerate(text) if c == " "]
        chosen = sorted(rng.sample(starts[:-2], min(spans, len(starts) - 2)))
        for layer, annotator in enumerate(annotators):
            span_ids = []
            for index, start in enumerate(chosen):
                end = text.index(" ", start)
                label = LABELS[index % 3]
                if layer == 1:
                    roll = rng.random()
                    if roll < 0.05:
                        continue  # only in A
                    if roll < 0.10:
                        label = LABELS[(index + 1) % 3]  # another label
                    elif roll < 0.15:
                        end = text.index(" ", end + 1)  # a longer extent
                rows = db.execute(
                    'INSERT INTO spans (document_id, annotator_id, label, start, "end", text,'
                    " attributes, origin, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)"
                    " RETURNING id, label",
                    [
                        document_id,
                        annotator,
                        label,
                        start,
                        end,
                        text[start:end],
                        "{}",
                        "manual",
                        stamp,
                        stamp,
                    ],
                ).fetchone()
                span_ids.append(rows)
            claims = [i for i, label in span_ids if label == "CLAIM"]
            speakers = [i for i, label in span_ids if label == "SPEAKER"]
            for claim, speaker in zip(claims, speakers, strict=False):
                if layer == 1 and rng.random() < 0.1:
                    speaker = rng.choice(speakers)
                db.execute(
                    "INSERT OR IGNORE INTO links (kind, source_id, target_id, created_at)"
                    " VALUES ('ATTRIBUTED_TO', ?, ?, ?)",
                    [claim, speaker, stamp],
                )
    db.execute("COMMIT")
    return store


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--spans", type=int, default=30, help="spans per document and layer")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, Python {platform.python_version()},"
        f" SQLite {sqlite3.sqlite_version}"
    )
    with tempfile.TemporaryDirectory() as name:
        started = time.perf_counter()
        store = build(Path(name), args.documents, args.spans)
        print(
            f"database: {args.documents:,} documents, ~{args.spans} spans a layer, two layers,"
            f" built in {time.perf_counter() - started:.1f} s"
        )
        annotators = ["amal", "omar"]
        ids = [s.id for s in store.document_summaries()]

        def read_layers() -> None:
            for document_id in ids:
                for name in annotators:
                    store.spans_for(document_id, name)
                    store.links_for(document_id, name)

        layers = list(document_layers(store, ids, annotators))
        whole = best(args.rounds, lambda: load_corpus_agreement(store, annotators).as_dict())
        figures = best(args.rounds, lambda: compare_corpus(layers, annotators).as_dict())
        baseline = best(args.rounds, read_layers)
        result = load_corpus_agreement(store, annotators).as_dict()
        print(
            f"agreement from the store: {whole:.2f} s ({whole / len(ids) * 1000:.2f} ms a document);"
            f" the figures alone {figures:.2f} s"
        )
        print(f"baseline, reading both layers with their links: {baseline:.2f} s")
        print(f"ratio: {whole / baseline:.2f} (best of {args.rounds}; no target is set)")
        overall = result["overall"]
        print(
            f"overall: exact F1 {overall['exact_f1']:.3f}, overlap F1 {overall['overlap_f1']:.3f},"
            f" kappa {overall['kappa']:.3f}, alpha {overall['alpha']:.3f},"
            f" links F1 {result['links']['f1']:.3f}"
        )
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
