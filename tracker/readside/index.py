"""Per-stream indexes, folded from decoded events: compact columns sorted by time.

A council keeps, per version, its log position, the day it happened (0: not a live
fact), for facts without a row the day it was published and the second it was
recorded (the last-event answer, latest.py, walks these), and a slot naming its row
(``row * 4 + table``, negative once retracted). Only
inspections and workforce figures are kept as rows (their rating and caseload fields,
columns.py); every other fact keeps its days only, and becomes known when published, else
when it happened (only inspections have a fieldwork end). A kept fact's values are
picked as it is folded and its row made with the next ``PENDING`` ones (faster in
bulk); anything that reads rows settles them first. Corrections add a patched row and
move it into the sorted view in place of the old one, so the current view is always
ready; a view at an earlier recorded-by T is rebuilt from the rows on demand
(recorded.py). Full events are read back from the store per council when shown.
"""

from __future__ import annotations

from array import array
from datetime import datetime
from typing import Any

from tracker.readside.columns import Entry, Rows, RowTable, Values, day, micros, moment_micros, whole_seconds

__all__ = ["INSPECTION_FIELDS", "WORKFORCE_FIELDS", "Entry", "GeoIndex", "StreamIndex", "View",
           "inspection_table", "recorded_key", "workforce_table"]

# (inspections, caseload figures, slack) as the tracker held them at some T
View = tuple[Rows, Rows, int]
INSPECTION_FIELDS = ("occurred_on", "fieldwork_end", "published_on", "framework", "overall",
                     "impact_of_leaders", "help_and_protection", "children_in_care", "care_leavers")
WORKFORCE_FIELDS = ("occurred_on", "published_on", "caseload", "source")
INSPECTIONS, WORKFORCE = 1, 2
CORRECTION, RETRACTION = 0, 1
PENDING = 128  # facts batched per stream before their rows are made
_PUBLISHED = 37  # a loose value's published day sits above its recorded second
_SECONDS = (1 << _PUBLISHED) - 1  # seconds since year 1 fit in 37 bits
_DAYS: dict[str | None, int] = {None: 0}  # date text -> its day (0: none); dates are few
_TABLE = {"inspection": INSPECTIONS, "workforce": WORKFORCE, "correction": -1, "retraction": -1}


def _day_of(text: str | None) -> int:
    found = _DAYS[text] = day(text) if text else 0
    return found


def inspection_table() -> RowTable:
    return RowTable(INSPECTION_FIELDS)


def workforce_table() -> RowTable:
    """Figures count only with a caseload."""
    return RowTable(WORKFORCE_FIELDS, needs="caseload")


def recorded_key(moment: datetime) -> int:
    """A recorded-by T in the unit rows keep (microseconds, UTC)."""
    return moment_micros(moment)


_FIELDS = {INSPECTIONS: INSPECTION_FIELDS, WORKFORCE: WORKFORCE_FIELDS}


class Amendments:
    """A stream's corrections and retractions in log order, with the rows they made."""

    __slots__ = ("base", "changes", "kind", "max_rec", "rec", "row", "table", "target", "version")

    def __init__(self) -> None:
        self.version, self.target, self.rec = array("i"), array("i"), array("q")
        self.kind, self.table = array("b"), array("b")
        self.changes = array("i")  # the changes' index in the stream's Values (0 for a retraction)
        self.base, self.row = array("i"), array("i")  # the row corrected and the row made (-1: none)
        self.max_rec = 0

    def columns(self) -> tuple[array[int], ...]:
        return (self.version, self.target, self.rec, self.kind, self.table, self.changes, self.base, self.row)

    def append(self, *values: int) -> None:
        for column, value in zip(self.columns(), values, strict=True):
            column.append(value)
        self.max_rec = max(self.max_rec, values[2])

    def __len__(self) -> int:
        return len(self.version)

    def pack(self) -> list[bytes]:
        return [column.tobytes() for column in self.columns()]

    def unpack(self, state: list[bytes]) -> None:
        for column, data in zip(self.columns(), state, strict=True):
            column.frombytes(data)
        if any(len(column) != len(self.version) for column in self.columns()):
            raise ValueError("read model amendments of unequal length")
        self.max_rec = max(self.rec, default=0)


