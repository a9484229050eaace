"""The one undo adapter: a session's Step (annotation/session/history.py) as a QUndoCommand.

The main window's session and the compare window's decisions both go through it, so the
rule lives in one place: QUndoStack.push() runs redo() at once, and a step whose edit failed
becomes obsolete, which drops it from the stack (it never offers to undo what was not done,
nor to redo what stayed done).
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand, QUndoGroup

from annotation.session.history import Step


class EditCommand(QUndoCommand):
    """An edit on a QUndoStack: redo applies it, undo applies its inverse."""

    def __init__(self, step: Step) -> None:
        super().__init__(step.text)
        self.step = step

    def redo(self) -> None:
        if not self.step.redo():
            self.setObsolete(True)

    def undo(self) -> None:
        if not self.step.undo():
            self.setObsolete(True)


class GroupHistory:
    """The undo history of a QUndoGroup: each step goes on the active stack."""

    def __init__(self, group: QUndoGroup) -> None:
        self.group = group

    def push(self, step: Step) -> None:
        """Apply a step on the active stack (push() runs it at once)."""
        stack = self.group.activeStack()
        assert stack is not None, "the session makes a stack active before any edit"
        stack.push(EditCommand(step))
