"""A known two-annotator store for the agreement report and dashboard tests.

amal and omar on five documents, each a different case of the touched rule (annotation/
agreement/states.py), with overlap F1 1, 2/3 and 0 on the compared ones, so worst first is
3, 2, 1 and then the two with no figure.
"""

from __future__ import annotations

from annotation.model import Document, DocumentId, Link, Span, Status, text_sha256
from db.store import SqliteStore

TITLES = (
    "الأردن وسورية تتفقان على تقاسم مياه اليرموك",
    "<script>alert('x')</script> وصول الوفد إلى دمشق",
    "اتحاد الشغل يدعو إلى إضراب",
    "نص لم يكتمل",
    "نص لا شيء فيه",
)
TEXTS = (
    "قال وزير الخارجية إن الحل في سورية سياسي.",
    "وصل الوفد إلى دمشق أمس، وقال رئيسه إن المحادثات جيدة.",
    "دعا الأمين العام إلى إضراب في تونس.",
    "زار الوزير حلب.",
    "طقس معتدل اليوم.",
)


def _add(store: SqliteStore, document: DocumentId, name: str, label: str, words: str) -> Span:
    text = TEXTS[document_index(store, document)]
    start = text.index(words)
    return store.add_span(Span(document, name, label, start, start + len(words), words))


def document_index(store: SqliteStore, document: DocumentId) -> int:
    return TEXTS.index(store.document(document).text)


def fill_agreement_store(store: SqliteStore) -> list[DocumentId]:
    """Add the five documents and both layers; returns their ids in order.

    1. both tag the same speaker, claim and place, and link the claim to the speaker: every
       figure 1;
    2. amal tags دمشق and the speaker, omar "دمشق أمس" only: overlap F1 2·1/3, exact 0;
    3. amal tags a speaker and a place, omar marked it done with no span: compared, F1 0;
    4. only amal touched it: only_a, no figures;
    5. both marked it done, nobody tagged anything: both_empty, no figures.
    """
    ids = store.add_documents(
        [
            Document(text, text_sha256(text), title=title)
            for text, title in zip(TEXTS, TITLES, strict=True)
        ]
    )
    for name in ("amal", "omar"):
        speaker = _add(store, ids[0], name, "SPEAKER", "وزير الخارجية")
        claim = _add(store, ids[0], name, "CLAIM", "الحل في سورية سياسي")
        _add(store, ids[0], name, "LOCATION", "سورية")
        assert claim.id is not None and speaker.id is not None
        store.add_link(Link("ATTRIBUTED_TO", claim.id, speaker.id))
    _add(store, ids[1], "amal", "LOCATION", "دمشق")
    _add(store, ids[1], "amal", "SPEAKER", "رئيسه")
    _add(store, ids[1], "omar", "LOCATION", "دمشق أمس")
    _add(store, ids[2], "amal", "SPEAKER", "الأمين العام")
    _add(store, ids[2], "amal", "LOCATION", "تونس")
    store.set_status(ids[2], "omar", Status.DONE)
    _add(store, ids[3], "amal", "LOCATION", "حلب")
    store.set_status(ids[4], "amal", Status.DONE)
    store.set_status(ids[4], "omar", Status.DONE)
    return ids
