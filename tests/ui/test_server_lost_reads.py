"""The window's reads outside the edit and open-document paths while the team server is
stopped: each command, filter and tab says the server cannot be reached, once, in the notice
(or, in the compare window and the dashboard, in their own status line), and leaves the window
usable; none ends in a traceback (pytest-qt fails a test on any exception that reaches
sys.excepthook from a slot or a Qt virtual method)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotation.model import Document, DocumentId, Span, text_sha256
from db.postgres.store import PgStore
from tests.postgres_server import Cluster
from tests.ui.workspace import open_server_window
from ui.main_window import MainWindow

TEXTS = ("قال الوزير إن الوفد وصل إلى دمشق أمس.", "أعلنت الوزارة في حلب خطة جديدة.")


@pytest.fixture
def window(qtbot: QtBot, stoppable_project: str) -> Iterator[MainWindow]:
    store = PgStore(stoppable_project)
    store.add_documents(
        [
            Document(text=t, text_sha256=text_sha256(t), title=f"خبر {i}")
            for i, t in enumerate(TEXTS)
        ]
    )
    place = TEXTS[0].index("دمشق")
    for who, end in (("amal", place + 4), ("badr", place + 3)):  # two layers that differ
        store.add_span(Span(DocumentId(1), who, "LOCATION", place, end, TEXTS[0][place:end]))
    store.close()
    opened = open_server_window(qtbot, stoppable_project)
    opened.documents.choose(DocumentId(1))
    yield opened
    opened.review.close_windows()
    opened.session.stop_watching()
    opened.session.store.close()


def _stopped(window: MainWindow, cluster: Cluster) -> None:
    """Stop the server before the window has heard (the timer and the socket's wake-up not
    come yet): the command's own read is the first to find it gone."""
    window.session.watch.timer.stop()
    window.session.watch._forget_socket()
    cluster.stop("fast")


def _commands(window: MainWindow) -> list[tuple[str, Callable[[], object]]]:
    a, documents = window.actions_, window.documents
    return [
        ("next unfinished document", a.next_unfinished.trigger),
        ("mark as done", a.mark_done.trigger),
        ("mark as in progress", a.mark_in_progress.trigger),
        ("switch annotator", a.switch_annotator.trigger),
        ("assign documents", a.assign_documents.trigger),
        ("agreement dashboard", a.agreement_dashboard.trigger),
        ("compare", a.compare.trigger),
        ("suggest for all documents", a.suggest_corpus.trigger),
        ("search tab", a.search_corpus.trigger),  # its filters are read when it is shown
        ("document status filter", lambda: documents.status_filter.setCurrentIndex(2)),
        ("document sort", lambda: documents.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)),
        ("entity filter", lambda: window.entity_browser.filter_box.setText("دمشق")),
    ]


def _from_memory(window: MainWindow) -> list[Callable[[], object]]:
    """What the document list answers from what it holds, with no server to ask: the text
    filter and the next document (db/document_index.py keeps the list between writes)."""
    return [
        lambda: window.documents.filter_box.setText("دمشق"),
        lambda: window.documents.filter_box.setText(""),
        window.actions_.next_document.trigger,
    ]


def test_each_read_the_person_asks_for_says_the_server_is_away(
    qtbot: QtBot, window: MainWindow, stoppable_cluster: Cluster
) -> None:
    _stopped(window, stoppable_cluster)
    said = []
    for name, command in _commands(window):
        window.notices.dismiss()
        command()
        said.append((name, "cannot be reached" in window.notices.text()))

    assert [name for name, ok in said if not ok] == []
    for command in _from_memory(window):
        command()  # nothing raised (pytest-qt fails the test on what reaches Qt's hook)
    assert not window.session.connected
    assert "(not connected)" in window.status_line.server_label.text()
    assert window.session.document_id == DocumentId(1)  # still open, still shown
    assert window.article_view.toPlainText().startswith("قال الوزير")
    assert window.documents.model.rowCount() == 2  # the list as it was before the filter
    assert window.review.compare_window is None  # nothing half-built was shown


def test_the_compare_window_and_the_dashboard_say_so_in_their_own_status_lines(
    qtbot: QtBot, window: MainWindow, stoppable_cluster: Cluster
) -> None:
    window.actions_.compare.trigger()
    window.actions_.agreement_dashboard.trigger()
    compare, dashboard = window.review.compare_window, window.review.dashboard
    assert compare is not None and dashboard is not None
    shown = compare.session.comparison
    _stopped(window, stoppable_cluster)

    compare.actions_.next_document.trigger()
    assert "cannot be reached" in compare.statusBar().currentMessage()
    compare.statusBar().clearMessage()
    compare.box_b.setCurrentText("amal")  # other layers: the comparison shown stays
    assert "cannot be reached" in compare.statusBar().currentMessage()
    assert (compare.session.a, compare.session.b) == ("amal", "badr")
    assert compare.session.comparison == shown

    dashboard.refresh()
    assert dashboard.status.text().startswith("The team server cannot be reached")
