"""Keys that always work: the app's keys while the filter box has focus, Enter and
Esc in it, and filter words read the way analysts type them."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from tests.conftest import TODAY
from tracker.service import Tracker
from tui.app import TrackerApp
from tui.dialogs.event_form import EventForm
from tui.dialogs.time_dialogs import DateDialog, ReplayDialog
from tui.screens.caseloads_ratings import CaseloadsRatingsScreen
from tui.screens.council import CouncilScreen
from tui.screens.overview import OverviewScreen
from tui.widgets.filter_box import FilterBox
from tui.widgets.row_table import RowTable

from .conftest import SIZE, wait_for


def overview(app: TrackerApp) -> OverviewScreen:
    screen = app.screen
    assert isinstance(screen, OverviewScreen), screen
    return screen


def footer_keys(app: TrackerApp) -> set[str]:
    """The keys the footer shows (the bindings it is drawn from)."""
    return {key for key, active in app.screen.active_bindings.items() if active.binding.show}


def names(app: TrackerApp) -> list[str]:
    return [row.name for row in overview(app).shown]


async def loaded(pilot: Pilot[None], app: TrackerApp) -> None:
    await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen) and not app.screen.dirty)


async def test_the_apps_keys_work_while_the_filter_has_focus(
    seeded: Tracker, make_app: Callable[..., TrackerApp], tmp_path: Path
) -> None:
    app = make_app(seeded, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        on_the_table = footer_keys(app)
        await pilot.press(*"lon")
        filter_box = overview(app).query_one("#filter", Input)
        assert app.focused is filter_box
        assert footer_keys(app) == on_the_table  # the footer does not change
        for key, dialog in (("ctrl+d", DateDialog), ("ctrl+r", ReplayDialog), ("ctrl+n", EventForm),
                            ("ctrl+k", CaseloadsRatingsScreen)):
            await pilot.press(key)
            await wait_for(pilot, lambda dialog=dialog: isinstance(app.screen, dialog))
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen))
        await pilot.press("ctrl+e")
        await wait_for(pilot, (tmp_path / f"councils-{TODAY.isoformat()}.csv").exists)
        await pilot.press("left_curly_bracket")  # the date keys are keys, not filter text
        await wait_for(pilot, lambda: app.point.as_of == date(TODAY.year - 1, TODAY.month, TODAY.day))
        await pilot.press("left_square_bracket")
        await wait_for(pilot, lambda: app.point.as_of < date(TODAY.year - 1, TODAY.month, TODAY.day))
        assert filter_box.value == "lon"


def test_no_key_of_the_app_or_the_overview_is_taken_by_the_filter() -> None:
    """Keys that type nothing (ctrl+..., enter, escape, F-keys) and that the app or the
    overview binds reach them while the filter has focus: Input binds some for editing."""
    typed_nothing = re.compile(r"(ctrl|alt)\+.*|f\d+|enter|escape|tab")
    theirs = {key for binding in (*TrackerApp.BINDINGS, *OverviewScreen.BINDINGS)
              for key in binding.key.split(",") if typed_nothing.fullmatch(key)}  # type: ignore[union-attr]
    assert {"ctrl+k", "ctrl+v", "ctrl+d", "enter"} <= theirs
    assert theirs.isdisjoint(FilterBox._merge_bindings().key_to_bindings)


async def test_enter_in_the_filter_opens_the_highlighted_match(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press(*"warw", "enter")  # the only match
        await wait_for(pilot, lambda: isinstance(app.screen, CouncilScreen))
        assert app.screen.council_code == "937"  # type: ignore[attr-defined]
        await pilot.press("escape")
        await loaded(pilot, app)
        await pilot.press("slash", "backspace", "backspace", "backspace", "backspace", *"kingston")
        assert names(app) == ["Kingston upon Hull, City of", "Kingston upon Thames"]
        await pilot.press("down", "enter")  # down moves the highlight; the filter keeps focus
        await wait_for(pilot, lambda: isinstance(app.screen, CouncilScreen))
        assert app.screen.council_code == "314"  # type: ignore[attr-defined]


async def test_escape_leaves_the_filter_for_the_table_then_clears_it(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press(*"london")
        await pilot.press("escape")
        table = overview(app).query_one("#councils", RowTable)
        assert app.focused is table
        assert overview(app).query_one("#filter", Input).value == "london"
        assert len(names(app)) == 33
        await pilot.press("right_curly_bracket")  # already today: no later year
        await pilot.press("left_curly_bracket")
        await wait_for(pilot, lambda: app.point.as_of.year == TODAY.year - 1)
        await pilot.press("escape")
        assert overview(app).query_one("#filter", Input).value == ""
        await wait_for(pilot, lambda: len(names(app)) == 153)


async def test_a_burst_typed_on_the_table_goes_whole_to_the_filter(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    """A terminal hands over fast typing (tmux send-keys, a paste without bracketed paste) as
    keys queued before the first is handled: all of them are filter text, in order, the space
    after the first word too (it used to reach the table, which marks a council with it)."""
    app = make_app(seeded, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        assert app.focused is overview(app).query_one("#councils", RowTable)
        for character in "london good":  # queued at once, as the terminal driver posts them
            app.post_message(events.Key("space" if character == " " else character, character))
        await wait_for(pilot, lambda: overview(app).query_one("#filter", Input).value == "london good")
        assert names(app) == ["Sutton"]
        assert overview(app).marked == []


async def test_filter_words_mean_the_overall_rating_and_the_region(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        rows = {r.name: r for r in overview(app).rows}
        assert rows["Cambridgeshire"].overall == "requires_improvement"
        assert "good" in rows["Cambridgeshire"].subs  # leaders good: not "rated good"
        await pilot.press(*"good")
        assert names(app) == ["Newcastle upon Tyne", "Staffordshire", "Sutton", "Swindon", "Warwickshire"]
        await pilot.press("escape", "escape", *"london good")
        assert names(app) == ["Sutton"]
        await pilot.press("escape", "escape", *"requires improvement")
        assert names(app) == ["Cambridgeshire"]
        await pilot.press("escape", "escape", *"west midlands")
        assert names(app) and {r.region for r in overview(app).shown} == {"West Midlands"}
        await pilot.press("escape", "escape", *"north east")
        shown = overview(app).shown
        assert shown and {r.region for r in shown} == {"North East"}  # not Bath and North East Somerset
        await pilot.press("escape", "escape", *"north east lincolnshire")
        assert names(app) == ["North East Lincolnshire"]  # a council's own name still finds it
        await pilot.press("escape", "escape", *"937")
        assert names(app) == ["Warwickshire"]
