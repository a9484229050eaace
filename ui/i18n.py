"""The interface language: English or Arabic, Hamish's own strings and Qt's standard ones.

Chosen in Settings (stored with QSettings as "language": "system", "en" or "ar"); "system"
follows the system locale. Arabic mirrors the whole layout, which must happen before any
widget is built, so a change takes effect at the next start.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, Qt, QTranslator
from PySide6.QtWidgets import QApplication

TRANSLATIONS = Path(__file__).resolve().parent.parent / "assets" / "i18n"
LANGUAGES = ("en", "ar")


def chosen_language(settings: QSettings | None = None) -> str:
    """The language to use: the setting, or the system locale's when it is "system"."""
    value = str((settings or QSettings()).value("language", "system"))
    if value in LANGUAGES:
        return value
    return "ar" if QLocale.system().language() == QLocale.Language.Arabic else "en"


def install_language(app: QApplication, language: str) -> list[QTranslator]:
    """Load the translations for `language` and set the layout direction; returns the
    translators, which must be kept alive as long as the application."""
    translators: list[QTranslator] = []
    # English too has a catalogue, of plural forms only (`lupdate -pluralonly`): a "%n
    # article(s)" string reads "1 article" / "2 articles" only through it (issue 14, item 23).
    english = QTranslator(app)
    if language == "en" and english.load("hamish_en", str(TRANSLATIONS)):
        app.installTranslator(english)
        translators.append(english)
    if language != "en":
        qt_translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        # qtbase_ar misses Qt 6's newer texts (the file dialog's "&Look in:", "Files of
        # &type:"); the supplement, installed after it, is searched first (issue 14, item 19).
        for name, folder in (
            (f"hamish_{language}", str(TRANSLATIONS)),
            (f"qtbase_{language}", qt_translations),
            (f"qtbase_supplement_{language}", str(TRANSLATIONS)),
        ):
            translator = QTranslator(app)
            if translator.load(name, folder):
                app.installTranslator(translator)
                translators.append(translator)
    direction = (
        Qt.LayoutDirection.RightToLeft if language == "ar" else Qt.LayoutDirection.LeftToRight
    )
    app.setLayoutDirection(direction)
    return translators
