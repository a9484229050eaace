"""Writes annotated.json, the annotated sample the window opens on first start.

The article, medicines.txt, was written for Hamish (see README.md beside this file); its
people and its council are invented. Each span is given below as a phrase in a little of its context, the
span in [brackets]: the offsets are found by searching the text, so they never drift. A
context that is missing, or found more than once, stops the script with a message.

    python assets/samples/make_sample.py            # writes annotated.json
    python assets/samples/make_sample.py --check    # exits 1 when annotated.json is stale

The annotations follow the guidelines in assets/guidelines/ (a speaker's whole noun phrase,
claims without أن/إن or quotation marks, proclitics dropped from places).
"""

from __future__ import annotations

import json
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))  # run as a script from anywhere in the checkout

from annotation.cleanup import stored_form  # noqa: E402
from annotation.exchange.bundle import Bundle  # noqa: E402
from annotation.exchange.formats.hamish_json import to_data  # noqa: E402
from annotation.model import (  # noqa: E402
    Document,
    DocumentId,
    Entity,
    EntityId,
    EntityKind,
    Link,
    Origin,
    Span,
    SpanId,
    text_sha256,
)

OUT = HERE / "annotated.json"
ANNOTATOR = "Hamish sample"  # replaced on import by the name of whoever starts the window

TITLE = "وزراء صحة عرب يتفقون على شراء موحّد للقاحات والأدوية"
# The article itself, a paragraph a line (the dateline first).
ARTICLE = HERE / "medicines.txt"

# The registry: (kind, canonical name) -> aliases. A speaker or place names its entity.
ENTITIES: dict[str, tuple[EntityKind, tuple[str, ...]]] = {
    "نادر الساعدي": (EntityKind.PERSON, ("الساعدي",)),
    "ريم القاسمي": (EntityKind.PERSON, ("القاسمي",)),
    "هشام الزواري": (EntityKind.PERSON, ("الزواري",)),
    "صحف صادرة في بيروت": (EntityKind.ORGANISATION, ()),
    "الرباط": (EntityKind.PLACE, ()),
    "نواكشوط": (EntityKind.PLACE, ()),
    "بغداد": (EntityKind.PLACE, ()),
    "العقبة": (EntityKind.PLACE, ()),
    "الإسكندرية": (EntityKind.PLACE, ()),
    "بنغازي": (EntityKind.PLACE, ()),
    "القاهرة": (EntityKind.PLACE, ()),
    "بيروت": (EntityKind.PLACE, ()),
    "تونس": (EntityKind.PLACE, ()),
    "القيروان": (EntityKind.PLACE, ()),
    "قفصة": (EntityKind.PLACE, ()),
}


@dataclass(frozen=True, slots=True)
class Speaker:
    """A SPEAKER span: its phrase in context, its entity and the title it carries."""

    key: str
    where: str
    entity: str
    role: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    """A CLAIM span with its attributes and the speakers it is attributed to."""

    where: str
    kind: str
    cue: str
    speakers: tuple[str, ...]
    polarity: str = "positive"


SPEAKERS = (
    Speaker(
        "saadi-announced",
        "أعلن [رئيس المجلس العربي للشراء الدوائي المشترك نادر الساعدي] أن",
        "نادر الساعدي",
        "رئيس المجلس العربي للشراء الدوائي المشترك",
    ),
    Speaker("saadi-said", "وقال [الساعدي] في مؤتمر", "نادر الساعدي"),
    Speaker("saadi-explained", "وأوضح [الساعدي] أن", "نادر الساعدي"),
    Speaker("saadi-added", "وأضاف [الساعدي] أن التقديرات", "نادر الساعدي"),
    Speaker(
        "qasimi-said",
        "قالت [المتحدثة باسم المجلس ريم القاسمي] إن",
        "ريم القاسمي",
        "المتحدثة باسم المجلس",
    ),
    Speaker("papers", "وكانت [صحف صادرة في بيروت] قد", "صحف صادرة في بيروت"),
    Speaker("qasimi-denied", "غير أن [القاسمي] نفت", "ريم القاسمي"),
    Speaker(
        "zawari",
        "رأى [الخبير التونسي في اقتصاديات الصحة هشام الزواري] أن",
        "هشام الزواري",
        "الخبير التونسي في اقتصاديات الصحة",
    ),
    Speaker("zawari-added", "وأضاف [الزواري] أن", "هشام الزواري"),
)

