"""Shape query answers into the stable JSON contract (docs/json-contract.md).

Keys are only ever added, never renamed or removed.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from events.describe import describe
from tracker.councils import Authority
from tracker.provenance import provenance
from tracker.readside import lookups
from tracker.readside.logged import LoggedEvent, event_id
from tracker.readside.read_model import Damage
from tracker.readside.replay import FactView
from tracker.readside.stream_ids import known_streams, stream_name
from tracker.readside.stream_index import Entry
from tracker.readside.timeline import Timeline
from tracker.results import Caseload, CouncilRef, Figure, Rating


def council_ref(authority: Authority) -> dict[str, Any]:
    return CouncilRef.of(authority).as_json()


def stamp(moment: datetime) -> str:
    return moment.isoformat()


def fact_entry(view: FactView) -> dict[str, Any]:
    """One fact as shown: its summary true to the corrected fields, its sources, and its
    corrections told apart (tracker/provenance.py)."""
    f = view.fields
    shown = provenance(view.kind, view.event.data, view.corrections)
    return {
        "id": view.event.id,
        "kind": view.kind,
        "occurred_on": f.get("occurred_on"),
        "published_on": f.get("published_on"),
        "recorded_at": stamp(view.event.recorded_at),
        "summary": shown.summary,
        "corrected_by": [c.id for c in view.corrections],
        "revised_by": shown.revised_by,
        "enriched_by": shown.enriched_by,
        "sources": shown.sources,
        "fields": f,
    }


def shown_entry(timeline: Timeline, view: FactView) -> dict[str, Any]:
    """``fact_entry``, made once per cached timeline (a timeline at 1M events is thousands)."""
    found = timeline.shown.get(view.event.version)
    if found is None:
        found = timeline.shown[view.event.version] = fact_entry(view)
    return found


def rating_json(la_code: str, entry: Entry | None) -> dict[str, Any] | None:
    """The contract's ``rating``: the inspection that counts, with its sub-judgements."""
    rating = Rating.of(la_code, entry)
    return None if rating is None else rating.as_json()


def figure_json(entry: Entry | None) -> dict[str, Any] | None:
    """A national or regional line's figure for the same as-at date."""
    figure = Figure.of(entry)
    return None if figure is None else figure.as_json()


def caseload_json(la_code: str, entry: Entry, national: Entry | None = None,
                  regional: Entry | None = None) -> dict[str, Any]:
    return Caseload.of(la_code, entry, national, regional).as_json()


def council_json(
    authority: Authority,
    times: tuple[date, date, datetime | None],
    rating: lookups.Rating,
    caseloads: list[dict[str, Any]],
    timeline: Timeline,
) -> dict[str, Any]:
    """The ``show --json`` contract for one council at D, K and T."""
    as_of, known_on, recorded_by = times
    la = authority.la_code
    return {
        "council": council_ref(authority),
        "as_of": as_of.isoformat(),
        "known_on": known_on.isoformat(),
        "recorded_by": stamp(recorded_by) if recorded_by else None,
        "rating": rating_json(la, rating.current),
        "previous_rating": rating_json(la, rating.previous),
        "direction": rating.direction,
        "caseloads": caseloads,
        "events": [shown_entry(timeline, v) for v in timeline.counting(as_of, known_on)],
        "retracted": [
            {**shown_entry(timeline, v), "retracted_by": v.retraction.id,
             "reason": v.retraction.data["reason"]}
            for v in timeline.retracted
            if v.retraction is not None
        ],
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


def log_entries(events: list[LoggedEvent]) -> list[dict[str, Any]]:
    return [log_entry(e) for e in sorted(events, key=lambda e: e.position)]


def damage_json(damage: Damage) -> dict[str, Any]:
    """A stored event the tracker cannot read: where it is, whose it is, what is wrong."""
    position, originator, version, topic, problem = damage
    known = known_streams().get(originator)
    entry: dict[str, Any] = {
        "position": position,
        "id": event_id(known.code, version) if known else None,
        "council": known.code if known and known.council else None,
        "stream": stream_name(originator),
        "topic": topic,
        "problem": problem,
    }
    entry["summary"] = damage_text(entry)
    return entry


def damage_text(entry: dict[str, Any]) -> str:
    """One line naming a damaged event, for warnings: '937-3 (council 937, log position 12): ...'."""
    name = f"{entry['id']} ({entry['stream']}, " if entry["id"] else f"({entry['stream']}, "
    return f"{name}log position {entry['position']}): {entry['problem']}"
