"""Importing articles: files in, clean immutable documents out, all or nothing.

Every file is read, checked and cleaned before anything is written, so a bad file never
meets a half-written import. The documents are then written WRITE_BATCH to a transaction, so
another program waiting to write (the window) gets a turn between two instead of freezing
(issue 13, item 8). If a batch fails (the database busy beyond its timeout, a full disk) or
the import is cancelled, the batches it already wrote are removed again: only a kill of the
process while it writes can leave part of an import (and `check` is unaffected by that).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeGuard

from annotation.article_records import ArticleRecord, read_articles
from annotation.changes import Changes
from annotation.cleanup import BoilerplateRules, clean_text, load_boilerplate_rules
from annotation.exchange.bundle import Bundle
from annotation.exchange.formats import hamish_json
from annotation.exchange.transfer import import_bundle
from annotation.model import Attributes, AttributeValue, Document, DocumentId, now, text_sha256
from annotation.ports import Cancelled, Connection, DocumentStore, Store, StoreError
from annotation.printable import escape_controls
from annotation.sources import SourceError, SourceFile, discover

ASSETS = Path(__file__).resolve().parent.parent / "assets"
DEFAULT_BOILERPLATE_RULES = ASSETS / "boilerplate.json"
PROGRESS_BATCH = 500  # articles between two progress reports (and chances to cancel)
WRITE_BATCH = 200  # documents a transaction: a few tenths of a second of holding the lock


class ArticleStore(DocumentStore, Connection, Protocol):
    """What an import of articles writes through: documents, in transactions."""


class ImportCancelled(Cancelled):
    """The person cancelled the import; nothing was stored."""


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """How to import."""

    skip_bad: bool = False  # skip a bad file and go on, instead of refusing the whole import
    strip_boilerplate: bool = False  # remove agency footers (assets/boilerplate.json)
    boilerplate_rules: Path = DEFAULT_BOILERPLATE_RULES


@dataclass(frozen=True, slots=True)
class ImportProgress:
    """Where an import has got to: `done` of `total` files, the current one named."""

    done: int
    total: int
    current: str
    articles: int = 0  # articles read so far, all files together
    stored: int = 0  # documents written so far (when every file has been read)


# Called as the import goes; returning False cancels it.
ProgressCallback = Callable[[ImportProgress], bool]


@dataclass(slots=True)
class ImportReport:
    """What an import did, and what it refused."""

    imported: int = 0
    duplicates: int = 0
    empty: int = 0
    skipped: list[SourceError] = field(default_factory=list)  # files not read, and why
    failed: list[SourceError] = field(default_factory=list)
    notes: list[SourceError] = field(default_factory=list)  # read, with a remark
    # The files were good but the database refused them (busy, full): skipping files is no
    # remedy, so the window does not offer it.
    database_refused: bool = False
    articles_read: int = 0  # articles in every file read, the empty and repeated included
    encodings: Counter[str] = field(default_factory=Counter)
    # Per document (origin -> what was normalised); only documents where something changed.
    normalised: dict[str, dict[str, object]] = field(default_factory=dict)
    changes: Changes = field(default_factory=Changes)  # for the views: documents were added

    @property
    def ok(self) -> bool:
        """True when nothing failed (skipped files do not count as failures)."""
        return not self.failed

    def as_dict(self) -> dict[str, object]:
        """The report as JSON-ready data."""
        return {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "empty": self.empty,
            "skipped": len(self.skipped),
            "failed": len(self.failed),
            "errors": [str(error) for error in [*self.failed, *self.skipped]],
            "notes": [str(note) for note in self.notes],
            "encodings": dict(self.encodings),
            "normalised": self.normalised,
        }


def import_articles(
    store: ArticleStore,
    paths: Sequence[Path],
    options: ImportOptions = ImportOptions(),
    progress: ProgressCallback | None = None,
) -> ImportReport:
    """Import every article under `paths` into `store`, all or nothing.

    A bad file refuses the whole import (report.failed) unless `options.skip_bad`, when it
    alone is skipped (report.skipped). Raises ImportCancelled when `progress` returns False.
    """
    report = ImportReport()
    try:
        sources = discover(
            paths,
            report.skipped if options.skip_bad else None,
            passed_over=report.skipped,
            notes=report.notes,
        )
        rules = (
            load_boilerplate_rules(options.boilerplate_rules) if options.strip_boilerplate else None
        )
        # Everything is read, checked and cleaned before the first write, so the writing is
        # short and a bad file never meets a half-written import.
        documents = _read_all(sources, rules, options, report, progress)
    except SourceError as error:
        # Nothing was written: a clean slate, not the counts of discarded work.
        return ImportReport(failed=[error], skipped=report.skipped, notes=report.notes)
    try:
        tick, articles = _ticker(progress, len(sources)), report.articles_read
        _write(store, documents, report, lambda stored: tick(len(sources), "", articles, stored))
    except (StoreError, OSError) as error:
        return ImportReport(
            failed=[_write_failure(store, error)], notes=report.notes, database_refused=True
        )
    return report


def _ticker(progress: ProgressCallback | None, total: int) -> Callable[[int, str, int, int], None]:
    """A function reporting progress, raising ImportCancelled when the callback says stop."""

    def tick(done: int, current: str, articles: int, stored: int) -> None:
        if progress and not progress(
            ImportProgress(done, total, escape_controls(current), articles, stored)
        ):
            raise ImportCancelled()

    return tick


def _read_all(
    sources: Sequence[SourceFile],
    rules: BoilerplateRules | None,
    options: ImportOptions,
    report: ImportReport,
    progress: ProgressCallback | None,
) -> list[Document]:
    """The documents every file holds, each text once (repeats counted as duplicates)."""
    tick = _ticker(progress, len(sources))
    documents: list[Document] = []
    seen: set[str] = set()
    articles = 0
    for done, source in enumerate(sources):
        tick(done, source.name, articles, 0)
        try:
            records = read_articles(source)
        except SourceError as error:
            if not options.skip_bad:
                raise
            report.skipped.append(error)
            continue
        # In batches, so a long file reports progress and can be cancelled part way.
        for first in range(0, len(records), PROGRESS_BATCH):
            batch = records[first : first + PROGRESS_BATCH]
            for record in batch:
                document = _clean_document(record, rules, report)
                if document is None:
                    continue
                if document.text_sha256 in seen:  # a repeat inside the same import
                    report.duplicates += 1
                else:
                    seen.add(document.text_sha256)
                    documents.append(document)
            articles += len(batch)
            tick(done, source.name, articles, 0)
    tick(len(sources), "", articles, 0)
    report.articles_read = articles
    return documents


def _write(
    store: ArticleStore,
    documents: list[Document],
    report: ImportReport,
    written_so_far: Callable[[int], None],
) -> None:
    """Store the documents whose text is not there yet, WRITE_BATCH a transaction; on any
    failure or a cancel, remove the batches already written and raise."""
    written: list[DocumentId] = []
    try:
        for first in range(0, len(documents), WRITE_BATCH):
            batch = documents[first : first + WRITE_BATCH]
            with store.transaction():
                # Asked inside the transaction: another program may have added a text since.
                known = store.known_hashes(d.text_sha256 for d in batch)
                new = [d for d in batch if d.text_sha256 not in known]
                if new:
                    written.extend(store.add_documents(new))
            report.duplicates += len(batch) - len(new)
            # Between two transactions: a writer waiting (the window) takes its turn here.
            written_so_far(first + len(batch))
    except BaseException:
        _take_back(store, written)
        raise
    report.imported = len(written)
    report.changes = Changes(corpus=bool(written))


def _take_back(store: DocumentStore, written: list[DocumentId]) -> None:
    """Remove what this import wrote before it failed; a few tries, as the database may be
    busy (the busy timeout waits within each). What cannot be removed is said."""
    for attempt in range(3):
        if not written:
            return
        try:
            store.remove_documents(written)
            return
        except StoreError as error:
            if attempt == 2:
                raise StoreError(
                    f"{error}; and the {len(written)} documents this import had written"
                    f" (ids {written[0]} to {written[-1]}) could not be removed again"
                ) from None


def _write_failure(store: ArticleStore, error: Exception) -> SourceError:
    """The failure of the writing phase as a report error naming the database."""
    database = str(store.location or "the database")
    said = str(error)
    if "busy" in said.lower() or "locked" in said.lower():
        message = "the database is busy (another program is writing to it): try again later"
        if "could not be removed" in said:
            message += "; " + said.split("; and ", 1)[-1]
        return SourceError(database, message)
    return SourceError(database, f"the database refused the import ({said})")


def _clean_document(
    record: ArticleRecord, rules: BoilerplateRules | None, report: ImportReport
) -> Document | None:
    """The document an article record becomes, or None (counted) when its text is empty."""
    cleaned = clean_text(record.text, rules)
    if not cleaned.text.strip():
        report.empty += 1
        return None
    report.encodings[record.encoding] += 1
    changes = cleaned.notes()
    if changes or record.encoding != "utf-8":
        report.normalised[record.origin] = {"encoding": record.encoding, **changes}
    notes: Attributes = {"encoding": record.encoding}
    notes.update((key, value) for key, value in changes.items() if _is_scalar(value))
    return Document(
        text=cleaned.text,
        text_sha256=text_sha256(cleaned.text),
        title=record.title.strip(),
        external_id=record.external_id,
        source=record.source,
        url=record.url,
        date=record.date,
        imported_from=record.origin,
        import_notes=notes,
        imported_at=now(),
    )


def _is_scalar(value: object) -> TypeGuard[AttributeValue]:
    return value is None or isinstance(value, str | int | float | bool)


SAMPLES = ASSETS / "samples"
# Written by assets/samples/make_sample.py, which finds every span's offsets in the text.
ANNOTATED_SAMPLE = SAMPLES / "annotated.json"


def sample_paths(manifest: Path = SAMPLES / "manifest.json") -> list[Path]:
    """The sample articles that exist here; optional ones (the shared corpus) may be absent."""
    entries = json.loads(manifest.read_text(encoding="utf-8"))["samples"]
    paths = [(manifest.parent / entry["path"]).resolve() for entry in entries]
    return [
        path
        for path, entry in zip(paths, entries, strict=True)
        if path.exists() or not entry.get("optional")
    ]


def import_samples_if_empty(store: Store, annotator: str | None = None) -> ImportReport | None:
    """On a new database, import the sample articles so there is something to annotate.

    The annotated sample comes first (so the window opens on it) with its spans, claim
    links and entities in `annotator`'s own layer, which they can edit and undo like their
    own work (without an annotator, its text alone); then the other samples. All in one
    transaction: both or neither. A database that has ever held documents or a layer is not
    new, so nothing comes back after its owner deletes it."""
    with store.transaction():
        # Asked inside the transaction: two windows starting on one new file import once.
        if store.document_count() or store.annotator_names():
            return None
        annotated = hamish_json.read([ANNOTATED_SAMPLE])
        if annotator is None:
            annotated = Bundle(annotated.documents)
        import_bundle(store, annotated, ANNOTATED_SAMPLE.name, annotator)
        report = import_articles(store, sample_paths(), ImportOptions(strip_boilerplate=True))
        if not report.ok:  # a sample that cannot be imported takes the annotated one back
            raise StoreError("; ".join(str(error) for error in report.failed))
        report.imported += 1
        return report
