"""A team server that fails under a store: stopped mid-session (immediately, as a crash or a
pulled cable does, or by its administrator), it gives a StoreError that says so and changes
nothing; once it is back, the store reconnects and hears notices again. A client killed in
the middle of a transaction leaves nothing of it behind. Real servers throughout
(tests/postgres_server.py), stopped and started for real."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap

import pytest

from annotation.model import Document, DocumentId, Span, text_sha256
from annotation.ports import ConnectionLostError
from db.postgres.store import PgStore
from tests.conftest import ROOT, empty_project
from tests.postgres_server import Cluster, changes_heard

TEXT = "قال الوزير إن الوفد وصل إلى دمشق أمس."
WORDS = ("الوزير", "الوفد", "دمشق")


def _spans(document: DocumentId) -> list[Span]:
    return [
        Span(document, "amal", "LOCATION", TEXT.index(w), TEXT.index(w) + len(w), w) for w in WORDS
    ]


def _add_document(store: PgStore) -> DocumentId:
    return store.add_documents([Document(text=TEXT, text_sha256=text_sha256(TEXT))])[0]


@pytest.mark.parametrize("mode", ["immediate", "fast"])
def test_a_stopped_server_is_a_clear_error_and_nothing_changes(
    stoppable_cluster: Cluster, stoppable_project: str, mode: str
) -> None:
    store = PgStore(stoppable_project)
    document = _add_document(store)
    first, second, _ = _spans(document)
    store.add_span(first)
    stoppable_cluster.stop(mode)  # immediate: as a crash; fast: AdminShutdown
    try:
        with pytest.raises(ConnectionLostError) as lost:
            store.add_span(second)
        assert str(lost.value) == (
            f"The team server {store.address} cannot be reached; nothing was changed."
            " Hamish reconnects when it is back."
        )
        with pytest.raises(ConnectionLostError):
            store.spans_for(document, "amal")  # reads too
        with pytest.raises(ConnectionLostError):
            store.changes_elsewhere()
        assert store.wake_socket() is None  # nothing left to watch
        with pytest.raises(ConnectionLostError, match="cannot be reached"):
            store.reconnect()  # still down
    finally:
        stoppable_cluster.start()
    store.reconnect()
    assert [s.text for s in store.spans_for(document, "amal")] == ["الوزير"]
    store.add_span(second)  # writes again
    assert [s.text for s in store.spans_for(document, "amal")] == ["الوزير", "الوفد"]
    store.close()


def test_after_reconnecting_the_store_hears_notices_again(
    stoppable_cluster: Cluster, stoppable_project: str
) -> None:
    store = PgStore(stoppable_project)
    document = _add_document(store)
    stoppable_cluster.stop("immediate")
    stoppable_cluster.start()
    with pytest.raises(ConnectionLostError):
        store.document_count()
    store.reconnect()
    other = PgStore(stoppable_project)
    added = other.add_span(_spans(document)[0])
    other.close()
    changes = changes_heard(store)
    assert added.id in changes.spans and not changes.everything
    store.close()


# Opens the project, writes three spans in one transaction, says how many it sees there, and
# waits to be killed before it commits.
KILLED_WRITER = textwrap.dedent(
    """
    import sys, time
    from annotation.model import DocumentId, Span
    from db.postgres.store import PgStore

    url, document, text = sys.argv[1], DocumentId(int(sys.argv[2])), sys.argv[3]
    store = PgStore(url)
    with store.transaction():
        for word in sys.argv[4:]:
            start = text.index(word)
            store.add_span(Span(document, "amal", "LOCATION", start, start + len(word), word))
        print(len(store.spans_for(document, "amal")), flush=True)
        time.sleep(600)
    """
)


def test_a_client_killed_mid_transaction_leaves_nothing(postgres_project: str) -> None:
    empty_project(postgres_project)
    store = PgStore(postgres_project)
    document = _add_document(store)
    writer = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, postgres_project, str(document), TEXT, *WORDS],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "3"  # written, in its open transaction
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    assert store.spans_for(document, "amal") == []
    # Nor does anything of it hold on: the same three spans can be stored now (an insert
    # would wait on the killed transaction's rows while it lived).
    for span in _spans(document):
        store.add_span(span)
    assert [s.text for s in store.spans_for(document, "amal")] == list(WORDS)
    store.close()
