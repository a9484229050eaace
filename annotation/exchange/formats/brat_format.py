"""The `brat` format: brat standoff, a `.txt` and an `.ann` per document, for the brat
annotation tool and the corpora kept in its format.

Layout: `OUT/doc-N.txt` and `OUT/doc-N.ann` (N the document's canonical id, as in the json
format) next to `OUT/annotation.conf`. When the bundle holds the spans of several annotators,
each gets a folder `OUT/NAME/` with every document and its own `annotation.conf`, so one
annotator's folder can be copied into brat's data directory alone (NAME is the annotator's
name with what file systems refuse written %XX, `output.file_name`). Each annotation.conf
starts with a comment `# hamish-annotator: "NAME"` (JSON), so the layer comes back under its
annotator's name exactly. The export is built beside `OUT` and replaces it whole (an earlier
export there, or nothing; a folder holding other files is refused), so a failed or killed
export leaves the older one as it was.

The `.txt` is the stored text exactly (UTF-8, `\\n`); offsets count code points, as brat and its
Python parsers do (../shared/FORMATS.md), so `ExportOptions.utf16` does not apply. Lines:
  T1<TAB>SPEAKER 20 34<TAB>covered text       a span
  R1<TAB>ATTRIBUTED_TO Arg1:T3 Arg2:T1        a link (Arg1 the claim, Arg2 its speaker)
  A1<TAB>Kind T3 direct                       a choice attribute (a true flag: `A2<TAB>Name T3`)
  #1<TAB>AnnotatorNotes T3<TAB>cue: قال       a text attribute, as `name: value`
brat keeps one annotation a line and cannot show a span across lines, so a span covering a line
break is written as fragments `s1 e1;s2 e2` around it, its text the fragments' joined by a space
(brat's DISCONT_SEP); line breaks at a span's edges are left out. A note (a `#` line) keeps its
line breaks and backslashes escaped as brat shows them, `\\n`, `\\r`, `\\\\` and `\\uXXXX` for
the rarer breaks, and reading undoes it (`note_text`), so a note with a line break comes back
whole; a note written by hand that holds a backslash before n, r, u or another backslash is read
as that escape.

What brat cannot hold is not written: entities (what a span refers to), statuses, origins and
timestamps. A layer without spans writes nothing, so an annotator who only has a status gets no
folder: it would come back empty.

Reading takes folders (every `.ann` below them) or `.ann` files. The annotator is the one the
annotation.conf beside the `.ann` names in its hamish-annotator comment, else the subfolder's
name, else "brat". Neither PyPI
brat parser checks offsets against the text (FORMATS.md), so this one does, for every T line, and
refuses the file naming it, the line and the T id. A `.txt` with CRLF line ends or a BOM is
stored with `\\n` and no BOM, as article import does (Qt counts neither), its offsets moved to
match. Fragments are joined into one span when only whitespace lies between them.

What Hamish does not model is left out and listed, line by line, in Bundle.notes (the import's
summary prints them: file, line number, id and what the line was): events (E lines), the
T spans that are their triggers (a trigger's type is an event type, not a label), attributes
and notes on events or relations, normalisations (N) and equivalences (*). A line of a kind
Hamish does not model is a loss the summary names, not bad input. What is bad input is still
refused whole, naming file, line and id: offsets that miss the text, fragments around text, an
unknown kind of line, an id used twice, a reference to an id the file does not hold.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import pairwise
from pathlib import Path, PurePosixPath

from annotation.cleanup import clean_with_offsets
from annotation.exchange.bundle import Bundle, Corpus, ExportOptions, FormatError
from annotation.exchange.output import annotator_of, atomic_folder, file_name, write_new
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
from annotation.tagset import AttributeType, TagSet, load_tagset

CONF = "annotation.conf"
DEFAULT_ANNOTATOR = "brat"
NOTES = "AnnotatorNotes"
# brat reads an .ann with codecs' readlines(), which ends a line wherever str.splitlines does:
# none of these may appear inside one of its lines.
LINE_BREAKS = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")
_DOCUMENT = re.compile(r"doc-[0-9]+\.(?:txt|ann)")
_ATTRIBUTE_NAME = re.compile(r"[^\s\x00-\x1f\x7f]+")
_ANNOTATOR_NOTE = "# hamish-annotator: "
_NOTE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*): (.*)", re.DOTALL)


@cache
def default_tagset() -> TagSet:
    """The tag set that says which attributes are choices (brat attributes) and which are text."""
    return load_tagset()


def document_name(number: int) -> str:
    """The file name (without suffix) of the bundle's `number`th document."""
    return f"doc-{number}"


