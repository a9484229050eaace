"""Control characters kept out of what is stored and what is printed.

A file name, a title or a JSON key may carry NUL, ESC or a whole terminal escape sequence
(`ESC [ 2 J` clears the screen, `ESC ] 52` writes the clipboard). Stored, they travel into
exports and every later listing; printed raw, they act on the reader's terminal (issue 13,
item 16). Messages escape them so they stay visible; stored short fields drop them.
"""

from __future__ import annotations

import re

# C0 and C1 controls and DEL. Tab, newline and carriage return are controls too: in a one-line
# field or a message naming a file they would break the line.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
# A terminal escape sequence: CSI (ESC [ ... final byte), OSC (ESC ] ... BEL or ESC \), or ESC
# and one character. Dropped whole, so no "[31m" is left behind in a title.
_ESCAPE_SEQUENCE = re.compile(
    "\x1b\\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"
    "|\x1b\\][^\x07\x1b]*(?:\x07|\x1b\\\\)?"
    "|\x1b[\x20-\x7e]?"
)


def escape_controls(text: str) -> str:
    """`text` with every control character written as an escape (ESC as `\\x1b`), for messages."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def strip_controls(text: str) -> str:
    """`text` without terminal escape sequences and control characters (tabs and line breaks
    become spaces), for one-line fields that are stored: titles, ids, sources."""
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = re.sub("[\t\n\r\x0b\x0c\x85]+", " ", text)
    return _CONTROL.sub("", text)


def _table(replacement: str | None) -> dict[int, str]:
    # C0 and C1 controls but tab, line feed and carriage return (multi-line text keeps them).
    codes = (*range(0x00, 0x20), *range(0x7F, 0xA0))
    return {
        code: replacement if replacement is not None else f"\\u{code:04x}"
        for code in codes
        if chr(code) not in "\t\n\r"
    }


# For whole pages of output (a terminal's stream, an HTML report): line structure kept.
VISIBLE_CONTROLS = _table(None)  # ESC as the six characters \u001b (valid inside JSON text)
REPLACED_CONTROLS = _table("\ufffd")  # ESC as U+FFFD, for formats that forbid controls
