"""The Wojood NER sample as texts with gold location spans, and the location finder scored on it.

A Wojood file has one token a line, then one to three IOB2 tags (a nested entity adds a
column), and a blank line between sentences. A sentence becomes a text by joining its tokens
with single spaces; gold spans are token ranges. Gold locations are the GPE and LOC entities of
any column. A predicted place counts when the tokens it touches are exactly a gold range, so a
place found behind a proclitic (`سورية` in `لسورية`) counts for the whole token, as Wojood tags.

Wojood's spans also take the generic word before a name (`مدينة القدس`, `قضاء مدينة جنين`),
where Hamish's guidelines (section 5) tag the name alone. `evaluate_locations` scores both ways:
`exact` compares the finder's spans as they are; `wojood` first widens each one over the generic
words just before it (`DESIGNATORS`), which is how Wojood would have tagged the same place.

Run `python -m annotation.assistant.wojood` for the figures on ../shared/corpus/wojood-sample.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from annotation.arabic import normalise_for_match

LOCATION_TYPES = frozenset({"GPE", "LOC"})
# Generic words Wojood includes in a place's span, normalised; a proclitic may precede the first
# (`لمدينة بيت لحم`). Why these: they are the words its multi-word location spans start with.
DESIGNATORS = frozenset(
    normalise_for_match(word)
    for word in (
        "مدينة", "قرية", "مخيم", "قضاء", "محافظة", "منطقة", "لواء", "إقليم", "بلدة", "حي",
        "خربة", "ولاية", "العاصمة", "دول",
    )
)  # fmt: skip

TokenRange = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence's tokens joined by spaces, each token's offsets in it, its gold locations."""

    text: str
    tokens: tuple[TokenRange, ...]
    locations: frozenset[TokenRange]
    # Every gold entity as (type, first token, token after the last), for other types.
    entities: frozenset[tuple[str, int, int]] = frozenset()


class PlaceFinder(Protocol):
    """Anything that finds places in a text (a Gazetteer)."""

    def find(self, text: str) -> Sequence[_Found]: ...


class _Found(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


def read_sentences(lines: Iterable[str]) -> list[Sentence]:
    """Read a Wojood file's lines into sentences."""
    sentences: list[Sentence] = []
    rows: list[list[str]] = []
    for line in [*lines, ""]:
        fields = line.split()
        if fields:
            rows.append(fields)
        elif rows:
            sentences.append(_sentence(rows))
            rows = []
    return sentences


def read_file(path: Path) -> list[Sentence]:
    """Read one Wojood file."""
    return read_sentences(path.read_text(encoding="utf-8").splitlines())


def _sentence(rows: list[list[str]]) -> Sentence:
    tokens: list[TokenRange] = []
    position = 0
    for row in rows:
        tokens.append((position, position + len(row[0])))
        position += len(row[0]) + 1
    text = " ".join(row[0] for row in rows)
    entities = _gold_entities(rows)
    locations = {(first, last) for kind, first, last in entities if kind in LOCATION_TYPES}
    return Sentence(text, tuple(tokens), frozenset(locations), frozenset(entities))


def _gold_entities(rows: list[list[str]]) -> set[tuple[str, int, int]]:
    # Each column is its own IOB2 layer: an entity is a B- tag and the I- tags of the same type
    # right under it in the same column.
    found: set[tuple[str, int, int]] = set()
    columns = max(len(row) for row in rows)
    for column in range(1, columns):
        tags = [row[column] if column < len(row) else "O" for row in rows]
        for first, tag in enumerate(tags):
            kind = tag[2:]
            if not tag.startswith("B-"):
                continue
            last = first + 1
            while last < len(tags) and tags[last] == f"I-{kind}":
                last += 1
            found.add((kind, first, last))
    return found


def gold_ranges(sentence: Sentence, types: Collection[str]) -> set[TokenRange]:
    """The token ranges of the sentence's gold entities of these types (PERS, ORG ...)."""
    return {(first, last) for kind, first, last in sentence.entities if kind in types}


def token_range(sentence: Sentence, start: int, end: int) -> TokenRange | None:
    """The tokens a character span touches, as a half-open range of token indices."""
    touched = [i for i, (first, last) in enumerate(sentence.tokens) if first < end and start < last]
    return (touched[0], touched[-1] + 1) if touched else None


def widen_to_designators(sentence: Sentence, found: TokenRange) -> TokenRange:
    """Extend a token range left over the generic words Wojood puts in a place's span."""
    first, last = found
    while first > 0:
        start, end = sentence.tokens[first - 1]
        word = normalise_for_match(sentence.text[start:end])
        if word not in DESIGNATORS and word[1:] not in DESIGNATORS:
            break
        first -= 1
    return first, last


@dataclass(frozen=True, slots=True)
class Score:
    """Counts of a span comparison and the figures made from them."""

    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 0.0

    @property
    def f1(self) -> float:
        both = self.precision + self.recall
        return 2 * self.precision * self.recall / both if both else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.true_positives + other.true_positives,
            self.false_positives + other.false_positives,
            self.false_negatives + other.false_negatives,
        )


