"""`check` on a team project: the checks of db/maintenance.py that mean something on
PostgreSQL, run on the server's rows.

The record checks (db/record_check.py), the value check read the app's way
(db/value_check.py) and the door check (db/door_check.py) are the SQLite file's own, in SQL
both engines speak. What is SQLite's alone stays there: integrity_check and the schema's
text (PostgreSQL keeps its pages and catalogue itself), foreign_key_check (PostgreSQL
enforces references on every write, whoever writes) and the FTS5 index. In its place, each
document's search words are compared with what Hamish writes for its text
(db/postgres/text_search.py words_vector), so a text search finds what is there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import psycopg

from annotation.model import DocumentId
from annotation.ports import StoreError
from db.door_check import _door
from db.postgres.database import Database
from db.postgres.text_search import words_vector
from db.problems import Problem, ProblemKind
from db.record_check import check_documents, check_links, check_spans
from db.value_check import every_value

BATCH = 500  # documents whose search words are compared at a time


def check(db: Database) -> list[Problem]:
    """Every problem found in a team project's database; an empty list when all holds."""
    problems: list[Problem] = []
    checks: tuple[Callable[[Database], Iterator[Problem]], ...] = (
        check_documents,
        check_spans,
        check_links,
        every_value,
        _door,
        check_search_words,
    )
    for each in checks:
        try:
            # A savepoint each, inside the caller's snapshot: a check that fails leaves the
            # transaction usable for the next.
            with db.conn.transaction():
                problems.extend(each(db))
        except (psycopg.Error, StoreError) as error:
            # One check the server refuses (a permission, a lost connection: the store's
            # ConnectionLostError by then) leaves the others.
            name = each.__name__.lstrip("_").removeprefix("check_")
            problems.append(Problem(ProblemKind.UNREADABLE, f"{name}: {error}"))
    return problems


def check_search_words(db: Database) -> Iterator[Problem]:
    """Documents whose stored search words are not those of their text: a search would miss
    them, or find them for words they do not hold."""
    after = 0
    while True:
        rows = db.execute(
            "SELECT id, text FROM documents WHERE id > ? ORDER BY id LIMIT ?", [after, BATCH]
        ).fetchall()
        if not rows:
            return
        ids = [row[0] for row in rows]
        expected = [words_vector(row[1]) if isinstance(row[1], str) else "" for row in rows]
        # Compared as tsvectors on the server, which puts each side in its own order.
        for (document,) in db.execute(
            "SELECT d.id FROM documents d"
            " JOIN unnest(?::bigint[], ?::text[]) AS w(id, words) ON w.id = d.id"
            " WHERE d.words IS DISTINCT FROM w.words::tsvector ORDER BY d.id",
            [ids, expected],
        ):
            yield Problem(
                ProblemKind.SEARCH_INDEX,
                "the search words stored for this document are not those of its text, so"
                " searches will miss it or find it wrongly",
                DocumentId(document),
            )
        after = ids[-1]
