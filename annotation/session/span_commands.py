"""SpanCommands: the annotator's edits of the open layer: tag, delete, relabel, resize, link,
set attributes and the document's status, each one undo step."""

from __future__ import annotations

from dataclasses import replace

from annotation.arabic import SnapMode
from annotation.attribution import AttributionError, attribute, detach, speaker_candidates
from annotation.edits import AddSpan, Compound, RemoveLink, RemoveSpan, ReplaceSpan, SetStatus
from annotation.model import AttributeValue, Link, LinkId, Span, SpanId, Status
from annotation.session.core import SessionCore
from annotation.tagging import Boundary, drag_boundary, move_boundary, propose_span
from annotation.tagset import Label


class SpanCommands(SessionCore):
    """Edits of the open layer's spans and links."""

    def tag(self, label: Label, start: int, end: int, mode: SnapMode | None = None) -> Span | None:
        """Tag `[start, end)` (code points) with `label`; returns the new span, or None."""
        if self.tagged is None:
            return None
        span = propose_span(self.tagged, self.annotator, label, start, end, mode or self.snap_mode)
        if span is None:
            self.events.message.emit(
                self.translate("Session", "Nothing to tag: the selection holds no text.")
            )
            return None
        duplicate = self._at_place(span)
        if duplicate is not None:
            self.events.message.emit(
                self.translate("Session", "“%1” is already tagged %2.")
                .replace("%1", span.text)
                .replace("%2", label.title(self.language))
            )
            self.select_span(duplicate.id)
            return None
        name = self.translate("Session", "Tag %1").replace("%1", label.title(self.language))
        self._push(AddSpan(span, name=name))
        added = self._at_place(span)
        if added is not None:
            self.select_span(added.id)
        return added

    def _at_place(self, span: Span) -> Span | None:
        """The open layer's span with the same label and extent."""
        place = (span.label, span.start, span.end)
        return next((s for s in self.spans if (s.label, s.start, s.end) == place), None)

    def delete_span(self, span_id: SpanId) -> None:
        """Delete a span and its links."""
        span = self.span(span_id)
        if span is not None and span.id is not None:
            name = self.translate("Session", "Delete %1").replace("%1", self._title(span.label))
            self._push(RemoveSpan(span.id, span.document_id, name=name))

    def relabel(self, span_id: SpanId, label: Label) -> None:
        """Give a span another label, in one step with what no longer fits it: its attributes
        become the new label's defaults, an entity of another kind is let go, and links the
        tag set does not allow for the new label are removed."""
        span = self.span(span_id)
        if span is None or span.id is None or span.label == label.name:
            return
        entity_id = span.entity_id
        if entity_id is not None and (
            label.entity_kind is None or self.store.entity(entity_id).kind is not label.entity_kind
        ):
            entity_id = None
        name = (
            self.translate("Session", "Change %1 to %2")
            .replace("%1", self._title(span.label))
            .replace("%2", label.title(self.language))
        )
        relabelled = ReplaceSpan(
            replace(
                span, label=label.name, attributes=label.default_attributes(), entity_id=entity_id
            ),
            name=name,
        )
        unfit = [
            RemoveLink(link.id, span.document_id, name=name)
            for link in [*self.links_from(span.id), *self.links_to(span.id)]
            if link.id is not None and not self._link_fits(link, span.id, label.name)
        ]
        self._push(Compound(name, span.document_id, (*unfit, relabelled)) if unfit else relabelled)

    def _link_fits(self, link: Link, span_id: SpanId, new_label: str) -> bool:
        source = new_label if link.source_id == span_id else self._label_of(link.source_id)
        target = new_label if link.target_id == span_id else self._label_of(link.target_id)
        return any(
            (t.source_label, t.target_label) == (source, target) for t in self.tagset.link_types
        )

    def _label_of(self, span_id: SpanId) -> str:
        span = self.span(span_id)
        return span.label if span else ""

    def move_boundary(self, span_id: SpanId, boundary: Boundary, words: int) -> None:
        """Move one boundary of a span by whole words."""
        span = self.span(span_id)
        if span is None or self.tagged is None:
            return
        moved = move_boundary(self.tagged, span, boundary, words)
        if moved is None:
            self.events.message.emit(self.translate("Session", "The span cannot move further."))
            return
        name = self.translate("Session", "Resize %1").replace("%1", self._title(span.label))
        self._push(ReplaceSpan(moved, name=name))

    def drag_boundary(self, span_id: SpanId, boundary: Boundary, position: int) -> None:
        """Move one boundary of a span to where it was dragged (that boundary alone snaps)."""
        span = self.span(span_id)
        if span is None or self.tagged is None:
            return
        moved = drag_boundary(self.tagged, span, boundary, position, self.snap_mode)
        if moved is None or (moved.start, moved.end) == (span.start, span.end):
            return
        name = self.translate("Session", "Resize %1").replace("%1", self._title(span.label))
        self._push(ReplaceSpan(moved, name=name))

    def set_status(self, status: Status) -> None:
        """Set this annotator's status for the open document."""
        if self.document_id is None or self.status() is status:
            return
        name = self.translate("Session", "Mark as %1").replace("%1", self._status_name(status))
        self._push(SetStatus(self.document_id, self.annotator, status, name=name))

    def _status_name(self, status: Status) -> str:
        # The words of ui/wording.status_name, in its context, for the same translations.
        names = {
            Status.NEW: self.translate("Status", "new"),
            Status.IN_PROGRESS: self.translate("Status", "in progress"),
            Status.DONE: self.translate("Status", "done"),
        }
        return names[status]

    # Attribution and attributes

    def speaker_candidates(self, claim_id: SpanId) -> list[Span]:
        """The spans a claim may be attributed to, nearest first."""
        claim = self.span(claim_id)
        return speaker_candidates(self.tagset, claim, self.spans) if claim else []

    def link(self, claim_id: SpanId, speaker_id: SpanId) -> None:
        """Attribute a claim to a speaker."""
        claim, speaker = self.span(claim_id), self.span(speaker_id)
        if claim is None or speaker is None:
            return
        name = self.translate("Session", "Attribute to %1").replace("%1", speaker.text[:30])
        try:
            edit = attribute(self.tagset, claim, speaker, self.links, name)
        except AttributionError as error:
            self.events.message.emit(str(error))
            return
        self._push(edit)

    def unlink(self, link_id: LinkId) -> None:
        """Remove one link."""
        link = next((link for link in self.links if link.id == link_id), None)
        claim = self.span(link.source_id) if link else None
        if link is not None and claim is not None:
            self._push(detach(link, claim, self.translate("Session", "Remove Attribution")))

    def set_attribute(self, span_id: SpanId, name: str, value: AttributeValue) -> None:
        """Set (or, with None or "", clear) one attribute of a span."""
        span = self.span(span_id)
        label = self.tagset.find(span.label) if span else None
        if span is None or label is None:
            return
        attributes = dict(span.attributes)
        if value in (None, ""):
            attributes.pop(name, None)
        else:
            attributes[name] = value
        try:
            label.check_attributes(attributes)
        except ValueError as error:
            self.events.message.emit(str(error))
            return
        if attributes != span.attributes:
            edit_name = self.translate("Session", "Set %1").replace("%1", name)
            self._push(ReplaceSpan(replace(span, attributes=attributes), name=edit_name))
