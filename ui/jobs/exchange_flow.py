"""ExchangeFlow: File > Export Annotations and Import Annotations as a person meets them: the
export dialog, choosing files by format, and what the window shows when the work is done."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from annotation.exchange.formats import FORMATS
from ui.actions import Actions
from ui.jobs.background_runner import BackgroundRunner
from ui.jobs.export_dialog import ExportDialog, format_descriptions
from ui.session.qt_session import Session


class ExchangeFlow(QObject):
    """Runs exports and annotation imports for the window."""

    message = Signal(str)  # for the status bar

    def __init__(
        self, session: Session, runner: BackgroundRunner, actions: Actions, window: QWidget
    ) -> None:
        super().__init__(window)
        self.session, self.window, self.runner = session, window, runner
        self.runner.finished.connect(self._finished)
        actions.export.triggered.connect(self.export)
        actions.import_annotations.triggered.connect(self.import_annotations)

    def export(self) -> None:
        """Ask what to export, then export it in the background."""
        current = self.session.document.id if self.session.document else None
        database = self.runner.connector.location  # never exported over
        dialog = ExportDialog(self.session.annotator, current, self.window, database)
        if dialog.exec() == ExportDialog.DialogCode.Accepted:
            self.runner.export(
                dialog.format_name(),
                dialog.out(),
                dialog.annotators(),
                dialog.document_ids(),
                dialog.status(),
                dialog.utf16.isChecked(),
                dialog.predictions_layer(),
            )

    def import_annotations(self) -> None:
        """Bring in annotations: a colleague's Hamish export, or another tool's files. The
        layers of the person at this workstation are never changed by an import."""
        described = format_descriptions()  # in the interface's language
        readable = {
            f"{described[name]} ({' '.join('*' + suffix for suffix in fmt.suffixes)})": name
            for name, fmt in FORMATS.items()
            if fmt.read is not None
        }
        names, chosen = QFileDialog.getOpenFileNames(
            self.window, self.tr("Import Annotations"), "", ";;".join(readable)
        )
        if names:
            format_name = readable.get(chosen, "json")
            paths = [Path(name) for name in names]
            # The person at this workstation (from Settings), and the layer open now (which
            # may be gold, opened from the compare window): neither is ever changed by an import.
            person = str(QSettings().value("annotator", "") or "")
            protect = sorted({name for name in (person, self.session.annotator) if name})
            self.runner.import_annotations(format_name, paths, None, protect)

    def _finished(self, ok: bool, message: str) -> None:
        if ok:
            self.message.emit(message)
            self.session.publish(self.runner.changes)  # nothing, after an export
            if self.runner.notes:
                self._show_notes(message, self.runner.notes)
        else:
            QMessageBox.warning(self.window, self.tr("Nothing was changed"), message)

    def _show_notes(self, message: str, notes: list[str]) -> None:
        """What an import left out, kept apart or joined, each note naming file and record."""
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Imported, with Notes"))
        box.setText(message)
        box.setInformativeText(self.tr("Show Details lists every note, file and record."))
        box.setDetailedText("\n\n".join(notes))
        box.open()  # not exec(): the window stays usable, and tests need no event loop
