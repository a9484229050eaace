"""PySide6 6.12.0 drops a reference to None on every void method and aborts CPython 3.11
after a few thousand calls (docs/arabic-in-qt.md). This fails loudly on such a release."""

from __future__ import annotations

import sys

from PySide6.QtGui import QTextCursor, QTextDocument


def test_void_methods_do_not_leak_references_to_none() -> None:
    document = QTextDocument("قال الوزير إن الوفد وصل إلى سورية" * 10)
    cursor = QTextCursor(document)
    before = sys.getrefcount(None)
    for i in range(20_000):
        cursor.setPosition(i % 300)
    # A leaking build loses exactly one reference a call; allow noise from the interpreter.
    assert abs(sys.getrefcount(None) - before) < 100