def is_export_file(path: PurePosixPath) -> bool:
    """Whether a file at `path` inside a folder is one a brat export writes (so an earlier
    export there may be replaced whole)."""
    return len(path.parts) <= 2 and (
        path.name == CONF or _DOCUMENT.fullmatch(path.name) is not None
    )


# ---------------------------------------------------------------------------------- writing


def write(
    corpus: Corpus,
    out: Path,
    options: ExportOptions | None = None,
    *,
    tagset: TagSet | None = None,
) -> None:
    """Write the corpus as a brat collection in the folder `out` (new, empty, or an earlier
    export, replaced whole); nothing is written when something cannot be."""
    bundle = corpus.whole()
    tagset = tagset or default_tagset()
    _check(bundle, out)
    layers = sorted({span.annotator for span in bundle.spans})
    conf = annotation_conf(bundle, tagset)
    with atomic_folder(out, is_export_file) as root:
        if len(layers) > 1:
            folders = [(root / file_name(layer), layer) for layer in layers]
        else:
            folders = [(root, layers[0] if layers else "")]
        for folder, layer in folders:
            folder.mkdir(exist_ok=True)
            here = _annotator_line(layer) + conf if layer else conf
            write_new(folder / CONF, here.encode("utf-8"), out, f"annotator {layer!r}")
            for number, document in enumerate(bundle.documents, start=1):
                spans = sorted(
                    bundle.spans_of(document, layer), key=lambda s: (s.start, -s.end, s.label)
                )
                ids = {span.id for span in spans}
                links = [link for link in bundle.links if link.source_id in ids]
                name = document_name(number)
                (folder / f"{name}.txt").write_bytes(document.text.encode("utf-8"))
                ann = ann_text(document.text, spans, links, tagset)
                (folder / f"{name}.ann").write_bytes(ann.encode("utf-8"))


def _check(bundle: Bundle, out: Path) -> None:
    """Refuse, before anything is written, what a brat line cannot hold."""
    for span in bundle.spans:
        for name in span.attributes:
            if not _ATTRIBUTE_NAME.fullmatch(name):
                raise FormatError(
                    out,
                    f"the attribute name {name!r} cannot be a brat attribute (no spaces or"
                    " control characters)",
                    f"document {span.document_id}, span {span.id} ({span.annotator})",
                )


def _annotator_line(annotator: str) -> str:
    # The annotator's name travels in annotation.conf (a comment brat ignores), so a folder
    # of one annotator comes back under that name, exactly, whatever its file name.
    return f"{_ANNOTATOR_NOTE}{json.dumps(annotator)}\n"


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`[start, end)` cut at line breaks, leaving out pieces that are only whitespace."""
    pieces, at = [], start
    for match in LINE_BREAKS.finditer(text, start, end):
        pieces.append((at, match.start()))
        at = match.end()
    pieces.append((at, end))
    return [(s, e) for s, e in pieces if text[s:e].strip()]


def ann_text(text: str, spans: Sequence[Span], links: Sequence[Link], tagset: TagSet) -> str:
    """One document's `.ann`: T lines in span order, then R, A and # lines."""
    lines: list[str] = []
    attributes: list[str] = []
    notes: list[str] = []
    numbers: dict[SpanId | None, int] = {}
    for span in spans:
        where = fragments(text, span.start, span.end)
        if not where:
            continue  # nothing but line breaks and spaces: brat cannot show it
        numbers[span.id] = number = len(numbers) + 1
        offsets = ";".join(f"{s} {e}" for s, e in where)
        covered = " ".join(text[s:e] for s, e in where)
        lines.append(f"T{number}\t{type_name(span.label)} {offsets}\t{covered}")
        for name, value in sorted(span.attributes.items()):
            if value is None or value is False:
                continue  # brat has no "unset" and a flag that is absent is false
            if value is True:
                attributes.append(f"{attribute_name(name)} T{number}")
            elif isinstance(value, str) and is_choice(tagset, span.label, name):
                attributes.append(f"{attribute_name(name)} T{number} {one_line(value)}")
            else:
                notes.append(f"{NOTES} T{number}\t{name}: {note_line(str(value))}")
    relations = sorted(
        (numbers[link.source_id], numbers[link.target_id], link.kind)
        for link in links
        if link.source_id in numbers and link.target_id in numbers
    )
    lines += [
        f"R{n}\t{type_name(kind)} Arg1:T{source} Arg2:T{target}"
        for n, (source, target, kind) in enumerate(relations, start=1)
    ]
    lines += [f"A{n}\t{line}" for n, line in enumerate(attributes, start=1)]
    lines += [f"#{n}\t{line}" for n, line in enumerate(notes, start=1)]
    return "".join(line + "\n" for line in lines)


