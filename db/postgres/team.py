"""A team project's people: making the project with its first manager, adding members (each a
PostgreSQL login role whose name is also their layer's), listing them, and the curator's
"open this document for review". db/postgres/security.py holds the rules these rely on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.conninfo import make_conninfo

from annotation.ports import StoreError
from db.postgres import schema
from db.postgres.address import connection_failed, password_for, shown_url
from db.postgres.security import ROLES, apply_security, check_administrator, is_secured
from db.postgres.store import CONNECT_TIMEOUT_S, refuse_strangers

# A member's name is a login name typed into URLs and a layer name: plain letters, digits and
# a few marks, as PostgreSQL takes it unquoted-looking and a URL carries it unescaped.
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_.-]{0,62}")
# Names the team cannot take: the assistant's layers (machine layers, which curators and
# managers write and everyone reads) and PostgreSQL's reserved role prefixes.
_RESERVED = re.compile(r"assistant(-.*)?|pg_.*|hamish_.*|public|postgres", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Member:
    """One person in the project: their login (and layer) name and role."""

    name: str
    role: str


def check_member(name: str, role: str) -> None:
    """Refuse a name that cannot be a login and layer name, or a role that does not exist."""
    if role not in ROLES:
        raise StoreError(f"there is no role {role!r}: choose {', '.join(ROLES)}")
    if not _NAME.fullmatch(name):
        raise StoreError(
            f"{name!r} cannot be a member's name: it starts with a letter and holds only"
            " letters, digits, '_', '.' and '-' (at most 63)"
        )
    if _RESERVED.fullmatch(name):
        raise StoreError(f"{name!r} is reserved (the assistant's layers, PostgreSQL's own roles)")


def check_password(password: str) -> None:
    if not password:
        raise StoreError("the password is empty")
    if "\n" in password or "\r" in password:
        raise StoreError("the password holds a line break")


def _verifier(connection: psycopg.Connection[Any], name: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of `password`, computed here by libpq: the server stores it
    as given, and the password itself is never sent."""
    encrypted = connection.pgconn.encrypt_password(
        password.encode(), name.encode(), b"scram-sha-256"
    )
    return encrypted.decode()


def connect(url: str) -> psycopg.Connection[Any]:
    """A connection to the project at `url`, refused to a login that is not in its team."""
    typed = password_for(url)
    conninfo = url if typed is None else make_conninfo(url, password=typed)
    try:
        connection = psycopg.connect(conninfo, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
    except psycopg.Error as error:
        raise connection_failed(url, error) from None
    try:
        refuse_strangers(connection, url)
    except BaseException:
        connection.close()
        raise
    return connection


def _refused_unless(connection: psycopg.Connection[Any], roles: tuple[str, ...], why: str) -> None:
    """Raise the server's refusal when the caller's role is none of `roles` (the owner may
    do anything): for a write the policies filtered to no row, which the server does
    silently."""
    row = connection.execute(
        "SELECT rolsuper OR rolbypassrls OR hamish_my_role() = ANY(%s) FROM pg_roles"
        " WHERE rolname = current_user",
        [list(roles)],
    ).fetchone()
    if not (row and row[0]):
        raise StoreError(f"the server refuses: {why}")


def _role_exists(connection: psycopg.Connection[Any], name: str) -> bool:
    row = connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name]).fetchone()
    return row is not None


def init_project(url: str, manager: str, password: str) -> None:
    """Make a team project in the empty database at `url` (connected as a superuser): the
    tables, the rules, and the first manager's login. All in one transaction: a failure
    leaves the database and the server's roles as they were."""
    check_member(manager, "manager")
    check_password(password)
    with connect(url) as connection:
        check_administrator(connection)
        if schema.schema_version(connection) != 0:
            raise StoreError(
                f"{shown_url(url)} already holds a Hamish project: server init makes a new one"
                " in an empty database (users add adds people to this one)"
            )
        if _role_exists(connection, manager):
            raise StoreError(f"a role named {manager!r} already exists on this server")
        with connection.transaction():
            # Not PgStore(url, create=True): its tables land in their own transaction, and a
            # failure after them would leave a project without rules or a manager.
            schema.create(connection)
            apply_security(connection)
            _add(connection, manager, "manager", password)


