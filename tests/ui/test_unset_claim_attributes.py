"""A claim's kind and polarity are unset until someone chooses them, agreement counts only
values chosen, and the window names a value as the export writes it (issue 14, item 6)."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from db.store import SqliteStore
from tests.hostile.conftest import run_main
from tests.ui.workspace import add_document, open_window, press, select_text

TEXT = "قال الوزير إن الحل سياسي، وأكد أن الوفد وصل إلى دمشق."
CLAIM = "الحل سياسي"


def tag_claim(qtbot: QtBot, store: SqliteStore, annotator: str) -> None:
    """`annotator` selects the claim and presses 2, as a person does, and closes the window."""
    window = open_window(qtbot, store, annotator=annotator)
    start = TEXT.index(CLAIM)
    select_text(window, start, start + len(CLAIM))
    press(qtbot, window, Qt.Key.Key_2)
    window.close()


def test_a_new_claim_has_no_kind_or_polarity_and_agreement_counts_none(
    qtbot: QtBot, store: SqliteStore, database: Path
) -> None:
    document = add_document(store, TEXT)
    tag_claim(qtbot, store, "amal")
    tag_claim(qtbot, store, "omar")
    for annotator in ("amal", "omar"):
        (claim,) = store.spans_for(document, annotator)
        assert (claim.label, claim.text, claim.attributes) == ("CLAIM", CLAIM, {})
    outcome = run_main(["agreement", "--db", database, "--annotators", "amal", "omar"])
    assert outcome.status == 0, outcome.said
    assert "claim kind: no claim where both chose a value" in outcome.out
    assert "claim polarity: no claim where both chose a value" in outcome.out
    assert "claim kind: agreement" not in outcome.out
    as_json = run_main(["agreement", "--db", database, "--annotators", "amal", "omar", "--json"])
    kind = json.loads(as_json.out)["attributes"]["kind"]
    assert (kind["pairs"], kind["observed"], kind["kappa"]) == (0, None, None)


def test_the_window_names_a_polarity_as_the_export_writes_it(
    qtbot: QtBot, store: SqliteStore, tmp_path: Path
) -> None:
    document = add_document(store, TEXT)
    window = open_window(qtbot, store)
    start = TEXT.index(CLAIM)
    select_text(window, start, start + len(CLAIM))
    press(qtbot, window, Qt.Key.Key_2)
    polarity = window.span_editor.field("polarity")
    assert isinstance(polarity, QComboBox)
    assert polarity.currentText() == "—"  # unset, not "asserted" chosen for the annotator
    kind = window.span_editor.field("kind")
    assert isinstance(kind, QComboBox) and kind.currentText() == "—"
    qtbot.mouseClick(polarity, Qt.MouseButton.LeftButton)  # opens its list
    popup = polarity.view()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    (claim,) = store.spans_for(document, "amal")
    assert claim.attributes == {"polarity": "positive"}
    shown = window.span_editor.field("polarity")
    assert isinstance(shown, QComboBox)
    assert shown.currentText() == "positive (asserted)"
    out = tmp_path / "export.jsonl"
    assert store.path is not None
    exported = run_main(["export", "--db", store.path, "--format", "jsonl", "--out", out])
    assert exported.status == 0, exported.said
    assert '"polarity": "positive"' in out.read_text("utf-8")
