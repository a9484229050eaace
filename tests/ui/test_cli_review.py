"""`python main.py agreement`, run as a person would, on two annotators' layers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotation.model import Document, DocumentId, Link, Span, Status, text_sha256
from db.store import SqliteStore
from tests.ui.test_cli import hamish

TEXT = "قال وزير الخارجية الروسي سيرغي لافروف إن الحل سياسي. وأضاف أن دمشق آمنة."
OTHER = "وصل الوفد إلى دمشق أمس."
MINISTER = "وزير الخارجية الروسي سيرغي لافروف"
NAME = "سيرغي لافروف"


@pytest.fixture
def documents(database: Path) -> list[DocumentId]:
    """Document 1: both annotated (the speaker differs, the claim's kind too); document 2:
    only amal; document 3: omar marked it done with no span, amal never touched it;
    document 4: nobody touched it."""
    store = SqliteStore(database)
    try:
        texts = [TEXT, OTHER, "نص قصير.", "نص آخر."]
        ids = store.add_documents(
            [Document(t, text_sha256(t), title=f"t{i}") for i, t in enumerate(texts, 1)]
        )

        def add(
            document: DocumentId, text: str, name: str, label: str, part: str, **kw: Any
        ) -> Span:
            start = text.index(part)
            return store.add_span(Span(document, name, label, start, start + len(part), part, **kw))

        for name, speaker_words, kind in (("amal", MINISTER, "direct"), ("omar", NAME, "indirect")):
            claim = add(ids[0], TEXT, name, "CLAIM", "الحل سياسي", attributes={"kind": kind})
            speaker = add(ids[0], TEXT, name, "SPEAKER", speaker_words)
            add(ids[0], TEXT, name, "LOCATION", "دمشق")
            assert claim.id is not None and speaker.id is not None
            store.add_link(Link("ATTRIBUTED_TO", claim.id, speaker.id))
        add(ids[1], OTHER, "amal", "LOCATION", "دمشق")
        store.set_status(ids[2], "omar", Status.DONE)
        return ids
    finally:
        store.close()


def kappa(both: int, only_a: int, only_b: int, neither: int) -> float:
    """Cohen's kappa from a 2x2 table, as textbooks write it."""
    n = both + only_a + only_b + neither
    observed = (both + neither) / n
    a_in, b_in = (both + only_a) / n, (both + only_b) / n
    chance = a_in * b_in + (1 - a_in) * (1 - b_in)
    return (observed - chance) / (1 - chance)


def alpha(both: int, only_a: int, only_b: int, neither: int) -> float:
    """Krippendorff's nominal alpha for two coders: 1 - (n - 1)·D / (n_in·n_out)."""
    values = 2 * (both + only_a + only_b + neither)
    in_, out = 2 * both + only_a + only_b, 2 * neither + only_a + only_b
    return 1 - (values - 1) * (only_a + only_b) / (in_ * out)


def agreement(*args: str, database: Path) -> dict[str, Any]:
    result = hamish("agreement", "--annotators", "amal", "omar", *args, database=database)
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_agreement_as_json(documents: list[DocumentId], database: Path) -> None:
    data = agreement("--json", database=database)
    characters = len(TEXT) - TEXT.count(" ")
    # SPEAKER: amal's 29 letters hold omar's 11. CLAIM and LOCATION: the same letters.
    speaker = (11, 29 - 11, 0, characters - 29)
    claim = (9, 0, 0, characters - 9)
    location = (4, 0, 0, characters - 4)
    pooled = tuple(sum(cells) for cells in zip(speaker, claim, location, strict=True))
    figures = {
        "SPEAKER": {
            "exact_f1": 0.0,
            "overlap_f1": 1.0,
            "kappa": kappa(*speaker),
            "alpha": alpha(*speaker),
        },
        "CLAIM": {"exact_f1": 1.0, "overlap_f1": 1.0, "kappa": 1.0, "alpha": 1.0},
        "LOCATION": {"exact_f1": 1.0, "overlap_f1": 1.0, "kappa": 1.0, "alpha": 1.0},
    }
    overall = {
        "exact_f1": 2 / 3,
        "overlap_f1": 1.0,
        "kappa": kappa(*pooled),
        "alpha": alpha(*pooled),
    }
    assert data["annotators"] == ["amal", "omar"]
    assert data["states"] == {"compared": 1, "only_a": 1, "only_b": 1}
    assert data["documents_compared"] == 1
    assert data["overall"] == pytest.approx(overall)
    assert data["labels"].keys() == figures.keys()
    for label, expected in figures.items():
        assert data["labels"][label] == pytest.approx(expected), label
    assert data["links"] == {
        "f1": 1.0,
        "precision": 1.0,
        "recall": 1.0,
        "matched": 1,
        "a_count": 1,
        "b_count": 1,
    }
    assert data["attributes"]["kind"] == {
        "pairs": 1,
        "observed": 0.0,
        "kappa": 0.0,
        "confusion": [["direct", "indirect", 1]],
    }
    # Nobody chose a polarity: no figure, not a full agreement (issue 14, item 6).
    assert data["attributes"]["polarity"]["pairs"] == 0
    assert data["attributes"]["polarity"]["observed"] is None
    assert [(d["id"], d["title"], d["state"]) for d in data["documents"]] == [
        (documents[0], "t1", "compared"),
        (documents[1], "t2", "only_a"),
        (documents[2], "t3", "only_b"),
    ]
    assert data["documents"][0]["overall"] == pytest.approx(overall)
    assert data["documents"][1]["overall"] == dict.fromkeys(overall)


def test_agreement_on_chosen_documents_and_one_label(
    documents: list[DocumentId], database: Path
) -> None:
    chosen = f"{documents[0]},{documents[3]}"
    data = agreement("--documents", chosen, "--label", "SPEAKER", "--json", database=database)
    assert [(d["id"], d["state"]) for d in data["documents"]] == [
        (documents[0], "compared"),
        (documents[3], "both_empty"),
    ]
    assert list(data["labels"]) == ["SPEAKER"]
    assert data["overall"]["exact_f1"] == 0.0 and data["overall"]["overlap_f1"] == 1.0
    assert data["links"]["f1"] is None  # links need their claims compared too


def test_agreement_as_a_table(documents: list[DocumentId], database: Path) -> None:
    result = hamish("agreement", "--annotators", "amal", "omar", database=database)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "agreement of amal, omar: 3 documents, 1 compared; 1 touched only by amal; "
        "1 touched only by omar"
    )
    assert lines[2].split() == ["label", "exact", "F1", "overlap", "F1", "kappa", "alpha"]
    assert lines[4].split() == ["CLAIM", "1.000", "1.000", "1.000", "1.000"]
    assert lines[6].split()[:3] == ["overall", "0.667", "1.000"]
    assert "links (ATTRIBUTED_TO): F1 1.000, precision 1.000, recall 1.000" in result.stdout
    assert "claim kind: agreement 0.000, kappa 0.000 (claims where both chose: 1)" in result.stdout
    assert "claim polarity: no claim where both chose a value" in result.stdout
    assert lines[-1].split()[:2] == [str(documents[0]), "1.000"]