@dataclass(frozen=True, slots=True)
class Errors:
    """What went wrong, by the text of the span: places found wrongly and places missed."""

    false_positives: Counter[str]
    false_negatives: Counter[str]


def score_sentences(
    finder: PlaceFinder, sentences: Iterable[Sentence], wojood_spans: bool = True
) -> tuple[Score, Errors]:
    """Score the finder's places against the gold locations of the sentences."""
    total = Score(0, 0, 0)
    errors = Errors(Counter(), Counter())
    for sentence in sentences:
        predicted: set[TokenRange] = set()
        for match in finder.find(sentence.text):
            found = token_range(sentence, match.start, match.end)
            if found is not None:
                predicted.add(widen_to_designators(sentence, found) if wojood_spans else found)
        gold = sentence.locations
        total += Score(len(predicted & gold), len(predicted - gold), len(gold - predicted))
        errors.false_positives.update(_words(sentence, found) for found in predicted - gold)
        errors.false_negatives.update(_words(sentence, found) for found in gold - predicted)
    return total, errors


def _words(sentence: Sentence, found: TokenRange) -> str:
    return sentence.text[sentence.tokens[found[0]][0] : sentence.tokens[found[1] - 1][1]]


def evaluate_locations(
    finder: PlaceFinder, paths: Sequence[Path], wojood_spans: bool = True
) -> dict[str, Score]:
    """Score the finder on each file and on all of them together (key `total`)."""
    scores = {
        path.name: score_sentences(finder, read_file(path), wojood_spans)[0] for path in paths
    }
    scores["total"] = sum(scores.values(), Score(0, 0, 0))
    return scores


def main(argv: Sequence[str]) -> int:
    """Print precision, recall and F1 per file and in total, both ways, and the main errors."""
    from annotation.assistant.places import Gazetteer

    root = Path(argv[0]) if argv else Path(__file__).resolve().parents[3] / "shared" / "corpus"
    paths = [root / "wojood-sample" / f"{name}.txt" for name in ("train", "val", "test")]
    gazetteer = Gazetteer.load()
    for wojood_spans in (False, True):
        print("spans widened as Wojood tags them" if wojood_spans else "spans as found")
        for name, score in evaluate_locations(gazetteer, paths, wojood_spans).items():
            print(
                f"  {name:10} P {score.precision:.3f}  R {score.recall:.3f}  F1 {score.f1:.3f}"
                f"  (tp {score.true_positives}, fp {score.false_positives},"
                f" fn {score.false_negatives})"
            )
    # The errors to tune on come from train and val only: test.txt is the held-out split whose
    # figure is reported, never read for rules (bench/README.md, issue 16).
    tuning = [path for path in paths if path.name != "test.txt"]
    sentences = [sentence for path in tuning for sentence in read_file(path)]
    _, errors = score_sentences(gazetteer, sentences)
    print("train and val only:")
    print("most frequent false positives:", errors.false_positives.most_common(25))
    print("most frequent misses:", errors.false_negatives.most_common(40))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
