"""ProgressPanel: the dashboard's view of the team's work: each annotator's assigned documents
(not started, in progress, done) and the agreement on the documents two or more of the
compared annotators finished.

Agreement is measured on finished documents only: one still being annotated would count as
disagreement that is only work not yet done. The panel is re-read when the window's Changes
say statuses, spans or assignments changed (AgreementDashboard.show_changes).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotation.agreement import LayerSource, load_corpus_agreement
from annotation.assignment import Progress, finished_by_two_or_more, progress
from annotation.ports import AssignmentStore
from annotation.tagset import TagSet
from ui.report.summary import summarize
from ui.review.agreement_models import figure_text


class ProgressSource(LayerSource, AssignmentStore, Protocol):
    """What the panel reads: assignments, statuses and the layers to compare."""


class ProgressPanel(QWidget):
    """A row per assigned annotator, and a line of agreement on finished documents."""

    ANNOTATOR, ASSIGNED, NOT_STARTED, IN_PROGRESS, DONE = range(5)

    def __init__(self, store: ProgressSource, tagset: TagSet, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.tagset = store, tagset
        self.rows: list[Progress] = []
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.agreement = QLabel()
        self.agreement.setWordWrap(True)
        self.agreement.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.agreement)

    def refresh(self, annotators: Sequence[str]) -> None:
        """Read the assignments and statuses again; agreement of `annotators` on the
        documents two or more of them marked done."""
        given = self.store.assignments()
        assigned = sorted({assignment.annotator for assignment in given})
        self.rows = progress(given, self.store.recorded_statuses(assigned) if assigned else [])
        self._fill_table()
        self.agreement.setText(self._agreement_text(annotators))

    def _fill_table(self) -> None:
        headers = [
            self.tr("Annotator"),
            self.tr("Assigned"),
            self.tr("Not started"),
            self.tr("In progress"),
            self.tr("Done"),
        ]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(self.rows))
        for row, each in enumerate(self.rows):
            self.table.setItem(row, self.ANNOTATOR, QTableWidgetItem(each.annotator))
            for column, value in (
                (self.ASSIGNED, each.assigned),
                (self.NOT_STARTED, each.not_started),
                (self.IN_PROGRESS, each.in_progress),
                (self.DONE, each.done),
            ):
                item = QTableWidgetItem(str(value))
                item.setTextAlignment(
                    Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter
                )
                self.table.setItem(row, column, item)

    def _agreement_text(self, annotators: Sequence[str]) -> str:
        nobody = self.tr("Nobody has been assigned documents yet (Review > Assign Documents…).")
        intro = "" if self.rows else nobody
        if len(annotators) < 2:
            return intro
        finished = finished_by_two_or_more(self.store.recorded_statuses(annotators))
        if not finished:
            words = self.tr("No document has been marked done by two or more of them yet.")
            return f"{intro} {words}".strip()
        overall = summarize(
            load_corpus_agreement(self.store, annotators, None, finished), self.tagset
        ).overall
        # No plural form (%n): "documents: 2" reads in every language without one.
        words = (
            self.tr(
                "Documents two or more of them finished: %1. On those: exact F1 %2,"
                " overlap F1 %3, kappa %4, alpha %5."
            )
            .replace("%1", str(len(finished)))
            .replace("%2", figure_text(overall.exact_f1))
            .replace("%3", figure_text(overall.overlap_f1))
            .replace("%4", figure_text(overall.kappa))
            .replace("%5", figure_text(overall.alpha))
        )
        return f"{intro} {words}".strip()
