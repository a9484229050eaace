"""SearchResultsModel: the Search tab's results, one row a hit in the text (keyword in
context) or a span (its label, text, annotator and, for a claim, its speakers)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from annotation.model import DocumentId
from annotation.search import SpanSearchResult, TextSearchResult
from annotation.tagset import TagSet
from ui.article.in_context import ROW_ROLE, ResultKey, ResultRow

Index = QModelIndex | QPersistentModelIndex


class SearchResultsModel(QAbstractListModel):
    """The results of the last search, in the order the store gave them."""

    ROW_ROLE = ROW_ROLE  # the ResultRow, for the delegate and the panel

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ResultRow] = []

    def set_rows(self, rows: list[ResultRow]) -> None:
        """Show these results instead of the last ones."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        """Show no results."""
        self.set_rows([])

    def result(self, row: int) -> ResultRow:
        """The result in `row`."""
        return self._rows[row]

    def row_of(self, key: ResultKey) -> int | None:
        """The row of the result with this key, if it is shown."""
        return next((row for row, each in enumerate(self._rows) if each.key == key), None)

    def text_rows(self, result: TextSearchResult) -> list[ResultRow]:
        """Rows for hits in the text."""
        return [
            ResultRow(
                hit.document_id,
                hit.start,
                hit.end,
                self._document(hit.title, hit.document_id),
                hit.before,
                hit.match,
                hit.after,
            )
            for hit in result.hits
        ]

    def span_rows(self, result: SpanSearchResult, tagset: TagSet, language: str) -> list[ResultRow]:
        """Rows for spans, titled in `language` from the tag set."""
        rows = []
        for hit in result.hits:
            span = hit.span
            label = tagset.find(span.label)
            title = label.title(language) if label else span.label
            speakers = None
            if span.label == "CLAIM":
                names = "، ".join(speaker.text for speaker in hit.speakers)
                speakers = (
                    self.tr("said by %1").replace("%1", names)
                    if names
                    else self.tr("no speaker yet")
                )
            heading = " · ".join(
                (title, span.annotator, self._document(hit.title, span.document_id))
            )
            rows.append(
                ResultRow(
                    span.document_id,
                    span.start,
                    span.end,
                    heading,
                    before="",
                    match=span.text,
                    after="",
                    span=span,
                    label=label,
                    speakers=speakers,
                )
            )
        return rows

    def summary(self, result: TextSearchResult | SpanSearchResult) -> str:
        """How many results there are in all, and how many are listed."""
        if isinstance(result, SpanSearchResult):
            return self._span_summary(result)
        if not result.total_hits:
            return self.tr("No hits")
        total, documents = result.total_hits, result.total_documents
        hits = self.tr("1 hit") if total == 1 else self.tr("%Ln hits", "", total)
        where = self.tr("1 document") if documents == 1 else self.tr("%Ln documents", "", documents)
        found = self.tr("%1 in %2").replace("%1", hits).replace("%2", where)
        return found + self._showing(len(result.hits), total)

    def _span_summary(self, result: SpanSearchResult) -> str:
        if not result.total:
            return self.tr("No spans")
        spans = self.tr("1 span") if result.total == 1 else self.tr("%Ln spans", "", result.total)
        return spans + self._showing(len(result.hits), result.total)

    def _showing(self, shown: int, total: int) -> str:
        return " " + self.tr("(showing the first %Ln)", "", shown) if shown < total else ""

    def _document(self, title: str, document_id: DocumentId) -> str:
        shown = title or self.tr("(untitled)")  # not inside the f-string: lupdate misses it there
        return f"{shown} · {document_id}"

    # Qt's model interface

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.line
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(filter(None, (row.heading, row.line, row.speakers)))
        if role == self.ROW_ROLE:
            return row
        return None
