"""Any terminal size: the overview's header is one line that scrolls sideways with
the table, columns give way by priority, and the council screen stacks its panes
below 120 columns."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.containers import Vertical

from tracker.service import Tracker
from tui.app import TrackerApp
from tui.screens.council import CouncilScreen
from tui.screens.overview import OverviewScreen
from tui.widgets.overview_columns import KEYS, line_width, plan_widths
from tui.widgets.row_table import RowTable

from .conftest import screen_lines, wait_for

SIZES = [(80, 24), (100, 30), (160, 48), (220, 60)]



def overview(app: TrackerApp) -> OverviewScreen:
    screen = app.screen
    assert isinstance(screen, OverviewScreen), screen
    return screen


async def test_columns_give_way_by_priority() -> None:
    shown = {room: {k for k, w in zip(KEYS, plan_widths(room), strict=True) if w} for room in (78, 98, 158)}
    assert shown[158] == set(KEYS)
    assert {"name", "rating", "region", "since", "caseload"} <= shown[78]
    assert not {"last", "trend", "leaders"} & shown[78]
    assert {"leaders", "help", "care", "leavers"} <= shown[98] and "last" not in shown[98]
    for room in range(40, 240):
        widths = plan_widths(room)
        assert line_width(widths) <= room, room
        assert widths[KEYS.index("name")] >= 16 and widths[KEYS.index("rating")] == 14


@pytest.mark.parametrize("size", SIZES)
async def test_the_overview_header_is_one_line_at_any_size(
    seeded: Tracker, make_app: Callable[..., TrackerApp], size: tuple[int, int]
) -> None:
    app = make_app(seeded, poll_interval=0)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen) and not app.screen.dirty)
        table = overview(app).query_one("#councils", RowTable)
        lines = screen_lines(app)
        header = lines[table.region.y]
        assert header.startswith(" Council ▲") and "Rating" in header and "Caseload" in header
        assert header.rstrip() == overview(app).header_line().rstrip()
        assert lines[table.region.y + 1].startswith(" Barking and Dagenham")  # not a wrapped header


async def test_the_header_scrolls_sideways_with_the_rows(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded, poll_interval=0)
    async with app.run_test(size=(30, 20)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen) and not app.screen.dirty)
        table = overview(app).query_one("#councils", RowTable)
        width = table.scrollable_content_region.width
        assert table.virtual_size.width > width  # too narrow for even the last columns kept
        table.scroll_to(x=3, animate=False)
        full_header = overview(app).header_line()
        first_row = "".join(segment.text for segment in table.strips[0])
        header = full_header[3 : 3 + width].ljust(width)
        await wait_for(pilot, lambda: screen_lines(app)[table.region.y][:width] == header)  # once painted
        assert screen_lines(app)[table.region.y + 1][:width] == first_row[3 : 3 + width].ljust(width)


@pytest.mark.parametrize(("size", "stacked"), [((100, 30), True), ((119, 40), True), ((160, 48), False)])
async def test_the_council_screen_stacks_its_panes_when_narrow(
    seeded: Tracker, make_app: Callable[..., TrackerApp], size: tuple[int, int], stacked: bool
) -> None:
    app = make_app(seeded, poll_interval=0)
    async with app.run_test(size=size) as pilot:
        app.open_council("937")
        await wait_for(pilot, lambda: isinstance(app.screen, CouncilScreen) and not app.screen.dirty)
        await pilot.pause()
        left = app.screen.query_one("#council-left", Vertical).region
        right = app.screen.query_one("#council-right", Vertical).region
        if stacked:
            assert right.x == left.x and right.y >= left.bottom and left.width >= size[0] - 2
        else:
            assert right.x >= left.right and right.y == left.y
