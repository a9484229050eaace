"""Agreement charts, drawn with matplotlib for the HTML report (SVG) and the dashboard (PNG).

Never imports Qt, and never pyplot: each chart is a `Figure` on its own Agg canvas, so drawing
needs no display, picks no GUI backend and keeps no global figure list. matplotlib 3.11 shapes
Arabic and orders it right to left itself, so titles go in as stored; reshaped text
(arabic-reshaper, python-bidi) would come out reversed (docs/arabic-in-qt.md). Its PDF output
spaces Arabic words wrongly, hence SVG and PNG only.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import matplotlib as mpl
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ui.report.summary import AgreementSummary, LabelRow

# The bundled font (ui/fonts.py loads the same file into Qt; that module imports Qt).
FONT_FILE = Path(__file__).resolve().parents[2] / "assets" / "fonts" / "NotoSansArabic.ttf"
# Okabe and Ito's palette, told apart with every kind of colour blindness.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7")
WORST = 10
TITLE_LENGTH = 45  # characters of a document title on the worst-documents chart
DPI = 100
# An id in an SVG, and the two ways matplotlib refers to one.
_ID_USE = re.compile(r'(\bid="|href="#|url\(#)([^")]+)')


@dataclass(frozen=True, slots=True)
class ChartText:
    """The words on the charts: English for the report; the dashboard passes translations."""

    exact_f1: str = "exact F1"
    overlap_f1: str = "overlap F1"
    kappa: str = "kappa"
    alpha: str = "alpha"
    overall: str = "overall"
    by_label: str = "Agreement by label"
    by_pair: str = "Agreement by pair of annotators"
    histogram: str = "Documents by overlap F1"
    documents: str = "documents"
    worst: str = "The documents with the lowest overlap F1"
    nothing: str = "No document could be compared"
    missing: str = "n/a"
    # "en" or "ar": each label under its title in that language (the dashboard, in the
    # interface's); empty: both titles, one above the other (the report, read by either).
    label_language: str = ""


@dataclass(frozen=True, slots=True)
class Chart:
    """One drawn chart: `name` says which ("labels", "pairs", "histogram", "worst")."""

    name: str
    figure: Figure


def agreement_charts(summary: AgreementSummary, text: ChartText | None = None) -> list[Chart]:
    """Every chart for a comparison; the per-pair one only with three or more annotators."""
    words = text or ChartText()
    charts = [Chart("labels", label_chart(summary, words))]
    if len(summary.pairs) > 1:
        charts.append(Chart("pairs", pair_chart(summary, words)))
    charts.append(Chart("histogram", histogram_chart(summary, words)))
    charts.append(Chart("worst", worst_documents_chart(summary, words)))
    return charts


def label_chart(summary: AgreementSummary, text: ChartText) -> Figure:
    """Per label and overall: exact F1, overlap F1, kappa and alpha as grouped bars."""
    groups = [_label_title(row, text.label_language) for row in summary.labels] + [text.overall]
    rows = [row.figures for row in summary.labels] + [summary.overall]
    series = {
        text.exact_f1: [figures.exact_f1 for figures in rows],
        text.overlap_f1: [figures.overlap_f1 for figures in rows],
        text.kappa: [figures.kappa for figures in rows],
        text.alpha: [figures.alpha for figures in rows],
    }
    return _grouped_bars(text.by_label, groups, series, text, width=7.5)


def pair_chart(summary: AgreementSummary, text: ChartText) -> Figure:
    """Per pair of annotators: overlap F1 and kappa, pooled over the pair's documents."""
    groups = [f"{pair.a} / {pair.b}" for pair in summary.pairs]
    series = {
        text.overlap_f1: [pair.figures.overlap_f1 for pair in summary.pairs],
        text.kappa: [pair.figures.kappa for pair in summary.pairs],
    }
    return _grouped_bars(text.by_pair, groups, series, text, width=max(5.0, 1.4 * len(groups)))


def histogram_chart(summary: AgreementSummary, text: ChartText) -> Figure:
    """How many documents have each overlap F1, in tenths (documents without one left out)."""
    values = [row.figures.overlap_f1 for row in summary.documents]
    present = [value for value in values if value is not None]
    with _style():
        figure, axes = _figure(6.0, 3.4)
        axes.set_title(text.histogram)
        if present:
            axes.hist(present, bins=[i / 10 for i in range(11)], color=COLOURS[0], rwidth=0.9)
        else:
            _say(axes, text.nothing)
        axes.set_xlim(0, 1)
        axes.set_xlabel(text.overlap_f1)
        axes.set_ylabel(text.documents)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    return figure


