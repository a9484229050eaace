"""Who may read and write what in a team project, enforced by PostgreSQL itself: group roles,
the project's members, and row-level security on every table (issue 19, items 2 and 3).

`apply_security` is run by `server init` and is safe to run again (every statement replaces
or skips what is there). It is not a numbered migration: SQLite has no roles, and its schema
numbering stays the same on both engines.

The rules, by the role a member has in the `members` table (never by group membership
alone: the groups are cluster-wide, while membership is per project):
- annotator: reads every document; writes spans, links and statuses in their own layer (the
  layer named as their login) and no other: not the assistant's layers, which every annotator
  reads, so that one annotator's writes there would reach colleagues in a blind project. A
  curator or manager makes the suggestions (`suggest --db`); an annotator accepts them by
  copying them into their own layer (annotation/assistant/pending.py); rejecting one deletes it
  from the shared layer and records a decision, a curator's act. Adds and edits entities, and
  deletes one only when no span names it. In a blind project
  (the default, as in INCEpTION) colleagues' layers (spans, links, statuses) stay hidden
  until a curator opens the document for review; machine layers (any layer not named after a
  member: the assistant's, gold, imported ones) are always readable.
- curator: reads everything; writes their own layer, every layer not named after a member
  (gold layers: annotation/adjudication.py names them freely, GOLD by default; the
  assistant's) and decisions, each signed with their login by the server; opens documents for
  review.
- manager: what a curator may, and adds and removes documents, members and the settings.
A superuser (who ran `server init`) bypasses all of it.
"""

from __future__ import annotations

import re
from typing import Any

import psycopg

from annotation.ports import StoreError
from db.postgres.schema import CHANNEL, announce_unless_blind

ROLES = ("annotator", "curator", "manager")

# Group roles belong to the whole cluster, not to one database: every project on this server
# shares them. They carry the table privileges; which of them applies in a project is decided
# by that project's `members` table, which the policies read.
GROUPS = {role: f"hamish_{role}" for role in ROLES}

# Tables row-level security covers.
SECURED = (
    "assignments",
    "documents",
    "annotators",
    "entities",
    "spans",
    "links",
    "document_status",
    "decisions",
    "members",
    "project_settings",
    "review_open",
)

_TABLES = """
CREATE TABLE IF NOT EXISTS members (
    name text COLLATE "C" PRIMARY KEY,
    role text COLLATE "C" NOT NULL CHECK (role IN ('annotator', 'curator', 'manager')),
    added_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS project_settings (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    blind boolean NOT NULL DEFAULT true
);
INSERT INTO project_settings DEFAULT VALUES ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS review_open (
    document_id bigint PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    opened_by text COLLATE "C" NOT NULL DEFAULT current_user,
    opened_at timestamptz NOT NULL DEFAULT now()
);
"""


