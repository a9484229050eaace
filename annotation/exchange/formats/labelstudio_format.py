"""The `labelstudio` format: Label Studio tasks with their annotations, and a labeling config.

`write` makes `OUT` (say `export.json`), a JSON list of tasks, one per document:
  {"data": {"text", "title", "hamish_document": its canonical id, "text_sha256"},
   "annotations": [{"meta": {"annotator": NAME, "status": STATUS}, "result": [...]}]}
with one annotation per annotator who has spans on the document or has marked it done (an empty
finished layer says "nothing here"; an unfinished empty one is left out, as Label Studio would
count it as submitted). `status` is there only when one is recorded. A span is a result
  {"id": "s<span id>", "from_name": "label", "to_name": "text", "type": "labels",
   "value": {"start", "end", "text", "labels": [LABEL]}}
and each of its attributes a per-region result with the same id: a choice (or true/false)
attribute {"type": "choices", "from_name": ATTRIBUTE, "value": {"start", "end", "text",
"choices": [VALUE]}}, a text one {"type": "textarea", "from_name": ATTRIBUTE, "value": {"start",
"end", "text": [VALUE]}} (Label Studio's own shape: there `text` holds what was typed). A link
is {"type": "relation", "from_id": "s<claim>", "to_id": "s<speaker>", "direction": "right",
"labels": [KIND]}. Ids are canonical (`csv_format.Canonical`). Offsets count code points, or
UTF-16 units with `ExportOptions.utf16`, which many Label Studio versions count
(../shared/FORMATS.md).

Beside it, `OUT`'s stem + `.config.xml` (`export.config.xml`) is the labeling config to paste into
the project's settings: the text right to left (`<View style="direction: rtl; text-align:
right">`), the tag set's labels with their colours and first keys, its link types as Relations,
and every attribute as a per-region Choices or TextArea shown for the labels that carry it.
Labels, link kinds, attributes and choice values found in the annotations but not in the tag
set are added, so every exported annotation is valid for that config.

Not carried: entities (what a span refers to), origins, timestamps, unfinished empty layers;
a number attribute comes back as text.

Reading takes such files, and Label Studio's own JSON exports. The annotator is `meta.annotator`,
else `completed_by` (its email, or `labelstudio-<user id>`), else "labelstudio"; cancelled
annotations and predictions are skipped. Offsets are taken as code points or as UTF-16 units,
whichever makes `text[start:end]` equal the region's `text` (one reading for a whole file, as
a file comes from one export); a region neither reading fits is refused naming the file, the
task (numbered from 0, as in the JSON list) and the result id. A text with CRLF line ends or a
BOM is stored with `\\n` and no BOM, as article import does, its offsets moved to match.
Anything Hamish cannot hold (another result type, a region with two labels, a choice with no
region) is refused, never dropped unseen; reading is all or nothing like every import.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from annotation.cleanup import clean_with_offsets
from annotation.exchange.bundle import Bundle, ExportOptions, FormatError, read_files
from annotation.exchange.formats.csv_format import Canonical
from annotation.exchange.records import typed
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

CONTROL, OBJECT = "label", "text"
DEFAULT_ANNOTATOR = "labelstudio"
RTL = "direction: rtl; text-align: right"
# For labels a span carries that the tag set lacks.
OTHER_COLOUR = "#7f7f7f"
# Attribute names that would clash with the config's own tag names get this prefix.
RESERVED, PREFIX = frozenset({CONTROL, OBJECT}), "attr_"


def config_path(out: Path) -> Path:
    """Where `write` puts the labeling config: beside `out`, named after its stem."""
    return out.with_name(out.stem + ".config.xml")


# ---------------------------------------------------------------------------------------------
# Writing


@dataclass(slots=True)
class _Control:
    """A per-region control for one attribute name."""

    name: str
    title: str
    kind: str = "textarea"  # or "choices"
    choices: list[str] = field(default_factory=list)
    boolean: bool = False
    labels: list[str] = field(default_factory=list)

    def plain_text(self) -> None:
        """Make it a TextArea, which holds any value."""
        self.kind, self.choices, self.boolean = "textarea", [], False


def control_name(attribute: str) -> str:
    """The config's name for an attribute's control."""
    return PREFIX + attribute if attribute in RESERVED else attribute


def attribute_name(control: str) -> str:
    """The attribute a control's name stands for (control_name's inverse)."""
    rest = control.removeprefix(PREFIX)
    return rest if rest in RESERVED else control


def _controls(tagset: TagSet, spans: Sequence[Span]) -> dict[str, _Control]:
    """The attribute controls: the tag set's, widened to hold every value in `spans`."""
    controls: dict[str, _Control] = {}
    for label in tagset.labels:
        for spec in label.attributes:
            title = spec.titles.get("ar") or spec.titles.get("en") or spec.name
            if spec.titles.get("en") and spec.titles.get("en") != title:
                title = f"{title} ({spec.titles['en']})"
            wanted = _Control(spec.name, title, labels=[label.name])
            if spec.type is AttributeType.CHOICE:
                wanted.kind, wanted.choices = "choices", list(spec.choices)
            elif spec.type is AttributeType.BOOLEAN:
                wanted.kind, wanted.choices, wanted.boolean = "choices", ["true", "false"], True
            control = controls.setdefault(spec.name, wanted)
            if control is wanted:
                continue
            if label.name not in control.labels:
                control.labels.append(label.name)
            if (control.kind, control.boolean) != (wanted.kind, wanted.boolean):
                control.plain_text()
            else:
                control.choices += [c for c in wanted.choices if c not in control.choices]
    for span in spans:
        for name, value in sorted(span.attributes.items()):
            if value is None:
                continue
            control = controls.setdefault(name, _Control(name, name))
            if span.label not in control.labels:
                control.labels.append(span.label)
            if control.kind != "choices" or (control.boolean and isinstance(value, bool)):
                continue
            if not control.boolean and isinstance(value, str):
                if value not in control.choices:
                    control.choices.append(value)
                continue
            control.plain_text()
    return controls


