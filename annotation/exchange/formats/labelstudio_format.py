"""The `labelstudio` format: Label Studio tasks with their annotations, and a labeling config.

`write` makes `OUT` (say `export.json`), a JSON list of tasks, one per document:
  {"data": {"text", "title", "hamish_document": its canonical id, "text_sha256",
            "hamish_layers": [{"annotator": NAME, "status": STATUS, "regions": [ids]}]},
   "annotations": [{"meta": {"annotator": NAME, "status": STATUS}, "result": [...]}]}
with one annotation per annotator who has spans on the document or has marked it done (an empty
finished layer says "nothing here"; an unfinished empty one is left out, as Label Studio would
count it as submitted). `status` is there only when one is recorded. Label Studio 1.23.2 keeps
a task's data and its results' ids but drops `meta` and credits every annotation to whoever
imported it: `hamish_layers` (one entry per annotation, in order, with its regions' ids) is what
names the layers again on the way back. With `ExportOptions.predictions` naming a layer, that
layer goes out as `"predictions": [{"model_version": "hamish:NAME", "result": [...]}]`, a
model's suggestions to review in Label Studio, not as an annotation. A span is a result
  {"id": "s<span id>", "from_name": "label", "to_name": "text", "type": "labels",
   "value": {"start", "end", "text", "labels": [LABEL]}}
and each of its attributes a per-region result with the same id: a choice (or true/false)
attribute {"type": "choices", "from_name": ATTRIBUTE, "value": {"start", "end", "text",
"choices": [VALUE]}}, a text one {"type": "textarea", "from_name": ATTRIBUTE, "value": {"start",
"end", "text": [VALUE]}} (Label Studio's own shape: there `text` holds what was typed). A link
is {"type": "relation", "from_id": "s<claim>", "to_id": "s<speaker>", "direction": "right",
"labels": [KIND]}. Ids are canonical (`canonical.Canonical`). Offsets count code points, as
Label Studio 1.23.2 does for imported regions and for those drawn in its editor (checked on the
running server, tests/interop); UTF-16 units with `ExportOptions.utf16`, reported for versions
before 1.x (docs/formats.md).

Beside it, `OUT`'s stem + `.config.xml` (`export.config.xml`) is the labeling config to paste into
the project's settings: the text right to left (`<View style="direction: rtl; text-align:
right">`), the tag set's labels with their colours and first keys, its link types as Relations,
and every attribute as a per-region Choices or TextArea shown for the labels that carry it.
Labels, link kinds, attributes and choice values found in the annotations but not in the tag
set are added, so every exported annotation is valid for that config.

Not carried: entities (what a span refers to), origins, timestamps, unfinished empty layers;
a number attribute comes back as text.

Reading is in labelstudio_read.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from annotation.exchange.bundle import Bundle, Corpus, ExportOptions, FormatError
from annotation.exchange.canonical import Canonical
from annotation.exchange.output import NOT_XML, atomic_text
from annotation.model import (
    AttributeValue,
    DocumentId,
    Span,
    Status,
)
from annotation.offsets import Utf16Index
from annotation.tagset import AttributeType, TagSet, load_tagset

CONTROL, OBJECT = "label", "text"
# The task's `data` key naming each annotation's layer: Label Studio 1.23.2 keeps a task's
# data but drops an annotation's `meta` and credits it to whoever imported it.
LAYERS = "hamish_layers"
# A predictions' model_version naming the layer it came from ("hamish:assistant").
PREDICTED = "hamish:"
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
    predicted = options.predictions if options else None
    c = Canonical.of(bundle)
    controls = _controls(load_tagset(), bundle.spans)
    spans: dict[DocumentId | None, list[Span]] = {}
    for span in c.spans:
        spans.setdefault(span.document_id, []).append(span)
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
        annotations, predictions, layers = [], [], []
        for annotator in sorted(annotators):
            regions = _results(c, controls, document.id, annotator, mine, offset)
            if annotator == predicted:
                if regions:
                    predictions.append({"model_version": PREDICTED + annotator, "result": regions})
                continue
            meta: dict[str, str] = {"annotator": annotator}
            status = statuses.get((document.id, annotator))
            if status is not None:
                meta["status"] = status.value
            annotations.append({"meta": meta, "result": regions})
            ids = [r["id"] for r in regions if r["type"] == "labels"]
            layers.append({**meta, "regions": ids})
        task: dict[str, Any] = {
            "data": {
                "text": document.text,
                "title": document.title,
                "hamish_document": c.document_ids[document.id],
                "text_sha256": document.text_sha256,
                LAYERS: layers,
            },
            "annotations": annotations,
        }
        if predictions:
            task["predictions"] = predictions
        result.append(task)
    return result


def _results(
    c: Canonical,
    controls: dict[str, _Control],
    document_id: DocumentId | None,
    annotator: str,
    spans: list[Span],
    offset: Callable[[int], int],
) -> list[dict[str, Any]]:
    """One layer's results: its regions, each with its attributes, then its relations."""
    results: list[dict[str, Any]] = []
    for span in (s for s in spans if s.annotator == annotator):
        where = {"start": offset(span.start), "end": offset(span.end)}
        rid = f"s{c.span_ids[span.id]}"
        results.append(
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
            results.append(
                {
                    "id": rid,
                    "from_name": control_name(name),
                    "to_name": OBJECT,
                    "type": kind,
                    "value": {**where, **text, **keys},
                }
            )
    owner = {s.id: s for s in spans}
    for link in c.links:
        source = owner.get(link.source_id)
        if (
            source is not None
            and source.document_id == document_id
            and source.annotator == annotator
        ):
            results.append(
                {
                    "type": "relation",
                    "from_id": f"s{c.span_ids[link.source_id]}",
                    "to_id": f"s{c.span_ids[link.target_id]}",
                    "direction": "right",
                    "labels": [link.kind],
                }
            )
    return results


def write(corpus: Corpus, out: Path, options: ExportOptions | None = None) -> None:
    """Write the tasks to `out` and the labeling config beside it."""
    bundle = corpus.whole()
    data = json.dumps(tasks(bundle, options), ensure_ascii=False, indent=1) + "\n"
    config = labeling_config(bundle)
    _check_config(config, out)
    # Each file is written beside its place and moved there whole (the tasks last, so a
    # failure leaves the older pair); lines end in \n on every platform.
    with atomic_text(out) as tasks_stream, atomic_text(config_path(out)) as config_stream:
        tasks_stream.write(data)
        config_stream.write(config)


def _check_config(config: str, out: Path) -> None:
    """Refuse, before anything is written, a label, link kind or attribute holding a
    character XML forbids (NUL, ESC ...): Label Studio could not read the config."""
    found = NOT_XML.search(config)
    if found:
        line = config[: found.start()].count("\n")
        raise FormatError(
            config_path(out),
            f"{config.splitlines()[line].strip()!r} holds {found[0]!r}, a character XML"
            " cannot hold (a label, link kind or attribute)",
        )
