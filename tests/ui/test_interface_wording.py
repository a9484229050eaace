"""Wording of the interface (issue 14): mnemonics that never sit under a letter's dots, counts
in plural forms in English and Arabic, and the terminal's stats in aligned columns."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from annotation.agreement import load_corpus_agreement
from annotation.model import Span, Status
from db.store import SqliteStore
from tests.conftest import ROOT
from tests.ui.agreement_store import fill_agreement_store
from ui.app import create_application
from ui.i18n import TRANSLATIONS
from ui.report.summary import summarize

# Qt underlines the letter after "&" just below the baseline. Under a letter whose dots or
# hamza are below (ب one dot, ج its dot, ي two dots, إ hamza) the line merges with them and
# the letter reads as another: &بحث reads يحث. ى and ئ have the yeh body, and an underline
# under it reads as ي's two dots. A kasra (or kasratan) below any letter is hidden the same
# way. Letters with dots above (ت ث خ ...) keep them apart from the line and stay legible.
MARKS_BELOW = set("بجيىئإ")
KASRA = set("\u0650\u064d")


def translations(ts: Path) -> list[tuple[str, str, str]]:
    """(context, source, text) for every text (each plural form) of a .ts file."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = translation.findall("numerusform") or [translation]
            for form in forms:
                found.append(
                    (
                        context.findtext("name") or "",
                        message.findtext("source") or "",
                        form.text or "",
                    )
                )
    return found


def test_no_arabic_mnemonic_underlines_a_letter_with_marks_below() -> None:
    problems = []
    for context, source, text in translations(TRANSLATIONS / "hamish_ar.ts"):
        at = text.replace("&&", "").find("&")
        if at < 0:
            continue
        following = text.replace("&&", "")[at + 1 : at + 3]
        if following[:1] in MARKS_BELOW or following[1:2] in KASRA:
            problems.append(f"{context}: {source!r} -> {text!r}")
    assert not problems, "mnemonics under marks below:\n" + "\n".join(problems)


def test_the_seven_reported_menu_texts_read_right() -> None:
    arabic = QTranslator()
    assert arabic.load("hamish_ar", str(TRANSLATIONS))
    assert arabic.translate("Actions", "&Find Document") == "ب&حث عن مستند"
    assert arabic.translate("Actions", "&Search All Documents") == "البحث في &كل المستندات"
    assert arabic.translate("CompareActions", "Accept &B") == "قبول ب"


def _plural(language: str, context: str, source: str, n: int) -> str:
    """The text the application shows (QCoreApplication.translate puts the number in)."""
    app = create_application()
    translator = QTranslator()
    assert translator.load(f"hamish_{language}", str(TRANSLATIONS))
    app.installTranslator(translator)
    try:
        return QCoreApplication.translate(context, source, "", n)
    finally:
        app.removeTranslator(translator)


def test_counts_take_the_plural_form_of_their_number() -> None:
    imported = "Imported %n article(s); %1 duplicates and %2 empty texts skipped."
    english = [_plural("en", "ImportFlow", imported, n) for n in (1, 2)]
    assert english == [
        "Imported 1 article; %1 duplicates and %2 empty texts skipped.",
        "Imported 2 articles; %1 duplicates and %2 empty texts skipped.",
    ]
    # Arabic: one, two (the dual), 3-10, 11-99 and 100 each have their own form.
    arabic = [_plural("ar", "ImportFlow", imported, n).split("،")[0] for n in (1, 2, 3, 11, 100)]
    assert arabic == [
        "استُوردت مقالة واحدة",
        "استُوردت مقالتان",
        "استُوردت 3 مقالات",
        "استُوردت 11 مقالةً",
        "استُوردت 100 مقالة",
    ]
    documents = "%n document(s): %1; %2 pooled into the figures"
    assert _plural("en", "AgreementDashboard", documents, 1).startswith("1 document: ")
    assert _plural("ar", "AgreementDashboard", documents, 2).startswith("مستندان: ")


def test_every_english_plural_message_has_its_forms(tmp_path: Path) -> None:
    fresh = tmp_path / "hamish_en.ts"
    # The folders `make translations` scans: the session's messages live in annotation/session.
    sources = sorted(
        str(path.relative_to(ROOT))
        for folder in ("ui", "annotation/session")
        for path in (ROOT / folder).rglob("*.py")
    )
    bin_ = Path(sys.executable).parent
    subprocess.run(
        [str(bin_ / "pyside6-lupdate"), "-pluralonly", *sources, "-ts", str(fresh)],
        cwd=ROOT,
        capture_output=True,
        check=True,
        timeout=120,
    )
    committed = {(c, s) for c, s, t in translations(TRANSLATIONS / "hamish_en.ts") if t}
    missing = [f"{c}: {s!r}" for c, s, _t in translations(fresh) if (c, s) not in committed]
    assert not missing, "run `make translations` and write the English forms:\n" + "\n".join(
        missing
    )
    qm = tmp_path / "hamish_en.qm"
    subprocess.run(
        [str(bin_ / "pyside6-lrelease"), str(TRANSLATIONS / "hamish_en.ts"), "-qm", str(qm)],
        capture_output=True,
        check=True,
        timeout=120,
    )
    assert (TRANSLATIONS / "hamish_en.qm").read_bytes() == qm.read_bytes()


def test_stats_keeps_a_space_between_a_long_name_and_its_count(
    store: SqliteStore, database: Path
) -> None:
    document = fill_agreement_store(store)[0]
    text = store.document(document).text
    store.add_span(Span(document, "assistant-v2", "LOCATION", 0, 3, text[:3]))
    done = subprocess.run(
        [sys.executable, "main.py", "stats", "--db", str(database)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "  by assistant-v2  1" in lines
    counts = {line.rstrip().rsplit(" ", 1)[0].rstrip(): line for line in lines}
    columns = {len(line) - len(line.rstrip().rsplit(" ", 1)[1]) for line in counts.values()}
    assert len(columns) == 1  # every count starts in the same column


def test_the_figures_say_how_many_documents_they_pool_with_three_annotators(
    store: SqliteStore,
) -> None:
    ids = fill_agreement_store(store)
    store.set_status(ids[0], "sara", Status.IN_PROGRESS)  # a third annotator, no spans
    summary = summarize(load_corpus_agreement(store, ["amal", "omar", "sara"]))
    assert summary.overall.overlap_f1 is not None
    # Documents 1-3 have a pair (amal, omar) compared; before, "0 pooled".
    assert summary.documents_compared == 3
