"""Reading the `brat` format (brat_format.py describes what is written).

Reading takes folders (every `.ann` below them) or `.ann` files. The annotator is the one the
annotation.conf beside the `.ann` names in its hamish-annotator comment, else the subfolder's
name, else "brat". Neither PyPI
brat parser checks offsets against the text (docs/formats.md), so this one does, for every T line, and
refuses the file naming it, the line and the T id. A `.txt` with CRLF line ends or a BOM is
stored with `\\n` and no BOM, as article import does (Qt counts neither), its offsets moved to
match. Fragments are joined into one span when only whitespace lies between them.

What Hamish does not model is left out and listed, line by line, in Bundle.notes (the import's
summary prints them: file, line number, id and what the line was): events (E lines), the T
spans that are their triggers (a trigger's type is an event type, not a label), normalisations
(N), equivalences (*), and attributes and notes on events, normalisations or relations. A line
of a kind Hamish does not model is a loss the summary names, not bad input. What is bad input is still
refused whole, naming file, line and id: offsets that miss the text, fragments around text, an
unknown kind of line, an id used twice, a reference to an id the file does not hold (in a
line left out too).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path

from annotation.cleanup import clean_with_offsets
from annotation.exchange.bundle import Bundle, FormatError
from annotation.exchange.formats.brat_format import (
    ANNOTATOR_COMMENT,
    CONF,
    DEFAULT_ANNOTATOR,
    default_tagset,
    hamish_name,
    note_text,
)
from annotation.exchange.output import annotator_of
from annotation.exchange.records import file_bytes
from annotation.model import (
    Attributes,
    AttributeValue,
    Document,
    DocumentId,
    Link,
    LinkId,
    Origin,
    Span,
    SpanId,
    text_sha256,
)
from annotation.regular_files import special_file
from annotation.tagset import AttributeType, TagSet

# A `#` note that reads `name: value` gives a text attribute of that name (ann_text writes so).
_NOTE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*): (.*)", re.DOTALL)


def read(paths: Sequence[Path], *, tagset: TagSet | None = None) -> Bundle:
    """Read brat folders or `.ann` files (each next to its `.txt`) into one bundle."""
    reader = _Reader(tagset or default_tagset())
    files = [found for path in paths for found in ann_files(path)]
    if not files:
        raise FormatError(", ".join(map(str, paths)) or ".", "no .ann files to read")
    for ann, annotator in files:
        reader.read(ann, annotator)
    return Bundle(
        tuple(reader.documents.values()),
        tuple(reader.spans),
        tuple(reader.links),
        notes=tuple(reader.notes),
    )


def ann_files(path: Path) -> Iterator[tuple[Path, str]]:
    """The `.ann` files a path names, each with the annotator it belongs to."""
    if path.is_dir():
        found = []
        for ann in path.rglob("*.ann"):
            if any(p.startswith(".") for p in ann.relative_to(path).parts):
                continue
            # A pipe or a device named *.ann is refused, naming it, never skipped unseen or
            # read (issue 13, item 10): read_regular would refuse it later, this says it first.
            kind = special_file(ann)
            if kind is not None and kind != "a folder":
                raise FormatError(ann, f"{kind}, not a regular file: not read")
            if ann.is_file():
                found.append(ann)
        if not found:
            raise FormatError(path, "no .ann files in this folder")
        confs: dict[Path, str | None] = {}
        for ann in sorted(found, key=lambda p: _natural(p.relative_to(path))):
            parts = ann.relative_to(path).parts
            named = annotator_of(parts[0]) if len(parts) > 1 else DEFAULT_ANNOTATOR
            if ann.parent not in confs:
                confs[ann.parent] = _conf_annotator(ann.parent)
            yield ann, confs[ann.parent] or named
    elif path.suffix == ".ann" and (path.is_file() or special_file(path)):
        yield path, _conf_annotator(path.parent) or DEFAULT_ANNOTATOR
    else:
        raise FormatError(path, "not a folder nor an .ann file")


def _conf_annotator(folder: Path) -> str | None:
    """The annotator a Hamish export named in the folder's annotation.conf, if it did."""
    conf = folder / CONF
    try:
        if not conf.is_file() or conf.stat().st_size > 1_000_000:
            return None
        with conf.open(encoding="utf-8") as stream:
            first = stream.readline()
    except (OSError, UnicodeDecodeError):
        return None  # the conf is brat's, not needed to read the annotations
    if not first.startswith(ANNOTATOR_COMMENT):
        return None
    try:
        name = json.loads(first.removeprefix(ANNOTATOR_COMMENT))
    except ValueError:
        return None
    return name if isinstance(name, str) and name.strip() else None


def _natural(path: Path) -> list[str | int]:
    # doc-2 before doc-10, so documents come back in the order they were written.
    return [int(p) if i % 2 else p for i, p in enumerate(re.split(r"([0-9]+)", str(path)))]


@dataclass(slots=True)
class _Line:
    number: int
    ident: str
    data: str
    tail: str | None

    @property
    def where(self) -> str:
        return f"line {self.number}, {self.ident}"