def worst_documents_chart(summary: AgreementSummary, text: ChartText, count: int = WORST) -> Figure:
    """The documents with the lowest overlap F1 as bars, titled, the worst at the top."""
    rows = [row for row in summary.worst_first() if row.figures.overlap_f1 is not None][:count]
    with _style():
        figure, axes = _figure(7.5, 1.2 + 0.35 * max(len(rows), 3))
        axes.set_title(text.worst)
        if not rows:
            _say(axes, text.nothing)
            axes.set_yticks([])
        else:
            values = [row.figures.overlap_f1 or 0.0 for row in rows]
            positions = range(len(rows))
            bars = axes.barh(positions, values, color=COLOURS[1])
            axes.bar_label(bars, [f"{value:.2f}" for value in values], padding=3, fontsize=8)
            # "#id title": the title's first strong letter sets each label's direction.
            axes.set_yticks(positions, [f"#{row.document_id} {_short(row.title)}" for row in rows])
            axes.invert_yaxis()
        axes.set_xlim(0, 1.1)
        axes.set_xlabel(text.overlap_f1)
    return figure


def svg(chart: Chart) -> str:
    """The chart as an `<svg>` element to put inline in HTML (no XML prolog, no doctype).

    Text is drawn as paths, so the page needs no font. Every id is prefixed with the chart's
    name, so several charts in one page never share one (matplotlib numbers its ids per
    figure: each chart would have a "figure_1"); the hash salt is fixed, so the same figures
    always give the same bytes.
    """
    buffer = io.StringIO()
    with _style():
        chart.figure.savefig(buffer, format="svg", metadata={"Date": None})
    document = buffer.getvalue()
    element = document[document.index("<svg") :].strip()
    return _ID_USE.sub(lambda match: f"{match[1]}{chart.name}-{match[2]}", element)


def png(chart: Chart, dpi: int = DPI) -> bytes:
    """The chart as PNG bytes."""
    buffer = io.BytesIO()
    with _style():
        chart.figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


# Drawing


def _grouped_bars(
    title: str,
    groups: Sequence[str],
    series: dict[str, list[float | None]],
    text: ChartText,
    width: float,
) -> Figure:
    """Bars of each series side by side per group; a figure that is None gets "n/a"."""
    with _style():
        figure, axes = _figure(width, 3.8)
        axes.set_title(title)
        bar_width = 0.8 / len(series)
        lowest = 0.0
        for index, (name, values) in enumerate(series.items()):
            offsets = [g + (index - (len(series) - 1) / 2) * bar_width for g in range(len(groups))]
            heights = [0.0 if value is None else value for value in values]
            bars = axes.bar(
                offsets, heights, bar_width, label=name, color=COLOURS[index % len(COLOURS)]
            )
            labels = [text.missing if value is None else f"{value:.2f}" for value in values]
            axes.bar_label(bars, labels, padding=2, fontsize=7)
            lowest = min(lowest, *heights)
        axes.axhline(0, color="#444444", linewidth=0.8)
        axes.set_xticks(range(len(groups)), groups)
        # Kappa and alpha fall below 0 when annotators agree less than chance would.
        axes.set_ylim(min(0.0, lowest - 0.1), 1.12)
        # Under the chart, outside the axes: constrained layout makes room for it.
        figure.legend(loc="outside lower center", ncols=len(series), frameon=False)
    return figure


def _figure(width: float, height: float) -> tuple[Figure, Axes]:
    """A figure on its own Agg canvas (pyplot's global state is never touched)."""
    figure = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.spines[["top", "right"]].set_visible(False)
    return figure, axes


def _label_title(row: LabelRow, language: str) -> str:
    if language == "ar":
        return row.arabic_title
    if language == "en":
        return row.title
    return f"{row.title}\n{row.arabic_title}"


def _say(axes: Axes, message: str) -> None:
    axes.text(0.5, 0.5, message, transform=axes.transAxes, ha="center", va="center")


def _short(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= TITLE_LENGTH else title[: TITLE_LENGTH - 1] + "…"


@cache
def font_families() -> tuple[str, ...]:
    """Register the bundled Arabic font once; Arabic first, DejaVu Sans for what it lacks."""
    font_manager.fontManager.addfont(str(FONT_FILE))
    return (font_manager.FontProperties(fname=FONT_FILE).get_name(), "DejaVu Sans")


@contextmanager
def _style() -> Iterator[None]:
    """matplotlib's settings while a chart is drawn or saved, without changing the defaults."""
    with mpl.rc_context(
        {
            "font.family": list(font_families()),
            "font.size": 9,
            "svg.fonttype": "path",
            "svg.hashsalt": "hamish",
        }
    ):
        yield
