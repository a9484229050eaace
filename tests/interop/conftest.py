"""The real tools on the other end (`make interop`): Label Studio, Java UIMA and spaCy.

They run from their own environment, `.venv-interop` (requirements-interop.txt), and from
Debian's packages that .ci/run installs. `make test` leaves this folder out (tests/conftest.py);
`make interop` sets HAMISH_INTEROP to that environment. Here a peer that is missing fails its
test with a message saying what to install: it is never skipped.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def interop_bin() -> Path:
    """The peers' environment's bin folder (label-studio, python with spaCy)."""
    where = os.environ.get("HAMISH_INTEROP")
    if not where:
        pytest.fail("HAMISH_INTEROP is not set: run these tests with `make interop`")
    bin_folder = Path(where).resolve() / "bin"
    if not (bin_folder / "python").exists():
        pytest.fail(f"{bin_folder / 'python'} is missing: `make interop` builds it")
    return bin_folder


def require_program(name: str, package: str) -> str:
    """The path of a program the tests run, or a failure naming the package that has it."""
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: apt-get install -y {package} (.ci/run does)")
    return found
