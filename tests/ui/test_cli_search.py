"""`python main.py search`, run as a person would: words in context, or spans by filter."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotation.model import Document, Entity, EntityKind, Link, Span, Status, text_sha256
from db.store import SqliteStore
from tests.ui.test_cli import hamish

TEXT = "😀 قال وزير الخارجية الروسي سيرغي لافروف إن الحل في الرّقة وبالرقة سياسي."
OTHER = "وصل الوفد إلى إسرائيل، ثم إلى مستشفى المدينه."


@pytest.fixture
def filled(database: Path) -> dict[str, Any]:
    store = SqliteStore(database)
    try:
        first, second = store.add_documents(
            [
                Document(text=TEXT, text_sha256=text_sha256(TEXT), title="لافروف"),
                Document(text=OTHER, text_sha256=text_sha256(OTHER), title="الوفد"),
            ]
        )
        lavrov = store.add_entity(Entity(EntityKind.PERSON, "سيرغي لافروف", aliases=("لافروف",)))

        def span(label: str, part: str, **kw: Any) -> Span:
            start = TEXT.index(part)
            return store.add_span(Span(first, "amal", label, start, start + len(part), part, **kw))

        claim = span("CLAIM", "الحل في الرّقة وبالرقة سياسي")
        speaker = span("SPEAKER", "وزير الخارجية الروسي سيرغي لافروف", entity_id=lavrov.id)
        assert claim.id and speaker.id
        store.add_link(Link("ATTRIBUTED_TO", claim.id, speaker.id))
        store.set_status(first, "amal", Status.DONE)
        return {"first": first, "second": second, "claim": claim, "speaker": speaker}
    finally:
        store.close()


def test_json_hits_carry_code_point_offsets_into_the_text(
    database: Path, filled: dict[str, Any]
) -> None:
    result = hamish("search", "الرقة", "--proclitics", "--json", database=database)
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    first = TEXT.index("الرّقة")
    behind = TEXT.index("بالرقة") + 1  # the hit is the word, not the proclitic
    assert [(h["document_id"], h["start"], h["end"], h["text"]) for h in hits] == [
        (filled["first"], first, first + 6, "الرّقة"),
        (filled["first"], behind, behind + 5, "الرقة"),
    ]
    assert all(TEXT[h["start"] : h["end"]] == h["text"] for h in hits)
    assert hits[0]["title"] == "لافروف"
    assert hits[0]["before"].endswith("إن الحل في ")


def test_lines_show_each_hit_in_context_and_the_totals(
    database: Path, filled: dict[str, Any]
) -> None:
    result = hamish("search", "اسرائيل مستشفي", database=database)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{filled['second']}\tالوفد\tوصل الوفد إلى [إسرائيل]، ثم إلى مستشفى المدينه.",
        f"{filled['second']}\tالوفد\tوصل الوفد إلى إسرائيل، ثم إلى [مستشفى] المدينه.",
        "2 hits in 1 document",
    ]
    limited = hamish("search", '"الحل في"', "--limit", "0", database=database)
    assert limited.stdout.splitlines() == ["1 hit in 1 document (the first 0 shown)"]


def test_filters_search_spans_and_claims_bring_their_speakers(
    database: Path, filled: dict[str, Any]
) -> None:
    result = hamish("search", "", "--label", "CLAIM", "--entity", "لافروف", "--json",
                    database=database)  # fmt: skip
    assert result.returncode == 0, result.stderr
    (claim,) = json.loads(result.stdout)
    span = filled["claim"]
    assert claim == {
        "document_id": filled["first"],
        "title": "لافروف",
        "start": span.start,
        "end": span.end,
        "text": "الحل في الرّقة وبالرقة سياسي",
        "annotator": "amal",
        "label": "CLAIM",
        "span_id": span.id,
        "entity_id": None,
        "speakers": [
            {
                "span_id": filled["speaker"].id,
                "text": "وزير الخارجية الروسي سيرغي لافروف",
                "start": filled["speaker"].start,
                "end": filled["speaker"].end,
                "entity_id": filled["speaker"].entity_id,
            }
        ],
    }
    lines = hamish("search", "الرقة", "--annotator", "amal", "--status", "done",
                   database=database).stdout.splitlines()  # fmt: skip
    assert lines == [
        f"{filled['first']}\tلافروف\tamal\tCLAIM\t{span.start}-{span.end}\t{span.text}",
        "  ← وزير الخارجية الروسي سيرغي لافروف",
        "1 span",
    ]


def test_unknown_annotator_and_empty_query_are_errors(
    database: Path, filled: dict[str, Any]
) -> None:
    unknown = hamish("search", "x", "--annotator", "zaid", database=database)
    assert unknown.returncode == 2
    assert "no annotator named zaid (the database has: amal)" in unknown.stderr
    empty = hamish("search", " ", database=database)
    assert empty.returncode == 2 and "give words to search for" in empty.stderr
