"""The search index: FTS5 over each document's folded words, and searches of text and spans
(part of SqliteStore).

`search_text` is a contentless FTS5 table (migration 5): it keeps the index, not a second copy
of the corpus, and its rowid is the document's id. What it indexes is annotation.search's
`index_text`, so a query folds exactly as the text did. A contentless row can only be removed by
giving the words it was indexed with, so triggers on `documents` note in `search_pending` every
document added, changed or deleted, with the text that was indexed (written by any program,
plain sqlite3 included); `index_pending` brings the index up to date from that note, inside the
same transaction in add_documents, and before a search if another program left work.

Hits are found again in the text itself (annotation.search.find_hits), so their offsets always
come from the stored text; the figures come from the index: the `row` vocabulary for one word,
the word positions of the `instance` vocabulary for phrases and several words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Protocol

import sqlite_utils

from annotation.model import DocumentId
from annotation.ports import StoreError
from annotation.search import (
    SearchHit,
    TextQuery,
    TextSearchResult,
    check_query,
    count_phrases,
    find_hits,
    index_text,
    keyword_in_context,
    parse_query,
)
from db.store_base import StoreBase


class SqliteSearch(StoreBase, Protocol):
    """A store whose database is SQLite's."""

    db: sqlite_utils.Database


BATCH = 500  # documents indexed, or read for hits, at a time


def index_pending(db: sqlite_utils.Database) -> int:
    """Bring the index up to date with every document noted in `search_pending`; return how
    many were. Call inside a transaction."""
    done = 0
    while True:
        rows = db.execute(
            "SELECT p.document_id, p.indexed_text, d.text FROM search_pending p"
            " LEFT JOIN documents d ON d.id = p.document_id ORDER BY p.document_id LIMIT ?",
            [BATCH],
        ).fetchall()
        if not rows:
            return done
        # The words it was indexed with remove a contentless row: nothing else can.
        db.conn.executemany(
            "INSERT INTO search_text (search_text, rowid, words) VALUES ('delete', ?, ?)",
            [(row[0], index_text(row[1])) for row in rows if row[1] is not None],
        )
        db.conn.executemany(
            "INSERT INTO search_text (rowid, words) VALUES (?, ?)",
            [(row[0], index_text(row[2])) for row in rows if row[2] is not None],
        )
        # The batch is the lowest ids, in order.
        db.execute("DELETE FROM search_pending WHERE document_id <= ?", [rows[-1][0]])
        done += len(rows)


def _placeholders(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)


class SearchIndex:
    """Searches of the documents' text (SqliteStore's: FTS5 is SQLite's own)."""

    db: sqlite_utils.Database

    def search_text(
        self: SqliteSearch, query: str, proclitics: bool = False, limit: int = 200
    ) -> TextSearchResult:
        """The first `limit` hits of `query` by document then position, and how many in all
        (QueryTooLong for a query beyond annotation.search's bounds)."""
        check_query(query)
        parsed = parse_query(query, proclitics)
        if parsed.is_empty:
            return TextSearchResult((), 0, 0)
        _catch_up(self)
        with _snapshot(self.db, parsed):
            total_hits, total_documents = _figures(self.db, parsed)
            # Where the index only narrows the documents down (a phrase with proclitics), the
            # hits found in the text decide, and documents without any are passed over.
            hits = _first_hits(_documents_matching(self.db), parsed, limit)
        return TextSearchResult(tuple(hits), total_hits, total_documents)

    def search_hit_counts(
        self: SqliteSearch, query: str, proclitics: bool = False
    ) -> dict[DocumentId, int]:
        """How many hits of `query` each document holds (documents without any left out), in
        document order; the whole corpus is counted, so a very common word takes longest."""
        check_query(query)
        parsed = parse_query(query, proclitics)
        if parsed.is_empty:
            return {}
        _catch_up(self)
        with _snapshot(self.db, parsed):
            counts = _hit_counts(self.db, parsed)
        return {DocumentId(document): counts[document] for document in sorted(counts)}


def _catch_up(store: SqliteSearch) -> None:
    # Only after another program wrote documents: Hamish's own writes index at once.
    if store.db.execute("SELECT 1 FROM search_pending LIMIT 1").fetchone():
        try:
            with store.transaction():
                index_pending(store.db)
        except StoreError:
            # Another program is writing: search what is indexed. Hits are found in the
            # stored text, so a stale index may miss a document but never misplaces a hit.
            pass


@contextmanager
def _snapshot(db: sqlite_utils.Database, query: TextQuery) -> Iterator[None]:
    """A read transaction, so that figures and hits come from one state of the database while
    another window or an import writes (inside a transaction already, nothing to begin); in
    it, the documents matching the whole query, found once (see _remember_matching)."""
    _vocabularies(db)
    if db.conn.in_transaction:
        _remember_matching(db, query)
        yield
        return
    db.execute("BEGIN")
    try:
        _remember_matching(db, query)
        yield
    finally:
        db.execute("COMMIT")


