"""The agreement report: one self-contained HTML file, for the `report` command.

Charts are inline SVG (ui/report/charts.py), styles inline, no script and nothing fetched: a
Content-Security-Policy says so to the browser too, so the file can be mailed and opened
anywhere. Every piece of text is escaped (titles come from imported articles). Apart from the
generated-at line, the same figures always give the same bytes, so reports can be compared.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from annotation.exchange.output import atomic_text
from annotation.printable import REPLACED_CONTROLS
from ui.report.charts import agreement_charts, svg
from ui.report.summary import AgreementSummary, DocumentRow, Figures

MISSING = "—"  # a figure that could not be computed (never shown as 0 or 1)
GENERATED = "<p class=generated>Generated at {} by Hamish.</p>"

STYLE = """
body { font-family: "Noto Sans", "DejaVu Sans", "Noto Sans Arabic", sans-serif;
  margin: 2em auto; max-width: 62em; padding: 0 1em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.7em; text-align: start; }
td.number, th.number { text-align: end; font-variant-numeric: tabular-nums; }
td.arabic { font-family: "Noto Sans Arabic", "Noto Naskh Arabic", "Amiri", serif; }
figure { margin: 1em 0; } figure svg { max-width: 100%; height: auto; }
.generated, .note { color: #666; font-size: 0.9em; }
"""
# No script, no request: only inline styles and (should a chart ever be a PNG) data: images.
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def write_report(summary: AgreementSummary, path: Path, now: datetime | None = None) -> None:
    """Write the report to `path` (UTF-8)."""
    moment = (now or datetime.now(UTC)).replace(microsecond=0).isoformat()
    with atomic_text(path) as stream:  # whole or not at all, never over a good report
        # HTML forbids control characters; a name from an older database may hold an escape
        # sequence that `cat` of the report would obey.
        stream.write(render_report(summary, moment).translate(REPLACED_CONTROLS))


def render_report(summary: AgreementSummary, generated_at: str) -> str:
    """The whole page as text."""
    names = ", ".join(summary.annotators)
    charts = {chart.name: svg(chart) for chart in agreement_charts(summary)}
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">',
        f"<title>Agreement: {_text(names)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>Agreement of {_text(names)}</h1>",
        GENERATED.format(_text(generated_at)),
        *_summary(summary),
        "<h2>By label</h2>",
        *_labels(summary),
        _figure(charts["labels"], "Exact F1, overlap F1, kappa and alpha by label"),
        *_pairs(summary, charts.get("pairs")),
        "<h2>Links</h2>",
        *_links(summary),
        "<h2>Claim attributes</h2>",
        *_attributes(summary),
        "<h2>Documents</h2>",
        _figure(charts["histogram"], "How many documents have each overlap F1"),
        _figure(charts["worst"], "The documents with the lowest overlap F1"),
        *_documents(summary),
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


# Sections


def _summary(summary: AgreementSummary) -> list[str]:
    reference = summary.annotators[0]
    rows = [
        (
            "Annotators",
            f"{', '.join(summary.annotators)} ({reference} is the reference for "
            "precision and recall)",
        ),
        ("Documents", str(len(summary.documents))),
        ("Documents compared (pooled)", str(summary.documents_compared)),
    ]
    states = [
        (state_words(state, summary.annotators), str(n)) for state, n in summary.states.items()
    ]
    return [
        "<h2>Summary</h2>",
        "<table class=summary>",
        *(f"<tr><th>{_text(name)}</th><td>{_text(value)}</td></tr>" for name, value in rows),
        "<tr><th colspan=2>Documents by state</th></tr>",
        *(f"<tr><td>{_text(name)}</td><td>{_text(value)}</td></tr>" for name, value in states),
        "</table>",
        "<p class=note>A document both annotators touched (a span, or a recorded status) is "
        "compared and pooled, even when one of them has no span in it; a document only one "
        f"touched is listed but not pooled. {MISSING} marks a figure that cannot be computed."
        "</p>",
    ]


def _labels(summary: AgreementSummary) -> list[str]:
    fleiss = len(summary.annotators) > 2
    header = ["Label", "Title", "Arabic title", "exact F1", "overlap F1", "kappa", "alpha"]
    header += ["Fleiss' kappa"] if fleiss else []
    rows = [
        _row(
            [
                _cell(row.name),
                _cell(row.title),
                f'<td class=arabic lang="ar" dir="rtl">{_text(row.arabic_title)}</td>',
                *_figure_cells(row.figures, fleiss),
            ]
        )
        for row in summary.labels
    ]
    rows.append(
        _row([_cell("overall"), "<td></td>", "<td></td>", *_figure_cells(summary.overall, fleiss)])
    )
    return _table(header, rows, numbers_from=3)


def _pairs(summary: AgreementSummary, chart: str | None) -> list[str]:
    if len(summary.pairs) < 2:
        return []
    header = ["Pair", "documents", "exact F1", "overlap F1", "kappa", "alpha"]
    rows = [
        _row(
            [
                _cell(f"{pair.a} / {pair.b}"),
                _number_cell(str(pair.documents)),
                *_figure_cells(pair.figures, False),
            ]
        )
        for pair in summary.pairs
    ]
    figure = [_figure(chart, "Overlap F1 and kappa by pair")] if chart else []
    return ["<h2>By pair</h2>", *_table(header, rows, numbers_from=1), *figure]


def _links(summary: AgreementSummary) -> list[str]:
    links = summary.links
    header = ["F1", "precision", "recall"]
    cells = [_figure_cell(links.f1), _figure_cell(links.precision), _figure_cell(links.recall)]
    if links.matched is not None:
        a, b = summary.annotators[0], summary.annotators[1]
        header += ["matched", f"{a}'s links", f"{b}'s links"]
        cells += [_number_cell(str(n)) for n in (links.matched, links.a_count, links.b_count)]
    return _table(header, [_row(cells)], numbers_from=0)


def _attributes(summary: AgreementSummary) -> list[str]:
    counted = any(row.claims is not None for row in summary.attributes)
    header = ["Attribute", *(["matched claims"] if counted else []), "agreement", "kappa"]
    rows = [
        _row(
            [
                _cell(row.name),
                *([_number_cell(str(row.claims))] if counted else []),
                _figure_cell(row.observed),
                _figure_cell(row.kappa),
            ]
        )
        for row in summary.attributes
    ]
    return _table(header, rows, numbers_from=1)


def _documents(summary: AgreementSummary) -> list[str]:
    header = ["id", "title", "state", "exact F1", "overlap F1", "kappa"]
    rows = [_document_row(row, summary.annotators) for row in summary.worst_first()]
    return [
        "<p class=note>Worst first: by overlap F1, those with no figure last.</p>",
        *_table(header, rows, numbers_from=3),
    ]


def _document_row(row: DocumentRow, annotators: Sequence[str]) -> str:
    figures = row.figures
    return _row(
        [
            _number_cell(str(row.document_id)),
            # dir="auto": each title reads in its own direction, Arabic or not.
            f'<td dir="auto">{_text(row.title)}</td>',
            _cell(state_words(row.state, annotators)),
            _figure_cell(figures.exact_f1),
            _figure_cell(figures.overlap_f1),
            _figure_cell(figures.kappa),
        ]
    )


def state_words(state: str, annotators: Sequence[str]) -> str:
    """A document state as a reader would say it."""
    words = {
        "compared": "compared",
        "both_empty": "no spans",
        "only_a": f"touched only by {annotators[0]}",
        "only_b": f"touched only by {annotators[-1]}",
        "all_empty": "no spans",
        "partial": "not touched by everyone",
    }
    return words.get(state, state)


# HTML pieces


def _text(value: str) -> str:
    return html.escape(value, quote=True)


def _cell(value: str) -> str:
    return f"<td>{_text(value)}</td>"


def _number_cell(value: str) -> str:
    return f"<td class=number>{_text(value)}</td>"


def _figure_cell(value: float | None) -> str:
    return _number_cell(format_figure(value))


def format_figure(value: float | None) -> str:
    """A figure as the report prints it: three decimals, or a dash when there is none."""
    return MISSING if value is None else f"{value:.3f}"


def _figure_cells(figures: Figures, fleiss: bool) -> list[str]:
    values = [figures.exact_f1, figures.overlap_f1, figures.kappa, figures.alpha]
    return [_figure_cell(value) for value in values + ([figures.fleiss_kappa] if fleiss else [])]


def _row(cells: Iterable[str]) -> str:
    return "<tr>" + "".join(cells) + "</tr>"


def _table(header: Sequence[str], rows: Sequence[str], numbers_from: int) -> list[str]:
    heads = "".join(
        f"<th{' class=number' if i >= numbers_from else ''}>{_text(name)}</th>"
        for i, name in enumerate(header)
    )
    return ["<table>", f"<thead><tr>{heads}</tr></thead>", "<tbody>", *rows, "</tbody>", "</table>"]


def _figure(chart: str, caption: str) -> str:
    return f"<figure>{chart}<figcaption>{_text(caption)}</figcaption></figure>"
