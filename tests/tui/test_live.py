"""Live: an event another process appends shows up within two seconds, with a notice."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from tracker.service import Tracker
from tui.app import TrackerApp
from tui.screens.council import CouncilScreen
from tui.screens.overview import OverviewScreen

from .conftest import SIZE, notices, wait_for


def cli_add(store_path: str, council: str, caseload: str) -> None:
    """Append through the real CLI, in another process."""
    subprocess.run(
        [sys.executable, "-m", "tracker", "--store", store_path, "add", "workforce", council,
         "--as-at", "2025-09-30", "--caseload", caseload,
         "--source-publisher", "DfE", "--source-title", "Workforce statistics 2025"],
        check=True, capture_output=True, timeout=60,
    )


async def test_another_process_appends_appear_within_two_seconds(
    seeded: Tracker, store_path: str, make_app: Callable[..., TrackerApp]
) -> None:
    app = make_app(seeded, poll_interval=1.0)
    told: list[str] = []  # every notice, also those that timed out before the end (5 s)
    notify = app.notify

    def noted(message: str, **options: Any) -> None:
        told.append(str(message))
        notify(message, **options)

    app.notify = noted  # type: ignore[method-assign, assignment]
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen) and not app.screen.dirty)
        cli_add(store_path, "Swindon", "14.5")
        written = time.monotonic()

        def shown() -> bool:
            screen = app.screen
            assert isinstance(screen, OverviewScreen)
            return any(r.name == "Swindon" and r.caseload == "14.5" for r in screen.rows)

        await wait_for(pilot, shown, timeout=2.0)
        assert time.monotonic() - written <= 2.0
        announced = "1 new event from another writer: Swindon"
        await wait_for(pilot, lambda: any(announced in m for m in notices(app)), timeout=2.0)
        # On a council screen too, and our own saves are never announced as someone else's.
        app.open_council("866")
        await wait_for(pilot, lambda: isinstance(app.screen, CouncilScreen) and not app.screen.dirty)
        cli_add(store_path, "Swindon", "13")
        await wait_for(pilot, lambda: "caseload 13 " in str(app.screen.query_one("#card").render()), 2.0)
        app.backend.add("Swindon", "workforce", {  # type: ignore[arg-type]
            "occurred_on": "2025-03-31", "caseload": "12",
            "source": {"publisher": "DfE", "title": "Workforce statistics 2025"}})
        await pilot.pause(1.5)
        assert sum("from another writer" in m for m in told) == 2, told
