"""What a hostile review found in the annotation readers after issue 13 was fixed: devices and
pipes read without limit (or forever), titles over two lines, a hundred thousand attributes,
invisible names, Label Studio relations stored unlike what they said, XMI crashes and library
warnings, and a JSON package with a byte-order mark. Each is refused naming the file and the
record, and changes nothing; the byte-order mark is read."""

from __future__ import annotations

import json
import os
import resource
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from annotation.exchange import records
from annotation.exchange.formats import FORMATS
from annotation.exchange.transfer import import_bundle
from annotation.model import Entity, EntityKind
from annotation.ports import StoreError
from db.store import SqliteStore
from tests.hostile.conftest import assert_refused, digest, refused_import, run_main, tally
from tests.hostile.test_formats_readers import exported, xmi_folder

JSON_FORMATS = ("json", "jsonl", "labelstudio", "doccano")
SUFFIX = {"json": ".json", "jsonl": ".jsonl", "doccano": ".jsonl", "labelstudio": ".json"}


def _a_gigabyte_at_most() -> None:
    # Before the fix /dev/zero grew an import to 3.3 GB: bounded, the child fails instead of
    # taking the machine with it.
    resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))


def refused_by_command(project: Path, args: list[str | Path], *names: str) -> None:
    before = digest(project)
    outcome = run_main(
        ["import", "--db", project, *args], timeout=60, preexec_fn=_a_gigabyte_at_most
    )
    assert_refused(outcome, *names, database=project, before=before)


# ------------------------------------------------------------------ 1. devices and pipes


@pytest.mark.parametrize("name", JSON_FORMATS)
def test_a_link_to_dev_zero_is_refused_as_a_device(
    project: Path, tmp_path: Path, name: str
) -> None:
    with tally(f"import --format {name}"):
        link = tmp_path / f"z{SUFFIX[name]}"
        link.symlink_to("/dev/zero")
        refused_by_command(project, ["--format", name, link], str(link), "a character device")


@pytest.mark.parametrize("name", JSON_FORMATS)
def test_a_fifo_is_refused_at_once(project: Path, tmp_path: Path, name: str) -> None:
    with tally(f"import --format {name}"):
        fifo = tmp_path / f"pipe{SUFFIX[name]}"
        os.mkfifo(fifo)
        refused_by_command(project, ["--format", name, fifo], str(fifo), "FIFO")


def brat_folder(project: Path, folder: Path) -> Path:
    store = SqliteStore(project)
    try:
        from annotation.exchange.selection import select

        FORMATS["brat"].write(select(store), folder, None)
    finally:
        store.close()
    return folder


def test_a_fifo_named_ann_is_called_a_fifo(project: Path, tmp_path: Path) -> None:
    with tally("import --format brat"):
        fifo = tmp_path / "x.ann"
        os.mkfifo(fifo)
        refused_by_command(project, ["--format", "brat", fifo], str(fifo), "FIFO")


