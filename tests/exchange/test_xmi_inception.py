"""XMI back from INCEpTION (issue 15, item 6): its files and export ZIPs built here as INCEpTION
writes them (read from its source: AnnotationDocumentExporter, FormatSupport.write and
DocumentImportExportServiceImpl in inception-project/inception), two users' work on one
document, imported as two layers named after the users with every span; files that say no user
are never merged into one layer.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from cassis import Cas, TypeSystem  # type: ignore[import-untyped]

from annotation.exchange.formats import xmi_read
from annotation.exchange.selection import gather
from annotation.exchange.transfer import import_bundle
from db.store import SqliteStore
from tests.hostile.conftest import run_main

TEXT = "😀 قال الوزير إن الوفد وصل إلى موسكو.\nوأضاف أن دمشق ترحب."
META = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
ENTITY = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
SENTENCE = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence"


def inception_typesystem(prefix: str) -> TypeSystem:
    """A project's type system as INCEpTION exports it: DKPro Core's metadata and sentences, a
    layer of its own (NamedEntity), and span and relation layers made by hand with only some of
    Hamish's features (label, kind)."""
    ts = TypeSystem()
    meta = ts.create_type(META, supertypeName="uima.tcas.DocumentAnnotation")
    for name in ("documentTitle", "documentId", "documentUri", "collectionId", "documentBaseUri"):
        ts.create_feature(meta, name, "uima.cas.String")
    ts.create_feature(meta, "isLastSegment", "uima.cas.Boolean")
    ts.create_type(SENTENCE, supertypeName="uima.tcas.Annotation")
    entity = ts.create_type(ENTITY, supertypeName="uima.tcas.Annotation")
    ts.create_feature(entity, "value", "uima.cas.String")
    span = ts.create_type(f"{prefix}Span", supertypeName="uima.tcas.Annotation")
    ts.create_feature(span, "label", "uima.cas.String")
    ts.create_feature(span, "kind", "uima.cas.String")
    relation = ts.create_type(f"{prefix}Relation", supertypeName="uima.tcas.Annotation")
    ts.create_feature(relation, "Governor", f"{prefix}Span")
    ts.create_feature(relation, "Dependent", f"{prefix}Span")
    ts.create_feature(relation, "label", "uima.cas.String")
    return ts


# Each user's spans: (label, covered text, kind). amal and omar agree on three spans, the
# layers that vanished when two users' files merged into one.
WORK: dict[str, list[tuple[str, str, str | None]]] = {
    "INITIAL_CAS": [("LOCATION", "موسكو", None)],
    "amal": [
        ("CLAIM", "الوفد وصل إلى موسكو", None),
        ("SPEAKER", "الوزير", None),
        ("LOCATION", "موسكو", None),
    ],
    "omar": [
        ("CLAIM", "الوفد وصل إلى موسكو", None),
        ("SPEAKER", "الوزير", None),
        ("LOCATION", "موسكو", None),
        ("LOCATION", "دمشق", None),
    ],
}


def user_xmi(ts: TypeSystem, prefix: str, document_id: str, spans: Any) -> bytes:
    """One user's CAS as INCEpTION exports it: DocumentMetaData names the file (documentId)
    and the document (documentTitle)."""
    cas = Cas(typesystem=ts)
    cas.sofa_string = TEXT
    meta, sentence = ts.get_type(META), ts.get_type(SENTENCE)
    cas.add(meta(begin=0, end=len(TEXT), documentId=document_id, documentTitle="news1.txt"))
    cas.add(sentence(begin=0, end=TEXT.index("\n")))
    made = {}
    for label, covered, kind in spans:
        start = TEXT.index(covered)
        made[label] = annotation = ts.get_type(f"{prefix}Span")(
            begin=start, end=start + len(covered), label=label, kind=kind
        )
        cas.add(annotation)
    if "CLAIM" in made and "SPEAKER" in made:
        speaker = made["SPEAKER"]
        cas.add(
            ts.get_type(f"{prefix}Relation")(
                begin=speaker.begin,
                end=speaker.end,
                Governor=made["CLAIM"],
                Dependent=speaker,
                label="ATTRIBUTED_TO",
            )
        )
    if document_id == "omar":  # a layer Hamish does not read: left out, and said
        cas.add(ts.get_type(ENTITY)(begin=TEXT.index("دمشق"), end=TEXT.index("دمشق") + 4))
    xmi = cas.to_xmi(pretty_print=True)
    assert isinstance(xmi, str)
    return xmi.encode("utf-8")


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def project_export(prefix: str) -> bytes:
    """INCEpTION's project export ZIP with the format UIMA CAS XMI."""
    ts = inception_typesystem(prefix)
    typesystem = ts.to_xml().encode("utf-8")
    files = {
        "exportedproject.json": json.dumps({"name": "news"}).encode(),
        "source/news1.txt": TEXT.encode("utf-8"),
        "annotation_ser/news1.txt/amal.ser": b"\xac\xed\x00\x05 Java-serialised CAS",
    }
    for user, spans in WORK.items():
        files[f"annotation/news1.txt/{user}.zip"] = zipped(
            {f"{user}.xmi": user_xmi(ts, prefix, user, spans), "TypeSystem.xml": typesystem}
        )
    return zipped(files)


