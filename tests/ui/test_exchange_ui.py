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
    assert finished.args[0] is True and "1 layer replaced" in finished.args[1]
    assert [s.text for s in other.spans_for(copy.id, "amal")] == ["الوزير"]
    assert asked == [["amal"], ["amal"]]
    assert store.spans_for(document, "amal")[0].text == "الوزير"


def test_the_export_dialog_refuses_the_database_itself(
    qtbot: QtBot, store: SqliteStore, tmp_path: Path
) -> None:
    """Ctrl+E, the database's own path typed as the destination, Enter: the dialog stays open
    and says why; a good name, Enter: the export runs. The database is never written over."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.jobs.export_dialog import ExportDialog

    add_document(store, TEXT)
    window = open_window(qtbot, store)
    assert store.path is not None
    before = store.path.read_bytes()
    seen: dict[str, object] = {}
    good = tmp_path / "export.json"

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ExportDialog):
            QTimer.singleShot(20, fill_in)  # not shown yet
            return
        try:
            type_into(dialog)
        except BaseException as error:  # reported by the assertions below
            seen["error"] = repr(error)
        finally:
            if dialog.isVisible():
                dialog.reject()  # a failed step must not leave the test waiting on a dialog

    def type_into(dialog: ExportDialog) -> None:
        # As for a person, the dialog is the active window: the main window's Enter (accept
        # a suggestion) must not take the key from it.
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        dialog.path.setFocus()
        qtbot.keyClicks(dialog.path, str(store.path))
        qtbot.keyClick(dialog.path, Qt.Key.Key_Return)
        seen["visible after Enter"] = dialog.isVisible()
        seen["said"] = dialog.problem.text() if dialog.problem.isVisible() else ""
        dialog.path.clear()
        qtbot.keyClicks(dialog.path, str(good))
        seen["cleared"] = dialog.problem.isHidden()
        qtbot.keyClick(dialog.path, Qt.Key.Key_Return)

    QTimer.singleShot(0, fill_in)
    with qtbot.waitSignal(
        window.exchange.runner.finished, timeout=10_000, raising=False
    ) as finished:
        qtbot.keyClick(window.article_view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert "error" not in seen, seen
    assert seen["visible after Enter"] is True
    assert "is the database" in str(seen["said"]) and str(store.path) in str(seen["said"])
    assert seen["cleared"] is True
    assert finished.args[0] is True
    assert json.loads(good.read_text(encoding="utf-8"))["documents"][0]["text"] == TEXT
    assert store.path.read_bytes()[:16] == before[:16] == b"SQLite format 3\x00"


def test_the_runner_refuses_the_database_whoever_asks(
    qtbot: QtBot, store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: None)
    add_document(store, TEXT)
    window = open_window(qtbot, store)
    assert store.path is not None
    with qtbot.waitSignal(window.exchange.runner.finished, timeout=10_000) as finished:
        window.exchange.runner.export("json", store.path, None, None, None, False)
    assert finished.args[0] is False and "is the database" in finished.args[1]
    assert store.path.read_bytes()[:16] == b"SQLite format 3\x00"
    assert store.document_count() == 1


def test_the_assistants_suggestions_go_to_label_studio_as_predictions_from_the_dialog(
    qtbot: QtBot, store: SqliteStore, tmp_path: Path
) -> None:
    """Ctrl+E, the format chosen with the arrow keys, Tab to the predictions box (shown for
    Label Studio only), Space, Tab to the path, type, Enter (issue 15 item 4)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from annotation.model import Span
    from ui.jobs.export_dialog import ExportDialog

    document = add_document(store, TEXT)
    start = TEXT.index("دمشق")
    store.add_span(Span(document, "assistant", "LOCATION", start, start + 4, "دمشق"))
    window = open_window(qtbot, store)
    select_text(window, TEXT.index("الوزير"), TEXT.index("الوزير") + 6)
    press(qtbot, window, Qt.Key.Key_1)
    out = tmp_path / "tasks.json"
    seen: dict[str, object] = {}

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ExportDialog):
            QTimer.singleShot(20, fill_in)
            return
        try:
            dialog.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
            dialog.format.setFocus()
            seen["shown for json"] = dialog.predictions.isVisible()
            while dialog.format_name() != "labelstudio":
                qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
            seen["shown for labelstudio"] = dialog.predictions.isVisible()
            for _ in range(4):  # documents, layers, UTF-16, predictions
                qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            seen["focus"] = QApplication.focusWidget() is dialog.predictions
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            qtbot.keyClicks(QApplication.focusWidget(), str(out))
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        except BaseException as error:
            seen["error"] = repr(error)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, fill_in)
    with qtbot.waitSignal(window.exchange.runner.finished, timeout=10_000) as finished:
        qtbot.keyClick(window.article_view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert "error" not in seen, seen
    assert seen == {"shown for json": False, "shown for labelstudio": True, "focus": True}
    assert finished.args[0] is True
    (task,) = json.loads(out.read_text(encoding="utf-8"))
    assert [r["value"]["text"] for a in task["annotations"] for r in a["result"]] == ["الوزير"]
    (prediction,) = task["predictions"]
    assert prediction["model_version"] == "hamish:assistant"
    assert [r["value"]["text"] for r in prediction["result"]] == ["دمشق"]


def test_what_an_import_left_out_is_listed_in_the_window(
    qtbot: QtBot, store: SqliteStore, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QApplication

    from annotation.exchange.formats import labelstudio_format
    from annotation.exchange.selection import gather
    from annotation.model import Span

    document = add_document(store, TEXT)
    start = TEXT.index("دمشق")
    store.add_span(Span(document, "amal", "LOCATION", start, start + 4, "دمشق"))
    path = tmp_path / "ls.json"
    labelstudio_format.write(gather(store), path)
    tasks = json.loads(path.read_text(encoding="utf-8"))
    tasks[0]["annotations"].append({"id": 4, "was_cancelled": True, "result": []})
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    other = SqliteStore(tmp_path / "colleague.sqlite3")
    window = open_window(qtbot, other, annotator="omar")
    with qtbot.waitSignal(window.exchange.runner.finished, timeout=10_000) as finished:
        window.exchange.runner.import_annotations("labelstudio", [path], None, ["omar"])
    assert finished.args[0] is True and "1 note on what the files held" in finished.args[1]
    (box,) = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
    assert box.windowTitle() == "Imported, with Notes"
    assert box.detailedText() == (
        f"{path}, task 0: annotation 4 was cancelled (skipped) in Label Studio: left out"
    )
    box.close()
    assert [s.text for s in other.spans_for(other.document_summaries()[0].id, "amal")] == ["دمشق"]
