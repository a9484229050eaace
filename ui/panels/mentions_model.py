"""MentionsModel: one entity's mentions and, for a speaker, the claims attributed to it, for
the Entities tab: a heading row a group ("Mentions", "Claims"), then a row a span.

A busy person has a mention in most articles (20,000 at the issue's scale), so rows are cheap:
a row is its span until it is painted, when its sentence is cut from its document (read once
and kept while it is likely to be painted again). An edit in the open document replaces only
that document's rows (`replace_document`), so the view keeps its scroll position and
selection and nothing else is read. The list is flat (a table, not a tree): a tree view walks
every row of the model, through Python, each time rows come or go; a table view only the rows
it paints.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from annotation.arabic import sentence_around
from annotation.model import Document, DocumentId, Span
from annotation.tagset import TagSet
from ui.article.in_context import ROW_ROLE, ResultRow

Index = QModelIndex | QPersistentModelIndex
SPAN_ROLE = Qt.ItemDataRole.UserRole  # a row's Span
KEPT_DOCUMENTS = 256  # documents whose text is kept for painting their rows again


@dataclass
class Group:
    """A heading ("Mentions", "Claims") and its spans, in the store's order."""

    title: str
    spans: list[Span] = field(default_factory=list)

    def rows_of(self, document_id: DocumentId) -> tuple[int, int]:
        """The rows [first, last) of one document: the store orders spans by document."""
        first = bisect_left(self.spans, document_id, key=lambda span: span.document_id)
        last = first
        while last < len(self.spans) and self.spans[last].document_id == document_id:
            last += 1
        return first, last


class MentionsModel(QAbstractTableModel):
    """Groups of spans, each under its heading; column 0 says where a span is, column 1 shows
    it in its sentence."""

    WHERE, SENTENCE = range(2)

    def __init__(
        self,
        read_document: Callable[[DocumentId], Document],
        tagset: TagSet,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._read_document = read_document
        self.tagset = tagset
        self.groups: list[Group] = []
        self._documents: OrderedDict[DocumentId, Document] = OrderedDict()

    # What is listed

    def set_groups(self, groups: Sequence[Group]) -> None:
        """List these groups instead of the ones listed."""
        self.beginResetModel()
        self.groups = list(groups)
        self.endResetModel()

    def replace_document(self, document_id: DocumentId, spans: Sequence[Sequence[Span]]) -> None:
        """Make one document's rows in each group (in order) these spans, moving only them."""
        for number, (group, new) in enumerate(zip(self.groups, spans, strict=False)):
            first, last = group.rows_of(document_id)
            if group.spans[first:last] == list(new):
                continue
            offset = self.heading_row(number) + 1
            if last > first:
                self.beginRemoveRows(QModelIndex(), offset + first, offset + last - 1)
                del group.spans[first:last]
                self.endRemoveRows()
            if new:
                self.beginInsertRows(QModelIndex(), offset + first, offset + first + len(new) - 1)
                group.spans[first:first] = new
                self.endInsertRows()

    def heading_row(self, number: int) -> int:
        """The row of the heading of group `number`."""
        return sum(len(group.spans) + 1 for group in self.groups[:number])

    def span_at(self, index: Index) -> Span | None:
        """The span a row shows (None for a heading)."""
        value = index.data(SPAN_ROLE) if index.isValid() else None
        return value if isinstance(value, Span) else None

    def _row(self, row: int) -> Group | Span:
        """What a row shows: a group's heading, or one of its spans."""
        for group in self.groups:
            if row == 0:
                return group
            if row <= len(group.spans):
                return group.spans[row - 1]
            row -= len(group.spans) + 1
        raise IndexError(row)

    # QAbstractTableModel

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else sum(len(group.spans) + 1 for group in self.groups)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Where"), self.tr("Sentence"))[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if isinstance(self._row(index.row()), Group):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        shown = self._row(index.row())
        if isinstance(shown, Group):
            if role == Qt.ItemDataRole.DisplayRole and index.column() == self.WHERE:
                return shown.title
            return _bold() if role == Qt.ItemDataRole.FontRole else None
        if role == SPAN_ROLE:
            return shown
        if index.column() == self.WHERE:
            return self._where(shown) if role == Qt.ItemDataRole.DisplayRole else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._in_context(shown).line.strip()
        if role == ROW_ROLE:
            return self._in_context(shown)
        return None

    # Rows, made when painted

    def _document(self, document_id: DocumentId) -> Document:
        document = self._documents.get(document_id)
        if document is None:
            document = self._documents[document_id] = self._read_document(document_id)
            if len(self._documents) > KEPT_DOCUMENTS:
                self._documents.popitem(last=False)
        else:
            self._documents.move_to_end(document_id)
        return document

    def _where(self, span: Span) -> str:
        document = self._document(span.document_id)
        return f"{document.title or document.id} · {span.annotator}"

    def _in_context(self, span: Span) -> ResultRow:
        """The span in the middle of its sentence (keyword in context), as the delegate draws
        it: a long sentence no longer cuts the mention off at the column's edge."""
        text = self._document(span.document_id).text
        first, last = sentence_around(text, span.start, span.end)
        return ResultRow(
            span.document_id,
            span.start,
            span.end,
            "",
            text[first : span.start].lstrip(),
            text[span.start : span.end],
            text[span.end : last].rstrip(),
            label=self.tagset.find(span.label),
        )


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font
