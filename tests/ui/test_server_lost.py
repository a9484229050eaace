"""The window when its team server stops and comes back, driven as a person would: the
window says so at once, a tagging key pressed meanwhile is refused with a clear message and
leaves nothing behind (no span shown, no undo step), and once the server is back the window
reconnects by itself, says so, shows what others wrote meanwhile, and tags again."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from annotation.model import Document, DocumentId, Span, text_sha256
from annotation.ports import Store
from annotation.tagset import TagSet
from db.opening import Server
from db.postgres.store import PgStore
from tests.postgres_server import Cluster
from tests.ui.workspace import open_server_window, press, select_text
from ui import app
from ui.app import create_application
from ui.main_window import MainWindow
from ui.session.qt_session import Session

TEXT = "قال الوزير إن الوفد وصل إلى دمشق أمس."
PLACE = TEXT.index("دمشق")


@pytest.fixture
def window(qtbot: QtBot, stoppable_project: str) -> Iterator[MainWindow]:
    store = PgStore(stoppable_project)
    store.add_documents([Document(text=TEXT, text_sha256=text_sha256(TEXT), title="خبر")])
    store.close()
    opened = open_server_window(qtbot, stoppable_project)
    yield opened
    opened.session.stop_watching()
    opened.session.store.close()


def _stored(url: str) -> list[str]:
    store = PgStore(url)
    try:
        return [span.text for span in store.spans_for(DocumentId(1), "amal")]
    finally:
        store.close()


def test_tagging_while_the_server_is_down_is_refused_and_works_once_it_is_back(
    qtbot: QtBot, window: MainWindow, stoppable_cluster: Cluster, stoppable_project: str
) -> None:
    # The timer would notice within its interval; the connection's socket tells at once.
    window.session.watch.timer.stop()
    stoppable_cluster.stop("immediate")

    qtbot.waitUntil(lambda: "cannot be reached" in window.notices.text(), timeout=1000)
    assert window.notices.text().startswith(f"The team server \u2066{window.session.store.address}")
    assert "(not connected)" in window.status_line.server_label.text()
    assert not window.undo_action.isEnabled()

    select_text(window, PLACE, PLACE + 4)
    press(qtbot, window, Qt.Key.Key_3)  # Location

    assert window.notices.text().startswith("Not done: the team server")
    assert "nothing was changed" in window.notices.text()
    assert window.session.spans == []
    assert window.spans.rowCount() == 0
    assert window.article_view.spans == []  # the article shows no span that was not stored
    assert window.session.undo_stack.count() == 0

    stoppable_cluster.start()
    # Before the window reconnects: a colleague's tag, whose notice nobody hears.
    colleague = PgStore(stoppable_project)
    start = TEXT.index("الوزير")
    colleague.add_span(Span(DocumentId(1), "amal", "SPEAKER", start, start + 6, "الوزير"))
    colleague.close()

    qtbot.waitUntil(lambda: "Connected again" in window.notices.text(), timeout=15000)
    assert "(not connected)" not in window.status_line.server_label.text()
    assert [s.text for s in window.session.spans] == ["الوزير"]  # re-read after reconnecting
    assert window.spans.rowCount() == 1

    press(qtbot, window, Qt.Key.Key_3)  # the same selection, tagged again

    assert [s.text for s in window.session.spans] == ["الوزير", "دمشق"]
    assert _stored(stoppable_project) == ["الوزير", "دمشق"]
    assert window.session.undo_stack.count() == 1
    assert window.undo_action.isEnabled()


def test_a_document_that_cannot_be_read_leaves_the_open_one_shown(
    qtbot: QtBot, window: MainWindow, stoppable_cluster: Cluster, stoppable_project: str
) -> None:
    store = PgStore(stoppable_project)
    second = "أعلنت الوزارة اليوم خطة جديدة."
    store.add_documents([Document(text=second, text_sha256=text_sha256(second), title="ثان")])
    store.close()
    # The colleague's document reaches the list by the server's notice, as it would.
    qtbot.waitUntil(lambda: window.documents.model.rowCount() == 2, timeout=2000)
    window.session.watch.timer.stop()
    window.session.watch._forget_socket()  # as if the wake-up had not come yet
    assert window.session.document_id == DocumentId(1)
    stoppable_cluster.stop("fast")

    window.documents.choose(DocumentId(2))  # a click on the second document's row

    assert window.session.document_id == DocumentId(1)
    assert window.article_view.toPlainText().startswith("قال الوزير")
    qtbot.waitUntil(lambda: window.documents.current_document() == DocumentId(1))
    # (the list shows it again, once the click is done)
    assert "cannot be reached" in window.notices.text()
    assert not window.session.connected

    window.documents.choose(DocumentId(2))  # again, now that the window knows

    assert window.session.document_id == DocumentId(1)
    qtbot.waitUntil(lambda: window.documents.current_document() == DocumentId(1))


def _unwatched(window: MainWindow) -> None:
    """As if neither the timer nor the socket's wake-up had come yet: the next key pressed is
    the first to find the server gone."""
    window.session.watch.timer.stop()
    window.session.watch._forget_socket()


def test_an_undo_the_server_could_not_take_stays_on_the_stack(
    qtbot: QtBot, window: MainWindow, stoppable_cluster: Cluster, stoppable_project: str
) -> None:
    select_text(window, PLACE, PLACE + 4)
    press(qtbot, window, Qt.Key.Key_3)  # Location
    assert _stored(stoppable_project) == ["دمشق"]
    stack = window.session.undo_stack
    assert (stack.count(), stack.index()) == (1, 1)
    _unwatched(window)
    stoppable_cluster.stop("fast")

    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    assert window.notices.text().startswith("Could not undo: The team server")
    assert [s.text for s in window.session.spans] == ["دمشق"]
    assert (stack.count(), stack.index()) == (1, 1)  # the step is where it was, still done
    assert stack.undoText() == "Tag Location"
    assert not window.session.connected
    window.notices.dismiss()
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the window knows now
    assert window.notices.text().startswith("Could not undo: The team server")
    assert (stack.count(), stack.index()) == (1, 1)

    stoppable_cluster.start()
    qtbot.waitUntil(lambda: "Connected again" in window.notices.text(), timeout=15000)
    assert window.undo_action.isEnabled()
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    assert window.session.spans == []
    assert _stored(stoppable_project) == []
    assert (stack.count(), stack.index()) == (1, 0)


def test_a_redo_the_server_could_not_take_stays_undone(
    qtbot: QtBot, window: MainWindow, stoppable_cluster: Cluster, stoppable_project: str
) -> None:
    select_text(window, PLACE, PLACE + 4)
    press(qtbot, window, Qt.Key.Key_3)
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    stack = window.session.undo_stack
    assert (stack.count(), stack.index(), _stored(stoppable_project)) == (1, 0, [])
    _unwatched(window)
    stoppable_cluster.stop("fast")

    press(qtbot, window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)

    assert window.notices.text().startswith("Not done: The team server")
    assert window.session.spans == []
    assert (stack.count(), stack.index()) == (1, 0)
    assert stack.redoText() == "Tag Location"

    stoppable_cluster.start()
    qtbot.waitUntil(lambda: "Connected again" in window.notices.text(), timeout=15000)
    press(qtbot, window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)

    assert [s.text for s in window.session.spans] == ["دمشق"]
    assert _stored(stoppable_project) == ["دمشق"]
    assert (stack.count(), stack.index()) == (1, 1)


def test_a_server_lost_while_the_window_starts_is_said_in_a_message_box(
    qtbot: QtBot,
    stoppable_cluster: Cluster,
    stoppable_project: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: said.append(text))

    def stopped_first(store: Store, tagset: TagSet, annotator: str) -> Session:
        # The store is open and the member known; the server stops before the window reads.
        stoppable_cluster.stop("fast")
        return Session(store, tagset, annotator)

    monkeypatch.setattr(app, "Session", stopped_first)
    create_application()

    started = app.start_window(Server(stoppable_project), QSettings(), "en")

    assert started == 1
    assert len(said) == 1
    assert said[0].startswith("The team server \u2066postgresql://")
    assert "stopped answering while Hamish was opening the project" in said[0]
