"""CompareSession: two layers of one document compared, the decisions taken on their
differences, and an undo stack of its own for those decisions.

The compare window asks it for changes (`decide`, `set_reason`, `accept_agreements`) and
listens to its signals. Each decision is an edit (annotation/adjudication.py) pushed on the
QUndoStack through the window session's own adapter (ui/session/undo.py), which applies it at
once in one transaction; undone or redone, the difference it was about (when it has one)
becomes the current one again.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoStack

from annotation.adjudication import (
    GOLD,
    Adjudicate,
    Choice,
    Layers,
    Progress,
    accept_agreements,
    choices_for,
    decision_for,
    progress,
)
from annotation.comparison import Comparison, Difference, Kind, compare_layers
from annotation.edits import Edit, SetDecision, changes_of, perform
from annotation.model import Decision, Document, DocumentId, Link, Span
from annotation.ports import ConnectionLostError, Store
from annotation.session.history import Step, failure_message
from ui.session.undo import EditCommand
from ui.wording import isolate_path


class CompareSession(QObject):
    """Layers A and B of one document, their comparison, and the decisions into gold."""

    changed = Signal()  # the document, the layers, the comparison or the decisions changed
    current_changed = Signal(object)  # Difference | None
    message = Signal(str)  # for the status bar
    gold_changed = Signal(object)  # Changes: what a decision (or its undo) wrote

    def __init__(self, store: Store, user: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store, self.user = store, user
        self.undo_stack = QUndoStack(self)
        self.document: Document | None = None
        self.a, self.b, self.gold = "", "", GOLD
        self.spans_a: list[Span] = []
        self.spans_b: list[Span] = []
        self.links_a: list[Link] = []
        self.links_b: list[Link] = []
        self.comparison = Comparison(())
        self.decisions: list[Decision] = []
        self.current: Difference | None = None
        self._indices: dict[str, int] = {}  # each difference's place, by key
        # Reasons given before deciding, by difference key: they go with the decision.
        self._reasons: dict[str, str] = {}

    # What is compared

    def open_document(self, document_id: DocumentId | None) -> None:
        """Compare the layers on another document (or none), at its first undecided
        disagreement (or its first difference, when all are decided)."""
        self.document = None if document_id is None else self.store.document(document_id)
        self.current = None
        self._reasons = {}
        self.reload()
        differences = self.comparison.differences
        self.select(self.next_undecided(None) or (differences[0] if differences else None))

    def set_layers(self, a: str, b: str) -> None:
        """Compare these two annotators' layers."""
        if (a, b) != (self.a, self.b):
            before, (self.a, self.b) = (self.a, self.b), (a, b)
            try:
                self.open_document(self.document_id)
            except ConnectionLostError:  # still comparing what is shown, as it is shown
                self.a, self.b = before
                raise

    def set_gold(self, name: str) -> None:
        """Decide into the layer called `name`."""
        name = name.strip() or GOLD
        if name != self.gold:
            before, self.gold = self.gold, name
            try:
                self.reload()
            except ConnectionLostError:
                self.gold = before
                raise

    @property
    def document_id(self) -> DocumentId | None:
        return self.document.id if self.document is not None else None

    def layers(self) -> Layers:
        """The layers as adjudication sees them."""
        assert self.document_id is not None
        return Layers(
            self.document_id, self.a, self.b, tuple(self.links_a), tuple(self.links_b), self.gold
        )

    def reload(self) -> None:
        """Read both layers, compare them and read the decisions afresh; keep the current
        difference, or the one nearest where it was if it has gone."""
        document_id = self.document_id
        if document_id is None or not self.a or not self.b:
            self.spans_a, self.spans_b, self.links_a, self.links_b = [], [], [], []
            self.comparison, self.decisions = Comparison(()), []
        else:
            # All read before any is kept: a server lost midway leaves the comparison whole.
            read = (
                self.store.spans_for(document_id, self.a),
                self.store.spans_for(document_id, self.b),
                self.store.links_for(document_id, self.a),
                self.store.links_for(document_id, self.b),
                self.store.decisions(document_id, self.gold),
            )
            self.spans_a, self.spans_b, self.links_a, self.links_b, self.decisions = read
            self.comparison = compare_layers(self.spans_a, self.spans_b, self.links_a, self.links_b)
        # Keys are unique within a comparison: a layer never holds the same span twice.
        self._indices = {d.key(): i for i, d in enumerate(self.comparison.differences)}
        # The current difference stays current (quietly: the views are not scrolled back to
        # it), or, if it has gone, the one now nearest its place becomes current.
        previous = self.current
        self.current = self._nearest(previous) if previous is not None else None
        self.changed.emit()
        if previous is not None and (self.current is None or self.current.key() != previous.key()):
            self.current_changed.emit(self.current)

    def documents(self) -> list[DocumentId]:
        """The documents in which A or B has spans, in import order."""
        if not self.a or not self.b:
            return []
        return sorted(self.store.layers_in_use([self.a, self.b]))

    def neighbour_document(self, step: int) -> DocumentId | None:
        """The next (step 1) or previous (-1) document in which A or B has spans."""
        ids = self.documents()
        here = self.document_id
        if here is None:
            return ids[0] if ids else None
        index = bisect_right(ids, here) if step > 0 else bisect_left(ids, here) - 1
        return ids[index] if 0 <= index < len(ids) else None

    # The current difference

    def select(self, difference: Difference | None) -> None:
        """Make a difference the current one."""
        if difference is not None and difference.key() not in self._indices:
            difference = self._nearest(difference)
        if difference is None and self.current is None:
            return
        self.current = difference
        self.current_changed.emit(difference)

    def step(self, forward: bool) -> None:
        """Go to the next (or previous) disagreement in reading order, skipping agreements,
        going round at the end."""
        disagreements = self.comparison.disagreements()
        if not disagreements:
            self.message.emit(self.tr("The layers agree everywhere in this document."))
            return
        target = self._order(disagreements, forward)[0]
        if self.current is not None:
            here, there = self._position(self.current), self._position(target)
            if forward and there <= here:
                self.message.emit(self.tr("Went round to the first disagreement."))
            elif not forward and there >= here:
                self.message.emit(self.tr("Went round to the last disagreement."))
        self.select(target)

    def next_undecided(self, after: Difference | None) -> Difference | None:
        """The first undecided disagreement after `after` (from the start with None), going
        round to the start; None when every disagreement is decided."""
        decided = {decision.key for decision in self.decisions}
        undecided = [d for d in self.comparison.disagreements() if d.key() not in decided]
        if not undecided:
            return None
        if after is None:
            return undecided[0]
        return self._order(undecided, True, after)[0]

    def _order(
        self, candidates: list[Difference], forward: bool, origin: Difference | None = None
    ) -> list[Difference]:
        """`candidates` in the order stepping from `origin` (the current difference) meets
        them, going round at the end."""
        origin = origin or self.current
        if origin is None:
            return candidates if forward else candidates[::-1]
        position = self._position(origin)
        if forward:
            later = [d for d in candidates if self._position(d) > position]
            return later + [d for d in candidates if self._position(d) <= position]
        earlier = [d for d in candidates if self._position(d) < position][::-1]
        return earlier + [d for d in candidates if self._position(d) >= position][::-1]

    def _position(self, difference: Difference) -> float:
        """Where a difference comes in reading order: its index, or for one that has gone,
        a place between those around where it was."""
        index = self._indices.get(difference.key())
        if index is not None:
            return index
        sort_key = (difference.start, -difference.end)
        return sum(1 for d in self.comparison.differences if (d.start, -d.end) < sort_key) - 0.5

    def _nearest(self, difference: Difference) -> Difference | None:
        """The difference with the same key, or else the first one from the same place on."""
        differences = self.comparison.differences
        index = self._indices.get(difference.key())
        if index is not None:
            return differences[index]
        later = [d for d in differences if d.start >= difference.start]
        return later[0] if later else (differences[-1] if differences else None)

    def decision(self, difference: Difference | None) -> Decision | None:
        """The decision recorded on a difference."""
        return decision_for(difference, self.decisions) if difference is not None else None

    def choices(self) -> list[Choice]:
        """What may be decided on the current difference."""
        return choices_for(self.current) if self.current is not None else []

    def progress(self) -> Progress:
        """How many of the document's differences are decided."""
        return progress(self.comparison, self.decisions)

    # Decisions: each one undo step

    def decide(self, choice: Choice, name: str) -> None:
        """Decide the current difference with `choice`, then go to the next undecided one."""
        difference = self.current
        if difference is None or choice not in choices_for(difference):
            return
        edit = Adjudicate(
            self.layers(),
            difference,
            choice,
            reason=self._reasons.pop(difference.key(), ""),
            decided_by=self.user,
            comparison=self.comparison,
        )
        self._push(edit, name, difference.key())
        if any(decision.key == difference.key() for decision in self.decisions):  # it was done
            following = self.next_undecided(self.current)
            if following is None:
                self.message.emit(self.tr("Every difference in this document is decided."))
            else:
                self.select(following)

    def reason(self, difference: Difference | None) -> str:
        """Why a difference was (or, given beforehand, will be) decided as it is."""
        decision = self.decision(difference)
        if decision is not None:
            return decision.reason
        return self._reasons.get(difference.key(), "") if difference is not None else ""

    def set_reason(self, reason: str) -> None:
        """Record why the current difference was decided as it was; before a decision, keep
        the reason for the decision to come."""
        decision = self.decision(self.current)
        if self.current is not None and decision is None:
            self._reasons[self.current.key()] = reason.strip()
            self.message.emit(self.tr("The reason goes with the decision you make next."))
            return
        if self.current is None or decision is None or self.document_id is None:
            return
        # Only the record changes: deciding again would replace the gold spans with new ones
        # and drop whatever was linked to them by hand.
        edit = SetDecision(
            self.document_id, self.gold, decision.key, replace(decision, reason=reason.strip())
        )
        self._push(edit, self.tr("Record Reason"), decision.key)

    def accept_agreements(self) -> None:
        """Accept every undecided agreement of the document, in one step."""
        undecided = [
            d
            for d in self.comparison.differences
            if d.kind is Kind.AGREE and self.decision(d) is None
        ]
        if self.document_id is None or not undecided:
            self.message.emit(self.tr("No undecided agreements here."))
            return
        edit = accept_agreements(self.comparison, self.layers(), self.user, self.decisions)
        text = self.tr("Accept %n Agreement(s)", "", len(undecided))
        self._push(edit, text, None)

    def _push(self, edit: Edit, text: str, key: str | None) -> None:
        """Put a decision on the undo stack, which applies it at once."""
        step = Step(text, edit, lambda e, _replaying: self.apply(e, key), self._failed)
        self.undo_stack.push(EditCommand(step))

    def _failed(self, error: Exception, undoing: bool) -> None:
        """Say why a decision (or its undo) was not done, and show the layers as they are
        (a team server that cannot be reached cannot be asked: they are as shown)."""
        self.message.emit(failure_message(error, undoing, QCoreApplication.translate))
        if not isinstance(error, ConnectionLostError):
            self.reload()

    @contextmanager
    def asking_server(self) -> Iterator[None]:
        """Around what the person asked for (another document, other layers): a team server
        that cannot be reached ends it with a message, and the window stays as it was."""
        try:
            yield
        except ConnectionLostError:
            self.message.emit(
                self.tr(
                    "The team server %1 cannot be reached; nothing was changed. Hamish"
                    " reconnects by itself when it is back."
                ).replace("%1", isolate_path(self.store.address))
            )

    def apply(self, edit: Edit, key: str | None) -> Edit:
        """Apply an edit (from the undo stack), show its document and make its difference
        the current one."""
        inverse = perform(self.store, edit)
        changes = changes_of(edit, inverse)
        if changes:
            self.gold_changed.emit(changes)
        if edit.document_id is not None and edit.document_id != self.document_id:
            # Undoing a decision taken on another document: show where it happens.
            self.document = self.store.document(edit.document_id)
        self.reload()
        if key is not None and key in self._indices:
            self.select(self.comparison.differences[self._indices[key]])
        return inverse
