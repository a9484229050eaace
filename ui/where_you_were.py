"""Where you were: each annotator's last document, scroll position and selection on each
database, kept in the settings so that the next start opens there instead of at the top of
the first document (issue 18)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings

from annotation.model import DocumentId, SpanId

GROUP = "places"


@dataclass(frozen=True, slots=True)
class Place:
    """Where an annotator was: the document, the span selected in it, the scroll position."""

    document: DocumentId | None = None
    selected: SpanId | None = None
    scroll: int = 0


class PlaceMemory:
    """The places of the annotators of one database."""

    def __init__(self, settings: QSettings, database: Path | None) -> None:
        self.settings = settings
        self.database = str(database.resolve()) if database is not None else ""

    def recall(self, annotator: str) -> Place:
        """Where `annotator` last was on this database (nowhere: the first document)."""
        key = self._key(annotator)
        document = _integer(self.settings.value(f"{key}/document"))
        selected = _integer(self.settings.value(f"{key}/selected"))
        return Place(
            DocumentId(document) if document is not None else None,
            SpanId(selected) if selected is not None else None,
            _integer(self.settings.value(f"{key}/scroll")) or 0,
        )

    def remember(self, annotator: str, place: Place) -> None:
        """Keep `place` as where `annotator` is now."""
        key = self._key(annotator)
        for name, value in (
            ("document", place.document),
            ("selected", place.selected),
            ("scroll", place.scroll),
        ):
            if value is None:
                self.settings.remove(f"{key}/{name}")
            else:
                self.settings.setValue(f"{key}/{name}", int(value))

    def _key(self, annotator: str) -> str:
        # A digest: a path and a name may hold characters a settings key cannot.
        digest = hashlib.sha256(f"{self.database}\0{annotator}".encode()).hexdigest()[:20]
        return f"{GROUP}/{digest}"


def _integer(value: object) -> int | None:
    """A stored integer (an INI file keeps it as text), or None when absent or not one."""
    try:
        return int(str(value)) if value is not None else None
    except ValueError:
        return None
