"""Caseloads and ratings: how often inspections went down, stayed the same or went up, by the
council's caseload at fieldwork, at the app's time point; a count in every cell, a plain
word that it is association and not cause, and a strip chart of caseload against outcome
(exported from the palette as PNG or SVG: tracker/exports/outcome_chart.py).

Why a screen of its own: it is the question the source reports ask across England, and it
reads every inspection (``Tracker.inspections``), so it loads in a worker like the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from math import ceil
from pathlib import Path
from statistics import median
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from tracker.exports.outcome_chart import write_outcome_chart
from tracker.inspection_answer import InspectionsAnswer
from tracker.outcomes import FLAT, OUTCOMES, Cell, OutcomeTable, caseloads_by_outcome, outcome_table
from tracker.time_point import TimePoint
from tui.screens.base import DataScreen
from tui.widgets.steady_footer import SteadyFooter
from tui.widgets.time_bar import TimeBar

CAUTION = ("This shows association, not cause: councils with higher caseloads differ in many other "
           "ways (demand, deprivation, leadership, money), and an inspection's outcome has many causes.")
STRIP_WIDTH = 48
SHADES = " ░▒▓█"  # none, then a quarter, half, three quarters, all of the busiest cell
LABELS = {"down": "down", "same": "same", "up": "up"}


@dataclass(frozen=True)
class Outcomes:
    """What the screen shows: the table, the chart's lines (and the caseloads they are
    drawn from, for the chart export), and how many rows there were."""

    table: OutcomeTable
    chart: tuple[str, ...]
    inspections: int
    by_outcome: dict[str, list[float]]


def strip_chart(by_outcome: dict[str, list[float]], width: int = STRIP_WIDTH) -> tuple[str, ...]:
    """One row per outcome: where its inspections' caseloads fall on a shared scale (shade:
    how many fall in that cell, against the busiest cell of any row), its n and median; then
    the scale. No caseload at all: one line saying so."""
    values = [v for found in by_outcome.values() for v in found]
    if not values:
        return ("No inspection with an outcome and a caseload at this date.",)
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    bins = {o: [0] * width for o in OUTCOMES}
    for outcome, found in by_outcome.items():
        for value in found:
            bins[outcome][min(width - 1, int((value - low) / span * width))] += 1
    busiest = max(max(b) for b in bins.values())
    lines = []
    for outcome in OUTCOMES:
        found = by_outcome.get(outcome, [])
        cells = "".join(SHADES[ceil(count / busiest * (len(SHADES) - 1))] for count in bins[outcome])
        middle = f"median {median(found):.1f}" if found else "median —"
        lines.append(f"{LABELS[outcome]:<5} n={len(found):<4} │{cells}│ {middle}")
    left, right = f"{low:.1f}", f"{high:.1f}"
    lines.append(" " * 12 + left + " " * max(1, width + 2 - len(left) - len(right)) + right)
    lines.append(" " * 12 + "caseload at fieldwork (cases per social worker)")
    return tuple(lines)


def percent(cell: Cell) -> str:
    return f"{100 * cell.down / cell.n:.0f}%" if cell.n else "—"


def table_rows(table: OutcomeTable) -> list[tuple[str, str, Cell]]:
    """(section, group, cell) for every cell, in the order shown."""
    sections = (("Caseload quartile", table.by_quartile), ("Two-year change", table.by_trend),
                ("Against the median", table.by_side), ("Change and median", table.by_trend_and_side))
    return [(section, group, cell) for section, groups in sections for group, cell in groups]


HEADERS = ["grouping", "group", "down", "same", "up", "n", "share down"]


def export_rows(table: OutcomeTable) -> list[list[str]]:
    return [[section, group, str(c.down), str(c.same), str(c.up), str(c.n), percent(c)]
            for section, group, c in table_rows(table)]


def render_table(table: OutcomeTable) -> Table:
    shown = Table(expand=False, header_style="bold", padding=(0, 1))
    for name in HEADERS:
        shown.add_column(name, justify="left" if name in ("grouping", "group") else "right", no_wrap=True)
    last = None
    for section, group, cell in table_rows(table):
        shown.add_row(Text(section if section != last else "", style="dim"), Text(group), str(cell.down),
                      str(cell.same), str(cell.up), Text(str(cell.n), style="bold"), percent(cell),
                      end_section=False)
        last = section
    return shown


def definitions(found: Outcomes) -> str:
    t = found.table
    cuts = ("quartile cuts " + ", ".join(f"{c:.1f}" for c in t.cuts) + "; ") if t.cuts else ""
    middle = f"median {t.median:.1f}; " if t.median is not None else ""
    return (f"{t.counted} of {found.inspections} judgement inspections counted: those with an outcome (down, "
            f"same or up from the council's previous graded one) and a caseload at the last as-at date "
            f"before fieldwork; {cuts}{middle}flat: within ±{FLAT} cases per worker over the two years "
            f"before ({t.without_trend} had no figure two years before and are left out of the change rows).")


class CaseloadsRatingsScreen(DataScreen[Outcomes]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "back", "Back", id="outcomes.back", tooltip="back to where you were"),
    ]

    def __init__(self) -> None:
        super().__init__(id="caseloads-ratings")
        self.shown: Outcomes | None = None
        self.shown_at: TimePoint | None = None  # the time point of what is shown

    def compose(self) -> ComposeResult:
        yield TimeBar(id="time-bar")
        with VerticalScroll(id="outcomes-body"):
            yield Static(Text("Caseloads and ratings", style="bold"), id="outcomes-title")
            yield Static(Text(CAUTION, style="italic"), id="outcomes-caution")
            yield Static(Text("loading…", style="dim"), id="outcomes-table")
            yield Static(id="outcomes-definitions")
            yield Static(Text("Caseload against outcome", style="bold"), id="outcomes-chart-title")
            yield Static(id="outcomes-chart")
        yield SteadyFooter()

    def fetch(self, point: TimePoint) -> Outcomes:
        """Every inspection at the time point, counted and charted here, off the UI thread."""
        answer: InspectionsAnswer = self.tracker_app.backend.inspections(point)
        by_outcome = caseloads_by_outcome(answer.rows)
        return Outcomes(outcome_table(answer.rows), strip_chart(by_outcome), len(answer.rows), by_outcome)

    def apply(self, point: TimePoint, data: Outcomes) -> None:
        self.shown, self.shown_at = data, point
        self.query_one("#outcomes-table", Static).update(render_table(data.table))
        self.query_one("#outcomes-definitions", Static).update(Text(definitions(data), style="dim"))
        self.query_one("#outcomes-chart", Static).update(Text("\n".join(data.chart)))

    def export_table(self) -> tuple[list[str], list[list[str]]]:
        return (list(HEADERS), export_rows(self.shown.table)) if self.shown else ([], [])

    def chart_file(self) -> Callable[[str, Path], Path] | None:
        """The strip chart on screen, drawn as a report chart from the same caseloads."""
        if self.shown is None or self.shown_at is None:
            return None
        by_outcome, at = self.shown.by_outcome, self.shown_at

        def write(fmt: str, folder: Path) -> Path:
            return write_outcome_chart(by_outcome, at, folder, fmt)

        return write

    def action_back(self) -> None:
        self.app.pop_screen()
