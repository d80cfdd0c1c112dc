"""Command palette (council, date, add event, CSV export, theme), help, export key."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path

from textual.command import CommandPalette

from tracker.service import Tracker
from tui.app import TrackerApp
from tui.dialogs.event_form import EventForm
from tui.screens.council import CouncilScreen
from tui.screens.help import HelpScreen
from tui.screens.overview import OverviewScreen

from .conftest import SIZE, wait_for


async def palette(pilot, app: TrackerApp, query: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
    await pilot.press(*query)
    await pilot.pause(0.5)  # let the providers search
    await pilot.press("enter")


def ready(app: TrackerApp) -> Callable[[], bool]:
    return lambda: not getattr(app.screen, "dirty", True)


async def test_palette_opens_a_council_sets_a_date_and_adds(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, ready(app))
        await palette(pilot, app, "Council: Warwicks")
        await wait_for(pilot, lambda: isinstance(app.screen, CouncilScreen))
        assert app.screen.council_code == "937"  # type: ignore[attr-defined]
        await palette(pilot, app, "2019-03-15")
        await wait_for(pilot, lambda: app.point.as_of == date(2019, 3, 15))
        await palette(pilot, app, "Add event")
        await wait_for(pilot, lambda: isinstance(app.screen, EventForm))
        assert app.screen.query_one("#f-council").value == "Warwickshire"  # type: ignore[attr-defined]
        await pilot.press("escape")
        await palette(pilot, app, "Theme: nord")
        await wait_for(pilot, lambda: app.theme == "nord")


async def test_export_writes_the_table_on_screen(
    seeded: Tracker, make_app: Callable[..., TrackerApp], tmp_path: Path
) -> None:
    app = make_app(seeded, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, ready(app))
        await pilot.press(*"london")
        await palette(pilot, app, "Export table to CSV")
        written = tmp_path / "councils-2026-11-23.csv"
        await wait_for(pilot, written.exists)
        with written.open(encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        assert rows[0][:3] == ["la_code", "Council", "Region"]
        assert len(rows) == 1 + len(screen.shown) == 1 + 33
        assert {r[2] for r in rows[1:]} == {"London"}
        assert next(r[:2] for r in rows if r[1] == "Sutton") == ["319", "Sutton"]
        app.open_council("937")
        await wait_for(pilot, lambda: isinstance(app.screen, CouncilScreen) and ready(app)())
        await pilot.press("ctrl+e")
        council_csv = tmp_path / "937-2026-11-23.csv"
        await wait_for(pilot, council_csv.exists)
        text = council_csv.read_text(encoding="utf-8")
        assert text.startswith("id,kind,date,summary,state") and "937-" in text


async def test_help_lists_every_key(seeded: Tracker, make_app: Callable[..., TrackerApp]) -> None:
    app = make_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        listed = {(where, key) for where, key, _ in app.screen.rows}
        for binding in TrackerApp.BINDINGS:
            assert ("Everywhere", binding.key_display or binding.key) in listed  # type: ignore[union-attr]
        for binding in CouncilScreen.BINDINGS:
            assert ("Council", binding.key_display or binding.key) in listed  # type: ignore[union-attr]
        await pilot.press("escape")
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, OverviewScreen)
