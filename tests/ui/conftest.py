"""GUI tests run offscreen, with settings in a throw-away folder, never the person's own."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path) -> Iterator[QSettings]:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )
    settings = QSettings()
    settings.clear()
    settings.setValue("annotator", "amal")
    settings.setValue("language", "en")
    yield settings
    settings.clear()


@pytest.fixture(autouse=True, scope="session")
def english_plural_forms() -> Iterator[None]:
    """The English catalogue of plural forms, as the application installs it ("1 article")."""
    from PySide6.QtCore import QTranslator

    from ui.app import create_application
    from ui.i18n import TRANSLATIONS

    app = create_application()
    translator = QTranslator()
    assert translator.load("hamish_en", str(TRANSLATIONS))
    app.installTranslator(translator)
    yield
    app.removeTranslator(translator)


@pytest.fixture
def arabic() -> Iterator[QApplication]:
    """The Arabic interface as the application installs it, taken away again afterwards."""
    from ui.app import create_application
    from ui.i18n import install_language

    app = create_application()
    translators = install_language(app, "ar")
    yield app
    for translator in translators:
        app.removeTranslator(translator)
    app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
