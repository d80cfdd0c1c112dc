"""An empty store that is not the default one: the overview says how to load the
national record instead of showing 153 empty rows; a store with facts shows the table."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Static

from tests.conftest import TODAY
from tracker.service import Tracker
from tracker.store import open_store
from tui.app import TrackerApp
from tui.launch import empty_store_hint
from tui.widgets.row_table import RowTable


async def test_an_empty_store_says_how_to_load_the_record(
    store_path: str, make_app: Callable[..., TrackerApp]
) -> None:
    application = open_store(store_path)
    tracker = Tracker(application, today=TODAY)
    assert tracker.is_empty()
    app = make_app(tracker, empty_hint=empty_store_hint("[b]odd[/b] store"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        hint = app.screen.query_one("#empty-store", Static)
        assert hint.display and not app.screen.query_one("#councils", RowTable).display
        assert "tracker --store '[b]odd[/b] store' seed" in str(hint.render())  # literal, never markup
    application.close()


async def test_a_store_with_facts_shows_the_table(
    seeded: Tracker, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#empty-store", Static).display
        assert app.screen.query_one("#councils", RowTable).display
