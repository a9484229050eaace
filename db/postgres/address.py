"""A team server's URL: telling one from a file name, and showing it without its password."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


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
