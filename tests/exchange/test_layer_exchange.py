"""Exchange between workstations: a colleague's package adds their layer; the same package
twice changes nothing; a changed layer is refused unless replaced; your own layer is never
touched."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from annotation.exchange.formats import hamish_json
from annotation.exchange.selection import gather
from annotation.exchange.transfer import LayersChanged, import_bundle
from annotation.model import Span, Status
from db.maintenance import check
from db.store import SqliteStore

ROOT = Path(__file__).resolve().parents[2]


def layer(store: SqliteStore, name: str) -> list[tuple[str, int, int, str, str]]:
    """Every span of `name`'s layer as (document title, start, end, label, attributes)."""
    return sorted(
        (
            store.document(d.id).title,
            s.start,
            s.end,
            s.label,
            json.dumps(s.attributes, sort_keys=True),
        )
        for d in store.document_summaries()
        for s in store.spans_for(d.id, name)
    )


def links(store: SqliteStore, name: str) -> list[tuple[int, int, int, int]]:
    found = []
    for d in store.document_summaries():
        spans = {s.id: s for s in store.spans_for(d.id, name)}
        for link in store.links_for(d.id, name):
            source, target = spans[link.source_id], spans[link.target_id]
            found.append((source.start, source.end, target.start, target.end))
    return sorted(found)


def package(store: SqliteStore, path: Path, annotator: str = "amal") -> Path:
    hamish_json.write(gather(store, [annotator]), path)
    return path


def dump(store: SqliteStore) -> list[tuple[object, ...]]:
    return [tuple(row) for row in store.db.execute("SELECT * FROM spans ORDER BY id")] + [
        tuple(row) for row in store.db.execute("SELECT * FROM links ORDER BY id")
    ]


def test_a_colleagues_package_adds_their_layer_and_twice_changes_nothing(
    filled: SqliteStore, tmp_path: Path
) -> None:
    path = package(filled, tmp_path / "amal.json")
    omar = SqliteStore(tmp_path / "omar.sqlite3")
    first = import_bundle(omar, hamish_json.read([path]), str(path))
    assert (first.layers_added, first.documents_added, first.spans_added) == (2, 2, 10)
    assert layer(omar, "amal") == layer(filled, "amal")
    assert links(omar, "amal") == links(filled, "amal")
    before = dump(omar)
    again = import_bundle(omar, hamish_json.read([path]), str(path))
    assert (again.layers_unchanged, again.spans_added, again.layers_added) == (2, 0, 0)
    assert again.spans_already_there == 10
    assert dump(omar) == before


def test_a_changed_layer_is_refused_without_replace_and_replaced_with_it(
    filled: SqliteStore, tmp_path: Path
) -> None:
    omar = SqliteStore(tmp_path / "omar.sqlite3")
    first = package(filled, tmp_path / "v1.json")
    import_bundle(omar, hamish_json.read([first]), str(first))
    # Amal, on her workstation, deletes a location and changes a claim's kind.
    document = filled.document_summaries()[0].id
    spans = filled.spans_for(document, "amal")
    location = next(s for s in spans if s.label == "LOCATION")
    claim = next(s for s in spans if s.label == "CLAIM")
    assert location.id is not None
    filled.remove_span(location.id)
    filled.update_span(replace(claim, attributes={**claim.attributes, "kind": "direct"}))
    second = package(filled, tmp_path / "v2.json")
    before = dump(omar)
    with pytest.raises(LayersChanged) as refused:
        import_bundle(omar, hamish_json.read([second]), str(second))
    assert [(c.annotator, c.spans_before, c.spans_after) for c in refused.value.changes] == [
        ("amal", 6, 5)
    ]
    assert "--replace" in str(refused.value)
    assert dump(omar) == before  # nothing changed, not even the unchanged layer's statuses
    report = import_bundle(omar, hamish_json.read([second]), str(second), replace_changed=True)
    assert (report.layers_replaced, report.layers_unchanged, report.spans_removed) == (1, 1, 6)
    assert layer(omar, "amal") == layer(filled, "amal")
    assert links(omar, "amal") == links(filled, "amal")
    assert check(omar) == []


def test_your_own_layer_is_never_touched(filled: SqliteStore, tmp_path: Path) -> None:
    path = package(filled, tmp_path / "amal.json")
    omar = SqliteStore(tmp_path / "omar.sqlite3")
    import_bundle(omar, hamish_json.read([path]), str(path))
    # The package also holds a layer under Omar's own name (say, an old copy of his work).
    document = omar.document_summaries()[0]
    text = omar.document(document.id).text
    mine = omar.add_span(Span(document.id, "omar", "LOCATION", 0, 2, text[0:2]))
    stale = gather(filled, ["amal"])
    renamed = replace(
        stale,
        spans=tuple(replace(s, annotator="omar") for s in stale.spans),
        statuses=tuple(replace(s, annotator="omar") for s in stale.statuses),
    )
    report = import_bundle(omar, renamed, "stale.json", protect=["omar"])
    assert report.layers_protected == 2
    assert [s.id for s in omar.spans_for(document.id, "omar")] == [mine.id]
    assert omar.recorded_status(document.id, "omar") is None


