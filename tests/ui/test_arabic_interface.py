"""The Arabic interface says everything in Arabic, fits its words, and isolates the left-to-right
runs inside its sentences (issue 14, items 19, 20 and 21)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox, QStyle
from pytestqt.qtbot import QtBot

from annotation.arabic import SnapMode
from annotation.exchange.formats import FORMATS
from annotation.model import Attributes, Span
from annotation.tagset import load_tagset
from db.store import SqliteStore
from tests.ui.agreement_store import fill_agreement_store
from tests.ui.workspace import add_document, open_window
from ui.i18n import TRANSLATIONS
from ui.jobs.export_dialog import ExportDialog
from ui.panels.document_list import DocumentListModel
from ui.panels.span_table import SpanTableModel
from ui.report.charts import Chart, ChartText, agreement_charts
from ui.report.summary import AgreementSummary
from ui.review.agreement_dashboard import AgreementDashboard
from ui.review.compare_window import TITLE_MARGIN, CompareWindow
from ui.wording import FSI, LRI, PDI

LATIN = re.compile("[A-Za-z]{2,}")
ARABIC = re.compile("[\u0600-\u06ff]")


def test_qts_file_dialog_speaks_arabic(arabic: QApplication, qtbot: QtBot) -> None:
    # Qt's own dialog, as on a desktop with no native one (and under Xvfb): its labels come
    # from Qt's catalogue, which lacks Qt 6's "&Look in:" and "Files of &type:".
    dialog = QFileDialog(None, "", "/tmp", "*.txt")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    look_in = dialog.findChild(QLabel, "lookInLabel")
    file_type = dialog.findChild(QLabel, "fileTypeLabel")
    assert look_in is not None and file_type is not None
    assert look_in.text() == "ا&نظر في:"
    assert file_type.text() == "الملفّات من ال&نّوع:"
    english = [label.text() for label in dialog.findChildren(QLabel) if LATIN.search(label.text())]
    assert english == []


def test_the_qt_supplement_qm_is_compiled_from_its_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "qtbase_supplement_ar.qm"
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    source = TRANSLATIONS / "qtbase_supplement_ar.ts"
    subprocess.run([str(lrelease), str(source), "-qm", str(fresh)], check=True, timeout=120)
    assert (TRANSLATIONS / "qtbase_supplement_ar.qm").read_bytes() == fresh.read_bytes()


def test_the_export_dialog_describes_each_format_in_arabic(
    arabic: QApplication, qtbot: QtBot
) -> None:
    dialog = ExportDialog("amal", None)
    qtbot.addWidget(dialog)
    items = [dialog.format.itemText(i) for i in range(dialog.format.count())]
    assert len(items) == len(FORMATS) == 8
    assert items[0] == f"{LRI}json{PDI} — صيغة هامش نفسها: كل شيء، برقم إصدار ومخطط منشور"
    for name, item in zip(FORMATS, items, strict=True):
        isolated, description = item.split(" — ")
        assert isolated == f"{LRI}{name}{PDI}"
        assert ARABIC.match(description), item  # starts in Arabic: a right-to-left line


def test_the_dashboard_chart_names_the_labels_in_arabic(
    arabic: QApplication, qtbot: QtBot, store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_agreement_store(store)
    drawn: list[Chart] = []

    def recorded(summary: AgreementSummary, text: ChartText | None = None) -> list[Chart]:
        charts = agreement_charts(summary, text)
        drawn.extend(charts)
        return charts

    monkeypatch.setattr("ui.review.agreement_dashboard.agreement_charts", recorded)
    dashboard = AgreementDashboard(store, ["amal", "omar"], language="ar")
    qtbot.addWidget(dashboard)
    dashboard.show()
    (labels,) = [chart for chart in drawn if chart.name == "labels"]
    ticks = [tick.get_text() for tick in labels.figure.axes[0].get_xticklabels()]
    assert ticks == ["متحدث", "تصريح", "مكان", "الإجمالي"]


def test_the_span_table_says_attributes_in_arabic(
    arabic: QApplication, qtbot: QtBot, store: SqliteStore
) -> None:
    text = "وقال الوزير إن الحل سياسي."
    document = add_document(store, text)
    claim = "الحل سياسي"
    start = text.index(claim)
    attributes: Attributes = {"kind": "indirect", "cue": "قال", "polarity": None}
    store.add_span(
        Span(document, "amal", "CLAIM", start, start + len(claim), claim, attributes=attributes)
    )
    window = open_window(qtbot, store, language="ar")
    index = window.spans.index(0, SpanTableModel.ATTRIBUTES)
    assert index.data() == "النوع: غير مباشر (منقول)، فعل القول: قال"


def test_the_document_list_headers_fit_their_arabic_words(
    arabic: QApplication, qtbot: QtBot, store: SqliteStore
) -> None:
    add_document(store, "قال الوزير.")
    window = open_window(qtbot, store, language="ar")
    header = window.documents.table.horizontalHeader()
    model = window.documents.model
    style = header.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    arrow = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
    words = [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(4)]
    assert words[DocumentListModel.SPANS] == "المقاطع الموسومة"
    for column in (DocumentListModel.CHARACTERS, DocumentListModel.STATUS, DocumentListModel.SPANS):
        needed = header.fontMetrics().horizontalAdvance(words[column]) + 2 * margin + arrow
        assert header.sectionSize(column) >= needed, words[column]


def test_the_compare_titles_keep_their_first_letter_clear_of_the_edge(
    arabic: QApplication, qtbot: QtBot, store: SqliteStore
) -> None:
    text = "قال الوزير إن الحل سياسي."
    document = add_document(store, text)
    for who in ("amal", "omar"):
        store.add_span(Span(document, who, "SPEAKER", 4, 10, "الوزير"))
    window = CompareWindow(store, load_tagset(), "zaid")
    qtbot.addWidget(window)
    window.resize(1400, 820)
    window.show()
    window.set_layers("amal", "omar")
    window.show_document(document)
    QApplication.processEvents()
    title = window.title_a
    assert title.text() == f"أ: {FSI}amal{PDI}"
    room = title.contentsRect()
    assert title.fontMetrics().horizontalAdvance(title.text()) <= room.width()
    assert title.minimumSizeHint().width() <= title.width()
    # The ink (أ at the right-hand end, right to left) stays inside the margins, never
    # against the pane's edge where the thin alif merged with the view's frame.
    image = title.grab().toImage()
    ink = [
        x
        for x in range(image.width())
        for y in range(image.height())
        if QColor(image.pixel(x, y)).lightness() < 128
    ]
    assert ink
    assert min(ink) >= room.left() and max(ink) <= room.right()
    assert image.width() - 1 - max(ink) >= TITLE_MARGIN


def drawn_at(text: str, direction: Qt.LayoutDirection, start: int, end: int) -> float:
    """The x of the middle of the glyphs Qt draws for text[start:end], on one line laid out
    in `direction`."""
    layout = QTextLayout(text, QApplication.font())
    option = QTextOption()
    option.setTextDirection(direction)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(2000)
    layout.endLayout()
    runs = layout.glyphRuns(start, end - start)
    assert runs
    united = runs[0].boundingRect()
    for run in runs[1:]:
        united = united.united(run.boundingRect())
    return united.center().x()


def proclitic_example(text: str, direction: Qt.LayoutDirection) -> list[float]:
    """Where the example's cut word, its arrow and its stem are drawn, in logical order."""
    cut, arrow = text.index("لسورية"), text.index("→" if "→" in text else "←")
    stem = text.rindex("سورية")  # the last: the first is inside لسورية
    return [
        drawn_at(text, direction, cut, cut + 6),
        drawn_at(text, direction, arrow, arrow + 1),
        drawn_at(text, direction, stem, stem + 5),
    ]


