"""A long council stream opens by drawing a page of timeline rows, not all of them: the
rest are drawn when scrolled to, and keys, the event detail and the rows still agree."""

from __future__ import annotations

from collections.abc import Callable

from events.vocabulary import Kind
from tracker.service import Tracker
from tui.app import TrackerApp
from tui.screens.council import CouncilScreen
from tui.widgets.event_detail import EventDetail
from tui.widgets.timeline import Timeline

from .conftest import SIZE, wait_for

SOURCE = {"publisher": "Test fixture", "title": "A long history"}
VISITS = 600


async def test_a_long_timeline_draws_the_page_it_shows(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    council = seeded.load("319")
    for n in range(VISITS):
        council.record(Kind.FOCUSED_VISIT, {
            "occurred_on": f"{2000 + n // 30}-{n % 12 + 1:02d}", "source": SOURCE,
            "theme": f"visit number {n}",
        }, seeded.today)
    seeded.save(council)
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