CLAIMS = (
    Claim(
        "أن [الدول الأعضاء اتفقت على إنشاء آلية موحّدة لشراء اللقاحات والأدوية الأساسية،"
        " على أن تبدأ عملها مطلع العام المقبل].",
        "indirect",
        "أعلن",
        ("saadi-announced",),
    ),
    Claim(
        "“إن [أي دولة لم تعد قادرة وحدها على مواجهة ارتفاع أسعار الدواء، وإن الشراء المشترك"
        " سيخفّض الكلفة على المرضى من نواكشوط إلى بغداد]”",
        "direct",
        "قال",
        ("saadi-said",),
    ),
    Claim(
        "أن [الآلية ستغطي في مرحلتها الأولى أدوية الأمراض المزمنة والسرطان]،",
        "indirect",
        "أوضح",
        ("saadi-explained",),
    ),
    Claim(
        "إلى أن [مستودعات إقليمية ستُقام في العقبة والإسكندرية وبنغازي لتسريع التوزيع].",
        "indirect",
        "أشار",
        ("saadi-explained",),
    ),
    Claim(
        "أن [التقديرات الأولية تشير إلى خفض فاتورة الأدوية في الدول الأعضاء بنحو الربع خلال"
        " ثلاث سنوات].",
        "indirect",
        "أضاف",
        ("saadi-added",),
    ),
    Claim(
        "إن [مساهمة كل دولة ستُحدَّد وفق عدد سكانها وحجم استهلاكها من الأدوية]،",
        "indirect",
        "قال",
        ("qasimi-said",),
    ),
    Claim(
        "“[الاجتماع المقبل في القاهرة سيقرّ قائمة الأدوية المشمولة وآلية التسعير]”",
        "direct",
        "أضاف",
        ("qasimi-said",),
    ),
    Claim(
        "أن [خلافات حادة بين الوفود حول حصص التمويل أخّرت صدور البيان الختامي عدة ساعات].",
        "indirect",
        "ذكر",
        ("papers",),
    ),
    Claim(
        "نفت أن [تكون الاجتماعات قد شهدت أي خلاف]،",
        "indirect",
        "نفى",
        ("qasimi-denied",),
        polarity="negative",
    ),
    Claim(
        "“[القرار اتُّخذ بالإجماع، وأن النقاش بين الوفود كان صريحاً ومسؤولاً]”",
        "direct",
        "أكد",
        ("qasimi-denied",),
    ),
    Claim(
        "أن [الآلية «خطوة متأخرة لكنها ضرورية]»",
        "mixed",
        "رأى",
        ("zawari",),
    ),
    Claim(
        "من أن [نقص الأدوية في المستشفيات العامة بات يهدد آلاف المرضى في القيروان وقفصة].",
        "indirect",
        "حذر",
        ("zawari",),
    ),
    Claim(
        "“[نجاح الآلية مرهون بالشفافية في المناقصات وبنشر أسعار الشراء، كما هو معمول به في"
        " عدد من الدول الأوروبية]”",
        "direct",
        "أضاف",
        ("zawari-added",),
    ),
)

# (phrase in context, entity): every place the article names, in narration and in claims.
LOCATIONS = (
    ("[الرباط] – خاص", "الرباط"),
    ("في المجلس ب[الرباط]:", "الرباط"),
    ("من [نواكشوط] إلى", "نواكشوط"),
    ("إلى [بغداد]”", "بغداد"),
    ("في [العقبة] و", "العقبة"),
    ("و[الإسكندرية] و", "الإسكندرية"),
    ("و[بنغازي] لتسريع", "بنغازي"),
    ("المقبل في [القاهرة] سيقرّ", "القاهرة"),
    ("صادرة في [بيروت] قد", "بيروت"),
    ("وفي [تونس]،", "تونس"),
    ("في [القيروان] و", "القيروان"),
    ("و[قفصة].", "قفصة"),
    ("من [القاهرة] مقراً", "القاهرة"),
)


class PhraseError(ValueError):
    """A phrase that is not in the text, or is in it more than once."""


def place(text: str, where: str) -> tuple[int, int]:
    """The [start, end) of the bracketed part of `where`, which must occur once in `text`."""
    before, rest = where.split("[", 1)
    inside, after = rest.split("]", 1)
    context = before + inside + after
    found = text.find(context)
    if found < 0:
        raise PhraseError(f"not in the text: {where!r}")
    if text.find(context, found + 1) >= 0:
        raise PhraseError(f"more than once in the text (give more context): {where!r}")
    start = found + len(before)
    return start, start + len(inside)


def phrase(where: str) -> str:
    """The bracketed part of a phrase in context: the text its span must cover."""
    return where.split("[", 1)[1].split("]", 1)[0]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def bundle() -> Bundle:
    """The annotated sample, as the importer reads it."""
    text = nfc(
        ARTICLE.read_text(encoding="utf-8")
    ).rstrip()  # as an article import stores it (cleanup.clean_text)
    if stored_form(text).changed:
        raise ValueError("the article is not in stored form (cleanup.stored_form)")
    document = Document(
        text=text,
        text_sha256=text_sha256(text),
        title=TITLE,
        external_id="sample-medicines",
        source="hamish-samples",
        date="2026-11-03",
        id=DocumentId(1),
    )
    entity_ids = {name: EntityId(number) for number, name in enumerate(ENTITIES, 1)}
    entities = tuple(
        Entity(kind, name, aliases, id=entity_ids[name])
        for name, (kind, aliases) in ENTITIES.items()
    )
    spans: list[Span] = []

    def add(label: str, where: str, attributes: dict[str, Any], entity: str | None) -> SpanId:
        start, end = place(text, nfc(where))
        span_id = SpanId(len(spans) + 1)
        spans.append(
            Span(
                DocumentId(1),
                ANNOTATOR,
                label,
                start,
                end,
                text[start:end],
                attributes,
                entity_ids[entity] if entity is not None else None,
                Origin.IMPORTED,
                span_id,
            )
        )
        return span_id

    speaker_ids = {
        s.key: add("SPEAKER", s.where, {"role": s.role} if s.role else {}, s.entity)
        for s in SPEAKERS
    }
    links: list[Link] = []
    for claim in CLAIMS:
        attributes = {"kind": claim.kind, "cue": claim.cue, "polarity": claim.polarity}
        claim_id = add("CLAIM", claim.where, attributes, None)
        links.extend(Link("ATTRIBUTED_TO", claim_id, speaker_ids[key]) for key in claim.speakers)
    for where, entity in LOCATIONS:
        add("LOCATION", where, {}, entity)
    return Bundle((document,), tuple(spans), tuple(links), entities)


def rendered() -> str:
    """annotated.json as this script writes it."""
    return json.dumps(to_data(bundle()), ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str]) -> int:
    if "--check" in argv:
        if OUT.read_text(encoding="utf-8") != rendered():
            print(f"{OUT} is stale: run python {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(rendered(), encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