def type_name(label: str) -> str:
    """A label or link kind as a brat type: brat separates fields with spaces."""
    return re.sub(r"\s", "_", label)


def attribute_name(name: str) -> str:
    """Hamish's attribute name as brat's (`kind` -> `Kind`)."""
    return name[:1].upper() + name[1:]


def hamish_name(name: str) -> str:
    """brat's attribute name as Hamish's (`Kind` -> `kind`)."""
    return name[:1].lower() + name[1:]


def one_line(value: str) -> str:
    """A value that fits on one brat line."""
    return LINE_BREAKS.sub(" ", value)


_NOTE_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r"}
_NOTE_ESCAPED = re.compile(r"\\(\\|n|r|u[0-9a-fA-F]{4})")


def note_line(value: str) -> str:
    """A note's text on one brat line: backslashes and line breaks escaped (`\\n`), so
    `note_text` gives it back whole."""
    return re.sub(
        r"[\\\n\r\v\f\x1c-\x1e\x85\u2028\u2029]",
        lambda m: _NOTE_ESCAPES.get(m[0], f"\\u{ord(m[0]):04x}"),
        value,
    )


def note_text(line: str) -> str:
    """A note as `note_line` wrote it, its escapes undone."""

    def undo(match: re.Match[str]) -> str:
        code = match[1]
        return {"\\": "\\", "n": "\n", "r": "\r"}.get(code) or chr(int(code[1:], 16))

    return _NOTE_ESCAPED.sub(undo, line)


def is_choice(tagset: TagSet, label: str, name: str) -> bool:
    """Whether the tag set makes `name` a choice of `label` (of any label, for labels it lacks)."""
    found = tagset.find(label)
    labels = (found,) if found is not None else tagset.labels
    return any(
        spec.name == name and spec.type is AttributeType.CHOICE
        for each in labels
        for spec in each.attributes
    )


def annotation_conf(bundle: Bundle, tagset: TagSet) -> str:
    """brat's annotation.conf: the tag set's labels, link types and choice attributes, plus any
    the bundle uses beyond them."""
    labels = [label.name for label in tagset.labels]
    labels += sorted({span.label for span in bundle.spans} - set(labels))
    relations = [
        f"{link.name}\tArg1:{link.source_label}, Arg2:{link.target_label}"
        for link in tagset.link_types
    ]
    kinds = {link.name for link in tagset.link_types}
    relations += [
        f"{type_name(kind)}\tArg1:<ENTITY>, Arg2:<ENTITY>"
        for kind in sorted({link.kind for link in bundle.links} - kinds)
    ]
    # Hamish lets spans nest, cross and coincide (a SPEAKER inside a CLAIM): let brat too.
    relations.append("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>")
    declared: dict[str, tuple[list[str], list[str]]] = {}  # name -> (labels, values)
    for label in tagset.labels:
        for spec in label.attributes:
            if spec.type in (AttributeType.CHOICE, AttributeType.BOOLEAN):
                on, values = declared.setdefault(spec.name, ([], []))
                on.append(label.name)
                values += [c for c in spec.choices if c not in values]
    used = sorted(
        (name, span.label, one_line(value) if isinstance(value, str) else "")
        for span in bundle.spans
        for name, value in span.attributes.items()
        if value is True or (isinstance(value, str) and is_choice(tagset, span.label, name))
    )
    for name, label_name, value in used:
        on, values = declared.setdefault(name, ([], []))
        if label_name not in on:
            on.append(label_name)
        if value and value not in values:
            values.append(value)
    attributes = [
        f"{attribute_name(name)}\tArg:{'|'.join(map(type_name, on))}"
        + (f", Value:{'|'.join(values)}" if values else "")
        for name, (on, values) in declared.items()
    ]
    texts = sorted(
        {
            spec.name
            for label in tagset.labels
            for spec in label.attributes
            if spec.type is AttributeType.TEXT
        }
    )
    sections = [
        f"# brat configuration written by Hamish. Text attributes ({', '.join(texts)}) are\n"
        f"# {NOTES} lines of the form `name: value`.",
        "[entities]\n" + "\n".join(map(type_name, labels)),
        "[relations]\n" + "\n".join(relations),
        "[events]",
        "[attributes]\n" + "\n".join(attributes),
    ]
    return "\n\n".join(sections) + "\n"


# ---------------------------------------------------------------------------------- reading


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
    if not first.startswith(_ANNOTATOR_NOTE):
        return None
    try:
        name = json.loads(first.removeprefix(_ANNOTATOR_NOTE))
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
