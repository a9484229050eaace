"""AttributionControls: choosing a claim's speaker from a menu (key A, the right-click menu,
the side panel), accepting entity suggestions, and taking an attribute from the selection."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QMenu, QWidget

from annotation.model import SpanId
from ui.article.view import ArticleView
from ui.session.qt_session import Session


class AttributionControls(QObject):
    """The window's attribution commands; `say` shows a message in the status bar."""

    def __init__(
        self, session: Session, view: ArticleView, say: Callable[[str, int], None], window: QWidget
    ) -> None:
        super().__init__(window)
        self.session, self.view, self.say, self.window = session, view, say, window

    def choose_speaker(self) -> None:
        """Offer the document's speakers, nearest first, to attribute the selected claim to."""
        claim = self.session.selected_span()
        if claim is None or claim.id is None:
            self.say(self.tr("Select a claim first (Tab walks through the spans)."), 6000)
            return
        menu = self._speaker_menu(claim.id)
        if menu is None:
            self.say(self.tr("This span cannot be attributed, or there is no speaker yet."), 6000)
            return
        rects = self.view.span_rects(claim)
        where = rects[0].bottomRight().toPoint() if rects else self.view.rect().center()
        show_menu(menu, self.view.viewport().mapToGlobal(where))

    def _speaker_menu(self, claim_id: SpanId, parent: QMenu | None = None) -> QMenu | None:
        candidates = self.session.speaker_candidates(claim_id)
        if not candidates:
            return None
        menu = QMenu(self.tr("Attribute to"), parent or self.window)
        menu.installEventFilter(self)
        linked = {link.target_id for link in self.session.links_from(claim_id)}
        for number, speaker in enumerate(candidates[:9], start=1):
            action = menu.addAction(f"&{number}  {speaker.text[:50]}")
            action.setCheckable(True)
            action.setChecked(speaker.id in linked)
            action.triggered.connect(
                lambda _=False, target=speaker.id: self._toggle_link(claim_id, target)
            )
        return menu

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keep the number keys for the speaker menu while it is up.

        A popup takes the keyboard but not the focus: QApplication.focusWidget() stays the
        article, so its label shortcuts (1, 2, 3: WidgetWithChildrenShortcut) matched first and
        relabelled the claim (issue 14 item 2). Accepting the ShortcutOverride hands the key to
        the menu, whose `&1` mnemonic chooses the speaker and closes it."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(watched, QMenu)
            and isinstance(event, QKeyEvent)
            and event.text() in {str(n) for n in range(1, 10)}
        ):
            event.accept()
            return True
        return super().eventFilter(watched, event)

    def _toggle_link(self, claim_id: SpanId, speaker_id: SpanId | None) -> None:
        existing = next(
            (link for link in self.session.links_from(claim_id) if link.target_id == speaker_id),
            None,
        )
        if existing is not None and existing.id is not None:
            self.session.unlink(existing.id)
        elif speaker_id is not None:
            self.session.link(claim_id, speaker_id)

    def add_attribution_menu(self, menu: QMenu) -> None:
        claim = self.session.selected_span()
        if claim is not None and claim.id is not None:
            speakers = self._speaker_menu(claim.id, menu)
            if speakers is not None:
                menu.addMenu(speakers)

    def attribute_from_selection(self, span_id: SpanId, name: str) -> None:
        selection = self.view.selection_range()
        document = self.session.document
        if selection is None or document is None:
            self.say(self.tr("Select the words in the article first."), 6000)
            return
        # Snap as tagging does, so a drag that missed a letter still takes the whole word
        # (issue 14 item 9: part of أكد became كد).
        tagged = self.session.tagged
        start, end = min(selection), max(selection)
        snapped = tagged.snap(start, end, self.session.snap_mode) if tagged else None
        words = document.text[snapped[0] : snapped[1]].strip() if snapped else ""
        if words:
            self.session.set_attribute(span_id, name, words)
            self.view.clear_selection()

    def accept_entity(self) -> None:
        if self.session.selected is not None and not self.session.accept_suggested_entity(
            self.session.selected
        ):
            self.say(self.tr("No entity to suggest for this span."), 6000)


def show_menu(menu: QMenu, where: QPoint) -> None:
    """Pop up a menu and wait for the choice (a seam for tests, where nobody chooses)."""
    menu.exec(where)
