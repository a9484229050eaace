"""ImportFlow: the File menu's import as a person meets it: choosing files, the progress
dialog, the report, and the offer to skip a bad file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from annotation.importing import ImportOptions, ImportReport
from ui.actions import Actions
from ui.jobs.background_runner import BackgroundRunner
from ui.session.qt_session import Session


class ImportFlow(QObject):
    """Runs imports for the window; `finished` fires once each import has been dealt with."""

    message = Signal(str)  # for the status bar
    finished = Signal()

    def __init__(
        self, session: Session, runner: BackgroundRunner, actions: Actions, window: QWidget
    ) -> None:
        super().__init__(window)
        self.session = session
        self.window = window
        self.actions = actions
        self.runner = runner
        self._last: tuple[list[Path], ImportOptions] | None = None
        self.runner.import_finished.connect(self._finished)
        self.runner.import_cancelled.connect(self._cancelled)
        self.runner.import_crashed.connect(self._crashed)
        actions.import_files.triggered.connect(self.choose_files)
        actions.import_folder.triggered.connect(self.choose_folder)

    def choose_files(self) -> None:
        """Ask for article files and import them."""
        kinds = self.tr("Articles (*.txt *.json *.jsonl *.ndjson *.zip);;All files (*)")
        names, _ = QFileDialog.getOpenFileNames(self.window, self.tr("Import Articles"), "", kinds)
        if names:
            self.start([Path(name) for name in names])

    def choose_folder(self) -> None:
        """Ask for a folder and import every article in it."""
        name = QFileDialog.getExistingDirectory(self.window, self.tr("Import Folder"))
        if name:
            self.start([Path(name)])

    def start(self, paths: list[Path], skip_bad: bool = False) -> None:
        """Import `paths` in the background with a progress dialog."""
        if self.runner.is_running():  # not from the menus: a job's dialog is window-modal
            return
        options = ImportOptions(
            skip_bad=skip_bad, strip_boilerplate=self.actions.strip_footers.isChecked()
        )
        self._last = (paths, options)
        self._enable(False)
        self.runner.import_articles(paths, options)

    def cancel_and_wait(self) -> None:
        """Cancel the running job, an import or any other (an import keeps nothing), and
        wait for it to end."""
        self.runner.wait()

    def _enable(self, enabled: bool) -> None:
        self.actions.import_files.setEnabled(enabled)
        self.actions.import_folder.setEnabled(enabled)

    def _finished(self, report: ImportReport) -> None:
        self._enable(True)
        if report.database_refused:
            self._crashed("\n".join(str(error) for error in report.failed))
            return
        if report.failed:
            self._offer_skip_bad(report)
        else:
            self.session.publish(report.changes)
            self._report(report)
        self.finished.emit()

    def _report(self, report: ImportReport) -> None:
        summary = (
            self.tr(
                "Imported %n article(s); %1 duplicates and %2 empty texts skipped.",
                "",
                report.imported,
            )
            .replace("%1", str(report.duplicates))
            .replace("%2", str(report.empty))
        )
        if report.skipped:
            details = "\n".join(str(error) for error in report.skipped)
            text = summary + "\n\n" + self.tr("Skipped files:") + "\n" + details
            QMessageBox.warning(self.window, self.tr("Import"), text)
        else:
            self.message.emit(summary)

    def _offer_skip_bad(self, report: ImportReport) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            self.tr("Import refused"),
            self.tr("Nothing was imported, because a file could not be read:"),
            parent=self.window,
        )
        box.setInformativeText("\n".join(str(error) for error in report.failed))
        skip = box.addButton(
            self.tr("Skip Bad Files and Import the Rest"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is skip and self._last and not self._last[1].skip_bad:
            self.start(self._last[0], skip_bad=True)

    def _cancelled(self) -> None:
        self._enable(True)
        self.message.emit(self.tr("Import cancelled: nothing was imported."))
        self.finished.emit()

    def _crashed(self, message: str) -> None:
        self._enable(True)
        QMessageBox.critical(
            self.window,
            self.tr("Import failed"),
            self.tr("Nothing was imported.") + "\n\n" + message,
        )
        self.finished.emit()
