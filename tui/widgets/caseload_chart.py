"""Caseload over the years: the council's figures, England's, the region's and the
neighbours' average lines when the store has them, inspection outcomes marked, a cursor
at the current date. The same chart shows any other workforce figure (``CouncilView.figure``).

The figure's title is on the chart's top border; the legend is a line of its own above
the plot, so it never lands on a line or a grade mark; the y axis spans the figures
shown (with a margin), not 0 to the highest, so lines a point apart stay apart; the
plot takes the widget's whole height; with no figure by the date, the chart says so
instead of an empty axis.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.app import RenderResult
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

from tracker.palette import GRADE_COLOURS as PALETTE
from tracker.palette import rgb as colour_of
from tracker.safe_text import literal
from tui.backend import CouncilView
from tui.present import GRADE_LETTER

GRADE_COLOURS = {grade: colour_of(hex_colour) for grade, hex_colour in PALETTE.items()}
COUNCIL_COLOUR = (0, 200, 200)
LINE_COLOURS = {"national": (120, 160, 255), "regional": (200, 140, 255), "neighbours": (230, 190, 90)}
LEGEND_ROWS = 1
SIZE_WAIT = 1.0  # seconds a worker waits for the chart's first layout, at most
FIGURE_WORDS = {"caseload": "caseload", "agency_rate": "agency rate", "vacancy_rate": "vacancy rate",
                "turnover_rate": "turnover rate", "fte": "FTE"}


def rgb(colour: tuple[int, int, int]) -> str:
    return "rgb({},{},{})".format(*colour)


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


def y_span(values: list[float], rows: int) -> tuple[float, float, float]:
    """(bottom, top of the figures' band, height of the row above it for the marks):
    the figures' own range with a tenth of it (at least half a case) either side."""
    low, high = min(values), max(values)
    margin = max(0.5, (high - low) * 0.1)
    bottom, top = max(0.0, low - margin), high + margin
    return bottom, top, (top - bottom) / max(1, rows - 1)


def council_points(view: CouncilView) -> list[tuple[float, float]]:
    return [(year_of(day), value) for day, value in view.points]


def plot_view(plt: Plot, view: CouncilView, as_of: date, columns: int, rows: int) -> None:
    """Lay out the chart on a plotext figure (plain computation: safe in a worker).
    ``rows`` is the plot's height: the y axis leaves the top row for the grade marks."""
    plt.clear_figure()
    points = council_points(view)
    values = [y for _, y in points]
    for name, series in view.lines.items():  # England, the region and the neighbours under the council
        if series:
            values += [v for _, v in series]
            plt.plot([year_of(d) for d, _ in series], [v for _, v in series],
                     color=LINE_COLOURS.get(name, "gray"), marker="braille")
    plt.plot([x for x, _ in points], [y for _, y in points], color=COUNCIL_COLOUR, marker="hd")
    plt.scatter([x for x, _ in points], [y for _, y in points], color=COUNCIL_COLOUR, marker="●")
    bottom, top, row = y_span(values, rows - 3)  # less the frame and the x axis
    marks = top + row
    years = [x for x, _ in points] + [year_of(d) for d, _ in view.inspections] + [year_of(as_of)]
    left, right = min(years) - 0.5, max(years) + 0.5
    for day, grade in one_per_column(view.inspections, left, right, max(10, columns - 8)):
        colour = GRADE_COLOURS.get(grade or "unknown", GRADE_COLOURS["unknown"])
        plt.vline(year_of(day), colour)
        plt.text(GRADE_LETTER.get(grade or "", "–"), year_of(day), marks, color=colour)
    plt.vline(year_of(as_of), "white")
    plt.text("▼ now", year_of(as_of), marks, color="white", alignment="center")
    plt.xlim(left, right)
    plt.ylim(bottom, marks + row / 2)
    plt.xticks([float(y) for y in range(int(left) + 1, int(right) + 1)],
               [str(y) for y in range(int(left) + 1, int(right) + 1)])


def legend(view: CouncilView, width: int) -> Text:
    """What each line is, in the line's colour, on one row: the words that fit ``width``
    (the neighbours' line is "Neighbour average", or "Neighbour avg" when that is too wide)."""
    region = view.shown["council"].get("region") or "region"
    marks = Text("  │ letters: grade at each inspection", style="dim")
    candidates = []
    for near in ("Neighbour average", "Neighbour avg"):
        names = {"national": "England", "regional": region, "neighbours": near}
        lines = Text.assemble(("━● ", rgb(COUNCIL_COLOUR)), literal(view.shown["council"]["name"]))
        for key, series in view.lines.items():
            if series:
                lines.append("  ⣀⣀ ", style=rgb(LINE_COLOURS.get(key, (128, 128, 128))))
                lines.append(names.get(key, key))
        candidates += [lines + marks, lines]
    return next((c for c in candidates if c.cell_len <= width), candidates[-1])


def no_figures(view: CouncilView, as_of: date) -> Text:
    name = view.shown["council"]["name"]
    return Text.assemble(
        (f"No {FIGURE_WORDS.get(view.figure, view.figure)} figures for ", "dim italic"),
        literal(name, "dim italic"),
        (f" by {as_of.isoformat()}", "dim italic"),
        (" — step forward in time to see them." if view.inspections or view.lines else "", "dim"),
    )


# (width, height, plotext theme): what a drawing was made for
PlanKey = tuple[int, int, str]


def draw(view: CouncilView, as_of: date, key: PlanKey) -> Text:
    """The legend and the plot at ``key``'s size, on a figure of its own (thread-safe)."""
    width, height, theme = key
    if not view.points:
        return no_figures(view, as_of)
    rows = height - LEGEND_ROWS
    plt = Plot()
    plot_view(plt, view, as_of, width, rows)
    plt.plotsize(width, rows)
    plt._set_size(width, rows)  # as PlotextPlot.render does (textual-plotext issue 5)
    plt.theme(theme)
    drawn = Text("\n").join([legend(view, width), Text.from_ansi(plt.build().rstrip("\n"))])
    drawn.no_wrap, drawn.overflow = True, "crop"  # one row per line, always
    return drawn


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
        self.sized = threading.Event()  # set once the layout has given the widget its size

    def plan(self) -> PlanKey:
        """The size and theme the worker draws for (call on the UI thread)."""
        self.plan_key = (self.size.width, self.size.height, self._get_plotext_theme_name(self.app.theme))
        return self.plan_key

    def on_resize(self) -> None:
        self.plan()
        self.sized.set()

    def draw_view(self, view: CouncilView, as_of: date) -> DrawnChart | None:
        """The chart as text at the planned size (thread-safe: it waits, briefly, for a new
        screen's first layout, as drawing at a guessed size would be drawing twice); None
        before the widget has a size (it is then drawn when it renders)."""
        self.sized.wait(SIZE_WAIT)
        key = self.plan_key
        if key[0] < 10 or key[1] < 6:
            return None
        return DrawnChart(key, draw(view, as_of, key))

    def show_drawn(self, view: CouncilView, as_of: date, drawn: DrawnChart | None = None) -> None:
        self._shown, self._drawn = (view, as_of), drawn
        self.border_title = f"{view.title} · w: next figure"  # on the chart's top border
        self.refresh()

    def render(self) -> RenderResult:
        key = self.plan()
        if self._drawn is not None and self._drawn.key == key:
            return self._drawn.text
        if self._shown is None or key[0] < 10 or key[1] < 6:
            return Text()
        self._drawn = DrawnChart(key, draw(*self._shown, key))  # resized or re-themed since
        return self._drawn.text
