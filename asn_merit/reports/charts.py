"""Charts for the HTML report, drawn by matplotlib and returned as inline SVG markup.

Figures are built with `matplotlib.figure.Figure` and saved through the SVG canvas, never
through pyplot, so no GUI backend is loaded whatever MPLBACKEND says, and no global matplotlib
state is changed for a program that imports this library. The style is reset to matplotlib's
defaults inside a context, so a user's matplotlibrc cannot change the bytes; the SVG hash salt
is fixed and the date metadata dropped, so the same data give byte-identical SVG. Glyphs are
drawn as paths from the bundled DejaVu font: the chart looks the same on every screen and
printer, and text from the roster (group names) can never become markup or mathtext.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib as mpl
import matplotlib.style
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator, PercentFormatter

from asn_merit.reports.i18n import t

INK = "#1f2933"
MUTED = "#7b8794"
GRID = "#e4e7eb"
ACCENT = "#1f4e79"
ACCENT_LIGHT = "#a9bdd3"
ALERT = "#b03a2e"
STATUS_COLOURS = {
    "reference": ACCENT,
    "clear": "#2f7d4f",
    "watch": "#c27c0e",
    "finding": ALERT,
    "excluded": MUTED,
}
RC = {
    "svg.hashsalt": "asn-merit",
    "svg.fonttype": "path",
    "text.parse_math": False,
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.edgecolor": MUTED,
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
WIDTH_INCHES = 7.5
"""Plot width of the rate charts; group labels and the legend come on top of it."""
HISTOGRAM_WIDTH_INCHES = 10.0
BIN_STEPS = (0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100)
MAX_BINS = 30
_ID = re.compile(r'\bid="([^"]+)"')
_URL = re.compile(r"url\(#([^)]+)\)")
_HREF = re.compile(r'href="#([^"]+)"')
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)


STAGE_SHADES = ("#c9d6e5", "#8eaacb", "#4f79a8", ACCENT, "#12304d")
"""Bars of successive stages, light to dark, so the funnel reads left to right as it narrows."""


@dataclass(frozen=True)
class RatePoint:
    """One group's selection rate as the fairness table shows it; rate None means withheld."""

    group: str
    n: int | None
    rate: float | None
    low: float | None
    high: float | None
    status: str


@dataclass(frozen=True)
class FunnelGroup:
    """One group's share of all its rows still in the process after each stage (None: withheld)."""

    group: str
    n: int | None
    rates: tuple[float | None, ...]


@dataclass(frozen=True)
class ScorePoint:
    """One group's score summary; the audit keeps summaries, not the individual scores."""

    group: str
    n: int | None
    mean: float | None
    sd: float | None
    median: float | None
    status: str


def _svg(figure: Figure, chart_id: str, title: str) -> str:
    """The figure as an <svg> element that can sit beside other charts in one HTML page.

    Element ids are prefixed with `chart_id` because matplotlib numbers them per file and
    several charts share one document; the XML prolog, comments and RDF metadata are dropped.
    """
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", pad_inches=0.08,
                   metadata={"Date": None, "Creator": None, "Format": None, "Type": None,
                             "Title": title})
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    text = _METADATA.sub("", _COMMENT.sub("", text))
    text = _ID.sub(lambda m: f'id="{chart_id}-{m.group(1)}"', text)
    text = _URL.sub(lambda m: f"url(#{chart_id}-{m.group(1)})", text)
    text = _HREF.sub(lambda m: f'href="#{chart_id}-{m.group(1)}"', text)
    return text.replace("<svg ", f'<svg role="img" aria-label="{_attr(title)}" ', 1).strip()


def _attr(text: str) -> str:
    return (text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
            .replace(">", "&gt;"))


def _bin_edges(values: Sequence[float]) -> list[float]:
    """Round-numbered bins, at most MAX_BINS of them, so bars line up with the axis ticks."""
    low, high = min(values), max(values)
    step = next((s for s in BIN_STEPS if (high - low) / s <= MAX_BINS), BIN_STEPS[-1])
    start = math.floor(low / step) * step
    count = max(1, math.floor((high - start) / step) + 1)
    return [start + i * step for i in range(count + 1)]


