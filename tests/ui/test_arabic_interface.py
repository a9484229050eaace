"""The Arabic interface says everything in Arabic, fits its words, and isolates the left-to-right
runs inside its sentences (issue 14, items 19, 20 and 21)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from ui.app import create_application
from ui.i18n import TRANSLATIONS, install_language

LATIN = re.compile("[A-Za-z]{2,}")
ARABIC = re.compile("[\u0600-\u06ff]")


@pytest.fixture
def arabic() -> Iterator[QApplication]:
    """The Arabic interface as the application installs it, taken away again afterwards."""
    app = create_application()
    translators = install_language(app, "ar")
    yield app
    for translator in translators:
        app.removeTranslator(translator)
    app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_qts_file_dialog_speaks_arabic(arabic: QApplication, qtbot: QtBot) -> None:
    # Qt's own dialog, as on a desktop with no native one (and under Xvfb): its labels come
    # from Qt's catalogue, which lacks Qt 6's "&Look in:" and "Files of &type:".
    dialog = QFileDialog(None, "", "/tmp", "*.txt")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    look_in = dialog.findChild(QLabel, "lookInLabel")
    file_type = dialog.findChild(QLabel, "fileTypeLabel")
    assert look_in.text() == "ا&نظر في:"
    assert file_type.text() == "الملفّات من ال&نّوع:"
    english = [label.text() for label in dialog.findChildren(QLabel) if LATIN.search(label.text())]
    assert english == []


def test_the_qt_supplement_qm_is_compiled_from_its_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "qtbase_supplement_ar.qm"
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    source = TRANSLATIONS / "qtbase_supplement_ar.ts"
    subprocess.run([str(lrelease), str(source), "-qm", str(fresh)], check=True, timeout=120)
    assert (TRANSLATIONS / "qtbase_supplement_ar.qm").read_bytes() == fresh.read_bytes()