def add_member(url: str, name: str, role: str, password: str) -> Member:
    """Add a person to the project at `url` (connected as a manager), with a login role."""
    check_member(name, role)
    check_password(password)
    with connect(url) as connection:
        if not is_secured(connection):
            raise StoreError(
                f"{shown_url(url)} has no team set up: python main.py server init makes one"
            )
        if _role_exists(connection, name):
            raise StoreError(f"a role named {name!r} already exists on this server")
        with connection.transaction():
            _add(connection, name, role, password)
    return Member(name, role)


def _add(connection: psycopg.Connection[Any], name: str, role: str, password: str) -> None:
    try:
        connection.execute(
            "SELECT hamish_add_member(%s, %s, %s)",
            [name, role, _verifier(connection, name, password)],
        )
    except psycopg.errors.InsufficientPrivilege:
        raise StoreError(
            f"only a manager adds members; {connection.info.user} is not one in this project"
        ) from None
    except psycopg.errors.DuplicateObject:
        raise StoreError(f"a role named {name!r} already exists on this server") from None


def members(url: str) -> list[Member]:
    """Everyone in the project at `url`, by name."""
    with connect(url) as connection:
        if not is_secured(connection):
            raise StoreError(
                f"{shown_url(url)} has no team set up: python main.py server init makes one"
            )
        return [
            Member(name, role)
            for name, role in connection.execute("SELECT name, role FROM members ORDER BY name")
        ]


def open_for_review(connection: psycopg.Connection[Any], document_id: int) -> None:
    """Let annotators see each other's layers on one document (a curator's act)."""
    why = "only a curator opens a document for review"
    try:
        added = connection.execute(
            "INSERT INTO review_open (document_id) VALUES (%s) ON CONFLICT DO NOTHING",
            [document_id],
        ).rowcount
    except psycopg.errors.InsufficientPrivilege:
        raise StoreError(f"the server refuses: {why}") from None
    if not added:  # open already, or refused without a word
        _refused_unless(connection, ("curator", "manager"), why)


def close_review(connection: psycopg.Connection[Any], document_id: int) -> None:
    """Hide colleagues' layers on a document again (a curator's act)."""
    why = "only a curator closes a review"
    try:
        removed = connection.execute(
            "DELETE FROM review_open WHERE document_id = %s", [document_id]
        ).rowcount
    except psycopg.errors.InsufficientPrivilege:
        raise StoreError(f"the server refuses: {why}") from None
    if not removed:  # not open, or refused without a word
        _refused_unless(connection, ("curator", "manager"), why)


def set_review(connection: psycopg.Connection[Any], ids: list[int], opened: bool) -> None:
    """Open documents for review, or close their review: every one, or (an id the project
    does not hold, a refusal) none."""
    with connection.transaction():
        known = {
            row[0]
            for row in connection.execute("SELECT id FROM documents WHERE id = ANY(%s)", [ids])
        }
        if missing := [i for i in ids if i not in known]:
            raise StoreError(
                f"no document {', '.join(map(str, missing))} in this project; nothing was changed"
            )
        for document_id in ids:
            (open_for_review if opened else close_review)(connection, document_id)


@dataclass(frozen=True)
class ProjectState:
    """How the project is set: blind or not, and the documents open for review."""

    blind: bool
    open_for_review: tuple[int, ...]


def project_state(connection: psycopg.Connection[Any]) -> ProjectState:
    row = connection.execute("SELECT blind FROM project_settings").fetchone()
    opened = connection.execute("SELECT document_id FROM review_open ORDER BY document_id")
    return ProjectState(bool(row and row[0]), tuple(int(r[0]) for r in opened))


def set_blind(connection: psycopg.Connection[Any], blind: bool) -> None:
    """Whether annotators see only their own layers until review (a manager's setting)."""
    refused = StoreError("the server refuses: only a manager changes the project")
    try:
        changed = connection.execute("UPDATE project_settings SET blind = %s", [blind]).rowcount
    except psycopg.errors.InsufficientPrivilege:
        raise refused from None
    if not changed:  # the one row exists: the policies hid it from this login
        raise refused
