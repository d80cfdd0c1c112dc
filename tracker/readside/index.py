"""Per-stream indexes: compact, sorted by the time axes, folded from decoded events.

An entry is ``(happened, known, version, recorded, fields)``: happened and known are
date ordinals (an imprecise date counts at the end of its period), recorded the
library timestamp as fixed-width UTC text (decode.recorded_text), which sorts as time
does. Tuples sort by (happened, known, version), the order
in which a judgement or figure supersedes another. Only inspections and workforce figures
are kept whole (their rating and caseload fields); every other fact keeps its happened
date only, so a million events fit in memory. Full events are read back per council.
"""

from __future__ import annotations

from array import array
from bisect import insort
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from events.dates import PartialDate
from tracker.readside.decode import recorded_text

Entry = tuple[int, int, int, str, dict[str, Any]]
# (inspections, caseload figures, slack): sorted entries as the tracker held them at some T
View = tuple[list[Entry], list[Entry], int]
INSPECTION_FIELDS = ("occurred_on", "fieldwork_end", "published_on", "framework", "overall",
                     "impact_of_leaders", "help_and_protection", "children_in_care", "care_leavers")
WORKFORCE_FIELDS = ("occurred_on", "published_on", "caseload", "source")

def recorded_key(moment: datetime) -> str:
    """A recorded-by T in the form entries keep (named for what it was: exact time)."""
    return recorded_text(moment)


@lru_cache(maxsize=200_000)
def day(text: str) -> int:
    """The ordinal of the day a partial date counts on (its period's end)."""
    return PartialDate.parse(text).end().toordinal()


def ordinal(value: date) -> int:
    return value.toordinal()


def known_day(fields: dict[str, Any]) -> int:
    """When a fact became public: publication, else fieldwork end, else happening."""
    for name in ("published_on", "fieldwork_end", "occurred_on"):
        if fields.get(name):
            return day(fields[name])
    raise ValueError("every fact has occurred_on")


def make_entry(version: int, recorded_us: str, fields: dict[str, Any]) -> Entry:
    return (day(fields["occurred_on"]), known_day(fields), version, recorded_us, fields)


def patched(entry: Entry, changes: dict[str, Any]) -> Entry:
    """The entry with a correction's changes applied to the fields it keeps."""
    fields = entry[4]
    kept = {k: v for k, v in changes.items() if k in fields}
    if not kept:
        return entry
    return make_entry(entry[2], entry[3], {**fields, **kept})


def materialize(originals: dict[int, Entry], amendments: list[tuple[Any, ...]],
                recorded_by: str | None) -> tuple[list[Entry], set[int]]:
    """Entries as corrected by T (all when T is None), retracted ones left out; sorted."""
    current = {v: e for v, e in originals.items() if recorded_by is None or e[3] <= recorded_by}
    retracted: set[int] = set()
    for _version, target, recorded_us, kind, changes in amendments:
        if recorded_by is not None and recorded_us > recorded_by:
            continue
        if kind == "retraction":
            retracted.add(target)
        elif target in current:
            current[target] = patched(current[target], changes)
    return sorted(e for v, e in current.items() if v not in retracted), retracted


