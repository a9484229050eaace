"""LinksChoice: which links the article draws (the selected span's, all or none), as the View
menu's Links submenu and its key set it, remembered across starts in the settings."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence

from ui.article.link_painter import LinksShown
from ui.article.view import ArticleView

SETTING = "links_shown"
DEFAULT = LinksShown.SELECTED  # a few arcs where the person is working, not a web over the text
NATIVE_TEXT = QKeySequence.SequenceFormat.NativeText
ORDER = (LinksShown.SELECTED, LinksShown.ALL, LinksShown.NONE)


def links_shown_name(shown: LinksShown) -> str:
    """The choice as the status bar names it."""
    names = {
        LinksShown.SELECTED: QCoreApplication.translate("LinksChoice", "the selected span's"),
        LinksShown.ALL: QCoreApplication.translate("LinksChoice", "all"),
        LinksShown.NONE: QCoreApplication.translate("LinksChoice", "none"),
    }
    return names[shown]


class LinksChoice(QObject):
    """Keeps the view, the checked menu entry and the settings in step."""

    hint = Signal(str)  # what the key just chose, for the status bar

    def __init__(
        self,
        view: ArticleView,
        actions: dict[LinksShown, QAction],
        cycle: QAction,
        settings: QSettings,
    ) -> None:
        super().__init__(view)
        self.view, self.actions, self.settings = view, actions, settings
        self.cycle_action = cycle
        try:
            chosen = LinksShown(str(settings.value(SETTING, DEFAULT.value)))
        except ValueError:  # a value written by some other version
            chosen = DEFAULT
        for shown, action in actions.items():
            action.triggered.connect(lambda _=False, shown=shown: self.choose(shown))
        cycle.triggered.connect(self.cycle)
        self.choose(chosen)

    def current(self) -> LinksShown:
        """The links drawn now."""
        return self.view.links_shown

    def choose(self, shown: LinksShown) -> None:
        """Draw these links, check their menu entry and remember the choice."""
        self.actions[shown].setChecked(True)
        self.view.set_links_shown(shown)
        self.settings.setValue(SETTING, shown.value)

    def cycle(self) -> None:
        """The next choice: selected span's, all, none, and round again."""
        shown = ORDER[(ORDER.index(self.current()) + 1) % len(ORDER)]
        self.choose(shown)
        self.hint.emit(
            QCoreApplication.translate("LinksChoice", "Links shown: %1 (%2 for the next choice)")
            .replace("%1", links_shown_name(shown))
            .replace("%2", self.cycle_action.shortcut().toString(NATIVE_TEXT))
        )
