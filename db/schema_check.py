"""The schema check: every table, index and trigger as the migrations build them, compared
definition by definition with what the database holds (part of `check`)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator

import sqlite_utils

from db.migrations import migrate
from db.problems import Problem, ProblemKind


def _schema(connection: sqlite3.Connection) -> Iterator[Problem]:
    # What the migrations build, compared with what is there, definition by definition: a
    # dropped trigger (documents_text_is_immutable), or one redefined to never fire, would
    # otherwise go unnoticed until the harm is done.
    reference = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(sqlite_utils.Database(reference))
        expected = _schema_objects(reference)
    finally:
        reference.close()
    present = _schema_objects(connection)
    for (kind, name), (table, sql) in sorted(expected.items()):
        if (kind, name) not in present:
            yield Problem(ProblemKind.SCHEMA, f"the {kind} {name} is missing", table=table)
            continue
        has = present[(kind, name)][1]
        if has != sql:
            yield Problem(
                ProblemKind.SCHEMA,
                f"the {kind} {name} is not as the migrations make it: {_difference(has, sql)}",
                table=table,
            )
    for (kind, name), (table, _) in sorted(present.items()):
        if (kind, name) not in expected:
            yield Problem(
                ProblemKind.SCHEMA, f"the {kind} {name} is not part of the schema", table=table
            )


def _schema_objects(connection: sqlite3.Connection) -> dict[tuple[str, str], tuple[str, str]]:
    """(type, name) -> (the table it belongs to, its normalised SQL), for every object but
    SQLite's own."""
    return {
        (kind, name): (table, _normalise(sql or ""))
        for kind, name, table, sql in connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master"
            " WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
        )
    }


# SQL as tokens: what differs only in layout, comments, quoting of identifiers or the case of
# keywords and names means the same to SQLite. String literals (a trigger's message) are kept.
_TOKENS = re.compile(
    r"""(?P<space>\s+|--[^\n]*|/\*.*?(?:\*/|\Z))
    |(?P<string>'(?:[^']|'')*'?)
    |(?P<quoted>"(?:[^"]|"")*"?|`(?:[^`]|``)*`?|\[[^\]]*\]?)
    |(?P<word>\w+)
    |(?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)
_WORD = re.compile(r"\w+")


def _normalise(sql: str) -> str:
    """`sql` with one layout: lower-case names, identifiers unquoted where they can be, a
    space only between two words and no comments."""
    out: list[str] = []
    spaced = False  # whether the last token was a word, literal or quoted name
    for match in _TOKENS.finditer(sql):
        kind, token = match.lastgroup, match.group()
        if kind == "space":
            continue
        if kind == "quoted":
            inner = token[1:-1] if token[0] == "[" else token[1:-1].replace(token[0] * 2, token[0])
            inner = inner.lower()
            token = inner if _WORD.fullmatch(inner) else '"' + inner.replace('"', '""') + '"'
        elif kind == "word":
            token = token.lower()
        word = kind != "other"
        if word and spaced:
            out.append(" ")
        out.append(token)
        spaced = word
    return "".join(out)


def _difference(has: str, expected: str) -> str:
    """Where two normalised definitions part, as a little of each."""
    at = next(
        (i for i, (a, b) in enumerate(zip(has, expected, strict=False)) if a != b),
        min(len(has), len(expected)),
    )
    begin = max(0, at - 20)

    def excerpt(sql: str) -> str:
        part = sql[begin : at + 40]
        return ("…" if begin else "") + part + ("…" if at + 40 < len(sql) else "")

    return f"it has «{excerpt(has)}» where they have «{excerpt(expected)}»"


# Foreign-key failures Hamish knows, by (table, column): what is missing, and how to say so.
