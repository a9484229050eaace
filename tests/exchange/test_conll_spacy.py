"""The `conll` format as spaCy's `convert -c ner` reads it, checked without spaCy (the real
spaCy reads it in tests/interop/test_spacy.py): its document delimiter, and one word and one
tag a line, split on whitespace as spaCy splits them."""

from __future__ import annotations

from pathlib import Path

from annotation.arabic import tokenise
from annotation.exchange.bundle import Bundle
from annotation.exchange.formats import conll_format
from annotation.exchange.selection import gather
from annotation.model import Document, DocumentId, Span, SpanId, text_sha256
from db.store import SqliteStore

# spaCy 3.8's conll_ner_to_docs splits documents on exactly this line and on no other.
SPACY_DELIMITER = "-DOCSTART- -X- O O"


def spacy_documents(path: Path) -> list[str]:
    """A CoNLL file cut into documents as conll_ner_to_docs cuts it."""
    parts = path.read_text(encoding="utf-8").strip().split(SPACY_DELIMITER)
    return [part.strip() for part in parts if part.strip()]


def test_each_document_starts_with_the_line_spacy_splits_on(
    filled: SqliteStore, tmp_path: Path
) -> None:
    conll_format.write(gather(filled), tmp_path / "conll")
    amal = spacy_documents(tmp_path / "conll" / "amal.conll")
    assert len(amal) == 2
    assert amal[0].split("\n")[0] == "😀\tO" and amal[1].split("\n")[0] == "أكَّدَ\tO"
    assert len(spacy_documents(tmp_path / "conll" / "omar.conll")) == 1
    assert not any("DOCSTART" in part for part in amal)  # no document holds a -DOCSTART- token


def test_each_line_is_one_word_and_one_tag_split_as_spacy_splits(tmp_path: Path) -> None:
    # No-break, thin and ideographic spaces separate tokens; a right-to-left mark and a
    # zero-width space stay inside theirs: str.split() (spaCy's) must see the same tokens.
    text = "قال\u00a0الوزير\u2009إن\u3000الوفد وصل\u200fإلى بيروت\u200bاليوم."
    start = text.index("بيروت")
    span = Span(DocumentId(1), "amal", "LOCATION", start, start + 5, "بيروت", id=SpanId(1))
    document = Document(text, text_sha256(text), id=DocumentId(1))
    conll_format.write(Bundle((document,), (span,)), tmp_path / "conll")
    (written,) = spacy_documents(tmp_path / "conll" / "amal.conll")
    columns = [line.split() for line in written.split("\n") if line.strip()]
    assert {len(row) for row in columns} == {2}
    assert [word for word, _ in columns] == [token.text for token in tokenise(text)]
    assert [tag for _, tag in columns] == ["O"] * 5 + ["B-LOCATION", "O"]
