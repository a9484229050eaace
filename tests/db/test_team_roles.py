"""Roles the team server enforces (issue 19, items 2 and 3), on a real PostgreSQL cluster with
real login roles: what an annotator, a curator and a manager may read and write, row by row,
through raw SQL, through PgStore and through the annotation session.

The project lives in a database of this module's own; its members are login roles, which
belong to the whole cluster, so they are dropped again at the end."""

from __future__ import annotations

import json
import os
import re
import select
import shlex
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psycopg
import pytest

from annotation.adjudication import GOLD
from annotation.assistant.pending import (
    ASSISTANT,
    accept,
    reject,
    rejection_key,
)
from annotation.edits import perform
from annotation.model import (
    ATTRIBUTED_TO,
    Decision,
    Document,
    DocumentId,
    Entity,
    EntityKind,
    Link,
    Span,
    Status,
    text_sha256,
)
from annotation.ports import StoreError
from annotation.session import AnnotationSession, MemoryHistory
from annotation.tagset import load_tagset
from db.postgres import schema, team
from db.postgres.address import PasswordNeeded
from db.postgres.security import apply_security
from db.postgres.store import PgStore
from tests.conftest import ROOT
from tests.postgres_server import Cluster, changes_heard, start_cluster

DATABASE = "hamish_team_roles"
MEMBERS = {"mona": "manager", "cora": "curator", "amal": "annotator", "badr": "annotator"}
TEXT = "قال الوزير إن دمشق آمنة اليوم."
OTHER_TEXT = "وأكد الوزير أن حلب هادئة."


@dataclass(frozen=True)
class Project:
    cluster: Cluster

    def url(self, user: str | None = None) -> str:
        return self.cluster.url(DATABASE, user)


