"""First start on a new database, through the window's real start (ui/app.py start_window): it
opens on the annotated sample, in the starting annotator's own layer; a second start imports
nothing, even after its owner deleted what the first brought (issue 18)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from annotation.model import DocumentId, EntityKind
from annotation.ports import Store
from tests.ui.test_workspace import tinted
from ui.app import start_window
from ui.main_window import MainWindow

MINISTER = "رئيس المجلس العربي للشراء الدوائي المشترك نادر الساعدي"
SPOKESWOMAN = "المتحدثة باسم المجلس ريم القاسمي"
EXPERT = "الخبير التونسي في اقتصاديات الصحة هشام الزواري"

# Each claim's first words -> the speaker span it is linked to (the 2nd, 3rd ... mention of a
# person is its own span: (text, which mention)).
LINKS = {
    "الدول الأعضاء اتفقت": (MINISTER, 0),
    "أي دولة لم تعد قادرة": ("الساعدي", 0),
    "الآلية ستغطي": ("الساعدي", 1),
    "مستودعات إقليمية": ("الساعدي", 1),
    "التقديرات الأولية": ("الساعدي", 2),
    "مساهمة كل دولة": (SPOKESWOMAN, 0),
    "الاجتماع المقبل في القاهرة": (SPOKESWOMAN, 0),
    "خلافات حادة": ("صحف صادرة في بيروت", 0),
    "تكون الاجتماعات قد شهدت أي خلاف": ("القاسمي", 0),
    "القرار اتُّخذ بالإجماع": ("القاسمي", 0),
    "الآلية «خطوة متأخرة": (EXPERT, 0),
    "نقص الأدوية": (EXPERT, 0),
    "نجاح الآلية": ("الزواري", 0),
}


def first_start(qtbot: QtBot, database: Path, language: str = "en") -> MainWindow:
    window = start_window(database, QSettings(), language)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    return window


def sample_id(store: Store) -> DocumentId:
    (document,) = [d for d in store.document_summaries() if d.title.startswith("وزراء صحة عرب")]
    return document.id


def test_the_first_start_opens_on_the_annotated_sample_in_my_layer(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = first_start(qtbot, tmp_path / "new.sqlite3")
    store = window.session.store
    shown = window.article_view.document_shown
    assert shown is not None and shown.external_id == "sample-medicines"
    assert shown.id == store.document_summaries()[0].id == sample_id(store)
    assert store.annotator_names() == ["amal"]  # the name in the settings: my own layer
    spans = store.spans_for(shown.id, "amal")
    assert Counter(s.label for s in spans) == {"SPEAKER": 9, "CLAIM": 13, "LOCATION": 13}
    for span in spans:
        assert shown.text[span.start : span.end] == span.text
    speakers = [s for s in spans if s.label == "SPEAKER"]
    assert [s.text for s in speakers] == [
        MINISTER,
        "الساعدي",
        "الساعدي",
        "الساعدي",
        SPOKESWOMAN,
        "صحف صادرة في بيروت",
        "القاسمي",
        EXPERT,
        "الزواري",
    ]
    assert speakers[0].attributes == {"role": "رئيس المجلس العربي للشراء الدوائي المشترك"}
    places = [s.text for s in spans if s.label == "LOCATION"]
    assert places[:4] == ["الرباط", "الرباط", "نواكشوط", "بغداد"]
    assert Counter(places)["القاهرة"] == 2 and len(set(places)) == 11

    # Every claim linked to its speaker: the exact pairs, by covered text and mention.
    by_id = {s.id: s for s in spans}
    mention = {s.id: [t.id for t in speakers if t.text == s.text].index(s.id) for s in speakers}
    links = store.links_for(shown.id, "amal")
    pairs = {
        (by_id[k.source_id].text, by_id[k.target_id].text, mention[k.target_id]) for k in links
    }
    assert len(links) == 13 and {k.kind for k in links} == {"ATTRIBUTED_TO"}
    expected = set()
    for start, (speaker, nth) in LINKS.items():
        (claim,) = [s for s in spans if s.label == "CLAIM" and s.text.startswith(start)]
        expected.add((claim.text, speaker, nth))
    assert pairs == expected

    claims = {s.text: s.attributes for s in spans if s.label == "CLAIM"}
    assert claims["تكون الاجتماعات قد شهدت أي خلاف"] == {
        "kind": "indirect",
        "cue": "نفى",
        "polarity": "negative",
    }
    assert claims["الآلية «خطوة متأخرة لكنها ضرورية"]["kind"] == "mixed"
    assert Counter(a["kind"] for a in claims.values()) == {"indirect": 8, "direct": 4, "mixed": 1}

    # The registry: one entity for the four mentions of the minister, for both of Cairo.
    entities = {e.id: e for e in store.entities()}
    minister = [s for s in speakers if "الساعدي" in s.text]
    assert {entities[s.entity_id].name for s in minister if s.entity_id} == {"نادر الساعدي"}
    assert all(s.entity_id is not None for s in spans if s.label != "CLAIM")
    (saadi,) = [e for e in entities.values() if e.name == "نادر الساعدي"]
    assert saadi.kind is EntityKind.PERSON and saadi.aliases == ("الساعدي",)
    cairo = {s.entity_id for s in spans if s.text == "القاهرة" and s.label == "LOCATION"}
    assert len(cairo) == 1 and entities[cairo.pop()].kind is EntityKind.PLACE

    # The other samples come after it, without annotations.
    titles = [d.title for d in store.document_summaries()]
    assert titles[1:3] == [
        "الأردن وسورية تتفقان على تقاسم مياه اليرموك",
        "اتحاد الشغل يدعو إلى إضراب في موانئ تونس",
    ]

    # Highlighted on screen: the minister's name in the speaker's colour.
    view = window.article_view
    blue = QColor(window.session.tagset.label("SPEAKER").colour)
    (rect,) = view.span_rects(speakers[0])  # one line
    assert view.viewport().rect().contains(rect.toRect())

    def painted() -> bool:
        image = view.viewport().grab().toImage()
        return tinted(image, blue, rect) > 0.3 * rect.width() * (rect.height() - 2)

    # The view paints the spans in view a moment after the text (its highlight timer).
    qtbot.waitUntil(painted)


def test_a_second_start_imports_nothing_again(qtbot: QtBot, tmp_path: Path) -> None:
    database = tmp_path / "new.sqlite3"
    window = first_start(qtbot, database)
    store = window.session.store
    document = sample_id(store)
    # The newcomer deletes the whole sample layer: it stays deleted.
    for span in store.spans_for(document, "amal"):
        assert span.id is not None
        store.remove_span(span.id)
    documents = len(store.document_summaries())
    window.close()  # its store stays open until the window goes: a second window beside it

    again = first_start(qtbot, database)
    assert len(again.session.store.document_summaries()) == documents
    assert again.session.store.spans_for(document, "amal") == []


def test_the_arabic_window_opens_on_it_too(qtbot: QtBot, tmp_path: Path) -> None:
    window = first_start(qtbot, tmp_path / "new.sqlite3", "ar")
    shown = window.article_view.document_shown
    assert shown is not None and shown.external_id == "sample-medicines"
    assert len(window.session.spans) == 35
