"""The window's Session: the core's events as Qt signals, `changed` with exactly what a write
touched, one undo stack per annotator, and another process's commits seen by the watch."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from annotation.changes import Changes
from annotation.model import Status
from annotation.tagset import load_tagset
from db.store import SqliteStore
from tests.ui.workspace import add_document
from ui.app import create_application
from ui.session.qt_session import Session

TEXT = "قال وزير الخارجية إن الوفد وصل إلى دمشق أمس."


def _session(qtbot: QtBot, store: SqliteStore) -> Session:
    create_application()
    session = Session(store, load_tagset(), "amal")
    session.stop_watching()  # the test looks for other processes' commits itself
    return session


def test_a_tag_emits_what_it_changed_then_the_selection(qtbot: QtBot, store: SqliteStore) -> None:
    document = add_document(store, TEXT)
    session = _session(qtbot, store)
    session.open_document(document)
    heard: list[tuple[str, object]] = []
    session.changed.connect(lambda changes: heard.append(("changed", changes)))
    session.span_selected.connect(lambda s: heard.append(("span_selected", s)))
    start = TEXT.index("دمشق")

    span = session.tag(load_tagset().label("LOCATION"), start, start + 4)

    assert span is not None and span.id is not None
    assert heard == [
        (
            "changed",
            Changes(
                documents=frozenset({document}),
                spans=frozenset({span.id}),
                statuses=frozenset({document}),
            ),
        ),
        ("span_selected", span.id),
    ]
    assert session.undo_stack.count() == 1
    assert session.undo_stack.undoText() == "Tag Location"
    assert store.status(document, "amal") is Status.IN_PROGRESS


def test_a_rename_tells_the_entity_views(qtbot: QtBot, store: SqliteStore) -> None:
    document = add_document(store, TEXT)
    session = _session(qtbot, store)
    session.open_document(document)
    start = TEXT.index("دمشق")
    span = session.tag(load_tagset().label("LOCATION"), start, start + 4)
    assert span is not None and span.id is not None
    session.new_entity_for(span.id)
    entity_id = store.span(span.id).entity_id
    assert entity_id is not None

    with qtbot.waitSignal(session.changed) as changed:
        session.rename_entity(entity_id, "الشام")

    assert changed.args == [Changes(entities=frozenset({entity_id}))]
    assert changed.args[0].touches_entities  # the open document's views show its name
    assert store.entity(entity_id).aliases == ("دمشق",)


def test_each_annotator_keeps_their_own_undo_stack(qtbot: QtBot, store: SqliteStore) -> None:
    document = add_document(store, TEXT)
    session = _session(qtbot, store)
    session.open_document(document)
    start = TEXT.index("دمشق")
    session.tag(load_tagset().label("LOCATION"), start, start + 4)

    with qtbot.waitSignal(session.annotator_changed) as switched:
        session.switch_annotator("omar")

    assert switched.args == ["omar"]
    assert session.undo_stack.count() == 0
    session.switch_annotator("amal")
    assert session.undo_stack.count() == 1


def test_another_process_commit_is_reported_as_unknown(qtbot: QtBot, store: SqliteStore) -> None:
    document = add_document(store, TEXT)
    session = _session(qtbot, store)
    session.open_document(document)
    assert store.path is not None
    other = SqliteStore(store.path)
    try:
        other.set_status(document, "amal", Status.DONE)
    finally:
        other.close()

    with qtbot.waitSignal(session.changed) as changed:
        assert session.check_for_changes()

    assert changed.args == [Changes.unknown()]
    assert not session.check_for_changes()
