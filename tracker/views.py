"""Shape query answers into the stable JSON contract (docs/json-contract.md)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from events.describe import describe
from tracker.councils import Authority
from tracker.readside.history import CouncilHistory
from tracker.readside.logged import LoggedEvent
from tracker.readside.queries import (
    FactView,
    caseloads,
    counting,
    facts_recorded_by,
    inspections,
    rating_of,
)


def council_ref(authority: Authority) -> dict[str, Any]:
    return {
        "la_code": authority.la_code,
        "ons_code": authority.ons_code,
        "name": authority.name,
        "region": authority.region,
    }


def stamp(moment: datetime) -> str:
    return moment.isoformat()


def fact_entry(view: FactView) -> dict[str, Any]:
    f = view.fields
    return {
        "id": view.event.id,
        "kind": view.kind,
        "occurred_on": f["occurred_on"],
        "published_on": f.get("published_on"),
        "recorded_at": stamp(view.event.recorded_at),
        "summary": describe(view.kind, f),
        "corrected_by": [c.id for c in view.corrections],
        "fields": f,
    }


def council_json(
    authority: Authority,
    history: CouncilHistory,
    as_of: date,
    known_on: date,
    recorded_by: datetime | None,
) -> dict[str, Any]:
    """The ``show --json`` contract for one council at D, K and T."""
    views = facts_recorded_by(history, recorded_by)
    judged = inspections(views, as_of, known_on)
    previous = judged[-2] if len(judged) > 1 else None
    return {
        "council": council_ref(authority),
        "as_of": as_of.isoformat(),
        "known_on": known_on.isoformat(),
        "recorded_by": stamp(recorded_by) if recorded_by else None,
        "rating": rating_of(judged[-1] if judged else None),
        "previous_rating": rating_of(previous),
        "caseloads": caseloads(views, as_of, known_on),
        "events": [fact_entry(v) for v in counting(views, as_of, known_on)],
        "retracted": [
            {**fact_entry(v), "retracted_by": v.retraction.id, "reason": v.retraction.data["reason"]}
            for v in views
            if v.retraction is not None
        ],
    }


def council_row(
    authority: Authority,
    history: CouncilHistory,
    as_of: date,
    known_on: date,
    recorded_by: datetime | None,
) -> dict[str, Any]:
    """One row of ``councils --json``."""
    views = facts_recorded_by(history, recorded_by)
    judged = inspections(views, as_of, known_on)
    loads = caseloads(views, as_of, known_on)
    return {
        "council": council_ref(authority),
        "rating": rating_of(judged[-1] if judged else None),
        "caseload": loads[-1] if loads else None,
    }


def log_entry(event: LoggedEvent) -> dict[str, Any]:
    """A raw log line: position, id, type, recorded time and the event's own data."""
    entry: dict[str, Any] = {
        "position": event.position,
        "id": event.id,
        "council": event.la_code,
        "type": event.type,
        "recorded_at": stamp(event.recorded_at),
    }
    if event.is_fact:
        entry["summary"] = describe(event.type, event.data)
    elif event.type in ("correction", "retraction"):
        entry["target"] = f"{event.la_code}-{event.data['target']}"
        entry["summary"] = event.type + " of " + entry["target"] + ": " + event.data["reason"]
    else:
        entry["summary"] = "stream opened"
    entry["data"] = event.data
    return entry


def log_entries(histories: list[CouncilHistory]) -> list[dict[str, Any]]:
    events = [e for h in histories for e in h.events]
    events.sort(key=lambda e: e.position)
    return [log_entry(e) for e in events]
