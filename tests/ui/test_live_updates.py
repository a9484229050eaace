"""Two windows on one team project (two workstations): what one tags shows in the other at
once, woken by the server's notice on the connection's socket, and carrying which document
and span it touched (so the other window re-reads those, not everything)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotation.changes import Changes
from annotation.model import Document, DocumentId, Span, text_sha256
from db.postgres.store import PgStore
from tests.conftest import empty_project
from tests.ui.workspace import activate, open_server_window, press, select_text
from ui.main_window import MainWindow

TEXT = "قال الوزير إن الوفد وصل إلى دمشق أمس."


@pytest.fixture
def project(postgres_project: str) -> str:
    empty_project(postgres_project)
    store = PgStore(postgres_project)
    store.add_documents([Document(text=TEXT, text_sha256=text_sha256(TEXT), title="خبر")])
    store.close()
    return postgres_project


@pytest.fixture
def windows(qtbot: QtBot) -> Iterator[Callable[[str], MainWindow]]:
    """Opens windows on a project; their connections are closed at the end."""
    opened: list[MainWindow] = []

    def window_on(url: str) -> MainWindow:
        opened.append(open_server_window(qtbot, url))
        return opened[-1]

    yield window_on
    for window in opened:
        window.session.stop_watching()
        window.session.store.close()


def test_a_span_tagged_on_one_workstation_shows_on_the_other_at_once(
    qtbot: QtBot, project: str, windows: Callable[[str], MainWindow]
) -> None:
    tagging, watching = windows(project), windows(project)
    # Only the socket's wake-up can show it within the second: the timer would take longer.
    watching.session.watch.timer.stop()
    received: list[Changes] = []
    watching.session.changed.connect(received.append)
    document = DocumentId(1)
    assert watching.documents.model.document_id(0) == document
    start = TEXT.index("دمشق")

    activate(qtbot, tagging)
    select_text(tagging, start, start + 4)
    press(qtbot, tagging, Qt.Key.Key_3)  # Location
    (span,) = tagging.session.spans

    qtbot.waitUntil(lambda: watching.spans.rowCount() == 1, timeout=1000)
    assert [s.text for s in watching.session.spans] == ["دمشق"]
    spans_column = watching.documents.model.SPANS
    count = watching.documents.model.index(0, spans_column).data()
    assert count == "1"
    assert received, "the watching window heard of the tag"
    assert not any(changes.everything for changes in received)
    assert span.id in frozenset().union(*(changes.spans for changes in received))
    assert document in frozenset().union(*(changes.documents for changes in received))


def test_a_window_does_not_hear_its_own_edits_again(
    qtbot: QtBot, project: str, windows: Callable[[str], MainWindow]
) -> None:
    window = windows(project)
    received: list[Changes] = []
    window.session.changed.connect(received.append)
    start = TEXT.index("الوفد")
    select_text(window, start, start + 5)
    press(qtbot, window, Qt.Key.Key_2)
    assert len(received) == 1  # the edit's own report
    qtbot.wait(200)  # the notice of its own commit arrives, and must be left out
    assert window.session.check_for_changes() is False
    assert len(received) == 1


def test_the_status_line_names_the_server(
    project: str, windows: Callable[[str], MainWindow]
) -> None:
    window = windows(project)
    shown = window.status_line.server_label.text()
    assert window.session.store.address in shown
    assert shown.startswith("Server: ")
    # The tests' superuser owns the project: the role is said in the interface's words.
    assert window.session.store.role == "owner"
    assert shown.replace("\u2068", "").replace("\u2069", "").endswith(" as owner")


def test_a_job_of_the_window_keeps_other_workstations_notices(
    qtbot: QtBot, project: str, windows: Callable[[str], MainWindow]
) -> None:
    window = windows(project)
    window.session.watch.timer.stop()
    window.session.watch._forget_socket()  # the notice waits on the socket, unread
    received: list[Changes] = []
    window.session.changed.connect(received.append)
    colleague = PgStore(project)
    start = TEXT.index("دمشق")
    span = colleague.add_span(Span(DocumentId(1), "amal", "LOCATION", start, start + 4, "دمشق"))
    colleague.close()
    qtbot.wait(300)  # for the notice to reach this connection's socket

    window.session.publish(Changes(corpus=True))  # as an import of this window ends

    (published,) = received
    assert published.corpus and span.id in published.spans and not published.everything
    assert [s.text for s in window.session.spans] == ["دمشق"]
