"""Caseload over the years: the council's figures, national and regional lines
when the store has them, inspection outcomes marked, a cursor at the current date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.app import RenderResult
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

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


def one_per_column(
    inspections: list[tuple[date, str | None]], left: float, right: float, columns: int
) -> list[tuple[date, str | None]]:
    """The last inspection in each chart column: marks that would overlap draw once (a
    history of hundreds of inspections would otherwise cost plotext a frame per mark)."""
    chosen: dict[int, tuple[date, str | None]] = {}
    for day, grade in sorted(inspections, key=lambda i: i[0]):
        chosen[int((year_of(day) - left) / (right - left) * columns)] = (day, grade)
    return list(chosen.values())


def plot_view(plt: Plot, view: CouncilView, as_of: date, columns: int) -> None:
    """Lay out the chart on a plotext figure (plain computation: safe in a worker)."""
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
    for day, grade in one_per_column(view.inspections, left, right, max(10, columns - 8)):
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


# (width, height, plotext theme): what a drawing was made for
PlanKey = tuple[int, int, str]


@dataclass(frozen=True)
class DrawnChart:
    key: PlanKey
    text: Text


class CaseloadChart(PlotextPlot):
    """Drawn in the worker at the planned size (plotext takes a frame or more); drawn
    here only when the size or theme changed since, from the last view shown."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.plan_key: PlanKey = (80, 24, "pro")
        self._drawn: DrawnChart | None = None
        self._shown: tuple[CouncilView, date] | None = None

    def plan(self) -> PlanKey:
        """The size and theme the worker draws for (call on the UI thread)."""
        self.plan_key = (self.size.width, self.size.height, self._get_plotext_theme_name(self.app.theme))
        return self.plan_key

    def on_resize(self) -> None:
        self.plan()

    def draw_view(self, view: CouncilView, as_of: date) -> DrawnChart | None:
        """The chart as text at the planned size, on a figure of its own (thread-safe);
        None before the widget has a size (it is then drawn when it renders)."""
        key = self.plan_key
        width, height, theme = key
        if width < 10 or height < 5:
            return None
        plt = Plot()
        plot_view(plt, view, as_of, width)
        plt.plotsize(width, height)
        plt._set_size(width, height)  # as PlotextPlot.render does (textual-plotext issue 5)
        plt.theme(theme)
        return DrawnChart(key, Text.from_ansi(plt.build()))

    def show_drawn(self, view: CouncilView, as_of: date, drawn: DrawnChart | None = None) -> None:
        self._shown, self._drawn = (view, as_of), drawn
        self.refresh()

    def render(self) -> RenderResult:
        if self._drawn is not None and self._drawn.key == self.plan():
            return self._drawn.text
        if self._shown is not None:  # resized or re-themed since: lay it out again here
            plot_view(self.plt, *self._shown, self.size.width)
        return super().render()
