"""GUI tests run offscreen (the Makefile sets QT_QPA_PLATFORM; this covers a bare pytest)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
