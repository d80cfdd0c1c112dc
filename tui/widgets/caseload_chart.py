"""Caseload over the years: the council's figures, national and regional lines
when the store has them, inspection outcomes marked, a cursor at the current date."""

from __future__ import annotations

from datetime import date

from textual_plotext import PlotextPlot

from tui.backend import CouncilView, caseload_point, end_of
from tui.present import GRADE_LETTER

GRADE_COLOURS = {
    "outstanding": (27, 120, 55),
    "good": (127, 191, 123),
    "requires_improvement": (241, 163, 64),
    "inadequate": (178, 24, 43),
    "unknown": (187, 187, 187),
}
LINE_COLOURS = {"national": (120, 160, 255), "regional": (200, 140, 255)}


def year_of(day: date) -> float:
    """A date as a decimal year, the chart's x axis."""
    return day.year + (day.timetuple().tm_yday - 1) / 366


class CaseloadChart(PlotextPlot):
    """Redrawn from plain values; plotting happens only when the widget renders."""

    def show_view(self, view: CouncilView, as_of: date) -> None:
        plt = self.plt
        plt.clear_figure()
        plt.title("average caseload per social worker")
        points = [
            (year_of(end_of(c["as_at"]) or as_of), caseload_point(c)) for c in view.shown["caseloads"]
        ]
        values = [y for _, y in points]
        for name, series in view.lines.items():
            if series:
                xs = [year_of(d) for d, _ in series]
                ys = [v for _, v in series]
                values += ys
                plt.plot(xs, ys, label=name, color=LINE_COLOURS.get(name, "gray"), marker="braille")
        if points:
            plt.plot(
                [x for x, _ in points], values[: len(points)], label="council", color="cyan", marker="hd"
            )
            plt.scatter([x for x, _ in points], values[: len(points)], color="cyan", marker="●")
        top = max(values, default=30.0) * 1.15 or 30.0
        years = [x for x, _ in points] + [year_of(d) for d, _ in view.inspections] + [year_of(as_of)]
        left, right = min(years) - 0.5, max(years) + 0.5
        for day, grade in view.inspections:
            colour = GRADE_COLOURS.get(grade or "unknown", (187, 187, 187))
            plt.vline(year_of(day), colour)
            plt.text(GRADE_LETTER.get(grade or "", "–"), year_of(day), top * 0.95, color=colour)
        plt.vline(year_of(as_of), "white")
        plt.text("▼ now", year_of(as_of), top, color="white", alignment="center")
        plt.xlim(left, right)
        plt.ylim(0, top * 1.05)
        plt.xticks([float(y) for y in range(int(left) + 1, int(right) + 1)],
                   [str(y) for y in range(int(left) + 1, int(right) + 1)])
        if not points:
            plt.title("no caseload figures at this date")
        self.refresh()