def score_histogram(totals: Sequence[float], selected: Sequence[bool], cut_line: float | None,
                    lang: str, chart_id: str) -> str:
    """Distribution of eligible people's totals, selected stacked on the rest, a tick per
    selected person (with a quota per group they are a few among many), and the cut line when
    one cut line applies to everyone."""
    with mpl.style.context("default"), mpl.rc_context(RC):
        figure = Figure(figsize=(HISTOGRAM_WIDTH_INCHES, 2.8))
        ax = figure.add_subplot()
        chosen = [v for v, s in zip(totals, selected, strict=True) if s]
        rest = [v for v, s in zip(totals, selected, strict=True) if not s]
        ax.hist([chosen, rest], bins=_bin_edges(totals), stacked=True,
                color=[ACCENT, ACCENT_LIGHT], edgecolor="white", linewidth=0.6,
                label=[t("chart.selected", lang), t("chart.not_selected", lang)])
        if chosen:  # one tick per selected person, visible however few they are
            ax.plot(chosen, [0] * len(chosen), linestyle="", marker="|", markersize=14,
                    markeredgewidth=1.4, color=INK, label=t("chart.selected_each", lang),
                    clip_on=False)
        if cut_line is not None:
            ax.axvline(cut_line, color=ALERT, linestyle="--", linewidth=1.2,
                       label=t("chart.cut_line", lang, value=f"{cut_line:.2f}"))
        ax.set_xlabel(t("chart.total_score", lang))
        ax.set_ylabel(t("chart.people", lang))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(axis="y", color=GRID, linewidth=0.8)
        ax.set_axisbelow(True)
        ax.legend(frameon=False, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=3)
        return _svg(figure, chart_id, t("chart.histogram_title", lang))


def selection_rates(points: Sequence[RatePoint], reference_rate: float | None,
                    threshold: float, lang: str, chart_id: str, title: str) -> str:
    """Each group's rate with its confidence interval, against the reference and 4/5 lines.

    Groups whose rate is withheld keep their row, labelled, so the chart never hides a group.
    """
    with mpl.style.context("default"), mpl.rc_context(RC):
        figure = Figure(figsize=(WIDTH_INCHES, 0.9 + 0.28 * max(len(points), 2)))
        ax = figure.add_subplot()
        highs = [p.high if p.high is not None else p.rate for p in points]
        top = max([h for h in highs if h is not None] + [reference_rate or 0.0, 0.01])
        right = min(1.0, top * 1.15)
        for y, p in enumerate(points):
            if p.rate is None:
                ax.text(right * 0.01, y, t("chart.withheld", lang, n=p.n if p.n is not None
                                           else "?"), va="center", color=MUTED, fontsize=7.5)
                continue
            low = p.low if p.low is not None else p.rate
            high = p.high if p.high is not None else p.rate
            colour = STATUS_COLOURS.get(p.status, INK)
            # CIs are rounded to 10 significant digits, so a bound can overshoot the rate
            errors = [[max(p.rate - low, 0.0)], [max(high - p.rate, 0.0)]]
            ax.errorbar([p.rate], [y], xerr=errors, fmt="o", color=colour, ecolor=colour,
                        elinewidth=1.4, capsize=3, markersize=5)
        handles: list[Line2D] = []
        if reference_rate is not None:
            handles.append(ax.axvline(reference_rate, color=ACCENT, linewidth=1,
                                      label=t("chart.reference_rate", lang)))
            handles.append(ax.axvline(reference_rate * threshold, color=ALERT, linestyle="--",
                                      linewidth=1, label=t("chart.four_fifths", lang,
                                                           ratio=f"{threshold:g}")))
        shown = sorted({p.status for p in points if p.rate is not None} & set(STATUS_COLOURS),
                       key=list(STATUS_COLOURS).index)
        handles += [Line2D([], [], marker="o", linestyle="", color=STATUS_COLOURS[s],
                           label=t(f"fair.status.{s}", lang)) for s in shown]
        ax.set_yticks(range(len(points)), [p.group for p in points])
        ax.set_ylim(len(points) - 0.5, -0.5)
        ax.set_xlim(0, right)
        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_xlabel(t("chart.selection_rate", lang))
        ax.grid(axis="x", color=GRID, linewidth=0.8)
        ax.set_axisbelow(True)
        if handles:
            ax.legend(handles=handles, frameon=False, loc="lower left",
                      bbox_to_anchor=(0.0, 1.0), ncol=len(handles), fontsize=7.5,
                      handletextpad=0.4, columnspacing=1.2)
        return _svg(figure, chart_id, title)


