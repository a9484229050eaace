"""Decoding an article file's bytes: UTF-8, UTF-16 (with or without a byte-order mark) or
Windows-1256, each detected; a file that is none of them, or mixes them, is refused by line."""

from __future__ import annotations

import contextlib
import re
from typing import Any

from annotation.printable import escape_controls

# C0 controls other than \t \n \r, and DEL: text files practically never contain them.
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_ASCII_BYTES = bytes(range(0x80))
_ARABIC = re.compile("[\u0600-\u06ff]+")
_ASCII_LETTERS = re.compile("[A-Za-z]+")
_OTHER = re.compile("[^\x00-\x7f\u0600-\u06ff]")


class SourceError(Exception):
    """A file that cannot be read as articles; str() names the file and, if known, the line."""

    def __init__(self, name: str, message: str, line: int | None = None) -> None:
        # Escaped: a file name or a JSON key may hold ESC sequences, and this text is printed.
        where = escape_controls(name) if line is None else f"{escape_controls(name)}, line {line}"
        self.message = escape_controls(message)
        super().__init__(f"{where}: {self.message}")
        self.name = name
        self.line = line

    def __reduce__(self) -> tuple[Any, ...]:
        # The default pickles args (the formatted text), which __init__ cannot take back.
        return (SourceError, (self.name, self.message, self.line))


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode a file's bytes as UTF-8 (with or without BOM), UTF-16 (with a BOM, or without
    one when its zero bytes show it) or Windows-1256; a file mixing encodings is refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = _strict_utf8(data, name, "utf-8-sig"), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise SourceError(name, f"not valid UTF-16 text ({exc.reason})") from None
    else:
        if b"\x00" in data and (found := _utf16_without_bom(data, name)):
            return found
        controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
        if b"\x00" in data or controls * 100 > len(data):
            raise SourceError(name, "binary file")
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode("utf-8"), "utf-8"
        _refuse_mixed_encodings(data, name)
        if _mostly_utf8(data):
            _strict_utf8(data, name, "utf-8")  # raises, naming the line
        text = data.decode("cp1256")  # every byte is defined in cp1256
        if controls == 0 and _looks_arabic(text):
            return text, "windows-1256"
        raise SourceError(name, "not UTF-8, UTF-16 or Windows-1256 text")
    if "\x00" in text:
        raise SourceError(name, "binary file")
    return text, encoding


# What UTF-16 text holds, nearly all of it: ASCII, Latin to Arabic, punctuation, presentation
# forms. Binary data that happens to decode as UTF-16 is mostly CJK and unassigned code points.
_NOT_PLAIN = re.compile("[^\t\n\r -~\u00a0-\u06ff\u0750-\u077f\u2000-\u206f\ufb50-\ufeff]")


def _utf16_without_bom(data: bytes, name: str) -> tuple[str, str] | None:
    """UTF-16 text saved without a byte-order mark (Windows tools do), or None if its bytes
    do not say so; before this such a file was refused as "binary file". In UTF-16 the high
    byte of every ASCII character (a space, a digit) is zero, and of every Arabic letter 0x06,
    always on the same side of the pair; binary data and UTF-8 show no such pattern."""
    pairs = len(data) // 2
    even = data[0::2].count(0) + data[0::2].count(6)
    odd = data[1::2].count(0) + data[1::2].count(6)
    heavy, light = max(even, odd), min(even, odd)
    if not pairs or heavy * 2 < pairs or light * 10 > heavy:
        return None
    codec = "utf-16-le" if odd > even else "utf-16-be"
    looks = data[: pairs * 2].decode(codec, "replace")
    if "\x00" in looks or len(_NOT_PLAIN.findall(looks)) * 20 > len(looks):
        return None  # binary data after all
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError as exc:
        raise SourceError(
            name, f"UTF-16 without a byte-order mark, damaged ({exc.reason})"
        ) from None


def _refuse_mixed_encodings(data: bytes, name: str) -> None:
    """Refuse a file whose lines are partly UTF-8 and partly Windows-1256, naming a line.

    Decoded whole either way, part of it becomes mojibake (the tester's file was stored so).
    Decoding line by line would mean guessing for each short line, and a stored text never
    changes: a wrong guess could not be mended. Refused, the person converts the file once.
    """
    utf8_line = other_line = 0
    for number, line in enumerate(data.split(b"\n"), 1):
        if line.isascii():
            continue
        try:
            decoded = line.decode("utf-8")
        except UnicodeDecodeError:
            if not (other_line or _mostly_utf8(line)) and _looks_arabic(line.decode("cp1256")):
                other_line = number  # not a damaged UTF-8 line: a Windows-1256 one
        else:
            # Three characters at least: a Windows-1256 letter before "؟" or "،" can form
            # one valid UTF-8 pair by chance, never a line of them.
            if not utf8_line and len(decoded) - sum(map(str.isascii, decoded)) >= 3:
                utf8_line = number
        if utf8_line and other_line:
            raise SourceError(
                name,
                f"not UTF-8 like line {utf8_line} (Windows-1256?): the file mixes two encodings;"
                " save all of it as UTF-8",
                other_line,
            )


def _strict_utf8(data: bytes, name: str, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        start = exc.start + (3 if codec == "utf-8-sig" else 0)  # utf-8-sig counts after the BOM
        line = data.count(b"\n", 0, start) + 1
        raise SourceError(name, f"invalid UTF-8 byte 0x{data[start]:02X}", line) from None


def _mostly_utf8(data: bytes) -> bool:
    # Windows-1256 Arabic almost never forms valid multi-byte UTF-8 sequences, so a file with
    # more valid sequences than bad ones is UTF-8 with a few damaged bytes.
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    ascii_chars = len(data) - len(data.translate(None, _ASCII_BYTES))
    return len(text) - ascii_chars - bad > bad


def _looks_arabic(text: str) -> bool:
    # Other single-byte encodings decode "successfully" as cp1256 too (Cyrillic becomes Arabic
    # letters mixed with French ones), so require Arabic to dominate the letters.
    arabic = sum(map(len, _ARABIC.findall(text)))
    other = sum(1 for c in _OTHER.findall(text) if c.isalpha())
    ascii_letters = sum(map(len, _ASCII_LETTERS.findall(text)))
    return arabic > 0 and other * 10 < arabic and arabic * 2 > arabic + other + ascii_letters
