"""Export and import from the window: in the background, reported, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from db.store import SqliteStore
from tests.ui.workspace import add_document, open_window, press, select_text

TEXT = "قال الوزير إن الوفد وصل إلى دمشق أمس."


def test_export_then_import_in_another_database(
    qtbot: QtBot, store: SqliteStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    add_document(store, TEXT)
    window = open_window(qtbot, store)
    start = TEXT.index("دمشق")
    select_text(window, start, start + 4)
    press(qtbot, window, Qt.Key.Key_3)
    out = tmp_path / "mine.json"
    with qtbot.waitSignal(window.exchange.runner.finished, timeout=10_000) as finished:
        window.exchange.runner.export("json", out, ["amal"], None, None, False)
    assert finished.args[0] is True and "1 documents and 1 spans" in finished.args[1]
    assert [s["text"] for s in json.loads(out.read_text(encoding="utf-8"))["spans"]] == ["دمشق"]

    other = SqliteStore(tmp_path / "colleague.sqlite3")
    second = open_window(qtbot, other, annotator="omar")
    with qtbot.waitSignal(second.exchange.runner.finished, timeout=10_000) as finished:
        second.exchange.runner.import_annotations("json", [out], None, ["omar"])
    assert finished.args[0] is True
    assert other.document_count() == 1 and other.annotator_names() == ["amal"]
    broken = tmp_path / "broken.json"
    broken.write_text(
        out.read_text(encoding="utf-8").replace('"text": "دمشق"', '"text": "بيروت"'),
        encoding="utf-8",
    )
    with qtbot.waitSignal(second.exchange.runner.finished, timeout=10_000) as finished:
        second.exchange.runner.import_annotations("json", [broken], "omar", [])
    assert finished.args[0] is False and "broken.json" in finished.args[1]
    assert len(warnings) == 1 and "broken.json" in warnings[0]
    assert other.annotator_names() == ["amal"]  # nothing of the refused file


def test_a_changed_layer_is_replaced_only_after_confirmation(
    qtbot: QtBot, store: SqliteStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: None)
    document = add_document(store, TEXT)
    window = open_window(qtbot, store)
    for word in ("الوزير", "دمشق"):
        start = TEXT.index(word)
        select_text(window, start, start + len(word))
        press(qtbot, window, Qt.Key.Key_1 if word == "الوزير" else Qt.Key.Key_3)
    first, second = tmp_path / "v1.json", tmp_path / "v2.json"
    with qtbot.waitSignal(window.exchange.runner.finished, timeout=10_000):
        window.exchange.runner.export("json", first, ["amal"], None, None, False)
    press(qtbot, window, Qt.Key.Key_Delete)  # Amal deletes her last span, دمشق
    with qtbot.waitSignal(window.exchange.runner.finished, timeout=10_000):
        window.exchange.runner.export("json", second, ["amal"], None, None, False)

    other = SqliteStore(tmp_path / "colleague.sqlite3")
    colleague = open_window(qtbot, other, annotator="omar")
    with qtbot.waitSignal(colleague.exchange.runner.finished, timeout=10_000):
        colleague.exchange.runner.import_annotations("json", [first], None, ["omar"])
    asked: list[list[str]] = []
    answers = iter([False, True])

    def confirm(error: object) -> bool:
        asked.append([c.annotator for c in error.changes])  # type: ignore[attr-defined]
        return next(answers)

    monkeypatch.setattr(colleague.exchange.runner, "_confirm_replace", confirm)
    with qtbot.waitSignal(colleague.exchange.runner.finished, timeout=10_000) as finished:
        colleague.exchange.runner.import_annotations("json", [second], None, ["omar"])
    assert finished.args[0] is False and "nothing was changed" in finished.args[1]
    (copy,) = other.document_summaries()
    assert [s.text for s in other.spans_for(copy.id, "amal")] == ["الوزير", "دمشق"]
    with qtbot.waitSignal(colleague.exchange.runner.finished, timeout=10_000) as finished:
        colleague.exchange.runner.import_annotations("json", [second], None, ["omar"])
    assert finished.args[0] is True and "1 layer(s) replaced" in finished.args[1]
    assert [s.text for s in other.spans_for(copy.id, "amal")] == ["الوزير"]
    assert asked == [["amal"], ["amal"]]
    assert store.spans_for(document, "amal")[0].text == "الوزير"
