"""Shared by the importer tests: fixture paths, stored facts and event counts,
answers without ids, and rows in the layout of Ofsted's outcomes tables."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from tracker.service import Tracker

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "importers"


def stored_events(tracker: Tracker) -> int:
    """How many events the store holds (every stream, benchmarks included)."""
    return int(tracker.app.recorder.max_notification_id() or 0)


def facts(tracker: Tracker, la_code: str, kind: str | None = None) -> list[dict[str, Any]]:
    """A council's facts as `show --json` gives them (corrections applied), oldest first."""
    events = tracker.show(la_code)["events"]
    return [e for e in events if kind is None or e["kind"] == kind]


HISTORY_KEYS = ("corrected_by", "revised_by", "enriched_by", "sources")
"""A fact's corrections and the sources that changed it: they depend on the order of imports."""


def without_ids(value: Any) -> Any:
    """Answers compared across stores: ids, recording times and each fact's history differ,
    lists in any order."""
    if isinstance(value, dict):
        drop = ("id", "event_id", "recorded_at", *HISTORY_KEYS)
        return {k: without_ids(v) for k, v in value.items() if k not in drop}
    if isinstance(value, list):
        return sorted((without_ids(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    return value


RI = "Requires improvement to be good"
NEYH = "North East, Yorkshire and the Humber"
HISTORY = [
    ["E08000016", "Barnsley", "Current", NEYH, date(2019, 1, 7), date(2019, 2, 20),
     "ILACS Standard Inspection", RI, RI, "Good", RI, ""],
    ["E08000016", "Barnsley", "Current", NEYH, date(2023, 9, 11), date(2023, 10, 27),
     "ILACS Short Inspection", "Good", "Good", RI, "Good", "Outstanding"],
    ["E10000006", "Cumbria", "No longer exists", "North West", date(2022, 9, 20), date(2022, 11, 15),
     "ILACS Standard Inspection", RI, RI, RI, RI, ""],
]  # fmt: skip
IN_YEAR = [
    ["E08000016", "Barnsley", NEYH, date(2024, 11, 5), date(2024, 12, 5), "ILACS Focused Visit",
     "", "", "", "", "", "Children in care"],
    ["E09000002", "barking and dagenham", "London", date(2025, 1, 13), date(2025, 2, 14),
     "LA Monitoring visit", "", "", "", "", "", "Front door"],
    ["E09000002", "Barking and Dagenham", "London", date(2025, 3, 10), date(2025, 5, 2),
     "ILACS Standard Inspection", "Good", "Good", "Good", "Good", "Good", ""],
]  # fmt: skip
AS_AT = [
    ["E08000016", "Barnsley", NEYH, date(2023, 9, 11), date(2023, 10, 27), "Good", "Good", RI, "Good",
     "Outstanding"],
    ["E09000002", "Barking and Dagenham", "South East", date(2025, 3, 10), date(2025, 5, 2), "Good",
     "Good", "Good", "Good", "Good"],
]  # fmt: skip
