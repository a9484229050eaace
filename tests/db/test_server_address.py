"""A team server's URL as messages and titles show it: never with its password."""

from __future__ import annotations

import pytest

from db.postgres.address import shown_url


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://amal@db.example/news", "postgresql://amal@db.example/news"),
        ("postgresql://amal:s3cret@db.example:5433/news", "postgresql://amal@db.example:5433/news"),
        # libpq also takes the password as a parameter; the others (the socket folder) stay.
        (
            "postgresql://amal@127.0.0.1:5432/news?password=s3cret",
            "postgresql://amal@127.0.0.1:5432/news",
        ),
        (
            "postgresql://amal@/news?host=/tmp/pg&password=a%26b&port=5433",
            "postgresql://amal@/news?host=/tmp/pg&port=5433",
        ),
        # Several hosts, and IPv6 in brackets, as libpq takes them: kept as written.
        (
            "postgresql://amal:s3cret@h1:5432,h2:5433/news",
            "postgresql://amal@h1:5432,h2:5433/news",
        ),
        ("postgresql://amal:s3cret@[::1]:5432/news", "postgresql://amal@[::1]:5432/news"),
        ("postgresql://amal:p@ss@db.example/news", "postgresql://amal@db.example/news"),
    ],
)
def test_the_password_is_left_out_wherever_the_url_holds_it(url: str, shown: str) -> None:
    assert shown_url(url) == shown
