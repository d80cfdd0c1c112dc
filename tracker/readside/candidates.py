"""Likely-duplicate candidates from the read side: one council's live facts of one kind,
with the dates and framework that matching (events/matching.py) compares.

The write side keeps no fields (events/council.py), and reading every inspection of a
long stream back from the store would make each add slower as history grows. The read
model already holds them: an inspection's row keeps its dates and framework, any other
fact its occurred and published dates packed as spans (packed_dates.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from events.timing import DAY, MONTH
from tracker.readside.live_model import LiveReadModel
from tracker.readside.packed_dates import unpack_dates
from tracker.readside.stream_index import StreamIndex
from tracker.readside.tables import INSPECTIONS, unslot

MATCH_FIELDS = ("occurred_on", "fieldwork_end", "published_on", "framework")


class NotCaughtUp(RuntimeError):
    """The read model does not yet hold every stored event of the stream."""


def span_text(code: int) -> str | None:
    """A span (events/timing.py) back as its canonical partial date text."""
    if not code:
        return None
    last = date.fromordinal(code >> 2)
    if code & 3 == DAY:
        return last.isoformat()
    return f"{last.year:04d}-{last.month:02d}" if code & 3 == MONTH else f"{last.year:04d}"


def _fields(index: StreamIndex, position: int) -> dict[str, Any]:
    table, row, _retracted = unslot(index.slot[position - 1])
    if table:
        values = index.rows(table).table
        found = {name: values.value(row, name) for name in MATCH_FIELDS if name in values.position}
        if table != INSPECTIONS:
            found.pop("fieldwork_end", None)
        return found
    occurred, published, _cited = unpack_dates(index.dates[position - 1])
    return {"occurred_on": span_text(occurred), "published_on": span_text(published)}


def candidates(model: LiveReadModel, la_code: str, positions: Iterable[int],
               stored_version: int) -> dict[int, dict[str, Any]]:
    """The matching fields of the facts at ``positions`` (live facts of one kind, as the
    aggregate knows them), from a model that holds at least ``stored_version`` events of
    the stream (caught up with the store first when it does not)."""
    wanted = list(positions)
    if not wanted:
        return {}
    index = model.ready().councils.get(la_code)
    if index is None or len(index.positions) < stored_version:  # behind the aggregate: catch up
        model.refresh()  # (only then: an import matching many rows polls the store once, not per row)
        index = model.ready().councils.get(la_code)
    held = len(index.positions) if index is not None else 0
    if index is None or held < stored_version:
        raise NotCaughtUp(f"council {la_code}: the read model holds {held} of {stored_version} events")
    index.settle()
    return {position: _fields(index, position) for position in wanted}
