"""BackgroundRunner: the window's long work on a worker thread, one job at a time, each on a
store of its own opened through the connector, behind a progress dialog with Cancel: imports of
articles, exports, imports of annotations (all or nothing, so a cancel or an error keeps
nothing of them), and any other job (`start_job`: the assistant's run over the corpus).

The Search tab's searches have a runner of their own (ui/search/runner.py): they show no
dialog, cannot be cancelled by a person, and a newer request replaces one still waiting.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from annotation.changes import Changes
from annotation.exchange.bundle import ExportOptions
from annotation.exchange.formats import FORMATS
from annotation.exchange.selection import select
from annotation.exchange.transfer import LayersChanged, TransferReport, import_bundle
from annotation.importing import ImportOptions, ImportProgress, import_articles
from annotation.model import DocumentId, Status
from annotation.ports import Cancelled, Connect, Store
from db.location import check_output
from ui.wording import isolate, isolate_path

# Long work: a store of its own, and a way to say how far it has got (False: stop, cancelled).
Work = Callable[[Store, Callable[[int, int], bool]], str]


class _Job(QThread):
    """Runs one piece of work on its own connection to the database, so the window's
    connection never sees half of it. The thread ends when run() returns (no event loop), so
    waiting for it never depends on a queued quit() reaching it."""

    progressed = Signal(object)  # what the work last reported: (done, total), or ImportProgress
    succeeded = Signal(object)  # what the work returned
    cancelled = Signal()
    failed = Signal(object)  # the exception that ended it; an import rolled back

    def __init__(self, connector: Connect, work: Callable[[Store, Callable[[Any], bool]], object]):
        super().__init__()
        self.connector, self.work = connector, work
        self.cancel_requested = threading.Event()

    def run(self) -> None:
        try:
            store = self.connector()
        except Exception as error:  # a database that cannot be opened is said, not hung on
            self.failed.emit(error)
            return
        try:
            result = self.work(store, self._progress)
        except Cancelled:
            self.cancelled.emit()
        except Exception as error:  # shown to the person
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)
        finally:
            store.close()

    def _progress(self, progress: object) -> bool:
        self.progressed.emit(progress)
        return not self.cancel_requested.is_set()


class BackgroundRunner(QObject):
    """Starts imports, exports and other jobs, one at a time. An import of articles ends with
    exactly one of `import_finished`, `import_cancelled` and `import_crashed`; every other job
    says how it ended with `finished(ok, message)`."""

    finished = Signal(bool, str)
    import_finished = Signal(object)  # ImportReport
    import_cancelled = Signal()
    import_crashed = Signal(str)

    def __init__(self, connector: Connect, window: QWidget) -> None:
        super().__init__(window)
        self.connector, self.window = connector, window
        self._job: _Job | None = None
        # What the last import's files held that it left out or kept apart (TransferReport
        # notes): the window lists them, as nothing is lost unseen.
        self.notes: list[str] = []
        self.changes = Changes()  # what the last import wrote, for the views

    def is_running(self) -> bool:
        """True while a job is under way."""
        return self._job is not None

    def import_articles(self, paths: Sequence[Path], options: ImportOptions) -> None:
        """Import article files in the background, showing each file as it is read."""
        if self._job is not None:
            raise RuntimeError("a job is already running")
        # Worded in the context the Arabic catalogue has them under: ImportRunner, the
        # runner of article imports before this one took its work over.
        translate = QCoreApplication.translate
        dialog = QProgressDialog(
            translate("ImportRunner", "Reading files…"),
            translate("ImportRunner", "Cancel"),
            0,
            0,
            self.window,
        )
        dialog.setWindowTitle(translate("ImportRunner", "Importing articles"))
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)

        def show_progress(progress: ImportProgress) -> None:
            done, total, current = progress.done, progress.total, progress.current
            dialog.setMaximum(total)
            dialog.setValue(done)
            dialog.setLabelText(
                translate("ImportRunner", "File %1 of %2: %3\n%4 articles read")
                .replace("%1", str(min(done + 1, total)))
                .replace("%2", str(total))
                .replace("%3", isolate_path(Path(current).name) if current else "")
                .replace("%4", f"{progress.articles:,}")
            )

        def crashed(error: Exception) -> None:  # the transaction was rolled back
            self.import_crashed.emit(f"{type(error).__name__}: {error}")

        self._run(
            lambda store, progress: import_articles(store, list(paths), options, progress),
            dialog,
            show_progress,
            self.import_finished.emit,
            self.import_cancelled.emit,
            crashed,
        )

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

        def work(store: Store, progress: Callable[[int, int], bool]) -> str:
            # Checked again here, whoever asked: never over the database, a device or a folder.
            fmt = FORMATS[format_name]
            database = self.connector.location
            check_output(
                out, database, folder=fmt.writes_folder(out), companions=fmt.companions(out)
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

        def work(store: Store, progress: Callable[[int, int], bool]) -> str:
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

    def start_job(self, work: Work, title: str) -> None:
        """Run other long work the same way: on its own connection, with progress and Cancel
        (raise annotation.ports.Cancelled when `progress` returns False); `finished` tells how
        it ended."""
        self._start(work, title)

    def _start(self, work: Work, title: str, retry: Callable[[], None] | None = None) -> None:
        """Run `work` behind a dialog titled `title`; `finished` says how it ended. When an
        import stops at layers that changed, `retry` runs if the person agrees to replace them."""
        if self._job is not None:
            return
        self.notes, self.changes = [], Changes()
        dialog = QProgressDialog(title, self.tr("Cancel"), 0, 0, self.window)

        def show_progress(progress: tuple[int, int]) -> None:
            done, total = progress
            dialog.setMaximum(total)
            dialog.setValue(done)

        def failed(error: Exception) -> None:
            if not isinstance(error, LayersChanged):
                cancelled = self.tr("Cancelled: nothing was written.")
                self.finished.emit(False, str(error) or cancelled)
            elif retry is not None and self._confirm_replace(error):  # nothing written yet
                retry()
            else:
                self.finished.emit(False, self.tr("Import cancelled: nothing was changed."))

        self._run(
            lambda store, report: work(store, lambda done, total: report((done, total))),
            dialog,
            show_progress,
            lambda message: self.finished.emit(True, message),
            lambda: self.finished.emit(False, self.tr("Cancelled: nothing was written.")),
            failed,
        )

    def _run(
        self,
        work: Callable[[Store, Callable[[Any], bool]], object],
        dialog: QProgressDialog,
        show_progress: Callable[[Any], None],
        succeeded: Callable[[Any], None],
        cancelled: Callable[[], None],
        failed: Callable[[Exception], None],
    ) -> None:
        """Start `work` on a thread of its own behind `dialog`; once the dialog is gone and
        the thread has ended, call the one of `succeeded`, `cancelled` or `failed` that says
        how it ended (so is_running() is False by then, and another job may start)."""
        job = _Job(self.connector, work)
        dialog.setMinimumDuration(300)
        # Modal: an import holds the database's write lock until it ends, so an edit made
        # meanwhile would only wait and then fail.
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.canceled.connect(job.cancel_requested.set)
        job.progressed.connect(show_progress)

        def ended() -> None:
            dialog.close()
            dialog.deleteLater()
            job.wait()  # run() has returned: this only joins the OS thread
            self._job = None

        def on_success(result: object) -> None:
            ended()
            succeeded(result)

        def on_cancel() -> None:
            ended()
            cancelled()

        def on_failure(error: Exception) -> None:
            ended()
            failed(error)

        job.succeeded.connect(on_success)
        job.cancelled.connect(on_cancel)
        job.failed.connect(on_failure)
        self._job = job
        job.start()

    def wait(self) -> None:
        """Cancel a running job (an import keeps nothing of it) and wait for it to end (on quit)."""
        if self._job is not None:
            self._job.cancel_requested.set()
            self._job.wait()
