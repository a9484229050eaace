"""The watch on other writers (Connection.changes_elsewhere): another connection's commit is
reported once, this connection's own never; a team server says what was touched, a database
file only that something was."""

from __future__ import annotations

from collections.abc import Callable

from annotation.changes import Changes
from annotation.model import Document, Span, text_sha256
from annotation.ports import Store
from tests.postgres_server import changes_heard

TEXT = "قال الوزير إن الوفد وصل إلى دمشق أمس."


def _document(store: Store) -> Span:
    (document,) = store.add_documents(
        [Document(text=TEXT, text_sha256=text_sha256(TEXT), title="خبر")]
    )
    start = TEXT.index("دمشق")
    return Span(document, "amal", "LOCATION", start, start + 4, "دمشق")


def test_another_connections_commit_is_reported_once(
    store: Store, reopen: Callable[[], Store], engine: str
) -> None:
    span = _document(store)
    store.changes_elsewhere()  # the document just added is this connection's own
    other = reopen()
    try:
        added = other.add_span(span)
    finally:
        other.close()

    changes = changes_heard(store)

    if engine == "sqlite":
        assert changes == Changes.unknown()  # SQLite's data_version says that, not what
    else:
        assert not changes.everything
        assert added.id in changes.spans
        assert span.document_id in changes.documents
    assert store.changes_elsewhere() == Changes()


def test_own_commits_are_not_reported(store: Store, engine: str) -> None:
    span = _document(store)
    store.add_span(span)
    # A server sends the notice of a commit to its own connection too, in the commit's answer:
    # it is here already, and left out.
    assert store.changes_elsewhere() == Changes()


def test_the_wake_socket_is_the_servers_alone(store: Store, engine: str) -> None:
    socket = store.wake_socket()
    if engine == "sqlite":
        assert socket is None  # a file is asked now and then
    else:
        assert isinstance(socket, int) and socket >= 0
