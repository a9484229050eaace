"""Every field an annotation import would store, checked before anything is written.

Each format's reader turns its file into a Bundle; `validate_bundle` then checks that bundle
once, the same way for every format (issue 13: values `check` later reported as damage, or
that crashed the exporters and the window, came in through the readers unchecked). A refusal
is a FormatError naming the file and the record: `span 3` is the third span of the file (ids
of a second file count from FILE_ID_STRIDE, and say which file).

What is checked: types; names, labels and titles within model.py's limits, on one line, free
of control characters and with something visible; labels and link kinds from the tag set
(unless told to keep others); links in the tag set's direction and never from a span to
itself; attributes (and import notes) an object of at most MAX_ATTRIBUTES names to JSON
scalars; aliases a list of names; SHA-256s; every reference (a span's document and entity, a
link's spans, a status's document) naming something in the file.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from annotation.cleanup import stored_form
from annotation.exchange.bundle import FILE_ID_STRIDE, Bundle, FormatError
from annotation.model import (
    MAX_ANNOTATOR_NAME,
    MAX_ATTRIBUTE_TEXT,
    MAX_ATTRIBUTES,
    MAX_ENTITY_NAME,
    MAX_FIELD,
    MAX_LABEL,
    MAX_TITLE,
    Document,
    Entity,
    EntityKind,
    Origin,
    Span,
    Status,
    name_problem,
    text_sha256,
)
from annotation.tagset import TagSet

_DOCUMENT_FIELDS = (
    ("external_id", "external id"),
    ("source", "source"),
    ("url", "url"),
    ("date", "date"),
    ("imported_from", "name of the file it came from"),
)
_SURROGATE = re.compile("[\ud800-\udfff]")


def number(item_id: object) -> str:
    """An id as the file wrote it: `3`, or `3 (file 2)` for the second of several files."""
    if not isinstance(item_id, int) or item_id < FILE_ID_STRIDE:
        return str(item_id)
    return f"{item_id % FILE_ID_STRIDE} (file {item_id // FILE_ID_STRIDE + 1})"


def span_record(span: Span) -> str:
    """How a message names a span: its document, its number, label and offsets."""
    label = span.label[:MAX_LABEL] if isinstance(span.label, str) else span.label
    return (
        f"document {number(span.document_id)}, span {number(span.id)}"
        f" ({label} {span.start}-{span.end})"
    )


def validate_bundle(
    bundle: Bundle,
    source: str,
    tagset: TagSet,
    *,
    annotator: str | None = None,
    outside_tagset: bool = False,
) -> None:
    """Raise FormatError naming `source` and the record unless every field of the bundle can be
    stored. `annotator` is the name every layer will go under (--annotator), when given;
    `outside_tagset` keeps labels and link kinds the tag set lacks instead of refusing them."""
    check = _Checker(source, tagset, outside_tagset)
    if annotator is not None:
        check.name(annotator, "annotator name", MAX_ANNOTATOR_NAME, "--annotator")
    documents = check.documents(bundle.documents)
    entities = check.entities(bundle.entities)
    labels = check.spans(bundle.spans, documents, entities, annotator is None)
    check.links(bundle, labels)
    check.statuses(bundle, documents, annotator is None)


@dataclass(frozen=True, slots=True)
class _Checker:
    source: str
    tagset: TagSet
    outside_tagset: bool

    def fail(self, message: str, record: str) -> FormatError:
        return FormatError(self.source, message, record)

    def name(
        self,
        value: object,
        what: str,
        limit: int,
        record: str,
        title: bool = False,
        lines: bool = False,
    ) -> None:
        problem = name_problem(value, what, limit, title=title, lines=lines)
        if problem is not None:
            raise self.fail(problem, record)

    def optional(self, value: object, what: str, record: str) -> None:
        if value is not None:
            self.name(value, what, MAX_FIELD, record, title=True)

    def attributes(self, value: object, what: str, record: str) -> None:
        """An object of names to JSON scalars, as every format can carry (model.Attributes)."""
        if not isinstance(value, dict):
            raise self.fail(
                f"the {what} must be an object of names to values, not {_kind(value)}", record
            )
        if len(value) > MAX_ATTRIBUTES:
            # 100,000 keys on one span were accepted (review of issue 13): every exporter and
            # the window's side panel would then carry them all.
            raise self.fail(
                f"the {what} hold {len(value):,} entries (at most {MAX_ATTRIBUTES})", record
            )
        for key, item in value.items():
            self.name(key, f"name of an entry in the {what}", MAX_LABEL, record)
            if isinstance(item, str):
                self.name(item, f"{what} {key!r}", MAX_ATTRIBUTE_TEXT, record, lines=True)
            elif isinstance(item, float) and not math.isfinite(item):
                raise self.fail(f"the {what} {key!r} is {item}, not a number JSON holds", record)
            elif item is not None and not isinstance(item, (bool, int, float)):
                raise self.fail(
                    f"the {what} {key!r} must be text, a number, true/false or null,"
                    f" not {_kind(item)}",
                    record,
                )

    def documents(self, documents: Iterable[Document]) -> dict[object, Document]:
        found: dict[object, Document] = {}
        for document in documents:
            record = f"document {number(document.id)}"
            if document.id in found:
                raise self.fail("two documents have this id", record)
            found[document.id] = document
            if not isinstance(document.text, str):
                raise self.fail(f"the text must be text, not {_kind(document.text)}", record)
            surrogate = _SURROGATE.search(document.text)
            if surrogate is not None:
                raise self.fail(
                    f"the text holds a lone surrogate (U+{ord(surrogate.group()):04X}) at"
                    f" {surrogate.start()}: half a UTF-16 pair, which no file or database holds",
                    record,
                )
            if not _hash_matches(document.text, document.text_sha256):
                raise self.fail("the document's SHA-256 does not match its text", record)
            self.name(document.title, "title", MAX_TITLE, record, title=True)
            for field, what in _DOCUMENT_FIELDS:
                self.optional(getattr(document, field), what, record)
            self.attributes(document.import_notes, "import notes", record)
        return found

    def entities(self, entities: Iterable[Entity]) -> set[object]:
        found: set[object] = set()
        for entity in entities:
            record = f"entity {number(entity.id)}"
            if entity.id in found:
                raise self.fail("two entities have this id", record)
            found.add(entity.id)
            if not isinstance(entity.kind, EntityKind):
                raise self.fail(f"no entity kind {entity.kind!r}", record)
            self.name(entity.name, "entity name", MAX_ENTITY_NAME, record)
            if not isinstance(entity.aliases, (tuple, list)):
                # A string would be split into its letters, one alias each.
                raise self.fail(
                    f"the aliases must be a list of names, not {_kind(entity.aliases)}", record
                )
            for alias in entity.aliases:
                self.name(alias, "alias", MAX_ENTITY_NAME, record)
            self.attributes(entity.attributes, "entity attributes", record)
        return found

    def spans(
        self,
        spans: Iterable[Span],
        documents: dict[object, Document],
        entities: set[object],
        own_annotators: bool,
    ) -> dict[object, Span]:
        found: dict[object, Span] = {}
        for span in spans:
            record = span_record(span)
            if span.document_id not in documents:
                raise self.fail("the span's document is not in the file", record)
            for key in ("start", "end"):
                value = getattr(span, key)
                if not isinstance(value, int) or isinstance(value, bool):
                    raise self.fail(f"{key} must be a whole number, not {_kind(value)}", record)
            if not isinstance(span.text, str):
                raise self.fail(f"the covered text must be text, not {_kind(span.text)}", record)
            if own_annotators:
                self.name(span.annotator, "annotator name", MAX_ANNOTATOR_NAME, record)
            self.label(span.label, record)
            self.attributes(span.attributes, "attributes", record)
            if span.entity_id is not None and span.entity_id not in entities:
                raise self.fail(
                    f"the span refers to entity {number(span.entity_id)}, which is not in the file",
                    record,
                )
            if not isinstance(span.origin, Origin):
                raise self.fail(f"no origin {span.origin!r}", record)
            found[span.id] = span
        return found

    def label(self, label: object, record: str) -> None:
        self.name(label, "label", MAX_LABEL, record)
        if not self.outside_tagset and self.tagset.find(str(label)) is None:
            known = ", ".join(each.name for each in self.tagset.labels)
            raise self.fail(
                f"the label {label!r} is not in the tag set {self.tagset.name!r} ({known})",
                record,
            )

    def links(self, bundle: Bundle, spans: dict[object, Span]) -> None:
        kinds = {kind.name: kind for kind in self.tagset.link_types}
        for link in bundle.links:
            record = f"link {number(link.id)}"
            self.name(link.kind, "link kind", MAX_LABEL, record)
            source, target = spans.get(link.source_id), spans.get(link.target_id)
            if source is None or target is None:
                raise self.fail("the link names a span that is not in the file", record)
            if link.source_id == link.target_id:
                raise self.fail("the link joins a span to itself", record)
            kind = kinds.get(link.kind)
            if kind is None:
                if self.outside_tagset:
                    continue
                known = ", ".join(kinds) or "none"
                raise self.fail(
                    f"the link kind {link.kind!r} is not in the tag set {self.tagset.name!r}"
                    f" ({known})",
                    record,
                )
            ends = (source.label, target.label)
            if ends != (kind.source_label, kind.target_label):
                reversed_ = ends == (kind.target_label, kind.source_label)
                raise self.fail(
                    f"{kind.name} goes from a {kind.source_label} to a {kind.target_label};"
                    f" this one goes from a {source.label} (span {number(source.id)}) to a"
                    f" {target.label} (span {number(target.id)})"
                    + (": reversed" if reversed_ else ""),
                    record,
                )

    def statuses(
        self, bundle: Bundle, documents: dict[object, Document], own_annotators: bool
    ) -> None:
        for index, status in enumerate(bundle.statuses, start=1):
            record = f"status {index} (document {number(status.document_id)})"
            if status.document_id not in documents:
                raise self.fail("the status names a document that is not in the file", record)
            if own_annotators:
                self.name(status.annotator, "annotator name", MAX_ANNOTATOR_NAME, record)
            if not isinstance(status.status, Status):
                raise self.fail(f"no status {status.status!r}", record)


def _hash_matches(text: str, given: object) -> bool:
    """Whether `given` is the SHA-256 of the text as written, or as Hamish stores it."""
    return given == text_sha256(text) or given == text_sha256(stored_form(text).text)


def _kind(value: object) -> str:
    names = {dict: "an object", list: "a list", tuple: "a list", str: "text", bool: "true/false"}
    return names.get(type(value), "null" if value is None else type(value).__name__)
