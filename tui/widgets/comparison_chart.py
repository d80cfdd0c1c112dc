"""Several councils' caseload lines on one chart, with England's: the comparison
screen's chart (drawn in the worker at the planned size, like the council screen's)."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import RenderResult
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

from tracker.comparison import Comparison
from tracker.safe_text import literal
from tui.widgets.caseload_chart import LINE_COLOURS, PlanKey, rgb, y_span, year_of

COUNCIL_COLOURS = [(0, 200, 200), (255, 120, 160), (160, 220, 90), (255, 200, 60), (170, 140, 255),
                   (255, 150, 80)]  # one per lane, at most six


def legend(found: Comparison, width: int) -> Text:
    text = Text()
    for n, summary in enumerate(found.councils):
        text.append("━● ", style=rgb(COUNCIL_COLOURS[n]))
        text.append_text(literal(summary.council.name))
        text.append("  ")
    text.append("⣀⣀ ", style=rgb(LINE_COLOURS["national"]))
    text.append("England")
    text.truncate(width)
    return text


def draw(found: Comparison, key: PlanKey) -> Text:
    """The legend and the plot at ``key``'s size, on a figure of its own (thread-safe)."""
    width, height, theme = key
    series = [[(year_of(date.fromisoformat(c.as_at)), c.figure.point) for c in s.caseloads
               if c.as_at and len(c.as_at) == 10] for s in found.councils]
    england = [(year_of(date.fromisoformat(day)), value) for day, value in found.england() if len(day) == 10]
    values = [v for line in [*series, england] for _, v in line]
    if not values:
        return Text(f"No caseload figures for these councils by {found.chosen.as_of.isoformat()}",
                    style="dim italic")
    plt = Plot()
    rows = height - 1
    if england:
        plt.plot([x for x, _ in england], [y for _, y in england], color=LINE_COLOURS["national"],
                 marker="braille")
    for n, line in enumerate(series):
        if line:
            plt.plot([x for x, _ in line], [y for _, y in line], color=COUNCIL_COLOURS[n], marker="hd")
    bottom, top, _ = y_span(values, rows - 3)
    plt.ylim(bottom, top)
    xs = [x for line in [*series, england] for x, _ in line]
    left, right = min(xs) - 0.5, max(xs) + 0.5
    plt.xlim(left, right)
    plt.xticks([float(y) for y in range(int(left) + 1, int(right) + 1)],
               [str(y) for y in range(int(left) + 1, int(right) + 1)])
    plt.plotsize(width, rows)
    plt._set_size(width, rows)  # as PlotextPlot.render does (textual-plotext issue 5)
    plt.theme(theme)
    drawn = Text("\n").join([legend(found, width), Text.from_ansi(plt.build().rstrip("\n"))])
    drawn.no_wrap, drawn.overflow = True, "crop"
    return drawn


class ComparisonChart(PlotextPlot):
    """The comparison's caseload lines; redrawn here only when the size or theme changed."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.plan_key: PlanKey = (80, 24, "pro")
        self._found: Comparison | None = None
        self._drawn: tuple[PlanKey, Text] | None = None

    def plan(self) -> PlanKey:
        self.plan_key = (self.size.width, self.size.height, self._get_plotext_theme_name(self.app.theme))
        return self.plan_key

    def on_resize(self) -> None:
        self.plan()

    def draw_found(self, found: Comparison) -> tuple[PlanKey, Text] | None:
        """Thread-safe: the chart at the planned size (None before the widget has one)."""
        key = self.plan_key
        return None if key[0] < 10 or key[1] < 6 else (key, draw(found, key))

    def show_drawn(self, found: Comparison, drawn: tuple[PlanKey, Text] | None) -> None:
        self._found, self._drawn = found, drawn
        self.border_title = "Caseload per social worker"
        self.refresh()

    def render(self) -> RenderResult:
        key = self.plan()
        if self._drawn is not None and self._drawn[0] == key:
            return self._drawn[1]
        if self._found is None or key[0] < 10 or key[1] < 6:
            return Text()
        self._drawn = (key, draw(self._found, key))
        return self._drawn[1]
