"""Events: how the session tells its listeners what happened, with plain callbacks.

The window's Qt wrapper (ui/session/qt_session.py) connects each event to a Qt signal; tests
and the terminal connect plain functions, or nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, ParamSpec

from annotation.changes import Changes
from annotation.model import Document, DocumentId, SpanId

P = ParamSpec("P")


class Event(Generic[P]):
    """Callbacks called in the order they were connected, each time the event is emitted."""

    def __init__(self) -> None:
        self._callbacks: list[Callable[P, None]] = []

    def connect(self, callback: Callable[P, None]) -> None:
        """Call `callback` with the event's arguments from now on."""
        self._callbacks.append(callback)

    def emit(self, *args: P.args, **kwargs: P.kwargs) -> None:
        """Call every connected callback."""
        for callback in list(self._callbacks):
            callback(*args, **kwargs)


@dataclass(frozen=True, slots=True)
class SessionEvents:
    """Everything the session tells its listeners."""

    changed: Event[[Changes]] = field(default_factory=Event)  # what a write touched
    message: Event[[str]] = field(default_factory=Event)  # for the status bar
    document_opened: Event[[Document | None]] = field(default_factory=Event)
    selection_changed: Event[[SpanId | None]] = field(default_factory=Event)
    # The open document's pending suggestions, or which of them is current.
    suggestions_changed: Event[[]] = field(default_factory=Event)
    # An undo or redo is about this document, which is not open: show it first.
    document_requested: Event[[DocumentId]] = field(default_factory=Event)
    annotator_changed: Event[[str]] = field(default_factory=Event)
