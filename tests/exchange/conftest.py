"""A fixed set of documents for every format's tests: an emoji before spans, text that came
in with CRLF, tashkeel, nested CLAIM > SPEAKER > LOCATION, a location behind a proclitic,
links, an entity, and an annotator with an empty layer (a status, no spans)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotation.cleanup import clean_text
from annotation.model import Document, Entity, EntityKind, Link, Span, Status, text_sha256
from db.store import SqliteStore

TEXTS = [
    "😀 قال وزير الخارجية سيرغي لافروف إن موسكو مستعدة للتعاون مع دمشق.\r\nوأضاف أن الوفد وصل لسورية أمس.",
    "أكَّدَ المتحدثُ أنَّ «الحوارَ مستمرٌّ» في بيروت.",
]


def words(text: str, covered: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(covered, start + 1)
    return start, start + len(covered)


def fill(store: SqliteStore) -> None:
    """Store the fixed documents and annotations."""
    texts = [clean_text(raw).text for raw in TEXTS]
    ids = store.add_documents(
        [
            Document(text=t, text_sha256=text_sha256(t), title=f"خبر {i}", source="test")
            for i, t in enumerate(texts, 1)
        ]
    )
    lavrov = store.add_entity(
        Entity(EntityKind.PERSON, "سيرغي لافروف", ("لافروف",), {"role": "وزير الخارجية"})
    )
    syria = store.add_entity(Entity(EntityKind.PLACE, "سورية", ("سوريا",)))
    first, second = texts

    def add(
        doc: int, text: str, label: str, covered: str, occurrence: int = 0, **kwargs: object
    ) -> Span:
        start, end = words(text, covered, occurrence)
        return store.add_span(Span(ids[doc], "amal", label, start, end, covered, **kwargs))  # type: ignore[arg-type]

    speaker = add(0, first, "SPEAKER", "وزير الخارجية سيرغي لافروف", entity_id=lavrov.id)
    claim = add(
        0,
        first,
        "CLAIM",
        "موسكو مستعدة للتعاون مع دمشق",
        attributes={"kind": "indirect", "cue": "قال"},
    )
    add(0, first, "LOCATION", "موسكو")
    add(0, first, "LOCATION", "دمشق")
    nested = add(
        0,
        first,
        "CLAIM",
        "الوفد وصل لسورية أمس",
        attributes={"kind": "indirect", "polarity": "positive"},
    )
    add(0, first, "LOCATION", "سورية", entity_id=syria.id)  # behind the proclitic ل
    inner_speaker = add(1, second, "SPEAKER", "المتحدثُ")
    quote = add(1, second, "CLAIM", "الحوارَ مستمرٌّ» في بيروت", attributes={"kind": "mixed"})
    add(1, second, "SPEAKER", "الحوارَ")  # nested inside the claim
    add(1, second, "LOCATION", "بيروت")
    for source, target in ((claim, speaker), (nested, speaker), (quote, inner_speaker)):
        assert source.id and target.id
        store.add_link(Link("ATTRIBUTED_TO", source.id, target.id))
    store.set_status(ids[0], "amal", Status.DONE)
    store.set_status(ids[1], "omar", Status.IN_PROGRESS)  # omar: a status, an empty layer


@pytest.fixture
def filled(tmp_path: Path) -> SqliteStore:
    store = SqliteStore(tmp_path / "source.sqlite3")
    fill(store)
    return store
