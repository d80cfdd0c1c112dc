"""Measure what a date change costs in the TUI at realistic size (not a test).

    python -m tests.tui.bench_redraw [STORE] [STEPS]

Builds (or reuses) a store with the seeds plus a made-up history for all 153
councils (~3,700 events); given STORE (e.g. bench/synth.py's 1M-event file) it
uses that as it is. Runs the real app headless at 160x50 and times the first
load (app start to the screen painted), the first ``event_dates`` scan that the
date keys and replay need, then, per date step (STEPS of them, default 24):
the query in the worker thread, the table/card/chart update on the UI thread,
the paint of the next frame, and date-change-to-painted end to end (both query
steps in the worker, delivery, apply and paint).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from tests.conftest import TODAY
from tests.tui.bulk import fill
from tracker.seeding import load_seeds
from tracker.service import Tracker
from tracker.store import open_store
from tracker.time_point import TimePoint
from tui.app import TrackerApp
from tui.screens.base import DataScreen

STEPS = [date(y, m, 15) for y in range(2014, 2026) for m in (3, 9)]
OPENING = ("first_load", "event_dates")


def build(path: str) -> Tracker:
    tracker = Tracker(open_store(path), today=TODAY)
    if tracker.is_empty():
        load_seeds(tracker)
        fill(tracker)
    return tracker


def ms(values: list[float]) -> str:
    return f"median {statistics.median(values):.1f} ms, p90 {sorted(values)[int(len(values) * 0.9)]:.1f} ms"


async def measure(tracker: Tracker, council: str | None, steps: list[date]) -> dict[str, list[float]]:
    app = TrackerApp(tracker, today=TODAY, poll_interval=0)
    names = (*OPENING, "query", "query_more", "apply", "paint", "end_to_end")
    found: dict[str, list[float]] = {name: [] for name in names}
    started = time.perf_counter()
    async with app.run_test(size=(160, 50)) as pilot:
        if council:
            app.open_council(council)
        while getattr(app.screen, "dirty", True) or not isinstance(app.screen, DataScreen):
            await pilot.pause(0.01)
        found["first_load"].append((time.perf_counter() - started) * 1000)
        screen = app.screen
        assert isinstance(screen, DataScreen)
        applies: list[float] = []
        apply = screen.apply

        def timed_apply(point: TimePoint, data: Any) -> None:  # the UI thread's share of a load
            began = time.perf_counter()
            apply(point, data)
            applies.append((time.perf_counter() - began) * 1000)

        screen.apply = timed_apply  # type: ignore[method-assign]
        started = time.perf_counter()
        app.backend.event_dates(council)  # from the read side's index; later calls hit the cache
        found["event_dates"].append((time.perf_counter() - started) * 1000)
        for day in steps:
            query = time.perf_counter()
            data = screen.fetch(TimePoint(day))  # the same query the worker runs, timed alone
            found["query"].append((time.perf_counter() - query) * 1000)
            query = time.perf_counter()
            if screen.has_more:
                screen.fetch_more(TimePoint(day), data)
            found["query_more"].append((time.perf_counter() - query) * 1000)
            started = time.perf_counter()
            app.go_to(day)
            while screen.dirty:
                await asyncio.sleep(0.001)
            applied = time.perf_counter()
            paint = time.perf_counter()
            app.screen._compositor.render_update(full=True)  # what the next frame draws
            found["paint"].append((time.perf_counter() - paint) * 1000)
            found["apply"].append(applies[-1])
            found["end_to_end"].append((applied - started) * 1000 + found["paint"][-1])
    return found


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else str(Path(tempfile.mkdtemp()) / "bench.db")
    count = int(sys.argv[2]) if len(sys.argv) > 2 else len(STEPS)
    steps = STEPS[:: max(1, len(STEPS) // count)][:count]
    tracker = build(path)
    started = time.perf_counter()
    tracker.refresh()  # the read model loaded (or rebuilt) before anything is timed
    took = time.perf_counter() - started
    total = tracker.read_model.source.max_position()
    print(f"store {path}: {total} events in the log; read model ready in {took:.1f} s", flush=True)
    for label, council in (("overview (153 rows)", None), ("council screen (Warwickshire)", "937")):
        result = asyncio.run(measure(tracker, council, steps))
        print(label, flush=True)
        for name, values in result.items():
            shown = f"{values[0]:.0f} ms" if name in OPENING else ms(values)
            print(f"  {name:>11}: {shown}", flush=True)


if __name__ == "__main__":
    main()
