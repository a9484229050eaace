"""Apache UIMA's Java library (Debian's libuima-core-java 2.10.2) reads Hamish's XMI export:
tests/interop/java/ReadXmi.java, compiled once a session, loads TypeSystem.xml and each .xmi
into a CAS and prints every annotation. Each of Hamish's spans must be there at the UTF-16
offsets Java counts, with its covered text, label and attributes, and each link as a relation
from Governor to Dependent; nothing more."""

from __future__ import annotations

import json
import subprocess
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from annotation.exchange.formats import xmi_format
from annotation.exchange.selection import gather
from annotation.model import Span
from tests.interop import arabic_corpus
from tests.interop.conftest import require_program

UIMA_JAR = Path("/usr/share/java/uimaj-core.jar")
READER = Path(__file__).parent / "java" / "ReadXmi.java"


@pytest.fixture(scope="session")
def read_xmi(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The command that runs ReadXmi, compiled into a temporary folder."""
    javac = require_program("javac", "openjdk-17-jdk-headless")
    java = require_program("java", "openjdk-17-jdk-headless")
    if not UIMA_JAR.exists():
        pytest.fail(f"{UIMA_JAR} is missing: apt-get install -y libuima-core-java (.ci/run does)")
    classes = tmp_path_factory.mktemp("java")
    compile_ = [javac, "-cp", str(UIMA_JAR), "-d", str(classes), str(READER)]
    subprocess.run(compile_, check=True, capture_output=True, timeout=120)
    return [java, "-cp", f"{classes}:{UIMA_JAR}", "ReadXmi"]


def utf16(text: str, index: int) -> int:
    """A code-point index into text as a UTF-16 index, as Java counts."""
    return len(text[:index].encode("utf-16-le")) // 2


def test_java_uima_reads_every_span_and_relation_at_utf16_offsets(
    read_xmi: list[str], tmp_path: Path
) -> None:
    store = arabic_corpus.build(tmp_path / "hamish.sqlite3")
    xmi_format.write(gather(store), tmp_path / "xmi")
    files = sorted(str(p) for p in (tmp_path / "xmi").glob("*.xmi"))
    run = [*read_xmi, str(tmp_path / "xmi" / "TypeSystem.xml"), *files]
    done = subprocess.run(run, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]

    # Each file is one document (found by its text) in one annotator's layer.
    bundle = gather(store).whole()
    by_text = {document.text: document for document in bundle.documents}
    layer_of: dict[str, tuple[int, str | None]] = {}
    for line in lines:
        if "text" in line:
            document = by_text[line["text"]]  # the whole text, as Java holds it
            parts = line["file"].split(".")
            assert document.id is not None
            layer_of[line["file"]] = (document.id, parts[1] if len(parts) == 3 else None)
    assert sorted(layer_of) == [
        "doc-1.amal.xmi",
        "doc-2.amal.xmi",
        "doc-2.omar.xmi",
        "doc-3.xmi",  # nobody annotated it: its text alone
    ]

    read: dict[tuple[int, str | None], list[tuple[Any, ...]]] = defaultdict(list)
    relations: dict[tuple[int, str | None], list[tuple[Any, ...]]] = defaultdict(list)
    for line in lines:
        if "type" not in line:
            continue
        features = line["features"]
        if line["type"] == xmi_format.SPAN_TYPE:
            attributes = {name: features[name] for name in xmi_format.ATTRIBUTES if features[name]}
            assert features["entity"] is None
            found = (features["label"], line["begin"], line["end"], line["covered"], attributes)
            read[layer_of[line["file"]]].append(found)
        else:
            assert line["type"] == xmi_format.RELATION_TYPE
            governor, dependent = features["Governor"], features["Dependent"]
            # INCEpTION's convention: a relation lies where its Dependent does.
            assert (line["begin"], line["end"]) == (dependent["begin"], dependent["end"])
            edge = (features["label"], governor["begin"], governor["end"], dependent["begin"])
            relations[layer_of[line["file"]]].append(edge)

    texts = {document.id: document.text for document in bundle.documents}

    def expected(span: Span) -> tuple[Any, ...]:
        text = texts[span.document_id]
        begin, end = utf16(text, span.start), utf16(text, span.end)
        return (span.label, begin, end, span.text, dict(span.attributes))

    wanted: dict[tuple[int, str | None], list[tuple[Any, ...]]] = defaultdict(list)
    for span in bundle.spans:
        wanted[(span.document_id, span.annotator)].append(expected(span))
    assert {k: sorted(v, key=repr) for k, v in read.items()} == {
        k: sorted(v, key=repr) for k, v in wanted.items()
    }
    assert sum(len(spans) for spans in read.values()) == 11

    spans = {span.id: span for span in bundle.spans}
    wanted_relations: dict[tuple[int, str | None], list[tuple[Any, ...]]] = defaultdict(list)
    for link in bundle.links:
        source, target = spans[link.source_id], spans[link.target_id]
        text = texts[source.document_id]
        edge = (link.kind, *expected(source)[1:3], utf16(text, target.start))
        wanted_relations[(source.document_id, source.annotator)].append(edge)
    assert {k: sorted(v) for k, v in relations.items()} == {
        k: sorted(v) for k, v in wanted_relations.items()
    }
    assert sum(len(edges) for edges in relations.values()) == 3

    # The first document's emoji move Java's offsets past Python's: 😀 by one, 🇪🇬 by two more.
    first = next(id_ for id_, text in texts.items() if text.startswith("😀"))
    shifts = sorted(
        (utf16(texts[first], s.start) - s.start, s.label)
        for s in bundle.spans
        if s.document_id == first
    )
    assert shifts == [(1, "CLAIM"), (1, "CLAIM"), (1, "LOCATION"), (1, "SPEAKER"), (3, "LOCATION")]
