"""The statistics, kept as counts so corpus figures pool them (a micro-average).

Counts gives span (or link) F1, precision and recall; Contingency Cohen's kappa and
Krippendorff's alpha over two annotators' in/out decisions; Coverage Fleiss' kappa over three or
more; AttributeAgreement observed agreement and kappa on matched claims' values. Each adds to
another of its kind, and a figure that cannot be computed is None, never 1.0.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

JsonObject = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Counts:
    """Matched spans (or links) between two layers, and how many each has; A is the reference."""

    matched: int = 0
    a_count: int = 0
    b_count: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.matched + other.matched,
            self.a_count + other.a_count,
            self.b_count + other.b_count,
        )

    @property
    def precision(self) -> float | None:
        """The share of B's items that A has too; None when B has none."""
        return self.matched / self.b_count if self.b_count else None

    @property
    def recall(self) -> float | None:
        """The share of A's items that B found; None when A has none."""
        return self.matched / self.a_count if self.a_count else None

    @property
    def f1(self) -> float | None:
        """2·matched / (A + B): the harmonic mean of precision and recall, symmetric in A, B."""
        total = self.a_count + self.b_count
        return 2 * self.matched / total if total else None

    def as_dict(self) -> JsonObject:
        """F1, precision and recall with the counts they come from."""
        return {
            "f1": self.f1,
            "precision": self.precision,
            "recall": self.recall,
            "matched": self.matched,
            "a_count": self.a_count,
            "b_count": self.b_count,
        }


@dataclass(frozen=True, slots=True)
class Contingency:
    """Two annotators' in/out decisions on the same items (characters): the 2x2 table."""

    both: int = 0
    only_a: int = 0
    only_b: int = 0
    neither: int = 0

    def __add__(self, other: Contingency) -> Contingency:
        return Contingency(
            self.both + other.both,
            self.only_a + other.only_a,
            self.only_b + other.only_b,
            self.neither + other.neither,
        )

    @property
    def items(self) -> int:
        """How many decisions each annotator made."""
        return self.both + self.only_a + self.only_b + self.neither

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa; None when chance alone agrees on every item (one category only)."""
        n = self.items
        a_in, b_in = self.both + self.only_a, self.both + self.only_b
        # Expected agreement times n², kept in integers so A and B swap exactly.
        chance = a_in * b_in + (n - a_in) * (n - b_in)
        if n == 0 or chance == n * n:
            return None
        return (n * (self.both + self.neither) - chance) / (n * n - chance)

    @property
    def alpha(self) -> float | None:
        """Krippendorff's alpha, nominal, two coders, no missing values; None with one category.

        alpha = 1 - (n - 1) · disagreeing units / (n_in · n_out), n = 2 · items pairable values
        (Krippendorff 2011, "Computing Krippendorff's alpha-reliability", section A).
        """
        disagree = self.only_a + self.only_b
        values_in = 2 * self.both + disagree
        values_out = 2 * self.neither + disagree
        if values_in == 0 or values_out == 0:
            return None
        expected = values_in * values_out
        return (expected - (2 * self.items - 1) * disagree) / expected

    def as_dict(self) -> JsonObject:
        """The four cells."""
        return {
            "both": self.both,
            "only_a": self.only_a,
            "only_b": self.only_b,
            "neither": self.neither,
        }


@dataclass(frozen=True, slots=True)
class Coverage:
    """How many raters put each item "in": `histogram[k]` items had exactly k of `raters`."""

    raters: int
    histogram: tuple[int, ...]

    def __add__(self, other: Coverage) -> Coverage:
        return Coverage(
            self.raters, tuple(x + y for x, y in zip(self.histogram, other.histogram, strict=True))
        )

    @property
    def kappa(self) -> float | None:
        """Fleiss' kappa for a binary decision; None when chance explains all agreement.

        With T = items · raters, S = Σ_i Σ_category n_ij², I = Σ_i n_i,in and
        E = I² + (T - I)²: kappa = ((S - T)·T - E·(raters - 1)) / ((raters - 1)·(T² - E)),
        Fleiss (1971) multiplied out so the arithmetic stays in integers.
        """
        n = self.raters
        total = sum(self.histogram) * n
        squares = sum(h * (k * k + (n - k) * (n - k)) for k, h in enumerate(self.histogram))
        inside = sum(h * k for k, h in enumerate(self.histogram))
        expected = inside * inside + (total - inside) * (total - inside)
        if n < 2 or total == 0 or expected == total * total:
            return None
        return ((squares - total) * total - expected * (n - 1)) / ((n - 1) * (total**2 - expected))


@dataclass(frozen=True, slots=True)
class AttributeAgreement:
    """Two annotators' values of one attribute on matched claims, as a confusion table."""

    name: str
    # (A's value, B's value, how many matched claims), sorted.
    confusion: tuple[tuple[str, str, int], ...] = ()

    def __add__(self, other: AttributeAgreement) -> AttributeAgreement:
        return AttributeAgreement(self.name, confusion_table(self._counter() + other._counter()))

    def _counter(self) -> Counter[tuple[str, str]]:
        return Counter({(a, b): n for a, b, n in self.confusion})

    @property
    def pairs(self) -> int:
        """How many matched claims were compared."""
        return sum(n for _, _, n in self.confusion)

    @property
    def observed(self) -> float | None:
        """The share of matched claims with the same value; None with no matched claim."""
        same = sum(n for a, b, n in self.confusion if a == b)
        return same / self.pairs if self.pairs else None

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa over the values; None when both used one and the same value throughout."""
        m = self.pairs
        rows: Counter[str] = Counter()
        columns: Counter[str] = Counter()
        for a, b, n in self.confusion:
            rows[a] += n
            columns[b] += n
        chance = sum(rows[value] * columns[value] for value in rows)
        if m == 0 or chance == m * m:
            return None
        same = sum(n for a, b, n in self.confusion if a == b)
        return (m * same - chance) / (m * m - chance)

    def as_dict(self) -> JsonObject:
        """Matched claims, observed agreement, kappa and the confusion table."""
        return {
            "pairs": self.pairs,
            "observed": self.observed,
            "kappa": self.kappa,
            "confusion": [list(row) for row in self.confusion],
        }


def confusion_table(counter: Counter[tuple[str, str]]) -> tuple[tuple[str, str, int], ...]:
    """(A's value, B's value, count) rows, sorted, without empty cells."""
    return tuple((a, b, n) for (a, b), n in sorted(counter.items()) if n)
