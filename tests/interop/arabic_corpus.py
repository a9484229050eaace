"""A small Arabic corpus for the peers that read Hamish's exports (spaCy, Java UIMA), stored
through Hamish's own store so the exports are what a person would get.

Three documents: the first came in with CRLF and has emoji before and inside spans (UTF-16
counts differ from code points there); the second a location behind proclitics (وبالقاهرة),
tashkeel, a speaker nested in a speaker, and a second annotator; the third nobody annotated.
"""

from __future__ import annotations

from pathlib import Path

from annotation.cleanup import clean_text
from annotation.model import Document, DocumentId, Link, Span, text_sha256
from db.store import SqliteStore

TEXTS = (
    "😀 قال المتحدث باسم الخارجية أحمد أبو زيد إن الوفد وصل إلى القاهرة أمس.\r\n"
    "وأضاف أن 🇪🇬 مصر مستعدة للحوار.",
    "وبالقاهرة أكَّدَ وزير الخارجية سامح شكري أن الاجتماع سيعقد في الرياض.",
    "خبر بلا تعليقات 📰.",
)


def build(path: Path) -> SqliteStore:
    """A store at `path` holding the corpus."""
    store = SqliteStore(path)
    texts = [clean_text(raw).text for raw in TEXTS]
    ids = store.add_documents(
        [
            Document(text=t, text_sha256=text_sha256(t), title=f"خبر {i}", source="interop")
            for i, t in enumerate(texts, 1)
        ]
    )

    def add(number: int, annotator: str, label: str, covered: str, **attributes: str) -> Span:
        text = texts[number]
        start = text.index(covered)
        span = Span(
            DocumentId(ids[number]),
            annotator,
            label,
            start,
            start + len(covered),
            covered,
            attributes=dict(attributes),
        )
        return store.add_span(span)

    def link(claim: Span, speaker: Span) -> None:
        assert claim.id is not None and speaker.id is not None
        store.add_link(Link("ATTRIBUTED_TO", claim.id, speaker.id))

    spokesman = add(0, "amal", "SPEAKER", "المتحدث باسم الخارجية أحمد أبو زيد")
    arrived = add(0, "amal", "CLAIM", "الوفد وصل إلى القاهرة أمس", kind="indirect", cue="قال")
    add(0, "amal", "LOCATION", "القاهرة")  # inside the claim
    ready = add(0, "amal", "CLAIM", "أن 🇪🇬 مصر مستعدة للحوار", kind="indirect")
    add(0, "amal", "LOCATION", "مصر")  # after a flag, two code points and four UTF-16 units
    link(arrived, spokesman)
    link(ready, spokesman)

    add(1, "amal", "LOCATION", "القاهرة")  # behind the proclitics و and ب
    minister = add(1, "amal", "SPEAKER", "وزير الخارجية سامح شكري", role="official")
    add(1, "amal", "SPEAKER", "سامح شكري")  # nested in the speaker above
    meeting = add(1, "amal", "CLAIM", "الاجتماع سيعقد في الرياض", kind="direct")
    add(1, "amal", "LOCATION", "الرياض")
    link(meeting, minister)
    add(1, "omar", "SPEAKER", "سامح شكري")
    return store
