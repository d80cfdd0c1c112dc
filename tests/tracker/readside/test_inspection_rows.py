"""Random histories: every judgement inspection's row (grades, change from the previous one,
caseload at fieldwork, its two-year change, England's, the region's and the neighbours'
figures for that as-at day) equals a plain per-council fold of the replaying reference.

The councils are Sutton (319) and Hertfordshire (919), one of Sutton's ten neighbours in
both shipped models, so the neighbours' average is exercised on either side of a model's
in-force day; England and London get random figures too."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.vocabulary import SUB_JUDGEMENTS, Grade
from tests.tracker.readside.test_properties import BASE, history, partial_date, times
from tracker.councils import by_la_code
from tracker.neighbours import in_force
from tracker.readside import replay
from tracker.readside.answers import region_code
from tracker.readside.decode import Decoded, recorded_text
from tracker.readside.inspection_rows import inspection_rows
from tracker.readside.read_model import ENGLAND, ReadModel
from tracker.readside.replay import CouncilHistory, FactView
from tracker.readside.timeline import logged

RENAMED = {"319": "319", "937": "919"}  # the generator's councils, as Sutton and a neighbour
CODES = tuple(RENAMED.values())
LONDON = region_code("London")
assert LONDON is not None
GEOS = (ENGLAND, LONDON)


def renamed(event: Decoded) -> Decoded:
    old = event.originator[:3]
    code = RENAMED[old]
    data = {"la_code": code} if event.kind == "opened" else event.data
    return event._replace(originator=code * 10, data=data)


@st.composite
def with_benchmarks(draw: Any) -> list[Decoded]:
    """The generator's two councils renamed, then England's and London's figures."""
    events = [renamed(e) for e in draw(history())]
    for geo in GEOS:
        events.append(Decoded(len(events) + 1, geo * 10, 1, "events.benchmark:Benchmark.Opened", "opened",
                              {"geo_code": geo, "name": geo, "level": "x"}, recorded_text(BASE)))
        for version in range(2, draw(st.integers(2, 8))):
            value = draw(st.floats(10, 25).map(lambda v: round(v, 1)))
            stamp = BASE + timedelta(hours=draw(st.integers(0, 60)))
            data = {"occurred_on": draw(partial_date()), "published_on": draw(st.none() | partial_date()),
                    "caseload": {"value": value}, "source": {"publisher": "DfE", "title": "w"}}
            events.append(Decoded(len(events) + 1, geo * 10, version, "events.benchmark:Benchmark.X",
                                  "figure", data, recorded_text(stamp)))
    return events


def number(view: FactView | None) -> float | None:
    if view is None:
        return None
    figure = view.fields["caseload"] or {}
    if figure.get("value") is not None:
        return float(figure["value"])
    return None


def figures_by_day(views: list[FactView], as_of: date, known_on: date) -> dict[int, FactView]:
    """One figure per as-at text (its latest edition), then per day the later-counting one."""
    by_text: dict[Any, FactView] = {}
    for view in replay.counting(views, as_of, known_on):
        if view.kind in ("workforce", "figure") and view.fields.get("caseload"):
            by_text[view.fields.get("occurred_on")] = view
    return {v.happened.toordinal(): v for v in sorted(by_text.values(), key=replay.order_key)}


def benchmarks_by_day(views: list[FactView], as_of: date, known_on: date) -> dict[int, FactView]:
    """England's or a region's figure for a day, as `show` sets it beside a council's: the
    last of that day's figures that count (whatever as-at text it gives)."""
    return {v.happened.toordinal(): v for v in replay.counting(views, as_of, known_on)
            if v.fields.get("caseload")}


def two_years_before(day: date) -> date:
    return day.replace(year=day.year - 2, day=28 if (day.month, day.day) == (2, 29) else day.day)


def expected(events: list[Decoded], when: tuple[date, date, datetime | None]) -> list[dict[str, Any]]:
    as_of, known_on, recorded_by = when
    stream = {code: [e for e in events if e.originator == code * 10] for code in (*CODES, *GEOS)}
    views = {code: replay.facts_recorded_by(CouncilHistory(code, [logged(code, e) for e in found]),
                                            recorded_by) for code, found in stream.items()}
    days = {code: (figures_by_day if code in CODES else benchmarks_by_day)(v, as_of, known_on)
            for code, v in views.items()}
    rows = []
    for code in sorted(CODES, key=lambda c: by_la_code(c).name):
        judged = replay.inspections(views[code], as_of, known_on)
        graded: FactView | None = None
        for number_, view in enumerate(judged):
            f = view.fields
            now = Grade(f["overall"]).rank if f.get("overall") else 0
            before = Grade(graded.fields["overall"]).rank if graded else 0
            if number_ == 0:
                change = "first"
            elif not now or not before:
                change = None
            else:
                change = "up" if now > before else "down" if now < before else "same"
            start = view.happened.toordinal()
            earlier_days = [d for d in days[code] if d < start]
            caseload = None
            if earlier_days:
                at = max(earlier_days)
                figure = days[code][at]
                value = number(figure)
                then = days[code].get(two_years_before(date.fromordinal(at)).toordinal())
                model = in_force(min(date.fromordinal(at), known_on))
                row = model.row(code) if model else None
                near = [n for c, _ in (row.neighbours if row else ())
                        if c in days and (n := number(days[c].get(at))) is not None]
                caseload = {
                    "as_at": figure.fields.get("occurred_on"), "value": value, "event_id": figure.event.id,
                    "change_two_years": None if value is None or number(then) is None
                    else round(value - number(then), 6),  # type: ignore[operator]
                    "earlier_as_at": then.fields.get("occurred_on") if then else None,
                    "england": number(days[ENGLAND].get(at)),
                    "region": number(days.get(region_code(by_la_code(code).region) or "", {}).get(at)),
                    "neighbours": round(sum(near) / len(near), 6) if near else None,
                    "neighbours_with_figure": len(near),
                    "neighbour_model": model.key if row and model else None}
            rows.append({
                "council": code, "event_id": view.event.id, "fieldwork_start": f.get("occurred_on"),
                "fieldwork_end": f.get("fieldwork_end"), "published_on": f.get("published_on"),
                "framework": f.get("framework"), "overall": f.get("overall"),
                "judgements": {str(a): f.get(a) for a in SUB_JUDGEMENTS},
                "previous": None if graded is None else {"overall": graded.fields["overall"],
                                                         "event_id": graded.event.id},
                "change": change, "caseload": caseload})
            if now:
                graded = view
    return rows


def answered(model: ReadModel, when: tuple[date, date, datetime | None]) -> list[dict[str, Any]]:
    authorities = sorted((by_la_code(c) for c in CODES), key=lambda a: a.name)
    found = inspection_rows(model, authorities, when)
    return [{**row.as_json(), "council": row.council.la_code} for row in found]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=with_benchmarks(), data=st.data())
def test_inspection_rows_equal_a_per_council_reference_fold(events: list[Decoded], data: Any) -> None:
    model = ReadModel()
    model.fold(events)
    for _ in range(5):
        when = times(data.draw, events)
        found, wanted = answered(model, when), expected(events, when)
        assert [r["event_id"] for r in found] == [r["event_id"] for r in wanted]
        for row, want in zip(found, wanted, strict=True):
            assert row == want
