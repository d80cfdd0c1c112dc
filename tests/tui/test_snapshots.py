"""SVG snapshots at a fixed date: the overview and a seeded council at four terminal
sizes (80x24 to 220x60), a form.

Update with ``pytest tests/tui/test_snapshots.py --snapshot-update`` after a
deliberate change, and look at the report before committing the new SVGs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from textual.pilot import Pilot

from tracker.service import Tracker
from tui.app import TrackerApp

from .conftest import settle

SNAPSHOT_SIZE = (150, 45)
SIZES = [(80, 24), (100, 30), (160, 48), (220, 60)]
IDS = [f"{w}x{h}" for w, h in SIZES]


def still_app(tracker: Tracker, make_app: Callable[..., TrackerApp]) -> TrackerApp:
    """No live polling: nothing may change while the picture is taken."""
    return make_app(tracker, poll_interval=0)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_overview(frozen_clock: None, seeded: Tracker, make_app: Callable[..., TrackerApp],
                  snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(still_app(seeded, make_app), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_council_screen_in_the_past(
    frozen_clock: None, seeded: Tracker, make_app: Callable[..., TrackerApp], snap_compare: Any,
    size: tuple[int, int],
) -> None:
    async def open_warwickshire(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, TrackerApp)
        app.go_to(date(2023, 6, 30))
        app.open_council("937")
        await settle(pilot)

    app = still_app(seeded, make_app)
    assert snap_compare(app, terminal_size=size, run_before=open_warwickshire)


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
