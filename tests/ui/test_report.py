"""The HTML agreement report: self-contained, Arabic as stored, figures as the JSON has them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from annotation.agreement import load_corpus_agreement
from annotation.model import Span
from annotation.tagset import load_tagset
from db.store import SqliteStore
from tests.ui.agreement_store import TEXTS, TITLES, fill_agreement_store
from tests.ui.test_cli import hamish
from ui.report.agreement_report import render_report, write_report
from ui.report.summary import summarize

SVG = "{http://www.w3.org/2000/svg}svg"
# Arabic presentation forms (A: U+FB50–U+FDFF, B: U+FE70–U+FEFF): what arabic-reshaper writes.
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


class Tables(HTMLParser):
    """The text of every table cell, row by row, table by table (charts left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1].append("".join(self.cell))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def tables(page: str) -> list[list[list[str]]]:
    parser = Tables()
    parser.feed(page)
    return parser.tables


def number(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


@pytest.fixture
def page(store: SqliteStore, tmp_path: Path) -> str:
    fill_agreement_store(store)
    summary = summarize(load_corpus_agreement(store, ["amal", "omar"]), load_tagset())
    out = tmp_path / "report.html"
    write_report(summary, out, datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC))
    return out.read_text(encoding="utf-8")


def test_the_page_is_self_contained_html(page: str) -> None:
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')
    assert "Generated at 2025-01-02T03:04:05+00:00" in page
    # Nothing to run and nothing to fetch: every reference points inside the page.
    assert "<script" not in page.lower()
    assert not re.search(r'(src|href)="(?!#|data:)', page)
    assert "default-src 'none'" in page


def test_the_charts_are_inline_svg(page: str) -> None:
    charts = re.findall(r"<svg.*?</svg>", page, flags=re.DOTALL)
    assert len(charts) == page.count("<svg") == 3  # by label, histogram, worst documents
    ids: list[str] = []
    for chart in charts:
        root = ET.fromstring(chart)  # well-formed XML
        assert root.tag == SVG
        assert len(root.findall(".//{http://www.w3.org/2000/svg}path")) > 20
        ids += [element.attrib["id"] for element in root.iter() if "id" in element.attrib]
    assert len(ids) == len(set(ids)), "two charts share an id"
    references = set(re.findall(r'(?:href="#|url\(#)([^")]+)', page))
    assert references <= set(ids)


def test_arabic_is_raw_unicode_never_reshaped(page: str) -> None:
    for title in ("متحدث", "تصريح", "مكان"):  # the tag set's Arabic label titles
        assert f'<td class=arabic lang="ar" dir="rtl">{title}</td>' in page
    for title in TITLES[:1] + TITLES[2:]:
        assert f'<td dir="auto">{title}</td>' in page
    assert PRESENTATION_FORMS.search(page) is None


def test_titles_are_escaped(page: str) -> None:
    assert '<td dir="auto">&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; وصول' in page
    assert "<script>" not in page


def test_figures_are_those_of_the_agreement_json(page: str, store: SqliteStore) -> None:
    data = load_corpus_agreement(store, ["amal", "omar"]).as_dict()
    summary_table, labels, links, attributes, documents = tables(page)
    assert ["Documents compared (pooled)", str(data["documents_compared"])] in summary_table
    assert ["compared", "3"] in summary_table and ["touched only by amal", "1"] in summary_table
    keys = ("exact_f1", "overlap_f1", "kappa", "alpha")
    for row, (name, figures) in zip(labels[1:], data["labels"].items(), strict=False):
        assert row[0] == name
        assert row[3:] == [number(figures[key]) for key in keys]
    assert labels[-1][0] == "overall"
    assert labels[-1][3:] == [number(data["overall"][key]) for key in keys]
    # By hand: CLAIM agrees everywhere it was tagged (document 1 only).
    assert labels[2][3:] == ["1.000"] * 4
    link = data["links"]
    assert links[1] == [number(link["f1"]), number(link["precision"]), number(link["recall"])] + [
        str(link[key]) for key in ("matched", "a_count", "b_count")
    ]
    assert links[1][:3] == ["1.000"] * 3
    kind = data["attributes"]["kind"]
    assert attributes[1] == ["kind", str(kind["pairs"]), number(kind["observed"]), "—"]
    # Worst first, the two documents with no figure last.
    by_id = {document["id"]: document["overall"] for document in data["documents"]}
    assert [row[0] for row in documents[1:]] == ["3", "2", "1", "4", "5"]
    for row in documents[1:]:
        overall = by_id[int(row[0])]
        assert row[3:] == [number(overall[key]) for key in ("exact_f1", "overlap_f1", "kappa")]
    assert [row[4] for row in documents[1:]] == ["0.000", "0.667", "1.000", "—", "—"]


def test_the_same_figures_give_the_same_page(store: SqliteStore) -> None:
    fill_agreement_store(store)
    pages = [
        render_report(summarize(load_corpus_agreement(store, ["amal", "omar"])), moment)
        for moment in ("then", "now")
    ]
    first, second = (page.splitlines() for page in pages)
    assert [a == b for a, b in zip(first, second, strict=True)].count(False) == 1


def test_three_annotators_add_pairs_and_fleiss(store: SqliteStore) -> None:
    ids = fill_agreement_store(store)
    start = TEXTS[0].index("سورية")
    store.add_span(Span(ids[0], "zaid", "LOCATION", start, start + 5, "سورية"))
    summary = summarize(load_corpus_agreement(store, ["amal", "omar", "zaid"]), load_tagset())
    page = render_report(summary, "now")
    assert page.count("<svg") == 4  # and the chart of pairs
    headers = [table[0] for table in tables(page)]
    assert "Fleiss' kappa" in headers[1]
    assert ["Pair", "documents", "exact F1", "overlap F1", "kappa", "alpha"] in headers


def test_the_report_command_writes_the_file(database: Path, tmp_path: Path) -> None:
    store = SqliteStore(database)
    try:
        fill_agreement_store(store)
    finally:
        store.close()
    out = tmp_path / "agreement.html"
    result = hamish("report", "--annotators", "amal", "omar", "--out", str(out), database=database)
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    page = out.read_text(encoding="utf-8")
    assert page.count("<svg") == 3 and "متحدث" in page
    wrong = hamish("report", "--annotators", "amal", "zaid", "--out", str(out), database=database)
    assert wrong.returncode == 2 and "zaid" in wrong.stderr
    nowhere = tmp_path / "missing" / "agreement.html"
    lost = hamish(
        "report", "--annotators", "amal", "omar", "--out", str(nowhere), database=database
    )
    # Refused before anything is computed, as a command that cannot mean what it says.
    assert lost.returncode == 2 and "Traceback" not in lost.stderr
    assert f"the folder {nowhere.parent} does not exist" in lost.stderr
