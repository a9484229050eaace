"""The annotator's working session without Qt: state, edit factories, undo history, events.

core.py holds the state and the edit path; span_commands.py, entity_commands.py and
suggestion_commands.py the edits; session.py joins them as AnnotationSession. The window
wraps it in Qt (ui/session/qt_session.py); tests drive it directly.
"""

from annotation.session.core import Translate, untranslated
from annotation.session.events import Event, SessionEvents
from annotation.session.history import MemoryHistory, Step, UndoHistory
from annotation.session.session import AnnotationSession

__all__ = [
    "AnnotationSession",
    "Event",
    "MemoryHistory",
    "SessionEvents",
    "Step",
    "Translate",
    "UndoHistory",
    "untranslated",
]
