"""Agreement from the store: which documents the annotators touched, their layers read one
document at a time, and the comparison of them all (the `agreement` and `report` commands and
the dashboard start here)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from annotation.agreement.corpus import CorpusAgreement, DocumentLayers, Layer, compare_corpus
from annotation.model import DocumentId
from annotation.ports import DocumentStore, LayerStore, ProgressStore


class LayerSource(DocumentStore, LayerStore, ProgressStore, Protocol):
    """What agreement reads: the documents, their layers and the statuses recorded on them."""


def load_corpus_agreement(
    store: LayerSource,
    annotators: Sequence[str],
    labels: Sequence[str] | None = None,
    document_ids: Sequence[DocumentId] | None = None,
) -> CorpusAgreement:
    """Compare `annotators` on `document_ids`, or on every document any of them touched."""
    ids = annotated_documents(store, annotators) if document_ids is None else document_ids
    return compare_corpus(document_layers(store, ids, annotators), annotators, labels)


def annotated_documents(store: DocumentStore, annotators: Sequence[str]) -> list[DocumentId]:
    """The documents any of the annotators has a span or a recorded status in."""
    ids: set[DocumentId] = set()
    for name in annotators:
        ids.update(
            summary.id
            for summary in store.document_summaries(name)
            if summary.span_count or name in summary.statuses
        )
    return sorted(ids)


def document_layers(
    store: LayerSource, ids: Sequence[DocumentId], annotators: Sequence[str]
) -> Iterator[DocumentLayers]:
    """One document at a time, so a corpus of thousands is never all in memory.

    A layer is touched when it has spans or its annotator recorded a status: an empty layer
    marked done is an answer ("nothing to tag here"), not work still to do.
    """
    with_status = {(s.document_id, s.annotator) for s in store.recorded_statuses(annotators)}
    for document_id in ids:
        document = store.document(document_id)
        layers = {
            name: Layer(
                tuple(store.spans_for(document_id, name)),
                tuple(store.links_for(document_id, name)),
                touched=(document_id, name) in with_status,
            )
            for name in annotators
        }
        yield DocumentLayers(document_id, document.text, layers, document.title)
