"""Kill the editor at random moments; every committed edit must survive, and nothing else.

Ten trials run with the suite; 200 more run with `make test-slow` (HAMISH_SLOW=1).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.reliability.crash import TALLY, kill_delay, run_trial, run_trials


@pytest.mark.parametrize("seed", range(10))
def test_a_killed_editor_loses_no_committed_edit(tmp_path: Path, seed: int) -> None:
    result = run_trial(tmp_path, seed, kill_delay(seed))
    TALLY.results.append(result)
    assert result.problems == ()
    assert result.committed > 0, "the editor was killed before it committed anything"


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("HAMISH_SLOW") != "1",
    reason="200 crash trials take a minute: run them with `make test-slow` (HAMISH_SLOW=1)",
)
def test_slow_200_crash_trials(tmp_path: Path) -> None:
    results = run_trials(tmp_path, range(1000, 1200))
    TALLY.results.extend(results)
    failed = [(r.seed, r.problems) for r in results if r.problems]
    assert failed == []
    assert sum(r.committed for r in results) > 0
