"""The offset contract, and the one converter between code points and UTF-16 positions.

Every offset Hamish stores is a half-open `[start, end)` index of Unicode code points into a
document's text, exactly as Python slices it. The text never changes after import, and each
span keeps the text it covers, so a drift is detected instead of silently moving a tag.

Qt's cursor positions, UIMA XMI and some Label Studio and doccano versions count UTF-16 code
units instead (docs/formats.md): a character above U+FFFF (an emoji) takes two. Only this
module converts. Qt also folds `\\r\\n` into one position and drops a leading U+FEFF; import
removes both (cleanup.py), so for stored text a Qt position *is* its UTF-16 offset.
"""

from __future__ import annotations

import bisect
import re

from annotation.model import Span


class OffsetError(ValueError):
    """A span's offsets do not fit its document's text."""


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Index:
    """Converts positions in one text between code points and UTF-16 code units."""

    __slots__ = ("_astral", "_astral_utf16", "_length")

    def __init__(self, text: str) -> None:
        # Only characters above the BMP make the two counts differ; Arabic text usually has
        # none, so the common case keeps empty lists and converts by identity.
        self._astral = [match.start() for match in _ASTRAL.finditer(text)]
        # Where each of those characters starts in UTF-16: k astral characters precede it.
        self._astral_utf16 = [index + k for k, index in enumerate(self._astral)]
        self._length = len(text)

    def to_utf16(self, index: int) -> int:
        """The UTF-16 position of code-point position `index` (0..len(text))."""
        self._check(index, self._length)
        return index + bisect.bisect_left(self._astral, index)

    def from_utf16(self, position: int) -> int:
        """The code-point position of UTF-16 `position`; inside a surrogate pair is an error."""
        self._check(position, self.utf16_length)
        before = bisect.bisect_left(self._astral_utf16, position)
        if before and self._astral_utf16[before - 1] + 1 == position:
            raise OffsetError(f"UTF-16 position {position} falls inside a surrogate pair")
        return position - before

    @property
    def utf16_length(self) -> int:
        """The text's length in UTF-16 code units."""
        return self._length + len(self._astral)

    @staticmethod
    def _check(value: int, limit: int) -> None:
        if not 0 <= value <= limit:
            raise OffsetError(f"position {value} is outside 0..{limit}")


def check_offsets(text: str, start: int, end: int) -> None:
    """Raise OffsetError unless `[start, end)` is a non-empty range inside `text`."""
    if not (0 <= start < end <= len(text)):
        raise OffsetError(f"offsets {start}-{end} do not fit a text of {len(text)} characters")


def check_span(text: str, span: Span) -> None:
    """Raise OffsetError unless the span's offsets fit `text` and cover exactly `span.text`."""
    if 0 <= span.start < span.end <= len(text) and text[span.start : span.end] == span.text:
        return  # the common case, checked before any message is built
    where = (
        f"span {span.id} ({span.label} {span.start}-{span.end})"
        if span.id
        else (f"{span.label} span {span.start}-{span.end}")
    )
    try:
        check_offsets(text, span.start, span.end)
    except OffsetError as error:
        raise OffsetError(f"{where}: {error}") from None
    covered = text[span.start : span.end]
    if covered != span.text:
        raise OffsetError(f"{where} claims {span.text!r} but the text there is {covered!r}")
