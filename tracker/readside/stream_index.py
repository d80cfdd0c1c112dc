"""Per-stream indexes, folded from decoded events: compact columns sorted by time.

A council keeps, per version, its log position, the day it happened (0: not a live
fact), for facts without a row the day it became known and the second it was recorded
(the last-event answer, last_event.py, walks these), and a slot naming its row
(tables.py). Only inspections and workforce figures
are kept as rows (their rating and caseload fields, rows.py); every other fact keeps
its days only, plus the dates they come from (occurred, published and its source's date,
packed in one int), so a correction of any of them recomputes both days by the rules of
events/timing.py. A kept fact's values are picked as it is folded and its row (with its
days) made with the next ``PENDING`` ones (faster in bulk); anything that reads rows or
days settles them first.
Corrections add a patched row and move it into the sorted view in place of the old one,
so the current view is always ready; a view at an earlier recorded-by T is rebuilt from
the rows on demand (earlier.py). Full events are read back from the store per council
when shown.
"""

from __future__ import annotations

from array import array
from datetime import datetime
from typing import Any, NamedTuple

from events.timing import NEVER_DAY, happened_day, known_day, span
from tracker.readside.amendments import CORRECTION, RETRACTION, Amendments
from tracker.readside.earlier import view_at
from tracker.readside.packed_dates import (
    DAY_SHIFT,
    PLAIN,
    TIMES,
    pack_dates,
    plain_dates,
    times_of,
    unpack_dates,
)
from tracker.readside.rows import (
    ORIGIN,
    Entry,
    Rows,
    Values,
    micros,
    moment_micros,
    row_names,
    rows_state,
    source_span,
    whole_seconds,
)
from tracker.readside.tables import (
    FIELDS,
    INSPECTIONS,
    WORKFORCE,
    View,
    inspection_table,
    live_row,
    retracted_slot,
    unslot,
    workforce_table,
)
from tracker.readside.tables import slot as make_slot

__all__ = ["CORRECTION", "RETRACTION", "Entry", "StreamIndex", "recorded_key"]

PENDING = 128  # facts batched per stream before their rows are made
_KNOWN = 37  # a loose value's known day sits above its recorded second
_SECONDS = (1 << _KNOWN) - 1  # seconds since year 1 fit in 37 bits
# kind -> its row table; 0: a fact without a row; -1: an amendment; -2: not a fact
_TABLE = {"inspection": INSPECTIONS, "workforce": WORKFORCE, "correction": -1, "retraction": -1, "opened": -2}


class Pending(NamedTuple):
    """A kept fact whose row is not made yet (rows are made in batches: flush)."""

    table: int
    version: int
    recorded: str
    values: tuple[Any, ...]  # its fields, in its table's order
    cited: int  # its source's date span


def recorded_key(moment: datetime) -> int:
    """A recorded-by T in the unit rows keep (microseconds, UTC)."""
    return moment_micros(moment)


