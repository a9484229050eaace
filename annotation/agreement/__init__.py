"""Inter-annotator agreement: how far annotators' layers of the same documents agree.

Pure functions over spans and links; loading.py reads the documents and layers from the store
for the `agreement` and `report` commands (ui/cli/review.py) and the dashboard. For two annotators A and B:

- span F1, exact and overlap, per label and overall (matching.py). A is the reference for
  precision and recall; F1 = 2·matched / (spans of A + spans of B) is symmetric.
- Cohen's kappa and Krippendorff's alpha (nominal) over the non-whitespace characters: for each
  label, each character is "in" when a span of that label covers it (characters.py).
- link F1 on ATTRIBUTED_TO links between overlap-matched spans;
- agreement on the attributes of overlap-matched claims (pairs.py).
With three or more annotators: Fleiss' kappa per label, and the mean of every pair's figures.

Every figure is kept as counts (figures.py), so a corpus figure pools the counts (a
micro-average) rather than averaging document figures, which would weigh a two-line brief like
a long report. A figure that cannot be computed is None, never 1.0: agreeing about nothing is
not agreement.

Who touched a document decides whether it is compared (states.py): an annotator touched it
when they have a span in it or recorded a status for it (`Layer.touched`). Both touched ->
compared and pooled, even when one of them has no span (a real disagreement: F1 0), unless
neither has a span (both_empty); only one touched -> only_a / only_b, reported, never pooled,
as that annotator's colleague has not done it yet.

The modules: scope (what is compared by default), matching, figures (the statistics),
characters, pairs (two layers of one document), states (whether a document is compared),
corpus (documents and corpora), json_shape (the JSON the command prints), loading (the
layers read from the store, one document at a time).
"""

from annotation.agreement.characters import character_counts, covered, fleiss_counts
from annotation.agreement.corpus import (
    CorpusAgreement,
    CorpusPair,
    DocumentAgreement,
    DocumentLayers,
    Layer,
    PairResult,
    compare_corpus,
    compare_document,
)
from annotation.agreement.figures import (
    AttributeAgreement,
    Contingency,
    Counts,
    Coverage,
    JsonObject,
)
from annotation.agreement.json_shape import FIGURES
from annotation.agreement.loading import (
    LayerSource,
    annotated_documents,
    document_layers,
    load_corpus_agreement,
)
from annotation.agreement.matching import Pair, match_exact, match_overlap
from annotation.agreement.pairs import (
    LabelAgreement,
    PairAgreement,
    attribute_agreement,
    compare_pair,
    empty_agreement,
    link_counts,
    span_counts,
)
from annotation.agreement.scope import (
    CLAIM,
    CLAIM_ATTRIBUTES,
    DEFAULT_LABELS,
    LINK_KIND,
    resolve_labels,
)
from annotation.agreement.states import State, group_state, pair_state

__all__ = [
    "CLAIM",
    "CLAIM_ATTRIBUTES",
    "DEFAULT_LABELS",
    "FIGURES",
    "LINK_KIND",
    "AttributeAgreement",
    "Contingency",
    "CorpusAgreement",
    "CorpusPair",
    "Counts",
    "Coverage",
    "DocumentAgreement",
    "DocumentLayers",
    "JsonObject",
    "LabelAgreement",
    "Layer",
    "LayerSource",
    "Pair",
    "PairAgreement",
    "PairResult",
    "State",
    "annotated_documents",
    "attribute_agreement",
    "character_counts",
    "compare_corpus",
    "compare_document",
    "compare_pair",
    "covered",
    "document_layers",
    "empty_agreement",
    "fleiss_counts",
    "group_state",
    "link_counts",
    "load_corpus_agreement",
    "match_exact",
    "match_overlap",
    "pair_state",
    "resolve_labels",
    "span_counts",
]
