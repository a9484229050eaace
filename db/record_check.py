"""The record checks of `check`, in SQL both engines speak: each document's SHA-256 and length
against its text, each span's offsets and covered text against its document's text, and links
that leave one layer (db/maintenance.py runs them on SQLite, db/postgres/checking.py on
PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator

from annotation.arabic import edge_inside_letter
from annotation.model import DocumentId, LinkId, Span, SpanId, text_sha256
from annotation.offsets import OffsetError, check_span
from db.door import cut_message
from db.problems import Executes, Problem, ProblemKind


def check_documents(connection: Executes) -> Iterator[Problem]:
    for document, text, sha256, characters in connection.execute(
        "SELECT id, text, text_sha256, characters FROM documents ORDER BY id"
    ):
        where = DocumentId(document)
        if not isinstance(text, str):
            yield Problem(ProblemKind.TEXT_HASH, "the text is missing or damaged", where)
            continue
        if text_sha256(text) != sha256:
            yield Problem(
                ProblemKind.TEXT_HASH,
                f"the stored SHA-256 {sha256[:12]}… is not that of the text "
                f"({text_sha256(text)[:12]}…): the text was changed after import",
                where,
            )
        if len(text) != characters:
            yield Problem(
                ProblemKind.CHARACTERS,
                f"{characters} characters are recorded but the text has {len(text)}",
                where,
            )


def check_spans(connection: Executes) -> Iterator[Problem]:
    # By document, so each text is read once; spans of a missing document are the
    # foreign-key check's to report.
    current: tuple[int, str] | None = None
    for span_id, document, label, start, end, covered in connection.execute(
        'SELECT s.id, s.document_id, s.label, s.start, s."end", s.text FROM spans s'
        " JOIN documents d ON d.id = s.document_id ORDER BY s.document_id, s.id"
    ):
        if current is None or current[0] != document:
            (text,) = connection.execute(
                "SELECT text FROM documents WHERE id = ?", [document]
            ).fetchone()
            current = (document, text)
        try:
            check_span(current[1], Span(DocumentId(document), "", label, start, end, covered))
        except OffsetError as error:
            yield Problem(ProblemKind.OFFSETS, str(error), DocumentId(document), SpanId(span_id))
            continue
        # Stored before the importers and the store refused them (issue 14, item 12): the
        # window draws such a span a letter off.
        edge = edge_inside_letter(current[1], start, end)
        if edge is not None:
            yield Problem(
                ProblemKind.SPLIT_LETTER,
                f"the {label} span {covered!r} {cut_message(current[1], edge).removeprefix('it ')}",
                DocumentId(document),
                SpanId(span_id),
            )


def check_links(connection: Executes) -> Iterator[Problem]:
    for (
        link,
        source,
        target,
        source_document,
        target_document,
        source_layer,
        target_layer,
    ) in connection.execute(
        "SELECT l.id, l.source_id, l.target_id, s.document_id, t.document_id,"
        " coalesce(a.name, CAST(s.annotator_id AS TEXT)),"
        " coalesce(b.name, CAST(t.annotator_id AS TEXT)) FROM links l"
        " JOIN spans s ON s.id = l.source_id JOIN spans t ON t.id = l.target_id"
        " LEFT JOIN annotators a ON a.id = s.annotator_id"
        " LEFT JOIN annotators b ON b.id = t.annotator_id"
        " WHERE s.document_id <> t.document_id OR s.annotator_id <> t.annotator_id"
        " ORDER BY l.id"
    ):
        if source_document != target_document:
            message = (
                f"joins span {source} of document {source_document} to span {target} "
                f"of document {target_document}"
            )
        else:
            message = (
                f"joins span {source} of annotator {source_layer} to span {target} "
                f"of annotator {target_layer}: a link stays in one layer"
            )
        yield Problem(
            ProblemKind.LINK_LAYERS, message, DocumentId(source_document), link_id=LinkId(link)
        )
