"""SVG snapshots at a fixed size and date: the overview, a seeded council, a form.

Update with ``pytest tests/tui/test_snapshots.py --snapshot-update`` after a
deliberate change, and look at the report before committing the new SVGs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual.pilot import Pilot

from tracker.service import Tracker
from tui.app import TrackerApp

from .conftest import settle

SNAPSHOT_SIZE = (150, 45)


def still_app(tracker: Tracker, make_app: Callable[..., TrackerApp]) -> TrackerApp:
    """No live polling: nothing may change while the picture is taken."""
    return make_app(tracker, poll_interval=0)


def test_overview(frozen_clock: None, seeded: Tracker, make_app: Callable[..., TrackerApp],
                  snap_compare: Any) -> None:
    assert snap_compare(still_app(seeded, make_app), terminal_size=SNAPSHOT_SIZE, run_before=settle)


def test_council_screen_in_the_past(
    frozen_clock: None, seeded: Tracker, make_app: Callable[..., TrackerApp], snap_compare: Any
) -> None:
    async def open_warwickshire(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, TrackerApp)
        app.go_to(date(2023, 6, 30))
        app.open_council("937")
        await settle(pilot)

    app = still_app(seeded, make_app)
    assert snap_compare(app, terminal_size=SNAPSHOT_SIZE, run_before=open_warwickshire)


def test_add_form_from_a_council(
    frozen_clock: None, seeded: Tracker, make_app: Callable[..., TrackerApp], snap_compare: Any
) -> None:
    async def open_form(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, TrackerApp)
        app.open_council("937")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)

    assert snap_compare(still_app(seeded, make_app), terminal_size=SNAPSHOT_SIZE, run_before=open_form)
