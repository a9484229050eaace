"""The in-memory undo history: a failed step leaves it, unless the storage was out of reach."""

from __future__ import annotations

from annotation.edits import Edit, SetStatus
from annotation.model import DocumentId, Status
from annotation.ports import ConflictError, ConnectionLostError
from annotation.session import MemoryHistory
from annotation.session.history import Step


class Storage:
    """Stands in for the store a step writes to: records what was applied, or raises the error
    set for the next run."""

    def __init__(self) -> None:
        self.applied: list[Edit] = []
        self.error: Exception | None = None
        self.failures: list[tuple[str, bool]] = []

    def apply(self, edit: Edit, _replaying: bool) -> Edit:
        if self.error is not None:
            raise self.error
        self.applied.append(edit)
        return edit

    def failed(self, error: Exception, undoing: bool) -> None:
        self.failures.append((type(error).__name__, undoing))


def _pushed(storage: Storage, history: MemoryHistory) -> Step:
    step = Step(
        "Mark", SetStatus(DocumentId(1), "amal", Status.DONE), storage.apply, storage.failed
    )
    history.push(step)
    return step


def test_an_undo_out_of_reach_keeps_the_step_done_and_a_later_undo_takes_it_back() -> None:
    storage, history = Storage(), MemoryHistory()
    step = _pushed(storage, history)
    storage.error = ConnectionLostError("gone")

    assert not history.undo()
    assert history.done == [step] and history.undone == []
    assert storage.failures == [("ConnectionLostError", True)]

    storage.error = None
    assert history.undo()
    assert history.done == [] and history.undone == [step]


def test_a_redo_out_of_reach_keeps_the_step_undone() -> None:
    storage, history = Storage(), MemoryHistory()
    step = _pushed(storage, history)
    history.undo()
    storage.error = ConnectionLostError("gone")

    assert not history.redo()
    assert history.done == [] and history.undone == [step]


def test_a_refused_undo_drops_the_step_and_a_first_run_out_of_reach_is_never_kept() -> None:
    storage, history = Storage(), MemoryHistory()
    _pushed(storage, history)
    storage.error = ConflictError("changed elsewhere")
    assert not history.undo()
    assert history.done == [] and history.undone == []

    storage.error = ConnectionLostError("gone")
    _pushed(storage, history)
    assert history.done == []
