"""Bundle: the documents, layers, links, entities and statuses an export carries.

Writers take a `Corpus`: a Bundle held in memory, or a selection that reads the store one
document at a time (transfer.select), so a million spans export in bounded memory.

Ids inside a bundle are its own: a span's `document_id` names one of the bundle's documents
(by its `id`), a link's ends name the bundle's spans, a span's `entity_id` the bundle's
entities. `import_bundle` maps them onto the store's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from annotation.model import Document, DocumentStatus, Entity, Link, Span


class FormatError(ValueError):
    """A file that cannot be read as its format says; names the file, record and span."""

    def __init__(self, path: Path | str, message: str, record: str | None = None) -> None:
        self.path, self.record, self.message = str(path), record, message
        where = f"{path}, {record}" if record else str(path)
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True, slots=True)
class Bundle:
    """Documents with the annotations of one or more annotators."""

    documents: tuple[Document, ...]
    spans: tuple[Span, ...] = ()
    links: tuple[Link, ...] = ()
    entities: tuple[Entity, ...] = ()
    statuses: tuple[DocumentStatus, ...] = ()
    # True when each document's spans already come in canonical order (by annotator, start,
    # longest first, label), as a selection reads them from the store: numbering them then
    # needs no sort, which on a large export cost more than writing the rows.
    in_canonical_order: bool = False
    # What the reader left out, renamed or kept apart, each naming its file and record: an
    # import tells the person all of it (TransferReport.notes), as nothing is lost unseen.
    notes: tuple[str, ...] = ()

    def spans_of(self, document: Document, annotator: str | None = None) -> list[Span]:
        """One document's spans (of one annotator when given), by position."""
        spans = [
            s
            for s in self.spans
            if s.document_id == document.id and (annotator is None or s.annotator == annotator)
        ]
        return sorted(spans, key=lambda s: (s.start, -s.end, s.id or 0))

    def annotators(self) -> list[str]:
        """Everyone with a span or a status in the bundle, sorted."""
        return sorted({s.annotator for s in self.spans} | {s.annotator for s in self.statuses})

    def parts(self) -> Iterator[Bundle]:
        """The bundle itself, as the one part of a corpus held in memory."""
        yield self

    def whole(self) -> Bundle:
        """The bundle itself."""
        return self


class Corpus(Protocol):
    """What an export writes: the entities and annotators up front, then the documents with
    their annotations in parts (a part is a Bundle of one or more documents), in order."""

    @property
    def entities(self) -> tuple[Entity, ...]: ...

    def annotators(self) -> list[str]: ...

    def parts(self) -> Iterator[Bundle]: ...

    def whole(self) -> Bundle:
        """Everything in one Bundle, for formats written in one piece."""
        ...


# Ids read from the n-th of several files are offset by n times this, so files whose own ids
# coincide still name different things inside one bundle.
FILE_ID_STRIDE = 1_000_000_000


def read_files(paths: Sequence[Path], read_one: Callable[[Path, int], Bundle]) -> Bundle:
    """Read each file with `read_one(path, id_offset)` and join them into one bundle."""
    parts = [read_one(path, FILE_ID_STRIDE * number) for number, path in enumerate(paths)]
    return Bundle(
        tuple(d for p in parts for d in p.documents),
        tuple(s for p in parts for s in p.spans),
        tuple(link for p in parts for link in p.links),
        tuple(e for p in parts for e in p.entities),
        tuple(s for p in parts for s in p.statuses),
        notes=tuple(n for p in parts for n in p.notes),
    )


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """How to write a format."""

    # Offsets in UTF-16 code units, for tools that count them (Java UIMA counts them always;
    # Label Studio before 1.x and doccano with some settings, docs/formats.md).
    utf16: bool = False
    # The layer (annotator) written as a model's suggestions for review rather than as a
    # person's work: Label Studio's `predictions`.
    predictions: str | None = None


Writer = Callable[[Corpus, Path, ExportOptions | None], None]
Reader = Callable[[Sequence[Path]], Bundle]


@dataclass(frozen=True, slots=True)
class Format:
    """An interchange format: a name, what it is, how to write and read it."""

    name: str
    description: str
    write: Writer
    read: Reader | None = None
    suffixes: tuple[str, ...] = field(default=())
    # "file", "folder", or "folder or zip" (a folder unless the name ends in .zip).
    output: str = "file"
    # Files written beside `out` (Label Studio's labeling config): checked like `out`, since
    # one of them could name the database as surely as `--out` can.
    companions: Callable[[Path], tuple[Path, ...]] = field(default=lambda out: ())

    def outputs(self, out: Path) -> tuple[Path, ...]:
        """Every path writing to `out` writes: `out` itself and its companions."""
        return (out, *self.companions(out))

    def writes_folder(self, out: Path) -> bool:
        """Whether writing to `out` makes a folder of files rather than one file."""
        if self.output == "folder or zip":
            return out.suffix.lower() != ".zip"
        return self.output == "folder"


def by_id(items: Iterable[Span]) -> dict[int, Span]:
    """Spans by id."""
    return {span.id: span for span in items if span.id is not None}
