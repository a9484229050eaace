"""Assignments in the window (issue 19): an annotator's list shows what was assigned to them
first, marked; the manager's dialog is worked with the keyboard; the dashboard's progress
follows status changes as the window's Changes report them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot

from annotation.changes import Changes
from annotation.model import DocumentId, Status
from db.store import SqliteStore
from tests.ui.agreement_store import fill_agreement_store
from tests.ui.workspace import add_document, open_window, press
from ui.main_window import MainWindow
from ui.panels.document_list import DocumentListModel
from ui.review.assign_dialog import AssignDialog
from ui.review.progress_panel import ProgressPanel

STATUS = DocumentListModel.STATUS


def listed(window: MainWindow) -> list[int]:
    model = window.documents.model
    return [int(model.document_id(row)) for row in range(model.rowCount())]


def status_cell(window: MainWindow, row: int) -> str:
    return str(window.documents.model.index(row, STATUS).data())


def four(store: SqliteStore) -> list[DocumentId]:
    return [add_document(store, f"الخبر رقم {n} عن دمشق.", f"خبر {n}") for n in range(1, 5)]


def test_the_list_shows_the_annotators_assignments_first_and_marked(
    qtbot: QtBot, store: SqliteStore
) -> None:
    ids = four(store)
    store.assign([ids[2], ids[3]], ["amal"], "huda")
    store.assign([ids[0]], ["omar"], "huda")
    window = open_window(qtbot, store, annotator="amal")
    assert listed(window) == [ids[2], ids[3], ids[0], ids[1]]
    assert [status_cell(window, row) for row in range(4)] == ["● new", "● new", "new", "new"]
    font = window.documents.model.index(0, 0).data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()
    assert window.documents.model.index(2, 0).data(Qt.ItemDataRole.FontRole) is None
    tip = str(window.documents.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole))
    assert tip.endswith("Assigned to you")


def test_the_assign_dialog_worked_with_keys_moves_documents_up(
    qtbot: QtBot, store: SqliteStore
) -> None:
    ids = four(store)
    store.set_status(ids[0], "omar", Status.NEW)  # omar is a known annotator
    window = open_window(qtbot, store, annotator="amal")
    assert listed(window) == ids
    press(
        qtbot,
        window,
        Qt.Key.Key_G,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.findChild(AssignDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.documents.hasFocus())
    assert dialog.documents.text() == str(ids[0])  # the open document, to start with
    dialog.documents.selectAll()
    qtbot.keyClicks(dialog.documents, "3-4")
    # Alt+N: the new name box; Enter adds amal, checked, and does not yet assign.
    qtbot.keyClick(dialog, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert dialog.new_name.hasFocus()
    qtbot.keyClicks(dialog.new_name, "amal")
    qtbot.keyClick(dialog.new_name, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.chosen_annotators() == ["amal"]
    # Alt+O: the annotator list; Space on omar's row checks him, a second Space unchecks.
    qtbot.keyClick(dialog, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    assert dialog.annotators.hasFocus()
    dialog.annotators.setCurrentRow(0)
    qtbot.keyClick(dialog.annotators, Qt.Key.Key_Space)
    assert dialog.chosen_annotators() == ["omar", "amal"]
    qtbot.keyClick(dialog.annotators, Qt.Key.Key_Space)
    assert dialog.chosen_annotators() == ["amal"]
    qtbot.keyClick(dialog.annotators, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert [(int(a.document_id), a.assigned_by) for a in store.assignments("amal")] == [
        (ids[2], "amal"),
        (ids[3], "amal"),
    ]
    assert listed(window) == [ids[2], ids[3], ids[0], ids[1]]  # through the published Changes
    assert status_cell(window, 0) == "● new"


def test_the_dialog_says_why_it_refuses_and_writes_nothing(
    qtbot: QtBot, store: SqliteStore
) -> None:
    ids = four(store)
    store.set_status(ids[0], "omar", Status.NEW)
    dialog = AssignDialog(store, "huda", [ids[0]])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.annotators.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.spread.setChecked(True)
    dialog.per_document.setValue(2)
    dialog.apply()
    assert dialog.message.text() == (
        "cannot give each document to 2 annotators: only 1 was named (omar)"
    )
    dialog.by_hand.setChecked(True)
    dialog.documents.setText("1,99")
    dialog.apply()
    assert dialog.message.text() == "no document with the id 99: nothing was assigned"
    assert store.assignments() == [] and dialog.isVisible()


def progress_rows(panel: ProgressPanel) -> list[list[str]]:
    table = panel.table
    return [
        [str(table.model().index(row, column).data()) for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def test_the_dashboard_shows_progress_that_follows_status_changes(
    qtbot: QtBot, store: SqliteStore
) -> None:
    ids = fill_agreement_store(store)
    store.assign(ids[:3], ["amal", "omar"], "huda")
    window = open_window(qtbot, store, annotator="amal")
    window.actions_.agreement_dashboard.trigger()
    dashboard = window.review.dashboard
    assert dashboard is not None and dashboard.isVisible()
    panel = dashboard.progress
    # ids[2] is done by omar; ids[4] (done by both) is not assigned, so not counted.
    assert progress_rows(panel) == [["amal", "3", "3", "0", "0"], ["omar", "3", "2", "0", "1"]]
    assert panel.agreement.text().startswith("Documents two or more of them finished: 1. ")

    # amal marks her first assigned document done in the window: the dashboard re-reads.
    assert window.documents.current_document() == ids[0]
    press(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert store.status(ids[0], "amal") is Status.DONE
    qtbot.waitUntil(lambda: progress_rows(panel)[0] == ["amal", "3", "2", "0", "1"])
    # omar finishes it too, as another workstation would: its Changes come to the window.
    store.set_status(ids[0], "omar", Status.DONE)
    window.session.publish(Changes(statuses=frozenset({ids[0]})))
    qtbot.waitUntil(lambda: progress_rows(panel)[1] == ["omar", "3", "1", "0", "2"])
    assert panel.agreement.text() == (
        "Documents two or more of them finished: 2. On those: exact F1 1.000,"
        " overlap F1 1.000, kappa 1.000, alpha 1.000."
    )
