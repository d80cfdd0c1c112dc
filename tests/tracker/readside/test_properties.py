"""Random histories: the indexed answers equal the replaying reference, and catching up
from any split point (through a save and a load) equals a full rebuild. Dates come at
every precision, with and without the source's own date, and facts may have no
occurred_on (known only by their publication); corrections change any of them."""

from __future__ import annotations

import marshal
from datetime import UTC, date, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.readside import replay
from tracker.readside.decode import Decoded, recorded_text
from tracker.readside.last_event import last_fact
from tracker.readside.read_model import ReadModel
from tracker.readside.replay import CouncilHistory
from tracker.readside.timeline import Timeline, logged
from tracker.readside.timeline_page import timeline_page
from tracker.views import caseload_json, fact_entry, rating_json

COUNCILS = ("319", "937")
BASE = datetime(2024, 1, 1, tzinfo=UTC)
GRADES = st.sampled_from(["outstanding", "good", "requires_improvement", "inadequate", "unknown", None])


@st.composite
def partial_date(draw: Any) -> str:
    # a narrow range half the time: facts that tie on a day are where orderings go wrong
    day = date(2015, 1, 1) + timedelta(days=draw(st.integers(0, 3000) | st.integers(0, 20)))
    return draw(st.sampled_from([day.isoformat(), day.isoformat()[:7], day.isoformat()[:4]]))


@st.composite
def fact(draw: Any, kind: str | None = None) -> tuple[str, dict[str, Any]]:
    """A fact's fields; of the given kind (a correction may only change its target's fields)."""
    kind = kind or draw(st.sampled_from(["inspection", "workforce", "focused_visit"]))
    source = {"publisher": "x", "title": "y"}
    cited = draw(st.none() | partial_date())  # the source's own date: when it was surely public
    published = draw(st.none() | partial_date())
    # a fact known only by its publication date has no occurred_on (rarely neither: never counts)
    occurred = draw(st.none() | partial_date() | partial_date()) if published else draw(partial_date())
    if cited:
        source["published"] = cited
    fields: dict[str, Any] = {"occurred_on": occurred, "source": source, "published_on": published,
                              "summary": None}
    if kind == "inspection":
        fields.update(framework="ilacs_standard", fieldwork_end=draw(st.none() | partial_date()),
                      overall=draw(GRADES), impact_of_leaders=draw(GRADES), help_and_protection=None,
                      children_in_care=None, care_leavers=draw(GRADES))
    elif kind == "workforce":
        value = draw(st.none() | st.floats(5, 30).map(lambda v: round(v, 1)))
        fields.update(caseload={"value": value} if value is not None else None, fte=None)
    else:
        fields.update(theme="t", findings=[], areas_to_improve=[])
    return kind, fields


@st.composite
def history(draw: Any) -> list[Decoded]:
    """Log-ordered events for two councils, with corrections, retractions and shuffled timestamps."""
    events: list[Decoded] = []
    versions = {code: 1 for code in COUNCILS}
    facts: dict[str, list[tuple[int, str]]] = {code: [] for code in COUNCILS}
    for code in COUNCILS:
        events.append(Decoded(len(events) + 1, code * 10, 1, "events.council:Council.Opened", "opened",
                              {"la_code": code}, recorded_text(BASE)))
    for _ in range(draw(st.integers(1, 25))):
        code = draw(st.sampled_from(COUNCILS))
        versions[code] += 1
        version = versions[code]
        stamp = BASE + timedelta(hours=draw(st.integers(0, 60)))
        action = draw(st.sampled_from(["fact", "fact", "fact", "correct", "retract"]))
        if action != "fact" and facts[code]:
            target, target_kind = draw(st.sampled_from(facts[code]))
            if action == "retract":
                data: dict[str, Any] = {"target": target, "reason": "wrong"}
                kind_word = "retraction"
            else:
                _, replacement = draw(fact(target_kind))
                names = draw(st.sets(st.sampled_from(sorted(replacement)), min_size=1, max_size=3))
                data = {"target": target, "reason": "fix", "source": None,
                        "changes": {n: replacement[n] for n in names} or {"summary": "s"}}
                kind_word = "correction"
        else:
            kind_word, data = draw(fact())
            facts[code].append((version, kind_word))
        events.append(Decoded(len(events) + 1, code * 10, version, "events.council:Council.X", kind_word,
                              data, recorded_text(stamp)))
    return events


def reference(events: list[Decoded], code: str) -> CouncilHistory:
    return CouncilHistory(code, [logged(code, e) for e in events if e.originator == code * 10])


def times(draw: Any, events: list[Decoded]) -> tuple[date, date, datetime | None]:
    as_of = date(2015, 1, 1) + timedelta(days=draw(st.integers(0, 3300)))
    known_on = draw(st.sampled_from([as_of, as_of + timedelta(days=draw(st.integers(-400, 400)))]))
    stamps = [e.recorded_at for e in events]  # T exactly at a recording: the edge case
    recorded_by = draw(st.none() | st.sampled_from(stamps) | st.just(BASE - timedelta(days=1)))
    return as_of, known_on, recorded_by


