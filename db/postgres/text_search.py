"""Searching the documents' text on PostgreSQL (part of PgStore): its full-text index finds
the documents that may hold hits, and annotation.search finds the hits in their text.

Each document's folded words (annotation.search.index_words, the words SQLite's FTS5 table is
given) are stored as a `tsvector` built here, lexeme by lexeme, so PostgreSQL's own parser and
dictionaries never change a word: the index holds exactly the words the query is folded to. A
query asks for documents holding every word of every phrase, in any of its forms (with the
proclitic option, وال+word and the rest); the phrases themselves, the hits' offsets and the
figures come from find_hits over those documents' text, the same function the SQLite store's
hits come from, so the two engines agree hit for hit.
"""

from __future__ import annotations

from collections.abc import Iterator

from annotation.model import DocumentId
from annotation.search import (
    SearchHit,
    TextQuery,
    TextSearchResult,
    check_query,
    find_hits,
    index_words,
    keyword_in_context,
    parse_query,
)
from db.postgres.database import Database

# PostgreSQL refuses a lexeme over 2,047 bytes; a "word" that long is no word a person searches.
_LONGEST = 2046


def _lexeme(word: str) -> str:
    if "'" not in word and "\\" not in word:
        return f"'{word}'"  # nearly every word: a copy of a corpus quotes millions
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def words_vector(text: str) -> str:
    """The tsvector literal of `text`'s folded words (each once: the index only narrows)."""
    words = {word.lower() for word in index_words(text)}
    # A word of at most _LONGEST // 4 characters fits whatever its letters (4 bytes at most).
    return " ".join(
        _lexeme(word)
        for word in sorted(words)
        if len(word) <= _LONGEST // 4 or len(word.encode()) <= _LONGEST
    )


def candidates_query(query: TextQuery) -> str | None:
    """A tsquery literal for the documents holding every word of the query in one of its
    forms; None if a word is too long for the index (then every document is read)."""
    parts = []
    for phrase in query.phrases:
        for forms in query.forms(phrase):
            words = sorted({form.lower() for form in forms})
            if any(len(word.encode()) > _LONGEST for word in words):
                return None
            parts.append("(" + " | ".join(_lexeme(word) for word in words) + ")")
    return " & ".join(parts)


Row = tuple[int, str, str]  # a document's id, title and text


def _candidates(db: Database, query: TextQuery) -> Iterator[Row]:
    expression = candidates_query(query)
    sql = "SELECT id, title, text FROM documents"
    if expression is not None:
        sql += " WHERE words @@ %s::tsquery"
    # A server-side cursor: documents arrive fifty at a time, and a page of hits stops early.
    with db.conn.cursor(name="hamish_search") as cursor:
        cursor.itersize = 50
        cursor.execute(sql + " ORDER BY id", [expression] if expression is not None else None)
        yield from cursor


class TextSearch:
    """The document text's search, through the words index."""

    db: Database

    def search_text(
        self, query: str, proclitics: bool = False, limit: int = 200
    ) -> TextSearchResult:
        """The first `limit` hits of `query` by document then position, and how many in all."""
        check_query(query)
        parsed = parse_query(query, proclitics)
        if parsed.is_empty:
            return TextSearchResult((), 0, 0)
        hits: list[SearchHit] = []
        total_hits = total_documents = 0
        # One state of the corpus, and the cursor lives in it.
        with self.db.faults(), self.db.conn.transaction():
            for document_id, title, text in _candidates(self.db, parsed):
                found = find_hits(text, parsed)
                if not found:
                    continue
                total_hits += len(found)
                total_documents += 1
                for start, end in found[: max(limit - len(hits), 0)]:
                    before, match, after = keyword_in_context(text, start, end)
                    hits.append(
                        SearchHit(DocumentId(document_id), title, start, end, before, match, after)
                    )
        return TextSearchResult(tuple(hits), total_hits, total_documents)

    def search_hit_counts(self, query: str, proclitics: bool = False) -> dict[DocumentId, int]:
        """How many hits of `query` each document holds (none: left out), in document order."""
        check_query(query)
        parsed = parse_query(query, proclitics)
        if parsed.is_empty:
            return {}
        counts: dict[DocumentId, int] = {}
        with self.db.faults(), self.db.conn.transaction():
            for document_id, _title, text in _candidates(self.db, parsed):
                if found := find_hits(text, parsed):
                    counts[DocumentId(document_id)] = len(found)
        return counts
