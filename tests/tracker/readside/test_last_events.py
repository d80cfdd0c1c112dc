"""Each council's last event (the overview's column), on both backends: it must equal the
last entry of the council's own timeline at every time point, corrections included."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from tracker.seeding import load_seeds
from tracker.service import Tracker

Maker = Callable[..., dict[str, Any]]


def timeline_last(tracker: Tracker, la_code: str, *when: Any) -> dict[str, Any] | None:
    events = tracker.show(la_code, *when)["events"]
    return events[-1] if events else None


def test_last_event_is_the_timelines_last_entry_at_every_time(
    backend_tracker: Tracker, inspection: Maker, workforce: Maker
) -> None:
    tracker = backend_tracker
    load_seeds(tracker)
    first = tracker.add("Sutton", "inspection", inspection("2023-01-10", "2023-03-01", "good"))
    late = tracker.add("Sutton", "workforce", workforce("2024-09-30", 19.0, published="2025-02-27"))
    before_fixes = datetime.now().astimezone()
    tracker.correct(late, {"as_at": "2022-09-30"}, "wrong year")  # now earlier than the inspection
    tracker.retract(first, "entered on the wrong council")
    times: list[tuple[Any, ...]] = [
        (), (date(2019, 6, 1),), (date(2024, 12, 31), date(2023, 2, 1)),
        (date(2026, 1, 1), date(2026, 1, 1), before_fixes), (None, None, before_fixes - timedelta(days=1)),
    ]
    for when in times:
        found = tracker.last_events(*when)
        assert len(found) == 153
        for la_code, entry in found.items():
            assert entry == timeline_last(tracker, la_code, *when), (la_code, when)
    # The amended facts themselves, as held before the fixes and now.
    then = tracker.last_events(date(2026, 1, 1), None, before_fixes)["319"]
    assert (then["id"], then["occurred_on"], then["corrected_by"]) == (late, "2024-09-30", [])
    assert tracker.last_events(date(2024, 6, 1), None, before_fixes)["319"]["id"] == first
    now = tracker.last_events(date(2024, 6, 1))["319"]  # the inspection is retracted now
    assert now is None or now["id"] not in (first, late)
    moved = tracker.last_events(date(2022, 12, 31), date(2026, 1, 1))["319"]
    assert moved["id"] == late and moved["occurred_on"] == "2022-09-30" and moved["corrected_by"]
