"""The window's one background runner: an article import shows each file in its progress
dialog and Cancel keeps nothing; a job whose store cannot be opened says why; the Search tab
and every job open their stores through the connector, never on the window's connection."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

import ui.jobs.background_runner as background_runner
from annotation.importing import ImportCancelled, ImportOptions, ImportProgress
from annotation.ports import Store, StoreError
from db.opening import Connector, connector
from db.store import SqliteStore
from tests.ui.workspace import add_document, open_window
from ui.jobs.background_runner import BackgroundRunner
from ui.wording import isolate_path


def test_an_article_import_shows_its_file_and_cancel_keeps_nothing(
    qtbot: QtBot, store: SqliteStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_document(store, "خبر أول")
    window = open_window(qtbot, store)
    worker_stores: list[Store] = []

    def slow_import(
        worker_store: Store,
        paths: list[Path],
        _options: ImportOptions,
        progress: Callable[[ImportProgress], bool],
    ) -> None:
        worker_stores.append(worker_store)
        # Reads the first file until the person cancels (the real import asks as often).
        while progress(ImportProgress(0, len(paths), str(paths[0]), 1234)):
            threading.Event().wait(0.01)
        raise ImportCancelled()

    monkeypatch.setattr(background_runner, "import_articles", slow_import)
    before = window.documents.model.rowCount()
    window.start_import([tmp_path / "first.txt", tmp_path / "second.txt"])

    def dialog() -> QProgressDialog:
        found = [d for d in window.findChildren(QProgressDialog) if d.isVisible()]
        assert len(found) == 1
        return found[0]

    qtbot.waitUntil(lambda: "1,234" in dialog().labelText(), timeout=5000)
    assert dialog().windowTitle() == "Importing articles"
    assert dialog().labelText() == f"File 1 of 2: {isolate_path('first.txt')}\n1,234 articles read"
    assert dialog().windowModality() == Qt.WindowModality.WindowModal
    cancel = dialog().findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    with qtbot.waitSignal(window.importer.finished, timeout=10_000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert window.notices.text() == "Import cancelled: nothing was imported."
    assert window.documents.model.rowCount() == before
    assert not window.runner.is_running()
    # The import ran on a store of its own, opened through the connector, and closed after.
    assert len(worker_stores) == 1 and worker_stores[0] is not window.session.store
    with pytest.raises(Exception, match="closed"):
        worker_stores[0].document_count()


class _Refusing:
    """A connector to a database that cannot be opened (busy, gone, read-only)."""

    location = None

    def __call__(self) -> Store:
        raise StoreError("the database is busy")


def test_a_job_whose_store_cannot_be_opened_says_why(qtbot: QtBot, store: SqliteStore) -> None:
    window = open_window(qtbot, store)
    runner = BackgroundRunner(_Refusing(), window)
    ran: list[Store] = []

    def work(job_store: Store, _progress: Callable[[int, int], bool]) -> str:
        ran.append(job_store)
        return "done"

    with qtbot.waitSignal(runner.finished, timeout=10_000) as finished:
        runner.start_job(work, "Working…")
    assert finished.args == [False, "the database is busy"]
    assert ran == [] and not runner.is_running()


def test_the_connector_opens_a_new_store_on_the_same_database_each_call(
    store: SqliteStore,
) -> None:
    assert store.path is not None
    connect = connector(store.path)
    assert connect == Connector(store.path) and connect.location == store.path
    add_document(store, "خبر")
    first, second = connect(), connect()
    try:
        assert first is not second and first is not store
        assert first.document_count() == second.document_count() == 1
    finally:
        first.close()
        second.close()
