"""Hostile files for every annotation reader: wrong types, records that are no objects, a
status for a document the file lacks, a lone surrogate, deep nesting, a 4,400-digit number,
and for XMI encodings that hide a DOCTYPE and type systems built to hang cassis. Each is
refused with a FormatError naming the file and the record; one of each through the command."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from annotation.exchange.bundle import FormatError
from annotation.exchange.formats import FORMATS
from annotation.exchange.selection import select
from db.store import SqliteStore
from tests.hostile.conftest import assert_refused, digest, run_main, tally

DEEP = "[" * 100_000
BIG = "1" * 4_400
SUFFIX = {"json": ".json", "jsonl": ".jsonl", "doccano": ".jsonl", "labelstudio": ".json"}


def exported(project: Path, name: str, folder: Path) -> Path:
    out = folder / f"valid{SUFFIX[name]}"
    store = SqliteStore(project)
    try:
        FORMATS[name].write(select(store), out, None)
    finally:
        store.close()
    return out


Change = Callable[[Any], None]


def first_span(name: str, data: Any) -> dict[str, Any]:
    """The first span record of a decoded file (or line) of format `name`."""
    if name == "json":
        return data["spans"][0]  # type: ignore[no-any-return]
    if name == "jsonl":
        return data["spans"][0]  # type: ignore[no-any-return]
    if name == "doccano":
        return data["entities"][0]  # type: ignore[no-any-return]
    return data[0]["annotations"][0]["result"][0]["value"]  # type: ignore[no-any-return]


START = {"json": "start", "jsonl": "start", "doccano": "start_offset", "labelstudio": "start"}
WHERE = {"json": "spans[0]", "jsonl": "line 1", "doccano": "line 1", "labelstudio": "task 0"}


def mutate(valid: Path, name: str, change: Change, out: Path) -> Path:
    if name in ("jsonl", "doccano"):
        lines = valid.read_text("utf-8").splitlines()
        first = json.loads(lines[0])
        change(first)
        lines[0] = json.dumps(first, ensure_ascii=True)
        out.write_text("\n".join(lines) + "\n", "utf-8")
    else:
        data = json.loads(valid.read_text("utf-8"))
        change(data)
        out.write_text(json.dumps(data, ensure_ascii=True), "utf-8")
    return out


def start_as_text(name: str) -> Change:
    return lambda d: first_span(name, d).update({START[name]: "0"})


def annotator_number(name: str) -> Change:
    def change(d: Any) -> None:
        if name == "json" or name == "jsonl":
            d["spans"][0]["annotator"] = 123
        elif name == "doccano":
            d["annotator"] = 123
        else:
            d[0]["annotations"][0] = 123

    return change


def not_an_object(name: str) -> Change:
    def change(d: Any) -> None:
        if name == "json":
            d["spans"][0] = 5
        elif name in ("jsonl", "doccano"):
            d.clear()
            d["text"] = ["not", "text"]
        else:
            d[0] = 5

    return change


def surrogate(name: str) -> Change:
    def change(d: Any) -> None:
        if name == "json":
            d["documents"][0]["title"] = "\ud800"
        elif name in ("jsonl", "doccano"):
            d["text"] = d["text"] + "\ud800"
        else:
            d[0]["data"]["text"] += "\ud800"

    return change


def unknown_document(d: Any) -> None:
    d["statuses"][0]["document_id"] = 999


CHANGES = {
    "start as text": start_as_text,
    "annotator a number": annotator_number,
    "record not an object": not_an_object,
    "lone surrogate": surrogate,
}
SURROGATE_AT = {"json": "$.documents[0].title", "labelstudio": "$[0].data.text"}
RAW = {"deep nesting": DEEP, "4,400-digit integer": f'{{"format": "hamish", "n": {BIG}}}'}


@pytest.mark.parametrize("name", sorted(SUFFIX))
@pytest.mark.parametrize("case", [*CHANGES, *RAW, "status for an unknown document"])
def test_a_hostile_json_record_is_refused_naming_file_and_record(
    project: Path, tmp_path: Path, name: str, case: str
) -> None:
    if case == "status for an unknown document" and name != "json":
        pytest.skip("only the json format carries statuses by document id")
    with tally(f"import --format {name}"):
        valid = exported(project, name, tmp_path)
        hostile = tmp_path / f"hostile{SUFFIX[name]}"
        names = [hostile.name]
        if case in RAW:
            raw = RAW[case]
            hostile.write_text(raw if name in ("json", "labelstudio") else raw + "\n", "utf-8")
            if name in ("jsonl", "doccano"):
                names.append("line 1")
        else:
            change = unknown_document if case.startswith("status") else CHANGES[case](name)
            mutate(valid, name, change, hostile)
            if case.startswith("status"):
                names.append("statuses[0]")
            elif case == "lone surrogate" and name in SURROGATE_AT:
                names.append(SURROGATE_AT[name])  # a whole-file format names the JSON path
            else:
                names.append(WHERE[name])
        reader = FORMATS[name].read
        assert reader is not None
        with pytest.raises(FormatError) as error:
            reader([hostile])
        for each in names:
            assert each in str(error.value), str(error.value)


@pytest.mark.parametrize("name", sorted(SUFFIX))
def test_the_command_refuses_a_hostile_file_and_changes_nothing(
    project: Path, tmp_path: Path, name: str
) -> None:
    with tally(f"import --format {name}"):
        hostile = tmp_path / f"nested{SUFFIX[name]}"
        hostile.write_text(DEEP, "utf-8")
        before = digest(project)
        outcome = run_main(["import", "--db", project, "--format", name, hostile])
        assert_refused(outcome, hostile.name, "nested too deeply", database=project, before=before)


# ---------------------------------------------------------------------------------- XMI

XMI_HEAD = '<?xml version="1.0" encoding="{encoding}"?>\n'
ENTITY = (
    '<!DOCTYPE x [<!ENTITY e "EXPANDED">]>\n'
    '<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore" xmi:version="2.0">'
    '<cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" mimeType="text" sofaString="&e;"/>'
    '<cas:View sofa="1" members=""/></xmi:XMI>\n'
)


def xmi_folder(project: Path, folder: Path) -> Path:
    store = SqliteStore(project)
    try:
        FORMATS["xmi"].write(select(store), folder, None)
    finally:
        store.close()
    return folder


def chain(levels: int) -> str:
    types = "".join(
        f"<typeDescription><name>t.T{i}</name><supertypeName>"
        f"{'uima.tcas.Annotation' if i == 0 else f't.T{i - 1}'}</supertypeName></typeDescription>"
        for i in range(levels)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<typeSystemDescription xmlns="http://uima.apache.org/resourceSpecifier">'
        f"<types>{types}</types></typeSystemDescription>\n"
    )


def many_types(count: int) -> str:
    types = "".join(
        f"<typeDescription><name>t.T{i}</name><supertypeName>uima.tcas.Annotation"
        "</supertypeName></typeDescription>"
        for i in range(count)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<typeSystemDescription xmlns="http://uima.apache.org/resourceSpecifier">'
        f"<types>{types}</types></typeSystemDescription>\n"
    )


XMI_CASES: dict[str, tuple[str, Callable[[Path], object], str]] = {
    # case: (file to name, how to make it hostile, what the message says)
    "UTF-16LE without BOM hiding a DOCTYPE": (
        "doc-1.amal.xmi",
        lambda f: (f / "doc-1.amal.xmi").write_bytes(
            (XMI_HEAD.format(encoding="UTF-16") + ENTITY).encode("utf-16-le")
        ),
        "NUL byte",
    ),
    "UTF-7 hiding a DOCTYPE": (
        "doc-1.amal.xmi",
        lambda f: (f / "doc-1.amal.xmi").write_bytes(
            XMI_HEAD.format(encoding="UTF-7").encode() + ENTITY.encode("utf-7")
        ),
        "UTF-7",
    ),
    "an internal entity": (
        "doc-1.amal.xmi",
        lambda f: (f / "doc-1.amal.xmi").write_bytes(
            (XMI_HEAD.format(encoding="UTF-8") + ENTITY).encode()
        ),
        "DOCTYPE",
    ),
    "a 20,000-level inheritance chain": (
        "TypeSystem.xml",
        lambda f: (f / "TypeSystem.xml").write_text(chain(20_000), "utf-8"),
        "not a type system Hamish reads",
    ),
    "a 51-level inheritance chain": (
        "TypeSystem.xml",
        lambda f: (f / "TypeSystem.xml").write_text(chain(51), "utf-8"),
        "deeper than 50",
    ),
    "1,001 types": (
        "TypeSystem.xml",
        lambda f: (f / "TypeSystem.xml").write_text(many_types(1_001), "utf-8"),
        "more than 1000 types",
    ),
    "a file that is no CAS": (
        "doc-1.amal.xmi",
        lambda f: (f / "doc-1.amal.xmi").write_text("<notes>mine</notes>\n", "utf-8"),
        "its root element is <notes>",
    ),
}


@pytest.mark.parametrize("case", sorted(XMI_CASES))
def test_a_hostile_xmi_folder_is_refused_naming_the_file(
    project: Path, tmp_path: Path, case: str
) -> None:
    with tally("import --format xmi"):
        folder = xmi_folder(project, tmp_path / "xmi")
        file, make, said = XMI_CASES[case]
        make(folder)
        reader = FORMATS["xmi"].read
        assert reader is not None
        with pytest.raises(FormatError) as error:
            reader([folder])
        assert file in str(error.value) and said in str(error.value), str(error.value)
        assert "EXPANDED" not in str(error.value)


def test_the_command_refuses_utf16_xmi_and_changes_nothing(project: Path, tmp_path: Path) -> None:
    with tally("import --format xmi"):
        folder = xmi_folder(project, tmp_path / "xmi")
        XMI_CASES["UTF-16LE without BOM hiding a DOCTYPE"][1](folder)
        before = digest(project)
        outcome = run_main(["import", "--db", project, "--format", "xmi", folder])
        assert_refused(outcome, "doc-1.amal.xmi", "NUL byte", database=project, before=before)
