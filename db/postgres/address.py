"""A team server's URL: telling one from a file name, and showing it without its password."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from annotation.ports import StoreError

# The role PgStore gives a superuser, whom the project's rules do not bind: the one who ran
# `server init`, and who alone may copy a project into a server.
OWNER = "owner"


def shown_url(url: str) -> str:
    """`url` without its password, for titles and messages: libpq takes one in the user part
    (postgresql://amal:secret@host/db) or as a parameter (?password=secret). The hosts are
    kept as written (libpq takes several, h1:5432,h2:5433, and IPv6 in brackets)."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(key, value) for key, value in query if key != "password"]
    user, at, hosts = parts.netloc.rpartition("@")
    hidden = at and ":" in user
    if not hidden and len(kept) == len(query):
        return url
    netloc = f"{user.partition(':')[0]}@{hosts}" if hidden else parts.netloc
    return urlunsplit(parts._replace(netloc=netloc, query=urlencode(kept, safe="/")))


# Passwords typed at the terminal in this process, by URL: each server of a command (a copy
# names two) is asked once, and nothing is written anywhere, the environment included.
_TYPED: dict[str, str] = {}


def remember_password(url: str, password: str) -> None:
    _TYPED[url] = password


def password_for(url: str) -> str | None:
    """The password typed for `url` in this process, if any (else libpq's ~/.pgpass)."""
    return _TYPED.get(url)


def is_server_url(text: str) -> bool:
    """Whether `text` names a PostgreSQL database rather than a file."""
    return text.startswith(("postgresql://", "postgres://"))


def first_line(error: Exception) -> str:
    """What a driver's error says, in one line (its name when it says nothing)."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


class PasswordNeeded(StoreError):
    """The server asks for a password that was not given, or refused the one given."""

    def __init__(self, message: str, url: str) -> None:
        super().__init__(message)
        self.url = url


def connection_failed(url: str, error: Exception) -> StoreError:
    """The message for a server that cannot be reached or refuses us."""
    text, reason = str(error), first_line(error)
    # Said as a person asks for a password, naming whose: the terminal prompts with this
    # message and the window's dialog shows it, so libpq's "fe_sendauth: no password
    # supplied" is left out.
    login = urlsplit(url).username
    whose = f"{login}'s" if login else "the login's"
    if "no password supplied" in text:
        return PasswordNeeded(f"{shown_url(url)} asks for {whose} password", url)
    if "password authentication failed" in text:
        return PasswordNeeded(f"{shown_url(url)} refused {whose} password", url)
    return StoreError(f"cannot connect to the team server {shown_url(url)}: {reason}")
