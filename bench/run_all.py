"""Run every benchmark in bench/ and write bench/results/LATEST.md: what each printed (its
figures beside the baselines it measured in the same run, and their ratios), the machine, and
the date. `make bench` calls this.

    .venv/bin/python bench/run_all.py
"""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import PySide6
from PySide6.QtCore import qVersion

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results" / "LATEST.md"
# Arguments for a quicker run than the scripts' defaults; every other bench_*.py and eval_*.py
# found in bench/ runs as it is, so a new benchmark is never left out.
ARGUMENTS = {"bench_export.py": ["--spans", "100000"]}
# What Qt's offscreen platform says about every window it shows: no figure of ours.
NOISE = ("This plugin does not support propagateSizeHints()",)
TIMEOUT_S = 1800


def benchmarks() -> list[str]:
    return sorted(p.name for p in BENCH.glob("*.py") if p.name.startswith(("bench_", "eval_")))


def run(name: str) -> str:
    """Run one benchmark; its section of the report."""
    command = [sys.executable, str(BENCH / name), *ARGUMENTS.get(name, [])]
    shown = " ".join([".venv/bin/python", f"bench/{name}", *ARGUMENTS.get(name, [])])
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
    seconds = time.perf_counter() - started
    lines = [line for line in output.splitlines() if line.strip() not in NOISE]
    print("\n".join(lines), flush=True)
    return "\n".join(
        [f"## {name}", "", f"`{shown}`: {seconds:.0f} s, {status}", "", "```text", *lines, "```"]
    )


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
    started = datetime.now().astimezone()
    sections = [run(name) for name in benchmarks()]
    finished = datetime.now().astimezone()
    report = [
        "# Benchmarks: the latest run",
        "",
        f"Run on {started:%Y-%m-%d} from {started:%H:%M} to {finished:%H:%M %Z} by"
        " bench/run_all.py (`make bench`).",
        "Each benchmark prints its figures beside a baseline measured in the same run, their"
        " ratio and its target; they are copied here as printed, Qt's offscreen chatter left out.",
        "",
        machine(),
        "",
        *(section + "\n" for section in sections),
    ]
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text("\n".join(report), encoding="utf-8")
    print(f"written {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
