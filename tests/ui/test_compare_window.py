"""The compare and adjudicate window, driven by keys as an adjudicator drives it, against a real
store with two layers that differ in every way comparison.py knows."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QInputDialog, QToolTip
from pytestqt.qtbot import QtBot

from annotation.comparison import Kind
from annotation.model import DocumentId, Link, Span
from annotation.tagset import load_tagset
from db.store import SqliteStore
from tests.ui.workspace import add_document
from ui.app import create_application
from ui.article.view import ArticleView
from ui.review.compare_window import CompareWindow
from ui.review.difference_style import KIND_COLOURS

TEXT = "قال الوزير إن موسكو ستدعم العاصمة دمشق، وأكد المتحدث أن الاتفاق سيصمد."
ATTRIBUTED_TO = "ATTRIBUTED_TO"


def place(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


@dataclass
class Layers:
    document: DocumentId
    spans: dict[str, Span]  # by a short name: "a:speaker", "b:moscow", ...


def add(store: SqliteStore, document: DocumentId, who: str, label: str, words: str) -> Span:
    start, end = place(words)
    return store.add_span(Span(document, who, label, start, end, words))


@pytest.fixture
def layers(store: SqliteStore) -> Layers:
    document = add_document(store, TEXT, title="اتفاق")
    s = {
        "a:minister": add(store, document, "amal", "SPEAKER", "الوزير"),  # only A
        "a:moscow": add(store, document, "amal", "SPEAKER", "موسكو"),  # label
        "b:moscow": add(store, document, "omar", "LOCATION", "موسكو"),
        "a:damascus": add(store, document, "amal", "LOCATION", "العاصمة دمشق"),  # extent
        "b:damascus": add(store, document, "omar", "LOCATION", "دمشق"),
        "b:spokesman": add(store, document, "omar", "SPEAKER", "المتحدث"),  # only B
        "a:claim": add(store, document, "amal", "CLAIM", "الاتفاق سيصمد"),  # agree, and
        "b:claim": add(store, document, "omar", "CLAIM", "الاتفاق سيصمد"),  # links differ
    }
    for claim, speaker in (("a:claim", "a:minister"), ("b:claim", "b:spokesman")):
        claim_id, speaker_id = s[claim].id, s[speaker].id
        assert claim_id is not None and speaker_id is not None
        store.add_link(Link(ATTRIBUTED_TO, claim_id, speaker_id))
    return Layers(document, s)


def open_compare(qtbot: QtBot, store: SqliteStore) -> CompareWindow:
    create_application()
    window = CompareWindow(store, load_tagset(), "zaid")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitActive(window):
        window.activateWindow()
    return window


@pytest.fixture
def window(qtbot: QtBot, store: SqliteStore, layers: Layers) -> CompareWindow:
    shown = open_compare(qtbot, store)
    shown.set_layers("amal", "omar")
    shown.show_document(layers.document)
    return shown


def press(qtbot: QtBot, window: CompareWindow, key: str) -> None:
    """Press a key (with modifiers, as "Ctrl+Shift+Z") where the adjudicator works: the list."""
    *modifiers, name = key.split("+")
    flags = Qt.KeyboardModifier.NoModifier
    for modifier in modifiers:
        flags |= {
            "Ctrl": Qt.KeyboardModifier.ControlModifier,
            "Shift": Qt.KeyboardModifier.ShiftModifier,
            "Alt": Qt.KeyboardModifier.AltModifier,
        }[modifier]
    qtbot.keyClick(window.table, getattr(Qt.Key, f"Key_{name}"), flags)


def rows(window: CompareWindow) -> list[tuple[str, str, str, str]]:
    model = window.differences
    return [
        tuple(model.index(row, column).data() for column in range(4))
        for row in range(model.rowCount())
    ]


def current_kind(window: CompareWindow) -> Kind | None:
    return window.session.current.kind if window.session.current else None


def gold(store: SqliteStore, layers: Layers) -> list[tuple[str, int, int, str]]:
    return [(s.label, s.start, s.end, s.text) for s in store.spans_for(layers.document, "gold")]


def decisions(store: SqliteStore, layers: Layers) -> dict[str, tuple[str, str]]:
    return {d.key: (d.choice, d.reason) for d in store.decisions(layers.document, "gold")}


def fill_at(view: ArticleView, span: Span) -> QColor:
    """The colour the view paints under `span`."""
    (fill,) = [fill for fill in view.span_fills if fill.span_id == span.id]
    return fill.style.fill


def rgb(colour: QColor) -> tuple[int, int, int]:
    return colour.red(), colour.green(), colour.blue()


def centre(view: ArticleView, span: Span) -> QPoint:
    return view.span_rects(span)[0].center().toPoint()


# The list and the colours


def test_the_list_holds_every_difference_in_reading_order(window: CompareWindow) -> None:
    assert [row[:2] for row in rows(window)] == [
        ("Only A", "الوزير"),
        ("Other label", "موسكو"),
        ("Other extent", "العاصمة دمشق"),
        ("Only B", "المتحدث"),
        ("Agree", "الاتفاق سيصمد"),
        ("Other speakers", "الاتفاق سيصمد"),
    ]
    assert window.legend.counts[Kind.EXTENT].text() == "Other extent: 1"
    assert window.legend.progress.text() == "0 of 6 decided"
    assert window.windowTitle() == "Compare “اتفاق”: amal (A) and omar (B)"
    # The first disagreement is current, its row selected.
    assert current_kind(window) is Kind.ONLY_A
    assert window.table.selectionModel().currentIndex().row() == 0


def test_spans_are_coloured_by_difference_side_by_side_and_overlaid(
    window: CompareWindow, layers: Layers, qtbot: QtBot
) -> None:
    s = layers.spans
    a, b, overlay = window.views()
    expected = {
        (a, "a:minister"): Kind.ONLY_A,
        (a, "a:moscow"): Kind.LABEL,
        (b, "b:moscow"): Kind.LABEL,
        (a, "a:damascus"): Kind.EXTENT,
        (b, "b:damascus"): Kind.EXTENT,
        (b, "b:spokesman"): Kind.ONLY_B,
        (a, "a:claim"): Kind.AGREE,
        (b, "b:claim"): Kind.AGREE,
    }
    for (view, name), kind in expected.items():
        assert rgb(fill_at(view, s[name])) == rgb(KIND_COLOURS[kind]), name
    # Other speakers: the agreed claim is framed in yellow, in both views.
    for view, name in ((a, "a:claim"), (b, "b:claim")):
        span_id = s[name].id
        assert span_id is not None
        outline = view.looks[span_id].outline
        assert outline is not None and rgb(outline) == rgb(KIND_COLOURS[Kind.LINKS])

    press(qtbot, window, "Ctrl+Alt+O")
    assert window.actions_.overlay.isChecked()
    assert window.stack.currentIndex() == 1 and overlay.isVisible()
    qtbot.waitUntil(lambda: bool(overlay.span_fills))
    for name, kind in (
        ("a:minister", Kind.ONLY_A),
        ("b:spokesman", Kind.ONLY_B),
        ("a:moscow", Kind.LABEL),
        ("a:damascus", Kind.EXTENT),
        ("b:damascus", Kind.EXTENT),
        ("a:claim", Kind.AGREE),
    ):
        assert rgb(fill_at(overlay, s[name])) == rgb(KIND_COLOURS[kind]), name
    # Pixels too: the middle of "المتحدث" (only B) is red-tinted in the overlay.
    image = overlay.viewport().grab().toImage()
    rect = overlay.span_rects(s["b:spokesman"])[0]
    pixels = [
        image.pixelColor(int(rect.left()) + dx, int(rect.top()) + 2) for dx in range(2, 20, 3)
    ]
    assert any(p.red() > p.green() + 30 and p.red() > p.blue() + 30 for p in pixels), pixels


def test_the_tooltip_explains_in_words(window: CompareWindow, layers: Layers) -> None:
    s = layers.spans
    a, b, _ = window.views()
    point = centre(a, s["a:moscow"])
    # Hovering: Qt sends the tooltip event to the viewport.
    hover = QHelpEvent(QEvent.Type.ToolTip, point, a.viewport().mapToGlobal(point))
    QApplication.sendEvent(a.viewport(), hover)
    assert QToolTip.text() == "Same extent, other label: A says Speaker, B says Location"
    assert a.tooltip_at(point) == "Same extent, other label: A says Speaker, B says Location"
    assert b.tooltip_at(centre(b, s["b:spokesman"])) == "Only B: Speaker “المتحدث”"
    assert (
        "Both say Claim but attribute it differently: A to “الوزير”, B to “المتحدث”"
        in a.tooltip_at(centre(a, s["a:claim"])).split("\n\n")
    )


# Keys


def test_deciding_by_keys_with_undo_redo_and_reasons(
    window: CompareWindow,
    layers: Layers,
    store: SqliteStore,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    s = layers.spans
    moscow = place("موسكو")
    press(qtbot, window, "N")
    assert current_kind(window) is Kind.LABEL
    assert all(action.isEnabled() for action in window.actions_.choices.values())

    press(qtbot, window, "2")  # accept B's label
    assert gold(store, layers) == [("LOCATION", *moscow, "موسكو")]
    label_key = f"label SPEAKER:{moscow[0]}-{moscow[1]} LOCATION:{moscow[0]}-{moscow[1]}"
    assert decisions(store, layers) == {label_key: ("accept_b", "")}
    assert current_kind(window) is Kind.EXTENT  # on to the next undecided disagreement
    assert rows(window)[1][2] == "Accept B"
    assert window.legend.progress.text() == "1 of 6 decided"
    (gold_span,) = store.spans_for(layers.document, "gold")

    press(qtbot, window, "Ctrl+Z")
    assert gold(store, layers) == []
    assert decisions(store, layers) == {}
    assert current_kind(window) is Kind.LABEL  # undo goes back to the difference undone
    assert window.legend.progress.text() == "0 of 6 decided"

    press(qtbot, window, "Ctrl+Shift+Z")
    assert [span.id for span in store.spans_for(layers.document, "gold")] == [gold_span.id]
    assert gold(store, layers) == [("LOCATION", *moscow, "موسكو")]
    assert decisions(store, layers) == {label_key: ("accept_b", "")}

    monkeypatch.setattr(
        QInputDialog, "getText", lambda *args, **kwargs: ("موسكو هنا مكان لا متحدث", True)
    )
    press(qtbot, window, "R")
    assert decisions(store, layers) == {label_key: ("accept_b", "موسكو هنا مكان لا متحدث")}
    assert rows(window)[1][3] == "موسكو هنا مكان لا متحدث"
    assert [span.id for span in store.spans_for(layers.document, "gold")] == [gold_span.id]

    # Only B: "1" (accept A) does not apply; "0" decides neither and leaves gold alone there.
    press(qtbot, window, "N")
    press(qtbot, window, "N")
    assert current_kind(window) is Kind.ONLY_B
    enabled = {choice.value for choice, a in window.actions_.choices.items() if a.isEnabled()}
    assert enabled == {"accept_b", "neither"}
    press(qtbot, window, "1")
    assert len(decisions(store, layers)) == 1
    press(qtbot, window, "0")
    spokesman = s["b:spokesman"]
    assert gold(store, layers) == [("LOCATION", *moscow, "موسكو")]
    assert decisions(store, layers)[f"only_b - SPEAKER:{spokesman.start}-{spokesman.end}"] == (
        "neither",
        "",
    )
    assert window.legend.progress.text() == "2 of 6 decided"

    steps = window.session.undo_stack.count()
    press(qtbot, window, "Ctrl+Alt+A")
    claim = place("الاتفاق سيصمد")
    assert ("CLAIM", *claim, "الاتفاق سيصمد") in gold(store, layers)
    assert window.session.undo_stack.count() == steps + 1
    assert window.legend.progress.text() == "3 of 6 decided"
    press(qtbot, window, "Ctrl+Z")
    assert ("CLAIM", *claim, "الاتفاق سيصمد") not in gold(store, layers)
    assert window.legend.progress.text() == "2 of 6 decided"


def test_a_reason_given_before_deciding_goes_with_the_decision(
    window: CompareWindow,
    layers: Layers,
    store: SqliteStore,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    press(qtbot, window, "N")
    assert current_kind(window) is Kind.LABEL
    assert window.actions_.record_reason.isEnabled()  # before any decision
    asked: list[str] = []

    def answer(_parent: object, _title: str, _label: str, text: str = "") -> tuple[str, bool]:
        asked.append(text)
        return ("موسكو مدينة، لا متحدث", True)

    monkeypatch.setattr(QInputDialog, "getText", answer)
    press(qtbot, window, "R")
    assert decisions(store, layers) == {}  # nothing decided yet
    assert window.statusBar().currentMessage() == (
        "The reason goes with the decision you make next."
    )
    press(qtbot, window, "R")  # asked again: the reason given is offered back
    assert asked == ["", "موسكو مدينة، لا متحدث"]
    press(qtbot, window, "2")
    (decided,) = decisions(store, layers).values()
    assert decided == ("accept_b", "موسكو مدينة، لا متحدث")


def test_an_undo_that_fails_is_dropped_and_reported(
    window: CompareWindow, layers: Layers, store: SqliteStore, qtbot: QtBot
) -> None:
    press(qtbot, window, "N")
    with qtbot.waitSignal(window.gold_changed) as changed:
        press(qtbot, window, "2")
    (gold_span,) = store.spans_for(layers.document, "gold")
    assert gold_span.id is not None
    (told,) = changed.args  # exactly what the decision wrote
    assert told.documents == {layers.document} and told.decisions == {layers.document}
    assert told.spans == {gold_span.id}
    store.remove_span(gold_span.id)  # as another window might
    press(qtbot, window, "Ctrl+Z")
    assert window.statusBar().currentMessage() == (
        "Could not undo: it was changed or deleted elsewhere; the view is refreshed"
    )
    assert window.session.undo_stack.count() == 0
    assert len(decisions(store, layers)) == 1  # all or nothing: the decision stays


def test_undo_brings_back_the_document_it_happened_in(
    window: CompareWindow, layers: Layers, store: SqliteStore, qtbot: QtBot
) -> None:
    text = "أعلنت دمشق الخبر."
    later = add_document(store, text, title="لاحق")
    start = text.index("دمشق")
    store.add_span(Span(later, "omar", "LOCATION", start, start + 4, "دمشق"))
    press(qtbot, window, "1")  # only A: accept it
    assert len(gold(store, layers)) == 1
    press(qtbot, window, "PageDown")
    assert window.session.document_id == later
    press(qtbot, window, "Ctrl+Z")
    assert window.session.document_id == layers.document
    assert gold(store, layers) == []
    assert current_kind(window) is Kind.ONLY_A
    assert window.windowTitle() == "Compare “اتفاق”: amal (A) and omar (B)"


def test_n_skips_agreements_and_goes_round(window: CompareWindow, qtbot: QtBot) -> None:
    seen = [current_kind(window)]
    for _ in range(5):
        press(qtbot, window, "N")
        seen.append(current_kind(window))
    assert seen == [Kind.ONLY_A, Kind.LABEL, Kind.EXTENT, Kind.ONLY_B, Kind.LINKS, Kind.ONLY_A]
    shift = Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.table, Qt.Key.Key_F8, shift)
    assert current_kind(window) is Kind.LINKS


def test_e_asks_to_edit_the_difference_in_gold(
    window: CompareWindow, layers: Layers, qtbot: QtBot
) -> None:
    press(qtbot, window, "N")  # the other label, on موسكو
    with qtbot.waitSignal(window.edit_in_gold) as emitted:
        press(qtbot, window, "E")
    assert emitted.args == [layers.document, *place("موسكو")]
    window.gold_edit.setText("gold-2")
    window.gold_edit.editingFinished.emit()
    assert window.gold == "gold-2"  # where the main window switches to


def test_typing_in_the_gold_field_is_not_a_command(
    window: CompareWindow, qtbot: QtBot, store: SqliteStore, layers: Layers
) -> None:
    window.gold_edit.setFocus()
    window.gold_edit.selectAll()
    qtbot.keyClicks(window.gold_edit, "N2")
    assert window.gold_edit.text() == "N2"
    assert current_kind(window) is Kind.ONLY_A
    assert store.spans_for(layers.document, "gold") == []


def test_selecting_a_row_makes_it_current(window: CompareWindow) -> None:
    window.table.selectRow(4)
    assert current_kind(window) is Kind.AGREE
    enabled = {choice.value for choice, a in window.actions_.choices.items() if a.isEnabled()}
    assert enabled == {"accept_a", "neither"}  # an agreement: accept it, or not


# Scrolling, documents and settings


def test_scrolling_one_side_scrolls_the_other_to_the_same_text(
    qtbot: QtBot, store: SqliteStore
) -> None:
    long_text = "\n".join(
        f"الفقرة {n}: " + "قال المتحدث إن الوفد وصل إلى دمشق. " * 6 for n in range(80)
    )
    document = add_document(store, long_text, title="طويل")
    store.add_span(Span(document, "amal", "LOCATION", 0, 6, long_text[:6]))
    store.add_span(Span(document, "omar", "LOCATION", 0, 6, long_text[:6]))
    window = open_compare(qtbot, store)
    window.set_layers("amal", "omar")
    window.show_document(document)
    a, b, _ = window.views()
    bar = a.verticalScrollBar()
    assert bar.maximum() > 1000
    bar.setValue(bar.maximum() // 2)
    assert b.verticalScrollBar().value() == bar.value()  # same width and font: same pixels
    assert b.visible_range()[0] == a.visible_range()[0] > 0
    b.verticalScrollBar().setValue(300)
    assert a.verticalScrollBar().value() == 300


def test_page_down_walks_the_documents_with_these_layers(
    window: CompareWindow, layers: Layers, store: SqliteStore, qtbot: QtBot
) -> None:
    add_document(store, "نص لم يوسمه أحد.", title="فارغ")
    text = "أعلنت دمشق الخبر."
    later = add_document(store, text, title="لاحق")
    start = text.index("دمشق")
    store.add_span(Span(later, "omar", "LOCATION", start, start + 4, "دمشق"))
    press(qtbot, window, "PageDown")
    assert window.session.document_id == later
    assert [row[:2] for row in rows(window)] == [("Only B", "دمشق")]
    press(qtbot, window, "PageDown")
    assert window.session.document_id == later
    press(qtbot, window, "PageUp")
    assert window.session.document_id == layers.document


def test_layers_and_mode_are_remembered(
    window: CompareWindow, qtbot: QtBot, store: SqliteStore
) -> None:
    window.set_layers("omar", "amal")
    window.actions_.overlay.setChecked(True)
    window.close()
    again = open_compare(qtbot, store)
    assert (again.box_a.currentText(), again.box_b.currentText()) == ("omar", "amal")
    assert again.actions_.overlay.isChecked()
    assert again.stack.currentIndex() == 1
    assert "gold" in [again.box_a.itemText(i) for i in range(again.box_a.count())]


def test_gold_can_be_one_of_the_layers(
    window: CompareWindow, layers: Layers, store: SqliteStore, qtbot: QtBot
) -> None:
    press(qtbot, window, "N")
    press(qtbot, window, "2")  # gold takes B's LOCATION on موسكو
    window.set_layers("gold", "omar")
    assert [row[:2] for row in rows(window)] == [
        ("Agree", "موسكو"),
        ("Only B", "دمشق"),
        ("Only B", "المتحدث"),
        ("Only B", "الاتفاق سيصمد"),
    ]
    assert current_kind(window) is Kind.ONLY_B
    # Deciding into gold while gold is A changes the comparison under the current difference:
    # the accepted span becomes an agreement, and the next undecided difference is current.
    press(qtbot, window, "2")
    assert [row[:2] for row in rows(window)][:2] == [("Agree", "موسكو"), ("Agree", "دمشق")]
    assert window.session.current is not None
    assert window.session.current.b is not None and window.session.current.b.text == "المتحدث"
    press(qtbot, window, "Ctrl+Z")
    assert [row[:2] for row in rows(window)][1] == ("Only B", "دمشق")


def test_clicking_a_span_makes_its_difference_current(
    window: CompareWindow, layers: Layers, qtbot: QtBot
) -> None:
    _, b, _ = window.views()
    left = Qt.MouseButton.LeftButton
    claim = centre(b, layers.spans["b:claim"])
    qtbot.mouseClick(b.viewport(), left, pos=centre(b, layers.spans["b:spokesman"]))
    assert current_kind(window) is Kind.ONLY_B
    assert window.table.selectionModel().currentIndex().row() == 3
    qtbot.mouseClick(b.viewport(), left, pos=claim)
    assert current_kind(window) is Kind.AGREE
    qtbot.mouseClick(b.viewport(), left, pos=claim)
    assert current_kind(window) is Kind.LINKS  # again: the claim's other difference


def test_a_is_on_the_right_in_a_right_to_left_interface(
    qtbot: QtBot, store: SqliteStore, layers: Layers
) -> None:
    create_application()
    QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        window = open_compare(qtbot, store)
        a, b, _ = window.views()
        assert a.mapTo(window, QPoint(0, 0)).x() > b.mapTo(window, QPoint(0, 0)).x()
    finally:
        QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
