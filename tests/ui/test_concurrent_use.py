"""Two windows on one database: each sees the other's work, and an edit of a span the other
deleted gives a clear message and a refreshed view, never a crash or a lost update."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotation.changes import Changes
from annotation.model import Span
from db.store import SqliteStore
from tests.ui.workspace import add_document, open_window, press, select_text

TEXT = "قال الوزير إن الوفد وصل إلى دمشق أمس."


def test_a_second_window_sees_the_first_ones_edits(
    qtbot: QtBot, store: SqliteStore, database: Path
) -> None:
    document = add_document(store, TEXT)
    window = open_window(qtbot, store)
    other = SqliteStore(database)  # a second window (or a terminal command) on the same file
    start = TEXT.index("دمشق")
    other.add_span(Span(document, "amal", "LOCATION", start, start + 4, "دمشق"))
    assert window.session.spans == []
    assert window.session.check_for_changes() is True
    assert [s.text for s in window.session.spans] == ["دمشق"]
    assert window.spans.rowCount() == 1
    assert window.session.check_for_changes() is False  # nothing new since
    other.close()


def test_a_job_of_the_window_is_not_reported_again_as_anothers_commit(
    qtbot: QtBot, store: SqliteStore, database: Path
) -> None:
    document = add_document(store, TEXT)
    window = open_window(qtbot, store)
    job = SqliteStore(database)  # a background job writes through a connection of its own
    start = TEXT.index("دمشق")
    added = job.add_span(Span(document, "amal", "LOCATION", start, start + 4, "دمشق"))
    job.close()
    assert added.id is not None
    received: list[Changes] = []
    window.session.changed.connect(received.append)

    window.session.publish(Changes(documents=frozenset({document}), spans=frozenset({added.id})))

    assert [changes.everything for changes in received] == [False]
    assert window.spans.rowCount() == 1
    assert window.session.check_for_changes() is False  # the job's commit counts as seen


def test_editing_a_span_deleted_elsewhere_says_so_and_refreshes(
    qtbot: QtBot, store: SqliteStore, database: Path
) -> None:
    add_document(store, TEXT)
    window = open_window(qtbot, store)
    start = TEXT.index("الوفد")
    select_text(window, start, start + 5)
    press(qtbot, window, Qt.Key.Key_2)
    (claim,) = window.session.spans
    other = SqliteStore(database)
    assert claim.id is not None
    other.remove_span(claim.id)
    other.close()
    press(qtbot, window, Qt.Key.Key_1)  # relabel the span the other window deleted
    assert "deleted elsewhere" in window.notices.text()
    assert window.session.spans == [] and window.spans.rowCount() == 0
    assert window.session.undo_stack.count() == 1  # only the original tag; nothing half-done
