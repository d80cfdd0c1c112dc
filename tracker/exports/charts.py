"""Draw a chart (tracker/exports/chart_data.py) as PNG or SVG, fit to paste in a report:
8 by 4.5 inches (1200 by 675 pixels at 150 dpi), a title naming the subject and the time
point, labelled axes, a legend, and inspection grades as coloured marks along the bottom.

matplotlib draws off screen (its Agg canvas): no window, no display needed. Text from
data is drawn literally (``text.parse_math`` off: a ``$`` never starts mathematical notation).
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure

from events.vocabulary import GRADED, Grade
from tracker.exports.chart_data import Chart
from tracker.exports.files import file_stem, write_export
from tracker.palette import GRADE_COLOURS as PALETTE

WIDTH_INCHES, HEIGHT_INCHES, DPI = 8.0, 4.5, 150
FORMATS = ("png", "svg")
# By the grade's words (the marks' labels); a grade not read, or none, is a darker grey
GRADE_COLOURS = {Grade(grade).label: colour for grade, colour in PALETTE.items() if grade in GRADED}
OTHER_GRADE = "#888888"
TITLE_WIDTH = 95  # characters on a line of the title
ENGLAND_STYLE = {"color": "black", "linestyle": "--", "linewidth": 1.5}
REGION_STYLE = {"color": "#555555", "linestyle": ":", "linewidth": 1.5}
# Reproducible files: the same chart gives the same bytes (no date stamp, fixed ids).
RC: dict[str, Any] = {"svg.hashsalt": "tracker", "svg.fonttype": "path", "font.size": 9,
                      "text.parse_math": False}


def _draw(chart: Chart) -> Figure:
    figure = Figure(figsize=(WIDTH_INCHES, HEIGHT_INCHES), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    for line in chart.lines:
        days = [day for day, _ in line.points]
        values = [value for _, value in line.points]
        if line.role == "england":
            style: dict[str, object] = dict(ENGLAND_STYLE)
        elif line.role == "region":
            style = dict(REGION_STYLE)
        else:
            style = {"linewidth": 2.4 if line.role == "subject" else 1.8, "marker": "o", "markersize": 3}
        axes.plot(days, values, label=line.label, **style)  # type: ignore[arg-type]
    _draw_marks(chart, axes)
    if not chart.lines:
        axes.text(0.5, 0.5, "no caseload figures at this time point", ha="center", va="center",
                  transform=axes.transAxes, color="#555555")
        if not chart.marks:
            axes.set_xticks([])
    # Wrapped here: matplotlib's own wrapping measures text as mathematics whatever parse_math says.
    axes.set_title(textwrap.fill(chart.title, TITLE_WIDTH), fontsize=10, loc="left")
    axes.set_xlabel("as at")
    axes.set_ylabel(chart.y_label)
    axes.set_ylim(bottom=0)
    locator = AutoDateLocator()
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes.grid(True, color="#dddddd", linewidth=0.6)
    if chart.sources:
        publishers = sorted({s.publisher for s in chart.sources if s.publisher})
        figure.text(0.01, 0.01, "Sources: " + "; ".join(publishers), fontsize=7, color="#555555")
    if axes.get_legend_handles_labels()[0]:
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, fontsize=8, frameon=False)
    figure.subplots_adjust(left=0.08, right=0.97, top=0.9, bottom=0.32)
    return figure


def _draw_marks(chart: Chart, axes: object) -> None:
    """Each inspection as a triangle on the bottom axis, coloured by its overall grade,
    with one legend entry per grade shown."""
    shown: set[str] = set()
    for mark in chart.marks:
        colour = GRADE_COLOURS.get(mark.grade, OTHER_GRADE)
        label = f"inspection: {mark.grade}" if mark.grade not in shown else None
        shown.add(mark.grade)
        axes.plot([mark.day], [0], marker="^", markersize=9, color=colour, linestyle="none",  # type: ignore[attr-defined]
                  clip_on=False, zorder=5, label=label)


def chart_bytes(chart: Chart, fmt: str) -> bytes:
    """The chart as PNG or SVG bytes, always the same size."""
    return figure_bytes(lambda: _draw(chart), fmt)


def figure_bytes(draw: Callable[[], Figure], fmt: str) -> bytes:
    """A figure ``draw`` makes under the report settings, as PNG or SVG bytes without a
    date or software stamp (the same chart gives the same bytes)."""
    if fmt not in FORMATS:
        raise ValueError(f"a chart is PNG or SVG, not {fmt}")
    with rc_context(RC):  # type: ignore[arg-type]
        figure = draw()
        buffer = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        figure.savefig(buffer, format=fmt, dpi=DPI, metadata=metadata)
    return buffer.getvalue()


def write_chart(chart: Chart, folder: Path | str, fmt: str, what: str, subject: str | None = None) -> Path:
    """Write the chart as a new PNG or SVG file in ``folder``; returns the full path written."""
    data = chart_bytes(chart, fmt)
    return write_export(folder, file_stem(what, subject, chart.time_point), fmt, data)
