"""Run every benchmark in bench/ and write bench/results/LATEST.md: a table of every target
with its figure and verdict (the `verdict` lines of bench/targets.py), then what each printed
(its figures beside the baselines it measured in the same run, and their ratios), the machine,
and the date. Exits 1 if any target was missed or any benchmark failed (`make bench` passes
that on), else 0.

`--large` runs instead the sizes the targets are set at that take too long for every run
(search at 100,000 articles, about 5 minutes here; the workspace at 20,000 articles) and
writes bench/results/LARGE.md the same way (`make bench-large`).

    .venv/bin/python bench/run_all.py
    .venv/bin/python bench/run_all.py --large
"""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import PySide6
from PySide6.QtCore import qVersion
from targets import MISSED, VERDICT

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
# Arguments for a quicker run than the scripts' defaults; every other bench_*.py and eval_*.py
# found in bench/ runs as it is, so a new benchmark is never left out.
ARGUMENTS = {
    "bench_export.py": ["--spans", "100000"],
    "bench_search.py": ["--articles", "20000"],
}
# The large run: each benchmark with the size its target is set at.
LARGE = {
    "bench_search.py": ["--articles", "100000"],
    "bench_workspace.py": ["--articles", "20000"],
}
# What Qt's offscreen platform says about every window it shows: no figure of ours.
NOISE = ("This plugin does not support propagateSizeHints()",)
TIMEOUT_S = 1800


def benchmarks() -> list[str]:
    return sorted(p.name for p in BENCH.glob("*.py") if p.name.startswith(("bench_", "eval_")))


@dataclass
class Outcome:
    """What one benchmark gave: its section of the report, its verdicts, and why it gave no
    figures ('' when it ran to the end: targets.finish's exit status 1 is a miss, not that)."""

    name: str
    section: str
    verdicts: list[dict[str, Any]]
    failed: str


def run(name: str, arguments: list[str]) -> Outcome:
    """Run one benchmark, its verdict lines taken out of what it printed."""
    command = [sys.executable, str(BENCH / name), *arguments]
    shown = " ".join([".venv/bin/python", f"bench/{name}", *arguments])
    print(f"running {shown}", flush=True)
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    try:
        done = subprocess.run(
            command,
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
        )
        output, status = done.stdout, f"exit status {done.returncode}"
        if done.returncode:
            output += done.stderr
    except subprocess.TimeoutExpired as error:
        output, status = str(error.stdout or ""), f"stopped after {TIMEOUT_S} s"
        done = None
    seconds = time.perf_counter() - started
    lines = [line for line in output.splitlines() if line.strip() not in NOISE]
    verdicts = [json.loads(line[len(VERDICT) :]) for line in lines if line.startswith(VERDICT)]
    lines = [line for line in lines if not line.startswith(VERDICT)]
    print("\n".join(lines), flush=True)
    # targets.finish ends with "N of M targets MISSED" and status 1; any other non-zero end
    # (a traceback, a timeout) is a failure, and so is a benchmark skipped for want of data.
    finished = done is not None and (
        done.returncode == 0 or (done.returncode == 1 and lines[-1:] != [] and MISSED in lines[-1])
    )
    failed = "" if finished else status
    if finished and any(line.startswith("skipped:") for line in lines):
        failed = "skipped"
    section = "\n".join(
        [f"## {name}", "", f"`{shown}`: {seconds:.0f} s, {status}", "", "```text", *lines, "```"]
    )
    return Outcome(name, section, verdicts, failed)


def summary(outcomes: list[Outcome]) -> list[str]:
    """The table at the top of the report: every target, its figure and verdict; and every
    benchmark that failed before giving its verdicts."""
    rows = ["| benchmark | figure | value | target | verdict |", "|---|---|---|---|---|"]
    for outcome in outcomes:
        for verdict in outcome.verdicts:
            rows.append(
                f"| {outcome.name} | {verdict['name']} | {verdict['figure']} |"
                f" {verdict['target']} | {'met' if verdict['met'] else '**MISSED**'} |"
            )
        if outcome.failed:
            what = "**SKIPPED**" if outcome.failed == "skipped" else "**FAILED**"
            rows.append(f"| {outcome.name} | the benchmark itself | {outcome.failed} | | {what} |")
    verdicts = [v for outcome in outcomes for v in outcome.verdicts]
    missed = sum(not v["met"] for v in verdicts)
    failed = sum(bool(outcome.failed) for outcome in outcomes)
    return [
        f"{len(verdicts) - missed} of {len(verdicts)} targets met, {missed} missed;"
        f" {failed} of {len(outcomes)} benchmarks failed or skipped.",
        "",
        *rows,
    ]


def proc_field(path: str, field: str) -> str | None:
    """A field of /proc/cpuinfo or /proc/meminfo (Linux), or None."""
    file = Path(path)
    if not file.exists():
        return None
    for line in file.read_text().splitlines():
        if line.startswith(field):
            return line.split(":", 1)[1].strip()
    return None


def machine() -> str:
    model = proc_field("/proc/cpuinfo", "model name") or platform.processor() or "model unknown"
    memory = proc_field("/proc/meminfo", "MemTotal")
    rows = [
        ("CPU", f"{os.cpu_count()} cores, {model}"),
        ("Memory", f"{int(memory.split()[0]) / 2**20:.1f} GiB" if memory else "unknown"),
        ("System", platform.platform()),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("SQLite", sqlite3.sqlite_version),
        ("Qt", f"{qVersion()} (PySide6 {PySide6.__version__})"),
    ]
    return "\n".join(["| | |", "|---|---|", *(f"| {what} | {value} |" for what, value in rows)])


def main() -> int:
    large = sys.argv[1:] == ["--large"]
    runs = LARGE if large else {name: ARGUMENTS.get(name, []) for name in benchmarks()}
    results = RESULTS / ("LARGE.md" if large else "LATEST.md")
    started = datetime.now().astimezone()
    outcomes = [run(name, arguments) for name, arguments in runs.items()]
    finished = datetime.now().astimezone()
    table = summary(outcomes)
    report = [
        f"# Benchmarks: the latest {'large ' if large else ''}run",
        "",
        f"Run on {started:%Y-%m-%d} from {started:%H:%M} to {finished:%H:%M %Z} by"
        f" bench/run_all.py (`make bench{'-large' if large else ''}`).",
        "Each benchmark prints its figures beside a baseline measured in the same run, their"
        " ratio and its target; they are copied here as printed, Qt's offscreen chatter left out.",
        "Every figure with a target, and its verdict (bench/targets.py):",
        "",
        *table,
        "",
        machine(),
        "",
        *(outcome.section + "\n" for outcome in outcomes),
    ]
    results.parent.mkdir(exist_ok=True)
    results.write_text("\n".join(report), encoding="utf-8")
    print("\n".join(table))
    print(f"written {results.relative_to(ROOT)}")
    missed = any(not v["met"] for outcome in outcomes for v in outcome.verdicts)
    return 1 if missed or any(outcome.failed for outcome in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
