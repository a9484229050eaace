"""SpanTableView: the side panel's spans, one row a span drawn by SpanRowDelegate as
a label chip and the covered text on its first line, the span's attributes wrapped beneath.

Three columns (label, text, attributes) did not fit the side panel: the attributes were cut
off even at 1600 px (issue 18). Drawn in one column, the label is never elided, the text is
elided at its end (the tooltip and the article hold it whole) and the attributes wrap, so
nothing scrolls sideways at 1366x768.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QPainter,
    QPalette,
    QResizeEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from annotation.arabic import is_right_to_left
from ui.panels.span_table import SpanTableModel

Index = QModelIndex | QPersistentModelIndex
PADDING = 4  # px around a row's contents
CHIP_PADDING = 6  # px each side of the label inside its chip
GAP = 6  # px between the chip and the text
LINE_GAP = 2  # px between the first line and the attributes
MAX_ATTRIBUTE_LINES = 4  # a long note ends in an ellipsis; the tooltip and the editor hold it
CHIP_FILL_ALPHA = 90  # as light as the article's span fill, so the chip reads as that label


@dataclass(frozen=True)
class RowGeometry:
    """Where a row's parts go, in the view's coordinates (mirrored in a right-to-left view)."""

    chip: QRect
    text: QRect
    attributes: QRect  # empty when the span has no attributes
    attribute_lines: tuple[str, ...]  # the attributes as wrapped, the last perhaps elided


class SpanRowDelegate(QStyledItemDelegate):
    """Draws a span's row: label chip and covered text, then its attributes."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self._heights: dict[tuple[str, int, str], int] = {}  # (attributes, width, font)

    def row_geometry(self, index: Index) -> RowGeometry:
        """Where the parts of `index`'s row are drawn in the view now."""
        option = QStyleOptionViewItem()
        self.initStyleOption(option, index)
        option.rect = self.view.visualRect(index.sibling(index.row(), SpanTableModel.LABEL))
        option.direction = self.view.layoutDirection()
        option.font = self.view.font()
        return self.geometry(option, index)

    def geometry(self, option: QStyleOptionViewItem, index: Index) -> RowGeometry:
        """Where the chip, the text and the attributes of `index`'s row are drawn."""
        rect = option.rect
        metrics = QFontMetrics(option.font)
        inner = rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        line_height = metrics.height()
        label = _text(index, SpanTableModel.LABEL)
        chip_width = min(metrics.horizontalAdvance(label) + 2 * CHIP_PADDING, inner.width())
        chip = QRect(inner.left(), inner.top(), chip_width, line_height + 2)
        text = QRect(chip.right() + 1 + GAP, inner.top() + 1, 0, line_height)
        text.setRight(inner.right())
        lines = _wrapped(_text(index, SpanTableModel.ATTRIBUTES), option.font, inner.width())
        attributes = QRect()
        if lines:
            top = chip.bottom() + 1 + LINE_GAP
            attributes = QRect(inner.left(), top, inner.width(), len(lines) * metrics.lineSpacing())
        direction = option.direction
        return RowGeometry(
            QStyle.visualRect(direction, rect, chip),
            QStyle.visualRect(direction, rect, text),
            QStyle.visualRect(direction, rect, attributes) if lines else attributes,
            lines,
        )

    def height_for(
        self, attributes: str, width: int, font: QFont, font_key: str | None = None
    ) -> int:
        """The height of a row whose attributes read `attributes`, in a column `width` wide
        (`font_key`: the font's key, when the caller measures many rows)."""
        key = (attributes, width, font_key or font.key())
        height = self._heights.get(key)
        if height is None:
            metrics = QFontMetrics(font)
            lines = _wrapped(attributes, font, width - 2 * PADDING)
            height = self.one_line_height(font)
            if lines:
                height += LINE_GAP + len(lines) * metrics.lineSpacing()
            if len(self._heights) > 4096:  # widths come and go as the splitter moves
                self._heights.clear()
            self._heights[key] = height
        return height

    def one_line_height(self, font: QFont) -> int:
        """The height of a row without attributes."""
        return 2 * PADDING + QFontMetrics(font).height() + 2

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        # Narrow on purpose: the one column is stretched to the view's width and never
        # asks for more (no horizontal scrolling); the height follows the wrapped attributes.
        width = max(self.view.columnWidth(SpanTableModel.LABEL), 80)
        height = self.height_for(_text(index, SpanTableModel.ATTRIBUTES), width, option.font)
        return QSize(80, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        # The style draws the background, the selection and the focus frame; the row's
        # contents are drawn below.
        item.text = ""
        item.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDecoration
        # (and no icon: the style drew the colour swatch's selected look into a pixmap of no
        # size, and Qt warned "QPainter::begin: Paint device returned engine == 0" each time)
        item.icon = QIcon()
        style = option.widget.style() if option.widget is not None else self.view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, option.widget)
        parts = self.geometry(option, index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ink = option.palette.color(role)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(option.font)
        self._paint_chip(painter, option, index, parts.chip)
        text = _text(index, SpanTableModel.TEXT)
        metrics = QFontMetrics(option.font)
        painter.setPen(ink)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, parts.text.width())
        painter.drawText(QRectF(parts.text), shown, covered_text_option(shown))
        if parts.attribute_lines:
            dimmed = QColor(ink)
            dimmed.setAlpha(215)
            painter.setPen(dimmed)
            attributes_option = QTextOption()
            attributes_option.setTextDirection(option.direction)
            attributes_option.setAlignment(Qt.AlignmentFlag.AlignLeading)
            attributes_option.setWrapMode(QTextOption.WrapMode.NoWrap)
            line = QRectF(parts.attributes)
            line.setHeight(metrics.lineSpacing())
            for words in parts.attribute_lines:
                painter.drawText(line, words, attributes_option)
                line.translate(0, metrics.lineSpacing())
        # A hairline between rows: rows of different heights read as one list, not a block.
        painter.setPen(option.palette.color(QPalette.ColorRole.Midlight))
        painter.drawLine(option.rect.bottomLeft(), option.rect.bottomRight())
        painter.restore()

    def _paint_chip(
        self, painter: QPainter, option: QStyleOptionViewItem, index: Index, chip: QRect
    ) -> None:
        colour = index.sibling(index.row(), SpanTableModel.LABEL).data(
            Qt.ItemDataRole.DecorationRole
        )
        colour = QColor(colour) if isinstance(colour, QColor) else QColor("#808080")
        fill = QColor(colour)
        fill.setAlpha(CHIP_FILL_ALPHA)
        box = QRectF(chip).adjusted(0.5, 0.5, -0.5, -0.5)
        # The fill as it looks on the base colour, so the chip looks the same on a selected
        # row (one rounded rectangle, not the base and the fill over it: half the drawing).
        painter.setPen(colour)
        painter.setBrush(_over(fill, option.palette.color(QPalette.ColorRole.Base)))
        painter.drawRoundedRect(box, 4, 4)
        painter.setPen(option.palette.color(QPalette.ColorRole.Text))
        centred = QTextOption(Qt.AlignmentFlag.AlignCenter)
        centred.setTextDirection(option.direction)
        painter.drawText(QRectF(chip), _text(index, SpanTableModel.LABEL), centred)


