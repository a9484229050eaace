"""AgreementDashboard: how far annotators agree, in the window: charts, labels, documents.

The figures are those of the `agreement` command (annotation/agreement/loading.py loads them,
ui/report/summary.py reads them), the charts those of the `report` command (ui/report/charts.py),
drawn to PNG for QLabels. Comparing runs on the GUI thread: a few hundred documents take well
under a second; a corpus of thousands would want a worker thread (ui/jobs/background_runner.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotation.agreement import load_corpus_agreement
from annotation.changes import Changes
from annotation.model import DocumentId
from annotation.ports import ConnectionLostError
from annotation.tagset import TagSet, load_tagset
from ui.report.charts import DPI, ChartText, agreement_charts, png
from ui.report.summary import AgreementSummary, Figures, summarize
from ui.review.agreement_models import DocumentAgreementModel, FigureSortProxy, figure_text
from ui.review.progress_panel import ProgressPanel, ProgressSource
from ui.wording import isolate

REREAD_DELAY_MS = 300


class AgreementDashboard(QDialog):
    """Agreement between two or more annotators chosen from the store's."""

    # A document's id, when its row is double-clicked: the main window opens it.
    open_document = Signal(int)

    def __init__(
        self,
        store: ProgressSource,
        annotators: Sequence[str],
        parent: QWidget | None = None,
        *,
        tagset: TagSet | None = None,
        language: str = "en",
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.tagset = tagset or load_tagset()
        self.language = language  # for the labels' own titles, from the tag set
        self.summary: AgreementSummary | None = None
        self.setWindowTitle(self.tr("Agreement between annotators"))
        self.resize(980, 700)

        self.annotator_list = QListWidget()
        self.annotator_list.setFlow(QListWidget.Flow.LeftToRight)
        self.annotator_list.setWrapping(True)
        self.annotator_list.setToolTip(
            self.tr("The first annotator checked is the reference for precision and recall.")
        )
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.chart_labels: dict[str, QLabel] = {}
        self.charts = QWidget()
        self.charts_layout = QVBoxLayout(self.charts)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.charts)

        self.label_table = QTableWidget()
        self.label_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.label_table.verticalHeader().hide()
        self.label_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

        # Links and claim attributes, as the terminal's `agreement` prints them.
        self.links_table = QTableWidget()
        self.links_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.links_table.verticalHeader().hide()
        self.links_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.links_table.horizontalHeader().setStretchLastSection(True)

        self.document_model = DocumentAgreementModel(self)
        self.document_proxy = FigureSortProxy(self)
        self.document_proxy.setSourceModel(self.document_model)
        self.document_view = QTableView()
        self.document_view.setModel(self.document_proxy)
        self.document_view.setSortingEnabled(True)
        self.document_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.document_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.document_view.verticalHeader().hide()
        header = self.document_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DocumentAgreementModel.TITLE, QHeaderView.ResizeMode.Stretch)
        self.document_view.doubleClicked.connect(self._open)
        # Worst first: the documents to discuss with the annotators come to the top.
        self.document_view.sortByColumn(
            DocumentAgreementModel.OVERLAP_F1, Qt.SortOrder.AscendingOrder
        )

        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, self.tr("Charts"))
        self.tabs.addTab(self.label_table, self.tr("By label"))
        self.tabs.addTab(self.links_table, self.tr("Links and claims"))
        self.tabs.addTab(self.document_view, self.tr("Documents"))
        self.progress = ProgressPanel(store, self.tagset)
        self.tabs.addTab(self.progress, self.tr("Progress"))
        # Edits come in bursts (a status, then the next document's spans): one re-read for
        # a burst, a moment after it.
        self._reread = QTimer(self)
        self._reread.setSingleShot(True)
        self._reread.setInterval(REREAD_DELAY_MS)
        self._reread.timeout.connect(self.refresh)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel(self.tr("Annotators:")))
        chooser.addWidget(self.annotator_list, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(chooser)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

        self._fill_annotators(annotators)
        self.annotator_list.itemChanged.connect(self.refresh)
        self.refresh()

    # What is compared

    def chosen_annotators(self) -> list[str]:
        """The checked annotators, in the list's order (the first is the reference)."""
        items = (self.annotator_list.item(row) for row in range(self.annotator_list.count()))
        return [item.text() for item in items if item.checkState() == Qt.CheckState.Checked]

    def set_annotators(self, names: Sequence[str]) -> None:
        """Check exactly these annotators and compare them."""
        self.annotator_list.blockSignals(True)
        for row in range(self.annotator_list.count()):
            item = self.annotator_list.item(row)
            checked = item.text() in names
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.annotator_list.blockSignals(False)
        self.refresh()

    def _fill_annotators(self, chosen: Sequence[str]) -> None:
        known = self.store.annotator_names()
        # The chosen ones first, in the order given: the first is the reference.
        for name in [*(n for n in chosen if n in known), *(n for n in known if n not in chosen)]:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in chosen else Qt.CheckState.Unchecked)
            self.annotator_list.addItem(item)
        # One row of names; a scroll bar appears if they ever need more.
        frame = 2 * self.annotator_list.frameWidth()
        self.annotator_list.setFixedHeight(self.annotator_list.sizeHintForRow(0) + frame + 8)

    def show_changes(self, changes: Changes) -> None:
        """Re-read, a moment later, when a write changed statuses, spans or assignments
        (this window's edits, or another workstation's); hidden, it re-reads when shown."""
        touched = changes.everything or changes.corpus or changes.statuses
        touched = touched or changes.assignments or changes.documents
        if touched and self.isVisible():
            self._reread.start()

    def refresh(self) -> None:
        """Compare the checked annotators again and show the result; while the team server
        cannot be reached, what was shown stays, and the status line says so."""
        try:
            self._compare()
        except ConnectionLostError:
            self.status.setText(
                self.tr(
                    "The team server cannot be reached: these figures are as last read. They"
                    " are read again when it is back."
                )
            )

    def _compare(self) -> None:
        names = self.chosen_annotators()
        self.progress.refresh(names)
        if len(names) < 2:
            self.summary = None
            self.status.setText(self.tr("Check two or more annotators to compare."))
            self.document_model.set_rows([], [])
            self.label_table.clear()
            self.label_table.setRowCount(0)
            self.links_table.clear()
            self.links_table.setRowCount(0)
            self._show_charts(None)
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = load_corpus_agreement(self.store, names)
            self.summary = summarize(result, self.tagset)
        finally:
            QApplication.restoreOverrideCursor()
        # The rows first: the states' words name the annotators they were given.
        self.document_model.set_rows(self.summary.documents, names)
        self.status.setText(self._states_text(self.summary))
        self._fill_label_table(self.summary)
        self._fill_links_table(self.summary)
        self._show_charts(self.summary)

    # Showing it

    def _states_text(self, summary: AgreementSummary) -> str:
        if not summary.documents:
            return self.tr("None of them has touched a document yet.")
        states = self.tr(", ").join(
            f"{count} {self.document_model.state_words(state)}"
            for state, count in summary.states.items()
        )
        return (
            self.tr("%n document(s): %1; %2 pooled into the figures", "", len(summary.documents))
            .replace("%1", states)
            .replace("%2", str(summary.documents_compared))
        )

    def _fill_label_table(self, summary: AgreementSummary) -> None:
        fleiss = len(summary.annotators) > 2
        headers = [
            self.tr("Label"),
            self.tr("Exact F1"),
            self.tr("Overlap F1"),
            self.tr("Kappa"),
            self.tr("Alpha"),
        ]
        headers += [self.tr("Fleiss' kappa")] if fleiss else []
        rows: list[tuple[str, Figures]] = [
            (row.arabic_title if self.language == "ar" else row.title, row.figures)
            for row in summary.labels
        ]
        rows.append((self.tr("Overall"), summary.overall))
        self.label_table.clear()
        self.label_table.setColumnCount(len(headers))
        self.label_table.setHorizontalHeaderLabels(headers)
        self.label_table.setRowCount(len(rows))
        for row, (title, figures) in enumerate(rows):
            values = [figures.exact_f1, figures.overlap_f1, figures.kappa, figures.alpha]
            values += [figures.fleiss_kappa] if fleiss else []
            self.label_table.setItem(row, 0, QTableWidgetItem(title))
            for column, value in enumerate(values, 1):
                item = QTableWidgetItem(figure_text(value))
                item.setTextAlignment(
                    Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter
                )
                self.label_table.setItem(row, column, item)

    def _fill_links_table(self, summary: AgreementSummary) -> None:
        """Link F1, precision and recall (claim to speaker), then each claim attribute's
        observed agreement and kappa over the claims both annotators matched."""
        links = summary.links
        rows: list[tuple[str, str, float | None, str]] = [
            (self.tr("Claim → speaker links"), self.tr("F1"), links.f1, self._links_over(summary)),
            ("", self.tr("Precision"), links.precision, ""),
            ("", self.tr("Recall"), links.recall, ""),
        ]
        for attribute in summary.attributes:
            over = (
                self.tr("claims where both chose: %1").replace("%1", str(attribute.claims))
                if attribute.claims is not None
                else ""
            )
            what = self.tr("Claims' %1").replace("%1", attribute.name)
            rows.append((what, self.tr("Agreement"), attribute.observed, over))
            rows.append(("", self.tr("Kappa"), attribute.kappa, ""))
        headers = [self.tr("What"), self.tr("Measure"), self.tr("Figure"), self.tr("Over")]
        self.links_table.clear()
        self.links_table.setColumnCount(len(headers))
        self.links_table.setHorizontalHeaderLabels(headers)
        self.links_table.setRowCount(len(rows))
        for row, (what, measure, value, over) in enumerate(rows):
            figure = QTableWidgetItem(figure_text(value))
            figure.setTextAlignment(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
            for column, item in enumerate(
                (QTableWidgetItem(what), QTableWidgetItem(measure), figure, QTableWidgetItem(over))
            ):
                self.links_table.setItem(row, column, item)

    def _links_over(self, summary: AgreementSummary) -> str:
        links = summary.links
        if links.matched is None or len(summary.annotators) != 2:
            return self.tr("the mean over every pair")
        a, b = summary.annotators
        return (
            self.tr("%1 matched; %2 has %3, %4 has %5")
            .replace("%1", str(links.matched))
            .replace("%2", isolate(a))
            .replace("%3", str(links.a_count))
            .replace("%4", isolate(b))
            .replace("%5", str(links.b_count))
        )

    def _chart_text(self) -> ChartText:
        return ChartText(
            exact_f1=self.tr("exact F1"),
            overlap_f1=self.tr("overlap F1"),
            kappa=self.tr("kappa"),
            alpha=self.tr("alpha"),
            overall=self.tr("overall"),
            by_label=self.tr("Agreement by label"),
            by_pair=self.tr("Agreement by pair of annotators"),
            histogram=self.tr("Documents by overlap F1"),
            documents=self.tr("documents"),
            worst=self.tr("The documents with the lowest overlap F1"),
            nothing=self.tr("No document could be compared"),
            missing=self.tr("n/a"),
            label_language=self.language,
        )

    def _show_charts(self, summary: AgreementSummary | None) -> None:
        for label in self.chart_labels.values():
            self.charts_layout.removeWidget(label)
            label.deleteLater()
        self.chart_labels = {}
        if summary is None:
            return
        # Drawn at the screen's pixel density, so charts stay sharp on high-DPI screens.
        ratio = self.devicePixelRatioF()
        for chart in agreement_charts(summary, self._chart_text()):
            pixmap = QPixmap()
            pixmap.loadFromData(png(chart, round(DPI * ratio)), "PNG")
            pixmap.setDevicePixelRatio(ratio)
            label = QLabel()
            label.setPixmap(pixmap)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.charts_layout.addWidget(label)
            self.chart_labels[chart.name] = label

    def _open(self, index: QModelIndex) -> None:
        row = self.document_proxy.mapToSource(index).row()
        document_id: DocumentId | None = self.document_model.document_id(row)
        if document_id is not None:
            self.open_document.emit(int(document_id))
