"""Rendering an article with one annotator's spans to a PNG, offscreen, for docs and reports."""

from __future__ import annotations

import os
from pathlib import Path

from annotation.exchange.output import atomic_binary
from annotation.model import DocumentId
from annotation.ports import Store
from annotation.tagset import TagSet


def render_document(
    store: Store,
    tagset: TagSet,
    document_id: DocumentId,
    annotator: str,
    out: Path,
    width: int = 900,
    label_tags: bool = True,
) -> tuple[int, int]:
    """Draw the article view, every span highlighted, into `out`; returns the image size."""
    # Qt is imported here, not at the top: the terminal commands that do not render start
    # without it (ui/cli/program.py never imports Qt).
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtWidgets import QApplication

    from ui.app import create_application
    from ui.article.link_painter import LinksShown
    from ui.article.view import ArticleView

    create_application()
    document = store.document(document_id)
    spans = store.spans_for(document_id, annotator)
    view = ArticleView(tagset)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.set_label_tags(label_tags)
    view.set_links_shown(LinksShown.NONE)  # the picture has no links: no room for them
    # Shown, though never on screen: a widget that was never shown does not lay out its
    # viewport after resize(), so the spans "in view" stayed those of the first 400 px and
    # a long article was highlighted only at the top (docs/arabic-in-qt.md, pitfalls; issue 14, item 11).
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    view.resize(width, 400)
    view.show()
    view.show_document(document, spans)
    QApplication.processEvents()
    # Tall enough for the whole article, so every span is in view and highlighted.
    view.document().setTextWidth(view.viewport().width())
    height = int(view.document().size().height()) + view.frameWidth() * 2 + 2
    view.resize(width, height)
    QApplication.processEvents()
    view.highlight_visible()
    image = view.grab()
    # Encoded in memory and then written whole: QImage.save writes in place, so a full disk
    # or a kill would leave a broken PNG over a good one.
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError(f"cannot encode the image for {out}")
    with atomic_binary(out) as stream:
        stream.write(data.data())
    view.close()
    view.deleteLater()
    return image.width(), image.height()
