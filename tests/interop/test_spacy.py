"""spaCy 3.8 (`.venv-interop`) reads Hamish's CoNLL export: `spacy convert -c ner` turns each
annotator's file into a .spacy DocBin, which spaCy loads back; its documents, sentences, tokens
and entities must be those Hamish wrote, and its entities Hamish's spans less what the CoNLL
export says it drops (claims, a speaker nested in a speaker) and widened to whole tokens."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from annotation.arabic import tokenise
from annotation.exchange.formats import conll_format
from annotation.exchange.selection import gather
from tests.interop import arabic_corpus

# Loads a DocBin with spaCy and prints each document's sentences (tokens) and entities.
READ_DOCBIN = """
import json, sys
import spacy
from spacy.tokens import DocBin
nlp = spacy.blank("xx")
docs = DocBin().from_disk(sys.argv[1]).get_docs(nlp.vocab)
print(json.dumps([
    {
        "sentences": [[t.text for t in s] for s in doc.sents],
        "entities": [[e.label_, e.text] for e in doc.ents],
    }
    for doc in docs
]))
"""


def written_documents(path: Path) -> list[dict[str, Any]]:
    """The documents of a Hamish CoNLL file as its lines say: sentences and tagged tokens."""
    documents: list[dict[str, Any]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line == conll_format.DOCSTART:
            documents.append({"sentences": [[]], "tags": []})
        elif line:
            token, tag = line.split("\t")
            documents[-1]["sentences"][-1].append(token)
            documents[-1]["tags"].append(tag)
        elif documents[-1]["sentences"][-1]:
            documents[-1]["sentences"].append([])
    for document in documents:
        document["sentences"] = [s for s in document["sentences"] if s]
    return documents


def spacy_documents(interop_bin: Path, conll: Path, out: Path) -> list[dict[str, Any]]:
    """What spaCy makes of a CoNLL file: `spacy convert -c ner`, then the DocBin loaded."""
    python = str(interop_bin / "python")
    out.mkdir()
    convert = [python, "-m", "spacy", "convert", str(conll), str(out), "-c", "ner"]
    done = subprocess.run(convert, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No document delimiters found" not in done.stdout, done.stdout
    read = [python, "-c", READ_DOCBIN, str(out / f"{conll.stem}.spacy")]
    loaded = subprocess.run(read, capture_output=True, text=True, timeout=120, check=True)
    result: list[dict[str, Any]] = json.loads(loaded.stdout)
    return result


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The corpus's CoNLL export, and its three texts."""
    folder = tmp_path_factory.mktemp("spacy")
    store = arabic_corpus.build(folder / "hamish.sqlite3")
    conll_format.write(gather(store), folder / "conll")
    texts = [document.text for document in gather(store).whole().documents]
    return folder / "conll", texts


def test_spacy_reads_the_documents_tokens_and_entities_hamish_wrote(
    interop_bin: Path, exported: tuple[Path, list[str]], tmp_path: Path
) -> None:
    conll, texts = exported
    assert sorted(p.name for p in conll.iterdir()) == ["amal.conll", "omar.conll"]
    amal = spacy_documents(interop_bin, conll / "amal.conll", tmp_path / "amal")
    written = written_documents(conll / "amal.conll")
    assert len(amal) == len(written) == 2  # the third document nobody annotated
    for read, wrote, text in zip(amal, written, texts[:2], strict=True):
        assert read["sentences"] == wrote["sentences"]
        tokens = [token for sentence in read["sentences"] for token in sentence]
        assert tokens == [token.text for token in tokenise(text)]
        assert len(tokens) == len(wrote["tags"])
    assert [len(d["sentences"]) for d in amal] == [2, 1]  # the line break, the full stops
    assert [len(s) for d in amal for s in d["sentences"]] == [15, 7, 12]
    assert amal[0]["sentences"][0][0] == "😀" and "🇪🇬" in amal[0]["sentences"][1]

    # Hamish's spans less the claims (left out) and the speaker nested in a speaker; the
    # location behind the proclitics widened to its token, as the module says.
    assert [d["entities"] for d in amal] == [
        [
            ["SPEAKER", "المتحدث باسم الخارجية أحمد أبو زيد"],
            ["LOCATION", "القاهرة"],
            ["LOCATION", "مصر"],
        ],
        [
            ["LOCATION", "وبالقاهرة"],
            ["SPEAKER", "وزير الخارجية سامح شكري"],
            ["LOCATION", "الرياض"],
        ],
    ]
    omar = spacy_documents(interop_bin, conll / "omar.conll", tmp_path / "omar")
    assert [d["entities"] for d in omar] == [[["SPEAKER", "سامح شكري"]]]
    assert omar[0]["sentences"] == amal[1]["sentences"]
