"""The annotation model: documents, annotators, spans, links, entities and document status.

Values are frozen: an edit makes a new value, so nothing a view holds changes under it.
Offsets follow one contract (docs in `offsets.py`): half-open code-point indices into the
stored text, which never changes after import.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import NewType

DocumentId = NewType("DocumentId", int)
SpanId = NewType("SpanId", int)
LinkId = NewType("LinkId", int)
EntityId = NewType("EntityId", int)
AnnotatorId = NewType("AnnotatorId", int)

# Attribute values are plain JSON scalars so every export format can carry them.
AttributeValue = str | int | float | bool | None
Attributes = dict[str, AttributeValue]


# Limits on what people name and label, checked at every door (each annotation importer and
# the store itself): far above any real name, far below what makes the window choke (a
# 1,000,000-character label drove it out of memory, issue 13).
MAX_ANNOTATOR_NAME = 64  # a login or a first name; it also names export files and folders
MAX_LABEL = 64  # labels and link kinds are tag-set identifiers (SPEAKER, ATTRIBUTED_TO)
MAX_ENTITY_NAME = 200  # long Arabic organisation names run to about 120 characters
MAX_TITLE = 1000  # headlines stay under 300; some feeds put the lead paragraph there
MAX_FIELD = 2000  # a document's external id, source, URL or date
MAX_ATTRIBUTE_TEXT = 10_000  # an attribute's text (a note on a span may run to a paragraph)
MAX_ATTRIBUTES = 100  # entries in one span's or entity's attributes, or a document's notes

# Characters no name, label or title may hold: C0/C1 controls (written raw to a terminal they
# run escape sequences; a tab or line break splits the one-line record `documents` prints),
# the Unicode line and paragraph separators, and lone surrogates (no UTF-8 for them, so SQLite
# and every file refuse). Multi-line values (an attribute's text, a note) may keep a tab or a
# line feed, as texts do.
_NOT_IN_NAMES = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_NOT_IN_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_BREAKS = "\t\n\r\x0b\x0c\x85\u2028\u2029"
# Unicode categories with nothing to see: spaces and separators, format characters (U+200B,
# U+FEFF, the bidi marks) and controls. A name of only these looks empty wherever it is shown.
_INVISIBLE = frozenset({"Zs", "Zl", "Zp", "Cf", "Cc"})


def name_problem(
    value: object, what: str, limit: int, *, title: bool = False, lines: bool = False
) -> str | None:
    """Why `value` cannot be stored as `what` (a name, label or title), or None if it can:
    not text, empty or nothing visible (names and labels), longer than `limit`, or holding a
    control character, a line break or a lone surrogate. `title` allows empty; `lines` (an
    attribute's text) allows empty and keeps tabs and line feeds."""
    if not isinstance(value, str):
        return f"the {what} must be text, not {type(value).__name__}"
    one_line = not (title or lines)
    if one_line and not value.strip():
        return f"the {what} is empty"
    if len(value) > limit:
        return f"the {what} is {len(value):,} characters long (at most {limit})"
    bad = (_NOT_IN_LINES if lines else _NOT_IN_NAMES).search(value)
    if bad is not None:
        char, code = bad.group(), f"U+{ord(bad.group()):04X}"
        if "\ud800" <= char <= "\udfff":
            return f"the {what} holds a lone surrogate ({code})"
        if char in _LINE_BREAKS:
            return f"the {what} holds a line break or tab ({code}): it must fit on one line"
        return f"the {what} holds a control character ({code})"
    if one_line and all(unicodedata.category(char) in _INVISIBLE for char in value):
        first = f"U+{ord(value[0]):04X}"
        return f"the {what} has no visible character (only {first} and the like)"
    return None


def now() -> datetime:
    """The current time in UTC, to the second: what every timestamp in Hamish records."""
    return datetime.now(UTC).replace(microsecond=0)


# The one link kind of the default tag set: a CLAIM is attributed to its SPEAKER.
ATTRIBUTED_TO = "ATTRIBUTED_TO"


class Origin(StrEnum):
    """Where a span came from."""

    MANUAL = "manual"
    SUGGESTED = "suggested"
    IMPORTED = "imported"


class Status(StrEnum):
    """How far one annotator has got with one document."""

    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class EntityKind(StrEnum):
    """What an entity is: the thing a SPEAKER or LOCATION span refers to."""

    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"


@dataclass(frozen=True, slots=True)
class Document:
    """An imported article; `text` is immutable and every offset points into it.

    `id` is None until the store has given it one.
    """

    text: str
    text_sha256: str
    title: str = ""
    external_id: str | None = None
    source: str | None = None
    url: str | None = None
    date: str | None = None
    imported_from: str | None = None
    # What import changed on the way in (encoding, line endings, NFC, footer removed).
    import_notes: Attributes = field(default_factory=dict)
    imported_at: datetime | None = None
    id: DocumentId | None = None


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """What a document list shows, without the text."""

    id: DocumentId
    title: str
    characters: int
    source: str | None
    statuses: dict[str, Status]
    span_count: int
    assigned: bool = False  # to the annotator whose list it is


@dataclass(frozen=True, slots=True)
class Annotator:
    """A person (or the assistant) who owns one layer of spans."""

    id: AnnotatorId
    name: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place that spans refer to, with the names it goes by."""

    kind: EntityKind
    name: str
    aliases: tuple[str, ...] = ()
    attributes: Attributes = field(default_factory=dict)
    id: EntityId | None = None


def text_sha256(text: str) -> str:
    """The SHA-256 of a text's UTF-8 bytes: how documents are recognised across workstations."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Statistics:
    """Counts over the whole database."""

    documents: int
    characters: int
    spans_by_label: dict[str, int]
    spans_by_annotator: dict[str, int]
    links: int
    entities: int


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled stretch `[start, end)` of a document's text in one annotator's layer.

    `id` is None until the store has given it one; `text` is the covered text, kept so that
    any drift between offsets and text is caught (offsets.check_span).
    """

    document_id: DocumentId
    annotator: str
    label: str
    start: int
    end: int
    text: str
    attributes: Attributes = field(default_factory=dict)
    entity_id: EntityId | None = None
    origin: Origin = Origin.MANUAL
    id: SpanId | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """A typed, directed relation between two spans of one layer: a CLAIM -> its SPEAKER."""

    kind: str
    source_id: SpanId
    target_id: SpanId
    id: LinkId | None = None
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    """A claim and the speakers it is attributed to (none yet, one, or several)."""

    claim: Span
    speakers: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Decision:
    """An adjudicator's decision on one difference between two layers (comparison.py): what
    went into the gold layer `gold` there, and why. `key` names the difference."""

    document_id: DocumentId
    gold: str
    key: str
    choice: str
    reason: str = ""
    decided_by: str = ""
    decided_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class DocumentStatus:
    """One annotator's progress on one document."""

    document_id: DocumentId
    annotator: str
    status: Status
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Assignment:
    """A document a manager gave an annotator to annotate: by whom and when."""

    document_id: DocumentId
    annotator: str
    assigned_by: str = ""
    assigned_at: datetime | None = None


class DocumentSort(StrEnum):
    """What the document list is ordered by; ties fall back to import order."""

    TITLE = "title"
    CHARACTERS = "characters"
    STATUS = "status"
    SPANS = "spans"
    IMPORTED = "imported"


@dataclass(frozen=True, slots=True)
class DocumentQuery:
    """Which documents a list shows and in what order; status and spans are one annotator's.

    `text` matches the title (ignoring case, tashkeel, tatweel and hamza forms) or the
    external id; an empty `text` and a None `status` match everything.
    """

    text: str = ""
    status: Status | None = None
    sort: DocumentSort = DocumentSort.IMPORTED
    descending: bool = False
