"""A council's last events at D, K and T, without building its whole timeline.

The overview shows every council's last event, and a council screen first shows the
last page of its timeline. A timeline (timeline.py) reads and folds a whole stream,
which at a million events is thousands of events per council. The index knows each
fact's happened and known days as last amended and when it was recorded, so the answer
walks the stream's facts newest-first in memory, from the last day that can count, and
reads back only the facts of the days that have the last ones that count (to show them).

Facts amended after T are the exception: at T their days (or their being retracted)
may differ from the index's, so they are read and folded as they were at T. The result
is the tail of :meth:`Timeline.counting`, which the property tests check.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from tracker.readside.logged import LoggedEvent
from tracker.readside.replay import FactView, order_key
from tracker.readside.stream_index import CORRECTION, StreamIndex, recorded_key

# Reads a stream's events by version (any order, unknown versions left out).
ReadVersions = Callable[[list[int]], list[LoggedEvent]]
_EPOCH = datetime(1, 1, 1, tzinfo=UTC)


@dataclass
class FactOrder:
    """A stream's live facts by (happened day, version), for one length of the stream."""

    length: int
    versions: list[int]
    days: list[int]
    slack: int  # how far a fact's known day may precede its happened day
    first_recorded: int  # no live fact was recorded before (micros)
    amendments: dict[int, list[int]]  # target version -> its amendments (indexes, log order)

    @classmethod
    def of(cls, index: StreamIndex) -> FactOrder:
        # (day, version) packed in one int sorts in C: this runs for every council at once
        keys = sorted((h << 32) | v for v, h in enumerate(index.happened, 1) if h)
        slack = index.slack()
        amendments: dict[int, list[int]] = {}
        for i, target in enumerate(index.amends.target):
            amendments.setdefault(target, []).append(i)
        versions = [k & 0xFFFFFFFF for k in keys]
        return cls(len(index.positions), versions, [k >> 32 for k in keys], slack,
                   index.first_recorded(), amendments)


def fact_order(index: StreamIndex) -> FactOrder:
    """The stream's facts in order, kept on the index until the stream grows."""
    order = index.latest
    if not isinstance(order, FactOrder) or order.length != len(index.positions):
        order = index.latest = FactOrder.of(index)
    return order


def moment(micros: int) -> datetime:
    return _EPOCH + timedelta(microseconds=micros - recorded_key(_EPOCH))


def view_at(index: StreamIndex, order: FactOrder, event: LoggedEvent, limit: int | None) -> FactView | None:
    """The fact as the tracker held it at T (None: not recorded by T), amendments applied."""
    if limit is not None and recorded_key(event.recorded_at) > limit:
        return None
    view = FactView(event, dict(event.data))
    a = index.amends
    for i in order.amendments.get(event.version, []):
        if limit is not None and a.rec[i] > limit:
            continue
        changes = index.changes.get(a.changes[i]) if a.kind[i] == CORRECTION else {}
        amendment = LoggedEvent(index.positions[a.version[i] - 1], event.la_code, a.version[i],
                                "correction" if a.kind[i] == CORRECTION else "retraction",
                                {"target": event.version, "changes": changes}, moment(a.rec[i]))
        if a.kind[i] == CORRECTION:
            view.fields.update(changes)
            view.corrections.append(amendment)
        elif view.retraction is None:
            view.retraction = amendment
    return view


def last_fact(index: StreamIndex, read: ReadVersions, as_of: date, known_on: date,
              recorded_by: datetime | None) -> FactView | None:
    """The fact that counts at D and K (as recorded by T) and happened last."""
    found, _ = last_facts(index, read, as_of, known_on, recorded_by, 1)
    return found[-1] if found else None


def last_facts(index: StreamIndex, read: ReadVersions, as_of: date, known_on: date,
               recorded_by: datetime | None, count: int) -> tuple[list[FactView], bool]:
    """The ``count`` facts that count at D and K (as recorded by T) and happened last, in
    the order they happened, and True when surely no earlier fact counts (a first page of a
    timeline that is the whole of it)."""
    index.settle()
    order = fact_order(index)
    limit = None if recorded_by is None else recorded_key(recorded_by)
    a = index.amends
    recorded = index.recorded_by
    unsettled: set[int] = set()
    found: list[FactView] = []
    if limit is not None:
        unsettled = {a.target[i] for i in range(len(a)) if a.rec[i] > limit}
        recorded_then = sorted(v for v in unsettled if recorded(v) <= limit)
        found = _counting([v for e in read(recorded_then) if (v := view_at(index, order, e, limit))],
                          as_of, known_on)
    if limit is not None and limit < order.first_recorded:
        return found[-count:], len(found) <= count  # T is before every live fact was recorded
    days, versions, known = order.days, order.versions, index.known
    end = bisect_right(days, min(as_of.toordinal(), known_on.toordinal() + order.slack))
    known_by = known_on.toordinal()
    while end > 0:
        day = days[end - 1]
        if len(found) >= count and day < found[-count].happened.toordinal():
            return found[-count:], False  # nothing earlier can be later than what was found
        start = end - 1
        while start > 0 and days[start - 1] == day:
            start -= 1
        chosen = [v for v in versions[start:end] if v not in unsettled and known(v) <= known_by
                  and (limit is None or recorded(v) <= limit)]
        if chosen:
            found = _counting(found + [v for e in read(chosen) if (v := view_at(index, order, e, limit))],
                              as_of, known_on)
        end = start
    return found[-count:], len(found) <= count


def _counting(views: list[FactView], as_of: date, known_on: date) -> list[FactView]:
    """The views that count at D and K, in the order they happened."""
    return sorted((v for v in views if v.counts(as_of, known_on)), key=order_key)
