"""Moving bundles into the store: `import_bundle` (exports read it through selection.py).

An import is all or nothing: every field is checked first (validation.py), every text put in
the one stored form with its spans' offsets following it (prepare_bundle), then everything is
written in one transaction.
Documents are matched by the SHA-256 of their text and created when new; entities by kind
and name. Layers (one annotator's spans on one document) are compared whole: a new one is
added, an identical one left alone, a changed one replaced only when asked.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace

from annotation.arabic import is_boundary
from annotation.changes import Changes
from annotation.cleanup import StoredText, stored_form
from annotation.exchange.bundle import Bundle, FormatError
from annotation.exchange.validation import number, span_record, validate_bundle
from annotation.model import (
    Document,
    DocumentId,
    DocumentStatus,
    Entity,
    EntityId,
    EntityKind,
    Link,
    LinkId,
    Span,
    SpanId,
    text_sha256,
)
from annotation.offsets import OffsetError, check_span
from annotation.ports import Store, StoreError
from annotation.tagset import TagSet, load_tagset


@dataclass(frozen=True, slots=True)
class LayerChange:
    """A layer the store already holds that a package brings in a different version of."""

    document_id: DocumentId
    title: str
    annotator: str
    spans_before: int
    spans_after: int


class LayersChanged(StoreError):
    """An import would replace layers that changed since they were last imported; nothing
    was written. Import again with `replace=True` (`--replace`) to replace them."""

    def __init__(self, source: str, changes: list[LayerChange]) -> None:
        self.changes = changes
        names = sorted({c.annotator for c in changes})
        super().__init__(
            f"{source}: {len(changes)} layer(s) of {', '.join(names)} differ from the ones"
            " already here (changed since the last import); nothing was imported. Import"
            " with --replace to replace them: "
            + "; ".join(
                f"document {c.document_id} {c.annotator} ({c.spans_before} spans here,"
                f" {c.spans_after} in the file)"
                for c in changes[:5]
            )
            + (" ..." if len(changes) > 5 else "")
        )


@dataclass(slots=True)
class TransferReport:
    """What an import did, layer by layer (a layer: one annotator's spans on one document)."""

    documents_added: int = 0
    documents_matched: int = 0
    layers_added: int = 0
    layers_unchanged: int = 0
    layers_replaced: int = 0
    layers_protected: int = 0
    spans_added: int = 0
    spans_already_there: int = 0
    spans_removed: int = 0
    links_added: int = 0
    entities_added: int = 0
    # What the file held that was left out, renamed or joined, one sentence each, naming the
    # file and record: the reader's (Bundle.notes) and the import's own.
    notes: list[str] = field(default_factory=list)
    # What the import wrote, for the views (ids, documents, statuses); not part of the counts.
    changes: Changes = field(default_factory=Changes)

    def as_dict(self) -> dict[str, int | list[str]]:
        """The counts and the notes, for --json."""
        return {name: getattr(self, name) for name in self.__slots__ if name != "changes"}

    def counts(self) -> dict[str, int]:
        """The counts alone, for the one-line summary."""
        return {
            name: getattr(self, name) for name in self.__slots__ if name not in ("notes", "changes")
        }


def prepare_bundle(
    bundle: Bundle,
    source: str,
    tagset: TagSet | None = None,
    *,
    annotator: str | None = None,
    outside_tagset: bool = False,
) -> Bundle:
    """The bundle as it would be stored, or FormatError naming the file and record.

    Every field is checked first (validation.py, the same for every format). Then each text is
    put in stored form (cleanup.stored_form: no BOM, `\\n` line ends, NFC, no control
    characters), whatever door it came by, and its spans' offsets and covered texts follow it,
    so that they land on the letters the window shows. A span must cover the text it claims,
    keep a place in the stored text, and not cut a letter from its marks."""
    tagset = tagset if tagset is not None else load_tagset()
    validate_bundle(bundle, source, tagset, annotator=annotator, outside_tagset=outside_tagset)
    documents = {d.id: (d, stored_form(d.text)) for d in bundle.documents}
    spans = tuple(_stored_span(span, *documents[span.document_id], source) for span in bundle.spans)
    layer_of = {s.id: (s.document_id, s.annotator) for s in spans}
    for link in bundle.links:
        if layer_of[link.source_id] != layer_of[link.target_id]:
            raise FormatError(
                source,
                "a link joins spans of two documents or two annotators' layers",
                f"link {number(link.id)}",
            )
    return replace(
        bundle,
        documents=tuple(_stored_document(d, stored) for d, stored in documents.values()),
        spans=spans,
        entities=tuple(replace(e, aliases=tuple(e.aliases)) for e in bundle.entities),
    )


def check_bundle(bundle: Bundle, source: str, tagset: TagSet | None = None) -> None:
    """Raise FormatError unless the bundle can be imported as it is (see prepare_bundle)."""
    prepare_bundle(bundle, source, tagset)


def _stored_document(document: Document, stored: StoredText) -> Document:
    if not stored.changed:
        return document
    return replace(
        document,
        text=stored.text,
        text_sha256=text_sha256(stored.text),
        import_notes={**document.import_notes, **stored.notes()},
    )


def _stored_span(span: Span, document: Document, stored: StoredText, source: str) -> Span:
    """The span on the stored text, checked on the text as the file gave it and as stored."""
    where = span_record(span)
    try:
        check_span(document.text, span)
        if stored.changed:
            start, end = stored.position(span.start), stored.position(span.end)
            if start == end:
                raise OffsetError(
                    "the span covers only characters that are not stored (a line end's"
                    " carriage return, a byte-order mark or control characters)"
                )
            span = replace(span, start=start, end=end, text=stored.text[start:end])
    except OffsetError as error:
        raise FormatError(source, str(error), where) from None
    for edge in (span.start, span.end):
        if not is_boundary(stored.text, edge):
            raise FormatError(
                source,
                f"the span {'starts' if edge == span.start else 'ends'} at {edge}, between"
                f" {stored.text[edge - 1]!r} and the mark {stored.text[edge]!r}"
                f" (U+{ord(stored.text[edge]):04X}) that belongs to it: a span never cuts a"
                " letter from its marks",
                where,
            )
    return span


def import_bundle(
    store: Store,
    bundle: Bundle,
    source: str,
    annotator: str | None = None,
    *,
    replace_changed: bool = False,
    protect: Collection[str] = (),
    tagset: TagSet | None = None,
    outside_tagset: bool = False,
) -> TransferReport:
    """Add a bundle to the store, all or nothing, a layer at a time.

    `annotator` puts every layer under that name. A layer the store does not have is added;
    one it has with the same spans, attributes and links is left alone (importing a package
    twice changes nothing); one that differs raises LayersChanged before anything is
    written, unless `replace_changed`, when the stored layer is replaced by the package's.
    Layers of the annotators in `protect` (the person at this workstation) are never touched:
    a package's copy of them is left out and counted. Everything is checked and put in
    stored form first (prepare_bundle): labels and link kinds come from `tagset` (the
    default tag set when None) unless `outside_tagset`."""
    bundle = prepare_bundle(
        bundle, source, tagset, annotator=annotator, outside_tagset=outside_tagset
    )
    report = TransferReport(notes=list(bundle.notes))
    layers = _layers(bundle, annotator)
    written = _Written()
    with store.transaction():
        documents = _documents(store, bundle, report)
        entities = _entities(store, bundle, report, written)
        # Entities are compared only when the file carries them (brat, CoNLL do not).
        compare_entities = bool(bundle.entities)
        bundle_entities = {e.id: (e.kind, e.name) for e in bundle.entities}
        stored_entities = {e.id: (e.kind, e.name) for e in store.entities()}
        changes: list[LayerChange] = []
        for (bundle_document, name), (spans, links, statuses) in layers.items():
            if name in protect:
                report.layers_protected += 1
                continue
            document_id = documents[bundle_document]
            stored = store.spans_for(document_id, name)
            incoming = _Layer(spans, links, bundle_entities, compare_entities)
            if stored:
                here = _Layer(
                    stored,
                    store.links_for(document_id, name),
                    stored_entities,
                    compare_entities,
                )
                if here.signature() == incoming.signature():
                    report.layers_unchanged += 1
                    report.spans_already_there += len(stored)
                    _set_statuses(store, document_id, name, statuses, written)
                    continue
                if not replace_changed:
                    title = store.document(document_id).title
                    changes.append(
                        LayerChange(document_id, title, name, len(stored), len(incoming.spans))
                    )
                    continue
                for span in stored:
                    assert span.id is not None
                    store.remove_span(span.id)  # its links go with it
                    written.spans.add(span.id)
                written.documents.add(document_id)
                report.spans_removed += len(stored)
                report.layers_replaced += 1
            else:
                report.layers_added += 1
            _add_layer(store, document_id, name, incoming, entities, report, source, written)
            _set_statuses(store, document_id, name, statuses, written)
        if changes:
            raise LayersChanged(source, changes)  # the transaction rolls everything back
    report.changes = written.changes(corpus=report.documents_added > 0)
    return report


@dataclass(slots=True)
class _Written:
    """What import_bundle has written so far, gathered for its report's Changes."""

    documents: set[DocumentId] = field(default_factory=set)
    spans: set[SpanId] = field(default_factory=set)
    links: set[LinkId] = field(default_factory=set)
    entities: set[EntityId] = field(default_factory=set)
    statuses: set[DocumentId] = field(default_factory=set)

    def changes(self, corpus: bool) -> Changes:
        return Changes(
            documents=frozenset(self.documents),
            spans=frozenset(self.spans),
            links=frozenset(self.links),
            entities=frozenset(self.entities),
            statuses=frozenset(self.statuses),
            corpus=corpus,
        )


_LayerParts = tuple[list[Span], list[Link], list[DocumentStatus]]


def _layers(
    bundle: Bundle, annotator: str | None
) -> dict[tuple[DocumentId | None, str], _LayerParts]:
    """The bundle's layers by (document, annotator), in the bundle's order."""
    layers: dict[tuple[DocumentId | None, str], _LayerParts] = {}
    layer_of: dict[SpanId | None, tuple[DocumentId | None, str]] = {}
    for span in bundle.spans:
        key = (span.document_id, annotator or span.annotator)
        layers.setdefault(key, ([], [], []))[0].append(span)
        layer_of[span.id] = key
    for link in bundle.links:
        layers[layer_of[link.source_id]][1].append(link)
    for status in bundle.statuses:
        key = (status.document_id, annotator or status.annotator)
        layers.setdefault(key, ([], [], []))[2].append(status)
    return layers


@dataclass(slots=True)
class _Layer:
    """One layer's spans and links, compared by content rather than by ids."""

    spans: list[Span]
    links: list[Link]
    entities: dict[EntityId | None, tuple[EntityKind, str]]
    compare_entities: bool

    def span_key(self, span: Span) -> tuple[object, ...]:
        entity = self.entities.get(span.entity_id) if self.compare_entities else None
        return (span.label, span.start, span.end, _canonical_json(span.attributes), entity)

    def signature(self) -> tuple[frozenset[object], frozenset[object]]:
        # A file may list a span or a link twice: it is one span, one link. A span listed
        # twice at one place with other attributes is stored as its first listing (_add_layer,
        # and said), so that is what compares: the same file imported again changes nothing.
        first: dict[tuple[str, int, int], Span] = {}
        for span in self.spans:
            first.setdefault((span.label, span.start, span.end), span)
        where = {s.id: (s.label, s.start, s.end) for s in self.spans}
        return (
            frozenset(self.span_key(s) for s in first.values()),
            frozenset((k.kind, where[k.source_id], where[k.target_id]) for k in self.links),
        )


def _add_layer(
    store: Store,
    document_id: DocumentId,
    name: str,
    layer: _Layer,
    entities: dict[EntityId | None, EntityId],
    report: TransferReport,
    source: str,
    written: _Written,
) -> None:
    ids: dict[SpanId | None, SpanId] = {}
    by_place: dict[tuple[str, int, int], tuple[Span, SpanId]] = {}
    for span in layer.spans:
        place = (span.label, span.start, span.end)
        if place in by_place:
            # A layer holds one span a label and extent: a second is the same span listed
            # twice, and where it says something else that is named, never lost unseen (a
            # Label Studio round trip dropped six spans' attributes without a word, issue 15).
            first, ids[span.id] = by_place[place]
            if span.attributes != first.attributes or span.entity_id != first.entity_id:
                report.notes.append(_joined(source, document_id, name, first, span))
            continue
        stored = store.add_span(
            replace(
                span,
                id=None,
                document_id=document_id,
                annotator=name,
                entity_id=entities.get(span.entity_id) if span.entity_id is not None else None,
            )
        )
        assert stored.id is not None
        ids[span.id] = stored.id
        by_place[place] = (span, stored.id)
        written.spans.add(stored.id)
        written.documents.add(document_id)
        report.spans_added += 1
    added: set[tuple[str, SpanId, SpanId]] = set()
    for link in layer.links:
        key = (link.kind, ids[link.source_id], ids[link.target_id])
        if key not in added:
            link = store.add_link(Link(*key))
            if link.id is not None:
                written.links.add(link.id)
            added.add(key)
            report.links_added += 1


def _joined(source: str, document_id: DocumentId, layer: str, kept: Span, other: Span) -> str:
    """The note for a span listed twice in one layer with other attributes or entity."""
    keys = sorted(kept.attributes.keys() | other.attributes.keys())
    differences = [
        f"{key}={other.attributes[key]!r}" if key in other.attributes else f"no {key}"
        for key in keys
        if kept.attributes.get(key) != other.attributes.get(key)
    ]
    if other.entity_id != kept.entity_id:
        differences.append("another entity")
    what = ", ".join(differences)
    return (
        f"{source}: document {document_id}, layer {layer}: {kept.label} {kept.start}-{kept.end}"
        f" {kept.text!r} is in the file twice; the second says {what}, which was"
        " left out (a layer holds one span a label and place: give the second annotator's"
        " work its own layer)"
    )


def _set_statuses(
    store: Store,
    document_id: DocumentId,
    name: str,
    statuses: list[DocumentStatus],
    written: _Written,
) -> None:
    for status in statuses:
        store.set_status(document_id, name, status.status)
        written.statuses.add(document_id)


def _canonical_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _documents(
    store: Store, bundle: Bundle, report: TransferReport
) -> dict[DocumentId | None, DocumentId]:
    mapping: dict[DocumentId | None, DocumentId] = {}
    for document in bundle.documents:
        found = store.document_id_for_hash(document.text_sha256)
        if found is None:
            found = _imported_as_article(store, document, bundle.spans)
        if found is None:
            (found,) = store.add_documents([replace(document, id=None)])
            report.documents_added += 1
        else:
            report.documents_matched += 1
        mapping[document.id] = found
    return mapping


def _imported_as_article(
    store: Store, document: Document, spans: Sequence[Span]
) -> DocumentId | None:
    """The stored document this text became when it was imported as an article, if any.

    Article import cuts trailing whitespace (cleanup.clean_text) and an annotation file
    carries the text as it was annotated, so a brat `.txt` ending in a line break has another
    SHA-256 than the article imported from the same file (issue 14, item 15). Matched only
    when every span of the document fits the shorter text: the offsets stay the same."""
    trimmed = document.text.rstrip()
    if trimmed == document.text:
        return None
    if any(s.end > len(trimmed) for s in spans if s.document_id == document.id):
        return None
    return store.document_id_for_hash(text_sha256(trimmed))


def _entities(
    store: Store, bundle: Bundle, report: TransferReport, written: _Written
) -> dict[EntityId | None, EntityId]:
    stored = {(entity.kind, entity.name): entity for entity in store.entities()}
    mapping: dict[EntityId | None, EntityId] = {}
    for entity in bundle.entities:
        match = stored.get((entity.kind, entity.name))
        if match is None:
            match = store.add_entity(
                Entity(entity.kind, entity.name, entity.aliases, entity.attributes)
            )
            report.entities_added += 1
            assert match.id is not None
            written.entities.add(match.id)
        assert match.id is not None
        mapping[entity.id] = match.id
    return mapping
