"""A team server's URL: telling one from a file name, and showing it without its password."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from annotation.ports import StoreError


def shown_url(url: str) -> str:
    """`url` without its password, for titles and messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}@{host}" if parts.username else host
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc))


def is_server_url(text: str) -> bool:
    """Whether `text` names a PostgreSQL database rather than a file."""
    return text.startswith(("postgresql://", "postgres://"))


class PasswordNeeded(StoreError):
    """The server asks for a password that was not given, or refused the one given."""


def connection_failed(url: str, error: Exception) -> StoreError:
    """The message for a server that cannot be reached or refuses us."""
    text = str(error).strip()
    reason = text.splitlines()[0] if text else type(error).__name__
    if "no password supplied" in text or "password authentication failed" in text:
        return PasswordNeeded(f"the team server {shown_url(url)} asks for a password: {reason}")
    return StoreError(f"cannot connect to the team server {shown_url(url)}: {reason}")
