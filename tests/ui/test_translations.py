"""The Arabic interface: assets/i18n/hamish_ar.ts is complete and current, and its .qm is built.

`make translations` rebuilds both files from ui/ and annotation/session/; these tests fail when a
string is added to the interface and not translated, or when the .ts was edited and the .qm not
compiled again.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from tests.conftest import ROOT
from ui.i18n import TRANSLATIONS

TS = TRANSLATIONS / "hamish_ar.ts"
QM = TRANSLATIONS / "hamish_ar.qm"
BIN = Path(sys.executable).parent  # the virtual environment's bin, with PySide6's tools
PLACEHOLDER = re.compile(r"%\d+")


def tool(name: str) -> str:
    path = BIN / name
    assert path.exists(), f"{name} is not in {BIN}: is PySide6 installed?"
    return str(path)


def run(*command: str) -> None:
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source text, translation element) for every message of a .ts file."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found.append((name, message.findtext("source") or "", translation))
    return found


def texts(translation: ET.Element) -> list[str]:
    """A translation's texts: its plural forms (a %n message has six in Arabic), or its one text."""
    forms = translation.findall("numerusform")
    return [form.text or "" for form in forms] if forms else [translation.text or ""]


def test_every_message_is_translated_and_finished() -> None:
    found = messages(TS)
    assert found
    problems = [
        f"{context}: {source!r} ({translation.get('type') or 'empty'})"
        for context, source, translation in found
        if translation.get("type") is not None
        or not all(text.strip() for text in texts(translation))
    ]
    assert not problems, "unfinished translations:\n" + "\n".join(problems)


def test_translations_keep_placeholders_and_line_breaks() -> None:
    problems = []
    for context, source, translation in messages(TS):
        for text in texts(translation):
            if Counter(PLACEHOLDER.findall(text)) != Counter(PLACEHOLDER.findall(source)):
                problems.append(f"{context}: {source!r} -> {text!r}: placeholders differ")
            if text.count("\n") != source.count("\n"):
                problems.append(f"{context}: {source!r} -> {text!r}: line breaks differ")
            if text.count("&") > source.count("&"):
                problems.append(f"{context}: {source!r} -> {text!r}: more than one mnemonic")
    assert not problems, "\n".join(problems)


def test_the_committed_qm_is_compiled_from_the_committed_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "hamish_ar.qm"
    run(tool("pyside6-lrelease"), str(TS), "-qm", str(fresh))
    assert QM.read_bytes() == fresh.read_bytes(), "run `make translations` and commit the .qm"


def test_no_interface_string_is_missing_from_the_ts(tmp_path: Path) -> None:
    copy = tmp_path / "hamish_ar.ts"
    shutil.copyfile(TS, copy)
    # The folders `make translations` scans: the session's messages live in annotation/session.
    sources = sorted(
        str(path.relative_to(ROOT))
        for folder in ("ui", "annotation/session")
        for path in (ROOT / folder).rglob("*.py")
    )
    run(tool("pyside6-lupdate"), "-no-obsolete", *sources, "-ts", str(copy))
    committed = {(context, source) for context, source, _ in messages(TS)}
    missing = [
        f"{context}: {source!r}"
        for context, source, _ in messages(copy)
        if (context, source) not in committed
    ]
    assert not missing, (
        "strings in ui/ with no translation (run `make translations`, then translate them):\n"
        + "\n".join(missing)
    )


@pytest.mark.parametrize(
    ("context", "source", "arabic"),
    [
        ("Actions", "&File", "&ملف"),
        ("StatusLine", "Annotator: %1", "المُوسِّم: %1"),
        ("Status", "done", "منجز"),
        ("Session", "Tag %1", "وسم %1"),
        ("SpanTableModel", "Label", "الوسم"),
    ],
)
def test_the_qm_translates_real_strings(context: str, source: str, arabic: str) -> None:
    translator = QTranslator()
    # Loaded by name and folder, as ui.i18n.install_language loads it.
    assert translator.load("hamish_ar", str(TRANSLATIONS))
    assert translator.translate(context, source) == arabic


def test_every_message_has_the_context_it_is_looked_up_in() -> None:
    assert [source for context, source, _ in messages(TS) if not context] == []