class StreamIndex:
    """One council's stream, compactly: positions, happened days, judgements, figures."""

    __slots__ = ("amendments", "code", "dirty", "happened", "inspections", "max_recorded",
                 "originator", "positions", "slack", "views", "workforce", "x_insp", "x_work")

    def __init__(self, code: str, originator: str) -> None:
        self.code = code
        self.originator = originator
        self.positions = array("q")  # notification id of version i+1
        self.happened = array("i")  # happened day of version i+1; 0: not a live fact
        self.max_recorded = ""
        self.x_insp: dict[int, Entry] = {}  # originals, as first recorded
        self.x_work: dict[int, Entry] = {}
        self.amendments: list[tuple[Any, ...]] = []
        self.slack = 0  # how far a fact's known day may precede its happened day
        self.inspections: list[Entry] = []  # current: every amendment applied
        self.workforce: list[Entry] = []  # current, caseload figures only
        self.dirty = False
        self.views: dict[str, View] = {}  # by recorded_by

    def add(self, position: int, version: int, kind: str, data: dict[str, Any], recorded_us: str) -> None:
        """Fold one event of this stream (versions arrive in order)."""
        if len(self.positions) != version - 1:
            self._align(version)
        self.positions.append(position)
        if self.views:
            self.views.clear()
        if recorded_us > self.max_recorded:
            self.max_recorded = recorded_us
        if kind in ("correction", "retraction"):
            self.happened.append(0)
            self._amend(version, kind, data, recorded_us)
            return
        happened = day(data["occurred_on"]) if "occurred_on" in data else 0
        self.happened.append(happened)
        if kind == "inspection":
            entry = make_entry(version, recorded_us, {k: data.get(k) for k in INSPECTION_FIELDS})
            self.x_insp[version] = entry
            self._keep(self.inspections, entry)
        elif kind == "workforce":
            entry = make_entry(version, recorded_us, {k: data.get(k) for k in WORKFORCE_FIELDS})
            self.x_work[version] = entry
            if entry[4]["caseload"]:
                self._keep(self.workforce, entry)

    def _align(self, version: int) -> None:
        """Versions arrive in order; a gap (never expected) keeps positions aligned."""
        while len(self.positions) < version - 1:
            self.positions.append(0)
            self.happened.append(0)

    def _keep(self, entries: list[Entry], entry: Entry) -> None:
        self.slack = max(self.slack, entry[0] - entry[1])
        if not self.dirty:
            if not entries or entries[-1] < entry:
                entries.append(entry)
            else:
                insort(entries, entry)

    def _amend(self, version: int, kind: str, data: dict[str, Any], recorded_us: str) -> None:
        target = int(data["target"])
        changes = dict(data.get("changes") or {})
        self.amendments.append((version, target, recorded_us, kind, changes))
        if 0 < target <= len(self.happened) and self.happened[target - 1]:
            if kind == "retraction":
                self.happened[target - 1] = 0
            elif "occurred_on" in changes:
                self.happened[target - 1] = day(changes["occurred_on"])
        if target in self.x_insp or target in self.x_work:
            self.dirty = True

    def current(self) -> View:
        """Inspections and caseload figures with every amendment applied."""
        if self.dirty:
            self.inspections, self.workforce, self.slack = _view(self.x_insp, self.x_work,
                                                                 self.amendments, None)
            self.dirty = False
        return self.inspections, self.workforce, self.slack

    def at(self, recorded_by: str | None) -> View:
        """The sorted entries as the tracker held them at T (cached per T)."""
        if recorded_by is None or recorded_by >= self.max_recorded:
            return self.current()
        view = self.views.get(recorded_by)
        if view is None:
            if len(self.views) > 4:
                self.views.clear()
            view = self.views[recorded_by] = _view(self.x_insp, self.x_work, self.amendments, recorded_by)
        return view

    # ---- persistence: plain values only, so marshal can write them ----------------
    def dump(self) -> tuple[Any, ...]:
        insp, work, _ = self.current()
        return (self.code, self.originator, self.positions.tobytes(), self.happened.tobytes(),
                self.max_recorded, self.x_insp, self.x_work, self.amendments, self.slack, insp, work)

    @classmethod
    def load(cls, state: tuple[Any, ...]) -> StreamIndex:
        index = cls(state[0], state[1])
        index.positions.frombytes(state[2])
        index.happened.frombytes(state[3])
        (index.max_recorded, index.x_insp, index.x_work, index.amendments, index.slack,
         index.inspections, index.workforce) = state[4:]
        return index


def _view(x_insp: dict[int, Entry], x_work: dict[int, Entry], amendments: list[tuple[Any, ...]],
          recorded_by: str | None) -> View:
    insp = materialize(x_insp, amendments, recorded_by)[0]
    work = [e for e in materialize(x_work, amendments, recorded_by)[0] if e[4]["caseload"]]
    slack = max([0] + [e[0] - e[1] for e in insp] + [e[0] - e[1] for e in work])
    return insp, work, slack


class GeoIndex:
    """England's or a region's workforce figures (Benchmark streams), sorted by as-at day."""

    __slots__ = ("code", "figures", "level", "name", "originator", "positions")

    def __init__(self, code: str, originator: str, name: str = "", level: str = "") -> None:
        self.code = code
        self.originator = originator
        self.name = name
        self.level = level
        self.figures: list[Entry] = []
        self.positions = array("q")

    def add(self, position: int, version: int, kind: str, data: dict[str, Any], recorded_us: str) -> None:
        self.positions.append(position)
        if kind == "figure" and data.get("caseload"):
            entry = make_entry(version, recorded_us, {k: data.get(k) for k in WORKFORCE_FIELDS})
            if not self.figures or self.figures[-1] < entry:
                self.figures.append(entry)
            else:
                insort(self.figures, entry)

    def dump(self) -> tuple[Any, ...]:
        return (self.code, self.originator, self.name, self.level, self.figures, self.positions.tobytes())

    @classmethod
    def load(cls, state: tuple[Any, ...]) -> GeoIndex:
        index = cls(state[0], state[1], state[2], state[3])
        index.figures = state[4]
        index.positions.frombytes(state[5])
        return index
