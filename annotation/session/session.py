"""AnnotationSession: one annotator at work on one document at a time, without Qt."""

from __future__ import annotations

from annotation.session.entity_commands import EntityCommands
from annotation.session.span_commands import SpanCommands
from annotation.session.suggestion_commands import SuggestionCommands


class AnnotationSession(SpanCommands, EntityCommands, SuggestionCommands):
    """The open document and layer, the selection, pending suggestions, and every edit a
    person makes on them, pushed onto an undo history (annotation/session/history.py)."""
