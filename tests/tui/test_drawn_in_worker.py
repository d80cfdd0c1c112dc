"""The council screen draws its timeline rows and chart in the worker thread, so the UI
thread only swaps them in; after a resize it redraws here at the new size."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.text import Text

from tracker.service import Tracker
from tui.app import TrackerApp
from tui.screens.council import CouncilScreen
from tui.widgets.caseload_chart import CaseloadChart
from tui.widgets.timeline import Timeline

from .conftest import SIZE, wait_for


async def test_timeline_and_chart_arrive_drawn_and_redraw_on_resize(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        app.open_council("319")
        await wait_for(pilot, lambda: isinstance(app.screen, CouncilScreen) and not app.screen.dirty)
        screen = app.screen
        assert isinstance(screen, CouncilScreen)
        chart = screen.query_one(CaseloadChart)
        timeline = screen.query_one(Timeline)
        view, rows, drawn, near = screen.fetch(app.point)  # what the load's worker computes
        assert drawn is not None and drawn.key == chart.plan()  # drawn there, at the chart's size
        assert rows is None  # the timeline comes in the next step, never before the first paint
        assert near.answer is not None  # the neighbours come from the index with the card: one chart drawing
        screen.apply(app.point, (view, rows, drawn, near))  # what the UI thread does with its answer
        rendered = chart.render()  # shown as drawn, not laid out again
        assert rendered is drawn.text and "caseload" in rendered.plain
        assert {len(strip.text) for strip in timeline.strips} == {timeline.width_plan}
        rows_before = list(timeline.strips)

        app.go_to(date(2019, 6, 1))  # a date step: rows already drawn are reused, not redrawn
        await wait_for(pilot, lambda: not app.screen.dirty and app.point.as_of == date(2019, 6, 1))
        reused = {id(strip) for strip in rows_before}
        assert any(id(strip) in reused for strip in timeline.strips)

        wide = timeline.width_plan
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await wait_for(pilot, lambda: chart.plan_key[0] != drawn.key[0])
        assert chart.render() is not drawn.text  # laid out again here at the new size
        assert isinstance(chart.render(), Text)
        await wait_for(pilot, lambda: {len(s.text) for s in timeline.strips} == {timeline.width_plan})
        assert timeline.width_plan < wide  # redrawn for the narrower terminal
