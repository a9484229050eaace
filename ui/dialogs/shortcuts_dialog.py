"""ShortcutsDialog (F1): every command and its keys, menu by menu, read from the actions."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)


class ShortcutsDialog(QDialog):
    """Lists the window's commands with their shortcuts."""

    def __init__(
        self, menus: list[tuple[str, list[QAction | None]]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.resize(560, 640)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Command"), self.tr("Keys")])
        self.tree.setRootIsDecorated(False)
        for title, actions in menus:
            group = QTreeWidgetItem(self.tree, [title.replace("&", "")])
            group.setFirstColumnSpanned(True)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for action in _with_submenus(actions):
                keys = ", ".join(
                    key.toString(QKeySequence.SequenceFormat.NativeText)
                    for key in action.shortcuts()
                )
                QTreeWidgetItem(group, [action.text().replace("&", ""), keys])
            group.setExpanded(True)
        for extra, keys in (
            (
                self.tr("Select text"),
                self.tr("Shift+Arrows, Ctrl+Shift+Arrows, or drag (inside a span too)"),
            ),
            (self.tr("Select the next / previous span"), "Tab, Shift+Tab"),
            (
                self.tr("Select a span, or the next one under it"),
                self.tr("Click, without dragging"),
            ),
            (
                self.tr("Menu for a span, or for the selected text"),
                self.tr("Right-click it"),
            ),
            (self.tr("Resize the selected span"), self.tr("Drag its edge")),
            (self.tr("Link a claim to its speaker"), self.tr("Ctrl+drag from claim to speaker")),
        ):
            QTreeWidgetItem(self.tree, [extra, keys])
        self.tree.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)


def _with_submenus(actions: list[QAction | None]) -> list[QAction]:
    """The actions of a menu, a submenu's (View > Links) in its place."""
    flat = []
    for action in actions:
        submenu = action.menu() if action is not None else None
        if isinstance(submenu, QMenu):
            flat += [each for each in submenu.actions() if not each.isSeparator()]
        elif action is not None:
            flat.append(action)
    return flat
