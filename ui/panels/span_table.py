"""SpanTableModel: the open document's spans in the side panel (label, covered text, attributes)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from annotation.model import Span, SpanId
from annotation.tagset import TagSet
from ui.article.span_style import label_colour
from ui.wording import attributes_text

Index = QModelIndex | QPersistentModelIndex


class SpanTableModel(QAbstractTableModel):
    """One row a span, in text order."""

    LABEL, TEXT, ATTRIBUTES = range(3)

    def __init__(self, tagset: TagSet, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tagset = tagset
        self.language = "en"
        self._spans: list[Span] = []

    def set_spans(self, spans: list[Span]) -> None:
        """Show these spans; one added or removed span moves one row, not the whole table."""
        new = sorted(spans, key=lambda span: (span.start, -span.end, span.id or 0))
        old = self._spans
        if len(new) == len(old) + 1:
            row = next(
                (i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), len(old)
            )
            if old[row:] == new[row + 1 :]:
                self.beginInsertRows(QModelIndex(), row, row)
                self._spans = new
                self.endInsertRows()
                return
        if len(new) == len(old) - 1:
            row = next(
                (i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), len(new)
            )
            if old[row + 1 :] == new[row:]:
                self.beginRemoveRows(QModelIndex(), row, row)
                self._spans = new
                self.endRemoveRows()
                return
        self.beginResetModel()
        self._spans = new
        self.endResetModel()

    def attributes_line(self, row: int) -> str:
        """The attributes of the span in `row`, as the Attributes column reads them."""
        if not 0 <= row < len(self._spans):
            return ""
        span = self._spans[row]
        if not span.attributes:
            return ""  # most spans (a whole article's, on a switch): no words to make
        return attributes_text(self.tagset.find(span.label), span.attributes, self.language)

    def span_id(self, row: int) -> SpanId | None:
        """The id of the span in `row`."""
        return self._spans[row].id if 0 <= row < len(self._spans) else None

    def row_of(self, span_id: SpanId | None) -> int | None:
        """The row of a span."""
        return next((row for row, span in enumerate(self._spans) if span.id == span_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._spans)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Label"), self.tr("Text"), self.tr("Attributes"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._spans):
            return None
        span = self._spans[index.row()]
        column = index.column()
        label = self.tagset.find(span.label)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.LABEL:
                return label.title(self.language) if label else span.label
            if column == self.TEXT:
                return span.text.replace("\n", " ⏎ ")
            if column == self.ATTRIBUTES:
                return attributes_text(label, span.attributes, self.language)
        if role == Qt.ItemDataRole.DecorationRole and column == self.LABEL:
            return label_colour(label)
        if role == Qt.ItemDataRole.ToolTipRole:
            # The row elides the covered text (and a long note): the tooltip holds them whole.
            title = label.title(self.language) if label else span.label
            attributes = attributes_text(label, span.attributes, self.language)
            lines = [f"{title} {span.start}–{span.end}", span.text, attributes]
            return "\n".join(line for line in lines if line)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.TEXT:
            return int(
                Qt.AlignmentFlag.AlignRight
                | Qt.AlignmentFlag.AlignAbsolute
                | Qt.AlignmentFlag.AlignVCenter
            )
        return None
