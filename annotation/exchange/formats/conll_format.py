"""The `conll` format: tokens tagged IOB2, for training and scoring sequence taggers (spaCy's
`convert -c ner`, seqeval, most NER toolkits).

`OUT/NAME.conll` for each annotator NAME (what file systems refuse in a name written %XX),
holding the documents that annotator has a span or a status on; an earlier export in `OUT`
is replaced whole. Each document starts with `-DOCSTART- -X- O O` and a blank line: spaCy's
`convert -c ner` (3.8) splits documents on exactly that line (on another, such as CoNLL-2003's
`-DOCSTART- -X- -X- O`, it makes each sentence a document, `-DOCSTART-` one of them); seqeval
skips any `-DOCSTART-` line. Then one token a line, `token<TAB>tag` (spaCy takes the first
column as the word and the last as the tag), with tags `B-SPEAKER`, `I-SPEAKER`, `B-LOCATION`,
... or `O`, and a blank line after each sentence. Tokens are annotation.arabic's (an emoji or
a quotation mark is a token of its own; tashkeel stays on its letter; none holds whitespace,
where spaCy would split it); a sentence ends after `.` `!` `?` `؟` (and the closing quotes or
brackets that follow) and at a line break, but never inside a tagged span (an abbreviation
such as `د.` inside a name).

CoNLL holds much less than Hamish, and this is what is lost:
- CLAIM spans are left out by default (`leave_out`): claims run a clause long and contain the
  speakers and locations, which the tags would otherwise hide.
- One tag a token: no overlaps and no nesting. Where spans overlap the outer one wins (the one
  starting first, the longer at equal starts) and the spans inside it or crossing it are dropped.
- One tag a whole token: a span inside a token, such as a location behind a proclitic
  (`لسورية`, `وبالقاهرة`), covers the whole token, as ANERcorp tags it.
- Links, attributes, entities, statuses and offsets are not written. Without offsets the text
  cannot be rebuilt exactly, so the format is written only, never read back.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Sequence
from operator import attrgetter
from pathlib import Path, PurePosixPath

from annotation.arabic import Token, TokenKind, tokenise
from annotation.exchange.bundle import Corpus, ExportOptions
from annotation.exchange.formats.brat_format import LINE_BREAKS
from annotation.exchange.output import atomic_folder, file_name, write_new
from annotation.model import Document, Span

# The exact line spaCy's conll_ner_to_docs splits documents on (CoNLL-2003 wrote -X- -X- O).
DOCSTART = "-DOCSTART- -X- O O"
LEFT_OUT = ("CLAIM",)
_SENTENCE_ENDS = ".!?؟"


def write(
    corpus: Corpus,
    out: Path,
    options: ExportOptions | None = None,
    *,
    leave_out: Collection[str] = LEFT_OUT,
) -> None:
    """Write one `NAME.conll` per annotator in the folder `out` (new, empty, or an earlier
    export, replaced whole)."""
    bundle = corpus.whole()
    with atomic_folder(out, is_export_file) as folder:
        for annotator in bundle.annotators():
            touched = {s.document_id for s in bundle.spans if s.annotator == annotator} | {
                s.document_id for s in bundle.statuses if s.annotator == annotator
            }
            parts = [
                document_lines(document, bundle.spans_of(document, annotator), leave_out)
                for document in bundle.documents
                if document.id in touched
            ]
            data = "".join(parts).encode("utf-8")
            write_new(
                folder / f"{file_name(annotator)}.conll", data, out, f"annotator {annotator!r}"
            )


def is_export_file(path: PurePosixPath) -> bool:
    """Whether a file at `path` inside a folder is one a CoNLL export writes."""
    return len(path.parts) == 1 and path.suffix == ".conll"


def document_lines(
    document: Document, spans: Sequence[Span], leave_out: Collection[str] = LEFT_OUT
) -> str:
    """One document in CoNLL: the -DOCSTART- line, then its sentences."""
    tokens = tokenise(document.text)
    tags = token_tags(tokens, [span for span in spans if span.label not in leave_out])
    lines = [DOCSTART, ""]
    for sentence in sentences(document.text, tokens, tags):
        lines += [f"{tokens[i].text}\t{tags[i]}" for i in sentence]
        lines.append("")
    return "".join(line + "\n" for line in lines)


def token_tags(tokens: Sequence[Token], spans: Sequence[Span]) -> list[str]:
    """IOB2 tags: each span widened to the tokens it touches; the outer span wins."""
    ends = [token.end for token in tokens]
    ranges = []
    for span in spans:
        first = bisect_right(ends, span.start)  # the first token ending after the start
        last = bisect_left(tokens, span.end, key=attrgetter("start"))  # tokens starting before
        if first < last:
            ranges.append((first, last, span))
    # Outer first: the earlier start, then the longer range, then the longer span.
    ranges.sort(key=lambda r: (r[0], -r[1], r[2].start, -r[2].end, r[2].label))
    tags = ["O"] * len(tokens)
    for first, last, span in ranges:
        if any(tag != "O" for tag in tags[first:last]):
            continue  # inside or across a span already tagged
        label = "_".join(span.label.split())  # a column holds no spaces
        tags[first:last] = [f"B-{label}"] + [f"I-{label}"] * (last - first - 1)
    return tags


def sentences(text: str, tokens: Sequence[Token], tags: Sequence[str]) -> list[list[int]]:
    """Token indexes, sentence by sentence."""
    result: list[list[int]] = []
    ended = False  # after a sentence's final punctuation, until a token that is not closing
    for i, token in enumerate(tokens):
        final = token.kind is TokenKind.PUNCT and token.text[0] in _SENTENCE_ENDS
        closing = final or (
            token.kind is TokenKind.PUNCT and unicodedata.category(token.text[0]) in ("Pe", "Pf")
        )
        boundary = (ended and not closing) or (
            i > 0 and LINE_BREAKS.search(text, tokens[i - 1].end, token.start) is not None
        )
        if not result or (boundary and not tags[i].startswith("I-")):
            result.append([])
        result[-1].append(i)
        ended = final or (ended and closing)
    return result
