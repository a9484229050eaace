"""The one undo adapter: a session's Step (annotation/session/history.py) as a QUndoCommand.

The main window's session and the compare window's decisions both go through it, so the
rule lives in one place: QUndoStack.push() runs redo() at once, and a step whose edit failed
becomes obsolete, which drops it from the stack (it never offers to undo what was not done,
nor to redo what stayed done).

Except when the team server could not be reached: the undo or redo changed nothing, and the
step must stay where it was, so it can be undone once the server is back. QUndoStack has
already moved its index when undo() returns (QUndoStack::undo sets the index whatever the
command did), and nothing in Qt lets a command refuse; so the Undo and Redo actions run
`undo`/`redo` below, which move the index back over the step without running it again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QUndoCommand, QUndoGroup, QUndoStack

from annotation.session.history import Step


class EditCommand(QUndoCommand):
    """An edit on a QUndoStack: redo applies it, undo applies its inverse."""

    def __init__(self, step: Step) -> None:
        super().__init__(step.text)
        self.step = step
        self._skip = False  # the stack is only being put back at its place: run nothing

    def redo(self) -> None:
        self._run(self.step.redo)

    def undo(self) -> None:
        self._run(self.step.undo)

    def _run(self, run: Callable[[], bool]) -> None:
        if self._skip:
            self._skip = False
            return
        if not run() and not self.step.stays:
            self.setObsolete(True)

    def step_over(self, move: Callable[[], None]) -> None:
        """Move the stack's index over this command without running it."""
        self._skip = True
        move()


def undo(stack: QUndoStack | None) -> None:
    """Undo the stack's last done step; one the server could not be reached for stays done."""
    if stack is None or not stack.canUndo():
        return
    command = stack.command(stack.index() - 1)
    stack.undo()
    if isinstance(command, EditCommand) and command.step.stays:
        command.step_over(stack.redo)


def redo(stack: QUndoStack | None) -> None:
    """Redo the stack's next undone step; one the server could not be reached for stays undone."""
    if stack is None or not stack.canRedo():
        return
    command = stack.command(stack.index())
    stack.redo()
    if isinstance(command, EditCommand) and command.step.stays:
        command.step_over(stack.undo)


def undo_actions(
    source: QUndoGroup | QUndoStack, parent: QObject, undo_text: str, redo_text: str
) -> tuple[QAction, QAction]:
    """The Undo and Redo actions of `source` (Qt's, with their step's name and enabling), run
    through `undo` and `redo` above."""
    made = (source.createUndoAction(parent, undo_text), source.createRedoAction(parent, redo_text))

    def stack() -> QUndoStack | None:
        return source.activeStack() if isinstance(source, QUndoGroup) else source

    for action, run in zip(made, (undo, redo), strict=True):
        action.triggered.disconnect()  # Qt's own connection, straight to QUndoStack.undo()
        action.triggered.connect(lambda _checked=False, run=run: run(stack()))
    return made


class GroupHistory:
    """The undo history of a QUndoGroup: each step goes on the active stack."""

    def __init__(self, group: QUndoGroup) -> None:
        self.group = group

    def push(self, step: Step) -> None:
        """Apply a step on the active stack (push() runs it at once)."""
        stack = self.group.activeStack()
        assert stack is not None, "the session makes a stack active before any edit"
        stack.push(EditCommand(step))
