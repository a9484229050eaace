"""The session without Qt: tagging, relabelling, attributing, status, undo and redo, and the
Changes each reports."""

from __future__ import annotations

from annotation.changes import Changes
from annotation.model import Status
from tests.annotation.session.conftest import FIRST, Desk


def test_a_tag_is_stored_selected_and_starts_the_document(desk: Desk) -> None:
    session = desk.session
    speaker = desk.tag("SPEAKER", "الوزير")

    stored = session.store.span(speaker)
    assert (stored.label, stored.text, stored.annotator) == ("SPEAKER", "الوزير", "amal")
    assert [span.id for span in session.spans] == [speaker]
    assert session.selected == speaker
    assert session.store.status(desk.first, "amal") is Status.IN_PROGRESS
    assert desk.heard.changes == [
        Changes(
            documents=frozenset({desk.first}),
            spans=frozenset({speaker}),
            statuses=frozenset({desk.first}),
        )
    ]
    assert desk.history.undo_text() == "Tag Speaker"


def test_an_exact_duplicate_is_refused_with_its_message_and_the_first_selected(
    desk: Desk,
) -> None:
    session = desk.session
    speaker = desk.tag("SPEAKER", "الوزير")
    session.select_span(None)
    start = FIRST.index("الوزير")

    assert session.tag(desk.label("SPEAKER"), start, start + len("الوزير")) is None

    assert desk.heard.messages == ["“الوزير” is already tagged Speaker."]
    assert session.selected == speaker
    assert len(session.store.spans_for(desk.first, "amal")) == 1
    assert len(desk.history.done) == 1


def test_a_selection_of_no_text_is_not_tagged(desk: Desk) -> None:
    assert desk.session.tag(desk.label("CLAIM"), 3, 4) is None  # the space between two words
    assert desk.heard.messages == ["Nothing to tag: the selection holds no text."]
    assert desk.history.done == []


def test_relabelling_drops_the_links_that_no_longer_fit_in_one_step(desk: Desk) -> None:
    session = desk.session
    speaker = desk.tag("SPEAKER", "الوزير")
    claim = desk.tag("CLAIM", "دمشق آمنة")
    session.link(claim, speaker)
    (link,) = session.links
    assert link.id is not None
    steps = len(desk.history.done)

    session.relabel(speaker, desk.label("LOCATION"))

    assert session.store.span(speaker).label == "LOCATION"
    assert session.links == [] and session.store.links_for(desk.first, "amal") == []
    assert len(desk.history.done) == steps + 1
    assert desk.history.undo_text() == "Change Speaker to Location"
    assert desk.heard.changes[-1] == Changes(
        documents=frozenset({desk.first}),
        spans=frozenset({speaker}),
        links=frozenset({link.id}),
    )

    assert desk.history.undo()
    assert session.store.span(speaker).label == "SPEAKER"
    assert session.links == [link]  # the same link, with its id, in the same step


def test_undo_and_redo_keep_ids_and_select_what_they_bring_back(desk: Desk) -> None:
    session = desk.session
    speaker = desk.tag("SPEAKER", "الوزير")
    claim = desk.tag("CLAIM", "دمشق آمنة")
    session.link(claim, speaker)
    (link,) = session.links
    assert link.id is not None

    session.delete_span(speaker)
    assert session.span(speaker) is None and session.links == []
    assert desk.heard.changes[-1] == Changes(
        documents=frozenset({desk.first}), spans=frozenset({speaker}), links=frozenset({link.id})
    )

    assert desk.history.undo()
    assert session.span(speaker) is not None  # the same id
    assert session.links == [link]
    assert session.selected == speaker
    assert desk.heard.changes[-1] == Changes(
        documents=frozenset({desk.first}), spans=frozenset({speaker}), links=frozenset({link.id})
    )

    assert desk.history.redo()
    assert session.span(speaker) is None
    assert session.selected is None  # nothing the step did not show stays selected


def test_an_undo_in_a_document_not_open_asks_for_it_first(desk: Desk) -> None:
    session = desk.session
    speaker = desk.tag("SPEAKER", "الوزير")
    session.open_document(desk.second)

    assert desk.history.undo()

    assert desk.heard.requested == [desk.first]
    assert session.document_id == desk.first  # nobody answered: the session opened it
    assert session.store.spans_for(desk.first, "amal") == []
    assert desk.heard.changes[-1] == Changes(
        documents=frozenset({desk.first}),
        spans=frozenset({speaker}),
        statuses=frozenset({desk.first}),
    )
    assert session.store.recorded_status(desk.first, "amal") is None


def test_a_status_is_its_own_step_and_reports_only_the_status(desk: Desk) -> None:
    session = desk.session
    session.set_status(Status.DONE)

    assert session.status() is Status.DONE
    assert desk.heard.changes == [Changes(statuses=frozenset({desk.first}))]
    assert desk.history.undo_text() == "Mark as done"
    assert desk.history.undo()
    assert session.status() is Status.NEW


def test_an_attribute_outside_the_tag_set_is_refused_with_its_reason(desk: Desk) -> None:
    session = desk.session
    claim = desk.tag("CLAIM", "دمشق آمنة")
    steps = len(desk.history.done)

    session.set_attribute(claim, "kind", "whispered")

    assert len(desk.history.done) == steps
    assert desk.heard.messages and "whispered" in desk.heard.messages[-1]
    session.set_attribute(claim, "kind", "indirect")
    assert session.store.span(claim).attributes["kind"] == "indirect"
    assert desk.heard.changes[-1] == Changes(
        documents=frozenset({desk.first}), spans=frozenset({claim})
    )


def test_an_edit_whose_span_was_deleted_elsewhere_is_not_kept(desk: Desk) -> None:
    session = desk.session
    speaker = desk.tag("SPEAKER", "الوزير")
    session.store.remove_span(speaker)  # another window

    session.delete_span(speaker)

    assert desk.heard.messages[-1] == (
        "Not done: it was changed or deleted elsewhere; the view is refreshed"
    )
    assert len(desk.history.done) == 1  # only the tag
    assert session.spans == []  # re-read
