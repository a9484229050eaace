"""EntityBrowser: the speakers, organisations and places of the corpus with their mentions
and, for speakers, every claim attributed to them; rename, merge and split from here.

Re-reading them means reading every claim of the corpus (0.7 to 3 s at 2,000 documents), so
the browser re-reads only when a change may show in it: the registry changed, or a span or link
that names an entity (or is not in view to tell) was added, changed or removed."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotation.arabic import normalise_for_match, sentence_around
from annotation.changes import Changes
from annotation.model import DocumentId, Entity, EntityKind, Link, LinkId, Span, SpanId
from annotation.ports import NotFoundError
from ui.article.in_context import ROW_ROLE, ResultRow
from ui.article.kwic_delegate import KwicDelegate
from ui.panels.entity_dialog import EntityDialog
from ui.session.qt_session import Session


class EntityBrowser(QWidget):
    """Lists entities; choosing one lists its mentions and claims; a double-click opens one."""

    open_requested = Signal(object, object)  # DocumentId, Span

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText(self.tr("Filter entities…"))
        self.filter_box.setClearButtonEnabled(True)
        self.kind = QComboBox()
        for text, kind in (
            (self.tr("All"), None),
            (self.tr("People"), EntityKind.PERSON),
            (self.tr("Organisations"), EntityKind.ORGANISATION),
            (self.tr("Places"), EntityKind.PLACE),
        ):
            self.kind.addItem(text, kind)
        self.entities = QTreeWidget()
        self.entities.setHeaderLabels([self.tr("Name"), self.tr("Kind"), self.tr("Mentions")])
        self.entities.setRootIsDecorated(False)
        self.entities.setSortingEnabled(True)
        self.mentions = QTreeWidget()
        self.mentions.setHeaderLabels([self.tr("Where"), self.tr("Sentence")])
        self.mentions.setItemDelegateForColumn(1, KwicDelegate(self.mentions, headings=False))
        self.mentions.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.rename_button = QPushButton(self.tr("Rename…"))
        self.merge_button = QPushButton(self.tr("Merge Into…"))
        self.split_button = QPushButton(self.tr("Split Off Selected…"))
        buttons = QHBoxLayout()
        for button in (self.edit_button, self.rename_button, self.merge_button, self.split_button):
            buttons.addWidget(button)
        filters = QHBoxLayout()
        filters.addWidget(self.filter_box, 1)
        filters.addWidget(self.kind)
        lists = QSplitter(Qt.Orientation.Vertical)
        lists.addWidget(self.entities)
        lists.addWidget(self.mentions)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(lists, 1)
        layout.addLayout(buttons)

        self.filter_box.textChanged.connect(self.refresh)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.entities.currentItemChanged.connect(lambda *_: self._show_mentions())
        self.mentions.itemActivated.connect(self._open)
        self.edit_button.clicked.connect(self._edit)
        self.rename_button.clicked.connect(self._rename)
        self.merge_button.clicked.connect(self._merge)
        self.split_button.clicked.connect(self._split)
        # The open layer as last seen: what a change did to it is told by comparing.
        self._seen = _LayerView.of(session)
        session.changed.connect(self.show_changes)
        session.document_opened.connect(lambda _document: self._remember_layer())
        self.refresh()

    def show_changes(self, changes: Changes) -> None:
        """Re-read the registry if `changes` may show here; otherwise leave it be."""
        before, after = self._seen, self._remember_layer()
        if _may_show(changes, before, after, _shown(self.session)):
            self.refresh()

    def _remember_layer(self) -> _LayerView:
        self._seen = _LayerView.of(self.session)
        return self._seen

    def current_entity(self) -> Entity | None:
        """The entity chosen in the list."""
        item = self.entities.currentItem()
        entity_id = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        if entity_id is None:
            return None
        try:
            return self.session.store.entity(entity_id)
        except NotFoundError:  # merged away, or its creation undone
            return None

    def refresh(self) -> None:
        """Re-read the registry, keeping the chosen entity chosen."""
        chosen = self.current_entity()
        wanted = normalise_for_match(self.filter_box.text().strip())
        kind = self.kind.currentData()
        counts = self.session.store.mention_counts()
        names = {
            EntityKind.PERSON: self.tr("person"),
            EntityKind.ORGANISATION: self.tr("organisation"),
            EntityKind.PLACE: self.tr("place"),
        }
        # Quiet while rebuilt: each current item on the way would list its mentions and claims,
        # once more than the one listing below.
        blocker = QSignalBlocker(self.entities)
        self.entities.setSortingEnabled(False)
        self.entities.clear()
        for entity in self.session.store.entities():
            names_of = " ".join((entity.name, *entity.aliases))
            if (kind is not None and entity.kind is not kind) or (
                wanted and wanted not in normalise_for_match(names_of)
            ):
                continue
            item = QTreeWidgetItem([entity.name, names[entity.kind], ""])
            item.setData(
                2, Qt.ItemDataRole.DisplayRole, counts.get(entity.id, 0) if entity.id else 0
            )
            item.setData(0, Qt.ItemDataRole.UserRole, entity.id)
            item.setToolTip(0, "، ".join(entity.aliases))
            self.entities.addTopLevelItem(item)
            if chosen is not None and entity.id == chosen.id:
                self.entities.setCurrentItem(item)
        self.entities.setSortingEnabled(True)
        self.entities.sortItems(2, Qt.SortOrder.DescendingOrder)
        blocker.unblock()
        self._show_mentions()

    def _show_mentions(self) -> None:
        self.mentions.clear()
        entity = self.current_entity()
        for button in (self.edit_button, self.rename_button, self.merge_button, self.split_button):
            button.setEnabled(entity is not None)
        if entity is None or entity.id is None:
            return
        texts: dict[DocumentId, tuple[str, str]] = {}
        mentions = QTreeWidgetItem(self.mentions, [self.tr("Mentions")])
        for span in self.session.store.mentions(entity.id):
            self._add_row(mentions, span, texts)
        mentions.setExpanded(True)
        if entity.kind is EntityKind.PERSON or entity.kind is EntityKind.ORGANISATION:
            claims = QTreeWidgetItem(self.mentions, [self.tr("Claims")])
            for claim in self.session.store.claims_by(entity.id):
                self._add_row(claims, claim, texts)
            claims.setExpanded(True)
        self.mentions.resizeColumnToContents(0)
        # A long title must not push the sentences out of sight: they get most of the width.
        most = int(self.mentions.viewport().width() * 0.4)
        if self.mentions.columnWidth(0) > most:
            self.mentions.setColumnWidth(0, most)

    def _add_row(
        self, parent: QTreeWidgetItem, span: Span, texts: dict[DocumentId, tuple[str, str]]
    ) -> None:
        if span.document_id not in texts:
            document = self.session.store.document(span.document_id)
            texts[span.document_id] = (document.title or str(document.id), document.text)
        title, text = texts[span.document_id]
        first, last = sentence_around(text, span.start, span.end)
        item = QTreeWidgetItem(parent, [f"{title} · {span.annotator}", text[first:last].strip()])
        item.setData(0, Qt.ItemDataRole.UserRole, span)
        # The mention in the middle of its sentence (keyword in context): a long sentence
        # no longer cuts it off at the column's edge.
        in_context = ResultRow(
            span.document_id,
            span.start,
            span.end,
            "",
            text[first : span.start].lstrip(),
            text[span.start : span.end],
            text[span.end : last].rstrip(),
            label=self.session.tagset.find(span.label),
        )
        item.setData(1, ROW_ROLE, in_context)
        item.setToolTip(1, text[first:last].strip())

    def _open(self, item: QTreeWidgetItem) -> None:
        span = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(span, Span):
            self.open_requested.emit(span.document_id, span)

    def _edit(self) -> None:
        entity = self.current_entity()
        if entity is None:
            return
        dialog = EntityDialog(entity, self)
        if dialog.exec() == EntityDialog.DialogCode.Accepted:
            self.session.update_entity(dialog.entity())

    def _rename(self) -> None:
        entity = self.current_entity()
        if entity is None or entity.id is None:
            return
        name, accepted = QInputDialog.getText(
            self, self.tr("Rename Entity"), self.tr("New name:"), text=entity.name
        )
        if accepted:
            self.session.rename_entity(entity.id, name)

    def _merge(self) -> None:
        entity = self.current_entity()
        if entity is None or entity.id is None:
            return
        others = [
            e for e in self.session.store.entities() if e.kind is entity.kind and e.id != entity.id
        ]
        if not others:
            return
        labels = [f"{e.name} ({e.id})" for e in others]
        choice, accepted = QInputDialog.getItem(
            self,
            self.tr("Merge Entity"),
            self.tr("Merge “%1” into:").replace("%1", entity.name),
            labels,
            0,
            False,
        )
        if accepted and choice in labels:
            keep = others[labels.index(choice)]
            assert keep.id is not None
            self.session.merge_entities(keep.id, entity.id)

    def _split(self) -> None:
        entity = self.current_entity()
        chosen = [item.data(0, Qt.ItemDataRole.UserRole) for item in self.mentions.selectedItems()]
        spans = [
            span
            for span in chosen
            if isinstance(span, Span) and span.entity_id == (entity.id if entity else None)
        ]
        if entity is None or entity.id is None or not spans:
            return
        name, accepted = QInputDialog.getText(
            self,
            self.tr("Split Entity"),
            self.tr("Name of the new entity for the selected mentions:"),
        )
        if accepted:
            self.session.split_entity(entity.id, [span.id for span in spans if span.id], name)


class _LayerView:
    """The open document's spans (the person's and the pending suggestions) and links."""

    def __init__(self, spans: dict[SpanId, Span], links: dict[LinkId, Link]) -> None:
        self.spans, self.links = spans, links

    @classmethod
    def of(cls, session: Session) -> _LayerView:
        spans = {s.id: s for s in (*session.spans, *session.suggestions) if s.id is not None}
        return cls(spans, {link.id: link for link in session.links if link.id is not None})

    def names_entity(self, span_id: SpanId) -> bool:
        span = self.spans.get(span_id)
        return span is not None and span.entity_id is not None


def _may_show(
    changes: Changes, before: _LayerView, after: _LayerView, shown: DocumentId | None
) -> bool:
    """Whether a change may alter what the browser lists: mentions, counts, claims."""
    # (A decision alone, a reason recorded say, changes no span: its gold spans, if any,
    # come in `spans` and are judged below.)
    if changes.everything or changes.entities or changes.corpus:
        return True
    if not (changes.documents or changes.spans or changes.links):
        return False  # statuses alone
    if any(document_id != shown for document_id in changes.documents):
        return True  # another document's spans: not in view to tell
    if any(i not in before.spans and i not in after.spans for i in changes.spans) or any(
        i not in before.links and i not in after.links for i in changes.links
    ):
        return True  # another layer's spans or links (gold, say): not in view either
    spans = {
        i
        for i in before.spans.keys() | after.spans.keys()
        if before.spans.get(i) != after.spans.get(i)
    }
    links = [
        link
        for i in before.links.keys() | after.links.keys()
        if before.links.get(i) != after.links.get(i)
        for link in (before.links.get(i), after.links.get(i))
        if link is not None
    ]
    # A claim's row shows its text, so a claim attributed to a named speaker counts too.
    attributed = {
        link.source_id
        for view in (before, after)
        for link in view.links.values()
        if view.names_entity(link.target_id)
    }
    return (
        any(view.names_entity(i) for i in spans for view in (before, after))
        or bool(spans & attributed)
        or any(view.names_entity(link.target_id) for link in links for view in (before, after))
    )


def _shown(session: Session) -> DocumentId | None:
    return session.document.id if session.document is not None else None