def _attribute_result(control: _Control, value: AttributeValue) -> tuple[str, dict[str, Any]]:
    """The result type and the value keys (besides start and end) of one attribute."""
    if control.kind == "choices":
        choice = ("true" if value else "false") if control.boolean else str(value)
        return "choices", {"choices": [choice]}
    text = value if isinstance(value, str) else json.dumps(value)
    return "textarea", {"text": [text]}


def labeling_config(bundle: Bundle, tagset: TagSet | None = None) -> str:
    """The labeling config for the bundle's annotations (see the module's docstring)."""
    tagset = tagset or load_tagset()
    labels = [
        (label.name, label.colour, label.keys[0] if label.keys else None) for label in tagset.labels
    ]
    known = {name for name, _, _ in labels}
    labels += [
        (name, OTHER_COLOUR, None) for name in sorted({s.label for s in bundle.spans} - known)
    ]
    kinds = [link_type.name for link_type in tagset.link_types]
    kinds += sorted({link.kind for link in bundle.links} - set(kinds))
    lines = [
        "<View>",
        f"  <View style={quoteattr(RTL)}>",
        '    <Header value="$title"/>',
        f'    <Text name="{OBJECT}" value="$text"/>',
        "  </View>",
        f'  <Labels name="{CONTROL}" toName="{OBJECT}">',
    ]
    for name, colour, key in labels:
        hotkey = f" hotkey={quoteattr(key.lower())}" if key else ""
        lines.append(f"    <Label value={quoteattr(name)} background={quoteattr(colour)}{hotkey}/>")
    lines += ["  </Labels>", "  <Relations>"]
    lines += [f"    <Relation value={quoteattr(kind)}/>" for kind in kinds]
    lines.append("  </Relations>")
    for control in _controls(tagset, bundle.spans).values():
        name = quoteattr(control_name(control.name))
        lines += [
            f'  <View visibleWhen="region-selected" whenLabelValue={quoteattr(",".join(control.labels))}'
            f" style={quoteattr(RTL)}>",
            f"    <Header value={quoteattr(control.title)}/>",
        ]
        if control.kind == "choices":
            lines.append(
                f'    <Choices name={name} toName="{OBJECT}" perRegion="true" choice="single">'
            )
            lines += [f"      <Choice value={quoteattr(choice)}/>" for choice in control.choices]
            lines.append("    </Choices>")
        else:
            lines.append(
                f'    <TextArea name={name} toName="{OBJECT}" perRegion="true" editable="true"'
                ' maxSubmissions="1"/>'
            )
        lines.append("  </View>")
    lines.append("</View>")
    return "\n".join(lines) + "\n"


