"""GuidelinesDialog: the team's annotation guidelines, beside the work (Help > Annotation
Guidelines). Hamish ships a default set in English and Arabic; Settings can point to the
team's own Markdown file instead."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ui.wording import isolate_path

GUIDELINES = Path(__file__).resolve().parents[2] / "assets" / "guidelines"
SETTING = "guidelines_path"


def guidelines_path(language: str, settings: QSettings | None = None) -> Path:
    """The guidelines to show: the team's own file when set and present, else the default."""
    chosen = str((settings or QSettings()).value(SETTING, "") or "")
    if chosen and Path(chosen).is_file():
        return Path(chosen)
    own = GUIDELINES / f"guidelines.{language}.md"
    return own if own.is_file() else GUIDELINES / "guidelines.en.md"


class GuidelinesDialog(QDialog):
    """Shows the guidelines, right-to-left when they are Arabic."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Annotation Guidelines"))
        self.resize(760, 820)
        self.path = guidelines_path(language)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError as error:
            text = (
                self.tr("Cannot read the guidelines %1: %2")
                .replace("%1", isolate_path(str(self.path)))
                .replace("%2", str(error))
            )
        self.browser.setMarkdown(text)
        if language == "ar" or ".ar." in self.path.name:
            self.browser.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
            option = self.browser.document().defaultTextOption()
            option.setTextDirection(Qt.LayoutDirection.RightToLeft)
            self.browser.document().setDefaultTextOption(option)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
