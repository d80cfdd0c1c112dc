"""The Caseloads and ratings screen, in the real app on a real seeded store: opened by its key
and from the palette, it shows the outcome table with n in every cell (equal to the facade's
rows counted), the association-not-cause sentence and the strip chart, and follows the
app's time point (an earlier date counts fewer inspections)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.widgets import Static

from tracker.outcomes import Cell, caseloads_by_outcome, outcome_table
from tracker.service import Tracker
from tui.app import TrackerApp
from tui.screens.caseloads_ratings import CAUTION, CaseloadsRatingsScreen, export_rows, strip_chart

from .conftest import SIZE, screen_lines, wait_for
from .test_palette_and_help import palette, ready


def text_of(app: TrackerApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def export_rows_cell(cell: Cell) -> str:
    return f"{100 * cell.down / cell.n:.0f}%" if cell.n else "—"


def screen_ready(app: TrackerApp) -> Callable[[], bool]:
    return lambda: isinstance(app.screen, CaseloadsRatingsScreen) and not app.screen.dirty


async def test_the_screen_shows_the_counts_the_caution_and_the_chart(
        seeded: Tracker, make_app: Callable[..., TrackerApp]) -> None:
    app = make_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, ready(app))
        await pilot.press("ctrl+k")
        await wait_for(pilot, screen_ready(app), timeout=15)
        screen = app.screen
        assert isinstance(screen, CaseloadsRatingsScreen)
        rows = seeded.inspections(app.point.as_of, app.point.known).rows
        table = outcome_table(rows)
        assert table.counted > 0
        assert screen.export_table()[1] == export_rows(table)  # what is shown is the facade's rows counted
        shown = "\n".join(screen_lines(app))  # as drawn: every group with its n
        for group, cell in (*table.by_quartile, *table.by_trend, *table.by_side):
            line = next(line for line in shown.splitlines() if f" {group} " in line)
            assert line.replace("│", " ").split()[-5:] == [str(cell.down), str(cell.same), str(cell.up),
                                                           str(cell.n), export_rows_cell(cell)], line
        assert all(len(line) == 7 and line[5].isdigit() for line in screen.export_table()[1])  # n everywhere
        assert " ".join(text_of(app, "#outcomes-caution").split()) == CAUTION
        chart = text_of(app, "#outcomes-chart")
        assert chart.splitlines()[:3] == list(strip_chart(caseloads_by_outcome(rows)))[:3]
        assert [line.split()[0] for line in chart.splitlines()[:3]] == ["down", "same", "up"]

        app.go_to(date(2019, 12, 31))  # the screen follows the app's time point
        await wait_for(pilot, screen_ready(app), timeout=15)
        earlier = outcome_table(seeded.inspections(date(2019, 12, 31)).rows)
        assert earlier.counted < table.counted
        assert screen.export_table()[1] == export_rows(earlier)

        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, CaseloadsRatingsScreen))
        await palette(pilot, app, "Caseloads and ratings")
        await wait_for(pilot, screen_ready(app), timeout=15)


def test_the_strip_chart_puts_each_caseload_in_its_cell() -> None:
    lines = strip_chart({"down": [10.0, 20.0], "same": [], "up": [15.0]}, width=11)
    assert lines[0] == "down  n=2    │█         █│ median 15.0"
    assert lines[1] == "same  n=0    │           │ median —"
    assert lines[2] == "up    n=1    │     █     │ median 15.0"
    assert lines[3].split() == ["10.0", "20.0"]
    assert strip_chart({"down": [], "same": [], "up": []}) == (
        "No inspection with an outcome and a caseload at this date.",)