def tasks(bundle: Bundle, options: ExportOptions | None = None) -> list[dict[str, Any]]:
    """The bundle as Label Studio tasks (see the module's docstring)."""
    utf16 = bool(options and options.utf16)
    c = Canonical.of(bundle)
    controls = _controls(load_tagset(), bundle.spans)
    spans: dict[DocumentId | None, list[Span]] = {}
    for span in c.spans:
        spans.setdefault(span.document_id, []).append(span)
    owner = {s.id: s for s in c.spans}
    statuses: dict[tuple[DocumentId | None, str], Status] = {
        (s.document_id, s.annotator): s.status for s in bundle.statuses
    }
    result = []
    for document in c.documents:
        index = Utf16Index(document.text)

        def offset(position: int, index: Utf16Index = index) -> int:
            return index.to_utf16(position) if utf16 else position

        mine = spans.get(document.id, [])
        annotators = {s.annotator for s in mine} | {
            name
            for (document_id, name), status in statuses.items()
            if document_id == document.id and status is Status.DONE
        }
        annotations = []
        for annotator in sorted(annotators):
            regions: list[dict[str, Any]] = []
            for span in (s for s in mine if s.annotator == annotator):
                where = {"start": offset(span.start), "end": offset(span.end)}
                rid = f"s{c.span_ids[span.id]}"
                regions.append(
                    {
                        "id": rid,
                        "from_name": CONTROL,
                        "to_name": OBJECT,
                        "type": "labels",
                        "value": {**where, "text": span.text, "labels": [span.label]},
                    }
                )
                for name, value in sorted(span.attributes.items()):
                    if value is None:
                        continue
                    kind, keys = _attribute_result(controls[name], value)
                    text = {"text": span.text} if kind == "choices" else {}
                    regions.append(
                        {
                            "id": rid,
                            "from_name": control_name(name),
                            "to_name": OBJECT,
                            "type": kind,
                            "value": {**where, **text, **keys},
                        }
                    )
            for link in c.links:
                source = owner[link.source_id]
                if source.document_id == document.id and source.annotator == annotator:
                    regions.append(
                        {
                            "type": "relation",
                            "from_id": f"s{c.span_ids[link.source_id]}",
                            "to_id": f"s{c.span_ids[link.target_id]}",
                            "direction": "right",
                            "labels": [link.kind],
                        }
                    )
            meta: dict[str, str] = {"annotator": annotator}
            status = statuses.get((document.id, annotator))
            if status is not None:
                meta["status"] = status.value
            annotations.append({"meta": meta, "result": regions})
        result.append(
            {
                "data": {
                    "text": document.text,
                    "title": document.title,
                    "hamish_document": c.document_ids[document.id],
                    "text_sha256": document.text_sha256,
                },
                "annotations": annotations,
            }
        )
    return result


def write(bundle: Bundle, out: Path, options: ExportOptions | None = None) -> None:
    """Write the tasks to `out` and the labeling config beside it."""
    data = json.dumps(tasks(bundle, options), ensure_ascii=False, indent=1) + "\n"
    # newline="\n": the same bytes on every platform.
    out.write_text(data, encoding="utf-8", newline="\n")
    config_path(out).write_text(labeling_config(bundle), encoding="utf-8", newline="\n")


# ---------------------------------------------------------------------------------------------
# Reading


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


