"""A first screen that orients: the overview says where its data comes from and how
current each source is; the first run announces `?` and the palette, once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tracker.service import Tracker
from tui.app import TrackerApp
from tui.screens.overview import OverviewScreen

from .conftest import SIZE, notices, wait_for

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "importers" / "csww_indicators_2017_to_2019.csv"


def sources_line(app: TrackerApp) -> str:
    return str(app.screen.query_one("#sources").render())


async def test_the_overview_names_its_sources_and_their_latest_editions(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    seeded.import_file(FIXTURE)
    latest = max(
        (p for p in seeded.publications() if p["publisher"] == "Department for Education"),
        key=lambda p: p["edition"] or "",
    )
    assert latest["edition"] == "2020-02"
    app = make_app(seeded, poll_interval=0)
    async with app.run_test(size=(220, 50)) as pilot:  # wide enough for every publisher
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen) and "DfE" in sources_line(app))
        shown = sources_line(app)
        assert "DfE Feb 2020" in shown  # the publisher, and how current: its latest edition
        assert "Community Care Feb 2022" in shown
        assert "tracker sources" in shown  # where the full list is
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        narrow = sources_line(app)
        assert "more" in narrow and len(narrow.rstrip()) <= 80  # as many as fit, and a count


async def test_the_first_run_announces_help_and_the_palette_once(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    for first_run in (True, False):
        app = make_app(seeded, poll_interval=0, first_run=first_run)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await wait_for(pilot, lambda app=app: not app.screen.dirty)  # type: ignore[attr-defined]
            await pilot.pause(0.2)
            welcomes = [n for n in notices(app) if "ctrl+p" in n]
            if first_run:
                assert len(welcomes) == 1 and "?" in welcomes[0] and "every key" in welcomes[0]
            else:
                assert welcomes == []
