"""Exports stream from the store a document at a time: the same bytes as from a bundle held
in memory, memory that does not grow with the number of spans, and nothing half-written
when an export is cancelled."""

from __future__ import annotations

import json
import os
import tracemalloc
from pathlib import Path

import pytest

from annotation.exchange.bundle import ExportOptions
from annotation.exchange.formats import FORMATS
from annotation.exchange.selection import ExportCancelled, gather, select
from annotation.model import Document, Span, text_sha256
from db.store import SqliteStore


def contents(path: Path) -> dict[str, bytes]:
    """A file's bytes, or every file's in a folder, by relative name."""
    if path.is_file():
        return {"": path.read_bytes()}
    return {
        str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize("name", sorted(FORMATS))
@pytest.mark.parametrize("utf16", [False, True])
def test_a_streamed_export_equals_one_written_from_memory(
    filled: SqliteStore, tmp_path: Path, name: str, utf16: bool
) -> None:
    suffix = (
        FORMATS[name].suffixes[0] if name in ("json", "jsonl", "labelstudio", "doccano") else ""
    )
    streamed, held = tmp_path / f"streamed{suffix}", tmp_path / f"held{suffix}"
    FORMATS[name].write(select(filled), streamed, ExportOptions(utf16=utf16))
    FORMATS[name].write(gather(filled), held, ExportOptions(utf16=utf16))
    assert contents(streamed) == contents(held)
    assert contents(streamed), "the export wrote nothing"


def test_a_streamed_csv_zip_equals_one_written_from_memory(
    filled: SqliteStore, tmp_path: Path
) -> None:
    FORMATS["csv"].write(select(filled), tmp_path / "streamed.zip", None)
    FORMATS["csv"].write(gather(filled), tmp_path / "held.zip", None)
    assert (tmp_path / "streamed.zip").read_bytes() == (tmp_path / "held.zip").read_bytes()


def many_spans(tmp_path: Path, per_document: int, documents: int = 40) -> SqliteStore:
    """`documents` documents of the same text, each with `per_document` one-word spans."""
    store = SqliteStore(tmp_path / f"many-{per_document}.sqlite3")
    words = [f"كلمة{n:04d}" for n in range(400)]
    text = " ".join(words)
    texts = [f"{number} {text}" for number in range(documents)]
    ids = store.add_documents([Document(text=t, text_sha256=text_sha256(t)) for t in texts])
    with store.transaction():
        for document_id, t in zip(ids, texts, strict=True):
            start = t.index(" ") + 1
            for word in words[:per_document]:
                store.add_span(
                    Span(document_id, "amal", "LOCATION", start, start + len(word), word)
                )
                start += len(word) + 1
    return store


def export_peak(store: SqliteStore, name: str, out: Path) -> int:
    tracemalloc.start()
    try:
        FORMATS[name].write(select(store), out, None)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("name", ["json", "csv", "jsonl"])
def test_export_memory_does_not_grow_with_the_span_count(tmp_path: Path, name: str) -> None:
    few, many = many_spans(tmp_path, 10), many_spans(tmp_path, 400)
    small = export_peak(few, name, tmp_path / f"few.{name}")
    large = export_peak(many, name, tmp_path / f"many.{name}")
    # 40 times the spans. Held in memory the large export peaks near 10 MiB; streamed, only
    # one document's spans are held at once (measured: 1.2-1.9 MiB).
    assert large < 4 * small + 2 * 2**20, (small, large)
    assert contents(tmp_path / f"many.{name}")


@pytest.mark.parametrize("name", ["json", "csv", "jsonl"])
def test_a_cancelled_export_leaves_the_older_file_alone(tmp_path: Path, name: str) -> None:
    store = many_spans(tmp_path, 5, documents=120)
    out = tmp_path / f"export.{name}"
    if name == "csv":
        out = tmp_path / "export.zip"
    out.write_bytes(b"an older export")
    seen: list[int] = []

    def progress(done: int, total: int) -> bool:
        seen.append(done)
        return done < 50  # progress is told every 50 documents: cancel at the second

    with pytest.raises(ExportCancelled):
        FORMATS[name].write(select(store, progress=progress), out, None)
    assert seen == [0, 50]
    assert out.read_bytes() == b"an older export"
    assert sorted(p.name for p in tmp_path.iterdir() if "partial" in p.name) == []


def test_an_export_gets_the_permissions_of_a_file_written_in_place(
    filled: SqliteStore, tmp_path: Path
) -> None:
    out = tmp_path / "shared.json"
    FORMATS["json"].write(select(filled), out, None)
    reference = tmp_path / "plain.txt"
    reference.write_text("x")
    assert out.stat().st_mode & 0o777 == reference.stat().st_mode & 0o777
    assert os.access(out, os.R_OK) and out.read_bytes().startswith(b'{\n "format"')


def test_an_export_reads_one_state_of_the_database(filled: SqliteStore, tmp_path: Path) -> None:
    assert filled.path is not None
    other = SqliteStore(filled.path)  # a second window on the same file
    document = filled.document_summaries()[0].id
    out = tmp_path / "snapshot.json"
    with filled.reading():
        selection = select(filled, ["amal"])
        before = len(filled.spans_for(document, "amal"))
        # Deleted in another window while the export is under way.
        span = other.spans_for(document, "amal")[0]
        assert span.id is not None
        other.remove_span(span.id)
        FORMATS["json"].write(selection, out, None)
    exported = [
        s for s in json.loads(out.read_text(encoding="utf-8"))["spans"] if s["document_id"] == 1
    ]
    assert len(exported) == before  # the deleted span is still there, with its links intact
    assert len(filled.spans_for(document, "amal")) == before - 1  # and now the change shows


def test_spans_read_in_store_order_are_numbered_as_a_sort_would(tmp_path: Path) -> None:
    from dataclasses import replace as copy

    store = SqliteStore(tmp_path / "order.sqlite3")
    text = "قال الوزير إن دمشق وبيروت مستعدتان."
    (document,) = store.add_documents([Document(text=text, text_sha256=text_sha256(text))])
    start = text.index("دمشق")
    # The same extent under two labels, added against label order (ids disagree with it).
    for label in ("SPEAKER", "LOCATION", "CLAIM"):
        store.add_span(Span(document, "omar", label, start, start + 4, "دمشق"))
    store.add_span(Span(document, "amal", "LOCATION", start, start + 4, "دمشق"))
    held = gather(store)
    unsorted = copy(held, spans=tuple(reversed(held.spans)), in_canonical_order=False)
    FORMATS["json"].write(held, tmp_path / "store-order.json", None)
    FORMATS["json"].write(unsorted, tmp_path / "sorted.json", None)
    assert (tmp_path / "store-order.json").read_bytes() == (tmp_path / "sorted.json").read_bytes()
    labels = [s["label"] for s in json.loads((tmp_path / "sorted.json").read_text())["spans"]]
    assert labels == ["LOCATION", "CLAIM", "LOCATION", "SPEAKER"]  # amal first, then by label
