"""The undo history the session pushes its edits onto: a port, and the in-memory one.

The session binds each edit to the functions that apply it and report a failure (`Step`);
a history keeps steps in order and undoes or redoes them. The window's history is Qt's
QUndoStack (ui/session/undo.py wraps a Step in a QUndoCommand); tests and the terminal use
`MemoryHistory`. A step whose edit fails leaves the history either way: it never offers to
undo a change that was not made, nor to redo one that stayed made. One failure is not the
step's: an undo or redo the storage could not be reached for (ConnectionLostError) changed
nothing, so the step keeps its place, to be undone or redone once the server is back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from annotation.edits import Edit
from annotation.ports import ConflictError, ConnectionLostError, NotFoundError


@dataclass(slots=True)
class Step:
    """One undo step: an edit (the inverse of what it last applied, between runs), what
    applies it and what hears of a failure."""

    text: str  # the Edit menu's "Undo <text>"
    edit: Edit
    apply: Callable[[Edit, bool], Edit]  # (edit, replaying: an undo or a redo) -> its inverse
    failed: Callable[[Exception, bool], None]  # (error, undoing)
    # The last undo or redo failed only because the storage could not be reached: the step
    # stays in the history where it was (never after its first run, which made nothing).
    stays: bool = field(default=False, repr=False)
    _pushed: bool = field(default=False, repr=False)

    def redo(self) -> bool:
        """Apply the edit (the first time, or again after an undo); False when it failed."""
        replaying, self._pushed = self._pushed, True
        return self._run(replaying, undoing=False)

    def undo(self) -> bool:
        """Take the edit back; False when that failed."""
        return self._run(True, undoing=True)

    def _run(self, replaying: bool, undoing: bool) -> bool:
        self.stays = False
        try:
            self.edit = self.apply(self.edit, replaying)
        except Exception as error:  # any failure: the step leaves the history, but for one
            self.stays = replaying and isinstance(error, ConnectionLostError)
            self.failed(error, undoing)
            return False
        return True


def failure_message(error: Exception, undoing: bool, translate: Callable[[str, str], str]) -> str:
    """What a person is told when a step (or its undo) could not be made; the session's and
    the compare window's steps say it alike."""
    message = (
        translate("Session", "Could not undo: %1")
        if undoing
        else translate("Session", "Not done: %1")
    )
    if isinstance(error, NotFoundError | ConflictError):
        # Another window or process deleted what this edit was about.
        reason = translate("Session", "it was changed or deleted elsewhere; the view is refreshed")
    else:
        reason = str(error)
    return message.replace("%1", reason)


class UndoHistory(Protocol):
    """Where the session's edits go: pushing a step applies it at once (as QUndoStack does)."""

    def push(self, step: Step) -> None:
        """Apply a step and keep it for undo when it succeeded."""
        ...


class MemoryHistory:
    """An undo history in memory: a list of done steps and one of undone ones."""

    def __init__(self) -> None:
        self.done: list[Step] = []
        self.undone: list[Step] = []

    def push(self, step: Step) -> None:
        """Apply a step; a new step ends what could be redone."""
        self.undone.clear()
        if step.redo():
            self.done.append(step)

    def undo(self) -> bool:
        """Take back the last step; False when there is none or it failed."""
        if not self.done:
            return False
        step = self.done.pop()
        if step.undo():
            self.undone.append(step)
            return True
        if step.stays:
            self.done.append(step)
        return False

    def redo(self) -> bool:
        """Apply the last undone step again; False when there is none or it failed."""
        if not self.undone:
            return False
        step = self.undone.pop()
        if step.redo():
            self.done.append(step)
            return True
        if step.stays:
            self.undone.append(step)
        return False

    def undo_text(self) -> str:
        """What undo would take back ("" when nothing)."""
        return self.done[-1].text if self.done else ""
