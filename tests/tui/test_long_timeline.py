"""A long council stream opens by drawing a page of timeline rows, not all of them: the
rest are drawn when scrolled to, and keys, the event detail and the rows still agree.
Its first timeline is the last page of events, read by version; the whole one follows."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.widgets import Static

from events.vocabulary import Kind
from tracker.service import Tracker
from tui.app import TrackerApp
from tui.screens.council import PAGE, CouncilScreen
from tui.widgets.event_detail import EventDetail
from tui.widgets.timeline import Timeline

from .conftest import SIZE, wait_for

SOURCE = {"publisher": "Test fixture", "title": "A long history"}
VISITS = 600


def add_visits(tracker: Tracker) -> None:
    """VISITS focused visits for Sutton, a few a month from 2000."""
    council = tracker.load("319")
    for n in range(VISITS):
        council.record(Kind.FOCUSED_VISIT, {
            "occurred_on": f"{2000 + n // 30}-{n % 12 + 1:02d}", "source": SOURCE,
            "theme": f"visit number {n}",
        }, tracker.today)
    tracker.save(council)


async def test_a_long_timeline_draws_the_page_it_shows(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    add_visits(seeded)
    app = make_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        app.open_council("319")
        await wait_for(pilot, lambda: isinstance(app.screen, CouncilScreen) and not app.screen.dirty)
        await pilot.pause()
        timeline = app.screen.query_one(Timeline)
        rows = timeline.strips
        total = len(timeline.keys)
        assert total > VISITS
        drawn = sum(made is not None for made in rows.made)  # type: ignore[attr-defined]
        assert drawn < total / 2, (drawn, total)  # the end of the stream, not all of it
        assert timeline.cursor_row == total - 1  # the newest row, as before

        await pilot.press("home")  # far from anything drawn: drawn when painted
        await pilot.pause()
        assert timeline.cursor_row == 0
        first = timeline.entries[timeline.keys[0]]
        assert rows.made[0] is not None  # type: ignore[attr-defined]
        assert rows[0].text.startswith(timeline.lines[first.id].plain[:30])  # one drawing
        detail = app.screen.query_one(EventDetail)
        assert detail.entry is first  # the detail follows the cursor
        await pilot.press("down", "pagedown")
        await pilot.pause()
        assert detail.entry is timeline.selected()
        assert {len(s.text) for s in rows} == {timeline.width_plan}  # every row, when asked


async def test_a_long_timeline_shows_its_last_page_first_then_all_of_it(
    seeded: Tracker, make_app: Callable[..., TrackerApp], tmp_path: Path
) -> None:
    add_visits(seeded)
    whole = seeded.show("319")["events"]
    assert len(whole) > 2 * PAGE
    app = make_app(seeded)
    release = threading.Event()
    read_all = app.backend.council_timeline

    def held(*args: Any) -> Any:  # the whole timeline waits while the page is looked at
        release.wait(10)
        return read_all(*args)

    app.backend.council_timeline = held  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        app.open_council("319")
        await wait_for(pilot, lambda: isinstance(app.screen, CouncilScreen)
                       and app.screen.query(Timeline) and app.screen.query_one(Timeline).keys)
        screen = app.screen
        assert isinstance(screen, CouncilScreen)
        timeline = screen.query_one(Timeline)
        shown = [e.id for e in timeline.entries.values() if e.is_fact]
        assert set(shown) == {e["id"] for e in whole[-PAGE:]}  # the last page, and only it
        assert screen.dirty and timeline.cursor_row == len(timeline.keys) - 1
        header = screen.query_one("#timeline-header", Static)
        assert "reading the earlier ones" in str(header.render())
        await pilot.press("ctrl+e")  # a part of the timeline is not exported as if it were all
        await pilot.pause()
        assert list(tmp_path.glob("*.csv")) == []
        await pilot.press("up", "up")
        chosen = timeline.selected_id()

        release.set()
        await wait_for(pilot, lambda: not screen.dirty)
        assert [e.id for e in timeline.entries.values() if e.is_fact] == [e["id"] for e in whole]
        assert timeline.selected_id() == chosen  # the cursor stays on the event it was on
        assert "reading" not in str(header.render())
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: list(tmp_path.glob("*.csv")))
