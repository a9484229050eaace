"""EntityBrowser: the speakers, organisations and places of the corpus with their mentions
and, for speakers, every claim attributed to them; rename, merge and split from here.

The chosen entity may have a mention in most of the corpus's articles, so the browser re-reads
only what a change may show: nothing when it names no entity; for an edit in the open document
(the person's own work), that document's rows and the counts of the entities it touched; the
registry and the chosen entity's rows only when the registry changed or another document did."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStyleOptionViewItem,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotation.arabic import normalise_for_match
from annotation.changes import Changes
from annotation.model import DocumentId, Entity, EntityId, EntityKind, Link, LinkId, Span, SpanId
from annotation.ports import NotFoundError
from ui.article.kwic_delegate import KwicDelegate
from ui.panels.entity_dialog import EntityDialog
from ui.panels.mentions_model import Group, MentionsModel
from ui.session.qt_session import Session, asks_server


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
        self.mention_rows = MentionsModel(session.store.document, session.tagset, self)
        self.mentions = QTableView()
        self.mentions.setModel(self.mention_rows)
        in_context = KwicDelegate(self.mentions, headings=False)
        self.mentions.setItemDelegateForColumn(1, in_context)
        self.mentions.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.mentions.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.mentions.setShowGrid(False)
        self.mentions.setWordWrap(False)
        self.mentions.verticalHeader().hide()
        # Thousands of rows of one height, the sentences' (no row is measured alone).
        rows = self.mentions.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        style = QStyleOptionViewItem()
        style.font = self.mentions.font()
        rows.setDefaultSectionSize(in_context.sizeHint(style, QModelIndex()).height())
        self.mentions.horizontalHeader().setStretchLastSection(True)
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
        self.mentions.activated.connect(self._open)
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
        """Show what `changes` did here, re-reading as little as tells it."""
        before, after = self._seen, self._remember_layer()
        shown = _shown(self.session)
        if not _may_show(changes, before, after, shown):
            return
        if shown is not None and _within(changes, before, after, shown):
            self._follow_document(shown, changes.mentions)
        else:
            self.refresh()

    def _follow_document(self, document_id: DocumentId, touched: frozenset[EntityId]) -> None:
        """After an edit in the open document: its rows of the chosen entity, and the counts of
        the entities whose mentions it changed."""
        counts = self.session.store.mention_counts(touched) if touched else {}
        # All the items first: a new count re-sorts the list (by mentions), and reading items
        # by row while it moves skipped one.
        items = [
            self.entities.topLevelItem(row) for row in range(self.entities.topLevelItemCount())
        ]
        for item in items:
            entity_id = item.data(0, Qt.ItemDataRole.UserRole) if item else None
            if item is not None and entity_id in touched:
                item.setData(2, Qt.ItemDataRole.DisplayRole, counts.get(entity_id, 0))
        entity = self.current_entity()
        if entity is not None and entity.id is not None:
            self.mention_rows.replace_document(document_id, self._groups(entity, document_id))

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

    @asks_server
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

    @asks_server
    def _show_mentions(self) -> None:
        entity = self.current_entity()
        for button in (self.edit_button, self.rename_button, self.merge_button, self.split_button):
            button.setEnabled(entity is not None)
        if entity is None or entity.id is None:
            self.mention_rows.set_groups([])
            return
        titles = (self.tr("Mentions"), self.tr("Claims"))
        self.mention_rows.set_groups(
            [
                Group(title, spans)
                for title, spans in zip(titles, self._groups(entity), strict=False)
            ]
        )
        self.mentions.resizeColumnToContents(0)
        # A long title must not push the sentences out of sight: they get most of the width.
        most = int(self.mentions.viewport().width() * 0.4)
        if self.mentions.columnWidth(0) > most:
            self.mentions.setColumnWidth(0, most)

    def _groups(self, entity: Entity, document_id: DocumentId | None = None) -> list[list[Span]]:
        """The entity's mentions and, for a speaker, its claims (in one document, or all)."""
        assert entity.id is not None
        store = self.session.store
        groups = [store.mentions(entity.id, document_id)]
        if entity.kind is EntityKind.PERSON or entity.kind is EntityKind.ORGANISATION:
            groups.append(store.claims_by(entity.id, document_id))
        return groups

    def _open(self, index: QModelIndex) -> None:
        span = self.mention_rows.span_at(index)
        if span is not None:
            self.open_requested.emit(span.document_id, span)

    @asks_server
    def _edit(self) -> None:
        entity = self.current_entity()
        if entity is None:
            return
        dialog = EntityDialog(entity, self)
        if dialog.exec() == EntityDialog.DialogCode.Accepted:
            self.session.update_entity(dialog.entity())

    @asks_server
    def _rename(self) -> None:
        entity = self.current_entity()
        if entity is None or entity.id is None:
            return
        name, accepted = QInputDialog.getText(
            self, self.tr("Rename Entity"), self.tr("New name:"), text=entity.name
        )
        if accepted:
            self.session.rename_entity(entity.id, name)

    @asks_server
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

    @asks_server
    def _split(self) -> None:
        entity = self.current_entity()
        chosen = [
            self.mention_rows.span_at(index)
            for index in self.mentions.selectionModel().selectedRows(MentionsModel.WHERE)
        ]
        spans = [
            span
            for span in chosen
            if span is not None and span.entity_id == (entity.id if entity else None)
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


def _within(changes: Changes, before: _LayerView, after: _LayerView, shown: DocumentId) -> bool:
    """Whether `changes` touched the open document's layer and nothing beyond it: an edit
    of the person's (its rows and counts tell all it did here)."""
    return (
        not (changes.everything or changes.entities or changes.corpus)
        and changes.documents <= {shown}
        and all(i in before.spans or i in after.spans for i in changes.spans)
        and all(i in before.links or i in after.links for i in changes.links)
    )


def _shown(session: Session) -> DocumentId | None:
    return session.document.id if session.document is not None else None
