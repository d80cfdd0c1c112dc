"""A council's summary with only its latest caseload, made straight from its rows' values.

Why apart from answers.summary: the all-council query (``councils``, the neighbours) makes,
for each of 153 councils per D, a rating, the previous rating and the latest caseload
beside England's and the region's. Going through an Entry (a dict of fields per row) and
then the results' ``of`` constructors cost half of that query at a million events; here each
row's values (a list in its table's field order) become the typed result directly, and a
benchmark figure is made a Figure once per as-at day, not once per council.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, datetime
from functools import cache
from typing import Any

from orjson import loads

from events.vocabulary import SUB_JUDGEMENTS
from tracker.councils import REGIONS, Authority
from tracker.readside.lookups import direction, figure_on
from tracker.readside.read_model import ENGLAND, ReadModel
from tracker.readside.rows import Rows, RowTable, happened_by
from tracker.readside.stream_index import recorded_key
from tracker.readside.tables import INSPECTION_FIELDS, WORKFORCE_FIELDS
from tracker.results import Caseload, CouncilRef, CouncilSummary, Figure, LastEvent, Rating

Times = tuple[date, date, datetime | None]
Moments = tuple[int, int, int | None]
"""D and K as day ordinals, T as recorded micros (None: now): what the searches compare."""


class Geos(dict[tuple[str | None, int], Figure | None]):
    """England's and the regions' figures as Figures, by (geo code, as-at day): shared by the
    councils of one answer (most councils share their latest as-at day)."""


_INSPECTION = {name: i for i, name in enumerate(INSPECTION_FIELDS)}
_OCCURRED, _ENDED, _PUBLISHED, _FRAMEWORK, _OVERALL = (
    _INSPECTION[name] for name in ("occurred_on", "fieldwork_end", "published_on", "framework", "overall"))
_AREAS = tuple(str(area) for area in SUB_JUDGEMENTS)
_FIRST_AREA = _INSPECTION[_AREAS[0]]
if INSPECTION_FIELDS[_FIRST_AREA:] != _AREAS:  # judgements are read as one slice of the values
    raise AssertionError("the sub-judgements must end the inspection fields, in SUB_JUDGEMENTS order")
_FIGURE = {name: i for i, name in enumerate(WORKFORCE_FIELDS)}
_AS_AT, _CASELOAD, _SOURCE = _FIGURE["occurred_on"], _FIGURE["caseload"], _FIGURE["source"]


_REFS: dict[str, tuple[Authority, CouncilRef]] = {}


def council_ref(authority: Authority) -> CouncilRef:
    """An authority's reference (immutable: made once, shared by every answer; by LA code,
    since hashing a whole Authority costs more than making its reference)."""
    known = _REFS.get(authority.la_code)
    if known is None or known[0] is not authority:
        known = _REFS[authority.la_code] = (authority, CouncilRef.of(authority))
    return known[1]


@cache
def region_code(region: str) -> str | None:
    """The ONS code of one of the nine regions (E12000001..9), as tracker.councils numbers them."""
    return f"E1200000{REGIONS.index(region) + 1}" if region in REGIONS else None


_DIRECTIONS: dict[tuple[Any, Any], str | None] = {}


def travel(current: Any, previous: Any) -> str | None:
    """``lookups.direction``, remembered for each pair of grades (a handful)."""
    if current.__class__ is not str or previous.__class__ is not str:
        return direction(current, previous)  # ungraded (None): no travel, nothing to remember
    key = (current, previous)
    found = _DIRECTIONS.get(key, _DIRECTIONS)
    if found is _DIRECTIONS:
        found = _DIRECTIONS[key] = direction(current, previous)  # an unknown grade raises, uncached
    return found  # type: ignore[return-value]


_JUDGEMENTS: dict[tuple[Any, ...], tuple[tuple[str, Any], ...]] = {}


def judgements(values: list[Any]) -> tuple[tuple[str, Any], ...]:
    """A rating's (area, grade) pairs: one immutable tuple per combination of grades, made
    once (a few hundred combinations; pairing them anew was a third of making a rating)."""
    grades = tuple(values[_FIRST_AREA:])
    try:
        found = _JUDGEMENTS.get(grades)
    except TypeError:  # not a grade the vocabulary knows (shape checks keep them out): as it is
        return tuple(zip(_AREAS, grades, strict=True))
    if found is None:
        if len(_JUDGEMENTS) >= 4096:  # keep it small whatever the data holds
            _JUDGEMENTS.clear()
        found = _JUDGEMENTS[grades] = tuple(zip(_AREAS, grades, strict=True))
    return found


def rating_of(la_code: str, table: RowTable, row: int, values: list[Any]) -> Rating:
    """``Rating.of`` the row's entry, from its decoded values."""
    return Rating(values[_OVERALL], values[_FRAMEWORK], values[_OCCURRED], values[_ENDED], values[_PUBLISHED],
                  judgements(values), f"{la_code}-{table.v[row]}")


