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
"labels": [KIND]}. Ids are canonical (`canonical.Canonical`). Offsets count code points, or
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

Reading is in labelstudio_read.py.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
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