class StreamIndex:
    """One council's stream, compactly: positions, happened days, judgements, figures."""

    __slots__ = (
        "amends",
        "changes",
        "code",
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
        # Facts without a row only: published day << _PUBLISHED | recorded second (0: a row)
        self.loose = array("q")
        self.slot = array("i")  # version i+1's row * 4 + table; negative: retracted; 0: none
        self.insp = Rows(inspection_table())
        self.work = Rows(workforce_table())
        self.changes = Values()  # each correction's changes, numbered as amends.changes says
        self.amends = Amendments()
        self.max_recorded = 0  # newest recorded time of a kept row or an amendment
        self.views: dict[int, View] = {}  # by recorded_by
        self.latest: Any = None  # latest.py's order of the facts, remade when the stream grows
        # Kept facts not yet made rows: added in batches (a column at a time is faster),
        # always before anything reads the rows (flush).
        self.pending: list[tuple[int, int, str, tuple[Any, ...]]] = []  # (table, version, recorded, values)

    def rows(self, table: int) -> Rows:
        return self.insp if table == INSPECTIONS else self.work

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
            self.happened.append(0)
            self.loose.append(0)
            self.slot.append(0)
            self._amend(kind, data, micros(recorded), version)
            return
        occurred = data.get("occurred_on") or data.get("published_on")
        found = _DAYS.get(occurred)
        self.happened.append(found if found is not None else _day_of(occurred))
        self.slot.append(0)  # a kept fact's row number is set when its row is made
        if table:  # its row keeps its known day and recorded time
            self.loose.append(0)
            pending = self.pending
            pending.append((table, version, recorded, tuple(map(data.get, _FIELDS[table]))))
            if len(pending) >= PENDING:
                self.flush()
        else:
            published = data.get("published_on")
            found = _DAYS.get(published)
            found = found if found is not None else _day_of(published)
            self.loose.append(found << _PUBLISHED | whole_seconds(recorded[:19]))  # one append: hot

    def flush(self) -> None:
        """Make rows of the pending facts, each table's in one go, and sort them in."""
        if not self.pending:
            return
        pending = list(self.pending)
        self.pending.clear()  # in place: fold() holds it
        for table in (INSPECTIONS, WORKFORCE):
            chosen = [p for p in pending if p[0] == table]
            if not chosen:
                continue
            versions = [p[1] for p in chosen]
            recorded = list(map(micros, [p[2] for p in chosen]))
            rows = self.rows(table)
            first = rows.table.extend(versions, recorded, [p[3] for p in chosen])
            self.max_recorded = max(self.max_recorded, *recorded)
            slot, ok = self.slot, rows.table.ok
            for row, version in enumerate(versions, first):
                slot[version - 1] = row * 4 + table
            rows.place_new([row for row in range(first, first + len(versions)) if ok[row]])

    def settle(self) -> None:
        """Every pending fact made a row, every view sorted: ready to be read."""
        self.flush()
        self.insp.settle()
        self.work.settle()

    def _align(self, version: int) -> None:
        """Versions arrive in order; a gap (never expected) keeps the columns aligned."""
        while len(self.positions) < version - 1:
            self.positions.append(0)
            self.happened.append(0)
            self.loose.append(0)
            self.slot.append(0)

    def known(self, version: int) -> int:
        """The day a settled fact became public, as last amended: a kept fact's row knows
        (published, else fieldwork ended, else happened); any other, published or happened."""
        slot = self.slot[version - 1]
        if slot > 0:
            return self.rows(slot & 3).table.k[slot >> 2]
        return self.loose[version - 1] >> _PUBLISHED or self.happened[version - 1]

    def recorded_by(self, version: int) -> int:
        """When a settled fact was recorded, at the latest to the second before (micros): a
        kept fact's row knows exactly; any other's is kept to the second (the hot path)."""
        slot = self.slot[version - 1]
        if slot > 0:
            return self.rows(slot & 3).table.rec[slot >> 2]
        return (self.loose[version - 1] & _SECONDS) * 1_000_000

    def first_recorded(self) -> int:
        """No live fact was recorded before this (micros; a lower bound)."""
        others = [(x & _SECONDS) * 1_000_000 for x in self.loose if x]
        return min([*others, *self.insp.table.rec, *self.work.table.rec], default=0)

    def slack(self) -> int:
        """How far any fact's known day may precede its happened day (an upper bound)."""
        others = [h - (x >> _PUBLISHED) for h, x in zip(self.happened, self.loose, strict=True)
                  if h and x >> _PUBLISHED]
        return max(0, self.insp.table.slack, self.work.table.slack, *others)

    def _amend(self, kind: str, data: dict[str, Any], rec: int, version: int) -> None:
        target = int(data["target"])
        if self.pending and target >= self.pending[0][1]:
            self.flush()  # its target has no row yet (row numbers may differ; state() ignores them)
        changes = dict(data.get("changes") or {})
        if rec > self.max_recorded:
            self.max_recorded = rec
        if 0 < target <= len(self.happened) and self.happened[target - 1]:
            if kind == "retraction":
                self.happened[target - 1] = 0
            elif "occurred_on" in changes:
                self.happened[target - 1] = day(changes["occurred_on"])
        if 0 < target <= len(self.happened) and kind != "retraction" and "published_on" in changes:
            seconds = self.loose[target - 1] & _SECONDS
            self.loose[target - 1] = _day_of(changes["published_on"]) << _PUBLISHED | seconds
        slot = self.slot[target - 1] if 0 < target <= len(self.slot) else 0
        base = made = -1
        table = 0
        if slot:
            retracted = slot < 0
            base, table = abs(slot) >> 2, abs(slot) & 3
            rows = self.rows(table)
            if kind == "retraction":
                if not retracted:
                    rows.drop(base)
                    self.slot[target - 1] = -slot
            else:
                kept = {k: v for k, v in changes.items() if k in rows.table.fields}
                if kept:
                    made = rows.table.patch(base, kept)
                    self.slot[target - 1] = -(made * 4 + table) if retracted else made * 4 + table
                    if not retracted:
                        rows.drop(base)
                        if rows.table.ok[made]:
                            rows.place(made)
        self.amends.append(version, target, rec, RETRACTION if kind == "retraction" else CORRECTION, table,
                           self.changes.append(changes) if kind != "retraction" else -1, base, made)

    def current(self) -> View:
        """Inspections and caseload figures with every amendment applied."""
        self.settle()
        return self.insp, self.work, max(self.insp.table.slack, self.work.table.slack)

    def at(self, recorded_by: int | None) -> View:
        """The sorted rows as the tracker held them at T (cached per T)."""
        self.settle()
        if recorded_by is None or recorded_by >= self.max_recorded:
            return self.current()
        view = self.views.get(recorded_by)
        if view is None:
            from tracker.readside.recorded import view_at  # it builds on this module

            if len(self.views) > 4:
                self.views.clear()
            view = self.views[recorded_by] = view_at(self, recorded_by)
        return view

    # ---- persistence: arrays as bytes, for marshal --------------------------------
    def pack(self) -> tuple[Any, ...]:
        self.settle()
        return (self.code, self.originator, self.max_recorded, self.positions.tobytes(),
                self.happened.tobytes(), self.slot.tobytes(), self.changes.pack(),
                self.insp.table.pack(), self.insp.order.tobytes(),
                self.work.table.pack(), self.work.order.tobytes(), self.amends.pack(),
                self.insp.keys.tobytes(), self.work.keys.tobytes(),
                self.loose.tobytes())

    @classmethod
    def unpack(cls, state: tuple[Any, ...]) -> StreamIndex:
        index = cls(state[0], state[1])
        index.max_recorded = state[2]
        index.positions.frombytes(state[3])
        index.happened.frombytes(state[4])
        index.slot.frombytes(state[5])
        index.changes.unpack(state[6])
        index.insp.table.unpack(state[7])
        index.insp.order.frombytes(state[8])
        index.work.table.unpack(state[9])
        index.work.order.frombytes(state[10])
        index.amends.unpack(state[11])
        index.insp.keys.frombytes(state[12])
        index.work.keys.frombytes(state[13])
        index.loose.frombytes(state[14])
        if len(index.insp.keys) != len(index.insp.order) or len(index.work.keys) != len(index.work.order):
            raise ValueError("read model keys and order of unequal length")
        if not len(index.positions) == len(index.happened) == len(index.slot) == len(index.loose):
            raise ValueError("read model stream columns of unequal length")
        return index

    def state(self) -> tuple[Any, ...]:
        """Everything it answers from, decoded and named by (table, version, edition) rather
        than row number: equal for equal logs, however the folds were split and batched."""
        self.settle()
        names = {INSPECTIONS: _row_names(self.insp.table), WORKFORCE: _row_names(self.work.table)}

        def name(table: int, row: int) -> tuple[int, ...] | None:
            return (table, *names[table][row]) if row >= 0 and table else None

        a = self.amends
        amendments = [(a.version[i], a.target[i], a.rec[i], a.kind[i],
                       self.changes.get(a.changes[i]) if a.changes[i] >= 0 else None,
                       name(a.table[i], a.base[i]), name(a.table[i], a.row[i])) for i in range(len(a))]
        slots = [(s < 0, name(abs(s) & 3, abs(s) >> 2)) if s else None for s in self.slot]
        return (self.code, self.originator, self.max_recorded, self.positions.tobytes(),
                self.happened.tobytes(), self.loose.tobytes(), slots,
                _rows_state(self.insp, names[INSPECTIONS]),
                _rows_state(self.work, names[WORKFORCE]), amendments)


def _row_names(table: RowTable) -> list[tuple[int, int]]:
    """Each row as (version, edition): 0 for the fact as recorded, 1.. for its corrections."""
    editions: dict[int, int] = {}
    found = []
    for version in table.v:
        edition = editions[version] = editions.get(version, -1) + 1
        found.append((version, edition))
    return found


def _rows_state(rows: Rows, names: list[tuple[int, int]] | None = None) -> tuple[Any, ...]:
    table = rows.table
    named = names or [(r, 0) for r in range(len(table))]
    return (table.slack, [named[r] for r in rows.order],
            sorted((named[r], table.entry(r), table.ok[r]) for r in range(len(table))))


class GeoIndex:
    """England's or a region's workforce figures (Benchmark streams), sorted by as-at day."""

    __slots__ = ("code", "figures", "level", "name", "originator", "positions")

    def __init__(self, code: str, originator: str, name: str = "", level: str = "") -> None:
        self.code = code
        self.originator = originator
        self.name = name
        self.level = level
        self.figures = Rows(workforce_table())
        self.positions = array("q")

    def add(self, position: int, version: int, kind: str, data: dict[str, Any], recorded: str) -> None:
        self.positions.append(position)
        if kind == "figure" and data.get("caseload"):
            self.figures.place(self.figures.table.append(version, micros(recorded), data))

    def settle(self) -> None:
        """Figures are placed as they come: nothing waits."""

    def pack(self) -> tuple[Any, ...]:
        table = self.figures.table
        return (self.code, self.originator, self.name, self.level, self.positions.tobytes(),
                table.pack(), self.figures.order.tobytes(), self.figures.keys.tobytes())

    @classmethod
    def unpack(cls, state: tuple[Any, ...]) -> GeoIndex:
        index = cls(state[0], state[1], state[2], state[3])
        index.positions.frombytes(state[4])
        index.figures.table.unpack(state[5])
        index.figures.order.frombytes(state[6])
        index.figures.keys.frombytes(state[7])
        if len(index.figures.keys) != len(index.figures.order):
            raise ValueError("read model keys and order of unequal length")
        return index

    def state(self) -> tuple[Any, ...]:
        return (self.code, self.originator, self.name, self.level, self.positions.tobytes(),
                _rows_state(self.figures))
