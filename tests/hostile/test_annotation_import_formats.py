"""The same hostile annotations in every other format's own shape (brat, Label Studio, doccano,
UIMA XMI): one validation behind every reader (exchange/validation.py) refuses each with a
message naming the file and the record, and writes nothing.

Every case runs in-process through the format's reader and `import_bundle`; one case of each
format also runs through the real command.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from annotation.exchange.formats.xmi_format import typesystem
from annotation.model import text_sha256
from db.store import SqliteStore
from tests.hostile.conftest import KNOWN, assert_refused, digest, refused_import, run_main, tally

SPEAKER = (KNOWN.index("وزير الخارجية"), KNOWN.index("وزير الخارجية") + len("وزير الخارجية"))
CLAIM = (KNOWN.index("الوفد وصل إلى دمشق"), KNOWN.index("الوفد وصل إلى دمشق") + 18)
MARKED = "أكَّدَ الوزيرُ"
COMPOSED = "قال ا\u0654حمد"
# Issue 14, item 12: مُحَم ending before the second م's shadda and fatha; دِمَشْق before its fatha.
MUHAMMAD = "قال مُحَمَّد إن الوفد وصل إلى دِمَشْقَ أمس."
MUHAM = (MUHAMMAD.index("مُحَم"), MUHAMMAD.index("مُحَم") + len("مُحَم"))
DIMASHQ = (MUHAMMAD.index("دِمَشْق"), MUHAMMAD.index("دِمَشْق") + len("دِمَشْق"))


@dataclass(frozen=True)
class Case:
    """Annotations on one text: spans (label, start, end) and links (kind, from, to) by index."""

    text: str
    spans: tuple[tuple[str, int, int], ...]
    links: tuple[tuple[str, int, int], ...] = ()
    annotator: str = "omar"


def brat(case: Case, folder: Path) -> Path:
    root = folder / "brat"
    layer = root / case.annotator
    layer.mkdir(parents=True)
    (layer / "doc-1.txt").write_text(case.text, "utf-8", newline="")
    lines = [
        f"T{i}\t{label} {start} {end}\t{case.text[start:end]}"
        for i, (label, start, end) in enumerate(case.spans, 1)
    ]
    lines += [f"R{i}\t{k} Arg1:T{a + 1} Arg2:T{b + 1}" for i, (k, a, b) in enumerate(case.links, 1)]
    (layer / "doc-1.ann").write_text("\n".join(lines) + "\n", "utf-8")
    return root


def labelstudio(case: Case, folder: Path) -> Path:
    result: list[dict[str, object]] = [
        {"id": f"s{i}", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": start, "end": end, "text": case.text[start:end], "labels": [label]}}
        for i, (label, start, end) in enumerate(case.spans, 1)
    ]  # fmt: skip
    result += [
        {"type": "relation", "from_id": f"s{a + 1}", "to_id": f"s{b + 1}", "direction": "right",
         "labels": [kind]}
        for kind, a, b in case.links
    ]  # fmt: skip
    task = {
        "data": {"text": case.text, "title": "خبر"},
        "annotations": [{"meta": {"annotator": case.annotator}, "result": result}],
    }
    path = folder / "tasks.json"
    path.write_text(json.dumps([task]), "utf-8")
    return path


def doccano(case: Case, folder: Path) -> Path:
    line = {
        "text": case.text,
        "annotator": case.annotator,
        "entities": [
            {"id": i, "label": label, "start_offset": start, "end_offset": end}
            for i, (label, start, end) in enumerate(case.spans, 1)
        ],
        "relations": [
            {"id": i, "from_id": a + 1, "to_id": b + 1, "type": kind}
            for i, (kind, a, b) in enumerate(case.links, 1)
        ],
    }
    path = folder / "doccano.jsonl"
    path.write_text(json.dumps(line) + "\n", "utf-8")
    return path


def xmi(case: Case, folder: Path) -> Path:
    root = folder / "xmi"
    root.mkdir()
    (root / "TypeSystem.xml").write_text(typesystem().to_xml(), "utf-8")
    spans = [
        f'<custom:Span xmi:id="{i}" sofa="1" begin="{start}" end="{end}" label="{label}"/>'
        for i, (label, start, end) in enumerate(case.spans, 2)
    ]
    first = len(case.spans) + 2
    links = [
        f'<custom:Relation xmi:id="{first + i}" sofa="1" begin="{case.spans[b][1]}"'
        f' end="{case.spans[b][2]}" Governor="{a + 2}" Dependent="{b + 2}" label="{kind}"/>'
        for i, (kind, a, b) in enumerate(case.links)
    ]
    members = " ".join(str(i) for i in range(2, first + len(case.links)))
    text = case.text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    (root / f"doc-1.{case.annotator}.xmi").write_text(
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        '<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore"'
        ' xmlns:custom="http:///custom.ecore" xmi:version="2.0"><cas:NULL xmi:id="0"/>'
        + "".join(spans + links)
        + f'<cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" sofaString="{text}"/>'
        f'<cas:View sofa="1" members="{members}"/></xmi:XMI>',
        "utf-8",
    )
    return root


WRITERS: dict[str, Callable[[Case, Path], Path]] = {
    "brat": brat,
    "labelstudio": labelstudio,
    "doccano": doccano,
    "xmi": xmi,
}


PAIR = (("SPEAKER", *SPEAKER), ("CLAIM", *CLAIM))
# (what, the case, words the message holds besides the file's name)
CASES: list[tuple[str, Case, tuple[str, ...]]] = [
    ("a label outside the tag set", Case(KNOWN, (("PERSON", *SPEAKER),)),
     ("span 1", "PERSON", "not in the tag set")),
    ("a label of 100,000 characters", Case(KNOWN, (("L" * 100_000, *SPEAKER),)),
     ("span 1", "at most 64")),
    ("a link kind outside the tag set", Case(KNOWN, PAIR, (("QUOTES", 1, 0),)),
     ("QUOTES", "not in the tag set")),
    ("a reversed link", Case(KNOWN, PAIR, (("ATTRIBUTED_TO", 0, 1),)), ("reversed",)),
    ("a link from a span to itself", Case(KNOWN, PAIR, (("ATTRIBUTED_TO", 1, 1),)), ("itself",)),
    ("a span cutting a letter from its marks", Case(MARKED, (("SPEAKER", 0, 2),)),
     ("span 1", "marks")),
    ("مُحَم before the shadda and fatha of its second م", Case(MUHAMMAD, (("SPEAKER", *MUHAM),)),
     ("span 1", "marks")),
    ("دِمَشْق before its final fatha", Case(MUHAMMAD, (("LOCATION", *DIMASHQ),)),
     ("span 1", "U+064E", "marks")),
    ("a span inside what NFC joins", Case(COMPOSED, (("SPEAKER", 4, 5),)), ("U+0654", "NFC")),
    ("an annotator with an ESC sequence", Case(KNOWN, (("SPEAKER", *SPEAKER),), (), "a\x1b[1m"),
     ("control character (U+001B)",)),
    ("an annotator of 65 characters", Case(KNOWN, (("SPEAKER", *SPEAKER),), (), "a" * 65),
     ("annotator", "at most 64")),
]  # fmt: skip


@pytest.mark.parametrize("name", sorted(WRITERS))
@pytest.mark.parametrize(("case", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_every_reader_refuses_by_name(
    project: Path, tmp_path: Path, name: str, case: Case, words: tuple[str, ...]
) -> None:
    with tally(f"import --format {name}"):
        path = WRITERS[name](case, tmp_path)
        refused_import(project, name, path, *words)


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_the_command_refuses_a_reversed_link(project: Path, tmp_path: Path, name: str) -> None:
    with tally(f"import --format {name}"):
        path = WRITERS[name](Case(KNOWN, PAIR, (("ATTRIBUTED_TO", 0, 1),)), tmp_path)
        before = digest(project)
        outcome = run_main(["import", "--db", project, "--format", name, path])
        assert_refused(outcome, str(path), "reversed", database=project, before=before)


@pytest.mark.parametrize("name", ["brat", "labelstudio", "doccano"])
def test_a_crlf_and_decomposed_text_keeps_its_spans_on_their_letters(
    project: Path, tmp_path: Path, name: str
) -> None:
    raw = "قال ا\u0654حمد\r\nإن الوفد وصل إلى دمشق."
    spans = (("SPEAKER", 4, 9), ("LOCATION", raw.index("دمشق"), raw.index("دمشق") + 4))
    with tally(f"import --format {name}"):
        path = WRITERS[name](Case(raw, spans), tmp_path)
        outcome = run_main(["import", "--db", project, "--format", name, path])
        assert outcome.status == 0, outcome.said
        stored = "قال أحمد\nإن الوفد وصل إلى دمشق."
        store = SqliteStore(project)
        try:
            document_id = store.document_id_for_hash(text_sha256(stored))
            assert document_id is not None
            layer = store.spans_for(document_id, "omar")
            assert sorted((s.label, s.text) for s in layer) == [
                ("LOCATION", "دمشق"),
                ("SPEAKER", "أحمد"),
            ]
        finally:
            store.close()
