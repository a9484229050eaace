"""What the importers accepted, every exporter writes or refuses before writing anything:
control characters XML cannot hold, attribute names outside XMI's, annotators whose names
look alike as file names (`a/b`, `a_b`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotation.exchange.bundle import FormatError
from annotation.exchange.formats import FORMATS
from annotation.exchange.selection import select
from annotation.model import Document, Span, text_sha256
from db.store import SqliteStore
from tests.hostile.conftest import tally

TEXT = "قال الوزير\x1b[31m إن الوفد\x00 وصل."
OUT = {"json": "o.json", "jsonl": "o.jsonl", "doccano": "o.jsonl", "labelstudio": "o.json"}


def database(
    tmp_path: Path, annotators: tuple[str, ...], text: str = TEXT, **attributes: object
) -> Path:
    """A database holding `text` (written past the store's own checks, as an older Hamish
    stored it) with a SPEAKER span of each annotator."""
    path = tmp_path / "odd.sqlite3"
    SqliteStore(path).close()
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(
            "INSERT INTO documents (title, text, text_sha256, characters, imported_at)"
            " VALUES ('t', ?, ?, ?, '2026-01-01T00:00:00')",
            (text, text_sha256(text), len(text)),
        )
    connection.close()
    store = SqliteStore(path)
    try:
        (summary,) = store.document_summaries()
        for name in annotators:
            store.add_span(
                Span(summary.id, name, "SPEAKER", 4, 10, text[4:10], attributes=attributes)  # type: ignore[arg-type]
            )
    finally:
        store.close()
    return path


def export(path: Path, name: str, out: Path) -> None:
    store = SqliteStore(path)
    try:
        FORMATS[name].write(select(store), out, None)
    finally:
        store.close()


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_control_characters_are_written_or_refused_before_writing(
    tmp_path: Path, name: str
) -> None:
    with tally(f"export --format {name}"):
        path = database(tmp_path, ("amal",))
        out = tmp_path / "out" / OUT.get(name, "folder")
        out.parent.mkdir()
        if name == "xmi":
            with pytest.raises(FormatError, match=r"document 1.*XML cannot hold"):
                export(path, name, out)
            assert list(out.parent.iterdir()) == []
            return
        export(path, name, out)
        reader = FORMATS[name].read
        if reader is not None:
            bundle = reader([out])
            if name in ("json", "jsonl"):  # the others' readers clean a text as article import does
                assert [d.text for d in bundle.documents] == [TEXT]
            else:
                assert len(bundle.documents) == 1


def test_an_attribute_xmi_has_no_feature_for_is_refused_before_writing(tmp_path: Path) -> None:
    with tally("export --format xmi"):
        path = database(tmp_path, ("amal",), "قال الوزير إن الوفد وصل.", negated=True)
        with pytest.raises(FormatError, match=r"span 1 SPEAKER 4-10 \(amal\).*negated=True"):
            export(path, "xmi", tmp_path / "xmi")
        assert not (tmp_path / "xmi").exists()


@pytest.mark.parametrize("name", ["brat", "xmi", "conll"])
def test_annotators_alike_as_file_names_get_files_of_their_own(tmp_path: Path, name: str) -> None:
    with tally(f"export --format {name}"):
        text = "قال الوزير إن الوفد وصل."
        path = tmp_path / "team.sqlite3"
        store = SqliteStore(path)
        (document,) = store.add_documents([Document(text, text_sha256(text))])
        team = ("a/b", "a_b", ".hidden", "a%2Fb")
        for who in team:
            store.add_span(Span(document, who, "SPEAKER", 4, 10, text[4:10]))
        store.close()
        export(path, name, tmp_path / "out")
        reader = FORMATS[name].read
        if reader is not None:
            assert reader([tmp_path / "out"]).annotators() == sorted(team)
        else:
            files = sorted(p.name for p in (tmp_path / "out").iterdir())
            assert files == ["%2Ehidden.conll", "a%252Fb.conll", "a%2Fb.conll", "a_b.conll"]


def test_one_annotators_brat_export_comes_back_under_her_name(tmp_path: Path) -> None:
    with tally("import --format brat"):
        text = "قال الوزير إن الوفد وصل."
        path = database(tmp_path, ("أمل/الثانية",), text)
        export(path, "brat", tmp_path / "brat")
        bundle = FORMATS["brat"].read([tmp_path / "brat"])  # type: ignore[misc]
        assert bundle.annotators() == ["أمل/الثانية"]
        assert [d.text for d in bundle.documents] == [text]
