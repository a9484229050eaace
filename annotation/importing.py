"""Importing articles: files in, clean immutable documents out, all or nothing.

Each file is read and checked whole before any of it is written, and the whole import is one
transaction, so a bad file or a cancel never leaves half an import behind.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeGuard

from annotation.cleanup import BoilerplateRules, clean_text, load_boilerplate_rules
from annotation.model import Attributes, AttributeValue, Document, now, text_sha256
from annotation.ports import Cancelled, Store
from annotation.sources import ArticleRecord, SourceError, discover, read_articles

ASSETS = Path(__file__).resolve().parent.parent / "assets"
DEFAULT_BOILERPLATE_RULES = ASSETS / "boilerplate.json"
PROGRESS_BATCH = 500  # articles between two progress reports (and chances to cancel)


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


# Called as the import goes; returning False cancels it.
ProgressCallback = Callable[[ImportProgress], bool]


@dataclass(slots=True)
class ImportReport:
    """What an import did, and what it refused."""

    imported: int = 0
    duplicates: int = 0
    empty: int = 0
    skipped: list[SourceError] = field(default_factory=list)
    failed: list[SourceError] = field(default_factory=list)
    encodings: Counter[str] = field(default_factory=Counter)
    # Per document (origin -> what was normalised); only documents where something changed.
    normalised: dict[str, dict[str, object]] = field(default_factory=dict)

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
            "encodings": dict(self.encodings),
            "normalised": self.normalised,
        }


def import_articles(
    store: Store,
    paths: Sequence[Path],
    options: ImportOptions = ImportOptions(),
    progress: ProgressCallback | None = None,
) -> ImportReport:
    """Import every article under `paths` into `store` in one transaction.

    A bad file refuses the whole import (report.failed) unless `options.skip_bad`, when it
    alone is skipped (report.skipped). Raises ImportCancelled when `progress` returns False.
    """
    report = ImportReport()
    try:
        sources = discover(paths, report.skipped if options.skip_bad else None)
    except SourceError as error:
        report.failed.append(error)
        return report
    rules = load_boilerplate_rules(options.boilerplate_rules) if options.strip_boilerplate else None
    articles = 0

    def tick(done: int, current: str) -> None:
        if progress and not progress(ImportProgress(done, len(sources), current, articles)):
            raise ImportCancelled()

    try:
        with store.transaction():
            for done, source in enumerate(sources):
                tick(done, source.name)
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
                    documents = [_clean_document(record, rules, report) for record in batch]
                    _store_new(store, [d for d in documents if d is not None], report)
                    articles += len(batch)
                    tick(done, source.name)
            tick(len(sources), "")
    except SourceError as error:
        # The transaction rolled back: report a clean slate, not the counts of discarded work.
        return ImportReport(failed=[error])
    return report


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


def _store_new(store: Store, documents: list[Document], report: ImportReport) -> None:
    """Store the documents whose text is not there yet; count the rest as duplicates."""
    known = store.known_hashes(d.text_sha256 for d in documents)
    new = []
    for document in documents:
        if document.text_sha256 in known:
            report.duplicates += 1
        else:
            known.add(document.text_sha256)  # a repeat inside the same import too
            new.append(document)
    store.add_documents(new)
    report.imported += len(new)


SAMPLES = ASSETS / "samples"


def sample_paths(manifest: Path = SAMPLES / "manifest.json") -> list[Path]:
    """The sample articles that exist here; optional ones (the shared corpus) may be absent."""
    entries = json.loads(manifest.read_text(encoding="utf-8"))["samples"]
    paths = [(manifest.parent / entry["path"]).resolve() for entry in entries]
    return [
        path
        for path, entry in zip(paths, entries, strict=True)
        if path.exists() or not entry.get("optional")
    ]


def import_samples_if_empty(store: Store) -> ImportReport | None:
    """On first start, import the sample articles so there is something to annotate."""
    if store.document_count():
        return None
    return import_articles(store, sample_paths(), ImportOptions(strip_boilerplate=True))