class SpanTableView(QTableView):
    """The span list: one drawn column, rows as tall as their attributes, no sideways scroll;
    the arrow keys walk the spans as in any table.

    Each row's height is set when its span comes or changes, from the delegate's measure of
    its attributes (kept by text and width): a header that sizes rows to their contents asked
    every row of a long article, through the delegate, at every tag (170 ms for 1,000 spans)."""

    def __init__(self, model: SpanTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.spans = model
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.row_delegate = SpanRowDelegate(self)
        self.setItemDelegate(self.row_delegate)
        self.horizontalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(
            SpanTableModel.LABEL, QHeaderView.ResizeMode.Stretch
        )
        for column in (SpanTableModel.TEXT, SpanTableModel.ATTRIBUTES):
            self.setColumnHidden(column, True)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.row_delegate.one_line_height(self.font()))
        model.modelReset.connect(self.fit_rows)
        model.layoutChanged.connect(self.fit_rows)
        model.rowsInserted.connect(lambda _parent, first, last: self.fit_rows(first, last))
        model.dataChanged.connect(lambda top, bottom: self.fit_rows(top.row(), bottom.row()))

    def fit_rows(self, first: int = 0, last: int | None = None) -> None:
        """Give rows `first` to `last` (all: None) the height of their attributes."""
        rows = self.verticalHeader()
        width = max(self.columnWidth(SpanTableModel.LABEL), 80)
        font = self.font()
        font_key = font.key()
        end = self.spans.rowCount() - 1 if last is None else last
        for row in range(first, end + 1):
            attributes = self.spans.attributes_line(row)
            height = self.row_delegate.height_for(attributes, width, font, font_key)
            if rows.sectionSize(row) != height:
                rows.resizeSection(row, height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            # A narrower panel wraps the attributes onto more lines: measure the rows again.
            self.fit_rows()


def _text(index: Index, column: int) -> str:
    value = index.sibling(index.row(), column).data(Qt.ItemDataRole.DisplayRole)
    return value if isinstance(value, str) else ""


def covered_text_option(text: str) -> QTextOption:
    """Covered text in its own direction: Arabic laid out and aligned right to left in the
    English window too (issue 14, item 16), elided at its logical end."""
    if is_right_to_left(text):
        option = QTextOption(
            Qt.AlignmentFlag.AlignRight
            | Qt.AlignmentFlag.AlignAbsolute
            | Qt.AlignmentFlag.AlignVCenter
        )
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    else:
        option = QTextOption(
            Qt.AlignmentFlag.AlignLeft
            | Qt.AlignmentFlag.AlignAbsolute
            | Qt.AlignmentFlag.AlignVCenter
        )
        option.setTextDirection(Qt.LayoutDirection.LeftToRight)
    option.setWrapMode(QTextOption.WrapMode.NoWrap)
    return option


_WRAPPED: dict[tuple[str, str, int], tuple[str, ...]] = {}


def _wrapped(text: str, font: QFont, width: int) -> tuple[str, ...]:
    """`text` broken into lines no wider than `width`, at most MAX_ATTRIBUTE_LINES (the last
    one elided when there is more). Kept by text, font and width: each paint of a row asks
    again, and a row's attributes rarely change."""
    if not text or width <= 0:
        return ()
    key = (text, font.key(), width)
    lines = _WRAPPED.get(key)
    if lines is None:
        if len(_WRAPPED) > 4096:
            _WRAPPED.clear()
        lines = _WRAPPED[key] = _wrap(text, font, width)
    return lines


def _wrap(text: str, font: QFont, width: int) -> tuple[str, ...]:
    layout = QTextLayout(text, font)
    wrap = QTextOption()
    wrap.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(wrap)
    lines: list[str] = []
    units = text.encode("utf-16-le")  # the layout counts UTF-16 units, not code points
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        start, end = 2 * line.textStart(), 2 * (line.textStart() + line.textLength())
        lines.append(units[start:end].decode("utf-16-le"))
    layout.endLayout()
    if len(lines) > MAX_ATTRIBUTE_LINES:
        rest = "".join(lines[MAX_ATTRIBUTE_LINES - 1 :])
        last = QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)
        lines = [*lines[: MAX_ATTRIBUTE_LINES - 1], last]
    return tuple(line.rstrip() for line in lines)


def _over(colour: QColor, base: QColor) -> QColor:
    """A translucent `colour` laid over an opaque `base`, as one opaque colour."""
    alpha = colour.alphaF()
    return QColor.fromRgbF(
        colour.redF() * alpha + base.redF() * (1 - alpha),
        colour.greenF() * alpha + base.greenF() * (1 - alpha),
        colour.blueF() * alpha + base.blueF() * (1 - alpha),
    )