@dataclass(slots=True)
class _Reader:
    tagset: TagSet
    documents: dict[str, Document] = field(default_factory=dict)  # by SHA-256
    spans: list[Span] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was left out, line by line

    def read(self, ann: Path, annotator: str) -> None:
        txt = ann.with_suffix(".txt")
        content = _decode(ann).removeprefix("\ufeff")
        raw = _decode(txt)
        text, position, notes = clean_with_offsets(raw)
        sha = text_sha256(text)
        if sha not in self.documents:
            self.documents[sha] = Document(
                text=text,
                text_sha256=sha,
                title=ann.stem,
                imported_from=str(txt),
                import_notes=notes,
                id=DocumentId(len(self.documents) + 1),
            )
        document = self.documents[sha]
        assert document.id is not None
        lines = _lines(ann, content)
        # What is left out, by id: events, their triggers, and what hangs on either.
        left_out = {line.ident: _event_type(line) for line in lines if line.ident[0] == "E"}
        triggers = {_trigger(line): line.ident for line in lines if line.ident[0] == "E"}
        left_out.update(
            {line.ident: f"normalisation {line.ident}" for line in lines if line.ident[0] == "N"}
        )
        known = {line.ident for line in lines}
        spans: dict[str, Span] = {}
        for line in lines:
            if line.ident[0] != "T":
                continue
            if line.ident in triggers:
                label = line.data.partition(" ")[0]
                left_out[line.ident] = f"the trigger of event {triggers[line.ident]}"
                self._leave_out(ann, line, f"the trigger ({label}) of event {triggers[line.ident]}")
                continue
            label, start, end = _text_bound(ann, txt, raw, line)
            try:
                start, end = position(start), position(end)
            except ValueError as error:  # inside what NFC joins (cleanup.UnmappableOffset)
                raise FormatError(ann, str(error), line.where) from None
            if start == end:
                raise FormatError(ann, "the span covers only a line end", line.where)
            spans[line.ident] = Span(
                document_id=document.id,
                annotator=annotator,
                label=label,
                start=start,
                end=end,
                text=text[start:end],
                origin=Origin.IMPORTED,
                id=SpanId(len(self.spans) + len(spans) + 1),
            )
        relations = {line.ident for line in lines if line.ident[0] == "R"}
        attributes: dict[str, Attributes] = {ident: {} for ident in spans}
        for line in lines:
            kind = line.ident[0]
            if kind == "R":
                ends = _relation_ends(line)
                gone = [end for end in ends if end in left_out]
                if gone:
                    self._leave_out(ann, line, f"a relation ({line.data}) of {left_out[gone[0]]}")
                    continue
                self.links.append(_relation(ann, line, spans, LinkId(len(self.links) + 1)))
            elif kind in "AM":
                target = line.data.split(" ")[1] if " " in line.data else ""
                if target in left_out or target in relations:
                    what = left_out.get(target) or f"relation {target}"
                    self._leave_out(ann, line, f"an attribute ({line.data}) of {what}")
                    continue
                name, target, value = _attribute(ann, line, spans)
                attributes[target][hamish_name(name)] = value
            elif kind == "#":
                target = line.data.partition(" ")[2]
                if target in left_out or target in relations:
                    what = left_out.get(target) or f"relation {target}"
                    self._leave_out(ann, line, f"a note ({line.tail!r}) on {what}")
                    continue
                target, note = _note(ann, line, spans)
                self._add_note(attributes[target], spans[target].label, note_text(note))
            elif kind in _UNHELD:
                # Left out, but still read: a line naming what the file lacks is broken.
                missing = [ident for ident in _references(line) if ident not in known]
                if missing:
                    raise FormatError(
                        ann, f"it names {missing[0]}, which is not in the file", line.where
                    )
                self._leave_out(ann, line, _UNHELD[kind](line))
            elif kind != "T":
                raise FormatError(ann, "an unknown kind of line", line.where)
        self.spans += [replace(span, attributes=attributes[ident]) for ident, span in spans.items()]

    def _leave_out(self, ann: Path, line: _Line, what: str) -> None:
        self.notes.append(f"{ann}, {line.where}: {what}, which Hamish does not hold: left out")

    def _add_note(self, attributes: Attributes, label: str, note: str) -> None:
        match = _NOTE.fullmatch(note)
        found = self.tagset.find(label)
        labels = (found,) if found is not None else self.tagset.labels
        texts = {
            spec.name
            for each in labels
            for spec in each.attributes
            if spec.type is AttributeType.TEXT
        }
        if match and match[1] in texts and match[1] not in attributes:
            attributes[match[1]] = match[2]
        else:
            before = attributes.get("note")
            attributes["note"] = f"{before}\n{note}" if isinstance(before, str) else note


# What each kind of line Hamish does not model is, in the import's notes.
_UNHELD: dict[str, Callable[[_Line], str]] = {
    "E": lambda line: f"an event ({line.data})",
    "N": lambda line: f"a normalisation ({line.data}" + (f", {line.tail!r})" if line.tail else ")"),
    "*": lambda line: f"an equivalence ({line.data})",
}


