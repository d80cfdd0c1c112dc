"""A comparison's lanes (``Tracker.compare``): each council's summary with its inspections,
equal to answers.council's, made for two to six councils at once.

Why apart from answers.council: at a million events a council has ~500 inspections and
~80 caseload as-at dates, and a lane of six took tens of milliseconds when each of those
was decoded into a full entry on its own. Here a lane decodes its rows in one call each
(an inspection's mark needs only its day and overall grade), and England's and each
region's figures that count are found in one walk of their (short) rows per comparison,
not one search per as-at day.
"""

from __future__ import annotations

from datetime import date, datetime
from itertools import repeat
from operator import itemgetter

from tracker.councils import Authority
from tracker.readside import lookups
from tracker.readside.answers import region_code
from tracker.readside.logged import event_id
from tracker.readside.lookups import caseload_rows, counting_rows, decoded
from tracker.readside.read_model import ENGLAND, ReadModel
from tracker.readside.stream_index import recorded_key
from tracker.readside.tables import View
from tracker.results import Caseload, CouncilRef, CouncilSummary, Figure, Judged, Rating

Times = tuple[date, date, datetime | None]


class GeoDays:
    """England's and the regions' figures that count at D, K and T, by as-at day: each
    geography's rows walked once, on first use (what ReadModel.geo_figure answers per day,
    as the Figure a Caseload shows)."""

    def __init__(self, model: ReadModel, times: Times) -> None:
        self.model = model
        as_of, known_on, recorded_by = times
        self.as_of, self.known_on = as_of.toordinal(), known_on.toordinal()
        self.limit = None if recorded_by is None else recorded_key(recorded_by)
        self.days: dict[str | None, dict[int, Figure]] = {}

    def of(self, code: str | None) -> dict[int, Figure]:
        found = self.days.get(code)
        if found is None:
            found = self.days[code] = self._walk(code)
        return found

    def _walk(self, code: str | None) -> dict[int, Figure]:
        """Per day, the last row in (happened, known, version) order that counts: the one
        lookups.figure_on finds walking back from that day's end."""
        index = self.model.geos.get(code) if code else None
        if index is None:
            return {}
        figures = index.figures
        table = figures.table
        happened, known, rec = table.h, table.k, table.rec
        as_of, known_on, limit = self.as_of, self.known_on, self.limit
        winner: dict[int, int] = {}
        for row in figures.order:
            if known[row] <= known_on and happened[row] <= as_of and (limit is None or rec[row] <= limit):
                winner[happened[row]] = row
        at, rows = table.position["caseload"], list(winner.values())
        found = decoded(table, rows)
        return {day: Figure.of_field(values[at]) for day, values in zip(winner, found, strict=True)}


def caseloads(la_code: str, view: View, day: int, seen: int, england: dict[int, Figure],
              region: dict[int, Figure]) -> tuple[Caseload, ...]:
    """Caseload.of each figure of the council's caseload history, beside England's and the
    region's for the same day, from the winners' values decoded together."""
    table = view.figures.table
    rows = caseload_rows(view.figures, day, seen, view.slack)
    h, v, position = table.h, table.v, table.position
    occurred, load, source = position["occurred_on"], position["caseload"], position["source"]
    found = []
    for row, values in zip(rows, decoded(table, rows), strict=True):
        figure = values[load]
        found.append(Caseload(values[occurred], Figure.of_field(figure), figure.get("text"), values[source],
                              event_id(la_code, v[row]), england.get(h[row]), region.get(h[row])))
    return tuple(found)


def lane(model: ReadModel, authority: Authority, times: Times, geos: GeoDays) -> CouncilSummary:
    """answers.council's summary of one council (``geos``: shared by the comparison's lanes)."""
    la = authority.la_code
    as_of, known_on, recorded_by = times
    view = model.view(la, recorded_by)
    day, seen = as_of.toordinal(), known_on.toordinal()
    rating = lookups.rating(view.inspections, day, seen, view.slack)
    loads = caseloads(la, view, day, seen, geos.of(ENGLAND), geos.of(region_code(authority.region)))
    table = view.inspections.table
    rows = counting_rows(view.inspections, day, seen, view.slack)
    days = map(date.fromordinal, map(table.h.__getitem__, rows))
    overall = map(itemgetter(table.position["overall"]), decoded(table, rows))
    judged = tuple(map(tuple.__new__, repeat(Judged), zip(days, overall, strict=True)))  # no Python __new__
    return CouncilSummary(CouncilRef.of(authority), Rating.of(la, rating.current),
                          Rating.of(la, rating.previous), rating.direction, loads, None, judged)
