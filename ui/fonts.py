"""The bundled Arabic font: Noto Sans Arabic (OFL, assets/fonts/OFL-NotoSansArabic.txt).

A bare Debian machine has only DejaVu for Arabic, which draws lam-alef as one glyph and then
highlights the wrong half of it (docs/arabic-in-qt.md), so Hamish never relies on system fonts.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

FONT_FILE = Path(__file__).resolve().parent.parent / "assets" / "fonts" / "NotoSansArabic.ttf"
ARTICLE_POINT_SIZE = 15

_family: str | None = None


def arabic_family() -> str:
    """Load the bundled font once (needs a QGuiApplication) and return its family name."""
    global _family
    if _family is None:
        font_id = QFontDatabase.addApplicationFont(str(FONT_FILE))
        if font_id < 0:
            raise RuntimeError(f"cannot load the bundled Arabic font {FONT_FILE}")
        _family = QFontDatabase.applicationFontFamilies(font_id)[0]
    return _family


def article_font(point_size: float = ARTICLE_POINT_SIZE) -> QFont:
    """The font articles are shown in."""
    font = QFont(arabic_family())
    font.setPointSizeF(point_size)
    # Arabic needs ligatures and contextual forms; the default strategy keeps them, but
    # never let Qt substitute a system font for a glyph the bundled one has.
    font.setStyleStrategy(QFont.StyleStrategy.PreferDefault)
    return font
