"""The agreement dashboard: the figures of compare_corpus, sorted worst first, and charts."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTableWidget
from pytestqt.qtbot import QtBot

from annotation.agreement import load_corpus_agreement
from annotation.model import DocumentId
from db.store import SqliteStore
from tests.ui.agreement_store import TITLES, fill_agreement_store
from ui.review.agreement_dashboard import AgreementDashboard
from ui.review.agreement_models import SORT_ROLE, DocumentAgreementModel

OVERLAP = DocumentAgreementModel.OVERLAP_F1


def open_dashboard(qtbot: QtBot, store: SqliteStore) -> AgreementDashboard:
    dashboard = AgreementDashboard(store, ["amal", "omar"])
    qtbot.addWidget(dashboard)
    dashboard.show()
    qtbot.waitExposed(dashboard)
    return dashboard


def cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None
    return item.text()


def shown(dashboard: AgreementDashboard) -> list[list[str]]:
    """The document table as displayed, row by row."""
    proxy = dashboard.document_proxy
    return [
        [str(proxy.index(row, column).data()) for column in range(proxy.columnCount())]
        for row in range(proxy.rowCount())
    ]


def test_the_document_table_shows_the_figures_of_compare_corpus(
    qtbot: QtBot, store: SqliteStore
) -> None:
    ids = fill_agreement_store(store)
    dashboard = open_dashboard(qtbot, store)
    expected = {
        document.document_id: document.as_dict()["overall"]
        for document in load_corpus_agreement(store, ["amal", "omar"]).documents
    }
    rows = shown(dashboard)
    assert len(rows) == len(ids) == len(expected)
    for row in rows:
        overall = expected[DocumentId(int(row[0]))]
        figures = [overall[key] for key in ("exact_f1", "overlap_f1", "kappa")]
        assert row[3:] == ["—" if value is None else f"{value:.3f}" for value in figures]
    # Worked out by hand (tests/ui/agreement_store.py): 1, 2/3, 0, and two without a figure.
    by_id = {int(row[0]): row for row in rows}
    assert [by_id[i][4] for i in ids] == ["1.000", "0.667", "0.000", "—", "—"]
    assert by_id[ids[1]][1] == TITLES[1]  # the title as stored, <script> and all
    assert [by_id[i][2] for i in ids[2:]] == ["compared", "touched only by amal", "no spans"]
    labels = dashboard.label_table
    assert [cell(labels, row, 0) for row in range(labels.rowCount())] == [
        "Speaker",
        "Claim",
        "Location",
        "Overall",
    ]
    assert dashboard.summary is not None
    claim = dashboard.summary.labels[1].figures
    assert cell(labels, 1, 1) == f"{claim.exact_f1:.3f}"


def test_sorting_by_overlap_f1_puts_the_worst_first_and_no_figure_last(
    qtbot: QtBot, store: SqliteStore
) -> None:
    ids = fill_agreement_store(store)
    dashboard = open_dashboard(qtbot, store)
    view, proxy = dashboard.document_view, dashboard.document_proxy

    def order() -> tuple[list[int], list[object]]:
        rows = range(proxy.rowCount())
        return (
            [int(proxy.index(row, 0).data()) for row in rows],
            [proxy.index(row, OVERLAP).data(SORT_ROLE) for row in rows],
        )

    # It opens sorted by overlap F1, worst first: 0, 2/3, 1, then the two with no figure.
    header = view.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        OVERLAP,
        Qt.SortOrder.AscendingOrder,
    )
    documents, figures = order()
    assert documents == [ids[2], ids[1], ids[0], ids[3], ids[4]]
    assert figures == [0.0, 2 / 3, 1.0, None, None]
    # Best first, and still no figure last.
    view.sortByColumn(OVERLAP, Qt.SortOrder.DescendingOrder)
    documents, figures = order()
    assert documents == [ids[0], ids[1], ids[2], ids[3], ids[4]]
    assert figures == [1.0, 2 / 3, 0.0, None, None]


def test_clicking_the_header_sorts_numerically(qtbot: QtBot, store: SqliteStore) -> None:
    fill_agreement_store(store)
    dashboard = open_dashboard(qtbot, store)
    dashboard.tabs.setCurrentWidget(dashboard.document_view)
    header = dashboard.document_view.horizontalHeader()
    proxy = dashboard.document_proxy
    kappa = DocumentAgreementModel.KAPPA
    point = header.rect().center()
    point.setX(header.sectionViewportPosition(kappa) + header.sectionSize(kappa) // 2)
    for _ in range(2):  # once each way
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=point)
        assert header.sortIndicatorSection() == kappa
        values = [proxy.index(row, kappa).data(SORT_ROLE) for row in range(proxy.rowCount())]
        present = [value for value in values if value is not None]
        descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        assert len(present) == 3
        assert present == sorted(present, reverse=descending)
        assert values[3:] == [None, None]


def test_double_click_opens_the_document(qtbot: QtBot, store: SqliteStore) -> None:
    ids = fill_agreement_store(store)
    dashboard = open_dashboard(qtbot, store)
    dashboard.tabs.setCurrentWidget(dashboard.document_view)
    view, proxy = dashboard.document_view, dashboard.document_proxy
    row = next(r for r in range(proxy.rowCount()) if int(proxy.index(r, 0).data()) == ids[1])
    rect = view.visualRect(proxy.index(row, DocumentAgreementModel.TITLE))
    with qtbot.waitSignal(dashboard.open_document, timeout=1000) as signal:
        # A real double click starts with a click: QTest.mouseDClick sends only the second
        # press, and a view opens only the item that press landed on.
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [ids[1]]


def test_charts_are_drawn(qtbot: QtBot, store: SqliteStore) -> None:
    fill_agreement_store(store)
    dashboard = open_dashboard(qtbot, store)
    assert list(dashboard.chart_labels) == ["labels", "histogram", "worst"]
    for label in dashboard.chart_labels.values():
        pixmap = label.pixmap()
        assert not pixmap.isNull() and pixmap.width() > 300 and pixmap.height() > 100
        # Not blank: bars, text and axes in several colours.
        image = pixmap.toImage()
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 4)
            for y in range(0, image.height(), 4)
        }
        assert len(colours) > 10


def test_choosing_annotators(qtbot: QtBot, store: SqliteStore) -> None:
    fill_agreement_store(store)
    dashboard = open_dashboard(qtbot, store)
    assert dashboard.chosen_annotators() == ["amal", "omar"]
    dashboard.set_annotators(["amal"])
    assert dashboard.summary is None and dashboard.document_proxy.rowCount() == 0
    assert "two or more" in dashboard.status.text()
    assert dashboard.chart_labels == {}
    dashboard.annotator_list.item(1).setCheckState(Qt.CheckState.Checked)
    assert dashboard.chosen_annotators() == ["amal", "omar"]
    assert dashboard.document_proxy.rowCount() == 5
    assert dashboard.status.text().startswith("5 documents: 3 compared, ")


def test_a_row_without_an_index_opens_nothing(qtbot: QtBot, store: SqliteStore) -> None:
    fill_agreement_store(store)
    dashboard = open_dashboard(qtbot, store)
    with qtbot.assertNotEmitted(dashboard.open_document):
        dashboard._open(QModelIndex())
    QApplication.processEvents()


def test_links_and_claim_attributes_have_their_own_tab(qtbot: QtBot, store: SqliteStore) -> None:
    fill_agreement_store(store)
    dashboard = open_dashboard(qtbot, store)
    bar = dashboard.tabs.tabBar()
    assert bar is not None
    titles = [dashboard.tabs.tabText(i) for i in range(dashboard.tabs.count())]
    where = titles.index("Links and claims")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(where).center())
    assert dashboard.tabs.currentWidget() is dashboard.links_table
    table = dashboard.links_table
    # Worked out by hand: one claim linked to one speaker, alike in both layers.
    assert [cell(table, 0, column) for column in range(4)] == [
        "Claim → speaker links",
        "F1",
        "1.000",
        "1 matched; \u2068amal\u2069 has 1, \u2068omar\u2069 has 1",
    ]
    assert [cell(table, row, 1) for row in (1, 2)] == ["Precision", "Recall"]
    assert [cell(table, row, 2) for row in (1, 2)] == ["1.000", "1.000"]
    assert dashboard.summary is not None
    attributes = [a.name for a in dashboard.summary.attributes]
    assert attributes  # the tag set's claim attributes (kind, polarity...)
    shown_rows = [cell(table, 3 + 2 * i, 0) for i in range(len(attributes))]
    assert shown_rows == [f"Claims' {name}" for name in attributes]
    assert table.rowCount() == 3 + 2 * len(attributes)


def test_the_states_line_names_who_alone_touched_a_document(
    qtbot: QtBot, store: SqliteStore
) -> None:
    fill_agreement_store(store)
    dashboard = open_dashboard(qtbot, store)
    assert "1 touched only by amal" in dashboard.status.text()
