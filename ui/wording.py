"""Words the interface uses in several places, translated once."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from annotation.model import Status


def status_name(status: Status) -> str:
    """How a document status reads in the interface."""
    names = {
        Status.NEW: QCoreApplication.translate("Status", "new"),
        Status.IN_PROGRESS: QCoreApplication.translate("Status", "in progress"),
        Status.DONE: QCoreApplication.translate("Status", "done"),
    }
    return names[status]
