"""A throwaway PostgreSQL cluster for the tests and benchmarks: `initdb` into a temporary
folder, `pg_ctl start` listening on a Unix socket in that folder (and on a 127.0.0.1 port
for tests that need TCP), stopped and removed at the end.

PostgreSQL refuses to run as root; run as root (CI is), the cluster belongs to the `postgres`
user that Debian's package creates, and its commands run through `runuser`. No part of it is
mocked: the tests talk to the real server Debian ships.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from annotation.changes import Changes
from annotation.ports import Connection

INSTALL = "apt-get install -y postgresql  (Debian and Ubuntu: the server and its initdb)"


class NoPostgres(RuntimeError):
    """PostgreSQL's server programs are not on this machine."""


def server_programs() -> Path:
    """The folder holding initdb and pg_ctl: $HAMISH_PG_BIN, Debian's newest
    /usr/lib/postgresql/N/bin, or the PATH."""
    if chosen := os.environ.get("HAMISH_PG_BIN"):
        if not (Path(chosen) / "initdb").exists():
            raise NoPostgres(
                f"HAMISH_PG_BIN is {chosen}, which holds no initdb; the tests of the team"
                f" store run against a real PostgreSQL: {INSTALL}"
            )
        return Path(chosen)
    debian = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name)
    )
    if debian:
        return debian[-1].parent
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    raise NoPostgres(
        "PostgreSQL's server is not installed here, and the tests of the team store run against"
        f" a real one: {INSTALL}; or set HAMISH_PG_BIN to the folder holding initdb and pg_ctl"
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Cluster:
    """One running cluster; `url(database)` connects as its superuser over the socket."""

    folder: Path
    port: int
    bin: Path
    as_postgres: bool
    superuser: str = field(default="postgres")

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def socket_dir(self) -> Path:
        return self.folder

    def url(self, database: str = "postgres", user: str | None = None) -> str:
        """A URL for psycopg and Hamish's --db: the socket folder as the host."""
        return (
            f"postgresql://{user or self.superuser}@/{database}"
            f"?host={self.socket_dir}&port={self.port}"
        )

    def tcp_url(self, database: str = "postgres", user: str | None = None) -> str:
        return f"postgresql://{user or self.superuser}@127.0.0.1:{self.port}/{database}"

    def run(self, *command: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """A server program (pg_ctl, initdb) as the cluster's owner."""
        argv = [str(self.bin / command[0]), *command[1:]]
        if self.as_postgres:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        return subprocess.run(argv, check=check, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        self.run(
            "pg_ctl",
            "start",
            "--wait",
            "-D",
            str(self.data),
            "-l",
            str(self.folder / "server.log"),
            "-o",
            f"-k {self.socket_dir} -p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off"
            " -c max_connections=200",
        )

    def stop(self, mode: str = "fast") -> None:
        self.run("pg_ctl", "stop", "--wait", "-D", str(self.data), "-m", mode, check=False)

    def is_running(self) -> bool:
        return self.run("pg_ctl", "status", "-D", str(self.data), check=False).returncode == 0

    def log(self) -> str:
        path = self.folder / "server.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def remove(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster(folder: Path | None = None, port: int | None = None) -> Cluster:
    """initdb and start a new cluster (UTF-8, trust on the socket and loopback), on `port`
    or a free one."""
    bin_dir = server_programs()
    folder = Path(folder or tempfile.mkdtemp(prefix="hamish-pg-"))
    folder.mkdir(parents=True, exist_ok=True)
    as_postgres = os.geteuid() == 0
    if as_postgres:
        shutil.chown(folder, "postgres", "postgres")
    cluster = Cluster(folder, port or _free_port(), bin_dir, as_postgres)
    try:
        cluster.run(
            "initdb",
            "-D",
            str(cluster.data),
            "-U",
            cluster.superuser,
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "-A",
            "trust",
        )
    except subprocess.CalledProcessError as error:
        raise NoPostgres(f"initdb failed: {error.stderr.strip()}") from None
    try:
        cluster.start()
    except subprocess.CalledProcessError as error:
        raise NoPostgres(
            f"pg_ctl start failed: {error.stderr.strip()}\n{cluster.log()[-2000:]}"
        ) from None
    return cluster


def changes_heard(store: Connection, seconds: float = 5) -> Changes:
    """What a store hears of other connections' commits, waiting for the server's notice
    (sent at the commit, read off the socket a moment later) up to `seconds`: a bound on a
    wait, not a timing assert. SQLite's store answers at once."""
    deadline = time.monotonic() + seconds
    while not (changes := store.changes_elsewhere()) and time.monotonic() < deadline:
        time.sleep(0.01)
    return changes
