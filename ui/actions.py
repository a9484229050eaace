"""Every command of the window as a QAction with its shortcut, grouped as the menus show them.

Built in one place so the menus, the toolbar and the F1 shortcut list never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import QMenu, QWidget

from annotation.arabic import SnapMode
from annotation.tagset import Label, TagSet
from ui.article.link_painter import LinksShown
from ui.article.span_style import label_colour
from ui.wording import isolate


def colour_icon(colour: QColor) -> QIcon:
    """A small square of colour, for label buttons and menu entries."""
    pixmap = QPixmap(14, 14)
    pixmap.fill(colour)
    return QIcon(pixmap)


class Actions(QObject):
    """The window's actions, owned by the window (`owner`) so their shortcuts work there."""

    def __init__(self, owner: QObject, tagset: TagSet, language: str = "en") -> None:
        super().__init__(owner)
        self.owner = owner
        self.tagset = tagset
        self.language = language  # for the labels' own titles, from the tag set
        self.label_actions: dict[str, QAction] = {}
        self.exact_label_actions: dict[str, QAction] = {}
        self.snap_actions: dict[SnapMode, QAction] = {}
        new = self._new
        # File
        self.import_files = new(self.tr("&Import Articles…"), QKeySequence.StandardKey.Open)
        self.import_folder = new(self.tr("Import &Folder…"), "Ctrl+Shift+O")
        self.export = new(self.tr("&Export Annotations…"), "Ctrl+E")
        self.import_annotations = new(self.tr("Import A&nnotations…"), "Ctrl+Shift+I")
        self.strip_footers = new(
            self.tr("Remove Agency &Footers on Import"), checkable=True, checked=True
        )
        self.settings = new(
            self.tr("&Settings…"),
            QKeySequence.StandardKey.Preferences,
            role=QAction.MenuRole.PreferencesRole,
        )
        self.quit = new(
            self.tr("&Quit"), QKeySequence.StandardKey.Quit, role=QAction.MenuRole.QuitRole
        )
        # Edit (undo and redo come from the undo stack, added by the window)
        self.delete_span = new(self.tr("&Delete Span"), QKeySequence.StandardKey.Delete)
        self.clear_selection = new(self.tr("Clear Selection"), "Esc")
        self.find_document = new(
            self.tr("&Find Document"), [QKeySequence.StandardKey.Find, QKeySequence("Ctrl+L")]
        )
        self.search_corpus = new(self.tr("&Search All Documents"), "Ctrl+Shift+F")
        # Annotate
        for label in self.tagset.labels:
            self.label_actions[label.name] = self._label_action(label, exact=False)
            self.exact_label_actions[label.name] = self._label_action(label, exact=True)
        group = QActionGroup(self.owner)
        for mode, text in (
            (SnapMode.WORD, self.tr("Snap to &Whole Words")),
            (SnapMode.EXACT, self.tr("&Exact Characters")),
            # Each Arabic word isolated: bare, the two formed one right-to-left run in an
            # English line and the arrow pointed from سورية to لسورية (issue 14, item 21).
            (
                SnapMode.CLITIC,
                self.tr("Drop &Proclitics (%1 → %2)")
                .replace("%1", isolate("لسورية"))
                .replace("%2", isolate("سورية")),
            ),
        ):
            action = new(text, checkable=True)
            action.setData(mode.value)
            group.addAction(action)
            self.snap_actions[mode] = action
        self.snap_actions[SnapMode.WORD].setChecked(True)
        self.start_earlier = new(self.tr("Move Start a Word Earlier"), "Alt+Shift+Right")
        self.start_later = new(self.tr("Move Start a Word Later"), "Alt+Shift+Left")
        self.end_later = new(self.tr("Move End a Word Later"), "Alt+Left")
        self.end_earlier = new(self.tr("Move End a Word Earlier"), "Alt+Right")
        self.attribute = new(self.tr("&Attribute Claim to a Speaker…"), "A")
        self.accept_entity = new(self.tr("Accept the Suggested &Entity"), "E")
        self.new_entity = new(self.tr("&New Entity from Span"), "Shift+E")
        self.label_tags = new(self.tr("Show &Label Tags"), "Ctrl+T", checkable=True)
        # The assistant
        self.suggest_document = new(self.tr("&Suggest for This Document"), "Ctrl+J")
        self.suggest_corpus = new(self.tr("Suggest for &All Documents…"))
        self.accept_suggestion = new(
            self.tr("Accept Suggestion"), [QKeySequence("Return"), QKeySequence("Enter")]
        )
        self.reject_suggestion = new(self.tr("Reject Suggestion (or Delete the Span)"), "Backspace")
        self.accept_all_suggestions = new(
            self.tr("Accept All Suggestions in the Document"), "Ctrl+Alt+Return"
        )
        self.next_suggestion = new(self.tr("Ne&xt Suggestion"), "F8")
        self.previous_suggestion = new(self.tr("Pre&vious Suggestion"), "Shift+F8")
        # Document
        self.next_document = new(self.tr("&Next Document"), "Ctrl+PgDown")
        self.previous_document = new(self.tr("&Previous Document"), "Ctrl+PgUp")
        self.next_unfinished = new(self.tr("Next &Unfinished Document"), "Ctrl+Shift+PgDown")
        # Checked while the open document is done: the toolbar button stays pressed.
        self.mark_done = new(self.tr("Mark as &Done"), "Ctrl+Return", checkable=True)
        self.mark_in_progress = new(self.tr("Mark as &In Progress"), "Ctrl+Shift+Return")
        self.focus_next_panel = new(self.tr("Focus Next &Panel"), "F6")
        # View
        self.zoom_in = new(
            self.tr("Zoom &In"), [QKeySequence.StandardKey.ZoomIn, QKeySequence("Ctrl+=")]
        )
        self.zoom_out = new(self.tr("Zoom &Out"), QKeySequence.StandardKey.ZoomOut)
        self.zoom_reset = new(self.tr("&Actual Size"), "Ctrl+0")
        # Which links the article draws: a submenu of three, and a key that steps through them
        # (ui/article/links_choice.py keeps them in step and remembers the choice).
        owner_widget = owner if isinstance(owner, QWidget) else None
        self.links_menu = QMenu(self.tr("&Links"), owner_widget)
        links_group = QActionGroup(self.owner)
        self.links_actions: dict[LinksShown, QAction] = {}
        for shown, text in (
            (LinksShown.SELECTED, self.tr("&Selected Span's Links")),
            (LinksShown.ALL, self.tr("&All Links")),
            (LinksShown.NONE, self.tr("&No Links")),
        ):
            action = new(text, checkable=True)
            links_group.addAction(action)
            self.links_menu.addAction(action)
            self.links_actions[shown] = action
        self.links_menu.addSeparator()
        self.cycle_links = new(self.tr("Next Choice of Links"), "Ctrl+Shift+L")
        self.links_menu.addAction(self.cycle_links)
        # Review
        self.compare = new(self.tr("&Compare and Adjudicate…"), "Ctrl+Shift+R")
        self.agreement_dashboard = new(self.tr("Agreement &Dashboard…"), "Ctrl+Shift+D")
        self.assign_documents = new(self.tr("&Assign Documents…"), "Ctrl+Shift+G")
        # Annotator and help
        self.switch_annotator = new(self.tr("&Switch Annotator…"), "Ctrl+Shift+A")
        self.guidelines = new(self.tr("Annotation &Guidelines"), "Shift+F1")
        self.shortcuts = new(self.tr("&Keyboard Shortcuts"), QKeySequence.StandardKey.HelpContents)
        self.about = new(self.tr("&About Hamish"), role=QAction.MenuRole.AboutRole)

    def menus(self, undo: QAction, redo: QAction) -> list[tuple[str, list[QAction | None]]]:
        """The menu bar: each menu's title and its actions, None for a separator."""
        a = self
        return [
            (
                self.tr("&File"),
                [
                    a.import_files,
                    a.import_folder,
                    a.strip_footers,
                    None,
                    a.import_annotations,
                    a.export,
                    None,
                    a.settings,
                    None,
                    a.quit,
                ],
            ),
            (
                self.tr("&Edit"),
                [undo, redo, None, a.delete_span, a.clear_selection, None, *a.find_actions()],
            ),
            (
                self.tr("&Annotate"),
                [
                    *a.label_actions.values(),
                    None,
                    *a.exact_label_actions.values(),
                    None,
                    *a.snap_actions.values(),
                    None,
                    a.start_earlier,
                    a.start_later,
                    a.end_earlier,
                    a.end_later,
                    None,
                    a.attribute,
                    a.accept_entity,
                    a.new_entity,
                    None,
                    a.suggest_document,
                    a.suggest_corpus,
                    a.accept_suggestion,
                    a.reject_suggestion,
                    a.accept_all_suggestions,
                    a.next_suggestion,
                    a.previous_suggestion,
                    None,
                    a.label_tags,
                ],
            ),
            (
                self.tr("&Document"),
                [
                    a.next_document,
                    a.previous_document,
                    a.next_unfinished,
                    None,
                    a.mark_done,
                    a.mark_in_progress,
                ],
            ),
            (
                self.tr("&View"),
                [
                    a.zoom_in,
                    a.zoom_out,
                    a.zoom_reset,
                    None,
                    a.links_menu.menuAction(),
                    None,
                    a.focus_next_panel,
                ],
            ),
            (self.tr("&Review"), [a.compare, a.agreement_dashboard, None, a.assign_documents]),
            (self.tr("A&nnotator"), [a.switch_annotator]),
            (self.tr("&Help"), [a.guidelines, a.shortcuts, a.about]),
        ]

    def tagging_actions(self) -> list[QAction]:
        """The actions that act on the article view: they fire only while it has the focus."""
        return [
            *self.label_actions.values(),
            *self.exact_label_actions.values(),
            self.delete_span,
            self.clear_selection,
            self.attribute,
            self.accept_entity,
            self.new_entity,
            self.start_earlier,
            self.start_later,
            self.end_earlier,
            self.end_later,
            self.accept_suggestion,
            self.reject_suggestion,
        ]

    def find_actions(self) -> list[QAction]:
        """The Edit menu's two finds: a document by its title, words or spans in every one."""
        return [self.find_document, self.search_corpus]

    def _label_action(self, label: Label, exact: bool) -> QAction:
        title = label.title(self.language)
        keys = [QKeySequence(("Alt+" if exact else "") + key) for key in label.keys]
        text = self.tr("Tag %1, Exact Characters").replace("%1", title) if exact else title
        action = self._new(text, keys)
        action.setIcon(colour_icon(label_colour(label)))
        action.setData(label.name)
        action.setToolTip(
            f"{title} ({' / '.join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)})"
        )
        return action

    def _new(
        self,
        text: str,
        shortcut: QKeySequence.StandardKey
        | str
        | Sequence[QKeySequence | QKeySequence.StandardKey]
        | None = None,
        checkable: bool = False,
        checked: bool = False,
        role: QAction.MenuRole | None = None,
    ) -> QAction:
        action = QAction(text, self.owner)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        elif isinstance(shortcut, str):
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
        elif shortcut is not None:
            action.setShortcuts([QKeySequence(key) for key in shortcut])
        action.setCheckable(checkable)
        action.setChecked(checked)
        if role is not None:
            action.setMenuRole(role)
        return action