def test_the_drop_proclitics_arrow_points_from_the_word_to_its_stem_in_english(
    qtbot: QtBot, store: SqliteStore
) -> None:
    window = open_window(qtbot, store)
    text = window.actions_.snap_actions[SnapMode.CLITIC].text()
    assert text == f"Drop &Proclitics ({FSI}لسورية{PDI} → {FSI}سورية{PDI})"
    cut, arrow, stem = proclitic_example(text.replace("&", ""), Qt.LayoutDirection.LeftToRight)
    assert cut < arrow < stem  # read left to right: لسورية → سورية


def test_the_drop_proclitics_arrow_points_from_the_word_to_its_stem_in_arabic(
    arabic: QApplication, qtbot: QtBot, store: SqliteStore
) -> None:
    window = open_window(qtbot, store, language="ar")
    text = window.actions_.snap_actions[SnapMode.CLITIC].text()
    assert text == f"حذف ال&سوابق ({FSI}لسورية{PDI} ← {FSI}سورية{PDI})"
    cut, arrow, stem = proclitic_example(text.replace("&", ""), Qt.LayoutDirection.RightToLeft)
    assert cut > arrow > stem  # read right to left: لسورية ← سورية


def test_the_about_box_isolates_the_database_path(
    arabic: QApplication, qtbot: QtBot, store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _parent, _title, text: shown.append(text))
    window = open_window(qtbot, store, language="ar")
    window.actions_.about.trigger()
    path = str(store.path)
    assert path.startswith("/")
    (text,) = shown
    assert text.endswith(f"\n\nقاعدة البيانات: {LRI}{path}{PDI}")
    # In the right-to-left line the path reads left to right, its leading slash at its left.
    line = text.splitlines()[-1]
    at = line.index(path)
    slash = drawn_at(line, Qt.LayoutDirection.RightToLeft, at, at + 1)
    rest = drawn_at(line, Qt.LayoutDirection.RightToLeft, at + 1, at + len(path))
    assert slash < rest


def test_the_import_dialog_names_each_readable_format_in_arabic(
    arabic: QApplication, qtbot: QtBot, store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File > Import Annotations listed the formats in English, one naming a command-line
    option (--utf16), seen under Xvfb (issue 15)."""
    from tests.ui.workspace import open_window

    offered: list[str] = []

    def chosen(_parent: object, _title: str, _folder: str, filters: str) -> tuple[list[str], str]:
        offered.extend(filters.split(";;"))
        return [], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", chosen)
    window = open_window(qtbot, store)
    window.exchange.import_annotations()
    assert len(offered) == 6
    assert offered[3] == (
        "مهام Label Studio بالوسوم والعلاقات، مع إعداد وسم من اليمين إلى اليسار (*.json)"
    )
    for item in offered:
        assert ARABIC.match(item) or item.startswith(("UIMA", "doccano", "brat")), item
        assert "--" not in item