def expected(events: list[Decoded], code: str, when: tuple[date, date, datetime | None]) -> dict[str, Any]:
    as_of, known_on, recorded_by = when
    views = replay.facts_recorded_by(reference(events, code), recorded_by)
    judged = replay.inspections(views, as_of, known_on)
    previous = [v for v in judged[:-1] if v.fields.get("overall") is not None]
    strip = lambda d: None if d is None else {k: v for k, v in d.items() if k not in ("national", "regional")}  # noqa: E731
    return {
        "rating": replay.rating_of(judged[-1] if judged else None),
        "previous": replay.rating_of(previous[-1] if previous else None),
        "caseloads": [strip(c) for c in replay.caseloads(views, as_of, known_on)],
        "events": [v.event.id for v in replay.counting(views, as_of, known_on)],
    }


def answered(model: ReadModel, events: list[Decoded], code: str,
             when: tuple[date, date, datetime | None]) -> dict[str, Any]:
    rating = model.rating(code, *when)
    loads = [caseload_json(code, e) for e in model.caseloads(code, *when)]
    latest = model.latest_caseload(code, *when)
    assert (caseload_json(code, latest) if latest else None) == (loads[-1] if loads else None)
    index = model.councils[code]
    index.settle()
    # now (T None) the live read model orders a timeline by the index's days
    timeline = Timeline.build(reference(events, code), when[2], index.days if when[2] is None else None)
    return {
        "rating": rating_json(code, rating.current),
        "previous": rating_json(code, rating.previous),
        "caseloads": [{k: v for k, v in c.items() if k not in ("national", "regional")} for c in loads],
        "events": [v.event.id for v in timeline.counting(when[0], when[1])],
    }


def folded(events: list[Decoded]) -> ReadModel:
    model = ReadModel()
    model.fold(events)
    return model


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=history(), data=st.data())
def test_indexed_answers_equal_the_reference_fold(events: list[Decoded], data: Any) -> None:
    model = folded(events)
    for _ in range(5):
        when = times(data.draw, events)
        for code in COUNCILS:
            assert answered(model, events, code, when) == expected(events, code, when)


@settings(max_examples=200, deadline=None)
@given(events=history(), data=st.data())
def test_catching_up_from_any_split_point_equals_a_full_rebuild(events: list[Decoded], data: Any) -> None:
    split = data.draw(st.integers(0, len(events)))
    first = folded(events[:split])
    first.settle()  # as a catch-up ends
    saved = [marshal.dumps(part) for part in first.parts()]  # what a save writes, a start reads back
    resumed = ReadModel.restore(first.header(), (marshal.loads(part) for part in saved))
    resumed.fold(events[split:])
    full = folded(events)
    assert resumed.dump() == full.dump()
    for _ in range(3):
        when = times(data.draw, events)
        for code in COUNCILS:
            assert answered(resumed, events, code, when) == answered(full, events, code, when)


def read_from(events: list[Decoded], code: str) -> Any:
    """Reads versions of one council's stream out of the log (as the store would)."""
    stream = {e.version: logged(code, e) for e in events if e.originator == code * 10}
    return lambda versions: [stream[v] for v in versions if v in stream]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=history(), data=st.data())
def test_the_last_fact_is_the_timelines_last_entry(events: list[Decoded], data: Any) -> None:
    model = folded(events)
    for _ in range(5):
        when = times(data.draw, events)
        for code in COUNCILS:
            counting = Timeline.build(reference(events, code), when[2]).counting(when[0], when[1])
            found = last_fact(model.councils[code], read_from(events, code), *when)
            want = counting[-1] if counting else None
            assert (found and fact_entry(found)) == (want and fact_entry(want))


def retracted_entries(timeline: Timeline) -> list[Any]:
    return [(fact_entry(v), v.retraction.id if v.retraction else None) for v in timeline.retracted]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=history(), data=st.data())
def test_a_timeline_page_is_the_end_of_the_whole_timeline(events: list[Decoded], data: Any) -> None:
    model = folded(events)
    for _ in range(5):
        when = times(data.draw, events)
        count = data.draw(st.integers(1, 4))
        for code in COUNCILS:
            full = Timeline.build(reference(events, code), when[2])
            counting = full.counting(when[0], when[1])
            page, whole = timeline_page(model.councils[code], read_from(events, code), *when, count)
            shown = page.counting(when[0], when[1])
            assert [fact_entry(v) for v in shown] == [fact_entry(v) for v in counting[-count:]]
            assert not whole or len(counting) <= count
            if whole:  # every retracted fact, as the whole timeline has them
                assert retracted_entries(page) == retracted_entries(full)
            else:  # the retracted facts among the page's
                since = [v for v in full.retracted if not shown or v.happened >= shown[0].happened]
                wanted = Timeline(full.history, when[2], [], since)
                assert retracted_entries(page) == retracted_entries(wanted)


@settings(max_examples=300, deadline=None)
@given(events=history())
def test_the_index_keeps_each_facts_days_as_the_reference_computes_them(events: list[Decoded]) -> None:
    model = folded(events)
    for code in COUNCILS:
        index = model.councils[code]
        index.settle()
        views = replay.facts_recorded_by(reference(events, code), None)
        live = {v.event.version: v for v in views if v.retraction is None}
        for version, happened in enumerate(index.happened, 1):
            view = live.get(version)
            assert happened == (view.happened.toordinal() if view else 0)
            if view:
                assert index.known(version) == view.known_from.toordinal()
        assert model.event_dates(code) == sorted(
            {d for v in live.values() for d in (v.happened, v.known_from) if d != date.max})