def special_in_brat_folder(kind: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        ann = next(folder.rglob("*.ann"))
        if kind == "fifo in folder":
            os.mkfifo(ann.parent / "doc-9.ann")
            return ann.parent / "doc-9.ann"
        if kind == "txt to /dev/zero":
            txt = ann.with_suffix(".txt")
            txt.unlink()
            txt.symlink_to("/dev/zero")
            return txt
        ann.unlink()
        ann.symlink_to("/dev/urandom")  # an .ann that is a link to a device
        return ann

    return make


@pytest.mark.parametrize("kind", ["fifo in folder", "txt to /dev/zero", "ann to /dev/urandom"])
def test_a_special_file_in_a_brat_folder_is_refused_naming_it(
    project: Path, tmp_path: Path, kind: str
) -> None:
    with tally("import --format brat"):
        folder = brat_folder(project, tmp_path / "brat")
        special = special_in_brat_folder(kind)(folder)
        refused_by_command(
            project, ["--format", "brat", folder], str(special), "not a regular file"
        )


@pytest.mark.parametrize("where", ["named", "in folder", "typesystem"])
def test_a_special_file_in_an_xmi_folder_is_refused_naming_it(
    project: Path, tmp_path: Path, where: str
) -> None:
    with tally("import --format xmi"):
        folder = xmi_folder(project, tmp_path / "xmi")
        if where == "named":
            special = folder / "doc-2.amal.xmi"
            os.mkfifo(special)
            given = special
        elif where == "in folder":
            special = folder / "doc-2.amal.xmi"
            os.mkfifo(special)
            given = folder
        else:
            special = folder / "TypeSystem.xml"
            special.unlink()
            special.symlink_to("/dev/zero")
            given = folder
        refused_by_command(project, ["--format", "xmi", given], str(special), "not a regular file")


@pytest.mark.parametrize("name", JSON_FORMATS)
def test_a_file_over_the_size_bound_is_refused(
    project: Path, tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with tally(f"import --format {name}"):
        valid = exported(project, name, tmp_path)
        monkeypatch.setattr(records, "MAX_FILE_BYTES", 100)
        refused_import(project, name, valid, "too large")


# ------------------------------------------------------------------ 2-4. names and limits


def changed_json(project: Path, tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    valid = exported(project, "json", tmp_path)
    data = json.loads(valid.read_text("utf-8"))
    change(data)
    out = tmp_path / "hostile.json"
    out.write_text(json.dumps(data, ensure_ascii=True), "utf-8")
    return out


def _set(section: str, key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data[section][0][key] = value

    return change


def _many(section: str, key: str, count: int) -> Callable[[dict[str, Any]], None]:
    return _set(section, key, {f"k{i}": i for i in range(count)})


HOSTILE_JSON = [
    ("title with a line feed", _set("documents", "title", "خبر\nثان"), "document 1", "line"),
    ("title with a tab", _set("documents", "title", "خبر\tثان"), "document 1", "U+0009"),
    ("title with U+2028", _set("documents", "title", "خبر\u2028ثان"), "document 1", "U+2028"),
    ("external id with CR", _set("documents", "external_id", "a\rb"), "document 1", "U+000D"),
    ("annotator U+200B", _set("spans", "annotator", "\u200b"), "span 1", "no visible"),
    ("entity name U+FEFF", _set("entities", "name", "\ufeff"), "entity 1", "no visible"),
    ("alias of bidi marks", _set("entities", "aliases", ["\u200f\u200e"]), "entity 1", "visible"),
    ("label U+2060", _set("spans", "label", "\u2060"), "span 1", "no visible"),
    ("annotator a line", _set("spans", "annotator", "am\nal"), "span 1", "U+000A"),
    ("101 span attributes", _many("spans", "attributes", 101), "span 1", "101 entries"),
    ("100,000 span attributes", _many("spans", "attributes", 100_000), "span 1", "100,000"),
    ("101 entity attributes", _many("entities", "attributes", 101), "entity 1", "101 entries"),
    ("101 import notes", _many("documents", "import_notes", 101), "document 1", "101 entries"),
]


@pytest.mark.parametrize(
    ("change", "record", "said"),
    [case[1:] for case in HOSTILE_JSON],
    ids=[case[0] for case in HOSTILE_JSON],
)
def test_a_name_or_count_beyond_the_limits_is_refused(
    project: Path, tmp_path: Path, change: Callable[[dict[str, Any]], None], record: str, said: str
) -> None:
    with tally("import --format json"):
        hostile = changed_json(project, tmp_path, change)
        refused_import(project, "json", hostile, record, said)


def test_the_command_refuses_a_two_line_title(project: Path, tmp_path: Path) -> None:
    with tally("import --format json"):
        hostile = changed_json(project, tmp_path, _set("documents", "title", "خبر\nثان"))
        refused_by_command(project, ["--format", "json", hostile], str(hostile), "document 1")


def test_a_brat_file_named_with_a_tab_is_refused(project: Path, tmp_path: Path) -> None:
    with tally("import --format brat"):
        folder = brat_folder(project, tmp_path / "brat")
        ann = next(folder.rglob("*.ann"))
        for suffix in (".ann", ".txt"):
            ann.with_suffix(suffix).rename(ann.parent / f"doc\t1{suffix}")
        # The file itself: in the folder, another annotator's copy of the text names it first.
        refused_import(project, "brat", ann.parent / "doc\t1.ann", "document 1", "U+0009")


def test_a_multi_line_attribute_is_still_read(project: Path, tmp_path: Path) -> None:
    """A note may run over lines: only one-line names lose their tabs and line feeds."""
    note = {"note": "سطر أول\n\tسطر ثان"}
    hostile = changed_json(project, tmp_path, _set("spans", "attributes", note))
    bundle = FORMATS["json"].read([hostile])  # type: ignore[misc]
    assert bundle.spans[0].attributes == note


@pytest.mark.parametrize(
    ("entity", "said"),
    [
        (Entity(EntityKind.PLACE, "\ufeff"), "no visible"),
        (Entity(EntityKind.PLACE, "دمشق", ("\u200b",)), "no visible"),
        (Entity(EntityKind.PLACE, "دمشق", attributes={f"k{i}": i for i in range(101)}), "101"),
    ],
)
def test_the_store_door_refuses_what_the_importers_refuse(
    project: Path, entity: Entity, said: str
) -> None:
    before = digest(project)
    store = SqliteStore(project)
    try:
        with pytest.raises(StoreError, match=said):
            store.add_entity(entity)
    finally:
        store.close()
    assert digest(project) == before


def test_the_store_door_refuses_a_two_line_title(project: Path) -> None:
    from annotation.model import Document, text_sha256

    store = SqliteStore(project)
    try:
        with pytest.raises(StoreError, match="one line"):
            store.add_documents([Document("نص", text_sha256("نص"), title="خبر\nثان")])
    finally:
        store.close()


def test_a_status_for_an_annotator_without_spans_is_kept(project: Path, tmp_path: Path) -> None:
    """Decided: kept. "Done, nothing to mark" is work, and agreement counts it."""

    def change(data: dict[str, Any]) -> None:
        data["statuses"].append({**data["statuses"][0], "annotator": "omar", "status": "done"})

    package = changed_json(project, tmp_path, change)
    bundle = FORMATS["json"].read([package])  # type: ignore[misc]
    assert ("omar", "done") in {(s.annotator, s.status.value) for s in bundle.statuses}


# ------------------------------------------------------------------ 5. Label Studio relations


def relation_changed(change: Callable[[dict[str, Any]], None]) -> Callable[[Any], None]:
    def edit(tasks: Any) -> None:
        for result in tasks[0]["annotations"][0]["result"]:
            if result["type"] == "relation":
                change(result)
                return
        raise AssertionError("no relation in the export")

    return edit


RELATIONS = [
    ("bi", lambda r: r.update(direction="bi"), "bi-directional"),
    ("no label", lambda r: r.update(labels=[]), "exactly one label"),
    ("labels absent", lambda r: r.pop("labels"), "exactly one label"),
    ("two labels", lambda r: r.update(labels=["ATTRIBUTED_TO", "ATTRIBUTED_TO"]), "one label"),
    ("odd direction", lambda r: r.update(direction="up"), "'up'"),
]


@pytest.mark.parametrize(
    ("change", "said"), [case[1:] for case in RELATIONS], ids=[case[0] for case in RELATIONS]
)
def test_a_relation_hamish_cannot_hold_faithfully_is_refused(
    project: Path, tmp_path: Path, change: Callable[[dict[str, Any]], None], said: str
) -> None:
    with tally("import --format labelstudio"):
        valid = exported(project, "labelstudio", tmp_path)
        tasks = json.loads(valid.read_text("utf-8"))
        relation_changed(change)(tasks)
        hostile = tmp_path / "hostile.json"
        hostile.write_text(json.dumps(tasks, ensure_ascii=False), "utf-8")
        refused_import(project, "labelstudio", hostile, "task 0, result [", said)


# ------------------------------------------------------------------ 6. XMI


def xmi_changed(project: Path, tmp_path: Path, old: str, new: str) -> Path:
    import re

    folder = xmi_folder(project, tmp_path / "xmi")
    xmi = folder / "doc-1.amal.xmi"
    text = xmi.read_text("utf-8")
    changed = re.sub(old, new, text, count=1)
    assert changed != text
    xmi.write_text(changed, "utf-8")
    return folder


XMI = [
    ("entity a number", r'entity="[^"]*"', 'entity="99"', "a kind and a name"),
    ("entity a list", r'entity="[^"]*"', 'entity="[1]"', "a kind and a name"),
    ("entity deep", r'entity="[^"]*"', 'entity="' + "[" * 100_000 + '"', "entity feature"),
    ("end past any text", r'end="[0-9]+"', 'end="99999999999999999999999"', "do not fit"),
    ("begin negative", r'begin="[0-9]+"', 'begin="-99999999999999999999999"', "do not fit"),
]


@pytest.mark.parametrize(
    ("old", "new", "said"), [case[1:] for case in XMI], ids=[case[0] for case in XMI]
)
def test_a_hostile_xmi_span_is_refused_naming_it(
    project: Path, tmp_path: Path, old: str, new: str, said: str
) -> None:
    with tally("import --format xmi"):
        folder = xmi_changed(project, tmp_path, old, new)
        message = refused_import(project, "xmi", folder, "custom.Span xmi:id", said)
        assert "not subscriptable" not in message


def test_the_command_prints_no_library_warning(project: Path, tmp_path: Path) -> None:
    with tally("import --format xmi"):
        folder = xmi_changed(project, tmp_path, r'end="[0-9]+"', 'end="99999999999999999999999"')
        before = digest(project)
        outcome = run_main(["import", "--db", project, "--format", "xmi", folder])
        assert_refused(outcome, "doc-1.amal.xmi", "custom.Span", database=project, before=before)
        assert "Warning" not in outcome.said and "cassis/" not in outcome.said, outcome.said
        assert outcome.err.count("\n") == 2, outcome.err  # the error, "nothing was imported"


# ------------------------------------------------------------------ 7. byte-order mark


@pytest.mark.parametrize("name", JSON_FORMATS)
def test_a_leading_byte_order_mark_is_read(project: Path, tmp_path: Path, name: str) -> None:
    valid = exported(project, name, tmp_path)
    marked = tmp_path / f"bom{SUFFIX[name]}"
    marked.write_bytes(b"\xef\xbb\xbf" + valid.read_bytes())
    read = FORMATS[name].read
    assert read is not None
    plain, with_bom = read([valid]), read([marked])
    assert len(with_bom.spans) == len(plain.spans) > 0
    fresh = tmp_path / "fresh.sqlite3"
    store = SqliteStore(fresh)
    try:
        report = import_bundle(store, with_bom, str(marked))
    finally:
        store.close()
    assert report.spans_added == len(plain.spans)


def test_the_command_reads_a_json_package_with_a_byte_order_mark(
    project: Path, tmp_path: Path
) -> None:
    valid = exported(project, "json", tmp_path)
    marked = tmp_path / "bom.json"
    marked.write_bytes(b"\xef\xbb\xbf" + valid.read_bytes())
    fresh = tmp_path / "fresh.sqlite3"
    shutil.copy(project, fresh)
    outcome = run_main(["import", "--db", fresh, "--format", "json", marked])
    assert outcome.status == 0, outcome.said
    assert "BOM" not in outcome.said
