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
Python parsers do (docs/formats.md), so `ExportOptions.utf16` does not apply. Lines:
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

Reading is in brat_read.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path, PurePosixPath

from annotation.exchange.bundle import Bundle, Corpus, ExportOptions, FormatError
from annotation.exchange.output import atomic_folder, file_name, write_new
from annotation.model import (
    Link,
    Span,
    SpanId,
)
from annotation.tagset import AttributeType, TagSet, load_tagset

CONF = "annotation.conf"
DEFAULT_ANNOTATOR = "brat"
NOTES = "AnnotatorNotes"
# brat reads an .ann with codecs' readlines(), which ends a line wherever str.splitlines does:
# none of these may appear inside one of its lines.
LINE_BREAKS = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")
_DOCUMENT = re.compile(r"doc-[0-9]+\.(?:txt|ann)")
_ATTRIBUTE_NAME = re.compile(r"[^\s\x00-\x1f\x7f]+")
# The first line of annotation.conf, naming the layer's annotator (read by brat_read.py).
ANNOTATOR_COMMENT = "# hamish-annotator: "


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
    return f"{ANNOTATOR_COMMENT}{json.dumps(annotator)}\n"


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
