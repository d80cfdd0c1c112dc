"""Every judgement inspection that counts at D, K and T, with the caseloads around it, from
the read model's rows: no stream is replayed.

Why here: the read model already holds every inspection's dates and grades and every
workforce figure as compact sorted rows (stream_index.py), and England's and the regions'
figures beside them (benchmark_index.py); one pass over each council's rows answers for all
councils at once, and the same benchmark or neighbour figure is looked up once per as-at day.

- the previous inspection is the council's latest earlier judgement inspection with an
  overall grade on the scale (in the order inspections count: fieldwork start, then known
  day, then stream position); one whose grade was not recorded, or that had none (2026
  framework), is passed over, as the rating's previous one is (lookups.rating);
- the change compares overall grades by their position on the four-point scale every
  graded framework shares (Grade.rank): up, same or down; first when the council had no
  earlier judgement inspection at all; None (not comparable) when this one has no grade
  on the scale or no earlier one had;
- the caseload is the council's figure with the last as-at day before the day fieldwork
  began (the latest edition of that as-at date that counts), its change the difference
  from the figure whose as-at day is exactly two years earlier;
- England's, the region's and the neighbours' figures are for that same as-at day; the
  neighbours are those of the model in force on that day (and published by K).
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, datetime
from functools import cache, lru_cache
from operator import itemgetter
from typing import NamedTuple

from events.vocabulary import SUB_JUDGEMENTS, Grade
from tracker.councils import Authority
from tracker.inspection_answer import CaseloadAt, InspectionRow
from tracker.neighbours import NeighbourModel, in_force
from tracker.readside.answers import region_code
from tracker.readside.lookups import counting_rows, decoded, figure_value
from tracker.readside.read_model import ENGLAND, ReadModel
from tracker.readside.rows import Entry
from tracker.readside.tables import INSPECTION_FIELDS
from tracker.readside.uncollected import uncollected
from tracker.results import CouncilRef

Times = tuple[date, date, datetime | None]
_region = cache(region_code)  # a region's ONS code, once per region


RANK: dict[str | None, int] = {grade.value: grade.rank for grade in Grade}
"""A grade's position on the four-point scale (4: outstanding); unread: 0, as is none."""


@lru_cache(maxsize=65_536)
def two_years_before(day: int) -> int:
    """The same calendar day two years earlier (29 February: the 28th)."""
    when = date.fromordinal(day)
    try:
        return when.replace(year=when.year - 2).toordinal()
    except ValueError:
        return when.replace(year=when.year - 2, day=28).toordinal()


class History(NamedTuple):
    """A council's figures that count, one per as-at day: entries, their days, their numbers."""

    entries: list[Entry]
    days: list[int]
    values: dict[int, float | None]


class _Figures:
    """Benchmark and neighbour figures at D, K, T, each looked up once per (code, day)."""

    def __init__(self, model: ReadModel, times: Times) -> None:
        self.model = model
        self.times = times
        self.seen: dict[tuple[str, int], float | None] = {}
        self.models: dict[int, NeighbourModel | None] = {}
        self.histories: dict[str, History] = {}
        # by (model, council): its neighbours' figures by day (None: the model does not list it)
        self.near: dict[tuple[str, str], list[dict[int, float | None]] | None] = {}

    def geo(self, code: str | None, day: int) -> float | None:
        if code is None:
            return None
        key = (code, day)
        if key not in self.seen:
            self.seen[key] = figure_value(self.model.geo_figure(code, day, *self.times))
        return self.seen[key]

    def history(self, la_code: str) -> History:
        """A council's figures that count, one per as-at day in day order (once per council:
        its own rows and its neighbours' averages read the same)."""
        found = self.histories.get(la_code)
        if found is None:
            entries = by_day(self.model.caseloads(la_code, *self.times))
            found = self.histories[la_code] = History(
                entries, [e.happened for e in entries], {e.happened: figure_value(e) for e in entries})
        return found

    def neighbours(self, la_code: str, day: int) -> tuple[float | None, int, str | None]:
        """The average of the neighbours' figures that day, how many had one, and the model."""
        model = self.model_on(day)
        if model is None:
            return None, 0, None
        key = (model.key, la_code)
        if key not in self.near:
            row = model.row(la_code)
            self.near[key] = None if row is None else [self.history(c).values for c, _ in row.neighbours]
        near = self.near[key]
        if near is None:
            return None, 0, None
        values = [v for found in near if (v := found.get(day)) is not None]
        return (round(sum(values) / len(values), 6) if values else None), len(values), model.key

    def model_on(self, day: int) -> NeighbourModel | None:
        """The neighbour model in force on ``day`` and published by K (once per day)."""
        if day not in self.models:
            self.models[day] = in_force(date.fromordinal(min(day, self.times[1].toordinal())))
        return self.models[day]