class _FileReader:
    """One file; every error names the file, the task and the result."""

    def __init__(self, path: Path, offset: int, tagset: TagSet) -> None:
        self.path, self.offset, self.tagset = path, offset, tagset
        self.documents: dict[str, Document] = {}
        self.regions: list[_Region] = []
        self.links: list[tuple[str, _Region, _Region]] = []
        self.statuses: dict[tuple[DocumentId, str], DocumentStatus] = {}

    def fail(self, message: str, where: str | None = None) -> FormatError:
        return FormatError(self.path, message, where)

    def read(self) -> Bundle:
        try:
            # utf-8-sig: tolerate a byte-order mark another tool put there.
            data = json.loads(self.path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError) as error:
            raise self.fail(f"cannot read the file ({error})") from None
        except json.JSONDecodeError as error:
            raise self.fail(f"malformed JSON ({error.msg})", f"line {error.lineno}") from None
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
        for annotation in typed(task, "annotations", list, []):
            if not isinstance(annotation, dict):
                raise TypeError("an annotation must be a JSON object")
            if annotation.get("was_cancelled"):
                continue
            self._annotation(annotation, document, raw, position, where)

    def _annotation(
        self,
        annotation: dict[str, Any],
        document: Document,
        raw: str,
        position: Callable[[int], int],
        where: str,
    ) -> None:
        meta = annotation.get("meta")
        meta = meta if isinstance(meta, dict) else {}
        annotator = _annotator(meta, annotation.get("completed_by"))
        assert document.id is not None
        status = meta.get("status")
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
        if 0 <= start < end <= len(raw) and raw[start:end] == covered:
            readings.add("code points")
        index = Utf16Index(raw)
        try:
            utf16 = index.from_utf16(start), index.from_utf16(end)
            if utf16[0] < utf16[1] and raw[utf16[0] : utf16[1]] == covered:
                readings.add("UTF-16")
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
        if result.get("direction") == "left":
            source, target = target, source
        labels = result.get("labels") or []
        if not isinstance(labels, list) or len(labels) > 1:
            raise self.fail(f"a relation must carry at most one label, not {labels!r}", where)
        if labels:
            kind = labels[0]
        else:
            kinds = [
                t.name
                for t in self.tagset.link_types
                if (t.source_label, t.target_label) == (source.label, target.label)
            ]
            if len(kinds) != 1:
                raise self.fail(
                    f"an unlabelled relation from {source.label} to {target.label}: the tag set"
                    " has no single link type for it",
                    where,
                )
            kind = kinds[0]
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
        if not self.regions:
            reading = "code points"
        else:
            for reading in ("code points", "UTF-16"):
                if all(reading in r.readings for r in self.regions):
                    break
            else:
                first = next(r for r in self.regions if "UTF-16" not in r.readings)
                other = next(r for r in self.regions if "code points" not in r.readings)
                raise self.fail(
                    f"the file mixes code-point offsets ({first.where}) with UTF-16 ones",
                    other.where,
                )
        spans = []
        for number, region in enumerate(self.regions, start=1):
            start, end = region.start, region.end
            if reading == "UTF-16":
                index = Utf16Index(region.raw)
                start, end = index.from_utf16(start), index.from_utf16(end)
            start, end = region.position(start), region.position(end)
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
                    origin=Origin.IMPORTED,
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
        )


def _result_where(task: str, result: dict[str, Any], number: int) -> str:
    """Names a result by its id; one without (a relation) by its place in the list."""
    if "id" in result:
        return f"{task}, result {result['id']}"
    return f"{task}, result [{number}]"


def _annotator(meta: dict[str, Any], completed_by: Any) -> str:
    """Who made an annotation: Hamish's meta, else Label Studio's user."""
    name = meta.get("annotator")
    if isinstance(name, str) and name:
        return name
    if isinstance(completed_by, dict):
        email = completed_by.get("email")
        if isinstance(email, str) and email:
            return email
        completed_by = completed_by.get("id")
    if isinstance(completed_by, int) and not isinstance(completed_by, bool):
        return f"{DEFAULT_ANNOTATOR}-{completed_by}"
    return DEFAULT_ANNOTATOR
