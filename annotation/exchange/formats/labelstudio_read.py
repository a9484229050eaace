"""Reading the `labelstudio` format (labelstudio_format.py describes what is written).

Reading takes such files, and Label Studio's own JSON exports. Each annotation is a layer of
its own, never merged with another (labelstudio_layers.LayerNames): the Hamish layer whose regions it carries
(listed in the task's `hamish_layers`, as Label Studio drops `meta`), else Hamish's
`meta.annotator`, else Label Studio's user (`completed_by`: its email, or `labelstudio-<user
id>`); two that would share a name on one text (in one task, or two tasks of the same text)
are kept apart (`NAME-2`) and said, and so is a listed layer no annotation carries. Predictions
are read as suggestions (origin `suggested`) into the layer their model_version names
(`hamish:NAME`), else `assistant`, the layer the window offers to accept or reject. A cancelled
annotation is left out, and said (Bundle.notes).

Offsets are read region by region as code points or as UTF-16 units, whichever makes
`text[start:end]` equal the region's `text` (a newline there may be written as backslash + n,
as Label Studio 1.23.2's editor saves a region across a line break); where both fit, as most of
the file's regions are read, and a file that mixes the two is read and said. A region neither
reading fits is refused naming the file, the task (numbered from 0, as in the JSON list) and the
result id. A text with CRLF line ends or a BOM is stored with `\\n` and no BOM, as article
import does, its offsets moved to match. Anything Hamish cannot hold (another result type, a
region with two labels, a choice with no region) is refused, never dropped unseen; reading is
all or nothing like every import.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotation.cleanup import clean_with_offsets
from annotation.exchange.bundle import Bundle, FormatError, read_files
from annotation.exchange.formats.labelstudio_format import (
    LAYERS,
    attribute_name,
)
from annotation.exchange.formats.labelstudio_layers import LayerNames
from annotation.exchange.records import json_file, typed
from annotation.model import (
    Attributes,
    AttributeValue,
    Document,
    DocumentId,
    DocumentStatus,
    Link,
    LinkId,
    Origin,
    Span,
    SpanId,
    Status,
    text_sha256,
)
from annotation.offsets import OffsetError, Utf16Index
from annotation.tagset import AttributeType, TagSet, load_tagset

CODE_POINTS, UTF16 = "code points", "UTF-16 units"


def read(paths: Sequence[Path]) -> Bundle:
    """Read one or more Label Studio JSON files into one bundle (ids kept apart per file)."""
    tagset = load_tagset()
    return read_files(paths, lambda path, offset: _FileReader(path, offset, tagset).read())


@dataclass(slots=True)
class _Region:
    """A labels result, before the file's offset reading is settled."""

    where: str
    document: Document
    raw: str
    position: Callable[[int], int]
    annotator: str
    label: str
    start: int
    end: int
    readings: set[str]
    attributes: Attributes = field(default_factory=dict)
    id: SpanId | None = None
    predicted: bool = False  # a model's suggestion (Label Studio's predictions)


