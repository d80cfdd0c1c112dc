"""Two to six councils side by side at the current time point: a lane per council of
its judgements over time, and their caseload lines on one chart with England's."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from tracker.comparison import Comparison
from tracker.time_point import TimePoint
from tui.screens.base import DataScreen
from tui.widgets.caseload_chart import PlanKey
from tui.widgets.comparison_chart import ComparisonChart
from tui.widgets.grade_lanes import GradeLanes
from tui.widgets.steady_footer import SteadyFooter
from tui.widgets.time_bar import TimeBar

Fetched = tuple[Comparison, tuple[PlanKey, Text] | None]


class ComparisonScreen(DataScreen[Fetched]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "back", "Back", id="comparison.back", tooltip="back to the overview"),
    ]

    def __init__(self, la_codes: list[str]) -> None:
        super().__init__(id="comparison")
        self.la_codes = la_codes

    def compose(self) -> ComposeResult:
        yield TimeBar(id="time-bar")
        yield Static("Judgements over time (overall grade in force; a letter where an inspection began)",
                     id="lanes-title", markup=False)
        yield GradeLanes(id="lanes")
        yield ComparisonChart(id="comparison-chart")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.chart = self.query_one(ComparisonChart)
        self.chart.plan()
        super().on_mount()

    def fetch(self, point: TimePoint) -> Fetched:
        found = self.tracker_app.backend.compare(self.la_codes, point)
        return found, self.chart.draw_found(found)

    def apply(self, point: TimePoint, data: Fetched) -> None:
        found, drawn = data
        self.sub_title = " · ".join(s.council.name for s in found.councils)
        self.query_one(GradeLanes).show(found)
        self.chart.show_drawn(found, drawn)

    def export_table(self) -> tuple[list[str], list[list[str]]]:
        found = self.query_one(GradeLanes).found
        if found is None:
            return [], []
        rows = [[s.council.name, c.as_at or "", f"{c.figure.point:g}",
                 "" if c.national is None else f"{c.national.point:g}"]
                for s in found.councils for c in s.caseloads]
        return ["council", "as at", "caseload", "England"], rows

    def chart_councils(self) -> list[str]:
        return list(self.la_codes)

    def action_back(self) -> None:
        self.app.pop_screen()
