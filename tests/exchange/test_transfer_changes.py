"""An import of layers reports what it wrote (annotation/changes.py), so the window re-reads
only that: the documents and spans it added or replaced, links, entities, statuses."""

from __future__ import annotations

from pathlib import Path

from annotation.changes import Changes
from annotation.exchange.formats import hamish_json
from annotation.exchange.selection import gather
from annotation.exchange.transfer import import_bundle
from db.store import SqliteStore


def test_an_import_of_layers_names_what_it_wrote(filled: SqliteStore, tmp_path: Path) -> None:
    path = tmp_path / "amal.json"
    hamish_json.write(gather(filled, ["amal", "omar"]), path)
    omar = SqliteStore(tmp_path / "omar.sqlite3")
    report = import_bundle(omar, hamish_json.read([path]), str(path))
    documents = frozenset(d.id for d in omar.document_summaries())
    spans = frozenset(
        s.id for d in documents for s in omar.spans_for(d, "amal") if s.id is not None
    )
    links = frozenset(
        k.id for d in documents for k in omar.links_for(d, "amal") if k.id is not None
    )
    assert report.changes == Changes(
        documents=documents,
        spans=spans,
        links=links,
        entities=frozenset(e.id for e in omar.entities() if e.id is not None),
        statuses=documents,  # amal's done on one, omar's in progress on the other
        corpus=True,
    )
    assert len(spans) == 10 and len(links) == 3 and len(report.changes.entities) == 2
    assert "changes" not in report.as_dict()  # --json stays the counts and the notes

    again = import_bundle(omar, hamish_json.read([path]), str(path))
    # Nothing new; the statuses are written again, as they were.
    assert again.changes == Changes(statuses=documents)
