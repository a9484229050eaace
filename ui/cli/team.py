"""Terminal commands for a team project on a PostgreSQL server: `server init` makes one with
its first manager, `users add` and `users list` look after its members, and `project` opens
documents for review and sets the project blind or not.

Part of the terminal interface (ui/cli/program.py registers them); never imports Qt. A
password is read from --password-file (`-`: standard input, its first line), else asked for
twice at a terminal, else read from standard input; it never appears on the command line.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from types import ModuleType
from typing import TextIO

from annotation.assignment import parse_documents
from annotation.ports import StoreError
from db.opening import Server, resolve_database
from db.postgres.address import is_server_url, shown_url
from db.postgres.security import ROLES

COMMANDS = ("server", "users", "project")


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add `server` and `users` to the terminal commands."""
    server = commands.add_parser(
        "server",
        help="set up a team project on a PostgreSQL server",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="`server init URL --manager NAME` makes a team project in an empty database:\n"
        "Hamish's tables, the rules the server enforces (who may read and write which layer),\n"
        "and the first manager's login. Connect as the server's superuser. Nothing is made\n"
        "when anything is refused.",
        epilog="example:\n  python main.py server init postgresql://postgres@db.example/news"
        " --manager mona",
    )
    server_commands = server.add_subparsers(dest="action", metavar="ACTION", required=True)
    init = server_commands.add_parser(
        "init",
        help="make the project and its first manager",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=server.description,
        epilog=server.epilog,
    )
    init.add_argument("url", metavar="URL", help="the empty database, as postgresql://...")
    init.add_argument(
        "--manager", required=True, metavar="NAME", help="the first manager's login name"
    )
    _password_option(init)

    # --db before the action or after it: the actions' own option leaves the namespace alone
    # when not given (a default of None would overwrite the one given before the action).
    after_action = argparse.ArgumentParser(add_help=False)
    after_action.add_argument(
        "--db", dest="command_db", action="append", metavar="URL", default=argparse.SUPPRESS
    )
    users = commands.add_parser(
        "users",
        parents=[common],
        help="add or list the members of a team project",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Each member is a PostgreSQL login whose name is also their layer's.\n"
        "`users add` (a manager's) creates the login with its password and role;\n"
        "`users list` shows everyone with their role.",
        epilog="example:\n  python main.py users add amal --role annotator"
        " --db postgresql://mona@db.example/news\n"
        "  python main.py users list --db postgresql://mona@db.example/news",
    )
    user_commands = users.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = user_commands.add_parser(
        "add",
        parents=[after_action],
        help="add a member with a login and a role",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=users.epilog,
    )
    add.add_argument("name", metavar="NAME", help="their login and layer name")
    # Checked by the command rather than argparse's choices, so the refusal says what it is.
    add.add_argument("--role", required=True, help=f"one of {', '.join(ROLES)}")
    _password_option(add)
    user_commands.add_parser("list", parents=[after_action], help="everyone with their role")

    project = commands.add_parser(
        "project",
        parents=[common],
        help="open documents for review, or set a team project blind or not",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="In a blind project (the default) an annotator sees only their own layer\n"
        "until a curator opens the document for review; then every annotator of it sees\n"
        "the others'. `project show` says how the project stands.",
        epilog="example:\n  python main.py project review --documents 1,3-5"
        " --db postgresql://cora@db.example/news\n"
        "  python main.py project blind off --db postgresql://mona@db.example/news",
    )
    project_commands = project.add_subparsers(dest="action", metavar="ACTION", required=True)
    review = project_commands.add_parser(
        "review", parents=[after_action], help="open documents for review (a curator's)"
    )
    review.add_argument("--documents", required=True, help="ids and ranges: 1,3,5-9")
    review.add_argument("--close", action="store_true", help="hide the layers again")
    blind = project_commands.add_parser(
        "blind", parents=[after_action], help="hide colleagues' layers until review, or not"
    )
    blind.add_argument("setting", choices=("on", "off"))
    project_commands.add_parser("show", parents=[after_action], help="how the project stands")


def _password_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-file",
        type=Path,
        metavar="FILE",
        help="read the new login's password from FILE's first line (-: standard input)",
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run `server init`, `users add` or `users list`; return the exit status."""
    from db.postgres import team  # psycopg is loaded only for a server

    if args.command == "server":
        if not is_server_url(args.url):
            raise StoreError(f"{args.url} is not a PostgreSQL URL (postgresql://user@host/db)")
        team.check_member(args.manager, "manager")  # before asking for a password
        team.connect(args.url).close()  # the server's own password first, if it asks one
        team.init_project(args.url, args.manager, _password(args.manager, args, err))
        print(
            f"made a team project in {shown_url(args.url)}; manager: {args.manager}"
            f" (python main.py users add NAME --role annotator --db ... adds the others)",
            file=out,
        )
        return 0
    url = _server_url(args.db, args.command)
    if args.command == "project":
        return _project(team, url, args, out)
    if args.action == "list":
        for member in team.members(url):
            print(f"{member.name}\t{member.role}", file=out)
        return 0
    team.check_member(args.name, args.role)
    team.connect(url).close()  # the caller's password first, if the server asks one
    member = team.add_member(url, args.name, args.role, _password(args.name, args, err))
    print(f"added {member.name} as {member.role} to {shown_url(url)}", file=out)
    return 0


def _project(team: ModuleType, url: str, args: argparse.Namespace, out: TextIO) -> int:
    with team.connect(url) as connection:
        if args.action == "review":
            try:
                ids = parse_documents(args.documents)
            except ValueError as error:
                raise StoreError(f"--documents: {error}") from None
            team.set_review(connection, ids, opened=not args.close)
            done = "closed the review of" if args.close else "opened for review:"
            print(f"{done} {len(ids)} document{'s' if len(ids) != 1 else ''}", file=out)
        elif args.action == "blind":
            team.set_blind(connection, args.setting == "on")
            print(
                f"{shown_url(url)} is {'blind' if args.setting == 'on' else 'not blind'}", file=out
            )
        state = team.project_state(connection)
        if args.action == "show":
            print(f"blind: {'yes' if state.blind else 'no'}", file=out)
            shown = ", ".join(map(str, state.open_for_review)) or "none"
            print(f"open for review: {shown}", file=out)
    return 0


def _server_url(given: str | None, command: str) -> str:
    where = resolve_database(given) if given is not None and is_server_url(given) else None
    if not isinstance(where, Server):
        raise StoreError(
            f"{command} works on a team server's project: give --db postgresql://user@host/db"
            + (f" ({given} is a file)" if given else "")
        )
    return where.url


def _password(name: str, args: argparse.Namespace, err: TextIO) -> str:
    """The new login's password, from --password-file, a prompt or standard input."""
    source: Path | None = args.password_file
    if source is not None and str(source) != "-":
        try:
            text = source.read_text(encoding="utf-8")
        except OSError as error:
            raise StoreError(f"cannot read the password file {source}: {error.strerror}") from None
        return text.splitlines()[0] if text else ""
    if source is None and sys.stdin.isatty():
        first = getpass.getpass(f"password for {name}, the new login: ", stream=err)
        if getpass.getpass(f"{name}'s password again: ", stream=err) != first:
            raise StoreError("the two passwords differ; nothing was changed")
        return first
    return sys.stdin.readline().rstrip("\r\n")
