"""The council screen's neighbours panel and its workforce chart, driven with Pilot on a
real store: the ten neighbours of the model in force (2021, then 2025) with the model's
closeness, none before the first model, Enter opens one; `w` cycles the chart's figure,
each with England's, the region's and the neighbours' average lines in its legend."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.workforce_file import write
from tracker.councils import by_la_code
from tracker.figure_history import FIGURES
from tracker.neighbours import CLOSENESS, in_force
from tracker.service import Tracker
from tui.app import TrackerApp
from tui.screens.council import CouncilScreen
from tui.widgets.caseload_chart import CaseloadChart
from tui.widgets.neighbours_panel import NeighboursPanel

from .conftest import screen_lines, wait_for

SIZE = (160, 50)


async def open_at(pilot: Pilot[None], app: TrackerApp, code: str, day: date) -> CouncilScreen:
    app.go_to(day)
    app.open_council(code)
    await wait_for(pilot, lambda: isinstance(app.screen, CouncilScreen) and app.screen.council_code == code
                   and not app.screen.dirty, timeout=10)
    await pilot.pause()
    assert isinstance(app.screen, CouncilScreen)
    return app.screen


def panel_rows(app: TrackerApp) -> list[str]:
    """The panel's rows as the terminal shows them (the lines under its title)."""
    lines = screen_lines(app)
    top = next(i for i, line in enumerate(lines) if "Statistical neighbours" in line)
    return lines[top + 1:top + 11]


@pytest.mark.parametrize(("code", "day"), [("937", date(2022, 6, 30)), ("937", date(2026, 3, 31)),
                                           ("873", date(2025, 12, 30)), ("873", date(2025, 12, 31))])
async def test_the_panel_lists_the_ten_of_the_model_in_force(
    seeded: Tracker, make_app: Callable[..., TrackerApp], code: str, day: date
) -> None:
    model = in_force(day)
    assert model is not None
    app = make_app(seeded, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await open_at(pilot, app, code, day)
        rows = panel_rows(app)
        title = next(line for line in screen_lines(app) if "Statistical neighbours" in line)
        assert model.name in title
        expected = model.rows[code].neighbours
        assert len(expected) == 10
        for rank, (row, (neighbour, closeness)) in enumerate(zip(rows, expected, strict=True), start=1):
            cells = row.split()
            assert cells[0] == str(rank), row
            assert by_la_code(neighbour).name[:20] in row, (row, neighbour)
            assert CLOSENESS[closeness] in row, (row, closeness)


async def test_the_models_switch_at_their_date(seeded: Tracker, make_app: Callable[..., TrackerApp]) -> None:
    app = make_app(seeded, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await open_at(pilot, app, "937", date(2025, 12, 30))
        before = panel_rows(app)
        app.go_to(date(2025, 12, 31))
        await wait_for(pilot, lambda: not app.screen.dirty and app.point.as_of == date(2025, 12, 31))
        await pilot.pause()
        assert panel_rows(app) != before  # another model, other neighbours or closeness


async def test_before_any_model_the_panel_says_so(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await open_at(pilot, app, "937", date(2019, 3, 31))
        text = "\n".join(screen_lines(app))
        assert "No neighbours: no statistical neighbour model is shipped for 2019-03-31" in text
        assert "2021-04-01" in text


async def test_enter_opens_the_highlighted_neighbour(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    day = date(2022, 6, 30)
    model = in_force(day)
    assert model is not None
    third = model.rows["937"].neighbours[2][0]
    app = make_app(seeded, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_at(pilot, app, "937", day)
        await pilot.press("tab")  # from the timeline to the panel
        assert screen.focused is screen.query_one(NeighboursPanel)
        await pilot.press("down", "down", "down")  # the first down highlights the first row
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CouncilScreen)
                       and app.screen.council_code == third and not app.screen.dirty, timeout=10)
        assert app.screen.sub_title == by_la_code(third).name


def legend(screen: CouncilScreen) -> str:
    """The chart's top border (its title) and the legend row under it, as on the terminal."""
    chart = screen.query_one(CaseloadChart)
    lines = screen_lines(screen.app)  # type: ignore[arg-type]
    top, left = chart.region.y, chart.region.x
    return "\n".join(line[left:left + chart.region.width] for line in lines[top:top + 2])


def app_with_figures(seeded: Tracker, make_app: Callable[..., TrackerApp], tmp_path: Path) -> TrackerApp:
    """The app on the seeds plus a workforce file of Warwickshire, England, its region and
    its neighbours (tests/workforce_file.py)."""
    write(tmp_path / "csww_indicators_test.csv", "937")
    seeded.import_file(tmp_path / "csww_indicators_test.csv")
    return make_app(seeded, poll_interval=0)


async def test_w_cycles_the_figures_each_with_three_lines(
    seeded: Tracker, make_app: Callable[..., TrackerApp], tmp_path: Path
) -> None:
    app = app_with_figures(seeded, make_app, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_at(pilot, app, "937", date(2022, 6, 30))
        titles = []
        for _ in range(len(FIGURES) + 1):
            shown = legend(screen)
            titles.append(next(t for t in FIGURES.values() if t in shown))
            for name in ("Warwickshire", "England", "West Midlands", "Neighbour av"):
                assert name in shown, (name, shown)
            await pilot.press("w")
            await wait_for(pilot, lambda: not screen.dirty, timeout=10)
            await pilot.pause()
        assert titles == [*FIGURES.values(), FIGURES["caseload"]]  # caseload first, and back to it


async def test_no_neighbour_line_before_any_model(
    seeded: Tracker, make_app: Callable[..., TrackerApp], tmp_path: Path
) -> None:
    app = app_with_figures(seeded, make_app, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_at(pilot, app, "937", date(2021, 3, 31))
        shown = legend(screen)
        assert "England" in shown and "Neighbour" not in shown
