"""A Label Studio server for the tests: started on 127.0.0.1 from the peers' environment with a
temporary data directory and two users made from its command line, spoken to over its HTTP API
with the standard library only (Hamish's environment has no `requests`).

How Label Studio 1.23.2 is driven here (found in its `server.py` and by trying):
- `label-studio init --username U --password P --user-token T --enable-legacy-api-token` runs the
  migrations on the fresh data directory, makes U with the API token T, and makes the
  organisation with legacy tokens (`Authorization: Token T`) enabled: without that flag only
  its JWT tokens are accepted. The migrations are most of the start-up time (about 50 s).
- `label-studio start --username U2 ...` makes a second user in the same organisation with its
  own token before it serves: the second annotator.
- Its version check (pypi.org) and error reports (sentry.io) are switched off through its
  environment (LATEST_VERSION_CHECK, SENTRY_DSN, FRONTEND_SENTRY_DSN, COLLECT_ANALYTICS): nothing
  leaves the machine.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Migrations and start took 54-77 s here; the limit leaves room for a slower machine.
STARTUP_SECONDS = 300
# Each user's address (Label Studio's user name), password and legacy API token.
FIRST = ("amal@hamish.test", "amal-password-1", "hamish-amal-token-1")
SECOND = ("omar@hamish.test", "omar-password-2", "hamish-omar-token-2")
QUIET = {
    "LATEST_VERSION_CHECK": "false",
    "SENTRY_DSN": "",
    "FRONTEND_SENTRY_DSN": "",
    "COLLECT_ANALYTICS": "false",
}


class LabelStudioError(AssertionError):
    """A call Label Studio answered with an error, or a server that did not come up."""


@dataclass(frozen=True, slots=True)
class LabelStudio:
    """A running server and its two users' tokens."""

    url: str
    log: Path
    first_token: str = FIRST[2]
    second_token: str = SECOND[2]
    started_in: float = 0.0

    def call(self, method: str, path: str, body: Any = None, token: str | None = None) -> Any:
        """Send a JSON request as a user (the first by default) and return the decoded answer."""
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Authorization", f"Token {token or self.first_token}")
        if data is not None:
            request.add_header("Content-Type", "application/json; charset=utf-8")
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                raw = response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace")[:2000]
            raise LabelStudioError(f"{method} {path}: HTTP {error.code}: {detail}") from None
        return json.loads(raw) if raw.strip() else None


def free_port() -> int:
    """A port nobody listens on at 127.0.0.1 just now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def tail(log: Path, lines: int = 40) -> str:
    """The end of the server's log, for a failure message."""
    try:
        return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@contextmanager
def running(bin_folder: Path, data_dir: Path) -> Iterator[LabelStudio]:
    """Start Label Studio, wait until it answers, and stop it (its whole process group) after."""
    program = bin_folder / "label-studio"
    if not program.exists():
        raise LabelStudioError(
            f"{program} is missing: `make interop` installs label-studio==1.23.2"
            " (requirements-interop.txt)"
        )
    data_dir.mkdir(parents=True, exist_ok=True)
    log = data_dir / "label-studio.log"
    env = {**os.environ, **QUIET, "LABEL_STUDIO_BASE_DATA_DIR": str(data_dir)}
    common = ["--data-dir", str(data_dir), "--no-browser", "--log-level", "WARNING"]
    began = time.monotonic()
    with log.open("w", encoding="utf-8") as stream:
        email, password, token = FIRST
        made = subprocess.run(
            [str(program), "init", *common, "--username", email, "--password", password,
             "--user-token", token, "--enable-legacy-api-token"],
            env=env, stdout=stream, stderr=subprocess.STDOUT, timeout=STARTUP_SECONDS,
            check=False,
        )  # fmt: skip
    if made.returncode != 0:
        raise LabelStudioError(f"label-studio init failed ({made.returncode}):\n{tail(log)}")
    port = free_port()
    email, password, token = SECOND
    stream = log.open("a", encoding="utf-8")
    server = subprocess.Popen(
        [str(program), "start", *common, "--internal-host", "127.0.0.1", "--port", str(port),
         "--username", email, "--password", password, "--user-token", token],
        env=env, stdout=stream, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        studio = LabelStudio(f"http://127.0.0.1:{port}", log)
        _wait(studio, server, began)
        yield LabelStudio(studio.url, log, started_in=time.monotonic() - began)
    finally:
        # The server forks nothing we want to keep: end its whole group, the one it was
        # started in (start_new_session), and only it.
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        stream.close()


def _wait(studio: LabelStudio, server: subprocess.Popen[bytes], began: float) -> None:
    """Until both users' tokens are accepted, the server exits, or STARTUP_SECONDS pass."""
    while time.monotonic() - began < STARTUP_SECONDS:
        if server.poll() is not None:
            raise LabelStudioError(
                f"label-studio start exited ({server.returncode}) before it answered:\n"
                f"{tail(studio.log)}"
            )
        try:
            studio.call("GET", "/api/current-user/whoami")
            studio.call("GET", "/api/current-user/whoami", token=studio.second_token)
            return
        except (LabelStudioError, OSError):
            time.sleep(1)
    raise LabelStudioError(
        f"Label Studio did not answer on {studio.url} within {STARTUP_SECONDS} s:\n"
        f"{tail(studio.log)}"
    )