class StreamIndex:
    """One council's stream, compactly: positions, happened days, judgements, figures."""

    __slots__ = (
        "amends",
        "changes",
        "code",
        "dates",
        "happened",
        "insp",
        "latest",
        "loose",
        "max_recorded",
        "originator",
        "pending",
        "positions",
        "slot",
        "views",
        "work",
    )

    def __init__(self, code: str, originator: str) -> None:
        self.code = code
        self.originator = originator
        self.positions = array("q")  # notification id of version i+1
        self.happened = array("i")  # happened day of version i+1; 0: not a live fact
        # Facts without a row only: known day << _KNOWN | recorded second (0: a row)
        self.loose = array("q")
        # Facts without a row only: the dates their days come from, packed (packed_dates.py; 0: a row)
        self.dates = array("q")
        self.slot = array("i")  # version i+1's row, as tables.slot names it; 0: none
        self.insp = Rows(inspection_table())
        self.work = Rows(workforce_table())
        self.changes = Values()  # each correction's changes, numbered as amends.changes says
        self.amends = Amendments()
        self.max_recorded = 0  # newest recorded time of a kept row or an amendment
        self.views: dict[int, View] = {}  # by recorded_by
        self.latest: Any = None  # last_event.py's order of the facts, remade when the stream grows
        # Kept facts not yet made rows: added in batches (a column at a time is faster),
        # always before anything reads the rows (flush).
        self.pending: list[Pending] = []

    def rows(self, table: int) -> Rows:
        return self.insp if table == INSPECTIONS else self.work

    def tables(self) -> dict[int, Rows]:
        return {INSPECTIONS: self.insp, WORKFORCE: self.work}

    def _columns(self) -> tuple[array[int], ...]:
        """The per-version columns, in the order they are saved."""
        return self.positions, self.happened, self.slot, self.loose, self.dates

    def add(self, position: int, version: int, kind: str, data: dict[str, Any], recorded: str) -> None:
        """Fold one event of this stream (versions arrive in order). The hot path of a
        rebuild: a kept fact only has its values picked here (while its event is fresh in
        memory); rows are made in batches (flush)."""
        positions = self.positions
        if len(positions) != version - 1:
            self._align(version)
        positions.append(position)
        if self.views:
            self.views.clear()
        table = _TABLE.get(kind, 0)
        if table < 0:
            for column in self._columns()[1:]:
                column.append(0)
            if table == -1:
                self._amend(kind, data, micros(recorded), version)
            return
        source = data.get("source")
        cited = source.get("published") if source.__class__ is dict else None
        if table:  # its row keeps its days (set when the row is made), recorded time and dates
            self.happened.append(0)
            self.slot.append(0)
            self.loose.append(0)
            self.dates.append(0)
            pending = self.pending
            values = tuple(map(data.get, FIELDS[table]))
            pending.append(Pending(table, version, recorded, values, span(cited)))
            if len(pending) >= PENDING:
                self.flush()
            return
        occurred = data.get("occurred_on")
        published = data.get("published_on")
        if published is None and cited is None and occurred is not None:  # most facts: one lookup
            dates = PLAIN.get(occurred) or plain_dates(occurred)
            happened = known = (dates >> DAY_SHIFT) + ORIGIN
        else:
            key = (occurred, published, cited)
            happened, known, dates = TIMES.get(key) or times_of(key)
        self.happened.append(happened)
        self.slot.append(0)
        self.loose.append(known << _KNOWN | whole_seconds(recorded[:19]))
        self.dates.append(dates)

    def flush(self) -> None:
        """Make rows of the pending facts, each table's in one go, and sort them in."""
        if not self.pending:
            return
        pending = list(self.pending)
        self.pending.clear()  # in place: fold() holds it
        for table in (INSPECTIONS, WORKFORCE):
            chosen = [p for p in pending if p.table == table]
            if not chosen:
                continue
            versions = [p.version for p in chosen]
            recorded = list(map(micros, [p.recorded for p in chosen]))
            rows = self.rows(table)
            first = rows.table.extend(versions, recorded, [p.values for p in chosen],
                                      [p.cited for p in chosen])
            self.max_recorded = max(self.max_recorded, *recorded)
            slot, happened, ok, days = self.slot, self.happened, rows.table.ok, rows.table.h
            for row, version in enumerate(versions, first):
                slot[version - 1] = make_slot(table, row)
                happened[version - 1] = days[row]
            rows.place_new([row for row in range(first, first + len(versions)) if ok[row]])

    def settle(self) -> None:
        """Every pending fact made a row, every view sorted: ready to be read."""
        self.flush()
        self.insp.settle()
        self.work.settle()

    def _align(self, version: int) -> None:
        """Versions arrive in order; a gap (never expected) keeps the columns aligned."""
        while len(self.positions) < version - 1:
            for column in self._columns():
                column.append(0)

    def known(self, version: int) -> int:
        """The day a settled fact became public, as last amended (events/timing.py)."""
        row = live_row(self.slot[version - 1])
        if row is not None:
            return self.rows(row[0]).table.k[row[1]]
        return self.loose[version - 1] >> _KNOWN

    def days(self, version: int) -> tuple[int, int]:
        """A settled live fact's happened and known days, as last amended."""
        return self.happened[version - 1], self.known(version)

    def recorded_by(self, version: int) -> int:
        """When a settled fact was recorded, at the latest to the second before (micros): a
        kept fact's row knows exactly; any other's is kept to the second (the hot path)."""
        row = live_row(self.slot[version - 1])
        if row is not None:
            return self.rows(row[0]).table.rec[row[1]]
        return (self.loose[version - 1] & _SECONDS) * 1_000_000

    def first_recorded(self) -> int:
        """No live fact was recorded before this (micros; a lower bound)."""
        others = [(x & _SECONDS) * 1_000_000 for x in self.loose if x]
        return min([*others, *self.insp.table.rec, *self.work.table.rec], default=0)

    def slack(self) -> int:
        """How far any fact's known day may precede its happened day (an upper bound)."""
        others = [h - (x >> _KNOWN) for h, x in zip(self.happened, self.loose, strict=True)
                  if h and x >> _KNOWN]
        return max(0, self.insp.table.slack, self.work.table.slack, *others)

    def _retime(self, target: int, changes: dict[str, Any]) -> None:
        """A fact without a row: its days recomputed from its dates as corrected."""
        at = target - 1
        occurred, published, cited = unpack_dates(self.dates[at])
        if "occurred_on" in changes:
            occurred = span(changes["occurred_on"])
        if "published_on" in changes:
            published = span(changes["published_on"])
        if "source" in changes:
            cited = source_span(changes["source"])
        self.dates[at] = pack_dates(occurred, published, cited)
        known = known_day(published, 0, occurred, cited)
        self.loose[at] = known << _KNOWN | (self.loose[at] & _SECONDS)
        if self.happened[at]:  # 0: retracted
            self.happened[at] = happened_day(occurred, published)

    def _amend(self, kind: str, data: dict[str, Any], rec: int, version: int) -> None:
        target = int(data["target"])
        if self.pending and target >= self.pending[0].version:
            self.flush()  # its target has no row yet (row numbers may differ; state() ignores them)
        changes = dict(data.get("changes") or {})
        if rec > self.max_recorded:
            self.max_recorded = rec
        exists = 0 < target <= len(self.happened)
        code = self.slot[target - 1] if exists else 0
        if exists and kind == "retraction":
            self.happened[target - 1] = 0
        elif exists and not code and self.loose[target - 1] and (
                "occurred_on" in changes or "published_on" in changes or "source" in changes):
            self._retime(target, changes)
        base = made = -1
        table = 0
        if code:
            table, base, retracted = unslot(code)
            rows = self.rows(table)
            if kind == "retraction":
                if not retracted:
                    rows.drop(base)
                    self.slot[target - 1] = retracted_slot(code)
            elif rows.table.changed_by(changes):
                made = rows.table.patch(base, changes)
                self.slot[target - 1] = make_slot(table, made, retracted)
                if not retracted:
                    self.happened[target - 1] = rows.table.h[made]
                    rows.drop(base)
                    if rows.table.ok[made]:
                        rows.place(made)
        self.amends.append(version, target, rec, RETRACTION if kind == "retraction" else CORRECTION, table,
                           self.changes.append(changes) if kind != "retraction" else -1, base, made)

    def current(self) -> View:
        """Inspections and caseload figures with every amendment applied."""
        self.settle()
        return self._current()

    def _current(self) -> View:
        return View(self.insp, self.work, max(self.insp.table.slack, self.work.table.slack))

    def at(self, recorded_by: int | None) -> View:
        """The sorted rows as the tracker held them at T (cached per T)."""
        self.settle()
        if recorded_by is None or recorded_by >= self.max_recorded:
            return self._current()
        view = self.views.get(recorded_by)
        if view is None:
            if len(self.views) > 4:
                self.views.clear()
            view = self.views[recorded_by] = view_at(self.tables(), self.amends, self.changes, recorded_by)
        return view

    def event_days(self) -> set[int]:
        """Days on which an answer about this stream may change: when a live fact happened
        and when it became known (days of facts that never count left out)."""
        self.settle()
        days = set(self.happened)
        days.update(x >> _KNOWN for h, x in zip(self.happened, self.loose, strict=True) if h and x)
        for code in self.slot:
            row = live_row(code)
            if row is not None:  # a live inspection or figure: the day it became public
                days.add(self.rows(row[0]).table.k[row[1]])
        days.discard(0)
        days.discard(NEVER_DAY)
        return days

    # ---- persistence: arrays as bytes, for marshal --------------------------------
    def pack(self) -> tuple[Any, ...]:
        self.settle()
        return (self.code, self.originator, self.max_recorded,
                [column.tobytes() for column in self._columns()], self.changes.pack(),
                self.insp.table.pack(), self.insp.order.tobytes(), self.insp.keys.tobytes(),
                self.work.table.pack(), self.work.order.tobytes(), self.work.keys.tobytes(),
                self.amends.pack())

    @classmethod
    def unpack(cls, state: tuple[Any, ...]) -> StreamIndex:
        index = cls(state[0], state[1])
        index.max_recorded = state[2]
        columns = index._columns()
        for column, data in zip(columns, state[3], strict=True):
            column.frombytes(data)
        index.changes.unpack(state[4])
        for rows, (table, order, keys) in ((index.insp, state[5:8]), (index.work, state[8:11])):
            rows.table.unpack(table)
            rows.order.frombytes(order)
            rows.keys.frombytes(keys)
            if len(rows.keys) != len(rows.order):
                raise ValueError("read model keys and order of unequal length")
        index.amends.unpack(state[11])
        if any(len(column) != len(index.positions) for column in columns):
            raise ValueError("read model stream columns of unequal length")
        return index

    def state(self) -> tuple[Any, ...]:
        """Everything it answers from, decoded and named by (table, version, edition) rather
        than row number: equal for equal logs, however the folds were split and batched."""
        self.settle()
        names = {INSPECTIONS: row_names(self.insp.table), WORKFORCE: row_names(self.work.table)}

        def name(table: int, row: int) -> tuple[int, ...] | None:
            return (table, *names[table][row]) if row >= 0 and table else None

        a = self.amends
        amendments = [(a.version[i], a.target[i], a.rec[i], a.kind[i],
                       self.changes.get(a.changes[i]) if a.changes[i] >= 0 else None,
                       name(a.table[i], a.base[i]), name(a.table[i], a.row[i])) for i in range(len(a))]
        slots = [(s.retracted, name(s.table, s.row)) if code else None
                 for code in self.slot for s in (unslot(code),)]
        return (self.code, self.originator, self.max_recorded,
                [column.tobytes() for column in self._columns() if column is not self.slot], slots,
                rows_state(self.insp, names[INSPECTIONS]), rows_state(self.work, names[WORKFORCE]),
                amendments)
