"""The first window: the document list, the article right-to-left in the bundled font, import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo, QTextCursor
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from annotation.importing import import_samples_if_empty
from annotation.model import Document, text_sha256
from annotation.offsets import Utf16Index
from db.store import SqliteStore
from tests.ui.workspace import open_window
from ui.fonts import arabic_family
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, store: SqliteStore) -> MainWindow:
    import_samples_if_empty(store)
    return open_window(qtbot, store)


def test_samples_are_listed_and_the_first_is_shown(window: MainWindow, store: SqliteStore) -> None:
    titles = [
        window.documents.model.index(row, 0).data()
        for row in range(window.documents.model.rowCount())
    ]
    assert titles[:3] == [
        "وزراء صحة عرب يتفقون على شراء موحّد للقاحات والأدوية",  # the annotated sample
        "الأردن وسورية تتفقان على تقاسم مياه اليرموك",
        "اتحاد الشغل يدعو إلى إضراب في موانئ تونس",
    ]
    shown = window.article_view.document_shown
    assert shown is not None and shown.external_id == "sample-medicines"
    # The widget shows the stored text exactly (toRawText keeps NBSP and separators).
    raw = window.article_view.document().toRawText().replace("\u2029", "\n")
    assert raw == shown.text


def test_article_is_right_to_left_right_aligned_in_the_bundled_font(window: MainWindow) -> None:
    view = window.article_view
    assert view.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert QFontInfo(view.font()).family() == arabic_family() == "Noto Sans Arabic"
    block = view.document().begin()
    while block.isValid():
        assert block.textDirection() == Qt.LayoutDirection.RightToLeft
        assert block.layout().textOption().alignment() & Qt.AlignmentFlag.AlignRight
        block = block.next()
    # Right-aligned on screen: the first letter of the short dateline line sits at the right
    # edge, and its last letter is still in the right half (cursorRect is in viewport pixels).
    cursor = QTextCursor(view.document())
    first_letter = view.cursorRect(cursor).x()
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    last_letter = view.cursorRect(cursor).x()
    width = view.viewport().width()
    assert width - first_letter < 40
    assert width / 2 < last_letter < first_letter


def test_qt_positions_equal_our_utf16_offsets(window: MainWindow, store: SqliteStore) -> None:
    text = "خبر 😀 من\nدمشق: قال الوزير"
    store.add_documents([Document(text=text, text_sha256=text_sha256(text), title="emoji")])
    window.documents.refresh(None)
    window.documents.choose_row(window.documents.model.rowCount() - 1)
    view = window.article_view
    start = text.index("الوزير")
    index = Utf16Index(text)
    cursor = QTextCursor(view.document())
    cursor.setPosition(index.to_utf16(start))
    cursor.setPosition(index.to_utf16(start + len("الوزير")), QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "الوزير"


def test_selecting_another_document_shows_it(window: MainWindow, qtbot: QtBot) -> None:
    window.documents.choose_row(2)
    shown = window.article_view.document_shown
    assert shown is not None and shown.external_id == "sample-tunis-ports"
    assert window.article_view.toPlainText().startswith("تونس (وكالات)")


def test_import_from_the_file_menu_runs_in_the_background(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    articles = tmp_path / "articles.jsonl"
    articles.write_text(
        "\n".join(
            json.dumps({"title": f"خبر {i}", "text": f"نص الخبر رقم {i}"}, ensure_ascii=False)
            for i in range(5)
        ),
        encoding="utf-8",
    )
    before = window.documents.model.rowCount()
    with qtbot.waitSignal(window.importer.finished, timeout=10_000):
        window.start_import([articles])
    assert window.documents.model.rowCount() == before + 5
    assert window.documents.model.index(before + 4, 0).data() == "خبر 4"
    assert window.actions_.import_files.isEnabled()


def test_a_bad_file_is_named_and_nothing_is_imported(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("خبر سليم", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "أ"}\n{"text": \n', encoding="utf-8")
    shown: list[str] = []

    def record(box: QMessageBox) -> int:
        shown.append(box.informativeText())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    before = window.documents.model.rowCount()
    with qtbot.waitSignal(window.importer.finished, timeout=10_000):
        window.start_import([good, bad])
    assert window.documents.model.rowCount() == before
    assert len(shown) == 1 and "bad.jsonl" in shown[0] and "line 2" in shown[0]


def test_a_busy_database_is_said_without_offering_to_skip_files(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program holds the write lock through the whole import: the window says the
    database is busy and that nothing was imported, and does not offer "Skip Bad Files"
    (the files are good; skipping them is no remedy)."""
    import sqlite3

    import db.store

    monkeypatch.setattr(db.store, "BUSY_TIMEOUT_MS", 200)  # the import's own store waits less
    good = tmp_path / "good.txt"
    good.write_text("خبر سليم عن دمشق", encoding="utf-8")
    offered: list[str] = []
    said: list[str] = []

    def offer(box: QMessageBox) -> int:
        offered.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", offer)
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: said.append(text))
    opened = window.session.store
    assert isinstance(opened, SqliteStore) and opened.path is not None
    holder = sqlite3.connect(opened.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        before = window.documents.model.rowCount()
        with qtbot.waitSignal(window.importer.finished, timeout=20_000):
            window.start_import([good])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert offered == []
    assert len(said) == 1 and "Nothing was imported" in said[0] and "busy" in said[0]
    assert window.documents.model.rowCount() == before
    assert window.actions_.import_files.isEnabled()
