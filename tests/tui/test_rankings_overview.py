"""The overview's rankings: headers are never cut at any width, ctrl+g ranks by the
rankings (highest first, councils without the figure last), and a new order starts at the top
with the cursor kept on its council when that is on the first screen."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tracker.service import Tracker
from tui.app import TrackerApp
from tui.screens.overview import OverviewScreen
from tui.widgets.overview_columns import COLUMNS, KEYS, header_text, plan_widths
from tui.widgets.row_table import RowTable

from .conftest import wait_for

LABELS = {word for c in COLUMNS for label in (*c.labels, "Trend 10–125") for word in label.split()}


@pytest.mark.parametrize("width", range(80, 201))
def test_headers_are_whole_labels_at_every_width(width: int) -> None:
    widths = plan_widths(width - 2)  # the table's room: the terminal less its scrollbar
    for key in KEYS:
        for reverse in (False, True):
            line = header_text(widths, key, reverse, {"trend": "Trend 10–125"}).plain
            assert "…" not in line
            words = line.split()
            assert set(words) <= LABELS | {"▲", "▼"}, (width, key, line)
            if width >= 80:
                assert {"Council", "Rating"} <= set(words) and ({"Caseload", "Cases"} & set(words))


async def test_ctrl_g_ranks_from_the_top_keeping_the_cursor_in_view(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen) and not app.screen.dirty)
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        table = screen.query_one("#councils", RowTable)
        # the council with the second highest caseload: after ranking it is row 1, on the first screen
        by_load = sorted((r for r in screen.shown if r.caseloads), key=lambda r: (-r.caseloads[-1], r.name))
        second = by_load[1].la_code
        await pilot.press(*["down"] * [r.la_code for r in screen.shown].index(second))
        assert screen.selected_code() == second
        await pilot.press("ctrl+g")  # rank by caseload, highest first
        assert (screen.sort_key, screen.sort_reverse) == ("caseload", True)
        loads = [r.caseloads[-1] if r.caseloads else None for r in screen.shown]
        known = [v for v in loads if v is not None]
        assert known and loads[: len(known)] == sorted(known, reverse=True)
        assert all(v is None for v in loads[len(known):])  # councils without a figure last
        assert "Cases ▼" in screen.header_line()  # "Caseload ▼" would not fit: the short label
        assert table.scroll_offset.y == 0 and table.cursor_row == 1 and screen.selected_code() == second
        await pilot.press("end")  # the last council: off the first screen
        await pilot.press("ctrl+g")  # caseload change over a year
        assert screen.sort_key == "change" and screen.selected_code() == screen.shown[0].la_code
        assert table.scroll_offset.y == 0 and "±1y ▼" in screen.header_line()
        await pilot.press("ctrl+g", "ctrl+g")  # two years, then months since the judgement
        assert screen.sort_key == "months"
        months = [r.months for r in screen.shown if r.months is not None]
        assert months == sorted(months, reverse=True) and "Mo ▼" in screen.header_line()
        await pilot.press("ctrl+o")  # lowest first; the valueless stay last
        assert screen.shown[-1].months is None or all(r.months is not None for r in screen.shown)


async def test_clicking_the_quartile_header_ranks_and_the_header_stays_whole(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen) and not app.screen.dirty)
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        x = next(x for x in range(200) if screen.column_at(x) == "quartile")
        await pilot.click("#councils", offset=(x + 1, 0))
        assert screen.sort_key == "quartile" and not screen.sort_reverse
        header = screen.header_line()
        assert "Q ▲" in header and "…" not in header  # "Qrt ▲" would not fit its three cells
        quartiles = [r.quartile for r in screen.shown]
        known = [q for q in quartiles if q is not None]
        assert known and quartiles == known + [None] * (len(quartiles) - len(known))
        assert known == sorted(known)
        await pilot.click("#councils", offset=(x + 1, 0))  # again: highest first, the valueless still last
        quartiles = [r.quartile for r in screen.shown]
        assert quartiles[: len(known)] == sorted(known, reverse=True) and quartiles[-1] is None
