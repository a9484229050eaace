"""Take the README screenshots from a real window: `make screenshot` (runs under xvfb-run).

Each run takes the screen's size from the virtual screen it is started on (the Makefile runs it
at 1366x768 and at 1600x1000) and fills that screen with the main window, as a newcomer sees it
on first start: the shipped annotated sample, a claim with a speaker selected so its link shows
(on the wider screen every link is drawn). It saves docs/window-WIDTH-LANGUAGE.png for English
and Arabic. With --other-windows it then adds the SANA article with a colleague's layer that
differs in a few places and saves the compare window (docs/compare-LANGUAGE.png), the agreement
dashboard (docs/dashboard-LANGUAGE.png) and the Search tab with a hit opened
(docs/search-LANGUAGE.png), each the size of the screen. The SANA article is the team's
(../shared/corpus/, see assets/samples/README.md): without it those three are not taken.
Look at them after any change to what the windows show.

With --team it starts a throwaway PostgreSQL cluster (tests/postgres_server.py, on port 5432
when it is free, so the address reads as the README's), makes the team project `news` with a
manager, two annotators and a curator, imports the SANA article and a few SaudiNewsNet ones
(../shared/corpus/), assigns some to each annotator and opens the window as amal, the
annotator, through the real start-up (docs/team-1366-LANGUAGE.png): the status bar's
"Server: ... as annotator", her assignments first in the document list, marked, and her
spans on the SANA article. The cluster is removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DOCS = ROOT / "docs"
WIDE = 1600  # from this screen width on, the window shows every link, not the selected span's


def shoot(language: str, other_windows: bool) -> None:
    from PySide6.QtCore import QSettings, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from annotation.importing import import_samples_if_empty
    from annotation.tagset import load_tagset
    from db.opening import connector, open_store
    from ui.app import create_application
    from ui.article.link_painter import LinksShown
    from ui.main_window import MainWindow
    from ui.session.qt_session import Session

    app = create_application()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    if language == "ar":
        app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        from ui.i18n import install_language

        translators = install_language(app, "ar")  # noqa: F841
    screen = app.primaryScreen().size()
    width, height = screen.width(), screen.height()
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "hamish.sqlite3"
        store = open_store(database)
        import_samples_if_empty(store, "amal")  # as on first start: the annotated sample, hers
        window = MainWindow(Session(store, load_tagset(), "amal"), connector(database), language)
        window.resize(width, height)
        window.show()
        session = window.session
        # The first claim whose speaker is linked: its arc is drawn in the gap above the lines.
        linked = {link.source_id for link in session.links}
        claims = [s for s in session.spans if s.label == "CLAIM" and s.id in linked]
        session.select_span(claims[0].id)
        shown = LinksShown.ALL if width >= WIDE else LinksShown.SELECTED
        window.links_choice.choose(shown)

        def capture_window() -> None:
            save(window.grab(), f"window-{width}-{language}.png")
            if not other_windows:
                QApplication.quit()
                return
            other_windows_shots()

        def other_windows_shots() -> None:
            from tests.gold import SANA_GOLD, load_gold

            summaries = store.document_summaries()
            sana = next((s for s in summaries if s.title == "sana-syria-russia"), None)
            if sana is None:
                print("no SANA article (../shared/corpus/): no compare, dashboard or search shots")
                QApplication.quit()
                return
            # The whole article, tagged by hand: every claim linked, every place an entity.
            load_gold(store, SANA_GOLD, "amal")
            colleague_layer(store, sana.id)
            window.documents.refresh(sana.id)
            window.actions_.compare.trigger()
            compare = window.review.compare_window
            assert compare is not None
            compare.resize(width, height)
            compare.set_layers("amal", "omar")
            compare.show_document(sana.id)
            window.actions_.agreement_dashboard.trigger()
            dashboard = window.review.dashboard
            assert dashboard is not None
            dashboard.resize(width, height)

            def capture_review() -> None:
                save(compare.grab(), f"compare-{language}.png")
                save(dashboard.grab(), f"dashboard-{language}.png")
                compare.close()
                dashboard.close()
                # The Search tab: a word with its proclitics, the second hit opened.
                search = window.search_panel
                window.actions_.search_corpus.trigger()
                search.proclitics.setChecked(True)
                search.query.setText("سورية")
                QTimer.singleShot(1500, open_hit)

            QTimer.singleShot(1500, capture_review)

        def open_hit() -> None:
            search = window.search_panel
            index = search.model.index(1)
            search.results.setCurrentIndex(index)
            search.results.activated.emit(index)
            QTimer.singleShot(700, capture_search)

        def capture_search() -> None:
            save(window.grab(), f"search-{language}.png")
            QApplication.quit()

        QTimer.singleShot(1500, capture_window)
        app.exec()
        store.close()


TEAM_DATABASE = "news"
TEAM = {"mona": "manager", "amal": "annotator", "omar": "annotator", "cora": "curator"}
CORPUS = ROOT.parent / "shared" / "corpus"
SAUDI_ARTICLES = 5  # short ones, with someone quoted, beside the SANA article


def team_project(cluster: Any, host: str) -> str:
    """Make the README's team project on `cluster`; return the URL amal opens it by."""
    import json
    import zipfile

    import psycopg

    from annotation.importing import ImportOptions, import_articles
    from annotation.model import Status
    from db.opening import Server, open_store
    from db.postgres import team
    from tests.gold import SANA_GOLD, load_gold

    with psycopg.connect(cluster.url(), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {TEAM_DATABASE}")
    team.init_project(cluster.url(TEAM_DATABASE), "mona", "mona's password")
    for name, role in TEAM.items():
        if name != "mona":
            team.add_member(cluster.url(TEAM_DATABASE, "mona"), name, role, f"{name}'s password")
    with tempfile.TemporaryDirectory() as folder:
        articles = Path(folder)
        (articles / "sana-syria-russia.txt").write_bytes(
            (CORPUS / "sana-syria-russia.txt").read_bytes()
        )
        with zipfile.ZipFile(CORPUS / "saudinewsnet" / "2015-07-21.zip") as archive:
            saudi = json.loads(archive.read(archive.namelist()[0]))
        quoted = [
            a for a in saudi if 600 < len(a["content"] or "") < 1500 and "قال" in a["content"]
        ]
        chosen = json.dumps(quoted[:SAUDI_ARTICLES], ensure_ascii=False)
        (articles / "saudinewsnet.json").write_text(chosen, encoding="utf-8")
        manager = open_store(Server(cluster.url(TEAM_DATABASE, "mona")))
        try:
            # Without the agency's footer, as the gold offsets were taken (tests/gold.py).
            clean = ImportOptions(strip_boilerplate=True)
            import_articles(manager, [articles / "sana-syria-russia.txt"], clean)
            import_articles(manager, [articles / "saudinewsnet.json"])
            ids = [summary.id for summary in manager.document_summaries()]
            # amal has four documents, omar three; the last is nobody's yet.
            manager.assign(ids[:4], ["amal"], "mona")
            manager.assign(ids[:2] + ids[4:5], ["omar"], "mona")
        finally:
            manager.close()
    amal = open_store(Server(cluster.url(TEAM_DATABASE, "amal")))
    try:
        load_gold(amal, SANA_GOLD, "amal")  # the SANA article tagged by hand, in her layer
        amal.set_status(ids[0], "amal", Status.IN_PROGRESS)
        amal.set_status(ids[2], "amal", Status.DONE)
    finally:
        amal.close()
    port = "" if cluster.port == 5432 else f":{cluster.port}"
    return f"postgresql://amal@{host}{port}/{TEAM_DATABASE}"


def shoot_team(language: str, url: str) -> None:
    """The window as amal opens it on the team server: real start-up, real connection."""
    from PySide6.QtCore import QSettings, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from db.opening import Server
    from ui.app import create_application, start_window
    from ui.main_window import MainWindow

    app = create_application()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    if language == "ar":
        app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    from ui.i18n import install_language

    translators = install_language(app, language)  # noqa: F841
    window = start_window(Server(url), QSettings(), language)
    assert isinstance(window, MainWindow), f"the window did not open on {url}: {window}"
    screen = app.primaryScreen().size()
    window.resize(screen.width(), screen.height())
    window.show()
    session = window.session
    sana = next(s for s in session.store.document_summaries() if s.title == "sana-syria-russia")
    session.open_document(sana.id)
    linked = {link.source_id for link in session.links}
    claims = [s for s in session.spans if s.label == "CLAIM" and s.id in linked]
    session.select_span(claims[0].id)

    def capture() -> None:
        save(window.grab(), f"team-{screen.width()}-{language}.png")
        QApplication.quit()

    QTimer.singleShot(2000, capture)
    app.exec()
    session.store.close()


def team_shots() -> None:
    """Both languages' team pictures, on a cluster of their own."""
    import socket

    from tests.postgres_server import start_cluster

    with socket.socket() as probe:  # the README's address when the usual port is free
        try:
            probe.bind(("127.0.0.1", 5432))
            port: int | None = 5432
        except OSError:
            port = None
    cluster = start_cluster(port=port)
    try:
        url = team_project(cluster, "localhost")
        for language in ("en", "ar"):
            with tempfile.TemporaryDirectory() as home:
                environment = dict(os.environ, XDG_CONFIG_HOME=home, HOME=home)
                command = [sys.executable, __file__, "--language", language, "--team-url", url]
                subprocess.run(command, check=True, env=environment)
    finally:
        cluster.remove()


def save(picture: object, name: str) -> None:
    out = DOCS / name
    picture.save(str(out))  # type: ignore[attr-defined]
    print(f"saved {out}")


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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--other-windows", action="store_true", help="compare, dashboard, search")
    parser.add_argument("--team", action="store_true", help="the window on a team server")
    parser.add_argument("--language", choices=("en", "ar"), help="(one run's, internal)")
    parser.add_argument("--team-url", help="(one run's, internal)")
    arguments = parser.parse_args()
    if arguments.language and arguments.team_url:
        shoot_team(arguments.language, arguments.team_url)
        return 0
    if arguments.language:
        shoot(arguments.language, arguments.other_windows)
        return 0
    if arguments.team:
        team_shots()
        return 0
    # One process a language: the layout direction must be set before any widget exists. Each
    # on settings of its own, so a choice remembered on this machine (links, places, the
    # annotator) neither changes the pictures nor is changed by them.
    for language in ("en", "ar"):
        with tempfile.TemporaryDirectory() as home:
            environment = dict(os.environ, XDG_CONFIG_HOME=home, HOME=home)
            command = [sys.executable, __file__, "--language", language]
            command += ["--other-windows"] if arguments.other_windows else []
            subprocess.run(command, check=True, env=environment)
    return 0


if __name__ == "__main__":
    sys.exit(main())