def _announcements() -> str:
    """Triggers announcing what changes which layers annotators see: opening a document for
    review (those documents) and the blind setting (everything), as db/postgres/schema.py
    announces the project's own changes, so open windows re-read what they show."""
    parts = []
    for event, rows, kind in (("insert", "new_rows", "NEW"), ("delete", "old_rows", "OLD")):
        name = f"hamish_announce_review_open_{event}"
        parts.append(f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE opened json;
BEGIN
    SELECT coalesce(json_agg(DISTINCT document_id), '[]'::json) INTO opened FROM {rows};
    PERFORM pg_notify('{CHANNEL}', json_build_object(
        'table', 'review_open', 'documents', opened, 'statuses', opened)::text);
    RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER {name} AFTER {event.upper()} ON review_open
    REFERENCING {kind} TABLE AS {rows} FOR EACH STATEMENT EXECUTE FUNCTION {name}();
""")
    parts.append(f"""
CREATE OR REPLACE FUNCTION hamish_announce_settings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('{CHANNEL}', '{{"table": "project_settings", "everything": true}}');
    RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER hamish_announce_settings AFTER UPDATE ON project_settings
    FOR EACH STATEMENT EXECUTE FUNCTION hamish_announce_settings();
""")
    return "\n".join(parts)


# The helpers the policies call. They are SECURITY DEFINER: they read members, annotators and
# spans as their owner (a superuser, who bypasses row security), so a policy that calls them
# never runs another table's policy that could call back. None takes a person's name: each
# answers for session_user, the login connected (inside them current_user is the owner), so
# no member can ask them about a colleague's layer or spans.
_FUNCTIONS = """
CREATE OR REPLACE FUNCTION hamish_my_role() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
    SELECT role FROM members WHERE name = session_user
$$;

-- Whether the caller may make or write the layer called `layer_name`: an annotator only their
-- own; a curator or manager their own and every layer not named after a member (gold, the
-- assistant's, imported ones).
CREATE OR REPLACE FUNCTION hamish_may_write_layer_named(layer_name text)
RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
    SELECT CASE
        WHEN hamish_my_role() IS NULL THEN false
        WHEN layer_name = session_user THEN true
        WHEN EXISTS (SELECT 1 FROM members WHERE name = layer_name) THEN false
        ELSE hamish_my_role() IN ('curator', 'manager')
    END
$$;
"""

# Which layers the caller may write or read, by layer id and span id.
_LAYER_FUNCTIONS = """
CREATE OR REPLACE FUNCTION hamish_may_write_layer(layer bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
    SELECT coalesce((SELECT hamish_may_write_layer_named(name)
                     FROM annotators WHERE id = layer), false)
$$;
-- True only for a span of a layer the caller writes: about any other span (a colleague's
-- hidden one, or none at all) it answers false alike.
CREATE OR REPLACE FUNCTION hamish_may_write_span(span bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
    SELECT coalesce((SELECT hamish_may_write_layer(annotator_id)
                     FROM spans WHERE id = span), false)
$$;

-- The layers the caller may not read: colleagues' layers, for an annotator in a blind project
-- (documents open for review excepted, in the policies). Layer names are everyone's to read.
CREATE OR REPLACE FUNCTION hamish_hidden_layers() RETURNS bigint[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
    SELECT CASE
        WHEN hamish_my_role() = 'annotator' AND (SELECT blind FROM project_settings)
        THEN coalesce((SELECT array_agg(a.id) FROM annotators a
                       JOIN members m ON m.name = a.name WHERE a.name <> session_user), '{{}}')
        ELSE '{{}}'::bigint[]
    END
$$;

-- An annotator deletes an entity only when no span of any layer (hidden ones included) names
-- it. A trigger rather than a function the policy calls: a function would answer anyone who
-- calls it about any entity, while the trigger answers only an annotator deleting it.
CREATE OR REPLACE FUNCTION hamish_entity_in_use() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
BEGIN
    IF hamish_my_role() = 'annotator'
        AND EXISTS (SELECT 1 FROM spans WHERE entity_id = OLD.id) THEN
        RAISE EXCEPTION 'permission denied for table entities: spans still name entity %', OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
END $$;
CREATE OR REPLACE TRIGGER hamish_entity_in_use BEFORE DELETE ON entities
    FOR EACH ROW EXECUTE FUNCTION hamish_entity_in_use();

-- A decision is signed by the member who writes it, whatever the client says (an undone
-- deletion restored by another curator is theirs now); the owner's writes keep their name.
CREATE OR REPLACE FUNCTION hamish_sign_decision() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
BEGIN
    IF hamish_my_role() IS NOT NULL THEN
        NEW.decided_by := session_user;
    END IF;
    RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER hamish_sign_decision BEFORE INSERT OR UPDATE ON decisions
    FOR EACH ROW EXECUTE FUNCTION hamish_sign_decision();

-- Adding a member: their login role (with a password verifier the client computed, so the
-- password itself never travels or reaches a log), their group, and their row. Callable by a
-- manager, or a superuser.
CREATE OR REPLACE FUNCTION hamish_add_member(who text, member_role text, verifier text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
BEGIN
    IF hamish_my_role() IS DISTINCT FROM 'manager'
        AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN
        RAISE EXCEPTION 'only a manager adds members' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF member_role NOT IN ('annotator', 'curator', 'manager') THEN
        RAISE EXCEPTION 'no role %', member_role USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = who) THEN
        RAISE EXCEPTION 'a role named % already exists on this server', who
            USING ERRCODE = 'duplicate_object';
    END IF;
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', who, verifier,
                   'hamish_' || member_role);
    INSERT INTO members (name, role) VALUES (who, member_role);
END $$;
REVOKE ALL ON FUNCTION hamish_add_member(text, text, text) FROM PUBLIC;
"""

# Helpers of an earlier version that took the member's name as an argument (any member could
# ask them about a colleague): dropped once the policies no longer call them.
_RETIRED = """
DROP FUNCTION IF EXISTS hamish_role_of(text), hamish_may_write_layer_named(text, text),
    hamish_may_write_layer_of(text, bigint), hamish_may_write_span_of(text, bigint),
    hamish_hidden_layers_of(text), hamish_entity_unused(bigint);
"""

_MEMBER = "(SELECT hamish_my_role()) IS NOT NULL"
_CURATOR = "(SELECT hamish_my_role()) IN ('curator', 'manager')"
_MANAGER = "(SELECT hamish_my_role()) = 'manager'"
# A colleague's layer shows unless it is hidden from this annotator, or the document is open.
_LAYER_SHOWS = (
    f"{_MEMBER} AND (annotator_id <> ALL ((SELECT hamish_hidden_layers())::bigint[])"
    " OR document_id IN (SELECT document_id FROM review_open))"
)

# (table, command, USING, WITH CHECK): permissive policies, so each table's rows are those
# one of its policies allows. A command missing for a table is refused to everyone but the
# superuser.
POLICIES: tuple[tuple[str, str, str | None, str | None], ...] = (
    # Everyone sees who has what (an annotator's list puts their own first); managers assign.
    ("assignments", "SELECT", _MEMBER, None),
    ("assignments", "INSERT", None, _MANAGER),
    ("assignments", "UPDATE", _MANAGER, _MANAGER),
    ("assignments", "DELETE", _MANAGER, None),
    ("documents", "SELECT", _MEMBER, None),
    ("documents", "INSERT", None, _MANAGER),
    ("documents", "UPDATE", _MANAGER, _MANAGER),
    ("documents", "DELETE", _MANAGER, None),
    ("annotators", "SELECT", _MEMBER, None),
    # A layer's name is registered by whoever may write it, or by a manager assigning a
    # member documents before they have annotated any (their layer stays theirs to write).
    (
        "annotators",
        "INSERT",
        None,
        f"hamish_may_write_layer_named(name) OR {_MANAGER}",
    ),
    ("annotators", "UPDATE", _MANAGER, _MANAGER),
    ("annotators", "DELETE", _MANAGER, None),
    ("entities", "SELECT", _MEMBER, None),
    ("entities", "INSERT", None, _MEMBER),
    ("entities", "UPDATE", _MEMBER, _MEMBER),
    # An annotator's delete of an entity spans still name is refused by a trigger
    # (hamish_entity_in_use), which sees hidden spans too.
    ("entities", "DELETE", _MEMBER, None),
    ("spans", "SELECT", _LAYER_SHOWS, None),
    ("spans", "INSERT", None, "hamish_may_write_layer(annotator_id)"),
    (
        "spans",
        "UPDATE",
        "hamish_may_write_layer(annotator_id)",
        "hamish_may_write_layer(annotator_id)",
    ),
    ("spans", "DELETE", "hamish_may_write_layer(annotator_id)", None),
    # A link shows with its claim (the spans' policy decides), and is written with its layer.
    ("links", "SELECT", "EXISTS (SELECT 1 FROM spans s WHERE s.id = source_id)", None),
    (
        "links",
        "INSERT",
        None,
        "hamish_may_write_span(source_id) AND hamish_may_write_span(target_id)",
    ),
    (
        "links",
        "UPDATE",
        "hamish_may_write_span(source_id)",
        "hamish_may_write_span(source_id) AND hamish_may_write_span(target_id)",
    ),
    ("links", "DELETE", "hamish_may_write_span(source_id)", None),
    ("document_status", "SELECT", _LAYER_SHOWS, None),
    ("document_status", "INSERT", None, "hamish_may_write_layer(annotator_id)"),
    (
        "document_status",
        "UPDATE",
        "hamish_may_write_layer(annotator_id)",
        "hamish_may_write_layer(annotator_id)",
    ),
    ("document_status", "DELETE", "hamish_may_write_layer(annotator_id)", None),
    # Decisions are the curators' (rejections of the assistant's suggestions too: rejecting
    # one deletes it from the layer everyone reads); a trigger signs each with its writer.
    ("decisions", "SELECT", _MEMBER, None),
    ("decisions", "INSERT", None, _CURATOR),
    ("decisions", "UPDATE", _CURATOR, _CURATOR),
    ("decisions", "DELETE", _CURATOR, None),
    ("members", "SELECT", _MEMBER, None),
    ("members", "INSERT", None, _MANAGER),
    ("members", "UPDATE", _MANAGER, _MANAGER),
    ("members", "DELETE", _MANAGER, None),
    ("project_settings", "SELECT", _MEMBER, None),
    ("project_settings", "UPDATE", _MANAGER, _MANAGER),
    ("review_open", "SELECT", _MEMBER, None),
    ("review_open", "INSERT", None, _CURATOR),
    ("review_open", "DELETE", _CURATOR, None),
)

# The helpers that read as their owner: only members call them (through the policies).
_DEFINERS = (
    "hamish_my_role()",
    "hamish_may_write_layer_named(text)",
    "hamish_may_write_layer(bigint)",
    "hamish_may_write_span(bigint)",
    "hamish_hidden_layers()",
)

# The least each group needs; a curator's group is in the annotator's, a manager's in the
# curator's, so each adds to the one below. Row security narrows these to rows.
GRANTS = {
    "annotator": (
        "GRANT SELECT ON hamish_schema, documents, annotators, entities, spans, links,"
        " document_status, decisions, members, project_settings, review_open, assignments"
        " TO {group}",
        "GRANT INSERT ON annotators TO {group}",
        "GRANT INSERT, UPDATE, DELETE ON spans, links, document_status, entities TO {group}",
        "GRANT USAGE ON SEQUENCE annotators_id_seq, entities_id_seq, spans_id_seq,"
        " links_id_seq, decisions_id_seq TO {group}",
        f"REVOKE EXECUTE ON FUNCTION {', '.join(_DEFINERS)} FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION {', '.join(_DEFINERS)} TO {{group}}",
    ),
    "curator": (
        "GRANT INSERT, UPDATE, DELETE ON decisions TO {group}",
        "GRANT INSERT, DELETE ON review_open TO {group}",
    ),
    "manager": (
        "GRANT INSERT, UPDATE, DELETE ON documents, assignments TO {group}",
        "GRANT UPDATE, DELETE ON annotators TO {group}",
        "GRANT INSERT, UPDATE, DELETE ON members TO {group}",
        "GRANT UPDATE ON project_settings TO {group}",
        "GRANT USAGE ON SEQUENCE documents_id_seq TO {group}",
        "GRANT EXECUTE ON FUNCTION hamish_add_member(text, text, text) TO {group}",
    ),
}


def _groups() -> str:
    creates = "\n".join(
        f"    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{group}') THEN"
        f" CREATE ROLE {group} NOLOGIN; END IF;"
        for group in GROUPS.values()
    )
    return f"DO $$ BEGIN\n{creates}\nEND $$;"


def _policy_statements() -> list[str]:
    statements = []
    for table in SECURED:
        statements.append(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        statements.append(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    for table, command, using, check in POLICIES:
        name = f"hamish_{table}_{command.lower()}"
        statements.append(f"DROP POLICY IF EXISTS {name} ON {table}")
        clauses = (f" USING ({using})" if using else "") + (
            f" WITH CHECK ({check})" if check else ""
        )
        statements.append(f"CREATE POLICY {name} ON {table} FOR {command}{clauses}")
    return statements


def check_administrator(connection: psycopg.Connection[Any]) -> None:
    """Refuse unless the connection is a superuser's: the helpers must bypass row security
    (or the policies would call themselves) and adding members creates login roles."""
    row = connection.execute(
        "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
    ).fetchone()
    if not row or not row[0]:
        user = connection.info.user
        raise StoreError(
            f"setting up a team project needs a PostgreSQL superuser; {user} is not one"
            " (connect as the server's administrator, e.g. postgres)"
        )


def apply_security(connection: psycopg.Connection[Any]) -> None:
    """Create or refresh the groups, team tables, helpers, policies and grants of the project
    the connection is in, in one transaction; running it again changes nothing."""
    check_administrator(connection)
    row = connection.execute("SELECT current_schema()").fetchone()
    schema = str(row[0]) if row else "public"
    with connection.transaction():
        connection.execute(_groups())
        connection.execute("GRANT hamish_annotator TO hamish_curator")
        connection.execute("GRANT hamish_curator TO hamish_manager")
        connection.execute(_TABLES)
        connection.execute(_announcements().encode())
        connection.execute(announce_unless_blind().encode())
        connection.execute(_FUNCTIONS.format(schema=schema).encode())
        connection.execute(_LAYER_FUNCTIONS.format(schema=schema).encode())
        for statement in _policy_statements():
            connection.execute(statement.encode())
        connection.execute(_RETIRED)
        for role, grants in GRANTS.items():
            for grant in grants:
                connection.execute(grant.format(group=GROUPS[role]).encode())


def is_secured(connection: psycopg.Connection[Any]) -> bool:
    """Whether apply_security has run in this database."""
    row = connection.execute("SELECT to_regprocedure('hamish_my_role()') IS NOT NULL").fetchone()
    return bool(row and row[0])


# What the server's refusal means for each table, in the words of the rules above.
_REFUSALS = {
    "spans": "you may write only your own layer",
    "links": "you may write only your own layer",
    "document_status": "you may set only your own layer's status",
    # Rejecting deletes the suggestion from the layer every annotator reads.
    "suggestions": "on a team server the assistant's suggestions are made and rejected by"
    " curators and managers; accept the ones you agree with into your own layer",
    "annotators": "you may write only your own layer",
    "decisions": "only a curator records adjudication decisions",
    "documents": "only a manager adds or removes documents",
    "members": "only a manager adds or changes members",
    "project_settings": "only a manager changes the project's settings",
    "review_open": "only a curator opens a document for review",
    "entities": "an entity that spans still name may be deleted only by a curator",
}
_TABLE_NAMED = re.compile(r'(?:for table|policy for table) "?(\w+)"?')


def refusal(error: psycopg.Error, role: str | None) -> StoreError:
    """A refusal by the server's rules (psycopg's InsufficientPrivilege: a missing grant or a
    row the policies do not allow) as a person reads it, naming their role."""
    found = _TABLE_NAMED.search(str(error))
    return refusal_for(found.group(1) if found else "", role)


def refusal_for(table: str, role: str | None) -> StoreError:
    """The refusal of a write to `table` by the server's rules, for a person of `role`."""
    rule = _REFUSALS.get(table, "your role does not allow this")
    if role in ("curator", "manager") and table in ("spans", "links", "annotators"):
        rule = "you may write only your own layer and layers not named after a member (gold)"
    who = f" (you are {'an' if role == 'annotator' else 'a'} {role})" if role else ""
    return StoreError(f"the server refuses: {rule}{who}; nothing was changed")
