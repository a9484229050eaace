"""Moving bundles into the store: `import_bundle` (exports read it through selection.py).

An import is all or nothing: every span is checked against its document's text first (in
range, covering the text it claims), then everything is written in one transaction.
Documents are matched by the SHA-256 of their text and created when new; entities by kind
and name; a span already in the layer (same label and offsets) is not added twice.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from annotation.exchange.bundle import Bundle, FormatError
from annotation.model import (
    DocumentId,
    Entity,
    EntityId,
    Link,
    SpanId,
    text_sha256,
)
from annotation.offsets import OffsetError, check_span
from annotation.ports import Store


@dataclass(slots=True)
class TransferReport:
    """What an import added."""

    documents_added: int = 0
    documents_matched: int = 0
    spans_added: int = 0
    spans_already_there: int = 0
    links_added: int = 0
    entities_added: int = 0

    def as_dict(self) -> dict[str, int]:
        """The counts, for --json."""
        return {
            "documents_added": self.documents_added,
            "documents_matched": self.documents_matched,
            "spans_added": self.spans_added,
            "spans_already_there": self.spans_already_there,
            "links_added": self.links_added,
            "entities_added": self.entities_added,
        }


def check_bundle(bundle: Bundle, source: str) -> None:
    """Raise FormatError unless every span fits its document and every link its spans."""
    documents = {document.id: document for document in bundle.documents}
    spans = {span.id for span in bundle.spans}
    for span in bundle.spans:
        document = documents.get(span.document_id)
        where = (
            f"document {span.document_id}, span {span.id} ({span.label} {span.start}-{span.end})"
        )
        if document is None:
            raise FormatError(source, "the span's document is not in the file", where)
        if document.text_sha256 != text_sha256(document.text):
            raise FormatError(
                source, "the document's SHA-256 does not match its text", f"document {document.id}"
            )
        try:
            check_span(document.text, span)
        except OffsetError as error:
            raise FormatError(source, str(error), where) from None
    for link in bundle.links:
        if link.source_id not in spans or link.target_id not in spans:
            raise FormatError(
                source, "a link names a span that is not in the file", f"link {link.id}"
            )


def import_bundle(
    store: Store, bundle: Bundle, source: str, annotator: str | None = None
) -> TransferReport:
    """Add a bundle to the store, all or nothing; `annotator` puts every layer under that name."""
    check_bundle(bundle, source)
    report = TransferReport()
    with store.transaction():
        documents = _documents(store, bundle, report)
        entities = _entities(store, bundle, report)
        span_ids: dict[SpanId | None, SpanId] = {}
        existing: dict[tuple[DocumentId, str], dict[tuple[str, int, int], SpanId]] = {}
        for span in bundle.spans:
            document_id = documents[span.document_id]
            layer = annotator or span.annotator
            if (document_id, layer) not in existing:
                existing[(document_id, layer)] = {
                    (s.label, s.start, s.end): s.id
                    for s in store.spans_for(document_id, layer)
                    if s.id
                }
            known = existing[(document_id, layer)].get((span.label, span.start, span.end))
            if known is not None:
                span_ids[span.id] = known
                report.spans_already_there += 1
                continue
            stored = store.add_span(
                replace(
                    span,
                    id=None,
                    document_id=document_id,
                    annotator=layer,
                    entity_id=entities.get(span.entity_id) if span.entity_id is not None else None,
                )
            )
            assert stored.id is not None
            span_ids[span.id] = stored.id
            existing[(document_id, layer)][(span.label, span.start, span.end)] = stored.id
            report.spans_added += 1
        layers = {(documents[s.document_id], annotator or s.annotator) for s in bundle.spans}
        present = {
            (link.kind, link.source_id, link.target_id)
            for document_id, layer in layers
            for link in store.links_for(document_id, layer)
        }
        for link in bundle.links:
            mapped = Link(link.kind, span_ids[link.source_id], span_ids[link.target_id])
            key = (mapped.kind, mapped.source_id, mapped.target_id)
            if key not in present:  # a file may list a link twice: it is one link
                store.add_link(mapped)
                present.add(key)
                report.links_added += 1
        for status in bundle.statuses:
            store.set_status(
                documents[status.document_id], annotator or status.annotator, status.status
            )
    return report


def _documents(
    store: Store, bundle: Bundle, report: TransferReport
) -> dict[DocumentId | None, DocumentId]:
    mapping: dict[DocumentId | None, DocumentId] = {}
    for document in bundle.documents:
        found = store.document_id_for_hash(document.text_sha256)
        if found is None:
            (found,) = store.add_documents([replace(document, id=None)])
            report.documents_added += 1
        else:
            report.documents_matched += 1
        mapping[document.id] = found
    return mapping


def _entities(
    store: Store, bundle: Bundle, report: TransferReport
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
        mapping[entity.id] = match.id
    return mapping