def layers(bundle: Any) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for span in sorted(bundle.spans, key=lambda s: (s.annotator, s.start, -s.end)):
        found.setdefault(span.annotator, []).append((span.label, span.text))
    return found


@pytest.mark.parametrize("prefix", ["custom.", "webanno.custom."])
def test_a_project_export_comes_in_as_one_layer_per_user(tmp_path: Path, prefix: str) -> None:
    export = tmp_path / "news-project.zip"
    export.write_bytes(project_export(prefix))
    bundle = xmi_read.read([export])
    assert [d.title for d in bundle.documents] == ["news1.txt"]
    assert layers(bundle) == {
        "amal": [("SPEAKER", "الوزير"), ("CLAIM", "الوفد وصل إلى موسكو"), ("LOCATION", "موسكو")],
        "omar": [
            ("SPEAKER", "الوزير"),
            ("CLAIM", "الوفد وصل إلى موسكو"),
            ("LOCATION", "موسكو"),
            ("LOCATION", "دمشق"),
        ],
    }
    # UTF-16 offsets after the emoji came back as code points.
    for span in bundle.spans:
        assert TEXT[span.start : span.end] == span.text
    assert len(bundle.links) == 2
    inner = f"{export}!annotation/news1.txt"
    assert bundle.notes == (
        f"{inner}/INITIAL_CAS.zip!INITIAL_CAS.xmi: INCEpTION's starting point for 'news1.txt'"
        " (the document as uploaded, not a person's work): its text is read, its 1 spans"
        " left out",
        f"{inner}/omar.zip!omar.xmi: 1 annotations of layers Hamish does not read left out:"
        f" {ENTITY} (1)",
    )
    store = SqliteStore(tmp_path / "hamish.sqlite3")
    report = import_bundle(store, bundle, export.name)
    assert (report.documents_added, report.layers_added, report.spans_added) == (1, 2, 7)
    assert report.links_added == 2
    stored = gather(store)
    assert sorted(stored.annotators()) == ["amal", "omar"]
    assert len(stored.spans_of(stored.documents[0], "amal")) == 3
    assert len(stored.spans_of(stored.documents[0], "omar")) == 4


def test_a_users_file_unpacked_takes_the_user_from_document_metadata(tmp_path: Path) -> None:
    ts = inception_typesystem("custom.")
    for user in ("amal", "omar"):
        folder = tmp_path / user
        folder.mkdir()
        (folder / f"{user}.xmi").write_bytes(user_xmi(ts, "custom.", user, WORK[user]))
        (folder / "TypeSystem.xml").write_text(ts.to_xml(), encoding="utf-8")
    bundle = xmi_read.read([tmp_path / "amal" / "amal.xmi", tmp_path / "omar"])
    assert {name: len(spans) for name, spans in layers(bundle).items()} == {"amal": 3, "omar": 4}


@pytest.mark.parametrize("packed", [False, True], ids=["folders", "zips"])
def test_files_named_alike_in_two_folders_are_never_merged(tmp_path: Path, packed: bool) -> None:
    """INCEpTION's export of one document from the annotation page names the document, not the
    user (documentId news1.txt): two people's exports of it, kept in two folders."""
    ts = inception_typesystem("custom.")
    paths = []
    for user in ("amal", "omar"):
        folder = tmp_path / user
        folder.mkdir()
        files = {
            "news1.xmi": user_xmi(ts, "custom.", "news1.txt", WORK[user]),
            "TypeSystem.xml": ts.to_xml().encode("utf-8"),
        }
        if packed:
            (folder / "news1.zip").write_bytes(zipped(files))
            paths.append(folder / "news1.zip")
        else:
            for name, data in files.items():
                (folder / name).write_bytes(data)
            paths.append(folder)
    bundle = xmi_read.read(paths)
    assert {name: len(spans) for name, spans in layers(bundle).items()} == {"xmi": 3, "xmi-2": 4}
    second = f"{paths[1]}!news1.xmi" if packed else str(paths[1] / "news1.xmi")
    first = f"{paths[0]}!news1.xmi" if packed else str(paths[0] / "news1.xmi")
    assert bundle.notes[0] == (
        f"{second}: layer 'xmi' of document 'news1.txt' came already from {first}; this file's"
        " spans are read as annotator 'xmi-2', not merged"
    )
    store = SqliteStore(tmp_path / "hamish.sqlite3")
    assert import_bundle(store, bundle, "xmi").spans_added == 7


def test_the_import_command_reads_the_project_zip_and_prints_what_it_left_out(
    tmp_path: Path,
) -> None:
    export = tmp_path / "news-project.zip"
    export.write_bytes(project_export("custom."))
    database = tmp_path / "hamish.sqlite3"
    done = run_main(["import", "--db", database, "--format", "xmi", export])
    assert done.status == 0, done.err
    assert "spans added 7" in done.out
    notes = [line for line in done.out.splitlines() if line.startswith("note: ")]
    assert len(notes) == 2
    assert "INITIAL_CAS.xmi: INCEpTION's starting point" in notes[0]
    assert f"{ENTITY} (1)" in notes[1]
    stored = gather(SqliteStore(database))
    assert sorted(stored.annotators()) == ["amal", "omar"]