def newest(rows: Rows, below: int, as_of: int, known_on: int) -> int:
    """The position in ``rows.order`` of the newest row below ``below`` that counts at D and
    K (-1: none): ``lookups.newest_rows`` one step at a time, without a generator (a view
    is already at T)."""
    order, table = rows.order, rows.table
    happened, known = table.h, table.k
    while below > 0:
        below -= 1
        row = order[below]
        if known[row] <= known_on and happened[row] <= as_of:
            return below
    return -1


def start(rows: Rows, as_of: int, known_on: int, slack: int) -> int:
    """Where ``newest`` starts: past everything that happened by min(D, K + slack)."""
    return bisect_right(rows.keys, happened_by(min(as_of, known_on + slack)))


def ratings(la_code: str, inspections: Rows, as_of: int, known_on: int,
            slack: int) -> tuple[Rating | None, Rating | None, str | None]:
    """``lookups.rating`` as results: the current rating, the previous one with an overall
    grade, and the travel between them (each row's values decoded inline: ``Values.get``)."""
    at = newest(inspections, start(inspections, as_of, known_on, slack), as_of, known_on)
    if at < 0:
        return None, None, None
    table, order = inspections.table, inspections.order
    blob, ends = table.values.blob, table.values.ends
    current = order[at]
    now = loads(blob[ends[current]:ends[current + 1]])
    while (at := newest(inspections, at, as_of, known_on)) >= 0:
        row = order[at]
        values = loads(blob[ends[row]:ends[row + 1]])
        if values[_OVERALL] is not None:
            return (rating_of(la_code, table, current, now), rating_of(la_code, table, row, values),
                    travel(now[_OVERALL], values[_OVERALL]))
    return rating_of(la_code, table, current, now), None, None


def geo_figure(model: ReadModel, geo: str | None, day: int, as_of: int, known_on: int,
               recorded_by: int | None, seen: Geos) -> Figure | None:
    """``Figure.of(model.geo_figure(...))``, looked up once per (geo, day) per answer."""
    key = (geo, day)
    if key in seen:
        return seen[key]
    index = model.geos.get(geo) if geo else None
    entry = None if index is None else figure_on(index.figures, day, as_of, known_on, recorded_by)
    found = seen[key] = Figure.of(entry)
    return found


def latest_caseload(model: ReadModel, authority: Authority, figures: Rows, as_of: int, known_on: int,
                    recorded_by: int | None, slack: int, seen: Geos) -> Caseload | None:
    """``benchmarked(lookups.latest_caseload(...))``: the newest figure that counts, beside
    England's and the region's for its as-at day."""
    at = newest(figures, start(figures, as_of, known_on, slack), as_of, known_on)
    if at < 0:
        return None
    table = figures.table
    row = figures.order[at]
    ends = table.values.ends
    values = loads(table.values.blob[ends[row]:ends[row + 1]])
    caseload = values[_CASELOAD]
    happened = table.h[row]
    return Caseload(values[_AS_AT], Figure.of_field(caseload), caseload.get("text"), values[_SOURCE],
                    f"{authority.la_code}-{table.v[row]}",
                    geo_figure(model, ENGLAND, happened, as_of, known_on, recorded_by, seen),
                    geo_figure(model, region_code(authority.region), happened, as_of, known_on, recorded_by,
                               seen))


def moments(times: Times) -> Moments:
    """D, K and T as the searches compare them (once per answer)."""
    return times[0].toordinal(), times[1].toordinal(), None if times[2] is None else recorded_key(times[2])


def latest_summary(model: ReadModel, authority: Authority, view: tuple[Rows, Rows, int], when: Moments,
                   seen: Geos, last: LastEvent | None = None) -> CouncilSummary:
    """``answers.summary`` without history or inspections, from the council's ``view`` at T."""
    inspections, figures, slack = view
    as_of, known_on, limit = when
    current, previous, moved = ratings(authority.la_code, inspections, as_of, known_on, slack)
    latest = latest_caseload(model, authority, figures, as_of, known_on, limit, slack, seen)
    caseloads = () if latest is None else (latest,)
    return CouncilSummary(council_ref(authority), current, previous, moved, caseloads, last)

