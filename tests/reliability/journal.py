"""What an edit makes true, as JSON lines, and the expected state those lines add up to.

The editor derives each line from the edit objects it performs (never from reading the
database back), so comparing the replayed lines with the database checks the store.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from annotation.edits import (
    AddLink,
    AddSpan,
    Compound,
    Edit,
    RemoveLink,
    RemoveSpan,
    ReplaceSpan,
    SetStatus,
)
from annotation.model import Link, LinkId, Span, SpanId

Effect = dict[str, Any]

# (document, annotator, label, start, end, text)
SpanRow = tuple[int, str, str, int, int, str]
# (kind, source, target)
LinkRow = tuple[str, int, int]


def _span(span: Span, span_id: SpanId | None) -> Effect:
    return {
        "do": "put_span",
        "id": span_id,
        "document": span.document_id,
        "annotator": span.annotator,
        "label": span.label,
        "start": span.start,
        "end": span.end,
        "text": span.text,
    }


def _link(link: Link, link_id: LinkId | None) -> Effect:
    return {
        "do": "put_link",
        "id": link_id,
        "kind": link.kind,
        "source": link.source_id,
        "target": link.target_id,
    }


def effects(edit: Edit, inverse: Edit | None = None) -> list[Effect]:
    """What applying `edit` makes true; ids of new rows come from its `inverse` (None before
    the edit is applied, when they are not known yet)."""
    if isinstance(edit, Compound):
        parts = (
            list(reversed(inverse.edits))
            if isinstance(inverse, Compound)
            else [None] * len(edit.edits)
        )
        return [
            effect
            for part, undo in zip(edit.edits, parts, strict=True)
            for effect in effects(part, undo)
        ]
    if isinstance(edit, AddSpan):
        span_id = inverse.span_id if isinstance(inverse, RemoveSpan) else edit.span.id
        return [_span(edit.span, span_id)] + [_link(link, link.id) for link in edit.links]
    if isinstance(edit, RemoveSpan):
        return [{"do": "del_span", "id": edit.span_id}]
    if isinstance(edit, ReplaceSpan):
        return [_span(edit.span, edit.span.id)]
    if isinstance(edit, AddLink):
        link_id = inverse.link_id if isinstance(inverse, RemoveLink) else edit.link.id
        return [_link(edit.link, link_id)]
    if isinstance(edit, RemoveLink):
        return [{"do": "del_link", "id": edit.link_id}]
    if isinstance(edit, SetStatus):
        status = edit.status.value if edit.status is not None else None
        return [
            {
                "do": "status",
                "document": edit.document_id,
                "annotator": edit.annotator,
                "status": status,
            }
        ]
    raise TypeError(f"the crash harness does not know {type(edit).__name__}")


def line(seq: int, op: str, phase: str, changes: list[Effect], **extra: Any) -> str:
    """One journal line: `phase` is "intent" (about to perform), "done" (committed) or "failed"."""
    record = {"seq": seq, "op": op, "phase": phase, "effects": changes, **extra}
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


@dataclass
class State:
    """Spans, links and statuses by id, as the journal says they are."""

    spans: dict[int, SpanRow] = field(default_factory=dict)
    links: dict[int, LinkRow] = field(default_factory=dict)
    statuses: dict[tuple[int, str], str] = field(default_factory=dict)

    def copy(self) -> State:
        """An independent copy."""
        return State(dict(self.spans), dict(self.links), dict(self.statuses))

    def apply(self, changes: list[Effect]) -> None:
        """Make `changes` true; every id must be known. Removing a span removes its links,
        as the schema's ON DELETE CASCADE does."""
        for change in changes:
            kind = change["do"]
            if kind == "put_span":
                self.spans[change["id"]] = (
                    change["document"],
                    change["annotator"],
                    change["label"],
                    change["start"],
                    change["end"],
                    change["text"],
                )
            elif kind == "del_span":
                del self.spans[change["id"]]
                self.links = {
                    i: link
                    for i, link in self.links.items()
                    if change["id"] not in (link[1], link[2])
                }
            elif kind == "put_link":
                self.links[change["id"]] = (change["kind"], change["source"], change["target"])
            elif kind == "del_link":
                del self.links[change["id"]]
            elif kind == "status":
                key = (change["document"], change["annotator"])
                if change["status"] is None:
                    self.statuses.pop(key, None)
                else:
                    self.statuses[key] = change["status"]
            else:
                raise ValueError(f"unknown effect {kind!r}")

    def layer(self, document: int, annotator: str) -> dict[int, SpanRow]:
        """The spans of one annotator in one document."""
        return {i: s for i, s in self.spans.items() if s[0] == document and s[1] == annotator}
