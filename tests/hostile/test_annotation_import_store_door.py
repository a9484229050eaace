"""The store's own door (db/door.py), the last line of defence behind every importer: whatever
calls it (the window, the assistant, a script), it refuses a text not in stored form, a wrong
SHA-256, and labels, link kinds, names and titles beyond model.py's limits or holding control
characters, and stores nothing of what it refused."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from annotation.model import Document, Entity, EntityKind, Link, Span, text_sha256
from annotation.ports import StoreError
from db.store import SqliteStore
from tests.hostile.conftest import KNOWN, digest, tally


def document(text: str, **fields: object) -> Document:
    return Document(text, text_sha256(text), **fields)  # type: ignore[arg-type]


def speaker(store: SqliteStore) -> Span:
    (found,) = [s for s in store.spans_for(store.document_summaries()[0].id, "amal")
                if s.label == "SPEAKER"]  # fmt: skip
    return found


Attempt = Callable[[SqliteStore], object]

CASES: list[tuple[str, Attempt, str]] = [
    ("a text with a leading BOM", lambda s: s.add_documents([document("\ufeffنص")]), "BOM"),
    ("a text with CRLF", lambda s: s.add_documents([document("سطر\r\nسطر")]), "carriage return"),
    ("a text with a NUL", lambda s: s.add_documents([document("نص\x00")]), "control character"),
    ("a text not in NFC", lambda s: s.add_documents([document("ا\u0654حمد")]), "NFC"),
    ("a wrong SHA-256",
     lambda s: s.add_documents([Document("نص", "0" * 64, title="خبر")]), "SHA-256"),
    ("a title with an ESC sequence",
     lambda s: s.add_documents([document("نص", title="\x1b[2J")]), "control character"),
    ("a title of 1,001 characters",
     lambda s: s.add_documents([document("نص", title="ع" * 1001)]), "at most 1000"),
    ("a label of 1,000,000 characters",
     lambda s: s.add_span(replace(speaker(s), id=None, label="X" * 10**6)), "at most 64"),
    ("a label changed to hold a line feed",
     lambda s: s.update_span(replace(speaker(s), label="SPEAKER\n")), "line break"),
    ("an empty label", lambda s: s.add_span(replace(speaker(s), id=None, label="")), "empty"),
    ("an annotator with an ESC sequence",
     lambda s: s.add_span(replace(speaker(s), id=None, annotator="a\x1b[31m")),
     "control character"),
    ("an annotator of 65 characters",
     lambda s: s.add_span(replace(speaker(s), id=None, annotator="a" * 65)), "at most 64"),
    ("an empty annotator", lambda s: s.add_span(replace(speaker(s), id=None, annotator=" ")),
     "empty"),
    ("a link kind of 100,000 characters",
     lambda s: s.add_link(Link("K" * 100_000, speaker(s).id, speaker(s).id)),  # type: ignore[arg-type]
     "at most 64"),
    ("a link from a span to itself",
     lambda s: s.add_link(Link("ATTRIBUTED_TO", speaker(s).id, speaker(s).id)),  # type: ignore[arg-type]
     "itself"),
    ("an empty entity name", lambda s: s.add_entity(Entity(EntityKind.PLACE, "")), "empty"),
    ("an entity name of 201 characters",
     lambda s: s.add_entity(Entity(EntityKind.PLACE, "د" * 201)), "at most 200"),
    ("aliases as one text",
     lambda s: s.add_entity(Entity(EntityKind.PLACE, "دمشق", "abc")),  # type: ignore[arg-type]
     "list of names"),
    ("an entity renamed with a NUL",
     lambda s: s.update_entity(replace(s.entities()[0], name="دم\x00شق")), "control character"),
]  # fmt: skip


@pytest.mark.parametrize(("attempt", "word"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_store_refuses_at_its_door(project: Path, attempt: Attempt, word: str) -> None:
    with tally("store door"):
        before = digest(project)
        store = SqliteStore(project)
        try:
            with pytest.raises(StoreError, match=r"cannot store|link") as caught:
                attempt(store)
        finally:
            store.close()
        assert word in str(caught.value)
        assert digest(project) == before


def test_what_the_window_stores_passes_the_door(project: Path) -> None:
    store = SqliteStore(project)
    try:
        text = "عَلِمْتُ\tأنّ الـــوزير\nقال 😀 «نعم»"
        (added,) = store.add_documents([document(text, title="عنوان  طويل", url="https://x/ع")])
        span = store.add_span(Span(added, "أمل", "SPEAKER", 9, 21, text[9:21]))
        assert span.id is not None and store.document(added).text == text
        assert KNOWN in store.document(store.document_summaries()[0].id).text
    finally:
        store.close()