def _remember_matching(db: sqlite_utils.Database, query: TextQuery) -> None:
    # The documents the index finds for the whole query, in a temp table read by every
    # phrase's count: each phrase re-running a MATCH of all the query's words made a search's
    # work grow with the square of its words (issue 13, item 14: 1,000 words took 7 s).
    # `temp` is this connection's own, so it is written even on a read-only database.
    db.execute("CREATE TEMP TABLE IF NOT EXISTS search_matching (doc INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM temp.search_matching")
    db.execute(
        "INSERT INTO temp.search_matching SELECT rowid FROM search_text WHERE search_text MATCH ?",
        [query.match_expression()],
    )


def _vocabularies(db: sqlite_utils.Database) -> None:
    # fts5vocab tables read the index's own term lists; in `temp`, so they are this
    # connection's and no part of the schema (`python main.py check` compares it).
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms"
        " USING fts5vocab(main, search_text, row)"
    )
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_positions"
        " USING fts5vocab(main, search_text, instance)"
    )


def _terms(forms: Iterable[str]) -> list[str]:
    # The vocabulary holds words as the unicode61 tokenizer folded them: lower case.
    return sorted({form.lower() for form in forms})


def _figures(db: sqlite_utils.Database, query: TextQuery) -> tuple[int, int]:
    """How many hits and documents the whole corpus holds."""
    if not query.exact_in_index:
        counts = _hit_counts(db, query)
        return sum(counts.values()), len(counts)
    (documents,) = db.execute("SELECT count(*) FROM temp.search_matching").fetchone()
    if query.is_one_word:  # the vocabulary's own count, without reading a position
        terms = _terms(query.forms(query.phrases[0])[0])
        (hits,) = db.execute(
            "SELECT coalesce(sum(cnt), 0) FROM temp.search_terms"
            f" WHERE term IN ({_placeholders(terms)})",
            terms,
        ).fetchone()
        return int(hits), int(documents)
    hits = 0
    for phrase in query.phrases:
        forms = [_terms(each) for each in query.forms(phrase)]
        if len(forms) == 1:
            hits += _one(
                db,
                "SELECT count(*) FROM temp.search_positions"
                f" WHERE term IN ({_placeholders(forms[0])}) AND {_MATCHING}",
                forms[0],
            )
        else:
            hits += sum(_phrase_counts(db, query, forms).values())
    return hits, int(documents)


# Positions are read only in the documents the index finds for the whole query: a phrase with
# a word as common as في reads a tenth of that word's positions, or less.
_MATCHING = "doc IN (SELECT doc FROM temp.search_matching)"


def _one(db: sqlite_utils.Database, sql: str, params: Sequence[str]) -> int:
    return int(db.execute(sql, params).fetchone()[0])


def _hit_counts(db: sqlite_utils.Database, query: TextQuery) -> Counter[int]:
    """Hits per document: every phrase counted where all of them occur."""
    per_phrase = [
        _phrase_counts(db, query, [_terms(each) for each in query.forms(phrase)])
        for phrase in query.phrases
    ]
    everywhere = set.intersection(*(set(counts) for counts in per_phrase))
    return Counter(
        {document: sum(counts[document] for counts in per_phrase) for document in everywhere}
    )


def _phrase_counts(
    db: sqlite_utils.Database, query: TextQuery, forms: list[list[str]]
) -> Counter[int]:
    """Occurrences per document of the phrase whose words take these forms."""
    if len(forms) == 1:
        return Counter(
            dict(
                db.execute(
                    "SELECT doc, count(*) FROM temp.search_positions"
                    f" WHERE term IN ({_placeholders(forms[0])}) AND {_MATCHING} GROUP BY doc",
                    forms[0],
                ).fetchall()
            )
        )
    positions = [
        db.execute(
            "SELECT doc, offset FROM temp.search_positions"
            f" WHERE term IN ({_placeholders(terms)}) AND {_MATCHING}",
            terms,
        ).fetchall()
        for terms in forms
    ]
    return count_phrases(positions)


Row = tuple[int, str, str]  # a document's id, title and text


def _documents_matching(db: sqlite_utils.Database) -> Iterator[Row]:
    # The rowid order, so the join reads documents only as far as the page needs.
    cursor = db.conn.cursor()
    cursor.arraysize = 50
    cursor.execute(
        "SELECT d.id, d.title, d.text FROM temp.search_matching m JOIN documents d"
        " ON d.id = m.doc ORDER BY m.doc"
    )
    while rows := cursor.fetchmany():
        yield from rows


def _first_hits(documents: Iterator[Row], query: TextQuery, limit: int) -> list[SearchHit]:
    hits: list[SearchHit] = []
    if limit <= 0:
        return hits
    for document_id, title, text in documents:
        for start, end in find_hits(text, query):
            before, match, after = keyword_in_context(text, start, end)
            hits.append(SearchHit(DocumentId(document_id), title, start, end, before, match, after))
            if len(hits) == limit:
                return hits
    return hits
