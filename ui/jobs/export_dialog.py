"""ExportDialog: File > Export: which format, which documents and layers, where; the export
then runs in the background with progress and a Cancel button (ui/jobs/background_runner.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from annotation.assistant.pending import ASSISTANT
from annotation.exchange.formats import FORMATS
from annotation.model import DocumentId, Status
from db.location import OutputRefused, check_output
from ui.wording import isolate_path


def format_descriptions() -> dict[str, str]:
    """Each format's description in the interface language, by format name; the ones in
    annotation/ are English and name command-line options (issue 14, item 19)."""
    # Spelt out for lupdate, which finds only literal translate() calls; the context is the
    # one the strings always had in the .ts files.
    translate = QCoreApplication.translate
    return {
        "json": translate(
            "ExportDialog", "Hamish's own: everything, versioned, with a published schema"
        ),
        "csv": translate(
            "ExportDialog",
            "spans, links, entities and documents as CSV for spreadsheets (a folder, or a .zip)",
        ),
        "jsonl": translate("ExportDialog", "one document a line with its spans and links"),
        "brat": translate(
            "ExportDialog",
            "brat standoff: a .txt and .ann a document, with annotation.conf (a new folder)",
        ),
        "conll": translate(
            "ExportDialog",
            "CoNLL IOB2 for NER tools: speakers and locations, a token a line (a new folder)",
        ),
        "labelstudio": translate(
            "ExportDialog",
            "Label Studio tasks with annotations and relations, and its right-to-left "
            "labeling config",
        ),
        "doccano": translate(
            "ExportDialog",
            "doccano relation JSONL (doccano drops overlapping spans unless the project "
            "allows overlap)",
        ),
        "xmi": translate(
            "ExportDialog",
            "UIMA CAS XMI with its TypeSystem.xml, for INCEpTION (UTF-16 offsets; a new folder)",
        ),
    }


class ExportDialog(QDialog):
    """Asks what to export and where."""

    def __init__(
        self,
        annotator: str,
        current_document: DocumentId | None,
        parent: QWidget | None = None,
        database: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.setWindowTitle(self.tr("Export Annotations"))
        self.annotator = annotator
        self.current_document = current_document
        self.format = QComboBox()
        descriptions = format_descriptions()
        for name, fmt in FORMATS.items():
            # The name (json, brat) stays a left-to-right run in an Arabic line.
            described = descriptions.get(name, fmt.description)
            self.format.addItem(f"{isolate_path(name)} — {described}", name)
        self.documents = QComboBox()
        self.documents.addItem(self.tr("All documents"), "all")
        self.documents.addItem(self.tr("Documents marked done"), "done")
        if current_document is not None:
            self.documents.addItem(self.tr("The open document"), "current")
        self.layers = QComboBox()
        self.layers.addItem(self.tr("My layer (%1)").replace("%1", annotator), "mine")
        self.layers.addItem(self.tr("Every annotator's layer"), "all")
        self.utf16 = QCheckBox(self.tr("Offsets in UTF-16 units (for tools that count them)"))
        self.utf16.setToolTip(
            self.tr(
                "Label Studio 1.23.2 counts code points: leave this off for it. XMI is always"
                " in UTF-16 units."
            )
        )
        # Label Studio's own place for a model's output: the person reviews it there.
        self.predictions = QCheckBox(
            self.tr("The assistant's suggestions as predictions, to review in Label Studio")
        )
        self.path = QLineEdit()
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # Why the destination cannot be written (the database itself, a device, a missing
        # folder), said under it; the dialog stays open so the person can choose again.
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.hide()
        self.path.textChanged.connect(self._update)
        self.format.currentIndexChanged.connect(self._update)
        layout = self.form = QFormLayout(self)
        layout.addRow(self.tr("Format:"), self.format)
        layout.addRow(self.tr("Documents:"), self.documents)
        layout.addRow(self.tr("Layers:"), self.layers)
        layout.addRow("", self.utf16)
        layout.addRow("", self.predictions)
        layout.addRow(self.tr("Save to:"), where)
        layout.addRow("", self.problem)
        layout.addRow(self.buttons)
        self._update()

    def _choose(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export To"), self.path.text())
        if name:
            self.path.setText(name)

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.path.text().strip()))
        self.problem.hide()
        self.form.setRowVisible(self.predictions, self.format_name() == "labelstudio")

    def accept(self) -> None:
        """Close only on a destination that may be written."""
        out = self.out()
        try:
            fmt = FORMATS[self.format_name()]
            check_output(
                out, self.database, folder=fmt.writes_folder(out), companions=fmt.companions(out)
            )
        except OutputRefused as refusal:
            self.problem.setText(str(refusal))
            self.problem.show()
            self.path.setFocus()
            self.path.selectAll()
            return
        super().accept()

    # What was chosen

    def format_name(self) -> str:
        """The chosen format's name."""
        return str(self.format.currentData())

    def out(self) -> Path:
        """Where to write."""
        return Path(self.path.text().strip()).expanduser()

    def annotators(self) -> list[str] | None:
        """Whose layers (None: everyone's); the assistant's too when it goes as predictions."""
        if self.layers.currentData() != "mine":
            return None
        return [self.annotator, ASSISTANT] if self.predictions_layer() else [self.annotator]

    def predictions_layer(self) -> str | None:
        """The layer written as Label Studio predictions, if any."""
        wanted = self.format_name() == "labelstudio" and self.predictions.isChecked()
        return ASSISTANT if wanted else None

    def document_ids(self) -> list[DocumentId] | None:
        """Which documents (None: all)."""
        if self.documents.currentData() == "current" and self.current_document is not None:
            return [self.current_document]
        return None

    def status(self) -> Status | None:
        """Only documents at this status."""
        return Status.DONE if self.documents.currentData() == "done" else None
