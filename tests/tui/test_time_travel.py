"""Time travel: step between event dates, jump years, type a date, back to today,
replay; every view follows, and late answers for an old date are dropped."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from textual.widgets import Input

from tests.conftest import TODAY
from tracker.service import Tracker
from tracker.time_point import TimePoint
from tui.app import TrackerApp
from tui.backend import OverviewRow
from tui.dialogs.time_dialogs import DateDialog, ReplayDialog
from tui.messages import ReplayDates, ReplayRequest
from tui.present import badge
from tui.screens.base import Loaded, LoadRequest
from tui.screens.council import CouncilScreen
from tui.screens.overview import OverviewScreen
from tui.timetravel import next_date, previous_date
from tui.widgets.grade_strip import GradeStrip
from tui.widgets.judgement_card import JudgementCard
from tui.widgets.time_bar import TimeBar
from tui.widgets.timeline import Timeline

from .conftest import SIZE, wait_for


def expected_rows(app: TrackerApp, point: TimePoint) -> list[OverviewRow]:
    """What the overview should hold at a point: ratings and caseloads, then last events."""
    last = app.backend.last_events(point)
    return [
        replace(r, last_date=last[r.la_code][0], last_summary=last[r.la_code][1])
        for r in app.backend.overview(point)
    ]


def settled(app: TrackerApp) -> Callable[[], bool]:
    return lambda: not getattr(app.screen, "dirty", True)


async def test_keys_step_through_any_councils_event_dates(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded)
    dates = app.backend.event_dates(None)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, settled(app))
        await pilot.press("left_square_bracket")
        first_back = previous_date(dates, TODAY)
        await wait_for(pilot, lambda: app.point.as_of == first_back)
        await pilot.press("left_square_bracket", "left_square_bracket")
        expected = previous_date(dates, previous_date(dates, first_back))  # type: ignore[arg-type]
        await wait_for(pilot, lambda: app.point.as_of == expected)
        await pilot.press("right_square_bracket")
        await wait_for(pilot, lambda: app.point.as_of == next_date(dates, expected))  # type: ignore[arg-type]
        here = app.point.as_of
        await pilot.press("left_curly_bracket")
        assert app.point.as_of == here.replace(year=here.year - 1)
        await pilot.press("right_curly_bracket", "right_curly_bracket", "right_curly_bracket")
        assert app.point.as_of <= TODAY
        await pilot.press("ctrl+t")
        assert app.point == TimePoint(TODAY)
        await wait_for(pilot, settled(app))
        assert "as of 2026-11-23 · known on 2026-11-23" in str(app.screen.query_one(TimeBar).render())


async def test_council_screen_steps_through_its_own_dates_and_follows(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded)
    own = app.backend.event_dates("937")
    everyone = app.backend.event_dates(None)
    assert set(own) < set(everyone)
    async with app.run_test(size=SIZE) as pilot:
        app.open_council("937")
        await wait_for(pilot, lambda: isinstance(app.screen, CouncilScreen) and not app.screen.dirty)
        assert "Good" in str(app.screen.query_one(JudgementCard).render())
        timeline = app.screen.query_one(Timeline)
        last = timeline.selected_id()
        assert last == timeline.keys[-1] and last in str(app.screen.query_one("#detail").render())
        await pilot.press("up")  # keys move through the timeline; the detail follows
        above = timeline.keys[-2]
        await wait_for(pilot, lambda: above in str(app.screen.query_one("#detail").render()))
        await pilot.click("#timeline", offset=(5, 0))  # the mouse too
        await wait_for(pilot, lambda: timeline.selected_id() == timeline.keys[timeline.scroll_offset.y])
        app.go_to(date(2021, 1, 1))
        await pilot.press("left_square_bracket")
        await wait_for(pilot, lambda: app.point.as_of == previous_date(own, date(2021, 1, 1)))
        await wait_for(pilot, settled(app))
        card = str(app.screen.query_one(JudgementCard).render()).split("before")[0]
        then = seeded.show("937", as_of=app.point.as_of)["rating"]  # an earlier judgement, or none yet
        assert then is None or then["overall"] != "good"
        shown = "No inspection counts" if then is None else badge(then["overall"], short=False).plain.strip()
        assert shown in card
        assert "Good" not in card


async def test_typed_date_sets_as_of_known_on_and_recorded_by(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, settled(app))
        await pilot.press("ctrl+d")
        assert isinstance(app.screen, DateDialog)
        app.screen.query_one("#d-as-of", Input).value = "2019-06"
        app.screen.query_one("#d-known-on", Input).value = "2020"
        app.screen.query_one("#d-recorded-by", Input).value = "2026-11-22"
        await pilot.press("enter")
        assert app.point.as_of == date(2019, 6, 30)
        assert app.point.known_on == date(2020, 12, 31)
        assert app.point.recorded_by is not None and app.point.recorded_by.date() == date(2026, 11, 22)
        await wait_for(pilot, settled(app))
        bar = str(app.screen.query_one(TimeBar).render())
        assert "as of 2019-06-30 · known on 2020-12-31 · recorded by 2026-11-22" in bar
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        assert not any(r.rated for r in screen.rows)  # the seeds were recorded today, after T
        await pilot.press("ctrl+d")
        app.screen.query_one("#d-as-of", Input).value = "not a date"
        await pilot.press("enter")
        assert isinstance(app.screen, DateDialog)
        assert "not a date" in str(app.screen.query_one("#d-error").render())


async def test_stale_answers_are_dropped(seeded: Tracker, make_app: Callable[..., TrackerApp]) -> None:
    """A worker's answer for a load the screen has since replaced, or for a time point the
    app has left, is dropped; the same answer for the current request is shown."""
    app = make_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, settled(app))
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        old = app.point
        for year in (2016, 2018, 2020, 2022):  # faster than the loads can finish
            app.go_to(date(year, 6, 1))
        await wait_for(pilot, settled(app))
        current = expected_rows(app, TimePoint(date(2022, 6, 1)))
        assert screen.rows == current
        strip = str(screen.query_one(GradeStrip).render())
        stale = screen.prepared(expected_rows(app, TimePoint(date(2015, 1, 1))))
        assert stale[0] != current
        screen.post_message(Loaded(LoadRequest(old, screen.generation - 1), stale, final=True))
        screen.post_message(Loaded(LoadRequest(TimePoint(date(2015, 1, 1)), screen.generation), stale, True))
        await pilot.pause()
        await pilot.pause()
        assert screen.rows == current and str(screen.query_one(GradeStrip).render()) == strip
        screen.post_message(Loaded(LoadRequest(app.point, screen.generation), stale, final=True))
        await wait_for(pilot, lambda: screen.rows == stale[0])  # the same answer, when current, is shown
        assert str(screen.query_one(GradeStrip).render()) != strip


async def test_replay_plays_forward_to_the_chosen_date(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded)
    dates = app.backend.event_dates(None)
    seen: list[date] = []
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, settled(app))
        app.go_to(date(2017, 1, 1))
        app.watch(app, "point", lambda p: seen.append(p.as_of), init=False)
        await pilot.press("ctrl+r")
        assert isinstance(app.screen, ReplayDialog)
        app.screen.query_one("#r-until", Input).value = "2020-12-31"
        app.screen.query_one("#r-speed", Input).value = "1"  # slow: on a busy machine it must not end unseen
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.replay.running)
        assert "replay to 2020-12-31" in app.replay_label()
        await pilot.press("space")  # pause
        assert app.replay.paused
        paused_at = app.point.as_of
        await pilot.pause(0.2)
        assert app.point.as_of == paused_at
        await pilot.press("plus", "plus", "minus", "space")  # 1 -> 2 -> 4 -> 2
        assert app.replay.speed == 2
        await wait_for(pilot, lambda: not app.replay.running, timeout=15)
        assert app.point.as_of == date(2020, 12, 31)
        wanted = [d for d in dates if date(2017, 1, 1) < d <= date(2020, 12, 31)]
        assert [d for d in seen if d != date(2020, 12, 31)] == [d for d in wanted if d != date(2020, 12, 31)]
        await wait_for(pilot, settled(app))
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        assert screen.rows == expected_rows(app, TimePoint(date(2020, 12, 31)))


async def test_the_time_bar_names_the_new_date_and_marks_the_load_until_it_is_shown(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, settled(app))
        bar = app.screen.query_one(TimeBar)
        assert not str(bar.render()).rstrip().endswith("…")
        app.go_to(date(2019, 6, 1))
        loading = str(bar.render()).rstrip()
        assert "as of 2019-06-01" in loading and loading.endswith("…")
        await wait_for(pilot, settled(app))
        shown = str(bar.render()).rstrip()
        assert "as of 2019-06-01" in shown and not shown.endswith("…")


async def test_dates_read_for_an_earlier_replay_are_dropped(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, settled(app))
        app.go_to(date(2017, 1, 1))
        app.replay.start(None, date(2020, 12, 31), 0.25)  # slow: no step is taken meanwhile
        await wait_for(pilot, lambda: bool(app.replay.dates))
        read = list(app.replay.dates)
        app.post_message(ReplayDates(ReplayRequest(app.replay.runs - 1, None), [date(2000, 1, 1)]))
        await pilot.pause()
        await pilot.pause()
        assert app.replay.dates == read and app.replay.running
        app.post_message(ReplayDates(ReplayRequest(app.replay.runs, None), [date(2018, 1, 1)]))
        await wait_for(pilot, lambda: app.replay.dates == [date(2018, 1, 1)])  # this run's: taken
        app.replay.stop()
