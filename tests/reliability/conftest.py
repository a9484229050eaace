"""Report what the crash trials committed and verified, below the test results."""

from __future__ import annotations

import pytest

from tests.reliability.crash import TALLY


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if TALLY.results:
        terminalreporter.write_line(TALLY.summary())
