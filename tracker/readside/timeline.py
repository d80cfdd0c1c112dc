"""A council's timeline: its full events, read back from the store on demand.

The index keeps only what ratings and caseloads need; a timeline needs every field, so
it reads one stream (a primary-key range) and folds it with the reference fold in
queries.py. The fold is cached per recorded-by T and sorted, so a new D or K is a
binary search plus the events that count; each fact's JSON entry is made once per fold.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from tracker.readside.decode import Decoded
from tracker.readside.history import CouncilHistory
from tracker.readside.logged import LoggedEvent
from tracker.readside.queries import FactView, facts_recorded_by


def logged(la_code: str, event: Decoded) -> LoggedEvent:
    return LoggedEvent(position=event.position, la_code=la_code, version=event.version, type=event.kind,
                       data=event.data, recorded_at=event.recorded_at)


def order_key(view: FactView) -> tuple[date, date, int]:
    return (view.happened, view.known_from, view.event.version)


@dataclass
class Timeline:
    """One council's events with corrections applied as of T; retracted ones kept aside."""

    history: CouncilHistory
    recorded_by: datetime | None
    views: list[FactView] = field(default_factory=list)  # live facts, in order
    retracted: list[FactView] = field(default_factory=list)  # in stream order
    keys: list[tuple[date, date, int]] = field(default_factory=list)
    slack: int = 0
    shown: dict[int, Any] = field(default_factory=dict)  # each fact's JSON entry, by version

    @classmethod
    def build(cls, history: CouncilHistory, recorded_by: datetime | None) -> Timeline:
        every = facts_recorded_by(history, recorded_by)
        live = sorted((v for v in every if v.retraction is None), key=order_key)
        slack = max([0] + [(v.happened - v.known_from).days for v in live])
        return cls(history, recorded_by, live, [v for v in every if v.retraction is not None],
                   [order_key(v) for v in live], slack)

    def counting(self, as_of: date, known_on: date) -> list[FactView]:
        """The facts that count at D and K, in the order they happened."""
        bound = min(as_of.toordinal(), known_on.toordinal() + self.slack)
        end = bisect_right(self.keys, (date.fromordinal(bound), date.max, 1 << 62))
        return [v for v in self.views[:end] if v.happened <= as_of and v.known_from <= known_on]
