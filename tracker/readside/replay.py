"""Answer 'as of D, known on K, recorded by T' for one council's history, by replay.

The simple reference: the indexed answers (lookups.py) must equal these, which the
property tests check; timelines (timeline.py) use the fact views directly.

- recorded by T: only events (and corrections, retractions) the tracker had
  recorded by T count;
- known on K: a fact counts once it was public by K;
- as of D: a fact counts once it happened by D (a judgement: fieldwork started).
Both days come from the rules in events/timing.py, which the index shares.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from events import timing
from events.vocabulary import SUB_JUDGEMENTS
from tracker.readside.logged import LoggedEvent


@dataclass
class CouncilHistory:
    """Everything recorded for one council, in stream order."""

    la_code: str
    events: list[LoggedEvent] = field(default_factory=list)


@dataclass
class FactView:
    """A fact as the tracker showed it at time T: corrections applied."""

    event: LoggedEvent
    fields: dict[str, Any]
    corrections: list[LoggedEvent] = field(default_factory=list)
    retraction: LoggedEvent | None = None

    @property
    def kind(self) -> str:
        return self.event.type

    @property
    def happened(self) -> date:
        """The day it has surely happened by (events/timing.py)."""
        f = self.fields
        return timing.happened_on(f.get("occurred_on"), f.get("published_on"))

    @property
    def known_from(self) -> date:
        """The day it was surely public (events/timing.py)."""
        f = self.fields
        return timing.known_from(f.get("published_on"), f.get("fieldwork_end"), f.get("occurred_on"),
                                 timing.source_date(f.get("source")))

    def counts(self, as_of: date, known_on: date) -> bool:
        return self.retraction is None and self.happened <= as_of and self.known_from <= known_on


def facts_recorded_by(history: CouncilHistory, recorded_by: datetime | None) -> list[FactView]:
    """Every fact recorded by T, as corrected and retracted by T (retracted kept, marked)."""
    views: dict[int, FactView] = {}
    for event in history.events:
        if recorded_by is not None and event.recorded_at > recorded_by:
            continue  # imports may carry older timestamps later in the log
        if event.is_fact:
            views[event.version] = FactView(event, dict(event.data))
        elif event.type == "correction":
            view = views.get(event.data["target"])
            if view is not None:
                view.fields.update(event.data["changes"])
                view.corrections.append(event)
        elif event.type == "retraction":
            view = views.get(event.data["target"])
            if view is not None:
                view.retraction = event
    return list(views.values())


def counting(views: list[FactView], as_of: date, known_on: date) -> list[FactView]:
    """The facts that count at D and K, in the order they happened."""
    chosen = [v for v in views if v.counts(as_of, known_on)]
    chosen.sort(key=order_key)
    return chosen


def order_key(view: FactView) -> tuple[date, date, int]:
    """The order facts happened in: happened day, known day, stream position."""
    return (view.happened, view.known_from, view.event.version)


def inspections(views: list[FactView], as_of: date, known_on: date) -> list[FactView]:
    """Judgement inspections that count, oldest first."""
    found = [v for v in views if v.kind == "inspection" and v.counts(as_of, known_on)]
    return sorted(found, key=order_key)


def rating_of(view: FactView | None) -> dict[str, Any] | None:
    """The JSON contract's ``rating`` for the inspection that counts."""
    if view is None:
        return None
    f = view.fields
    return {
        "overall": f.get("overall"),
        "framework": f.get("framework"),
        "inspection_started": f.get("occurred_on"),
        "inspection_ended": f.get("fieldwork_end"),
        "published_on": f.get("published_on"),
        "judgements": {
            str(area): f.get(area)
            for area in SUB_JUDGEMENTS
        },
        "event_id": view.event.id,
    }


def caseload_entry(view: FactView) -> dict[str, Any]:
    figure = view.fields["caseload"]
    value = figure.get("value")
    return {
        "as_at": view.fields.get("occurred_on"),
        "value": value,
        "low": figure.get("low", value),
        "high": figure.get("high", value),
        "text": figure.get("text"),
        "source": view.fields["source"],
        "event_id": view.event.id,
    }


def caseloads(views: list[FactView], as_of: date, known_on: date) -> list[dict[str, Any]]:
    """Caseload figures that count, one per as-at date (the latest edition for a date wins),
    in the order the winning editions happened."""
    by_date: dict[str | None, FactView] = {}
    for view in counting(views, as_of, known_on):
        if view.kind == "workforce" and view.fields.get("caseload"):
            by_date[view.fields.get("occurred_on")] = view
    return [caseload_entry(view) for view in sorted(by_date.values(), key=order_key)]
