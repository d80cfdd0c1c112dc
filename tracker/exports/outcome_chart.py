"""Caseload at fieldwork against an inspection's outcome, as a new PNG or SVG file: what
`tracker inspections --png` and the Caseloads and ratings screen's chart export share.

It draws the TUI's strip chart as a report figure: a row per outcome (downgraded, same
grade, upgraded from the council's previous graded inspection), a dot per inspection at its
caseload, and each row's median. The inspections are the outcome table's
(tracker/outcomes.py caseloads_by_outcome); with none to draw the chart is refused, not
written empty. Dots are spread up and down by a fixed rule, so the same answer gives the
same file. matplotlib loads only when a chart is drawn (tracker/exports/charts.py)."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Any

from tracker.errors import UserError
from tracker.exports.files import file_stem, write_export
from tracker.outcomes import OUTCOMES
from tracker.palette import GRADE_COLOURS
from tracker.time_point import TimePoint

WHAT = "outcomes-by-caseload"  # the file's name: outcomes-by-caseload-D(-known-K).png
WORDS = {"down": "downgraded", "same": "same grade", "up": "upgraded"}
COLOURS = {"down": GRADE_COLOURS["inadequate"], "same": "#777777", "up": GRADE_COLOURS["outstanding"]}
SPREAD = 0.28  # how far a dot may sit above or below its row
GOLDEN = 0.6180339887498949  # consecutive dots land far apart, never on the same height


@dataclass(frozen=True, slots=True)
class OutcomeChart:
    """Each outcome's caseloads at fieldwork (in OUTCOMES order) at a time point."""

    rows: tuple[tuple[str, tuple[float, ...]], ...]
    time_point: TimePoint

    @classmethod
    def of(cls, by_outcome: Mapping[str, Sequence[float]], when: TimePoint) -> OutcomeChart:
        return cls(tuple((o, tuple(sorted(by_outcome.get(o, ())))) for o in OUTCOMES), when)

    @property
    def counted(self) -> int:
        return sum(len(values) for _, values in self.rows)

    @property
    def title(self) -> str:
        return f"Caseload at fieldwork and inspection outcome, {', '.join(self.time_point.words())}"


def offsets(count: int) -> list[float]:
    """Where each of ``count`` dots sits about its row: spread, and the same every time."""
    return [((n * GOLDEN + 0.5) % 1.0 - 0.5) * 2 * SPREAD for n in range(count)]  # the first on the row


def legend_words(outcome: str, count: int) -> str:
    return f"{WORDS[outcome]} ({count} inspection{'' if count == 1 else 's'})"


def _draw(chart: OutcomeChart) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from tracker.exports.charts import DPI, HEIGHT_INCHES, TITLE_WIDTH, WIDTH_INCHES

    figure = Figure(figsize=(WIDTH_INCHES, HEIGHT_INCHES), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    median_label: str | None = "median"
    for row, (outcome, values) in enumerate(chart.rows):
        heights = [row + offset for offset in offsets(len(values))]
        axes.plot(list(values), heights, marker="o", markersize=4, linestyle="none", alpha=0.65,
                  color=COLOURS[outcome], label=legend_words(outcome, len(values)))
        if values:
            middle = median(values)
            axes.plot([middle, middle], [row - SPREAD - 0.08, row + SPREAD + 0.08], color="black",
                      linewidth=2, label=median_label)
            median_label = None  # one legend entry for every row's median
    axes.set_yticks(range(len(chart.rows)), [WORDS[outcome] for outcome, _ in chart.rows])
    axes.set_ylim(-0.6, len(chart.rows) - 0.4)
    # Wrapped here: matplotlib's own wrapping measures text as mathematics whatever parse_math says.
    axes.set_title(textwrap.fill(chart.title, TITLE_WIDTH), fontsize=10, loc="left")
    axes.set_xlabel("caseload at fieldwork (children per social worker)")
    axes.set_ylabel("outcome")
    axes.grid(True, axis="x", color="#dddddd", linewidth=0.6)
    figure.text(0.01, 0.035, f"{chart.counted} inspections with a caseload at the last as-at date before "
                "fieldwork. Association, not cause.", fontsize=7, color="#555555")
    figure.text(0.01, 0.01, "Outcome: the overall grade against the council's previous graded inspection.",
                fontsize=7, color="#555555")
    handles, labels = axes.get_legend_handles_labels()
    order = sorted(range(len(labels)), key=lambda n: labels[n] == "median")  # the median last
    axes.legend([handles[n] for n in order], [labels[n] for n in order], loc="upper center",
                bbox_to_anchor=(0.45, -0.16), ncol=4, fontsize=8, frameon=False, columnspacing=1.2,
                handlelength=1.5)
    figure.subplots_adjust(left=0.15, right=0.97, top=0.9, bottom=0.26)
    return figure


def outcome_chart_bytes(chart: OutcomeChart, fmt: str) -> bytes:
    """The chart as PNG or SVG bytes, at the report size of every chart (charts.py)."""
    from tracker.exports.charts import figure_bytes

    return figure_bytes(lambda: _draw(chart), fmt)


def write_outcome_chart(by_outcome: Mapping[str, Sequence[float]], when: TimePoint, folder: Path | str,
                        fmt: str) -> Path:
    """Write the chart as a new file in ``folder`` (never over another); returns the full
    path written. No inspection to draw: refused with one line, nothing written."""
    chart = OutcomeChart.of(by_outcome, when)
    if not chart.counted:
        raise UserError(f"no inspection with an outcome and a caseload at fieldwork "
                        f"{', '.join(when.words())}: no chart written")
    return write_export(folder, file_stem(WHAT, None, when), fmt, outcome_chart_bytes(chart, fmt))
