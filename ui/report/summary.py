"""Agreement read into typed rows for the report and the dashboard.

Never imports Qt: the `agreement` and `report` commands use it as much as the dashboard does.
The figures come from annotation.agreement (load_corpus_agreement reads them from the store);
`summarize` reads them from the same JSON the `agreement --json` command prints, so every view
shows exactly the figures it prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from annotation.agreement import CorpusAgreement, State
from annotation.model import DocumentId
from annotation.tagset import TagSet

JsonObject = Mapping[str, Any]

# Typed rows


@dataclass(frozen=True, slots=True)
class Figures:
    """The four figures of a label, a pair or a document; None where none could be computed."""

    exact_f1: float | None = None
    overlap_f1: float | None = None
    kappa: float | None = None
    alpha: float | None = None
    fleiss_kappa: float | None = None  # three or more annotators only

    @classmethod
    def from_json(cls, data: JsonObject) -> Figures:
        """Read the figures of one `overall` or label entry of the agreement JSON."""
        return cls(
            data.get("exact_f1"),
            data.get("overlap_f1"),
            data.get("kappa"),
            data.get("alpha"),
            data.get("fleiss_kappa"),
        )


@dataclass(frozen=True, slots=True)
class LabelRow:
    """One label's figures, with its titles from the tag set."""

    name: str
    title: str  # English
    arabic_title: str
    figures: Figures


@dataclass(frozen=True, slots=True)
class LinkRow:
    """Link F1 (counts only with two annotators: with more, the figures are pair means)."""

    f1: float | None
    precision: float | None
    recall: float | None
    matched: int | None = None
    a_count: int | None = None
    b_count: int | None = None


@dataclass(frozen=True, slots=True)
class AttributeRow:
    """Agreement on one claim attribute over matched claims."""

    name: str
    observed: float | None
    kappa: float | None
    claims: int | None = None  # matched claims; two annotators only


@dataclass(frozen=True, slots=True)
class PairRow:
    """Two annotators' figures pooled over the documents they both could be compared on."""

    a: str
    b: str
    documents: int
    figures: Figures


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One document's state and figures (the pairs' mean with three or more annotators)."""

    document_id: DocumentId
    title: str
    state: str
    figures: Figures


@dataclass(frozen=True, slots=True)
class AgreementSummary:
    """Everything a report or the dashboard shows about one comparison."""

    annotators: tuple[str, ...]
    states: Mapping[str, int]
    documents_compared: int
    overall: Figures
    labels: tuple[LabelRow, ...]
    links: LinkRow
    attributes: tuple[AttributeRow, ...]
    pairs: tuple[PairRow, ...]
    documents: tuple[DocumentRow, ...]

    def worst_first(self) -> list[DocumentRow]:
        """The documents by overlap F1, lowest first; those without a figure last, by id."""
        return sorted(self.documents, key=worst_first_key)


def _pooled(documents: list[JsonObject]) -> int:
    """With three or more annotators: the documents some pair compared, whose counts the
    figures pool (a PARTIAL document counts too; counting only COMPARED said "0 pooled"
    over figures: issue 14, item 23)."""
    return sum(
        any(pair["state"] == State.COMPARED.value for pair in document["pairs"])
        for document in documents
    )


def worst_first_key(row: DocumentRow) -> tuple[bool, float, int]:
    """Sort key: documents with a figure first, lowest overlap F1 first, then by id."""
    value = row.figures.overlap_f1
    return (value is None, 0.0 if value is None else value, row.document_id)


def summarize(result: CorpusAgreement, tagset: TagSet | None = None) -> AgreementSummary:
    """The comparison as typed rows; label titles from `tagset` (the label name without one)."""
    data = result.as_dict()
    counted: Mapping[str, int] = data["states"]
    states = {state.value: counted[state.value] for state in State if state.value in counted}
    links = data["links"]
    return AgreementSummary(
        annotators=tuple(data["annotators"]),
        states=states,
        documents_compared=(
            data["documents_compared"]
            if "documents_compared" in data
            else _pooled(data["documents"])
        ),
        overall=Figures.from_json(data["overall"]),
        labels=tuple(_label_row(name, figures, tagset) for name, figures in data["labels"].items()),
        links=LinkRow(
            links["f1"],
            links["precision"],
            links["recall"],
            links.get("matched"),
            links.get("a_count"),
            links.get("b_count"),
        ),
        attributes=tuple(
            AttributeRow(name, values["observed"], values["kappa"], values.get("pairs"))
            for name, values in data["attributes"].items()
        ),
        pairs=tuple(
            PairRow(pair["a"], pair["b"], pair["documents"], Figures.from_json(pair["overall"]))
            for pair in (corpus_pair.as_dict() for corpus_pair in result.pairs)
        ),
        documents=tuple(
            DocumentRow(
                DocumentId(document["id"]),
                document["title"],
                document["state"],
                Figures.from_json(document["overall"]),
            )
            for document in data["documents"]
        ),
    )


def _label_row(name: str, figures: JsonObject, tagset: TagSet | None) -> LabelRow:
    label = tagset.find(name) if tagset is not None else None
    if label is None:
        return LabelRow(name, name, name, Figures.from_json(figures))
    return LabelRow(name, label.title("en"), label.title("ar"), Figures.from_json(figures))
