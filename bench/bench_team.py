"""Twenty annotators at once on one team server (issue 19: "a benchmark, not a test").

A throwaway PostgreSQL cluster (tests/postgres_server.py) listening on 127.0.0.1 holds a
project (PgStore(url, create=True)) with ARTICLES SaudiNewsNet articles of at least
MIN_WORDS Arabic words. Then:

1. The team: `--annotators` processes (20; multiprocessing, spawn), each an annotator with
   a layer of their own, two to an article, editing for `--seconds` (60) at a person's
   fastest pace through the session's own commands over TCP (bench/team_load.py: one edit
   every 250 ms, and why; tag, relabel, link, undo). Figures: edits a second over the run,
   the 50th, 95th and 99th percentiles of an edit's latency (the call until it returns,
   committed), and the check that every process's log of committed edits equals the
   database at the end (spans and links lost, duplicated). Baseline: the same one
   annotator's work on a SQLite file in the same run (one process, the same pace and mix).
   For information: one annotator alone on the server for 20 s (the round trips without
   the crowd), and the CPU seconds the annotators' processes and the server's used over
   the team's run (on a small machine they share its cores). Targets: the team keeps the
   pace (edits a second >= 95% of what it asks), latency p50 < 16 ms and p95 < 33 ms
   (the window's budget for an edit: one and two frames at 60 Hz), p99 < 100 ms (the limit
   below which a response feels instantaneous: Nielsen, Usability Engineering, 1993,
   ch. 5), no edit failed, none lost, none duplicated.
2. The window against the server (bench/team_window.py): the add-span measurement of
   bench_viewer.py (select an untagged word, press 3, until the row is committed and the
   article repainted) with MainWindow opened on the server's project, beside the same
   window on a SQLite file; targets median < 16 ms, p95 < 33 ms. Measured after the team
   has stopped: on this machine the twenty processes and the window would share its cores,
   which a workstation and its server do not.

The throwaway cluster runs with fsync off (tests/postgres_server.py: its data are thrown
away), so a commit there never waits for the disk, while the SQLite baseline's does
(synchronous = FULL). `--fsync` restarts the cluster with fsync on, as a real server runs.

    .venv/bin/python bench/bench_team.py
    .venv/bin/python bench/bench_team.py --fsync --seconds 60 --annotators 20
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

# Light imports only: every annotator's process imports this module again (spawn).
from targets import check, finish, ratio  # noqa: E402
from team_load import EDIT_KINDS, PACE_S, Plan, Verdict, annotate, check_logs, read_log  # noqa: E402

from annotation.cleanup import stored_form  # noqa: E402
from annotation.model import Document, text_sha256  # noqa: E402
from annotation.ports import Store  # noqa: E402
from tests.postgres_server import Cluster, NoPostgres, start_cluster  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet" / "2015-07-21.zip"
ARTICLES, MIN_WORDS = 10, 500
KEEP_PACE, P50_MS, P95_MS, P99_MS = 0.95, 16, 33, 100
SOLO_S = 20  # one annotator alone on the server, for information


def articles() -> list[Document]:
    """The first ARTICLES SaudiNewsNet articles with MIN_WORDS words, as an import stores them."""
    with zipfile.ZipFile(CORPUS) as archive:
        records = json.loads(archive.read(archive.namelist()[0]))
    chosen: list[Document] = []
    for record in records:
        text = stored_form(record["content"]).text.strip()
        if len(text.split()) >= MIN_WORDS and all(text != d.text for d in chosen):
            chosen.append(Document(text, text_sha256(text), title=record["title"] or "-"))
        if len(chosen) == ARTICLES:
            break
    return chosen


def start_server(fsync: bool) -> Cluster:
    """The throwaway cluster; with `fsync`, started again with fsync on (start() turns it
    off, and an option on pg_ctl's command line outranks ALTER SYSTEM)."""
    cluster = start_cluster()
    if fsync:
        cluster.stop()
        options = (
            f"-k {cluster.socket_dir} -p {cluster.port} -c listen_addresses=127.0.0.1"
            " -c fsync=on -c synchronous_commit=on -c max_connections=200"
        )
        log = str(cluster.folder / "server.log")
        cluster.run("pg_ctl", "start", "--wait", "-D", str(cluster.data), "-l", log, "-o", options)
    return cluster


def server_setting(url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        row = connection.execute(f"SHOW {name}").fetchone()
    return str(row[0]) if row else "?"


@dataclass
class Run:
    """What a run of annotators left: each one's log, and the CPU seconds it took."""

    logs: dict[str, list[dict[str, Any]]]
    client_cpu: float  # the annotators' processes
    server_cpu: float  # the server's processes (0 for a SQLite file)
    load: float  # the machine's load average over the last minute, at the end


def server_cpu_seconds(cluster: Cluster | None) -> float:
    """CPU seconds the cluster's processes have used so far: the postmaster's own and its
    reaped children's (in its /proc stat), and the children still running (Linux only)."""
    if cluster is None or not Path("/proc").exists():
        return 0.0
    postmaster = int((cluster.data / "postmaster.pid").read_text().split()[0])
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # a process that ended meanwhile
        pid, parent = int(stat.parent.name), int(fields[1])
        if pid == postmaster:
            ticks += sum(int(f) for f in fields[11:15])  # utime, stime, cutime, cstime
        elif parent == postmaster:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def run_team(
    where: str,
    annotators: int,
    seconds: float,
    folder: Path,
    ids: list[int],
    cluster: Cluster | None = None,
    who: str = "annotator",
) -> Run:
    """Start the annotators, wait until all are ready, let them work; what they left."""
    folder.mkdir()
    context = multiprocessing.get_context("spawn")
    ready = context.Barrier(annotators + 1)
    plans = [
        Plan(
            where,
            f"{who}{i:02d}",
            tuple(ids[(i // 2 + k) % len(ids)] for k in range(len(ids))),
            seconds,
            str(folder / f"{who}{i:02d}.jsonl"),
            phase=PACE_S * i / annotators,
        )
        for i in range(annotators)
    ]
    processes = [context.Process(target=annotate, args=(plan, ready)) for plan in plans]
    for process in processes:
        process.start()
    ready.wait(timeout=300)
    started, server_before = time.perf_counter(), server_cpu_seconds(cluster)
    for process in processes:
        process.join()
    load = os.getloadavg()[0]
    time.sleep(0.5)  # the backends of the closed connections end and are reaped
    server = server_cpu_seconds(cluster) - server_before
    failed = [p.exitcode for p in processes if p.exitcode]
    if failed:
        raise RuntimeError(f"{len(failed)} annotator processes failed (exit codes {failed})")
    # Each edit's "done" is its return, relative to the common start from here on.
    logs = {plan.annotator: read_log(Path(plan.log)) for plan in plans}
    for entry in (entry for log in logs.values() for entry in log):
        entry["done"] -= started
    client = sum(float(Path(plan.log).with_suffix(".cpu").read_text()) for plan in plans)
    return Run(logs, client, server, load)


def percentile(times: list[float], share: int) -> float:
    return statistics.quantiles(times, n=100, method="inclusive")[share - 1]


def figures(logs: dict[str, list[dict[str, Any]]], seconds: float) -> dict[str, float]:
    """The run's figures; edits a second counts those returned within its `seconds`."""
    entries = [entry for log in logs.values() for entry in log]
    times = [entry["ms"] for entry in entries]
    late = [entry["late ms"] for entry in entries]
    return {
        "edits": len(times),
        "edits a second": sum(entry["done"] <= seconds for entry in entries) / seconds,
        "p50": percentile(times, 50),
        "p95": percentile(times, 95),
        "p99": percentile(times, 99),
        "slowest": max(times),
        "late": sum(ms > PACE_S * 1000 for ms in late),
    }


def by_kind(logs: dict[str, list[dict[str, Any]]], kind: str) -> list[float]:
    return [e["ms"] for entries in logs.values() for e in entries if e["edit"] == kind]


def show(what: str, figure: float, baseline: float, unit: str = "ms") -> None:
    against = ratio(figure, baseline) if unit == "ms" else f"ratio {figure / baseline:.1f}"
    print(f"  {what:<40} {figure:9.1f} {unit:<6} baseline {baseline:8.1f} {unit:<6} {against}")


def report_team(
    runs: dict[str, Run], verdicts: dict[str, Verdict], seconds: float, solo_s: float
) -> None:
    """The team's figures beside the baseline's, the server alone, the checks and verdicts."""
    team, alone, solo = runs["team"], runs["sqlite"], runs["solo"]
    ours, base = figures(team.logs, seconds), figures(alone.logs, seconds)
    annotators = len(team.logs)
    print(
        f"the team: {annotators} annotators on the server over TCP, {ours['edits']:,.0f} edits;"
        f" baseline: one annotator on a SQLite file, {base['edits']:,.0f} edits; each for"
        f" {seconds:g} s, an edit every {PACE_S * 1000:.0f} ms (edits a second: those returned"
        " within that time)"
    )
    show("edits a second", ours["edits a second"], base["edits a second"], "/s")
    for name in ("p50", "p95", "p99", "slowest"):
        show(f"an edit's latency, {name}", ours[name], base[name])
    for kind in EDIT_KINDS:
        mine, theirs = by_kind(team.logs, kind), by_kind(alone.logs, kind)
        show(
            f"  {kind} ({len(mine):,} edits), median",
            statistics.median(mine),
            statistics.median(theirs),
        )
    print(
        f"  edits that started a whole pace late: {ours['late']:.0f} (baseline {base['late']:.0f})"
    )
    # Slow edits spread over the run, or bunched into a few seconds (a stall of the server
    # or of the machine, whose other work this run shares)?
    slow = [int(e["done"]) for log in team.logs.values() for e in log if e["ms"] > P95_MS]
    if slow:
        worst = max(set(slow), key=slow.count)
        print(
            f"  edits over {P95_MS} ms: {len(slow):,}, in {len(set(slow))} of the run's"
            f" {seconds:g} seconds; the worst, second {worst + 1} of the run, held {slow.count(worst)}"
        )
    alone_there = figures(solo.logs, solo_s)
    print(
        f"  for information, one annotator alone on the server ({solo_s:g} s):"
        + " "
        + ", ".join(f"{name} {alone_there[name]:.1f} ms" for name in ("p50", "p95", "p99"))
    )
    cores = os.cpu_count() or 1
    print(
        f"  CPU over the team's run: the annotators' processes {team.client_cpu:.1f} s, the"
        f" server's {team.server_cpu:.1f} s, of the {seconds * cores:.0f} s that {cores} cores"
        f" have in {seconds:g} s; load average at the end {team.load:.1f} (the machine's"
        " other work included)"
    )
    for name, verdict in verdicts.items():
        print(
            f"  {name}: logs say {verdict.logged_spans:,} spans and {verdict.logged_links:,}"
            f" links; the database holds {verdict.stored_spans:,} and {verdict.stored_links:,};"
            f" lost {verdict.lost}, duplicated {verdict.duplicated}, failed {verdict.failed},"
            f" did something else {verdict.unexpected}"
        )
    asked = annotators / PACE_S
    check(
        "team: edits a second / the pace asked",
        ours["edits a second"] / asked,
        KEEP_PACE,
        at_most=False,
        digits=2,
    )
    for name, target in (("p50", P50_MS), ("p95", P95_MS), ("p99", P99_MS)):
        check(f"team: an edit's latency, {name}", ours[name], target, unit=" ms", digits=1)
    on_server = verdicts["the team and the one alone, on the server"]
    check("team: edits lost", on_server.lost, 0, digits=0)
    check("team: edits duplicated", on_server.duplicated, 0, digits=0)
    check(
        "team: edits failed or doing something else",
        on_server.failed + on_server.unexpected,
        0,
        digits=0,
    )


def make_project(url: str, documents: list[Document]) -> list[int]:
    from db.postgres.store import PgStore

    store = PgStore(url, create=True)
    ids = [int(i) for i in store.add_documents(documents)]
    store.close()
    return ids


def make_file(path: Path, documents: list[Document]) -> list[int]:
    from db.store import SqliteStore

    store = SqliteStore(path)
    ids = [int(i) for i in store.add_documents(documents)]
    store.close()
    return ids


def verify(store: Store, logs: dict[str, list[dict[str, Any]]]) -> Verdict:
    try:
        return check_logs(store, logs)
    finally:
        store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="of editing (default 60)")
    parser.add_argument("--annotators", type=int, default=20, help="processes (default 20)")
    parser.add_argument("--fsync", action="store_true", help="the server with fsync on")
    parser.add_argument("--no-window", action="store_true", help="leave out the window's figures")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: the shared corpus is not here ({CORPUS})")
        return 0
    from db.postgres.store import PgStore
    from db.store import SqliteStore

    documents = articles()
    try:
        cluster = start_server(args.fsync)
    except NoPostgres as error:
        print(f"skipped: no PostgreSQL server to measure ({error})")
        return 0
    try:
        with tempfile.TemporaryDirectory() as folder_name:
            folder = Path(folder_name)
            import psycopg

            with psycopg.connect(cluster.url(), autocommit=True) as admin:
                admin.execute("CREATE DATABASE team")
            url = cluster.tcp_url("team")
            fsync = server_setting(url, "fsync")
            print(
                f"server: PostgreSQL {server_setting(url, 'server_version')} on 127.0.0.1,"
                f" fsync {fsync}, synchronous_commit {server_setting(url, 'synchronous_commit')}"
                + ("" if args.fsync else " (the throwaway cluster's setting; --fsync: on)")
                + f"; the SQLite baseline: WAL, synchronous = FULL; {len(documents)} articles"
            )
            ids = make_project(url, documents)
            sqlite_path = folder / "alone.sqlite3"
            sqlite_ids = make_file(sqlite_path, documents)
            solo_s = min(SOLO_S, args.seconds)
            runs = {
                "team": run_team(url, args.annotators, args.seconds, folder / "team", ids, cluster),
                "sqlite": run_team(str(sqlite_path), 1, args.seconds, folder / "file", sqlite_ids),
                "solo": run_team(url, 1, solo_s, folder / "solo", ids, who="alone"),
            }
            verdicts = {
                "the team and the one alone, on the server": verify(
                    PgStore(url), {**runs["team"].logs, **runs["solo"].logs}
                ),
                "baseline, on the file": verify(SqliteStore(sqlite_path), runs["sqlite"].logs),
            }
            report_team(runs, verdicts, args.seconds, solo_s)
            if not args.no_window:
                from team_window import bench_window

                bench_window(url, folder / "window", fsync)
    finally:
        cluster.remove()
    finish()
    return 0


if __name__ == "__main__":
    sys.exit(main())
