"""BackgroundRunner: the window's long work on a worker thread, with progress and Cancel:
exports, imports of annotations (all or nothing, so a cancel or an error keeps nothing of
them), and any other job (`start_job`: the assistant's run over the corpus)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from annotation.changes import Changes
from annotation.exchange.bundle import ExportOptions
from annotation.exchange.formats import FORMATS
from annotation.exchange.selection import select
from annotation.exchange.transfer import LayersChanged, TransferReport, import_bundle
from annotation.model import DocumentId, Status
from annotation.ports import Cancelled
from db.location import check_output
from db.store import SqliteStore
from ui.wording import isolate, isolate_path


class _Job(QThread):
    """Runs one export or import on its own connection to the database."""

    progressed = Signal(int, int)
    succeeded = Signal(str)
    failed = Signal(str)
    layers_changed = Signal(object)  # the LayersChanged an import stopped at

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
        except Cancelled:
            self.failed.emit("")
        except LayersChanged as error:  # nothing written: the window asks whether to replace
            self.layers_changed.emit(error)
        except Exception as error:  # shown to the person; an import rolled back
            self.failed.emit(str(error))
        finally:
            store.close()

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self.cancel_requested.is_set()


class BackgroundRunner(QObject):
    """Starts exports, imports and other jobs, one at a time; says how each ended with
    `finished(ok, message)`."""

    finished = Signal(bool, str)

    def __init__(self, database: Path, window: QWidget) -> None:
        super().__init__(window)
        self.database, self.window = database, window
        self._job: _Job | None = None
        # What the last import's files held that it left out or kept apart (TransferReport
        # notes): the window lists them, as nothing is lost unseen.
        self.notes: list[str] = []
        self.changes = Changes()  # what the last import wrote, for the views

    def export(
        self,
        format_name: str,
        out: Path,
        annotators: list[str] | None,
        document_ids: list[DocumentId] | None,
        status: Status | None,
        utf16: bool,
        predictions: str | None = None,
    ) -> None:
        """Export in the background; `predictions` names a layer written as Label Studio
        predictions."""

        def work(store: SqliteStore, progress: Callable[[int, int], bool]) -> str:
            # Checked again here, whoever asked: never over the database, a device or a folder.
            fmt = FORMATS[format_name]
            check_output(
                out, self.database, folder=fmt.writes_folder(out), companions=fmt.companions(out)
            )
            with store.reading():  # one state of the database, however long it takes
                selection = select(store, annotators, document_ids, status, progress)
                options = ExportOptions(utf16=utf16, predictions=predictions)
                FORMATS[format_name].write(selection, out, options)
            return (
                self.tr("Exported %1 documents and %2 spans to %3")
                .replace("%1", str(selection.tally.documents))
                .replace("%2", str(selection.tally.spans))
                .replace("%3", isolate_path(str(out)))  # whole in an Arabic line (item 21)
            )

        self._start(work, self.tr("Exporting…"))

    def import_annotations(
        self,
        format_name: str,
        paths: list[Path],
        annotator: str | None,
        protect: list[str],
        replace_changed: bool = False,
    ) -> None:
        """Import annotations in the background, all or nothing; the layers of `protect`
        (the person at this workstation) are never touched. When layers changed since their
        last import, ask whether to replace them, and if so import again replacing them."""
        reader = FORMATS[format_name].read
        assert reader is not None

        def work(store: SqliteStore, progress: Callable[[int, int], bool]) -> str:
            report = import_bundle(
                store,
                reader(paths),
                ", ".join(map(str, paths)),
                annotator,
                replace_changed=replace_changed,
                protect=protect,
            )
            self.notes = report.notes  # read by the window once `finished` arrives
            self.changes = report.changes
            return self._imported_message(report)

        def retry() -> None:
            self.import_annotations(format_name, paths, annotator, protect, True)

        self._start(work, self.tr("Importing annotations…"), retry)

    def _imported_message(self, report: TransferReport) -> str:
        message = (
            self.tr("Imported %1 spans and %2 links (%3 documents new, %4 matched)")
            .replace("%1", str(report.spans_added))
            .replace("%2", str(report.links_added))
            .replace("%3", str(report.documents_added))
            .replace("%4", str(report.documents_matched))
        ) + "."
        if report.layers_unchanged:
            message += " " + self.tr("%n layer(s) unchanged.", "", report.layers_unchanged)
        if report.layers_replaced:
            message += " " + self.tr("%n layer(s) replaced.", "", report.layers_replaced)
        if report.layers_protected:
            message += " " + self.tr(
                "%n layer(s) under your own name left out: yours are never changed by an import.",
                "",
                report.layers_protected,
            )
        if report.notes:
            message += " " + self.tr(
                "%n note(s) on what the files held that was left out or kept apart.",
                "",
                len(report.notes),
            )
        return message

    def _confirm_replace(self, error: LayersChanged) -> bool:
        changes = error.changes
        lines = [
            self.tr("%1 on “%2” (%3 spans here, %4 in the file)")
            .replace("%1", isolate(c.annotator))
            .replace(
                "%2",
                isolate(c.title or self.tr("document %1").replace("%1", str(c.document_id))),
            )
            .replace("%3", str(c.spans_before))
            .replace("%4", str(c.spans_after))
            for c in changes[:12]
        ]
        if len(changes) > 12:
            lines.append(self.tr("… and %n more", "", len(changes) - 12))
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Replace Changed Layers?"))
        box.setText(
            self.tr(
                "%n layer(s) in this package differ from the copies imported before: the"
                " colleague has changed them since.",
                "",
                len(changes),
            )
        )
        box.setInformativeText(
            self.tr("Replace them with the package's version? Nothing else is changed.")
        )
        box.setDetailedText("\n".join(lines))
        replace = box.addButton(self.tr("Replace"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(replace)
        box.exec()
        return box.clickedButton() is replace

    def start_job(
        self, work: Callable[[SqliteStore, Callable[[int, int], bool]], str], title: str
    ) -> None:
        """Run other long work the same way: on its own connection, with progress and Cancel
        (raise annotation.ports.Cancelled when `progress` returns False); `finished` tells how it ended."""
        self._start(work, title)

    def _start(
        self,
        work: Callable[[SqliteStore, Callable[[int, int], bool]], str],
        title: str,
        retry: Callable[[], None] | None = None,
    ) -> None:
        if self._job is not None:
            return
        self.notes, self.changes = [], Changes()
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

        def changed(error: LayersChanged) -> None:
            dialog.close()
            dialog.deleteLater()
            job.wait()
            self._job = None
            if retry is not None and self._confirm_replace(error):
                retry()
            else:
                self.finished.emit(False, self.tr("Import cancelled: nothing was changed."))

        job.succeeded.connect(lambda message: ended(True, message))
        job.failed.connect(lambda message: ended(False, message))
        job.layers_changed.connect(changed)
        self._job = job
        job.start()

    def wait(self) -> None:
        """Wait for a running job (on quit)."""
        if self._job is not None:
            self._job.cancel_requested.set()
            self._job.wait()
