"""A test whose corpus file is missing skips on a workstation but fails in CI (issue 16): the
accuracy floors passed by skipping outside a checkout with ../shared/corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import corpus_file


def test_a_missing_corpus_file_skips_here_and_fails_in_ci(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    missing = tmp_path / "wojood-sample" / "test.txt"
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"test\.txt is not here"):
        corpus_file(missing)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true, so this is a failure"):
        corpus_file(missing)
