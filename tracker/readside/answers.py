"""What the facade's queries return, composed from the live read model's indexes."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from tracker.councils import Authority
from tracker.readside import lookups
from tracker.readside.latest_summary import Geos, latest_summary, moments, region_code
from tracker.readside.live_model import LiveReadModel
from tracker.readside.logged import LoggedEvent
from tracker.readside.lookups import newest_first, picture
from tracker.readside.read_model import ENGLAND, ReadModel
from tracker.readside.stream_index import Entry, recorded_key
from tracker.readside.timeline import Timeline
from tracker.results import (
    Caseload,
    CouncilRef,
    CouncilSummary,
    Judged,
    LastEvent,
    Overview,
    Rating,
    TimelinePage,
)
from tracker.views import (
    council_json,
    council_ref,
    damage_json,
    fact_entry,
    figure_json,
    log_entries,
)

Times = tuple[date, date, datetime | None]


def benchmarked(model: ReadModel, authority: Authority, entry: Entry, times: Times,
                seen: dict[tuple[str | None, int], Entry | None] | None = None) -> Caseload:
    """A council's caseload figure beside England's and its region's for the same as-at day
    (``seen``: figures already looked up for this D, K and T; most councils share a day)."""
    seen = {} if seen is None else seen
    figures = []
    for geo in (ENGLAND, region_code(authority.region)):
        key = (geo, entry.happened)
        if key not in seen:
            seen[key] = model.geo_figure(geo, entry.happened, *times)
        figures.append(seen[key])
    return Caseload.of(authority.la_code, entry, *figures)


def caseloads(read: LiveReadModel, authority: Authority, times: Times) -> list[dict[str, Any]]:
    """A council's caseload history, each figure beside England's and its region's."""
    with read.lock:  # every answer reads under the lock a catch-up folds under
        model = read.ready()
        return [benchmarked(model, authority, entry, times).as_json()
                for entry in model.caseloads(authority.la_code, *times)]


def show(read: LiveReadModel, authority: Authority, times: Times,
         timeline: Timeline | None = None) -> dict[str, Any]:
    """``council_json``, plus the council's damaged events (found folding the log, or
    reading its stream back for the timeline): named, never shown as facts."""
    with read.lock:
        rating = read.ready().rating(authority.la_code, *times)
        figures = caseloads(read, authority, times)
        if timeline is None:
            timeline = read.timeline(authority.la_code, times[2])
        answer = council_json(authority, times, rating, figures, timeline)
        answer["damaged"] = [damage_json(d) for d in read.damage(authority.la_code)]
    return answer


def page(read: LiveReadModel, authority: Authority, times: Times, count: int) -> TimelinePage:
    """``show`` and ``amendments`` for the last ``count`` facts that count and the retracted
    ones among them, read by version (timeline_page.py): a long history's first screen."""
    with read.lock:
        timeline, whole = read.timeline_page(authority.la_code, *times, count)
        return TimelinePage(show(read, authority, times, timeline), log_entries(amendment_events(timeline)),
                            whole)


def benchmarks(read: LiveReadModel, times: Times) -> list[dict[str, Any]]:
    """England's and each region's caseload figures that count at D, K and T, by as-at date."""
    as_of, known_on, recorded_by = times
    limit = None if recorded_by is None else recorded_key(recorded_by)
    with read.lock:
        geos = sorted(read.ready().geos.values(), key=lambda g: g.code)
        found = []
        for geo in geos:
            rows = geo.figures
            entries = list(newest_first(rows, as_of.toordinal(), known_on.toordinal(), rows.table.slack,
                                        limit))
            found.append({"code": geo.code, "name": geo.name, "level": geo.level,
                          "figures": [_figure(geo.code, e) for e in reversed(entries)]})
    return found


def _figure(code: str, entry: Entry) -> dict[str, Any]:
    fields = entry.fields
    return {"as_at": fields["occurred_on"], "published_on": fields.get("published_on"),
            "caseload": fields["caseload"], "source": fields["source"], "event_id": f"{code}-{entry.version}"}


def amendments(read: LiveReadModel, authority: Authority,
               recorded_by: datetime | None) -> list[dict[str, Any]]:
    """The council's corrections and retractions recorded by T, as log lines in log order
    (from its cached timeline: no second read of the stream)."""
    with read.lock:
        return log_entries(amendment_events(read.timeline(authority.la_code, recorded_by)))


def amendment_events(timeline: Timeline) -> list[LoggedEvent]:
    """The corrections and retractions of a timeline's facts, live and retracted."""
    return [a for view in (*timeline.views, *timeline.retracted)
            for a in (*view.corrections, *([view.retraction] if view.retraction else []))]


def last_events(read: LiveReadModel, authorities: list[Authority], times: Times) -> dict[str, Any]:
    """Each council's fact that happened last of those that count (None: none counts)."""
    with read.lock:
        return {a.la_code: fact_entry(v) if (v := read.last_fact(a.la_code, *times)) else None
                for a in authorities}