def _event_type(line: _Line) -> str:
    return f"event {line.ident} ({line.data.partition(':')[0]})"


def _trigger(line: _Line) -> str:
    """The T id an E line names as its trigger (`Say:T2 Speaker:T1` -> T2)."""
    return line.data.partition(" ")[0].partition(":")[2]


def _references(line: _Line) -> list[str]:
    """The ids an event, normalisation or equivalence line names: `Say:T2 Speaker:T1`,
    `Reference T1 Wikipedia:534366`, `Equiv T1 T2 T3`."""
    words = line.data.split(" ")
    if line.ident[0] == "E":
        return [word.partition(":")[2] for word in words]
    if line.ident[0] == "N":
        return words[1:2]
    return words[1:]


def _relation_ends(line: _Line) -> list[str]:
    """The ids a relation line names (`Arg1:T3 Arg2:T1` -> T3, T1)."""
    return [argument.partition(":")[2] for argument in line.data.split(" ")[1:]]


def _decode(path: Path) -> str:
    if not path.exists() and not path.is_symlink():
        raise FormatError(path, "the file is missing (brat keeps the text next to the .ann)")
    try:
        return file_bytes(path).decode("utf-8")
    except UnicodeDecodeError as error:
        raise FormatError(path, f"cannot read the file as UTF-8 ({error})") from None


def _lines(ann: Path, content: str) -> list[_Line]:
    lines: list[_Line] = []
    seen: set[str] = set()
    # brat writes `\n`; a `\r` before it is an editor's, and no line may hold one.
    for number, row in enumerate(content.split("\n"), start=1):
        row = row.removesuffix("\r")
        if not row.strip():
            continue
        ident, tab, rest = row.partition("\t")
        if not tab or not re.fullmatch(r"[A-Z#*][0-9]*", ident) or ident == "#":
            raise FormatError(ann, "not a brat annotation line", f"line {number}")
        if ident in seen and ident != "*":
            raise FormatError(ann, f"{ident} is used twice", f"line {number}, {ident}")
        seen.add(ident)
        data, tab, tail = rest.partition("\t")
        lines.append(_Line(number, ident, data, tail if tab else None))
    return lines


def _text_bound(ann: Path, txt: Path, raw: str, line: _Line) -> tuple[str, int, int]:
    label, _, where = line.data.partition(" ")
    try:
        pieces = [tuple(map(int, piece.split(" "))) for piece in where.split(";")]
        if not label or any(len(piece) != 2 for piece in pieces):
            raise ValueError
    except ValueError:
        raise FormatError(
            ann, f"cannot read {line.data!r} as LABEL START END", line.where
        ) from None
    if line.tail is None:
        raise FormatError(ann, "no covered text to check the offsets against", line.where)
    previous = 0
    for start, end in pieces:
        if not previous <= start < end <= len(raw):
            raise FormatError(
                ann,
                f"offsets {where} do not fit {txt.name} ({len(raw)} characters)",
                line.where,
            )
        previous = end
    covered = " ".join(raw[start:end] for start, end in pieces)
    if covered != line.tail:
        raise FormatError(
            ann,
            f"offsets {where} cover {covered!r} in {txt.name}, not {line.tail!r}",
            line.where,
        )
    for (_, end), (start, _) in pairwise(pieces):
        if raw[end:start].strip():
            raise FormatError(
                ann,
                f"the fragments {where} leave out {raw[end:start]!r}: Hamish spans are whole",
                line.where,
            )
    return label, pieces[0][0], pieces[-1][1]


def _relation(ann: Path, line: _Line, spans: dict[str, Span], ident: LinkId) -> Link:
    kind, *arguments = line.data.split(" ")
    roles = dict(argument.partition(":")[::2] for argument in arguments)
    if len(arguments) != 2 or set(roles) != {"Arg1", "Arg2"}:
        raise FormatError(ann, f"cannot read {line.data!r} as TYPE Arg1:T Arg2:T", line.where)
    for role in ("Arg1", "Arg2"):
        if roles[role] not in spans:
            raise FormatError(ann, f"{role} names {roles[role]}, which is not a span", line.where)
    source, target = spans[roles["Arg1"]].id, spans[roles["Arg2"]].id
    assert source is not None and target is not None
    return Link(kind, source, target, ident)


def _attribute(ann: Path, line: _Line, spans: dict[str, Span]) -> tuple[str, str, AttributeValue]:
    name, _, rest = line.data.partition(" ")
    target, _, value = rest.partition(" ")
    if not name or target not in spans:
        raise FormatError(ann, f"{line.data!r} does not name a span's attribute", line.where)
    return name, target, value or True


def _note(ann: Path, line: _Line, spans: dict[str, Span]) -> tuple[str, str]:
    _, _, target = line.data.partition(" ")
    if target not in spans:
        raise FormatError(ann, f"{line.data!r} names {target}, which is not a span", line.where)
    return target, line.tail or ""
