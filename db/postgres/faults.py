"""What a failure of the team server becomes at the store's edge: psycopg's errors turned into
StoreError with a message a person can act on, so the window and the terminal never see a
driver's exception.

A lost connection (the server stopped, restarted or is out of reach: psycopg's
OperationalError, AdminShutdown among them, after which the connection is closed) becomes
ConnectionLostError, which the window answers by reconnecting; any other OperationalError (a
lock wait cut short, the server out of disk) is a StoreError saying what the server said.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg

from annotation.ports import ConnectionLostError, StoreError
from db.postgres.address import first_line


def unreachable(address: str) -> ConnectionLostError:
    """The message for a server that went away: what was asked was not done."""
    return ConnectionLostError(
        f"The team server {address} cannot be reached; nothing was changed."
        " Hamish reconnects when it is back."
    )


def lost_while_committing(address: str) -> ConnectionLostError:
    """The message for a connection lost during COMMIT: the server may or may not have kept
    the change, and nobody can know until it answers again."""
    return ConnectionLostError(
        f"The team server {address} stopped answering while saving this change, which it may"
        " or may not have kept. Hamish reconnects when it is back and shows what it holds."
    )


def server_error(
    address: str, error: psycopg.OperationalError, connection: psycopg.Connection[Any]
) -> StoreError:
    """The StoreError for an OperationalError on `connection`."""
    if connection.closed:  # psycopg closes a connection it found broken
        return unreachable(address)
    return StoreError(
        f"The team server {address} could not do this ({first_line(error)}); nothing was changed."
    )


@contextmanager
def server_faults(address: str, connection: psycopg.Connection[Any]) -> Iterator[None]:
    """Turn psycopg's OperationalError inside the block into StoreError."""
    try:
        yield
    except psycopg.OperationalError as error:
        raise server_error(address, error, connection) from None
