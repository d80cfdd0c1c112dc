"""The overview: every council, grade strip, type-to-filter, sorting, opening a council."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Input

from tests.conftest import TODAY
from tracker.service import Tracker
from tui.app import TrackerApp
from tui.present import grade_key
from tui.screens.council import CouncilScreen
from tui.screens.overview import OverviewScreen
from tui.widgets.grade_strip import GradeStrip
from tui.widgets.overview_columns import GAP, KEYS, MARGIN
from tui.widgets.row_table import RowTable

from .conftest import SIZE, screen_lines, wait_for


def table(app: TrackerApp) -> RowTable:
    return app.screen.query_one("#councils", RowTable)


def names(app: TrackerApp) -> list[str]:
    screen = app.screen
    assert isinstance(screen, OverviewScreen)
    return [row.name for row in screen.shown]


async def loaded(pilot, app: TrackerApp) -> None:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen) and not app.screen.dirty)


async def test_lists_every_council_with_its_rating(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        assert table(app).row_count == 153
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        rows = {r.name: r for r in screen.rows}
        expected = {c["council"]["name"]: c["rating"] for c in seeded.councils(as_of=TODAY)}
        assert rows["Warwickshire"].overall == expected["Warwickshire"]["overall"] == "good"
        rated = sum(1 for r in expected.values() if r)
        assert sum(1 for r in rows.values() if r.rated) == rated
        strip = str(app.screen.query_one(GradeStrip).render())
        assert f"not inspected {153 - rated}" in strip


async def test_typing_filters_by_name_region_and_grade(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("w", "a", "r", "w")
        assert app.screen.query_one("#filter", Input).value == "warw"
        assert names(app) == ["Warwickshire"]
        await pilot.press("escape", "escape")  # back to the table, then clear the filter
        assert table(app).row_count == 153
        await pilot.press("slash", *"west midlands good")
        assert names(app) and all(r.region == "West Midlands" for r in app.screen.shown)  # type: ignore[attr-defined]
        assert "Warwickshire" in names(app)
        await pilot.press("escape", "escape")
        await pilot.press(*"requires")
        graded = list(app.screen.shown)  # type: ignore[attr-defined]
        assert graded and all(r.overall == "requires_improvement" for r in graded)
        assert "Cambridgeshire" in [r.name for r in graded]


async def test_sorts_by_key_and_by_clicking_a_header(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        assert names(app) == sorted(names(app), key=str.casefold)
        await pilot.press("ctrl+s")  # next column: region
        regions = [r.region for r in app.screen.shown]  # type: ignore[attr-defined]
        assert regions == sorted(regions)
        await pilot.press("ctrl+o")
        regions = [r.region for r in app.screen.shown]  # type: ignore[attr-defined]
        assert regions == sorted(regions, reverse=True)
        # Mouse: click the "Rating" header; rated councils come first, best grade first.
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        x = next(x for x in range(200) if screen.column_at(x) == "rating")
        await pilot.click("#councils", offset=(x + 1, 0))  # the table's first line is its header
        assert isinstance(screen, OverviewScreen) and screen.sort_key == "rating"
        ranks = [grade_key(r.overall) for r in screen.shown]
        assert ranks == sorted(ranks) and screen.shown[0].overall == "good"
        assert "Rating ▲" in screen.header_line()
        await pilot.click("#councils", offset=(x + 1, 0))  # again: reversed
        assert screen.sort_reverse and "Rating ▼" in screen.header_line()


async def test_enter_and_mouse_open_a_council(seeded: Tracker, make_app: Callable[..., TrackerApp]) -> None:
    app = make_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press(*"warw", "escape")  # filter, then Esc leaves the filter box for the table
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CouncilScreen))
        assert app.screen.council_code == "937"  # type: ignore[attr-defined]
        await pilot.press("backspace")
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("escape")  # on the table: clear the filter
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        await pilot.click("#councils", offset=(3, 3))  # first click highlights the row under the mouse
        clicked = screen.selected_code()
        assert clicked == screen.shown[2].la_code  # the third council: the header is line 0
        await pilot.click("#councils", offset=(3, 3))  # second click opens it
        await wait_for(pilot, lambda: isinstance(app.screen, CouncilScreen))
        assert app.screen.council_code == clicked  # type: ignore[attr-defined]


BLOCKS = set("▁▂▃▄▅▆▇█")



@pytest.mark.parametrize("size", [(150, 45), SIZE])
async def test_block_glyphs_only_in_the_trend_column_and_the_scrollbar(
    seeded: Tracker, make_app: Callable[..., TrackerApp], size: tuple[int, int]
) -> None:
    """The scrollbar's thumb end (▄) once sat two columns in from the edge, right
    after the last-event text, where it read as a stray mark on a council's row."""
    app = make_app(seeded, poll_interval=0)
    async with app.run_test(size=size) as pilot:
        await loaded(pilot, app)
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        region = table(app).region
        assert region.width == size[0]  # the table, and its scrollbar, reach the screen's edge
        trend = KEYS.index("trend")
        before = [w for w in screen.width_plan[:trend] if w]
        left = MARGIN + sum(before) + GAP * len(before)
        allowed = set(range(left, left + screen.width_plan[trend])) | {size[0] - 2, size[0] - 1}
        lines = screen_lines(app)
        stray = [
            (y, x, char)
            for y in range(region.y, region.bottom)
            for x, char in enumerate(lines[y])
            if char in BLOCKS and x not in allowed
        ]
        assert not stray
        assert any(char in BLOCKS for y in range(region.y, region.bottom) for char in lines[y])  # sparklines
