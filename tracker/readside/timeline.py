"""A council's timeline: its full events, read back from the store on demand.

The index keeps only what ratings and caseloads need; a timeline needs every field, so
it reads one stream (a primary-key range) and folds it with the reference fold in
replay.py. The fold is cached per recorded-by T and sorted, so a new D or K is a
binary search plus the events that count; each fact's JSON entry is made once per fold.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from tracker.readside.decode import Decoded
from tracker.readside.logged import LoggedEvent
from tracker.readside.replay import CouncilHistory, FactView, facts_recorded_by, order_key


def logged(la_code: str, event: Decoded) -> LoggedEvent:
    return LoggedEvent(position=event.position, la_code=la_code, version=event.version, type=event.kind,
                       data=event.data, recorded_at=event.recorded_at)


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
        # each fact's days computed once (events/timing.py); keys are unique (they end in
        # the version), so views are never compared
        keyed = sorted((order_key(v), v) for v in every if v.retraction is None)
        keys = [key for key, _ in keyed]
        slack = max([0] + [(happened - known).days for happened, known, _ in keys])
        retracted = [v for v in every if v.retraction is not None]
        return cls(history, recorded_by, [v for _, v in keyed], retracted, keys, slack)

    def counting(self, as_of: date, known_on: date) -> list[FactView]:
        """The facts that count at D and K, in the order they happened."""
        bound = min(as_of.toordinal(), known_on.toordinal() + self.slack)
        end = bisect_right(self.keys, (date.fromordinal(bound), date.max, 1 << 62))
        return [v for v, key in zip(self.views[:end], self.keys[:end], strict=True)
                if key[0] <= as_of and key[1] <= known_on]
