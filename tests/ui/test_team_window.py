"""The window on a team project as its members see it: the role in the status line, and
what only a manager may do (assigning) or a curator (the assistant's suggestions) not offered
to an annotator (the server would refuse it)."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from db.postgres import team
from tests.postgres_server import Cluster
from tests.ui.workspace import open_server_window

DATABASE = "hamish_team_window"
MANAGER, ANNOTATOR = "tw_mona", "tw_amal"


@pytest.fixture(scope="module")
def members(postgres_cluster: Cluster) -> Iterator[Cluster]:
    with psycopg.connect(postgres_cluster.url(), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {DATABASE}")
    team.init_project(postgres_cluster.url(DATABASE), MANAGER, "mona's secret")
    team.add_member(postgres_cluster.url(DATABASE, MANAGER), ANNOTATOR, "annotator", "secret")
    yield postgres_cluster
    with psycopg.connect(postgres_cluster.url(), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE {DATABASE} WITH (FORCE)")
        for name in (MANAGER, ANNOTATOR):
            admin.execute(f"DROP ROLE {name}")


def plain(text: str) -> str:
    return text.translate(dict.fromkeys(range(0x2066, 0x206A)))  # without bidi isolates


def test_an_annotator_is_not_offered_assigning_and_a_manager_is(
    qtbot: QtBot, members: Cluster
) -> None:
    annotator = open_server_window(qtbot, members.url(DATABASE, ANNOTATOR), ANNOTATOR)
    try:
        assert plain(annotator.status_line.server_label.text()).endswith(" as annotator")
        assert not annotator.actions_.assign_documents.isEnabled()
        # The assistant's layer is every annotator's to read: curators and managers write it.
        assert not annotator.actions_.suggest_document.isEnabled()
        assert not annotator.actions_.suggest_corpus.isEnabled()
        assert annotator.actions_.accept_suggestion.isEnabled()
        qtbot.keyClick(
            annotator.article_view,
            Qt.Key.Key_G,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        qtbot.wait(100)
        assert not [
            w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
        ]
    finally:
        annotator.session.stop_watching()
        annotator.session.store.close()
    manager = open_server_window(qtbot, members.url(DATABASE, MANAGER), MANAGER)
    try:
        assert plain(manager.status_line.server_label.text()).endswith(" as manager")
        assert manager.actions_.assign_documents.isEnabled()
        assert manager.actions_.suggest_document.isEnabled()
    finally:
        manager.session.stop_watching()
        manager.session.store.close()
