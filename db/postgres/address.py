"""A team server's URL: telling one from a file name, and showing it without its password."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from annotation.ports import StoreError


def shown_url(url: str) -> str:
    """`url` without its password, for titles and messages: libpq takes one in the user part
    (postgresql://amal:secret@host/db) or as a parameter (?password=secret)."""
    parts = urlsplit(url)
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True)]
    kept = [(key, value) for key, value in query if key != "password"]
    if parts.password is None and len(kept) == len(query):
        return url
    netloc = parts.netloc
    if parts.password is not None:
        host = parts.hostname or ""
        netloc = f"{parts.username}@{host}" if parts.username else host
        if parts.port:
            netloc += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc, query=urlencode(kept, safe="/")))


def is_server_url(text: str) -> bool:
    """Whether `text` names a PostgreSQL database rather than a file."""
    return text.startswith(("postgresql://", "postgres://"))


class PasswordNeeded(StoreError):
    """The server asks for a password that was not given, or refused the one given."""


def connection_failed(url: str, error: Exception) -> StoreError:
    """The message for a server that cannot be reached or refuses us."""
    text = str(error).strip()
    reason = text.splitlines()[0] if text else type(error).__name__
    # Said as a person asks for a password, naming whose: the terminal prompts with this
    # message and the window's dialog shows it, so libpq's "fe_sendauth: no password
    # supplied" is left out.
    login = urlsplit(url).username
    whose = f"{login}'s" if login else "the login's"
    if "no password supplied" in text:
        return PasswordNeeded(f"{shown_url(url)} asks for {whose} password")
    if "password authentication failed" in text:
        return PasswordNeeded(f"{shown_url(url)} refused {whose} password")
    return StoreError(f"cannot connect to the team server {shown_url(url)}: {reason}")
