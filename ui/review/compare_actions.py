"""Every command of the compare window as a QAction with its keys, and the menus that list
them (built in one place, as ui/actions.py does for the annotation window)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow

from annotation.adjudication import Choice
from ui.session.undo import undo_actions


class CompareActions(QObject):
    """The compare window's actions, owned by the window so their shortcuts work there."""

    def __init__(self, window: QMainWindow, undo_stack: QUndoStack) -> None:
        super().__init__(window)
        self.window = window
        new = self._new
        self.next_disagreement = new(self.tr("&Next Disagreement"), "N", "F8")
        self.previous_disagreement = new(self.tr("&Previous Disagreement"), "Shift+N", "Shift+F8")
        self.choices = {
            Choice.ACCEPT_A: new(self.tr("Accept &A"), "1"),
            Choice.ACCEPT_B: new(self.tr("Accept &B"), "2"),
            Choice.BOTH: new(self.tr("Accept B&oth"), "3"),
            Choice.NEITHER: new(self.tr("Accept N&either"), "0"),
        }
        self.record_reason = new(self.tr("Record &Reason…"), "R")
        self.edit_in_gold = new(self.tr("&Edit in Gold"), "E")
        self.accept_agreements = new(self.tr("Accept All A&greements"), "Ctrl+Alt+A")
        self.undo, self.redo = undo_actions(undo_stack, window, self.tr("&Undo"), self.tr("&Redo"))
        self.undo.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (self.undo, self.redo):
            window.addAction(action)
        self.overlay = new(self.tr("&Overlay Layers"), "Ctrl+Alt+O")
        self.overlay.setCheckable(True)
        self.overlay.setToolTip(self.tr("Both layers in one view, or side by side (Ctrl+Alt+O)"))
        # F9: the key that folds a side list away in many editors; free here.
        self.show_differences = new(self.tr("&Difference List"), "F9")
        self.show_differences.setCheckable(True)
        self.show_differences.setChecked(True)
        self.show_differences.setToolTip(
            self.tr(
                "Show the list of differences, or fold it away so the texts take the width (F9)"
            )
        )
        self.previous_document = new(self.tr("Pre&vious Document"), "PgUp", "Ctrl+PgUp")
        self.next_document = new(self.tr("Nex&t Document"), "PgDown", "Ctrl+PgDown")
        self.open_in_main = new(self.tr("&Open in Annotation Window"), "Ctrl+O")
        self.close = new(self.tr("&Close"), "Ctrl+W")

    def build_menus(self) -> None:
        """The window's menus: every action, so every key can be found."""
        menus: list[tuple[str, list[QAction | None]]] = [
            (self.tr("&Window"), [self.open_in_main, None, self.close]),
            (self.tr("&Edit"), [self.undo, self.redo]),
            (
                self.tr("&Decide"),
                [
                    *self.choices.values(),
                    None,
                    self.record_reason,
                    self.edit_in_gold,
                    None,
                    self.accept_agreements,
                ],
            ),
            (
                self.tr("&Go"),
                [
                    self.next_disagreement,
                    self.previous_disagreement,
                    None,
                    self.next_document,
                    self.previous_document,
                ],
            ),
            (self.tr("&View"), [self.overlay, self.show_differences]),
        ]
        for title, actions in menus:
            menu = self.window.menuBar().addMenu(title)
            for action in actions:
                if action is None:
                    menu.addSeparator()
                else:
                    menu.addAction(action)

    def _new(self, text: str, *keys: str) -> QAction:
        # Window-wide shortcuts, plain letters and digits too: the gold-layer field still
        # gets the keys it can type (QLineEdit accepts the ShortcutOverride event for them).
        action = QAction(text, self.window)
        action.setShortcuts([QKeySequence(key) for key in keys])
        self.window.addAction(action)
        return action
