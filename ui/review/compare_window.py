"""CompareWindow: two annotators' layers of one document side by side (or overlaid), coloured
by how they differ, with the list of differences and the keys that decide them into gold.

It wires; the CompareSession decides what is compared and applies the decisions.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    Qt,
    Signal,
)
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from annotation.adjudication import GOLD
from annotation.changes import Changes
from annotation.comparison import Difference, Kind
from annotation.model import DocumentId, SpanId
from annotation.ports import Store
from annotation.tagset import TagSet
from ui.article.view import ArticleView
from ui.i18n import chosen_language
from ui.review.compare_actions import CompareActions
from ui.review.compare_session import CompareSession
from ui.review.difference_legend import DifferenceLegend
from ui.review.difference_style import span_looks
from ui.review.difference_table import DifferenceTableModel, RightToLeftDelegate
from ui.review.difference_words import Explainer, filled
from ui.review.scroll_sync import ScrollSync
from ui.wording import isolate

SETTINGS_GROUP = "compare"
TITLE_MARGIN = 6  # px between a view's title and its pane's edges


class CompareWindow(QMainWindow):
    """Compare two layers of a document and adjudicate their differences into a gold layer."""

    edit_in_gold = Signal(int, int, int)  # document id, start, end (code points)
    open_document = Signal(int)  # document id: open it in the annotation window
    gold_changed = Signal(object)  # Changes: what a decision (or its undo) wrote

    def __init__(
        self, store: Store, tagset: TagSet, user: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store, self.tagset = store, tagset
        self.language = chosen_language()
        self.explainer = Explainer(tagset, self.language, self)
        self.session = CompareSession(store, user, self)
        self.differences = DifferenceTableModel(self.explainer, self)
        self._filling = False  # the combo boxes are being filled, not chosen from
        self.setWindowTitle(self.tr("Compare Layers"))
        self.resize(1400, 860)
        self._build_top_bar()
        self._build_views()
        self.actions_ = CompareActions(self, self.session.undo_stack)
        a = self.actions_
        for action in (a.overlay, a.previous_document, a.next_document):
            self.top_bar.addAction(action)
        self.actions_.build_menus()
        self._connect()
        self._restore_settings()

    # Public API

    def show_document(self, document_id: DocumentId) -> None:
        """Compare the chosen layers on this document."""
        with self.session.asking_server():
            self._fill_layer_boxes()
            self.session.open_document(document_id)
        (self._reading_view() if self.table.isHidden() else self.table).setFocus()

    def show_changes(self, changes: Changes) -> None:
        """Compare afresh when a write touched the document shown: its layers (another
        workstation's annotator, live), its decisions, or anything (a reconnection)."""
        document_id = self.session.document_id
        if document_id is None or not self.isVisible():
            return  # shown again, it compares afresh (changeEvent)
        if changes.touches_document(document_id) or document_id in changes.decisions:
            self.session.reload()

    def set_layers(self, a: str, b: str) -> None:
        """Compare annotator `a`'s layer with `b`'s (either may be the gold layer)."""
        self._fill_layer_boxes(extra=(a, b))
        self._filling = True
        self.box_a.setCurrentText(a)
        self.box_b.setCurrentText(b)
        self._filling = False
        self._layers_chosen()

    @property
    def gold(self) -> str:
        """The name of the gold layer the decisions go into."""
        return self.session.gold

    def views(self) -> tuple[ArticleView, ArticleView, ArticleView]:
        """A's view, B's view and the overlay."""
        return self.view_a, self.view_b, self.view_overlay

    # Building

    def _build_top_bar(self) -> None:
        bar = QToolBar(self.tr("Layers"))
        bar.setObjectName("layers")
        bar.setMovable(False)
        self.box_a, self.box_b = QComboBox(), QComboBox()
        self.gold_edit = QLineEdit(GOLD)
        self.gold_edit.setMaximumWidth(160)
        for text, field in (
            (self.tr("&A:"), self.box_a),
            (self.tr("&B:"), self.box_b),
            (self.tr("&Gold layer:"), self.gold_edit),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            label.setContentsMargins(8, 0, 4, 0)
            bar.addWidget(label)
            bar.addWidget(field)
        bar.addSeparator()
        self.top_bar = bar
        self.addToolBar(bar)

    def _build_views(self) -> None:
        self.view_a, self.view_b, self.view_overlay = (ArticleView(self.tagset) for _ in range(3))
        self.title_a, self.title_b, self.title_overlay = QLabel(), QLabel(), QLabel()
        side_by_side = QSplitter(Qt.Orientation.Horizontal)
        # A first: in a right-to-left interface Qt mirrors the splitter and A is on the right.
        for title, view in ((self.title_a, self.view_a), (self.title_b, self.view_b)):
            side_by_side.addWidget(_titled(title, view))
        self.scroll_sync = ScrollSync(self.view_a, self.view_b, self)
        self.stack = QStackedWidget()
        self.stack.addWidget(side_by_side)
        self.stack.addWidget(_titled(self.title_overlay, self.view_overlay))
        for view in self.views():
            view.spans_editable = False
            view.language = self.language
            view.span_clicked.connect(lambda span_id, v=view: self._span_clicked(v, span_id))

        self.table = QTableView()
        self.table.setModel(self.differences)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setItemDelegateForColumn(DifferenceTableModel.TEXT, RightToLeftDelegate(self))
        columns = self.table.horizontalHeader()
        for column in (DifferenceTableModel.KIND, DifferenceTableModel.DECISION):
            columns.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (DifferenceTableModel.TEXT, DifferenceTableModel.REASON):
            columns.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

        self.legend = DifferenceLegend()
        self.work_area = QSplitter(Qt.Orientation.Horizontal)
        self.work_area.addWidget(self.stack)
        self.work_area.addWidget(self.table)
        self.work_area.setStretchFactor(0, 3)
        self.work_area.setStretchFactor(1, 1)
        self.work_area.setSizes([1000, 400])
        # Dragged shut, the list is folded as F9 folds it (the check follows).
        self.work_area.setCollapsible(0, False)
        self.work_area.splitterMoved.connect(self._list_dragged)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.legend)
        layout.addWidget(self.work_area, 1)
        self.setCentralWidget(central)

    def _connect(self) -> None:
        s, a = self.session, self.actions_
        s.changed.connect(self._show_comparison)
        s.current_changed.connect(self._show_current)
        s.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        s.gold_changed.connect(self.gold_changed)
        self.box_a.currentTextChanged.connect(self._layers_chosen)
        self.box_b.currentTextChanged.connect(self._layers_chosen)
        self.gold_edit.editingFinished.connect(self._gold_chosen)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        a.next_disagreement.triggered.connect(lambda: s.step(True))
        a.previous_disagreement.triggered.connect(lambda: s.step(False))
        for choice, action in a.choices.items():
            action.triggered.connect(
                lambda _=False, c=choice, act=action: s.decide(c, act.text().replace("&", ""))
            )
        a.record_reason.triggered.connect(self.ask_reason)
        a.edit_in_gold.triggered.connect(self._edit_in_gold)
        a.accept_agreements.triggered.connect(s.accept_agreements)
        a.overlay.toggled.connect(self._set_overlay)
        a.show_differences.toggled.connect(self._show_difference_list)
        a.previous_document.triggered.connect(lambda: self._step_document(-1))
        a.next_document.triggered.connect(lambda: self._step_document(1))
        a.open_in_main.triggered.connect(self._open_in_main)
        a.close.triggered.connect(self.close)

    # Choosing what to compare

    def _fill_layer_boxes(self, extra: tuple[str, ...] = ()) -> None:
        names = self.store.annotator_names()
        names += [name for name in (GOLD, *extra) if name and name not in names]
        self._filling = True
        for box in (self.box_a, self.box_b):
            chosen = box.currentText()
            box.clear()
            box.addItems(names)
            if chosen:
                box.setCurrentText(chosen)
        self._filling = False

    def _layers_chosen(self) -> None:
        if self._filling:
            return
        a, b = self.box_a.currentText(), self.box_b.currentText()
        with self.session.asking_server():
            self.session.set_layers(a, b)
        settings = QSettings()
        settings.setValue(f"{SETTINGS_GROUP}/a", a)
        settings.setValue(f"{SETTINGS_GROUP}/b", b)

    def _gold_chosen(self) -> None:
        with self.session.asking_server():
            self.session.set_gold(self.gold_edit.text())
        self.gold_edit.setText(self.session.gold)
        QSettings().setValue(f"{SETTINGS_GROUP}/gold", self.session.gold)

    def _step_document(self, step: int) -> None:
        with self.session.asking_server():
            document_id = self.session.neighbour_document(step)
            if document_id is not None:
                self.show_document(document_id)
            elif step > 0:
                self.statusBar().showMessage(self.tr("No later document with these layers."), 8000)
            else:
                self.statusBar().showMessage(
                    self.tr("No earlier document with these layers."), 8000
                )

    def _set_overlay(self, overlaid: bool) -> None:
        shown, hidden = (
            (self.view_overlay, self.view_a) if overlaid else (self.view_a, self.view_overlay)
        )
        self.stack.setCurrentIndex(1 if overlaid else 0)
        self.scroll_sync.align(hidden, shown)  # keep the reader's place in the text
        QSettings().setValue(f"{SETTINGS_GROUP}/overlay", overlaid)

    def _show_difference_list(self, shown: bool) -> None:
        """Fold the difference list away (the panes take its width) or bring it back; the
        deciding and next-difference keys are the window's and work either way."""
        if not shown and self.table.hasFocus():
            # The gold-layer field would take the focus and type N and 1 as letters.
            self._reading_view().setFocus()
        self.table.setVisible(shown)
        if shown and self.work_area.sizes()[1] == 0:
            # Dragged shut, or folded when the window closed (the splitter kept it at 0):
            # open it at its share, not as a sliver.
            total = sum(self.work_area.sizes())
            self.work_area.setSizes([total - total // 4, total // 4])
        QSettings().setValue(f"{SETTINGS_GROUP}/differences_shown", shown)

    def _reading_view(self) -> ArticleView:
        """The view the reader looks at: A's side by side, or the overlay."""
        return self.view_overlay if self.actions_.overlay.isChecked() else self.view_a

    def _list_dragged(self) -> None:
        folded = self.work_area.sizes()[1] == 0
        if folded == self.actions_.show_differences.isChecked():
            self.actions_.show_differences.setChecked(not folded)

    # Showing

    def _show_comparison(self) -> None:
        s = self.session
        document = s.document
        if any(view.document_shown is not document for view in self.views()):
            for view in self.views():
                view.show_document(document)
        self.view_a.set_spans(s.spans_a, None, later=True)
        self.view_b.set_spans(s.spans_b, None, later=True)
        self.view_overlay.set_spans([*s.spans_a, *s.spans_b], None, later=True)
        self.view_a.set_links(s.links_a)
        self.view_b.set_links(s.links_b)
        self.view_overlay.set_links([*s.links_a, *s.links_b])
        # Names isolated: a Latin name in an Arabic title stays one run (issue 14, item 21).
        a, b = isolate(s.a), isolate(s.b)
        self.title_a.setText(filled(self.tr("A: %1"), a))
        self.title_b.setText(filled(self.tr("B: %1"), b))
        self.title_overlay.setText(filled(self.tr("A: %1 and B: %2"), a, b))
        text = document.text if document else ""
        self.differences.set_differences(text, s.comparison.differences, s.decisions)
        self.legend.show_counts(s.comparison.summary())
        self.legend.show_progress(s.progress())
        if document is None:
            self.setWindowTitle(self.tr("Compare Layers"))
        else:
            title = document.title or filled(self.tr("document %1"), str(document.id))
            # No isolates here: the window manager, not Qt, draws the title, and may show
            # them as boxes.
            self.setWindowTitle(filled(self.tr("Compare “%1”: %2 (A) and %3 (B)"), title, s.a, s.b))
        self._show_current(s.current, reveal=False)

    def _show_current(self, difference: Difference | None, reveal: bool = True) -> None:
        s, a = self.session, self.actions_
        for view, sides in ((self.view_a, "a"), (self.view_b, "b"), (self.view_overlay, "ab")):
            view.set_looks(span_looks(s.comparison, sides, difference, self.explainer, s.decisions))
        row = self.differences.row_of(difference)
        selection = self.table.selectionModel()
        if row is None:
            selection.clearSelection()
        elif selection.currentIndex().row() != row:
            selection.setCurrentIndex(
                self.differences.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        if difference is not None and row is not None and reveal:
            self.table.scrollTo(self.differences.index(row, 0))
            view = self.view_overlay if a.overlay.isChecked() else self.view_a
            view.show_range(difference.start, difference.end)  # B's view follows A's
        allowed = s.choices()
        for choice, action in a.choices.items():
            action.setEnabled(choice in allowed)
        a.record_reason.setEnabled(difference is not None)
        a.edit_in_gold.setEnabled(difference is not None)
        a.accept_agreements.setEnabled(s.comparison.count(Kind.AGREE) > 0)

    # Gestures

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        difference = self.differences.difference(current.row())
        shown = self.session.current
        if difference is not None and (shown is None or difference.key() != shown.key()):
            self.session.select(difference)

    def _span_clicked(self, view: ArticleView, span_id: SpanId | None) -> None:
        """Make the clicked span's difference the current one; clicking the span again picks
        its next difference (a claim's agreement, then its speakers)."""
        if span_id is None:
            return
        sides = "a" if view is self.view_a else "b" if view is self.view_b else "ab"
        involved = [
            d
            for d in self.session.comparison.differences
            if ("a" in sides and d.a is not None and d.a.id == span_id)
            or ("b" in sides and d.b is not None and d.b.id == span_id)
        ]
        if not involved:
            return
        keys = [d.key() for d in involved]
        current = self.session.current.key() if self.session.current else None
        following = (keys.index(current) + 1) % len(keys) if current in keys else 0
        self.session.select(involved[following])

    def ask_reason(self) -> None:
        """Ask why the current difference was (or will be) decided as it is, and record it."""
        if self.session.current is None:
            return
        reason, accepted = QInputDialog.getText(
            self,
            self.tr("Reason"),
            self.tr("Why this decision?"),
            text=self.session.reason(self.session.current),
        )
        if accepted:
            self.session.set_reason(reason)

    def _edit_in_gold(self) -> None:
        difference, document_id = self.session.current, self.session.document_id
        if difference is not None and document_id is not None:
            self.edit_in_gold.emit(document_id, difference.start, difference.end)

    def _open_in_main(self) -> None:
        if self.session.document_id is not None:
            self.open_document.emit(self.session.document_id)

    # Settings: the layers, the gold layer's name, the mode and the geometry are remembered

    def _restore_settings(self) -> None:
        settings = QSettings()
        others = [name for name in self.store.annotator_names() if name != GOLD] or [GOLD]
        a = str(settings.value(f"{SETTINGS_GROUP}/a", others[0]))
        b = str(settings.value(f"{SETTINGS_GROUP}/b", others[1] if len(others) > 1 else GOLD))
        gold = str(settings.value(f"{SETTINGS_GROUP}/gold", GOLD))
        self.gold_edit.setText(gold)
        self.session.set_gold(gold)
        self.set_layers(a, b)
        geometry = settings.value(f"{SETTINGS_GROUP}/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitter = settings.value(f"{SETTINGS_GROUP}/splitter")
        if isinstance(splitter, QByteArray):
            self.work_area.restoreState(splitter)
        overlaid = settings.value(f"{SETTINGS_GROUP}/overlay", False)
        self.actions_.overlay.setChecked(overlaid in (True, "true"))
        shown = settings.value(f"{SETTINGS_GROUP}/differences_shown", True)
        self.actions_.show_differences.setChecked(shown in (True, "true"))
        self._show_difference_list(self.actions_.show_differences.isChecked())

    def changeEvent(self, event: QEvent) -> None:
        # Coming back from the annotation window (after E, say), where the gold layer or A's
        # or B's may have changed through the same database connection: compare afresh.
        if (
            event.type() == QEvent.Type.ActivationChange
            and self.isActiveWindow()
            and self.session.document is not None
        ):
            with self.session.asking_server():
                self.session.reload()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = QSettings()
        settings.setValue(f"{SETTINGS_GROUP}/geometry", self.saveGeometry())
        settings.setValue(f"{SETTINGS_GROUP}/splitter", self.work_area.saveState())
        super().closeEvent(event)


def _titled(title: QLabel, view: ArticleView) -> QWidget:
    """A view with its title above it."""
    pane = QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    # Room at both ends: flush against the pane's edge, the thin first letter of "أ: amal"
    # (alif with hamza) merged with the frame and the title read as cut off (issue 14, item 20).
    title.setContentsMargins(TITLE_MARGIN, 2, TITLE_MARGIN, 2)
    layout.addWidget(title)
    layout.addWidget(view, 1)
    return pane
