"""`python main.py claims` and `python main.py entities`, run as a person would."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from annotation.model import Document, DocumentId, Entity, EntityKind, Link, Span, text_sha256
from db.store import SqliteStore
from tests.ui.test_cli import hamish

TEXT = "قال وزير الخارجية الروسي سيرغي لافروف والرئيس بشار الأسد إن الحل سياسي. وأضاف أن دمشق آمنة."
OTHER = "وصل الوفد إلى دمشق أمس."
CLAIM_ATTRIBUTES = {"kind": "direct", "polarity": "asserted", "cue": "قال"}


def covering(text: str, part: str) -> tuple[int, int, str]:
    start = text.index(part)
    return start, start + len(part), part


@pytest.fixture
def filled(database: Path) -> dict[str, Any]:
    """A claim said by two speakers (Lavrov with an entity), and one with no speaker yet."""
    store = SqliteStore(database)
    try:
        first, second = store.add_documents(
            [
                Document(text=TEXT, text_sha256=text_sha256(TEXT), title="sana-syria-russia"),
                Document(text=OTHER, text_sha256=text_sha256(OTHER), title="wafd"),
            ]
        )
        lavrov = store.add_entity(
            Entity(EntityKind.PERSON, "سيرغي لافروف", aliases=("لافروف",), attributes={"x": 1})
        )
        assad = store.add_entity(Entity(EntityKind.PERSON, "بشار الأسد"))
        damascus = store.add_entity(Entity(EntityKind.PLACE, "دمشق", aliases=("الشام",)))
        store.add_entity(Entity(EntityKind.ORGANISATION, "الأمم المتحدة"))

        def span(document: DocumentId, text: str, label: str, part: str, **kw: object) -> Span:
            return store.add_span(Span(document, "amal", label, *covering(text, part), **kw))  # type: ignore[arg-type]

        said = span(first, TEXT, "CLAIM", "الحل سياسي", attributes=CLAIM_ATTRIBUTES)
        unsaid = span(
            first,
            TEXT,
            "CLAIM",
            "دمشق آمنة",
            attributes={"kind": "indirect", "polarity": "asserted", "cue": "أضاف"},
        )
        minister = span(
            first, TEXT, "SPEAKER", "وزير الخارجية الروسي سيرغي لافروف", entity_id=lavrov.id
        )
        president = span(first, TEXT, "SPEAKER", "الرئيس بشار الأسد")
        span(first, TEXT, "LOCATION", "دمشق", entity_id=damascus.id)
        span(second, OTHER, "LOCATION", "دمشق", entity_id=damascus.id)
        assert said.id is not None and minister.id is not None and president.id is not None
        store.add_link(Link("ATTRIBUTED_TO", said.id, minister.id))
        store.add_link(Link("ATTRIBUTED_TO", said.id, president.id))
        return {
            "document": first,
            "said": said.id,
            "unsaid": unsaid.id,
            "minister": minister.id,
            "president": president.id,
            "lavrov": lavrov.id,
            "assad": assad.id,
            "damascus": damascus.id,
        }
    finally:
        store.close()


def ok(*args: str, database: Path) -> subprocess.CompletedProcess[str]:
    result = hamish(*args, database=database)
    assert result.returncode == 0, result.stderr
    return result


def test_claims_as_json_with_two_speakers_and_none(filled: dict[str, Any], database: Path) -> None:
    data = json.loads(ok("claims", "--json", database=database).stdout)
    minister = covering(TEXT, "وزير الخارجية الروسي سيرغي لافروف")
    president = covering(TEXT, "الرئيس بشار الأسد")
    said = covering(TEXT, "الحل سياسي")
    unsaid = covering(TEXT, "دمشق آمنة")
    common = {
        "document_id": filled["document"],
        "document_title": "sana-syria-russia",
        "annotator": "amal",
    }
    assert data == [
        {
            **common,
            "claim_id": filled["said"],
            "text": said[2],
            "start": said[0],
            "end": said[1],
            "kind": "direct",
            "polarity": "asserted",
            "cue": "قال",
            "speakers": [
                {
                    "span_id": filled["minister"],
                    "text": minister[2],
                    "start": minister[0],
                    "end": minister[1],
                    "entity_id": filled["lavrov"],
                    "entity_name": "سيرغي لافروف",
                },
                {
                    "span_id": filled["president"],
                    "text": president[2],
                    "start": president[0],
                    "end": president[1],
                    "entity_id": None,
                    "entity_name": None,
                },
            ],
        },
        {
            **common,
            "claim_id": filled["unsaid"],
            "text": unsaid[2],
            "start": unsaid[0],
            "end": unsaid[1],
            "kind": "indirect",
            "polarity": "asserted",
            "cue": "أضاف",
            "speakers": [],
        },
    ]


def test_claims_as_text(filled: dict[str, Any], database: Path) -> None:
    lines = ok("claims", database=database).stdout.splitlines()
    heading = f"sana-syria-russia (document {filled['document']}, amal)"
    assert lines == [
        heading,
        "الحل سياسي",
        "  ← وزير الخارجية الروسي سيرغي لافروف [سيرغي لافروف]",
        "  ← الرئيس بشار الأسد",
        "",
        heading,
        "دمشق آمنة",
        "  ← (no speaker yet)",
    ]


@pytest.mark.parametrize(
    "name",
    [
        "لافروف",  # part of the speaker's text
        "لَافْرُوف",  # with tashkeel
        "لافـروف",  # with tatweel
        "سيرغى لافروف",  # alef maqsura for ya
        "الاسد",  # bare alef for the hamza in الأسد
        "بَشّار الاسد",  # tashkeel and no hamza together
    ],
)
def test_claims_by_speaker_ignores_tashkeel_and_hamza(
    name: str, filled: dict[str, Any], database: Path
) -> None:
    data = json.loads(ok("claims", "--speaker", name, "--json", database=database).stdout)
    assert [claim["claim_id"] for claim in data] == [filled["said"]]


def test_claims_by_speaker_matches_an_entity_alias_not_in_the_text(
    filled: dict[str, Any], database: Path
) -> None:
    store = SqliteStore(database)
    try:
        lavrov = store.entity(filled["lavrov"])
        store.update_entity(
            Entity(lavrov.kind, lavrov.name, (*lavrov.aliases, "Lavrov"), id=lavrov.id)
        )
    finally:
        store.close()
    data = json.loads(ok("claims", "--speaker", "lavrov", "--json", database=database).stdout)
    assert [claim["claim_id"] for claim in data] == [filled["said"]]


def test_claims_by_an_unknown_speaker_or_annotator_is_empty(
    filled: dict[str, Any], database: Path
) -> None:
    assert ok("claims", "--speaker", "بوتين", database=database).stdout == ""
    assert json.loads(ok("claims", "--annotator", "omar", "--json", database=database).stdout) == []
    by_amal = json.loads(ok("claims", "--annotator", "amal", "--json", database=database).stdout)
    assert len(by_amal) == 2


def test_entities_sorted_by_kind_then_mentions(filled: dict[str, Any], database: Path) -> None:
    data = json.loads(ok("entities", "--json", database=database).stdout)
    assert [(e["kind"], e["name"], e["mentions"]) for e in data] == [
        ("organisation", "الأمم المتحدة", 0),
        ("person", "سيرغي لافروف", 1),
        ("person", "بشار الأسد", 0),
        ("place", "دمشق", 2),
    ]
    assert data[1] == {
        "id": filled["lavrov"],
        "kind": "person",
        "name": "سيرغي لافروف",
        "aliases": ["لافروف"],
        "attributes": {"x": 1},
        "mentions": 1,
    }


def test_entities_of_one_kind(filled: dict[str, Any], database: Path) -> None:
    data = json.loads(ok("entities", "--kind", "place", "--json", database=database).stdout)
    assert data == [
        {
            "id": filled["damascus"],
            "kind": "place",
            "name": "دمشق",
            "aliases": ["الشام"],
            "attributes": {},
            "mentions": 2,
        }
    ]
    lines = ok("entities", "--kind", "place", database=database).stdout.splitlines()
    assert lines == [f"{filled['damascus']}\tplace\tدمشق\t2\tالشام"]
    assert hamish("entities", "--kind", "planet", database=database).returncode == 2


@pytest.mark.parametrize("command", ["claims", "entities"])
def test_help_has_an_example(command: str, database: Path) -> None:
    result = ok(command, "--help", database=database)
    assert "example:" in result.stdout and f"python main.py {command}" in result.stdout