@pytest.fixture(scope="module")
def project(postgres_cluster: Cluster) -> Iterator[Project]:
    with psycopg.connect(postgres_cluster.url(), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {DATABASE}")
    made = Project(postgres_cluster)
    team.init_project(made.url(), "mona", "mona's secret")
    for name, role in MEMBERS.items():
        if name != "mona":
            team.add_member(made.url("mona"), name, role, f"{name}'s secret")
    yield made
    with psycopg.connect(postgres_cluster.url(), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE {DATABASE} WITH (FORCE)")
        for name in MEMBERS:
            admin.execute(f"DROP ROLE {name}")


@pytest.fixture(autouse=True)
def fresh(project: Project) -> None:
    """Each test starts with no documents or layers, in a blind project."""
    with psycopg.connect(project.url(), autocommit=True) as admin:
        admin.execute(
            "TRUNCATE documents, annotators, entities, spans, links, document_status,"
            " decisions, review_open, assignments RESTART IDENTITY CASCADE"
        )
        admin.execute("UPDATE project_settings SET blind = true")


@contextmanager
def store_of(project: Project, user: str | None = None) -> Iterator[PgStore]:
    store = PgStore(project.url(user))
    try:
        yield store
    finally:
        store.close()


@contextmanager
def raw(project: Project, user: str) -> Iterator[psycopg.Connection[Any]]:
    with psycopg.connect(project.url(user), autocommit=True) as connection:
        yield connection


def add_document(project: Project, text: str = TEXT) -> DocumentId:
    with store_of(project, "mona") as store:
        (document_id,) = store.add_documents([Document(text, text_sha256(text), title="t")])
    return document_id


def span(document_id: DocumentId, annotator: str, words: str, label: str = "SPEAKER") -> Span:
    start = TEXT.index(words)
    return Span(document_id, annotator, label, start, start + len(words), words)


def badrs_layer(project: Project) -> DocumentId:
    """A document where badr has a speaker, a claim, a link and a status."""
    document_id = add_document(project)
    with store_of(project, "badr") as store:
        speaker = store.add_span(span(document_id, "badr", "الوزير"))
        claim = store.add_span(span(document_id, "badr", "دمشق آمنة", "CLAIM"))
        assert speaker.id and claim.id
        store.add_link(Link(ATTRIBUTED_TO, claim.id, speaker.id))
        store.set_status(document_id, "badr", Status.IN_PROGRESS)
    return document_id


def layer_counts(connection: psycopg.Connection[Any], name: str) -> tuple[int, int, int]:
    """How many of `name`'s spans, links and statuses this connection sees."""
    counts = connection.execute(
        "SELECT (SELECT count(*) FROM spans s JOIN annotators a ON a.id = s.annotator_id"
        "        WHERE a.name = %(name)s),"
        " (SELECT count(*) FROM links l JOIN spans s ON s.id = l.source_id"
        "        WHERE s.annotator_id = (SELECT id FROM annotators WHERE name = %(name)s)),"
        " (SELECT count(*) FROM document_status d JOIN annotators a ON a.id = d.annotator_id"
        "        WHERE a.name = %(name)s)",
        {"name": name},
    ).fetchone()
    assert counts is not None
    spans, links, statuses = counts
    return int(spans), int(links), int(statuses)


def layer_id(project: Project, name: str) -> int:
    with psycopg.connect(project.url(), autocommit=True) as admin:
        row = admin.execute("SELECT id FROM annotators WHERE name = %s", [name]).fetchone()
    assert row is not None
    return int(row[0])


def test_each_member_learns_their_role_and_a_superuser_is_the_owner(project: Project) -> None:
    for name, role in MEMBERS.items():
        with store_of(project, name) as store:
            assert store.role == role
    with store_of(project) as store:
        assert store.role == "owner"
    assert team.members(project.url("amal")) == [
        team.Member(name, MEMBERS[name]) for name in sorted(MEMBERS)
    ]


def test_a_login_that_is_not_a_member_is_told_so(project: Project) -> None:
    with psycopg.connect(project.url(), autocommit=True) as admin:
        admin.execute("CREATE ROLE stranger LOGIN")
    try:
        with pytest.raises(StoreError, match="stranger is not a member of the team project"):
            PgStore(project.url("stranger"))
    finally:
        with psycopg.connect(project.url(), autocommit=True) as admin:
            admin.execute("DROP ROLE stranger")


def test_in_a_blind_project_an_annotator_neither_reads_nor_changes_a_colleagues_layer(
    project: Project,
) -> None:
    document_id = badrs_layer(project)
    badr = layer_id(project, "badr")
    with raw(project, "amal") as amal:
        assert layer_counts(amal, "badr") == (0, 0, 0)
        assert amal.execute("SELECT count(*) FROM spans").fetchone() == (0,)
        assert amal.execute("UPDATE spans SET label = 'LOCATION'").rowcount == 0
        assert amal.execute("DELETE FROM spans").rowcount == 0
        assert amal.execute("DELETE FROM links").rowcount == 0
        assert amal.execute("UPDATE document_status SET status = 'done'").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            amal.execute(
                'INSERT INTO spans (document_id, annotator_id, label, start, "end", text,'
                " origin, created_at, updated_at) VALUES (%s, %s, 'SPEAKER', 0, 3, 'قال',"
                " 'manual', 'now', 'now')",
                [document_id, badr],
            )
        # The documents themselves are everyone's to read.
        assert amal.execute("SELECT count(*) FROM documents").fetchone() == (1,)
    with psycopg.connect(project.url(), autocommit=True) as admin:
        assert layer_counts(admin, "badr") == (2, 1, 1)  # all still there


def test_once_the_curator_opens_the_document_for_review_annotators_read_each_other(
    project: Project,
) -> None:
    document_id = badrs_layer(project)
    other = add_document(project, OTHER_TEXT)
    listening = PgStore(project.url("amal"))
    try:
        with raw(project, "cora") as cora:
            team.open_for_review(cora, document_id)
        # amal's open window hears it, and re-reads the document's layers and statuses.
        heard = changes_heard(listening)
        assert (heard.documents, heard.statuses) == (frozenset({document_id}),) * 2
    finally:
        listening.close()
    with raw(project, "amal") as amal:
        assert layer_counts(amal, "badr") == (2, 1, 1)
        # Reading is all: badr's rows still refuse every write.
        assert amal.execute("UPDATE spans SET label = 'LOCATION'").rowcount == 0
        assert amal.execute("DELETE FROM spans").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            amal.execute(
                "INSERT INTO document_status VALUES (%s, %s, 'done', 'now')",
                [other, layer_id(project, "badr")],
            )
    with store_of(project, "amal") as store:
        (speaker, _claim) = store.spans_for(document_id, "badr")
        with pytest.raises(StoreError, match="the server refuses: you may write only your own"):
            store.update_span(replace(speaker, label="LOCATION"))
        with pytest.raises(StoreError, match="the server refuses: you may write only your own"):
            store.remove_span(speaker.id)  # type: ignore[arg-type]


def test_a_project_that_is_not_blind_shows_every_layer(project: Project) -> None:
    badrs_layer(project)
    with (
        raw(project, "amal") as amal,
        pytest.raises(StoreError, match="only a manager changes the project"),
    ):
        team.set_blind(amal, False)
    listening = PgStore(project.url("amal"))
    try:
        with raw(project, "mona") as mona:
            team.set_blind(mona, False)
        assert changes_heard(listening).everything  # every view re-reads
    finally:
        listening.close()
    with raw(project, "amal") as amal:
        assert layer_counts(amal, "badr") == (2, 1, 1)


def test_an_annotator_writing_a_colleagues_layer_is_told_the_server_refuses(
    project: Project,
) -> None:
    document_id = badrs_layer(project)
    with store_of(project, "amal") as store:
        with pytest.raises(StoreError) as refused:
            store.add_span(span(document_id, "badr", "اليوم"))
        assert str(refused.value) == (
            "the server refuses: you may write only your own layer (you are an annotator);"
            " nothing was changed"
        )
        with pytest.raises(StoreError, match="the server refuses: you may write only your own"):
            store.set_status(document_id, "badr", Status.DONE)
        assert store.spans_for(document_id, "amal") == []


def test_machine_layers_are_read_by_all_and_written_by_curators_and_managers(
    project: Project,
) -> None:
    document_id = add_document(project)
    with store_of(project, "cora") as store:
        store.add_span(span(document_id, GOLD, "الوزير"))
    # A curator makes the suggestions at the terminal, as README's `server` says.
    suggested = hamish("suggest", "--documents", str(document_id), "--db", project.url("cora"))
    assert suggested.returncode == 0, suggested.stderr
    with store_of(project, "amal") as store:
        assert [s.text for s in store.spans_for(document_id, GOLD)] == ["الوزير"]
        with pytest.raises(StoreError, match="the server refuses"):
            store.add_span(span(document_id, GOLD, "دمشق", "LOCATION"))
        # The suggestions are everyone's to read; accepting copies one into amal's layer.
        suggestions = store.spans_for(document_id, ASSISTANT)
        speaker = next(s for s in suggestions if s.text == "الوزير")
        place = next(s for s in suggestions if s.label == "LOCATION")
        perform(store, accept(speaker, "amal"))
        assert [s.text for s in store.spans_for(document_id, "amal")] == ["الوزير"]
        # Rejecting deletes from the shared layer: the server refuses it to an annotator.
        with pytest.raises(StoreError) as refused:
            perform(store, reject(place, "amal"))
        assert str(refused.value) == (
            "the server refuses: on a team server the assistant's suggestions are made and"
            " rejected by curators and managers; accept the ones you agree with into your own"
            " layer (you are an annotator); nothing was changed"
        )
        assert store.spans_for(document_id, ASSISTANT) == suggestions
        assert store.decisions(document_id, ASSISTANT) == []
        # In the window (Backspace on the suggestion) the refusal is the message shown.
        messages: list[str] = []
        session = AnnotationSession(store, load_tagset(), "amal", MemoryHistory())
        session.events.message.connect(messages.append)
        session.open_document(document_id)
        session.choose_suggestion(place.id)
        assert session.reject_current_suggestion()
        assert messages == [f"Not done: {refused.value}"]
        assert store.spans_for(document_id, ASSISTANT) == suggestions
    with store_of(project, "cora") as store:
        perform(store, reject(place, "cora"))
        key = rejection_key(place)
        assert [(d.key, d.decided_by) for d in store.decisions(document_id, ASSISTANT)] == [
            (key, "cora")
        ]
    with store_of(project, "badr") as store:
        # badr sees the assistant's layer and the curator's rejection, not amal's layer.
        assert place not in store.spans_for(document_id, ASSISTANT)
        assert speaker in store.spans_for(document_id, ASSISTANT)
        assert [d.key for d in store.decisions(document_id, ASSISTANT)] == [key]
        assert store.spans_for(document_id, "amal") == []


def test_an_annotator_writes_no_machine_layer_and_no_decision_through_raw_sql(
    project: Project,
) -> None:
    """The blind project's bypass: spans written into a layer every annotator reads, a
    colleague's suggestions deleted, decisions signed with a curator's name."""
    document_id = add_document(project)
    with store_of(project, "cora") as store:
        store.add_span(span(document_id, ASSISTANT, "الوزير"))
    assistant = layer_id(project, ASSISTANT)
    insert_span = (
        'INSERT INTO spans (document_id, annotator_id, label, start, "end", text, origin,'
        " created_at, updated_at) VALUES (%s, %s, 'CLAIM', 19, 28, 'دمشق آمنة', 'manual',"
        " 'now', 'now')"
    )
    with raw(project, "amal") as amal:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            amal.execute("INSERT INTO annotators (name, created_at) VALUES ('assistant-x', 'now')")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            amal.execute(insert_span, [document_id, assistant])
        assert amal.execute("SELECT count(*) FROM spans").fetchone() == (1,)  # reads it
        assert amal.execute("DELETE FROM spans").rowcount == 0
        assert amal.execute("UPDATE spans SET label = 'CLAIM'").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            amal.execute(
                "INSERT INTO decisions (document_id, gold, key, choice, decided_by, decided_at)"
                " VALUES (%s, 'assistant', 'reject SPEAKER:4-10', 'neither', 'cora', 'now')",
                [document_id],
            )
    with psycopg.connect(project.url(), autocommit=True) as admin:
        assert layer_counts(admin, ASSISTANT) == (1, 0, 0)
        assert admin.execute("SELECT count(*) FROM decisions").fetchone() == (0,)
        assert admin.execute(
            "SELECT count(*) FROM annotators WHERE name LIKE 'assistant-%'"
        ).fetchone() == (0,)


def test_a_decision_is_signed_with_the_login_that_wrote_it(project: Project) -> None:
    document_id = add_document(project)
    with raw(project, "mona") as mona:
        mona.execute(
            "INSERT INTO decisions (document_id, gold, key, choice, decided_by, decided_at)"
            " VALUES (%s, 'gold', 'SPEAKER:4-10', 'accept_a', 'cora', 'now')",
            [document_id],
        )
        assert mona.execute("SELECT decided_by FROM decisions").fetchall() == [("mona",)]
    with raw(project, "cora") as cora:
        cora.execute("UPDATE decisions SET decided_by = 'mona', reason = 'seen'")
        assert cora.execute("SELECT decided_by FROM decisions").fetchall() == [("cora",)]


def test_an_annotators_whole_tagging_flow_works_in_their_own_layer(project: Project) -> None:
    document_id = add_document(project)
    tagset = load_tagset()
    with store_of(project, "amal") as store:
        messages: list[str] = []
        history = MemoryHistory()
        session = AnnotationSession(store, tagset, "amal", history)
        session.events.message.connect(messages.append)
        session.open_document(document_id)

        def tag(label: str, words: str) -> Span:
            start = TEXT.index(words)
            added = session.tag(tagset.label(label), start, start + len(words))
            assert added is not None and added.id is not None
            return added

        speaker = tag("SPEAKER", "الوزير")
        claim = tag("CLAIM", "دمشق آمنة")
        place = tag("SPEAKER", "دمشق")
        session.relabel(place.id, tagset.label("LOCATION"))  # type: ignore[arg-type]
        session.new_entity_for(place.id, "دمشق")  # type: ignore[arg-type]
        session.link(claim.id, speaker.id)  # type: ignore[arg-type]
        session.set_status(Status.DONE)
        assert messages == []
        spans = {(s.label, s.text, s.entity_id is not None) for s in session.spans}
        assert spans == {
            ("SPEAKER", "الوزير", False),
            ("CLAIM", "دمشق آمنة", False),
            ("LOCATION", "دمشق", True),
        }
        assert [(link.source_id, link.target_id) for link in session.links] == [
            (claim.id, speaker.id)
        ]
        assert store.status(document_id, "amal") is Status.DONE
        assert [e.name for e in store.entities()] == ["دمشق"]
        while history.undo():
            pass
        assert messages == []
        assert store.spans_for(document_id, "amal") == []
        assert store.entities() == []  # the undone entity was deleted: nobody named it
        assert store.recorded_status(document_id, "amal") is None


def test_an_annotator_deletes_only_entities_no_span_names(project: Project) -> None:
    document_id = add_document(project)
    with store_of(project, "badr") as store:
        named = store.add_entity(Entity(EntityKind.PERSON, "الوزير"))
        store.add_span(replace(span(document_id, "badr", "الوزير"), entity_id=named.id))
    with store_of(project, "amal") as store:
        assert [e.name for e in store.entities()] == ["الوزير"]
        with pytest.raises(StoreError, match="spans still name may be deleted only by a cura"):
            store.remove_entity(named.id)  # type: ignore[arg-type]
    with store_of(project, "cora") as store:
        # Hidden from amal, badr's span still named the entity: it stayed.
        assert [e.name for e in store.entities()] == ["الوزير"]


def test_the_curator_records_decisions_and_gold_and_an_annotator_cannot(
    project: Project,
) -> None:
    document_id = badrs_layer(project)
    decision = Decision(document_id, GOLD, "SPEAKER:4-10", "accept_a", "", "cora")
    with store_of(project, "cora") as store:
        assert len(store.spans_for(document_id, "badr")) == 2  # a curator reads everything
        store.add_span(span(document_id, GOLD, "الوزير"))
        store.set_decision(document_id, GOLD, decision.key, decision)
        with pytest.raises(StoreError, match="the server refuses: you may write only your own"):
            store.add_span(span(document_id, "badr", "اليوم"))  # not another member's layer
    with store_of(project, "amal") as store:
        with pytest.raises(StoreError) as refused:
            store.set_decision(document_id, GOLD, "SPEAKER:0-3", decision)
        assert "only a curator records adjudication decisions" in str(refused.value)
        with pytest.raises(StoreError, match="only a curator opens a document for review"):
            team.open_for_review(store.db.conn, document_id)
    with store_of(project) as store:
        assert [d.key for d in store.decisions(document_id, GOLD)] == [decision.key]
        assert [s.text for s in store.spans_for(document_id, GOLD)] == ["الوزير"]


def test_only_a_manager_adds_documents_and_members(project: Project) -> None:
    article = Document(OTHER_TEXT, text_sha256(OTHER_TEXT), title="t")
    for refused in ("amal", "cora"):
        with (
            store_of(project, refused) as store,
            pytest.raises(StoreError, match="only a manager adds or removes documents"),
        ):
            store.add_documents([article])
        with pytest.raises(StoreError, match=f"only a manager adds members; {refused}"):
            team.add_member(project.url(refused), "zaid", "annotator", "secret")
    with store_of(project, "mona") as store:
        (document_id,) = store.add_documents([article])
        assert store.document_count() == 1
        store.remove_documents([document_id])
        assert store.document_count() == 0
    with raw(project, "amal") as amal, pytest.raises(psycopg.errors.InsufficientPrivilege):
        amal.execute("INSERT INTO members VALUES ('amal', 'manager')")
    with raw(project, "amal") as amal, pytest.raises(psycopg.errors.InsufficientPrivilege):
        amal.execute("UPDATE members SET role = 'manager' WHERE name = 'amal'")
    assert [m.name for m in team.members(project.url("mona"))] == sorted(MEMBERS)


def test_a_manager_assigns_members_who_have_not_annotated_yet_and_nobody_else_assigns(
    project: Project,
) -> None:
    document_id = add_document(project)
    with store_of(project, "mona") as store:
        assert store.assign([document_id], ["amal", "badr"], "mona") == 2
    for member in ("amal", "cora"):
        with store_of(project, member) as store:
            assert sorted(a.annotator for a in store.assignments()) == ["amal", "badr"]
            with pytest.raises(StoreError, match="the server refuses"):
                store.assign([document_id], [member], member)
    with raw(project, "amal") as amal, pytest.raises(psycopg.errors.InsufficientPrivilege):
        amal.execute("DELETE FROM assignments")
    # amal's layer, registered by the manager's assignment, is still amal's alone to write.
    with store_of(project, "mona") as store, pytest.raises(StoreError, match="refuses"):
        store.add_span(span(document_id, "amal", "الوزير"))
    with store_of(project, "amal") as store:
        assert store.add_span(span(document_id, "amal", "الوزير")).id is not None


def test_assignments_made_at_the_terminal_are_by_the_members_login(project: Project) -> None:
    """Not by the workstation's user: the manager here runs as root or a test runner."""
    document_id = add_document(project)
    as_mona = ["--db", project.url("mona")]
    made = hamish("assign", "--to", "amal", "--documents", str(document_id), *as_mona)
    assert made.returncode == 0, made.stderr
    listed = hamish("assignments", "--json", *as_mona)
    assert [
        (a["annotator"], a["assigned_by"]) for a in json.loads(listed.stdout)["assignments"]
    ] == [("amal", "mona")]


def test_applying_the_rules_again_changes_nothing(project: Project) -> None:
    badrs_layer(project)
    with psycopg.connect(project.url(), autocommit=True) as admin:
        policies = admin.execute("SELECT count(*) FROM pg_policies").fetchone()
        apply_security(admin)
        assert admin.execute("SELECT count(*) FROM pg_policies").fetchone() == policies
    with raw(project, "amal") as amal:
        assert layer_counts(amal, "badr") == (0, 0, 0)


# The terminal commands, run as a person runs them, on a cluster of this test's own: it
# turns password checks on for TCP, which would break other tests' trust on a shared one.


def hamish(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=120,
    )


@pytest.fixture
def own_cluster() -> Iterator[Cluster]:
    cluster = start_cluster()
    yield cluster
    cluster.remove()


def require_passwords_over_tcp(cluster: Cluster) -> None:
    """Put scram-sha-256 first for 127.0.0.1 in pg_hba.conf (the first matching line wins)
    and reload; wait until a wrong password is refused, so the new rule is in force."""
    hba = cluster.data / "pg_hba.conf"
    hba.write_text("host all all 127.0.0.1/32 scram-sha-256\n" + hba.read_text(), encoding="utf-8")
    cluster.run("pg_ctl", "reload", "-D", str(cluster.data))
    for _attempt in range(200):
        try:
            psycopg.connect(cluster.tcp_url("postgres"), password="wrong").close()
        except psycopg.OperationalError as error:
            assert "password authentication failed" in str(error)
            return
        time.sleep(0.05)  # the server reloads its configuration after pg_ctl returns
    pytest.fail("the server did not take the new pg_hba.conf")


def test_server_init_and_users_add_make_logins_that_work_with_their_passwords(
    own_cluster: Cluster, tmp_path: Path
) -> None:
    with psycopg.connect(own_cluster.url(), autocommit=True) as admin:
        admin.execute("CREATE DATABASE news")
    url, as_mona = own_cluster.url("news"), own_cluster.url("news", "mona")
    secret = tmp_path / "mona.txt"
    secret.write_text("correct horse\n", encoding="utf-8")

    made = hamish("server", "init", url, "--manager", "mona", "--password-file", str(secret))
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("made a team project in postgresql://postgres@/news")
    added = hamish("users", "add", "amal", "--role", "annotator", "--db", as_mona, stdin="قلم 7\n")
    assert added.returncode == 0, added.stderr
    assert added.stdout == f"added amal as annotator to {as_mona}\n"
    listed = hamish("users", "list", "--db", as_mona)
    assert listed.stdout == "amal\tannotator\nmona\tmanager\n"

    require_passwords_over_tcp(own_cluster)
    for user, password, role in (
        ("mona", "correct horse", "manager"),
        ("amal", "قلم 7", "annotator"),
    ):
        store = PgStore(f"{own_cluster.tcp_url('news', user)}?password={quote(password)}")
        try:
            assert store.role == role
        finally:
            store.close()
        with pytest.raises(PasswordNeeded) as refused:
            PgStore(f"{own_cluster.tcp_url('news', user)}?password=guess")
        assert (
            str(refused.value) == f"{own_cluster.tcp_url('news', user)} refused {user}'s password"
        )
    with pytest.raises(PasswordNeeded) as asked:
        PgStore(own_cluster.tcp_url("news", "amal"))
    assert str(asked.value) == f"{own_cluster.tcp_url('news', 'amal')} asks for amal's password"

    # At a terminal, as a person types: each prompt names whose password it wants.
    as_mona_tcp = own_cluster.tcp_url("news", "mona")
    typed = at_terminal(
        ["users", "add", "omar", "--role", "annotator", "--db", as_mona_tcp],
        [
            (f"{as_mona_tcp} asks for mona's password: ", "correct horse"),
            ("password for omar, the new login: ", "ورقة 3"),
            ("omar's password again: ", "ورقة 3"),
        ],
    )
    assert typed.endswith(f"added omar as annotator to {as_mona_tcp}\r\n"), typed
    store = PgStore(f"{own_cluster.tcp_url('news', 'omar')}?password={quote('ورقة 3')}")
    try:
        assert store.role == "annotator"
    finally:
        store.close()


def at_terminal(args: list[str], answers: list[tuple[str, str]]) -> str:
    """Run main.py on a terminal of its own (getpass reads /dev/tty), answering each prompt
    once it has been printed; return all the terminal showed. util-linux's `script` makes the
    terminal: forking this process (pty.fork) is unsafe with the threads a test run holds."""
    command = shlex.join([sys.executable, str(ROOT / "main.py"), *args])
    process = subprocess.Popen(
        ["script", "--quiet", "--flush", "--command", command, "/dev/null"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        cwd=ROOT,
    )
    assert process.stdin is not None and process.stdout is not None
    output = process.stdout.fileno()
    shown = b""
    try:
        for prompt, answer in answers:
            while not shown.decode("utf-8", "replace").endswith(prompt):
                ready, _, _ = select.select([output], [], [], 60)
                assert ready, f"no prompt {prompt!r}; the terminal showed {shown!r}"
                chunk = os.read(output, 4096)
                assert chunk, f"it ended before {prompt!r}; the terminal showed {shown!r}"
                shown += chunk
            process.stdin.write(answer.encode("utf-8") + b"\n")
            process.stdin.flush()
        while chunk := os.read(output, 4096):  # what it prints until it ends
            shown += chunk
    finally:
        process.stdin.close()
        process.wait(timeout=60)
    return shown.decode("utf-8")


def test_refused_team_commands_say_why_and_change_nothing(
    own_cluster: Cluster, tmp_path: Path
) -> None:
    with psycopg.connect(own_cluster.url(), autocommit=True) as admin:
        admin.execute("CREATE DATABASE news")
        admin.execute("CREATE DATABASE empty")
    url, as_mona = own_cluster.url("news"), own_cluster.url("news", "mona")
    assert hamish("server", "init", url, "--manager", "mona", stdin="one\n").returncode == 0
    assert hamish("users", "add", "amal", "--role", "annotator", "--db", as_mona, stdin="two\n")
    refusals = {
        ("server", "init", url, "--manager", "zaid"): (
            f"error: {url} already holds a Hamish project"
        ),
        ("server", "init", own_cluster.url("empty"), "--manager", "amal"): (
            "error: a role named 'amal' already exists on this server"
        ),
        ("server", "init", own_cluster.url("empty", "amal"), "--manager", "zaid"): (
            "error: setting up a team project needs a PostgreSQL superuser; amal is not one"
        ),
        ("users", "add", "amal", "--role", "curator", "--db", as_mona): (
            "error: a role named 'amal' already exists on this server"
        ),
        ("users", "add", "zaid", "--role", "boss", "--db", as_mona): (
            "error: there is no role 'boss': choose annotator, curator, manager"
        ),
        ("users", "add", "assistant", "--role", "annotator", "--db", as_mona): (
            "error: 'assistant' is reserved"
        ),
        ("users", "add", "zaid", "--role", "annotator", "--db", own_cluster.url("news", "amal")): (
            "error: only a manager adds members; amal is not one in this project"
        ),
        ("users", "add", "zaid", "--role", "annotator", "--db", str(tmp_path / "x.sqlite3")): (
            "error: users works on a team server's project"
        ),
        ("users", "add", "zaid", "--role", "annotator", "--db", own_cluster.url("empty")): (
            "error: postgresql://postgres@/empty"
        ),
    }
    for command, message in refusals.items():
        result = hamish(*command, stdin="three\n")
        assert result.returncode == 1, (command, result.stdout)
        assert result.stderr.startswith(message), (command, result.stderr)
        assert result.stdout == ""
    empty_password = hamish("users", "add", "zaid", "--role", "annotator", "--db", as_mona)
    assert empty_password.stderr == "error: the password is empty\n"
    assert hamish("users", "list", "--db", as_mona).stdout == "amal\tannotator\nmona\tmanager\n"
    with psycopg.connect(own_cluster.url(), autocommit=True) as admin:
        roles = admin.execute("SELECT rolname FROM pg_roles WHERE rolname = 'zaid'").fetchall()
        assert roles == []
    with psycopg.connect(own_cluster.url("empty"), autocommit=True) as empty:
        assert schema.schema_version(empty) == 0


def test_a_curator_opens_documents_for_review_from_the_terminal(project: Project) -> None:
    document_id = badrs_layer(project)
    as_amal, as_cora, as_mona = (["--db", project.url(name)] for name in ("amal", "cora", "mona"))
    refused = hamish("project", "review", "--documents", str(document_id), *as_amal)
    assert refused.returncode != 0
    assert "only a curator opens a document for review" in refused.stderr
    unknown = hamish("project", "review", "--documents", f"{document_id},99", *as_cora)
    assert unknown.returncode != 0 and "no document 99" in unknown.stderr
    with raw(project, "amal") as amal:
        assert layer_counts(amal, "badr") == (0, 0, 0)  # nothing was opened by the refusals
    opened = hamish("project", "review", "--documents", str(document_id), *as_cora)
    assert (opened.returncode, opened.stdout) == (0, "opened for review: 1 document\n")
    with raw(project, "amal") as amal:
        assert layer_counts(amal, "badr") == (2, 1, 1)
    shown = hamish("project", "show", *as_amal)
    assert shown.stdout == f"blind: yes\nopen for review: {document_id}\n"
    closed = hamish("project", "review", "--close", "--documents", str(document_id), *as_cora)
    assert closed.returncode == 0
    with raw(project, "amal") as amal:
        assert layer_counts(amal, "badr") == (0, 0, 0)
    assert hamish("project", "blind", "off", *as_cora).returncode != 0
    assert hamish("project", "blind", "off", *as_mona).stdout.endswith("is not blind\n")
    with raw(project, "amal") as amal:
        assert layer_counts(amal, "badr") == (2, 1, 1)


def test_who_sees_part_of_the_project_may_not_copy_or_check_it(
    project: Project, tmp_path: Path
) -> None:
    from db import maintenance
    from db.copying import copy_project
    from db.store import SqliteStore

    badrs_layer(project)
    with store_of(project, "amal") as amal:
        file = SqliteStore(tmp_path / "amal.sqlite3")
        with pytest.raises(StoreError, match=r"amal is an annotator of .* sees only part"):
            copy_project(amal, file)
        with pytest.raises(StoreError, match="check it as a curator, a manager"):
            maintenance.check(amal)
        assert file.document_count() == 0
        file.close()
    with store_of(project, "mona") as mona:
        whole = SqliteStore(tmp_path / "mona.sqlite3")
        report = copy_project(mona, whole)
        assert (report.rows["spans"], report.rows["links"]) == (2, 1)  # badr's layer too
        assert maintenance.check(mona) == []
        # Into a team project, only the server's administrator fills every layer.
        with pytest.raises(StoreError, match="made as the server's administrator"):
            copy_project(whole, mona)
        whole.close()


def test_no_function_a_member_may_call_tells_of_a_colleagues_hidden_span(
    project: Project,
) -> None:
    """Every function the groups may execute, called by amal with badr's hidden span (and
    the entity only that span names), answers as it does for a span and an entity that tell
    nothing: one that does not exist, one no span names."""
    document_id = add_document(project)
    with store_of(project, "badr") as store:
        named = store.add_entity(Entity(EntityKind.PERSON, "الوزير"))
        hidden = store.add_span(replace(span(document_id, "badr", "الوزير"), entity_id=named.id))
        unnamed = store.add_entity(Entity(EntityKind.PERSON, "الرئيس"))
    with raw(project, "amal") as amal:
        assert amal.execute("SELECT count(*) FROM spans").fetchone() == (0,)
        callable_ = amal.execute(
            "SELECT p.proname, p.proargtypes::regtype[]::text[] FROM pg_proc p"
            " WHERE p.proname LIKE 'hamish%%' AND p.prorettype <> 'trigger'::regtype"
            " AND has_function_privilege(p.oid, 'EXECUTE') ORDER BY 1"
        ).fetchall()
        assert "hamish_may_write_span" in [name for name, _types in callable_]

        def answer(name: str, types: list[str], number: int) -> Any:
            casts = ", ".join(f"%s::{kind}" for kind in types)
            given = [number if kind == "bigint" else "badr" for kind in types]
            with amal.transaction(force_rollback=True):
                row = amal.execute(f"SELECT {name}({casts})", given).fetchone()
            return row[0] if row else None

        assert hidden.id and named.id and unnamed.id
        telling = [
            name
            for name, types in callable_
            if answer(name, types, hidden.id) != answer(name, types, 999_999)
            or answer(name, types, named.id) != answer(name, types, unnamed.id)
        ]
        assert telling == []


def notices(connection: psycopg.Connection[Any], count: int) -> list[dict[str, Any]]:
    """The first `count` payloads a raw listening connection hears that name something
    (an upsert's statement also announces its empty half), waiting at most 5 s for them: a
    bound on a wait, not a timing assert."""
    heard: list[dict[str, Any]] = []
    for notice in connection.notifies(timeout=5):
        payload = json.loads(notice.payload)
        if any(value for key, value in payload.items() if key != "table"):
            heard.append(payload)
        if len(heard) == count:
            break
    return heard


def test_in_a_blind_project_notices_name_documents_and_not_a_colleagues_spans(
    project: Project,
) -> None:
    document_id = add_document(project)
    with raw(project, "amal") as amal, raw(project, "mona") as mona:
        for listening in (amal, mona):
            listening.execute("LISTEN hamish")
        with store_of(project, "badr") as store:
            speaker = store.add_span(span(document_id, "badr", "الوزير"))
            claim = store.add_span(span(document_id, "badr", "دمشق آمنة", "CLAIM"))
            assert speaker.id and claim.id
            store.add_link(Link(ATTRIBUTED_TO, claim.id, speaker.id))
            store.set_status(document_id, "badr", Status.IN_PROGRESS)
        blind = [
            {"table": "spans", "documents": [document_id]},
            {"table": "spans", "documents": [document_id]},
            {"table": "links", "documents": [document_id]},
            {"table": "document_status", "statuses": [document_id]},
        ]
        for listening in (amal, mona):  # every connection hears every notice
            assert notices(listening, 4) == blind
        with raw(project, "mona") as manager:
            team.set_blind(manager, False)
        with store_of(project, "badr") as store:
            added = store.add_span(span(document_id, "badr", "اليوم", "CLAIM"))
        for listening in (amal, mona):
            assert notices(listening, 2) == [
                {"table": "project_settings", "everything": True},
                {"table": "spans", "documents": [document_id], "spans": [added.id], "mentions": []},
            ]


@pytest.fixture
def other_project(project: Project) -> Iterator[str]:
    """A second team project on the same server, whose manager nadia is in the cluster-wide
    manager group but not in this project's team."""
    other = "hamish_team_roles_other"
    with psycopg.connect(project.url(), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {other}")
    team.init_project(project.cluster.url(other), "nadia", "nadia's secret")
    yield other
    with psycopg.connect(project.url(), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE {other} WITH (FORCE)")
        admin.execute("DROP ROLE nadia")


def test_a_manager_of_another_project_on_the_server_is_refused_here(
    project: Project, other_project: str
) -> None:
    document_id = badrs_layer(project)
    with raw(project, "cora") as cora:
        team.open_for_review(cora, document_id)
    as_nadia = project.url("nadia")
    refused = f"nadia is not a member of the team project {as_nadia}: a manager adds them with"
    with pytest.raises(StoreError, match=re.escape(refused)):
        PgStore(as_nadia)
    with pytest.raises(StoreError, match=re.escape(refused)):
        team.connect(as_nadia)
    blind = hamish("project", "blind", "off", "--db", as_nadia)
    assert (blind.returncode, blind.stdout) == (1, "")
    assert blind.stderr.startswith(f"error: {refused}")
    # Her raw connection passes the group's grants; the rows she cannot see stay unchanged,
    # and she is told the server refused.
    with raw(project, "nadia") as nadia:
        with pytest.raises(StoreError, match="only a manager changes the project"):
            team.set_blind(nadia, False)
        with pytest.raises(StoreError, match="only a curator closes a review"):
            team.close_review(nadia, document_id)
        with pytest.raises(StoreError, match="only a curator opens a document for review"):
            team.open_for_review(nadia, document_id)
    with psycopg.connect(project.url(), autocommit=True) as admin:
        assert team.project_state(admin) == team.ProjectState(True, (document_id,))
    with team.connect(project.cluster.url(other_project, "nadia")) as own:  # hers, she runs
        team.set_blind(own, False)
        assert not team.project_state(own).blind
