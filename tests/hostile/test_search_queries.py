"""`search` fed what a hostile tester would: queries of thousands of words or characters
(issue 13, item 14), through the command once and through the store for the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotation.search import QueryTooLong, SpanQuery
from db.store import SqliteStore
from tests.hostile.conftest import assert_refused, digest, run_main, tally

TEN_THOUSAND_WORDS = " ".join(["قال"] * 10_000)


def test_a_ten_thousand_word_query_is_refused_through_the_command(project: Path) -> None:
    before = digest(project)
    with tally("search"):
        outcome = run_main(["search", "--db", project, TEN_THOUSAND_WORDS], timeout=60)
        assert_refused(
            outcome,
            "39,999 characters",
            "at most 1,000 characters",
            database=project,
            before=before,
        )
        assert outcome.status == 2
    with tally("search"):
        outcome = run_main(["search", "--db", project, " ".join(["قال"] * 65), "--label", "CLAIM"])
        assert_refused(outcome, "65 words", "at most 64 words", database=project, before=before)


@pytest.mark.parametrize(
    ("query", "named"),
    [
        (" ".join(["قال"] * 65), "65 words"),
        ('"' + " ".join(["الوفد"] * 100) + '"', "100 words"),  # one phrase, long
        (" ".join(f'"{w} {w}"' for w in ["دمشق"] * 40), "80 words"),
        ("ق" * 1001, "1,001 characters"),
        ("،" * 5000, "5,000 characters"),  # punctuation only, but long
        ("1 " * 400, "400 words"),  # digits are words too
    ],
)
def test_long_queries_are_refused_naming_the_bound(project: Path, query: str, named: str) -> None:
    before = digest(project)
    with tally("search"):
        store = SqliteStore(project)
        try:
            for search in (
                lambda: store.search_text(query),
                lambda: store.search_text(query, proclitics=True),
                lambda: store.search_hit_counts(query),
                lambda: store.search_spans(SpanQuery(text=query)),
            ):
                with pytest.raises(QueryTooLong, match=named):
                    search()
        finally:
            store.close()
        assert digest(project) == before
