"""Targets and verdicts: every benchmark figure that has a target goes through `check`, which
prints the figure beside its target with `met` or `MISSED`, and `finish` ends the benchmark with
a non-zero status when anything missed. `run_all.py` collects the verdicts (the lines starting
with VERDICT, one JSON object each) into the summary table at the top of LATEST.md.

Targets are set before measuring and changed only with the reason in the commit message: a
target moved to the figure that meets it measures nothing (issue 16).
"""

from __future__ import annotations

import json
import sys

VERDICT = "verdict "
NO_RATIO_BELOW_MS = 1.0
MISSED = "targets MISSED"  # finish()'s last line ends so when it exits 1
_verdicts: list[bool] = []


def check(
    name: str,
    figure: float,
    target: float,
    *,
    at_most: bool = True,
    unit: str = "",
    digits: int = 3,
) -> bool:
    """Print `name: FIGURE (target <= TARGET) met|MISSED` and record it; True when met.

    `at_most` for figures that must stay under their target (times, ratios), else at least
    (precision, F1)."""
    met = figure <= target if at_most else figure >= target
    sign = "<=" if at_most else ">="
    shown = f"{figure:.{digits}f}{unit}"
    wanted = f"{target:g}{unit}"
    print(f"{name}: {shown} (target {sign} {wanted}) {'met' if met else 'MISSED'}", flush=True)
    record = {"name": name, "figure": shown, "target": f"{sign} {wanted}", "met": met}
    print(VERDICT + json.dumps(record, ensure_ascii=False), flush=True)
    _verdicts.append(met)
    return met


def ratio(figure: float, baseline: float, digits: int = 2) -> str:
    """`ratio R` of two times in ms; none when the baseline is under 1 ms, where a ratio
    says more about the clock than the work: both times then stand as printed."""
    if baseline < NO_RATIO_BELOW_MS:
        return f"no ratio (baseline {baseline:.2f} ms, under {NO_RATIO_BELOW_MS:g} ms)"
    return f"ratio {figure / baseline:.{digits}f}"


def finish() -> None:
    """Exit with status 1 when any target was missed (after printing how many), else 0."""
    missed = _verdicts.count(False)
    if missed:
        print(f"{missed} of {len(_verdicts)} {MISSED}", flush=True)
    sys.exit(1 if missed else 0)