def test_statuses_travel_with_the_layer(filled: SqliteStore, tmp_path: Path) -> None:
    path = package(filled, tmp_path / "amal.json")
    omar = SqliteStore(tmp_path / "omar.sqlite3")
    import_bundle(omar, hamish_json.read([path]), str(path))
    first = omar.document_summaries()[0].id
    assert omar.recorded_status(first, "amal") is Status.DONE


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=ROOT
    )


def test_the_terminal_refuses_a_changed_layer_and_replaces_it_with_replace(
    filled: SqliteStore, tmp_path: Path
) -> None:
    database = tmp_path / "omar.sqlite3"
    SqliteStore(database).close()
    first = package(filled, tmp_path / "v1.json")
    base = ["import", "--db", str(database), "--format", "json", "--protect", "omar"]
    assert run(*base, str(first)).returncode == 0
    document = filled.document_summaries()[1].id
    speaker = next(s for s in filled.spans_for(document, "amal") if s.label == "SPEAKER")
    assert speaker.id is not None
    filled.remove_span(speaker.id)
    second = package(filled, tmp_path / "v2.json")
    refused = run(*base, str(second))
    assert refused.returncode == 1
    assert "changed since the last import" in refused.stderr and "--replace" in refused.stderr
    replaced = run(*base, "--replace", "--json", str(second))
    assert replaced.returncode == 0, replaced.stderr
    report = json.loads(replaced.stdout)
    assert (report["layers_replaced"], report["layers_unchanged"]) == (1, 1)
    omar = SqliteStore(database)
    assert layer(omar, "amal") == layer(filled, "amal")


def test_a_link_across_layers_is_refused_naming_it(filled: SqliteStore, tmp_path: Path) -> None:
    from annotation.exchange.bundle import FormatError
    from annotation.model import Link

    bundle = gather(filled, ["amal"])
    moved = replace(bundle.spans[0], annotator="omar")
    other = next(s for s in bundle.spans[1:] if s.document_id == moved.document_id)
    assert moved.id is not None and other.id is not None
    broken = replace(
        bundle,
        spans=(moved, *bundle.spans[1:]),
        links=(*bundle.links, Link("ATTRIBUTED_TO", other.id, moved.id)),
    )
    omar = SqliteStore(tmp_path / "omar.sqlite3")
    with pytest.raises(FormatError, match="two annotators' layers"):
        import_bundle(omar, broken, "broken.json")
    assert omar.document_count() == 0


def test_labels_outside_the_tag_set_are_refused_unless_kept_explicitly(
    filled: SqliteStore, tmp_path: Path
) -> None:
    from annotation.exchange.bundle import FormatError

    bundle = gather(filled, ["amal"])
    renamed = replace(bundle, spans=tuple(replace(s, label=f"X_{s.label}") for s in bundle.spans))
    renamed = replace(renamed, links=tuple(replace(k, kind="SAID") for k in bundle.links))
    omar = SqliteStore(tmp_path / "omar.sqlite3")
    with pytest.raises(
        FormatError, match=r"renamed\.json, document 1, span \d+ .*not in the tag set"
    ):
        import_bundle(omar, renamed, "renamed.json")
    assert omar.document_count() == 0
    report = import_bundle(omar, renamed, "renamed.json", outside_tagset=True)
    assert (report.spans_added, report.links_added) == (len(bundle.spans), len(bundle.links))
    assert {s.label for s in omar.spans_for(omar.document_summaries()[0].id, "amal")} <= {
        "X_SPEAKER",
        "X_CLAIM",
        "X_LOCATION",
    }


def test_a_package_with_a_crlf_text_lands_on_the_stored_letters(
    filled: SqliteStore, tmp_path: Path
) -> None:
    from annotation.model import text_sha256

    bundle = gather(filled, ["amal"])
    document = bundle.documents[0]
    assert "\n" in document.text  # the fixture's first text came in with CRLF
    raw = document.text.replace("\n", "\r\n")
    shift = {i: i + document.text[:i].count("\n") for i in range(len(document.text) + 1)}
    spans = tuple(
        replace(s, start=shift[s.start], end=shift[s.end], text=raw[shift[s.start] : shift[s.end]])
        if s.document_id == document.id
        else s
        for s in bundle.spans
    )
    crlf = replace(document, text=raw, text_sha256=text_sha256(raw))
    package = replace(bundle, documents=(crlf, *bundle.documents[1:]), spans=spans)
    omar = SqliteStore(tmp_path / "omar.sqlite3")
    import_bundle(omar, package, "crlf.json")
    assert layer(omar, "amal") == layer(filled, "amal")
    assert omar.document_id_for_hash(document.text_sha256) is not None