def test_an_unknown_annotator_is_named(documents: list[DocumentId], database: Path) -> None:
    result = hamish("agreement", "--annotators", "amal", "zaid", "--json", database=database)
    assert result.returncode == 2
    assert "zaid" in result.stderr and result.stdout == ""
    alone = hamish("agreement", "--annotators", "amal", database=database)
    assert alone.returncode == 2 and "two or more" in alone.stderr
    missing = hamish(
        "agreement", "--annotators", "amal", "omar", "--documents", "99", database=database
    )
    assert missing.returncode == 2 and "99" in missing.stderr


@pytest.mark.parametrize("command", ["agreement", "report"])
def test_help_has_an_example_and_the_rule(command: str, database: Path) -> None:
    result = hamish(command, "--help", database=database)
    assert result.returncode == 0
    assert "example:" in result.stdout and f"python main.py {command}" in result.stdout
    assert "touched" in result.stdout and "never pooled" in result.stdout


DAMASCUS = "وصل الوفد إلى دمشق أمس."  # 19 non-whitespace characters
ALEPPO = "قال الوزير في حلب."  # 15


def test_done_with_no_spans_is_a_real_disagreement(database: Path) -> None:
    """Both tag Damascus; amal tags Aleppo where omar marked the document done with no span;
    omar alone tagged a third document amal never opened."""
    store = SqliteStore(database)
    try:
        texts = [DAMASCUS, ALEPPO, "نص آخر في حمص."]
        ids = store.add_documents(
            [Document(t, text_sha256(t), title=f"t{i}") for i, t in enumerate(texts, 1)]
        )
        for document, text, name, word in (
            (ids[0], DAMASCUS, "amal", "دمشق"),
            (ids[0], DAMASCUS, "omar", "دمشق"),
            (ids[1], ALEPPO, "amal", "حلب"),
            (ids[2], texts[2], "omar", "حمص"),
        ):
            start = text.index(word)
            store.add_span(Span(document, name, "LOCATION", start, start + len(word), word))
        store.set_status(ids[1], "omar", Status.DONE)
    finally:
        store.close()
    data = agreement("--json", database=database)
    assert [(d["id"], d["state"]) for d in data["documents"]] == [
        (ids[0], "compared"),
        (ids[1], "compared"),
        (ids[2], "only_b"),
    ]
    assert data["documents_compared"] == 2
    # Document 2: omar's empty layer disagrees with amal's one span: F1 0, kappa 0 (omar
    # puts every character out, so chance explains all agreement).
    assert data["documents"][1]["overall"]["exact_f1"] == 0.0
    assert data["documents"][1]["labels"]["LOCATION"]["kappa"] == 0.0
    # Pooled: 1 match of amal's 2 and omar's 1: F1 2/3. LOCATION characters: both 4 (دمشق),
    # only amal 3 (حلب), neither 15 + 12 = 27.
    location = data["labels"]["LOCATION"]
    assert location["exact_f1"] == pytest.approx(2 / 3)
    assert location["kappa"] == pytest.approx(kappa(4, 3, 0, 27))
    assert location["alpha"] == pytest.approx(alpha(4, 3, 0, 27))
    # Without omar's status, document 2 is amal's alone: reported, not pooled.
    store = SqliteStore(database)
    try:
        store.set_status(ids[1], "omar", None)
    finally:
        store.close()
    again = agreement("--json", database=database)
    assert again["documents"][1]["state"] == "only_a"
    assert again["documents_compared"] == 1
    assert again["labels"]["LOCATION"]["exact_f1"] == 1.0