def caseload_at(authority: Authority, at: int, history: History, figures: _Figures) -> CaseloadAt:
    """The council's figure ``history.entries[at]``, and the figures beside it."""
    entries, days, values = history
    entry = entries[at]
    day = entry.happened
    value = values[day]
    earlier_day = two_years_before(day)
    j = bisect_left(days, earlier_day)
    earlier = entries[j] if j < len(days) and days[j] == earlier_day else None
    before = None if earlier is None else values[earlier_day]
    average, count, model = figures.neighbours(authority.la_code, day)
    return CaseloadAt(
        entry.fields.get("occurred_on"), value, f"{authority.la_code}-{entry.version}",
        None if value is None or before is None else round(value - before, 6),
        None if earlier is None else earlier.fields.get("occurred_on"),
        figures.geo(ENGLAND, day), figures.geo(_region(authority.region), day), average, count, model)


def by_day(history: list[Entry]) -> list[Entry]:
    """One figure per as-at day (of two as-at texts on one day, the later-counting wins)."""
    found: dict[int, Entry] = {}
    for entry in history:
        found[entry.happened] = entry
    return [found[d] for d in sorted(found)]


_SUBS = tuple(str(area) for area in SUB_JUDGEMENTS)
_FIELDS = itemgetter(*(INSPECTION_FIELDS.index(name) for name in (
    "occurred_on", "fieldwork_end", "published_on", "framework", "overall")))
_GRADES = itemgetter(*(INSPECTION_FIELDS.index(name) for name in _SUBS))


def council_rows(model: ReadModel, authority: Authority, times: Times,
                 figures: _Figures) -> list[InspectionRow]:
    """One council's judgement inspections that count, oldest first. The hot path at a
    million events (tens of thousands of rows): each row's values are decoded once, as the
    list the table keeps (in INSPECTION_FIELDS' order), and each figure's benchmarks are
    looked up once however many inspections follow it."""
    la = authority.la_code
    as_of, known_on, recorded_by = times
    view = model.view(la, recorded_by)
    rows_at = view.inspections
    table = rows_at.table
    versions, happened = table.v, table.h
    # the rows that count, oldest first (lookups.newest_rows' test, as one list)
    found = counting_rows(rows_at, as_of.toordinal(), known_on.toordinal(), view.slack)
    if not found:
        return []
    history = figures.history(la)
    days = history.days
    loads: dict[int, CaseloadAt] = {}
    ref = CouncilRef.of(authority)
    rows: list[InspectionRow] = []
    before: str | None = None  # the overall grade of the latest graded one so far
    before_id: str | None = None
    ranks, fields, grades, make = RANK, _FIELDS, _GRADES, tuple.__new__
    before_rank = 0
    for row, values in zip(found, decoded(table, found), strict=True):
        started, ended, published, framework, overall = fields(values)
        at = bisect_left(days, happened[row]) - 1
        load = None
        if at >= 0:
            load = loads.get(at)
            if load is None:
                load = loads[at] = caseload_at(authority, at, history, figures)
        this_id = f"{la}-{versions[row]}"
        # up / same / down on the scale; first with no earlier one; None: off the scale
        now = ranks.get(overall, 0)
        moved = ("first" if not rows else None if not now or not before_rank
                 else "up" if now > before_rank else "down" if now < before_rank else "same")
        # InspectionRow(...) without its Python-level __new__: tens of thousands per answer
        rows.append(make(InspectionRow, (ref, this_id, started, ended, published, framework, overall,
                                         grades(values), before, before_id, moved, load)))
        if now:
            before, before_id, before_rank = overall, this_id, now
    return rows


def inspection_rows(model: ReadModel, authorities: list[Authority], times: Times) -> list[InspectionRow]:
    """Every judgement inspection of these councils that counts at D, K and T: by council
    (in the order given), each council's oldest first."""
    figures = _Figures(model, times)
    with uncollected(settle=True):  # hundreds of thousands of tuples, no cycles: collected once
        return [row for authority in authorities for row in council_rows(model, authority, times, figures)]