def stage_funnel(groups: Sequence[FunnelGroup], stages: Sequence[str], lang: str,
                 chart_id: str, title: str) -> str:
    """Per group, the share of its rows that got through each stage, as bars side by side.

    The rates are cumulative (of all the group's rows), so a group that falls behind at any
    stage shows it in the last bar; withheld groups keep their row, labelled.
    """
    count = len(stages)
    height = 0.22 * count + 0.12
    with mpl.style.context("default"), mpl.rc_context(RC):
        figure = Figure(figsize=(WIDTH_INCHES, 0.9 + (height + 0.1) * max(len(groups), 2)))
        ax = figure.add_subplot()
        step = height / count
        for y, g in enumerate(groups):
            if all(r is None for r in g.rates):
                ax.text(0.01, y, t("chart.withheld", lang, n=g.n if g.n is not None else "?"),
                        va="center", color=MUTED, fontsize=7.5,
                        transform=ax.get_yaxis_transform())
                continue
            for k, r in enumerate(g.rates):
                if r is None:
                    continue
                offset = y - height / 2 + step * (k + 0.5)
                ax.barh(offset, r, height=step * 0.92, color=STAGE_SHADES[k % len(STAGE_SHADES)])
                ax.annotate(f"{r * 100:.0f}%", (r, offset), xytext=(3, 0),
                            textcoords="offset points", va="center", fontsize=6.5, color=INK)
        handles = [Line2D([], [], marker="s", linestyle="", markersize=7,
                          color=STAGE_SHADES[k % len(STAGE_SHADES)], label=stage)
                   for k, stage in enumerate(stages)]
        ax.set_yticks(range(len(groups)), [g.group for g in groups])
        ax.set_ylim(len(groups) - 0.5, -0.5)
        top = max([r for g in groups for r in g.rates if r is not None] + [0.01])
        ax.set_xlim(0, min(1.0, top) * 1.15)
        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_xlabel(t("chart.share_through", lang))
        ax.grid(axis="x", color=GRID, linewidth=0.8)
        ax.set_axisbelow(True)
        ax.legend(handles=handles, frameon=False, loc="lower left", bbox_to_anchor=(0.0, 1.0),
                  ncol=len(handles), fontsize=7.5, handletextpad=0.3, columnspacing=1.2)
        return _svg(figure, chart_id, title)


def score_summary(points: Sequence[ScorePoint], median_all: float | None, lang: str,
                  chart_id: str, title: str) -> str:
    """Each group's mean ± one standard deviation and its median, against the overall median."""
    with mpl.style.context("default"), mpl.rc_context(RC):
        figure = Figure(figsize=(WIDTH_INCHES, 0.9 + 0.28 * max(len(points), 2)))
        ax = figure.add_subplot()
        for y, p in enumerate(points):
            if p.mean is None:
                ax.text(0.01, y, t("chart.withheld", lang, n=p.n if p.n is not None else "?"),
                        va="center", color=MUTED, fontsize=7.5, transform=ax.get_yaxis_transform())
                continue
            colour = STATUS_COLOURS.get(p.status, INK)
            spread = p.sd or 0.0
            ax.errorbar([p.mean], [y], xerr=[[spread], [spread]], fmt="o", color=colour,
                        ecolor=colour, elinewidth=1.4, capsize=3, markersize=5)
            if p.median is not None:
                ax.plot([p.median], [y], marker="D", markersize=4.5, color="white",
                        markeredgecolor=colour, markeredgewidth=1.2, linestyle="")
        handles = [Line2D([], [], marker="o", color=INK, label=t("chart.mean_sd", lang)),
                   Line2D([], [], marker="D", linestyle="", color="white", markeredgecolor=INK,
                          label=t("chart.median", lang))]
        if median_all is not None:
            handles.append(ax.axvline(median_all, color=ALERT, linestyle="--", linewidth=1,
                                      label=t("chart.median_all", lang,
                                              value=f"{median_all:g}")))
        ax.set_yticks(range(len(points)), [p.group for p in points])
        ax.set_ylim(len(points) - 0.5, -0.5)
        ax.set_xlabel(t("chart.score", lang))
        ax.grid(axis="x", color=GRID, linewidth=0.8)
        ax.set_axisbelow(True)
        ax.legend(handles=handles, frameon=False, loc="lower left", bbox_to_anchor=(0.0, 1.0),
                  ncol=len(handles), fontsize=7.5, handletextpad=0.4, columnspacing=1.2)
        return _svg(figure, chart_id, title)
