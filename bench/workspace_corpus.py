"""Build the database bench_workspace.py measures: a corpus that looks like a real project.

N articles (scale_corpus.articles: SaudiNewsNet, then news-like copies), and on a quarter of
them three annotators' layers that differ a little, as colleagues' layers do: speakers with a
role, claims with kind, polarity and cue, each linked to the speaker before it, locations;
statuses in progress or done. An entity registry of N / 10 entities (2,000 at 20,000 articles)
that the speakers and locations refer to: the first speaker of every layer, and the second of
every third, name one person, so that entity has about N mentions (the issue's 20,000 at
20,000 articles); the others share the rest, the popular ones more. A gold layer on one
annotated article in ten. Each layer has 6 to 15 spans; the longest annotated article has
500 in the first annotator's layer (the heavy case of switching articles).

Everything goes in through the store's public methods (add_documents, add_entity, add_span,
add_link, set_status), a batch of articles to a transaction.

    .venv/bin/python bench/workspace_corpus.py /tmp/workspace-20k.sqlite3 --articles 20000
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotation.arabic import TokenKind, tokenise  # noqa: E402
from annotation.model import (  # noqa: E402
    Attributes,
    DocumentId,
    Entity,
    EntityId,
    EntityKind,
    Link,
    Span,
    SpanId,
    Status,
)
from db.store import SqliteStore  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale_corpus import DAYS, add_articles  # noqa: E402  (the same articles as bench_scale)

# The window opens as the first; bench_scale's start measurement opens as "bench" too.
ANNOTATORS = ("bench", "amal", "omar")
GOLD = "gold"
HEAVY_SPANS = 500
# A layer's spans repeat this pattern, one a slot of words: (label, words it covers at most).
PATTERN = (("SPEAKER", 2), ("CLAIM", 6), ("CLAIM", 5), ("LOCATION", 1))
BATCH = 200  # annotated articles a transaction
KINDS = ("direct", "indirect", "mixed")


def registry(store: SqliteStore, count: int) -> tuple[EntityId, list[EntityId], list[EntityId]]:
    """The busiest person, the other people and organisations, and the places."""
    kinds = (EntityKind.PERSON, EntityKind.ORGANISATION, EntityKind.PLACE)
    made: dict[EntityKind, list[EntityId]] = {kind: [] for kind in kinds}
    with store.transaction():
        for number in range(max(count, 3)):
            kind = kinds[number % 3]
            entity = store.add_entity(Entity(kind, f"{kind.value} {number}", (f"alias {number}",)))
            assert entity.id is not None
            made[kind].append(entity.id)
    people = made[EntityKind.PERSON] + made[EntityKind.ORGANISATION]
    return people[0], people[1:], made[EntityKind.PLACE]


def popular(ids: Sequence[EntityId], draw: int) -> EntityId:
    """One of `ids`, the first ones far more often (draw: any growing number)."""
    return ids[int(len(ids) * ((draw * 0.618034) % 1.0) ** 2)]


def layer(
    document_id: DocumentId,
    text: str,
    annotator: str,
    count: int,
    shift: int,
    entities: tuple[EntityId, list[EntityId], list[EntityId]],
    draw: int,
) -> list[tuple[Span, int | None]]:
    """`count` spans over the text's words, a slot each, moved `shift` words on (so that
    colleagues differ); each with the index of the speaker its claim is linked to."""
    busiest, people, places = entities
    words = [(t.start, t.end) for t in tokenise(text) if t.kind is TokenKind.WORD]
    slot = max(1, (len(words) - shift) // max(count, 1))
    spans: list[tuple[Span, int | None]] = []
    speaker: int | None = None
    speakers = 0
    for number in range(min(count, (len(words) - shift) // max(slot, 2))):
        label, most = PATTERN[number % len(PATTERN)]
        first = shift + number * slot
        last = first + max(0, min(most, slot - 1) - 1)
        start, end = words[first][0], words[last][1]
        attributes: Attributes = {}
        entity_id: EntityId | None = None
        linked: int | None = None
        if label == "SPEAKER":
            speaker, speakers = len(spans), speakers + 1
            attributes = {"role": "وزير" if number % 3 else None}
            second_of_third = speakers == 2 and draw % 3 == 0
            entity_id = busiest if speakers == 1 or second_of_third else popular(people, draw)
        elif label == "CLAIM":
            attributes = {
                "kind": KINDS[(number + draw) % 3],
                "polarity": "negative" if (number + draw) % 5 == 0 else "positive",
                "cue": text[words[max(0, first - 1)][0] : words[max(0, first - 1)][1]],
            }
            linked = speaker
        else:
            entity_id = popular(places, draw + number)
        kept: Attributes = {name: value for name, value in attributes.items() if value is not None}
        span = Span(document_id, annotator, label, start, end, text[start:end], kept, entity_id)
        spans.append((span, linked))
    return spans


def add_layer(store: SqliteStore, spans: list[tuple[Span, int | None]]) -> int:
    """Store one layer's spans and its claims' links; how many spans."""
    ids: list[SpanId] = []
    for span, linked in spans:
        stored = store.add_span(span)
        assert stored.id is not None
        ids.append(stored.id)
        if linked is not None:
            store.add_link(Link("ATTRIBUTED_TO", stored.id, ids[linked]))
    return len(ids)


def annotate(store: SqliteStore, entities: tuple[EntityId, list[EntityId], list[EntityId]]) -> int:
    """Three layers on every fourth article, a gold one on every tenth of those; how many spans."""
    rows = store.db.execute("SELECT id, characters FROM documents ORDER BY id").fetchall()
    annotated = [DocumentId(row[0]) for row in rows[::4]]
    longest = max(
        annotated,
        key=lambda i: store.db.execute(
            "SELECT characters FROM documents WHERE id = ?", [i]
        ).fetchone()[0],
    )
    added = 0
    for batch in range(0, len(annotated), BATCH):
        with store.transaction():
            for place, document_id in enumerate(annotated[batch : batch + BATCH], start=batch):
                text = store.document(document_id).text
                for number, annotator in enumerate(ANNOTATORS):
                    count = 6 + (place + number) % 10
                    if document_id == longest and number == 0:
                        count = HEAVY_SPANS
                    draw = place * len(ANNOTATORS) + number
                    spans = layer(document_id, text, annotator, count, number, entities, draw)
                    added += add_layer(store, spans)
                    done = (place + number) % 3 == 0
                    status = Status.DONE if done else Status.IN_PROGRESS
                    store.set_status(document_id, annotator, status)
                if place % 10 == 0:
                    spans = layer(document_id, text, GOLD, 6 + place % 10, 0, entities, place)
                    added += add_layer(store, spans)
    return added


def build(path: Path, count: int) -> None:
    """Fill a new database at `path`, printing what it took."""
    started = time.perf_counter()
    store = SqliteStore(path)
    add_articles(store, count)
    middle = time.perf_counter()
    entities = registry(store, count // 10)
    added = annotate(store, entities)
    links = store.db.execute("SELECT count(*) FROM links").fetchone()[0]
    store.db.execute("PRAGMA optimize")
    store.close()
    done = time.perf_counter()
    print(
        f"built {path}: {count:,} articles in {middle - started:.0f} s; {count // 10:,}"
        f" entities, {added:,} spans and {links:,} links in {done - middle:.0f} s;"
        f" {path.stat().st_size / 1e6:,.0f} MB",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", type=Path, help="a database file that does not exist yet")
    parser.add_argument("--articles", type=int, default=2_000)
    args = parser.parse_args()
    if args.path.exists():
        parser.error(f"{args.path} exists: delete it, or measure it with bench_workspace.py --db")
    missing = [str(day) for day in DAYS if not day.exists()]
    if missing:
        print(f"skipped: the shared corpus is not here ({', '.join(missing)})")
        return 2
    build(args.path, args.articles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
