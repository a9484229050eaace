"""ImportRunner: runs an import on a worker thread behind a cancellable progress dialog."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from annotation.importing import ImportCancelled, ImportOptions, ImportProgress, import_articles
from db.store import SqliteStore
from ui.wording import isolate_path


class _ImportThread(QThread):
    """Imports on its own connection, so the window's connection never sees half an import.

    The thread ends when run() returns (no event loop), so waiting for it never depends on
    a queued quit() reaching it.
    """

    progressed = Signal(int, int, str, int)
    succeeded = Signal(object)  # ImportReport
    cancelled = Signal()
    crashed = Signal(str)

    def __init__(self, database: Path, paths: Sequence[Path], options: ImportOptions) -> None:
        super().__init__()
        self.database, self.paths, self.options = database, list(paths), options
        self.cancel_requested = threading.Event()

    def run(self) -> None:
        store = SqliteStore(self.database)
        try:
            report = import_articles(store, self.paths, self.options, self._progress)
        except ImportCancelled:
            self.cancelled.emit()
        except Exception as error:  # shown to the person; the transaction was rolled back
            self.crashed.emit(f"{type(error).__name__}: {error}")
        else:
            self.succeeded.emit(report)
        finally:
            store.close()

    def _progress(self, progress: ImportProgress) -> bool:
        self.progressed.emit(progress.done, progress.total, progress.current, progress.articles)
        return not self.cancel_requested.is_set()


class ImportRunner(QObject):
    """Starts an import and reports its end with exactly one of three signals."""

    import_finished = Signal(object)  # ImportReport
    import_cancelled = Signal()
    import_crashed = Signal(str)

    def __init__(self, database: Path, parent: QWidget) -> None:
        super().__init__(parent)
        self.database = database
        self._parent = parent
        self._thread: _ImportThread | None = None

    def is_running(self) -> bool:
        """True while an import is under way."""
        return self._thread is not None

    def start(self, paths: Sequence[Path], options: ImportOptions) -> None:
        """Import `paths` in the background, showing progress with a Cancel button."""
        if self._thread is not None:
            raise RuntimeError("an import is already running")
        thread = _ImportThread(self.database, paths, options)
        dialog = QProgressDialog(self.tr("Reading files…"), self.tr("Cancel"), 0, 0, self._parent)
        dialog.setWindowTitle(self.tr("Importing articles"))
        dialog.setMinimumDuration(300)
        # Modal: the import holds the database's write lock until it ends, so an edit made
        # meanwhile would only wait and then fail.
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        dialog.canceled.connect(thread.cancel_requested.set)

        def show_progress(done: int, total: int, current: str, articles: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done)
            dialog.setLabelText(
                self.tr("File %1 of %2: %3\n%4 articles read")
                .replace("%1", str(min(done + 1, total)))
                .replace("%2", str(total))
                .replace("%3", isolate_path(Path(current).name) if current else "")
                .replace("%4", f"{articles:,}")
            )

        def ended() -> None:
            dialog.close()
            dialog.deleteLater()
            thread.wait()  # run() has returned: this only joins the OS thread
            self._thread = None

        thread.progressed.connect(show_progress)
        for signal, relay in (
            (thread.succeeded, self.import_finished),
            (thread.cancelled, self.import_cancelled),
            (thread.crashed, self.import_crashed),
        ):
            signal.connect(ended)  # first, so is_running() is False when the relay fires
            signal.connect(relay)
        self._thread = thread
        thread.start()

    def cancel_and_wait(self) -> None:
        """Cancel a running import (nothing of it is kept) and wait for its thread to end."""
        if self._thread is not None:
            self._thread.cancel_requested.set()
            self._thread.wait()