def overview(read: LiveReadModel, authorities: list[Authority], times: Times,
             last_events: bool = True, history: bool = True) -> Overview:
    """Each council's rating, caseload history (beside England's and its region's; only the
    latest figure without ``history``) and, with ``last_events``, its last event: one answer
    under one lock, from the index (the last events read back a few events each)."""
    with read.lock:
        model = read.ready()
        if not history:  # straight from the rows' values (latest_summary.py): the hot path
            when, geos = moments(times), Geos()
            found = tuple(latest_summary(model, a, model.view(a.la_code, times[2]), when, geos,
                                         _last(read, a, times) if last_events else None) for a in authorities)
            return Overview(times[0], times[1], times[2], found)
        seen: dict[tuple[str | None, int], Entry | None] = {}
        found = tuple(summary(read, model, a, times, seen, last_events) for a in authorities)
    return Overview(times[0], times[1], times[2], found)


def summary(read: LiveReadModel, model: ReadModel, authority: Authority, times: Times,
            seen: dict[tuple[str | None, int], Entry | None], last_events: bool,
            inspections: bool = False, history: bool = True) -> CouncilSummary:
    """One council at D, K and T (``seen``: benchmark figures already looked up), all from
    the index; with ``inspections``, every inspection that counts too; without ``history``,
    only the latest caseload (a table row needs no more, and a long history costs)."""
    la = authority.la_code
    rows, figures, slack = model.view(la, times[2])  # one view for the rating and the caseloads
    as_of, known_on = times[0].toordinal(), times[1].toordinal()
    rating = lookups.rating(rows, as_of, known_on, slack)
    if history:
        entries = lookups.caseload_history(figures, as_of, known_on, slack)
    else:
        latest = lookups.latest_caseload(figures, as_of, known_on, slack)
        entries = [] if latest is None else [latest]
    caseloads = tuple(benchmarked(model, authority, e, times, seen) for e in entries)
    last = read.last_fact(la, *times) if last_events else None
    judged = tuple(Judged(date.fromordinal(e.happened), e.fields["overall"])
                   for e in model.inspections(la, *times)) if inspections else ()
    return CouncilSummary(CouncilRef.of(authority), Rating.of(la, rating.current),
                          Rating.of(la, rating.previous), rating.direction, caseloads,
                          None if last is None else last_event(fact_entry(last)), judged)


def council(read: LiveReadModel, authority: Authority, times: Times,
            seen: dict[tuple[str | None, int], Entry | None] | None = None) -> CouncilSummary:
    """One council's summary with its inspections (the council screen's marks), from the index
    (``seen``: England's and regions' figures already looked up at these times, shared by the
    councils of one comparison: they mostly share their as-at dates)."""
    with read.lock:
        return summary(read, read.ready(), authority, times, {} if seen is None else seen,
                       last_events=False, inspections=True)


def _last(read: LiveReadModel, authority: Authority, times: Times) -> LastEvent | None:
    last = read.last_fact(authority.la_code, *times)
    return None if last is None else last_event(fact_entry(last))


def last_event(entry: dict[str, Any]) -> LastEvent:
    """A shown fact (``fact_entry``) as the overview's last event."""
    return LastEvent(entry["id"], entry["kind"], entry["occurred_on"], entry["published_on"],
                     entry["summary"])


def national(read: LiveReadModel, authorities: list[Authority], times: Times,
             since: date | None = None) -> dict[str, Any]:
    """Councils per grade, councils whose judgement changed since a date, caseloads by grade."""
    as_of, known_on, recorded_by = times
    since = since or as_of - timedelta(days=365)
    with read.lock:
        model = read.ready()
        ratings = {a.la_code: model.rating(a.la_code, *times) for a in authorities}
        before = {a.la_code: model.rating(a.la_code, since, since, recorded_by) for a in authorities}
        loads = {a.la_code: model.latest_caseload(a.la_code, *times) for a in authorities}
        england = model.geos.get(ENGLAND)
        limit = None if recorded_by is None else recorded_key(recorded_by)
        latest = None if england is None else next(
            newest_first(england.figures, as_of.toordinal(), known_on.toordinal(), as_of.toordinal(), limit),
            None,
        )
    answer = picture(ratings, before, loads)
    names = {a.la_code: council_ref(a) for a in authorities}
    for moved in answer["moved"]:
        moved["council"] = names[moved.pop("la_code")]
    return {
        "as_of": as_of.isoformat(),
        "known_on": known_on.isoformat(),
        "recorded_by": recorded_by.isoformat() if recorded_by else None,
        "since": since.isoformat(),
        "councils": len(authorities),
        **answer,
        "england_caseload": figure_json(latest),
    }