class _FileReader:
    """One file; every error names the file, the task and the result."""

    def __init__(self, path: Path, offset: int, tagset: TagSet) -> None:
        self.path, self.offset, self.tagset = path, offset, tagset
        self.documents: dict[str, Document] = {}
        self.regions: list[_Region] = []
        self.links: list[tuple[str, _Region, _Region]] = []
        self.statuses: dict[tuple[DocumentId, str], DocumentStatus] = {}
        self.notes: list[str] = []
        self.predictions_by_id: list[str] = []
        # Each text's layer names so far, and the task that took each: Label Studio may hold
        # a text twice, and two tasks' annotations must not merge on its one document.
        self.layer_names: dict[str, dict[str, str]] = {}

    def fail(self, message: str, where: str | None = None) -> FormatError:
        return FormatError(self.path, message, where)

    def read(self) -> Bundle:
        data = json_file(self.path)  # a leading byte-order mark is tolerated
        if isinstance(data, dict):
            data = [data]  # one task, as Label Studio also accepts
        if not isinstance(data, list):
            raise self.fail("not Label Studio tasks (a JSON list of tasks is expected)")
        for number, task in enumerate(data):
            where = f"task {number}"
            try:
                self._task(task, where)
            except FormatError:
                raise
            except (KeyError, TypeError, ValueError) as error:
                raise self.fail(
                    f"a task is incomplete or wrong ({type(error).__name__}: {error})", where
                ) from None
        if self.predictions_by_id:
            self.notes.append(
                f"{self.path}, {self.predictions_by_id[0]}: {len(self.predictions_by_id)}"
                " prediction(s) are listed by id alone, as Label Studio's Export button writes"
                " them: left out (a snapshot export with predictions in full brings them)"
            )
        return self._bundle()

    def _task(self, task: Any, where: str) -> None:
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
            raise TypeError('a task must be a JSON object with "data"')
        data = task["data"]
        raw = typed(data, "text", str)
        if "text_sha256" in data and data["text_sha256"] != text_sha256(raw):
            raise self.fail("the document's SHA-256 does not match its text", where)
        text, position, notes = clean_with_offsets(raw)
        document = self.documents.get(text_sha256(text))
        if document is None:
            title = data.get("title")
            document = Document(
                id=DocumentId(self.offset + len(self.documents) + 1),
                text=text,
                text_sha256=text_sha256(text),
                title=title if isinstance(title, str) else "",
                import_notes=notes,
            )
            self.documents[document.text_sha256] = document
        names = LayerNames(
            data.get(LAYERS), where, self.layer_names.setdefault(document.text_sha256, {})
        )
        for annotation in typed(task, "annotations", list, []):
            if not isinstance(annotation, dict):
                raise TypeError("an annotation must be a JSON object")
            if annotation.get("was_cancelled"):
                names.cancelled(annotation)
                self.notes.append(
                    f"{self.path}, {where}: annotation {annotation.get('id', '?')} was"
                    " cancelled (skipped) in Label Studio: left out"
                )
                continue
            layer, status = names.annotation(annotation)
            self._annotation(annotation, layer, status, document, raw, position, where)
        for prediction in typed(task, "predictions", list, []):
            if isinstance(prediction, int) and not isinstance(prediction, bool):
                # Label Studio 1.23.2's Export button lists predictions by id alone.
                self.predictions_by_id.append(where)
                continue
            if not isinstance(prediction, dict):
                raise TypeError("a prediction must be a JSON object")
            layer = names.prediction(prediction)
            self._annotation(prediction, layer, None, document, raw, position, where, True)
        names.note_unclaimed()
        self.notes += [f"{self.path}, {note}" for note in names.notes]

    def _annotation(
        self,
        annotation: dict[str, Any],
        annotator: str,
        status: str | None,
        document: Document,
        raw: str,
        position: Callable[[int], int],
        where: str,
        predicted: bool = False,
    ) -> None:
        assert document.id is not None
        if status is not None:
            self.statuses[(document.id, annotator)] = DocumentStatus(
                document.id, annotator, Status(status)
            )
        results = typed(annotation, "result", list)
        regions: dict[str, _Region] = {}
        for number, result in enumerate(results):
            if not isinstance(result, dict):
                raise TypeError("a result must be a JSON object")
            if result.get("type") == "labels":
                rid = str(result.get("id"))
                here = _result_where(where, result, number)
                if rid in regions:
                    raise self.fail("two regions have this id", here)
                regions[rid] = self._region(result, document, raw, position, annotator, here)
                regions[rid].predicted = predicted
                self.regions.append(regions[rid])
        for number, result in enumerate(results):
            kind = result.get("type")
            here = _result_where(where, result, number)
            if kind == "labels":
                continue
            if kind == "relation":
                self._relation(result, regions, here)
            elif kind in ("choices", "textarea"):
                region = regions.get(str(result.get("id")))
                if region is None:
                    raise self.fail(
                        f"a {kind} result that belongs to no labelled region: Hamish keeps"
                        " attributes on spans only",
                        here,
                    )
                name = attribute_name(typed(result, "from_name", str))
                region.attributes[name] = self._attribute(kind, result, region.label, name, here)
            else:
                raise self.fail(f"Hamish cannot hold a result of type {kind!r}", here)

    def _region(
        self,
        result: dict[str, Any],
        document: Document,
        raw: str,
        position: Callable[[int], int],
        annotator: str,
        where: str,
    ) -> _Region:
        value = typed(result, "value", dict)
        labels = typed(value, "labels", list)
        if len(labels) != 1 or not isinstance(labels[0], str):
            raise self.fail(f"a region must carry exactly one label, not {labels!r}", where)
        start, end = typed(value, "start", int), typed(value, "end", int)
        covered = value.get("text")
        if not isinstance(covered, str):
            raise self.fail('the region has no "text" to check its offsets against', where)
        readings = set()
        if 0 <= start < end <= len(raw) and _covers(raw[start:end], covered):
            readings.add(CODE_POINTS)
        index = Utf16Index(raw)
        try:
            utf16 = index.from_utf16(start), index.from_utf16(end)
            if utf16[0] < utf16[1] and _covers(raw[utf16[0] : utf16[1]], covered):
                readings.add(UTF16)
        except OffsetError:
            pass
        if not readings:
            raise self.fail(
                f"offsets {start}-{end} cover {raw[start:end]!r} as code points and as UTF-16"
                f" units, not the region's text {covered!r}",
                where,
            )
        return _Region(where, document, raw, position, annotator, labels[0], start, end, readings)

    def _relation(self, result: dict[str, Any], regions: dict[str, _Region], where: str) -> None:
        ends = []
        for key in ("from_id", "to_id"):
            region = regions.get(str(result.get(key)))
            if region is None:
                raise self.fail(f"the relation's {key} names no labelled region", where)
            ends.append(region)
        source, target = ends
        # Only what a Hamish link says faithfully is read: one kind, one direction. A
        # bi-directional or unlabelled relation was stored as one directed ATTRIBUTED_TO link,
        # silently (review of issue 13): refused instead, saying how to make it readable.
        direction = result.get("direction", "right")
        if direction == "left":
            source, target = target, source
        elif direction == "bi":
            raise self.fail(
                "a bi-directional relation: a Hamish link goes one way (from a claim to its"
                " speaker); set its direction in Label Studio",
                where,
            )
        elif direction != "right":
            raise self.fail(f"a relation's direction is right or left, not {direction!r}", where)
        labels = result.get("labels")
        if not isinstance(labels, list) or len(labels) != 1:
            kinds = ", ".join(t.name for t in self.tagset.link_types) or "none"
            raise self.fail(
                f"a relation must carry exactly one label ({kinds}), not {labels!r}: label it"
                " in Label Studio",
                where,
            )
        kind = labels[0]
        if not isinstance(kind, str):
            raise TypeError(f"a relation label must be a string, not {kind!r}")
        self.links.append((kind, source, target))

    def _attribute(
        self, kind: str, result: dict[str, Any], label: str, name: str, where: str
    ) -> AttributeValue:
        value = typed(result, "value", dict)
        values = typed(value, "choices" if kind == "choices" else "text", list)
        if not values or not all(isinstance(v, str) for v in values):
            raise self.fail(f"{name}: expected a list of text values, not {values!r}", where)
        if kind == "choices" and len(values) > 1:
            raise self.fail(f"{name}: Hamish keeps one choice an attribute, not {values!r}", where)
        text: str = "\n".join(values)
        spec = self.tagset.find(label)
        try:
            boolean = spec is not None and spec.attribute(name).type is AttributeType.BOOLEAN
        except KeyError:
            boolean = False
        if boolean and text in ("true", "false"):
            return text == "true"
        return text

    def _bundle(self) -> Bundle:
        # Each region is read as the count its text fits; where both fit (nothing above the
        # BMP before it, or the same text twice) as the count most of the file's regions fit.
        # A --utf16 export a person then added to in Label Studio 1.23.2, which counts code
        # points, mixes the two (issue 15): read, and said.
        only = {
            r: sum(r in x.readings and len(x.readings) == 1 for x in self.regions)
            for r in (CODE_POINTS, UTF16)
        }
        preferred = UTF16 if only[UTF16] > only[CODE_POINTS] else CODE_POINTS
        other = UTF16 if preferred == CODE_POINTS else CODE_POINTS
        if only[other]:
            first = next(r for r in self.regions if preferred not in r.readings)
            self.notes.append(
                f"{self.path}, {first.where}: {only[other]} region(s) count {other},"
                f" {len(self.regions) - only[other]} {preferred}: each was read as the count"
                " its text fits (Label Studio 1.23.2 counts code points: export to it without"
                " --utf16)"
            )
        spans = []
        for number, region in enumerate(self.regions, start=1):
            start, end = region.start, region.end
            try:
                reading = preferred if preferred in region.readings else other
                if reading == UTF16:
                    index = Utf16Index(region.raw)
                    start, end = index.from_utf16(start), index.from_utf16(end)
                start, end = region.position(start), region.position(end)
            except OffsetError as error:  # inside a surrogate pair, or what NFC joins
                raise self.fail(str(error), region.where) from None
            assert region.document.id is not None
            region.id = SpanId(self.offset + number)
            spans.append(
                Span(
                    document_id=region.document.id,
                    annotator=region.annotator,
                    label=region.label,
                    start=start,
                    end=end,
                    text=region.document.text[start:end],
                    attributes=dict(sorted(region.attributes.items())),
                    origin=Origin.SUGGESTED if region.predicted else Origin.IMPORTED,
                    id=region.id,
                )
            )
        links: dict[tuple[str, SpanId, SpanId], Link] = {}
        for kind, source, target in self.links:
            assert source.id is not None and target.id is not None
            # The same link drawn twice is one link.
            number = LinkId(self.offset + len(links) + 1)
            links.setdefault((kind, source.id, target.id), Link(kind, source.id, target.id, number))
        return Bundle(
            tuple(self.documents.values()),
            tuple(spans),
            tuple(links.values()),
            (),
            tuple(self.statuses.values()),
            notes=tuple(self.notes),
        )


def _result_where(task: str, result: dict[str, Any], number: int) -> str:
    """Names a result by its id; one without (a relation) by its place in the list."""
    if "id" in result:
        return f"{task}, result {result['id']}"
    return f"{task}, result [{number}]"


def _covers(piece: str, covered: str) -> bool:
    """Whether a region's `text` is the piece of the text its offsets cover. Label Studio
    1.23.2 saves a region drawn across a line break with the newline as backslash + n."""
    return piece == covered or piece.replace("\n", "\\n") == covered
