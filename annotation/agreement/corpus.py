"""Documents and corpora: every pair of annotators on each document, pooled over the corpus."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from annotation.agreement.characters import Characters, coverages
from annotation.agreement.figures import Coverage, JsonObject
from annotation.agreement.json_shape import blank, mean_over_pairs, with_fleiss
from annotation.agreement.pairs import PairAgreement, compare_layers, empty_agreement
from annotation.agreement.scope import CLAIM_ATTRIBUTES, DEFAULT_LABELS, resolve_labels
from annotation.agreement.states import State, group_state, pair_state
from annotation.model import DocumentId, Link, Span


@dataclass(frozen=True, slots=True)
class Layer:
    """One annotator's spans and links in one document, and whether they touched it.

    `touched` (see states.py) is True whenever the layer has spans; set it for a layer with
    none whose annotator recorded a status, so an empty layer marked done is a real answer.
    """

    spans: tuple[Span, ...] = ()
    links: tuple[Link, ...] = ()
    touched: bool = False

    def __post_init__(self) -> None:
        if self.spans and not self.touched:
            # Spans are work done: the default is "touched" exactly when there are spans.
            object.__setattr__(self, "touched", True)


@dataclass(frozen=True, slots=True)
class DocumentLayers:
    """A document's text with the layers to compare, by annotator (a missing one is empty)."""

    document_id: DocumentId
    text: str
    layers: Mapping[str, Layer]
    title: str = ""


@dataclass(frozen=True, slots=True)
class PairResult:
    """Two annotators on one document: the state, and the counts (figures only if compared)."""

    a: str
    b: str
    state: State
    agreement: PairAgreement

    @property
    def compared(self) -> PairAgreement | None:
        """The agreement when the pair could be compared, else None."""
        return self.agreement if self.state is State.COMPARED else None

    def as_dict(self) -> JsonObject:
        """Names, state and figures (None unless compared; the counts stay)."""
        figures = self.agreement.as_dict()
        return {
            "a": self.a,
            "b": self.b,
            "state": self.state.value,
            **(figures if self.compared else blank(figures)),
        }


@dataclass(frozen=True, slots=True)
class DocumentAgreement:
    """All pairs of annotators on one document, and Fleiss' kappa with three or more."""

    document_id: DocumentId
    title: str
    state: State
    characters: int  # non-whitespace: the items kappa and alpha count
    pairs: tuple[PairResult, ...]
    # Per label, with three or more annotators and only when every one of them has a span.
    fleiss: Mapping[str, Coverage] = field(default_factory=dict)

    def as_dict(self) -> JsonObject:
        """Id, title, state and figures: the pair's with two annotators, else the pairs' mean."""
        data: JsonObject = {"id": self.document_id, "title": self.title, "state": self.state.value}
        if len(self.pairs) == 1:
            pair = self.pairs[0].as_dict()
            return data | {key: pair[key] for key in ("overall", "labels", "links", "attributes")}
        data |= mean_over_pairs([(p.agreement, p.compared is not None) for p in self.pairs])
        return data | with_fleiss(data, self.fleiss) | {"pairs": [p.as_dict() for p in self.pairs]}


@dataclass(frozen=True, slots=True)
class CorpusPair:
    """Two annotators over a corpus: counts pooled over the documents they both annotated."""

    a: str
    b: str
    documents: int
    agreement: PairAgreement

    def as_dict(self) -> JsonObject:
        """Names, how many documents were pooled, and the pooled figures."""
        return {"a": self.a, "b": self.b, "documents": self.documents, **self.agreement.as_dict()}


@dataclass(frozen=True, slots=True)
class CorpusAgreement:
    """Agreement over a corpus: pooled per pair, Fleiss' kappa with 3+, and every document."""

    annotators: tuple[str, ...]
    pairs: tuple[CorpusPair, ...]
    documents: tuple[DocumentAgreement, ...]
    fleiss: Mapping[str, Coverage] = field(default_factory=dict)

    def as_dict(self) -> JsonObject:
        """The figures as the `agreement --json` command prints them."""
        states = Counter(document.state.value for document in self.documents)
        data: JsonObject = {"annotators": list(self.annotators), "states": dict(states)}
        if len(self.pairs) == 1:
            pair = self.pairs[0].as_dict()
            data |= {"documents_compared": self.pairs[0].documents}
            data |= {key: pair[key] for key in ("overall", "labels", "links", "attributes")}
        else:
            data |= mean_over_pairs([(p.agreement, p.documents > 0) for p in self.pairs])
            data |= with_fleiss(data, self.fleiss)
            data |= {"pairs": [pair.as_dict() for pair in self.pairs]}
        return data | {"documents": [document.as_dict() for document in self.documents]}


def compare_document(
    document: DocumentLayers,
    annotators: Sequence[str],
    labels: Sequence[str] | None = None,
    attributes: Sequence[str] = CLAIM_ATTRIBUTES,
) -> DocumentAgreement:
    """Every pair of `annotators` on one document (A before B in the order given)."""
    layers = [document.layers.get(name, Layer()) for name in annotators]
    chosen = resolve_labels(labels, [layer.spans for layer in layers])
    spans = [[span for span in layer.spans if span.label in chosen] for layer in layers]
    characters = Characters(document.text)
    pairs = tuple(
        PairResult(
            annotators[i],
            annotators[j],
            pair_state(spans[i], spans[j], (layers[i].touched, layers[j].touched)),
            compare_layers(
                characters,
                spans[i],
                spans[j],
                (layers[i].links, layers[j].links),
                chosen,
                attributes,
            ),
        )
        for i, j in combinations(range(len(annotators)), 2)
    )
    state = group_state(spans, [layer.touched for layer in layers])
    fleiss = (
        coverages(characters, spans, chosen)
        if len(annotators) > 2 and state is State.COMPARED
        else {}
    )
    return DocumentAgreement(
        document.document_id, document.title, state, characters.total, pairs, fleiss
    )


def compare_corpus(
    documents: Iterable[DocumentLayers],
    annotators: Sequence[str],
    labels: Sequence[str] | None = None,
    attributes: Sequence[str] = CLAIM_ATTRIBUTES,
) -> CorpusAgreement:
    """Every document compared, and the counts of compared documents pooled per pair.

    A document a pair could not compare (state other than compared) is left out of that
    pair's pooled figures: one of them has not touched it yet, or neither has a span. A
    document both touched and only one has spans in is pooled: a real disagreement.
    """
    if len(annotators) < 2 or len(set(annotators)) != len(annotators):
        raise ValueError("agreement needs two or more different annotators")
    names = list(combinations(annotators, 2))
    start = empty_agreement(DEFAULT_LABELS if labels is None else labels, attributes)
    pooled = {pair: start for pair in names}
    counted = dict.fromkeys(names, 0)
    fleiss: dict[str, Coverage] = {}
    results = []
    for document in documents:
        result = compare_document(document, annotators, labels, attributes)
        results.append(result)
        for pair in result.pairs:
            if pair.compared:
                pooled[(pair.a, pair.b)] += pair.agreement
                counted[(pair.a, pair.b)] += 1
        for label, coverage in result.fleiss.items():
            fleiss[label] = fleiss[label] + coverage if label in fleiss else coverage
    pairs = tuple(CorpusPair(a, b, counted[(a, b)], pooled[(a, b)]) for a, b in names)
    return CorpusAgreement(tuple(annotators), pairs, tuple(results), fleiss)
