"""SpanEditor: the selected span's attributes, entity and links, with editors built from the
tag set (choices as lists, text as fields). Every change goes through the session, so it is
one undoable edit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotation.changes import Changes
from annotation.model import Span, SpanId
from annotation.tagset import AttributeSpec, AttributeType
from ui.article.span_style import label_colour
from ui.session.qt_session import Session


class SpanEditor(QWidget):
    """Edits the session's selected span."""

    attribute_requested = Signal()  # the person wants to pick a speaker for the claim
    text_for_attribute_requested = Signal(object, str)  # SpanId, attribute: use the text selection

    def __init__(
        self, session: Session, language: str = "en", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.language = language
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.form = QFormLayout()
        # A narrow panel puts a field under its name rather than widen the panel.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.links_label = QLabel()
        self.links = QListWidget()
        self.links.setMaximumHeight(110)
        self.attribute_button = QPushButton(self.tr("Attribute to a Speaker… (A)"))
        self.attribute_button.clicked.connect(self.attribute_requested)
        self.unlink_button = QPushButton(self.tr("Remove Attribution"))
        self.unlink_button.clicked.connect(self._unlink)
        # One above the other: side by side they were wider than the side panel at 1366 px.
        buttons = QVBoxLayout()
        buttons.addWidget(self.attribute_button)
        buttons.addWidget(self.unlink_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.links_label)
        layout.addWidget(self.links)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self._editors: dict[str, QWidget] = {}
        self._span_id: SpanId | None = None
        self._shown: tuple[object, ...] | None = None
        self._built_for: tuple[object, ...] | None = None  # what the editors were built for
        self._editing = False  # inside the signal of one of the editors
        session.span_selected.connect(lambda _id: self.refresh())
        session.changed.connect(self._show_changes)
        session.document_opened.connect(lambda _document: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        """Show the selected span (or a hint when none is selected)."""
        span = self.session.selected_span()
        shown = (
            (span, tuple(self.session.links_from(span.id) + self.session.links_to(span.id)))
            if span and span.id
            else None
        )
        if shown is not None and shown == self._shown:
            # Nothing about this span changed (another window committed something else): keep
            # the editors, and whatever is being typed into them.
            return
        if span is not None and self._build_key(span) == self._built_for:
            # Same span, same editors: show the new values in them. Rebuilding here deleted the
            # field whose editingFinished (sent from inside its focus-out) brought us here, and
            # Qt crashed in QWidget::focusOutEvent (issue 14 item 1; docs/arabic-in-qt.md, pitfalls).
            self._shown = shown
            self._show_values(span)
            return
        if self._editing:
            # An editor's own signal changed which editors the panel needs (an entity accepted,
            # a label): rebuild once that editor's event is over, never inside it.
            QTimer.singleShot(0, self.refresh)
            return
        self._shown = shown
        self._built_for = self._build_key(span) if span is not None else None
        self._span_id = span.id if span else None
        while self.form.rowCount():
            self.form.removeRow(0)
        self._editors.clear()
        self.links.clear()
        if span is None:
            self.heading.setText(self.tr("Select a span to edit its attributes, entity and links."))
            self.heading.setStyleSheet("")
            for widget in (self.links_label, self.links, self.attribute_button, self.unlink_button):
                widget.hide()
            return
        label = self.session.tagset.find(span.label)
        title = label.title(self.language) if label else span.label
        self.heading.setText(f"{title}: {span.text}")
        self.heading.setStyleSheet(
            f"border-bottom: 3px solid {label_colour(label).name()}; padding: 4px;"
        )
        for spec in label.attributes if label else ():
            editor = self._editor(spec, span.attributes.get(spec.name))
            self._editors[spec.name] = editor
            self.form.addRow(
                spec.titles.get(self.language) or spec.titles.get("en") or spec.name, editor
            )
        if label is not None and label.entity_kind is not None:
            self.form.addRow(self.tr("Entity"), self._entity_row(span.entity_id))
        self._show_links(span.id)

    def _show_changes(self, changes: Changes) -> None:
        document = self.session.document
        if changes.touches_entities:
            # A rename leaves the span as it was but not its entity box: show the box again.
            self._shown = None
            self.refresh()
        elif changes.touches_document(document.id if document else None):
            self.refresh()

    def _build_key(self, span: Span) -> tuple[object, ...]:
        """What decides which editors the panel holds for `span` (not their values)."""
        suggestion = self.session.suggested_entity(span.id) if span.id is not None else None
        return (
            span.id,
            span.label,
            tuple(self._entity_choices(span)),
            suggestion.id if suggestion else None,
        )

    def _show_values(self, span: Span) -> None:
        label = self.session.tagset.find(span.label)
        for spec in label.attributes if label else ():
            show_value(self.field(spec.name), span.attributes.get(spec.name))
        show_value(self.field("entity"), span.entity_id)
        self.links.clear()
        self._show_links(span.id)

    def _from_editor(self, change: Callable[[], object]) -> None:
        """Run an editor's change, remembering that the editor's own event is under way."""
        self._editing = True
        try:
            change()
        finally:
            self._editing = False

    def field(self, name: str) -> QWidget | None:
        """The editor of one attribute ("entity" for the entity box), as shown now."""
        editor = self._editors.get(name)
        return editor.findChild(QLineEdit) if name == "cue" and editor is not None else editor

    # Attributes

    def _editor(self, spec: AttributeSpec, value: object) -> QWidget:
        span_id = self._span_id
        assert span_id is not None
        if spec.type is AttributeType.CHOICE:
            box = _narrow_box()
            box.addItem("—", None)
            for choice in spec.choices:
                box.addItem(spec.choice_title(choice, self.language), choice)
            box.setCurrentIndex(max(0, box.findData(value)))
            box.activated.connect(
                lambda _i: self._from_editor(
                    lambda: self.session.set_attribute(span_id, spec.name, box.currentData())
                )
            )
            return box
        if spec.type is AttributeType.BOOLEAN:
            check = QCheckBox()
            check.setChecked(bool(value))
            check.toggled.connect(
                lambda on: self._from_editor(
                    lambda: self.session.set_attribute(span_id, spec.name, on)
                )
            )
            return check
        field = QLineEdit(str(value) if value is not None else "")
        field.editingFinished.connect(
            lambda: self._from_editor(
                lambda: self.session.set_attribute(span_id, spec.name, field.text().strip())
            )
        )
        if spec.name != "cue":
            return field
        # The reporting verb is usually right there in the article: take it from the selection.
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        pick = QPushButton(self.tr("From Selection"))
        pick.setToolTip(self.tr("Use the text selected in the article as the cue"))
        pick.clicked.connect(lambda: self.text_for_attribute_requested.emit(span_id, spec.name))
        layout.addWidget(field, 1)
        layout.addWidget(pick)
        return row

    # Entity

    def _entity_row(self, entity_id: object) -> QWidget:
        span_id = self._span_id
        assert span_id is not None
        span = self.session.span(span_id)
        row = QWidget()
        layout = QVBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        box = _narrow_box()
        box.addItem(self.tr("— none —"), None)
        for name, choice in self._entity_choices(span) if span else ():
            box.addItem(name, choice)
        box.setCurrentIndex(max(0, box.findData(entity_id)))
        box.activated.connect(
            lambda _i: self._from_editor(
                lambda: self.session.assign_entity(span_id, box.currentData())
            )
        )
        self._editors["entity"] = box
        new = QPushButton(self.tr("New Entity from This Span"))
        new.clicked.connect(lambda: self._from_editor(lambda: self.session.new_entity_for(span_id)))
        layout.addWidget(box)
        suggestion = self.session.suggested_entity(span_id)
        if suggestion is not None:
            accept = QPushButton(
                self.tr("Accept Suggestion: %1 (E)").replace("%1", suggestion.name)
            )
            accept.clicked.connect(
                lambda: self._from_editor(lambda: self.session.accept_suggested_entity(span_id))
            )
            self._editors["suggestion"] = accept
            layout.addWidget(accept)
        layout.addWidget(new)
        return row

    def _entity_choices(self, span: Span) -> list[tuple[str, object]]:
        """(name, id) of the entities a span of this label may name."""
        label = self.session.tagset.find(span.label)
        if label is None or label.entity_kind is None:
            return []
        return [(e.name, e.id) for e in self.session.entities() if e.kind is label.entity_kind]

    # Links

    def _show_links(self, span_id: SpanId | None) -> None:
        if span_id is None:
            return
        outgoing = self.session.links_from(span_id)
        incoming = self.session.links_to(span_id)
        span = self.session.span(span_id)
        can_attribute = span is not None and any(
            t.source_label == span.label for t in self.session.tagset.link_types
        )
        if can_attribute:
            self.links_label.setText(self.tr("Attributed to:"))
            for link in outgoing:
                target = self.session.span(link.target_id)
                self._add_link_row(target.text if target else "?", link.id)
            if not outgoing:
                item = QListWidgetItem(self.tr("(no speaker yet)"))
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                self.links.addItem(item)
        else:
            self.links_label.setText(self.tr("Claims attributed to this span:"))
            for link in incoming:
                source = self.session.span(link.source_id)
                self._add_link_row(source.text if source else "?", link.id)
        shown = can_attribute or bool(incoming)
        for widget in (self.links_label, self.links):
            widget.setVisible(shown)
        self.attribute_button.setVisible(can_attribute)
        self.unlink_button.setVisible(shown)
        self.unlink_button.setEnabled(bool(outgoing or incoming))

    def _add_link_row(self, text: str, link_id: object) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, link_id)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        self.links.addItem(item)

    def _unlink(self) -> None:
        item = self.links.currentItem() or (self.links.item(0) if self.links.count() == 1 else None)
        link_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        if link_id is not None:
            self.session.unlink(link_id)


def show_value(editor: QWidget | None, value: object) -> None:
    """Show a stored value in an attribute's editor without it saving anything back."""
    if isinstance(editor, QComboBox):
        editor.setCurrentIndex(max(0, editor.findData(value)))
    elif isinstance(editor, QCheckBox):
        with QSignalBlocker(editor):
            editor.setChecked(bool(value))
    elif isinstance(editor, QLineEdit) and not (editor.hasFocus() and editor.isModified()):
        editor.setText(str(value) if value is not None else "")  # keep what is being typed


def _narrow_box() -> QComboBox:
    """A list that fits a narrow panel: a long choice or entity name is elided in the box (the
    popup shows it whole) instead of widening the panel."""
    box = QComboBox()
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(8)
    return box
