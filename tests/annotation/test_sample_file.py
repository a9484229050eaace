"""The annotated sample (assets/samples/annotated.json) is what make_sample.py writes from the
article and its phrases: every span covers the phrase it names, and nothing drifts."""

from __future__ import annotations

import importlib.util
import json
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from annotation.exchange.formats import hamish_json
from annotation.exchange.transfer import check_bundle
from annotation.importing import ANNOTATED_SAMPLE

SCRIPT = ANNOTATED_SAMPLE.parent / "make_sample.py"


@pytest.fixture(scope="module")
def make_sample() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_sample", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def shipped() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ANNOTATED_SAMPLE.read_text(encoding="utf-8"))
    return data


def test_the_shipped_file_is_the_generated_one(make_sample: ModuleType) -> None:
    assert ANNOTATED_SAMPLE.read_text(encoding="utf-8") == make_sample.rendered()
    assert make_sample.main(["--check"]) == 0


def test_every_span_covers_the_phrase_it_names(
    make_sample: ModuleType, shipped: dict[str, Any]
) -> None:
    (document,) = shipped["documents"]
    text = document["text"]
    for span in shipped["spans"]:
        assert text[span["start"] : span["end"]] == span["text"]
    named = Counter(
        [("SPEAKER", make_sample.phrase(s.where)) for s in make_sample.SPEAKERS]
        + [("CLAIM", make_sample.phrase(c.where)) for c in make_sample.CLAIMS]
        + [("LOCATION", make_sample.phrase(where)) for where, _ in make_sample.LOCATIONS]
    )
    covered = Counter((s["label"], s["text"]) for s in shipped["spans"])
    assert covered == {(label, make_sample.nfc(p)): n for (label, p), n in named.items()}
    assert sum(covered.values()) == 9 + 13 + 13


def test_no_span_has_a_space_or_punctuation_at_an_edge(shipped: dict[str, Any]) -> None:
    for span in shipped["spans"]:
        # A word ends in a letter or in the marks that belong to it (the tanwin of صريحاً).
        first, last = span["text"][0], span["text"][-1]
        assert unicodedata.category(first)[0] == "L", (span["label"], span["text"])
        assert unicodedata.category(last)[0] in "LM", (span["label"], span["text"])


def test_the_importer_accepts_it(shipped: dict[str, Any]) -> None:
    bundle = hamish_json.read([ANNOTATED_SAMPLE])
    check_bundle(bundle, ANNOTATED_SAMPLE.name)  # the tag set's labels, attributes, links
    assert len(bundle.links) == len(shipped["links"]) == 13
    assert len(bundle.entities) == 15


def test_a_missing_or_ambiguous_phrase_stops_the_script(make_sample: ModuleType) -> None:
    text = "قال الوزير إن الوزير وصل إلى الرباط."
    assert make_sample.place(text, "إلى [الرباط].") == (29, 35)
    with pytest.raises(make_sample.PhraseError, match="not in the text"):
        make_sample.place(text, "في [القاهرة]")
    with pytest.raises(make_sample.PhraseError, match="more than once"):
        make_sample.place(text, "[الوزير]")


def test_the_article_is_between_250_and_400_words() -> None:
    words = len((ANNOTATED_SAMPLE.parent / "medicines.txt").read_text(encoding="utf-8").split())
    assert 250 <= words <= 400


def test_the_readme_gives_its_licence() -> None:
    readme = (Path(ANNOTATED_SAMPLE.parent) / "README.md").read_text(encoding="utf-8")
    assert "medicines.txt" in readme and "MIT" in readme
