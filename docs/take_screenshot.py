"""Take the README screenshots from a real window: `make screenshot` (runs under xvfb-run).

Builds a throw-away database with the sample articles, tags a few speakers, claims and
locations in the SANA article (or the first sample), and saves the window in English and in
Arabic as docs/screenshot-en.png and docs/screenshot-ar.png, then the Search tab with a hit
opened as docs/search-LANGUAGE.png. With the SANA article it also
makes a colleague's layer that differs in a few places and saves the compare window
(docs/compare-LANGUAGE.png) and the agreement dashboard (docs/dashboard-LANGUAGE.png). Look at
them after any change to what the windows show.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# What to tag: (label, text, occurrence), found in the article by text.
TAGS = [
    ("SPEAKER", "نائب وزير الخارجية الروسي أوليغ سيرومولوتوف", 0),
    ("CLAIM", "أن الولايات المتحدة بدأت تبصر الحقيقة", 0),
    ("LOCATION", "الولايات المتحدة", 0),
    ("LOCATION", "روسيا", 0),
    ("LOCATION", "موسكو", 0),
    ("SPEAKER", "سيرومولوتوف", 1),
    ("LOCATION", "سورية", 0),
    ("LOCATION", "سورية", 1),
]


def shoot(language: str, target: Path) -> None:
    from PySide6.QtCore import QSettings, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from annotation.importing import import_samples_if_empty
    from annotation.model import Span
    from annotation.tagset import load_tagset
    from db.opening import connector, open_store
    from tests.gold import SANA_GOLD, load_gold
    from ui.app import create_application
    from ui.main_window import MainWindow
    from ui.session.qt_session import Session

    app = create_application()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    if language == "ar":
        app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        from ui.i18n import install_language

        translators = install_language(app, "ar")  # noqa: F841
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "hamish.sqlite3"
        store = open_store(database)
        import_samples_if_empty(store, "amal")  # the annotated sample in her layer
        summaries = store.document_summaries()
        chosen = next((s for s in summaries if s.title == "sana-syria-russia"), summaries[0])
        if chosen.title == "sana-syria-russia":
            # The whole article, tagged by hand: every claim linked, every place an entity.
            load_gold(store, SANA_GOLD, "amal")
        else:
            document = store.document(chosen.id)
            for label, words, occurrence in TAGS:
                start = -1
                for _ in range(occurrence + 1):
                    start = document.text.find(words, start + 1)
                if start >= 0:
                    store.add_span(Span(chosen.id, "amal", label, start, start + len(words), words))
        window = MainWindow(Session(store, load_tagset(), "amal"), connector(database), language)
        window.resize(1400, 820)
        window.show()
        window.documents.choose(chosen.id)
        claims = [span for span in window.session.spans if span.label == "CLAIM"]
        window.session.select_span((claims or window.session.spans)[0].id)
        window.actions_.label_tags.setChecked(True)

        compare = dashboard = None
        if chosen.title == "sana-syria-russia":
            colleague_layer(store, chosen.id)
            window.actions_.compare.trigger()
            compare = window.review.compare_window
            assert compare is not None
            compare.set_layers("amal", "omar")
            compare.resize(1400, 820)
            window.actions_.agreement_dashboard.trigger()
            dashboard = window.review.dashboard

        def capture() -> None:
            window.grab().save(str(target))
            print(f"saved {target}")
            if compare is not None:
                out = target.with_name(f"compare-{language}.png")
                compare.grab().save(str(out))
                print(f"saved {out}")
            if dashboard is not None:
                out = target.with_name(f"dashboard-{language}.png")
                dashboard.grab().save(str(out))
                print(f"saved {out}")
            # The Search tab: a word with its proclitics, the second hit opened.
            search = window.search_panel
            window.actions_.search_corpus.trigger()
            search.proclitics.setChecked(True)
            search.query.setText("سورية")
            QTimer.singleShot(1500, open_hit)

        def open_hit() -> None:
            search = window.search_panel
            index = search.model.index(1)
            search.results.setCurrentIndex(index)
            search.results.activated.emit(index)
            QTimer.singleShot(500, capture_search)

        def capture_search() -> None:
            out = target.with_name(f"search-{language}.png")
            window.grab().save(str(out))
            print(f"saved {out}")
            QApplication.quit()

        QTimer.singleShot(1000, capture)
        app.exec()
        store.close()


def colleague_layer(store: object, document_id: object) -> None:
    """A second annotator's layer: amal's, with the kinds of difference a review meets."""
    from dataclasses import replace

    from annotation.model import Link

    spans = store.spans_for(document_id, "amal")  # type: ignore[attr-defined]
    links = store.links_for(document_id, "amal")  # type: ignore[attr-defined]
    copies = {}
    locations = [s for s in spans if s.label == "LOCATION"]
    speakers = [s for s in spans if s.label == "SPEAKER"]
    claims = [s for s in spans if s.label == "CLAIM"]
    dropped = {s.id for s in locations[::5]}  # a place omar missed, every fifth
    for span in spans:
        if span.id in dropped:
            continue
        changed = replace(span, id=None, annotator="omar", entity_id=None)
        if span is speakers[-1]:
            changed = replace(changed, label="LOCATION")  # same extent, another label
        if span is claims[1]:
            # a shorter claim: its first word left out
            cut = span.text.index(" ") + 1
            changed = replace(changed, start=span.start + cut, text=span.text[cut:])
        copies[span.id] = store.add_span(changed)  # type: ignore[attr-defined]
    for link in links:
        source, target = copies.get(link.source_id), copies.get(link.target_id)
        if source is None or target is None or target.label != "SPEAKER":
            continue
        if link.source_id == claims[0].id:  # attributed to another speaker
            target = copies[speakers[0].id] if target.id != copies[speakers[0].id].id else target
        store.add_link(Link(link.kind, source.id, target.id))  # type: ignore[attr-defined]


def main() -> int:
    if len(sys.argv) == 3:
        shoot(sys.argv[1], Path(sys.argv[2]))
        return 0
    # One process a language: the layout direction must be set before any widget exists.
    for language in ("en", "ar"):
        target = ROOT / "docs" / f"screenshot-{language}.png"
        subprocess.run([sys.executable, __file__, language, str(target)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
