"""The caseload figures a ranking compares with: each council's figure for one earlier as-at
date, as it counts at D, K and T, looked up in the read side's index.

Why not the caseload histories: `councils` answers for every council with only the latest
figure (a history costs a lookup of England's and the region's figure per as-at date, which
would triple the all-council query); its change over one and two years needs just two more
figures a council, each found by one search of the council's index.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, datetime

from events.dates import PartialDate, Precision, end_of
from events.timing import DAY
from tracker.councils import Authority
from tracker.rankings import years_before
from tracker.readside import answers
from tracker.readside.latest_summary import Moments, moments
from tracker.readside.live_model import LiveReadModel
from tracker.readside.lookups import figure_on
from tracker.readside.read_model import ReadModel
from tracker.readside.rows import Rows, canonical, happened_by
from tracker.readside.uncollected import uncollected
from tracker.results import Figure, Overview

Times = tuple[date, date, datetime | None]
Earlier = dict[tuple[str, str], float]


def councils_at(read: LiveReadModel, authorities: list[Authority], times: Times) -> tuple[Overview, Earlier]:
    """``answers.overview`` without history or last events, and each council's figures for
    the as-at dates a year and two before its latest (``rankings.years_before``; as numbers,
    ``Figure.point``, by (LA code, as-at date); absent when there is none). Under one lock,
    the collector held off (thousands of small objects, no cycles)."""
    earlier: Earlier = {}
    with read.lock, uncollected():
        model = read.ready()
        found = answers.overview(read, authorities, times, last_events=False, history=False)
        when = moments(times)
        for summary in found.councils:
            latest = summary.caseload
            if latest is None or latest.as_at is None:
                continue
            la_code = summary.council.la_code
            figures = model.view(la_code, times[2]).figures
            for years in (1, 2):
                wanted = years_before(latest.as_at, years)
                point = figure_for(model, figures, la_code, wanted, times, when)
                if point is not None:
                    earlier[la_code, wanted] = point
    return found, earlier


def figure_for(model: ReadModel, figures: Rows, la_code: str, as_at: str, times: Times,
               when: Moments | None = None) -> float | None:
    """The winning edition of the council's figure for the as-at date ``as_at`` (the entry
    its caseload history holds for that date), from its ``figures`` at T. A figure dated to
    the day happened on that day (events/timing.py), so one search of that day finds it; an
    imprecise as-at date (a seed's `2017-09`) may count from its publication, so it is read
    from the history (``when``: the times as ``moments`` has them, if at hand)."""
    as_of, known_on, recorded_by = times
    exact = canonical(as_at)  # its span when its text is canonical (every years_before answer)
    if exact & 3 == DAY:
        days = when or moments(times)
        row = _same_day(figures, exact >> 2, days[0], days[1])
        if row is None:
            return None
        if figures.table.occ[row] == exact:  # canonical texts are equal iff their spans are
            return Figure.point_of(figures.table.value(row, "caseload"))
        entry = None
    elif PartialDate.parse(as_at).precision is Precision.DAY:
        entry = figure_on(figures, end_of(as_at).toordinal(), as_of.toordinal(), known_on.toordinal(), None)
        if entry is None:
            return None
    else:
        entry = None
    if entry is None or entry.fields.get("occurred_on") != as_at:
        # imprecise, or another precision of the same day ("2018-09" and "2018-09-30") first
        entry = next((e for e in reversed(model.caseloads(la_code, as_of, known_on, recorded_by))
                      if e.fields.get("occurred_on") == as_at), None)
    figure = Figure.of(entry)
    return None if figure is None else figure.point


def _same_day(figures: Rows, day: int, as_of: int, known_on: int) -> int | None:
    """``figure_on``'s row (a view is already at T), undecoded: its as-at date is told by
    its span, so only the winner's caseload is decoded. One search: rows are in (happened,
    known) order, so the walk back stops at the first that happened before the day."""
    table, order = figures.table, figures.order
    happened, known = table.h, table.k
    i = bisect_right(figures.keys, happened_by(day))
    while i > 0:
        i -= 1
        row = order[i]
        if happened[row] < day:
            return None
        if known[row] <= known_on and happened[row] <= as_of:
            return row
    return None
