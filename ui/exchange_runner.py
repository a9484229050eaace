"""ExchangeRunner: exports and annotation imports on a worker thread, with progress and
Cancel; an import is all or nothing, so a cancel or an error keeps nothing of it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from annotation.exchange.bundle import ExportOptions
from annotation.exchange.formats import FORMATS
from annotation.exchange.selection import ExportCancelled, select
from annotation.exchange.transfer import import_bundle
from annotation.model import DocumentId, Status
from db.store import SqliteStore


class _Job(QThread):
    """Runs one export or import on its own connection to the database."""

    progressed = Signal(int, int)
    succeeded = Signal(str)
    failed = Signal(str)

    def __init__(
        self, database: Path, work: Callable[[SqliteStore, Callable[[int, int], bool]], str]
    ) -> None:
        super().__init__()
        self.database, self.work = database, work
        self.cancel_requested = threading.Event()

    def run(self) -> None:
        store = SqliteStore(self.database)
        try:
            self.succeeded.emit(self.work(store, self._progress))
        except ExportCancelled:
            self.failed.emit("")
        except Exception as error:  # shown to the person; an import rolled back
            self.failed.emit(str(error))
        finally:
            store.close()

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self.cancel_requested.is_set()


class ExchangeRunner(QObject):
    """Starts exports and imports; says how each ended with `finished(ok, message)`."""

    finished = Signal(bool, str)

    def __init__(self, database: Path, window: QWidget) -> None:
        super().__init__(window)
        self.database, self.window = database, window
        self._job: _Job | None = None

    def export(
        self,
        format_name: str,
        out: Path,
        annotators: list[str] | None,
        document_ids: list[DocumentId] | None,
        status: Status | None,
        utf16: bool,
    ) -> None:
        """Export in the background."""

        def work(store: SqliteStore, progress: Callable[[int, int], bool]) -> str:
            selection = select(store, annotators, document_ids, status, progress)
            FORMATS[format_name].write(selection, out, ExportOptions(utf16=utf16))
            return (
                self.tr("Exported %1 documents and %2 spans to %3")
                .replace("%1", str(selection.tally.documents))
                .replace("%2", str(selection.tally.spans))
                .replace("%3", str(out))
            )

        self._start(work, self.tr("Exporting…"))

    def import_annotations(
        self, format_name: str, paths: list[Path], annotator: str | None
    ) -> None:
        """Import annotations in the background, all or nothing."""
        reader = FORMATS[format_name].read
        assert reader is not None

        def work(store: SqliteStore, progress: Callable[[int, int], bool]) -> str:
            report = import_bundle(store, reader(paths), ", ".join(map(str, paths)), annotator)
            return (
                self.tr("Imported %1 spans and %2 links (%3 documents new, %4 matched)")
                .replace("%1", str(report.spans_added))
                .replace("%2", str(report.links_added))
                .replace("%3", str(report.documents_added))
                .replace("%4", str(report.documents_matched))
            )

        self._start(work, self.tr("Importing annotations…"))

    def _start(
        self, work: Callable[[SqliteStore, Callable[[int, int], bool]], str], title: str
    ) -> None:
        if self._job is not None:
            return
        job = _Job(self.database, work)
        dialog = QProgressDialog(title, self.tr("Cancel"), 0, 0, self.window)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.canceled.connect(job.cancel_requested.set)
        job.progressed.connect(
            lambda done, total: (dialog.setMaximum(total), dialog.setValue(done))
        )

        def ended(ok: bool, message: str) -> None:
            dialog.close()
            dialog.deleteLater()
            job.wait()
            self._job = None
            self.finished.emit(ok, message or self.tr("Cancelled: nothing was written."))

        job.succeeded.connect(lambda message: ended(True, message))
        job.failed.connect(lambda message: ended(False, message))
        self._job = job
        job.start()

    def wait(self) -> None:
        """Wait for a running job (on quit)."""
        if self._job is not None:
            self._job.cancel_requested.set()
            self._job.wait()
