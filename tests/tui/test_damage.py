"""The UI with a damaged stored event: the overview draws every council and says which
event it left out; the council's screen names it; a recorded-by time the tracker cannot
have recorded is refused in the date dialog. On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input, Static

from tests.conftest import TODAY
from tests.reliability.tamper import drop_saved_model, flip_byte
from tracker.seeding import load_seeds
from tracker.service import Tracker
from tracker.store import open_store
from tui.app import TrackerApp
from tui.dialogs.time_dialogs import DateDialog
from tui.screens.council import CouncilScreen
from tui.screens.overview import OverviewScreen

from .conftest import SIZE, wait_for


def notice(app: TrackerApp) -> str:
    widget = app.screen.query_one("#damage-notice", Static)
    return str(widget.render()) if widget.display else ""


def loaded(app: TrackerApp, screen: type) -> Callable[[], bool]:
    return lambda: isinstance(app.screen, screen) and not app.screen.dirty


async def test_a_damaged_event_is_named_and_everything_else_shown(
    backend_tracker: Tracker, store_url: str, make_app: Callable[..., TrackerApp]
) -> None:
    load_seeds(backend_tracker)
    log = backend_tracker.log("Warwickshire")
    position = next(e["position"] for e in log if e["type"] == "inspection")
    damaged_id = next(e["id"] for e in log if e["position"] == position)
    flip_byte(store_url, position)
    drop_saved_model(store_url)
    app_store = open_store(store_url)
    try:
        app = make_app(Tracker(app_store, today=TODAY))
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, loaded(app, OverviewScreen), timeout=20)
            screen = app.screen
            assert isinstance(screen, OverviewScreen)
            assert len(screen.rows) == 153
            assert {r.name for r in screen.rows if r.rated} >= {"Sutton", "Swindon", "Cambridgeshire"}
            text = notice(app)
            assert damaged_id in text and f"log position {position}" in text and "council 937" in text
            app.open_council("937")
            await wait_for(pilot, loaded(app, CouncilScreen), timeout=20)
            text = notice(app)
            assert damaged_id in text and f"log position {position}" in text and "verify" in text
            app.pop_screen()
            app.open_council("319")
            await wait_for(pilot, loaded(app, CouncilScreen), timeout=20)
            assert notice(app) == ""
    finally:
        app_store.close()


async def test_the_date_dialog_refuses_a_recorded_by_out_of_range(
    backend_tracker: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    load_seeds(backend_tracker)
    app = make_app(backend_tracker)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, loaded(app, OverviewScreen), timeout=20)
        for typed in ("9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+05:00", "1999-01-01"):
            await pilot.press("ctrl+d")
            assert isinstance(app.screen, DateDialog)
            app.screen.query_one("#d-recorded-by", Input).value = typed
            await pilot.press("enter")
            assert isinstance(app.screen, DateDialog), typed
            assert "recorded by" in str(app.screen.query_one("#d-error").render())
            await pilot.press("escape")
        assert app.point.recorded_by is None
