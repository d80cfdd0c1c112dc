"""The comparison screen, driven with Pilot on the seeded national record: a lane per
council with its judgements' letters where they began, coloured by the grade in force,
and the caseload chart's legend naming every council and England; at an earlier date
only what had happened by then."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.text import Text

from tracker.service import Tracker
from tui.app import TrackerApp
from tui.present import GRADE_LETTER, GRADE_STYLES
from tui.screens.comparison import ComparisonScreen
from tui.screens.overview import OverviewScreen
from tui.widgets.grade_lanes import lane
from tui.widgets.row_table import RowTable

from .conftest import screen_lines, wait_for

CODES = ["937", "319", "873"]  # Warwickshire, Sutton, Cambridgeshire (all in the seeds)


def styles_at(text: Text) -> list[str]:
    """The style of each cell of a one-line Text."""
    cells = [""] * len(text.plain)
    for span in text.spans:
        for i in range(span.start, span.end):
            cells[i] = str(span.style)
    return cells


def test_a_lane_colours_each_stretch_by_the_grade_in_force() -> None:
    drawn = lane([(date(2014, 3, 3), "requires_improvement"), (date(2018, 2, 5), "good")], date(2020, 1, 1),
                 columns=8, start=date(2012, 1, 1))
    assert drawn.plain == "··R   G "  # a column a year, 2012 to 2019
    styles = styles_at(drawn)
    assert styles[:2] == ["dim", "dim"]  # before any judgement
    assert styles[2] == GRADE_STYLES["requires_improvement"]
    assert styles[-1] == GRADE_STYLES["good"]
    assert drawn.plain.index("R") < drawn.plain.index("G")


async def test_three_councils_at_two_dates(seeded: Tracker, make_app: Callable[..., TrackerApp]) -> None:
    app = make_app(seeded, poll_interval=0)
    async with app.run_test(size=(160, 50)) as pilot:
        for day in (date(2026, 6, 30), date(2016, 6, 30)):
            app.go_to(day)
            app.open_comparison(CODES)
            await wait_for(pilot, lambda: isinstance(app.screen, ComparisonScreen) and not app.screen.dirty,
                           timeout=10)
            await pilot.pause()
            lines = screen_lines(app)
            found = seeded.compare(CODES, as_of=day, known_on=day)
            if day.year == 2026:  # the seeds hold a judgement of each by then, several of some
                assert all(s.inspections for s in found.councils)
                assert sum(len(s.inspections) for s in found.councils) >= 4
            for summary in found.councils:
                row = next(line for line in lines if line.strip().startswith(summary.council.name))
                letters = [GRADE_LETTER.get(j.overall or "unknown", "?")[0] for j in summary.inspections]
                shown = [c for c in row[23:] if c.strip() and c != "·"]
                assert shown == letters, (summary.council.name, shown, letters)
            if any(s.caseloads for s in found.councils):
                legend = next(line for line in lines if "England" in line and "Warwickshire" in line)
                assert "Sutton" in legend and "Cambridgeshire" in legend
            else:
                assert any("No caseload figures for these councils" in line for line in lines)
            await pilot.press("escape")
            await wait_for(pilot, lambda: not isinstance(app.screen, ComparisonScreen))


async def test_space_marks_councils_on_the_overview_and_ctrl_v_compares_them(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded, poll_interval=0)
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen) and not app.screen.dirty)
        overview = app.screen
        assert isinstance(overview, OverviewScreen)
        table = overview.query_one("#councils", RowTable)
        await pilot.press("ctrl+v")  # nothing marked: refused, the overview stays
        await pilot.pause()
        assert app.screen is overview
        for code in CODES:
            table.cursor_row = table.keys.index(code)
            await pilot.press("space")
        table.cursor_row = table.keys.index("937")
        await pilot.press("space", "space")  # unmark and mark again: it goes to the end
        await pilot.pause()
        marked = next(line for line in screen_lines(app) if "marked:" in line)
        assert marked.index("Sutton") < marked.index("Cambridgeshire") < marked.index("Warwickshire")
        await pilot.press("ctrl+v")
        await wait_for(pilot, lambda: isinstance(app.screen, ComparisonScreen) and not app.screen.dirty,
                       timeout=10)
        assert isinstance(app.screen, ComparisonScreen) and app.screen.la_codes == ["319", "873", "937"]
