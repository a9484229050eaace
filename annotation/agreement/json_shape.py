"""The shape of the figures in JSON: blank where not compared, means over pairs, Fleiss added."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from annotation.agreement.figures import Coverage, JsonObject
from annotation.agreement.pairs import PairAgreement

# The figures that are averaged over pairs of annotators; counts are not.
FIGURES = frozenset(
    {"exact_f1", "overlap_f1", "kappa", "alpha", "f1", "precision", "recall", "observed"}
)


def blank(data: JsonObject) -> JsonObject:
    """The same structure with every figure None: for documents that were not compared."""
    return {
        key: blank(value) if isinstance(value, dict) else None if key in FIGURES else value
        for key, value in data.items()
    }


def mean_over_pairs(pairs: Sequence[tuple[PairAgreement, bool]]) -> JsonObject:
    """The mean of the compared pairs' figures; all None (same keys) when none was compared."""
    compared = [agreement.as_dict() for agreement, counted in pairs if counted]
    return _mean_figures(compared or [blank(pairs[0][0].as_dict())])


def _mean_figures(dicts: Sequence[JsonObject]) -> JsonObject:
    """The mean of each figure over pairs, skipping None; counts are left out."""
    keys = list(dict.fromkeys(key for data in dicts for key in data))
    mean: JsonObject = {}
    for key in keys:
        values = [data[key] for data in dicts if key in data]
        if key in FIGURES:
            present = [value for value in values if value is not None]
            mean[key] = sum(present) / len(present) if present else None
        elif values and all(isinstance(value, dict) for value in values):
            mean[key] = _mean_figures(values)
    return mean


def with_fleiss(data: JsonObject, fleiss: Mapping[str, Coverage]) -> JsonObject:
    """`overall` and `labels` with Fleiss' kappa added (None where it was not computed)."""
    total = None
    for coverage in fleiss.values():
        total = coverage if total is None else total + coverage
    labels = {
        label: {**figures, "fleiss_kappa": fleiss[label].kappa if label in fleiss else None}
        for label, figures in data.get("labels", {}).items()
    }
    overall = {**data.get("overall", {}), "fleiss_kappa": total.kappa if total else None}
    return {"overall": overall, "labels": labels}
