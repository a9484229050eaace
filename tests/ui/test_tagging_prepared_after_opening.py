"""Opening a document does not wait for its tokens: the window works them out just after the
article is on screen, and a tag made before that still snaps to whole words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.store import SqliteStore
from tests.ui.workspace import add_document, open_window, press, select_text

TEXT = "قال الوزير إن الوفد وصل إلى دمشق أمس."


def test_the_text_is_tokenised_after_it_is_shown_not_before(
    qtbot: QtBot, store: SqliteStore
) -> None:
    add_document(store, TEXT)
    second = add_document(store, "وأكد المتحدث أن الحوار مستمر.", "ثان")
    window = open_window(qtbot, store)
    window.session.open_document(second)
    tagged = window.session.tagged
    assert tagged is not None
    assert "tokens" not in vars(tagged)  # opened, not yet tokenised
    qtbot.waitUntil(lambda: "tokens" in vars(tagged) and "names" in vars(tagged))
    assert [t.text for t in tagged.tokens][:3] == ["وأكد", "المتحدث", "أن"]


def test_a_tag_before_the_tokens_are_ready_still_snaps_to_words(
    qtbot: QtBot, store: SqliteStore
) -> None:
    add_document(store, TEXT)
    second = add_document(store, TEXT + " ثم غادر.", "ثان")
    window = open_window(qtbot, store)
    window.session.open_document(second)
    window.session._prepare.stop()  # as if the key came before the window was idle
    tagged = window.session.tagged
    assert tagged is not None and "tokens" not in vars(tagged)
    start = TEXT.index("لوفد")
    select_text(window, start, start + 3)  # part of الوفد
    press(qtbot, window, Qt.Key.Key_1)
    span = window.session.selected_span()
    assert span is not None and (span.start, span.end, span.text) == (
        TEXT.index("الوفد"),
        TEXT.index("الوفد") + 5,
        "الوفد",
    )
