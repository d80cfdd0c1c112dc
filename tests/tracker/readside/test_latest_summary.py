"""The all-council query's summaries, made straight from the rows' values (latest_summary.py),
equal the replaying reference for random histories at random D, K and T (the rating, the
previous rating with an overall grade, the travel between them and the latest caseload),
and equal answers.summary's, England's and the region's figures beside it included."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, cast

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.tracker.readside.test_inspection_rows import CODES, GEOS, with_benchmarks
from tests.tracker.readside.test_properties import BASE, COUNCILS, expected, folded, history, times
from tracker.councils import by_la_code
from tracker.readside.answers import summary
from tracker.readside.decode import Decoded, recorded_text
from tracker.readside.latest_summary import Geos, latest_summary, moments
from tracker.readside.live_model import LiveReadModel
from tracker.readside.lookups import direction


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=history(), data=st.data())
def test_latest_summaries_equal_the_reference_fold(events: list[Decoded], data: Any) -> None:
    model = folded(events)
    for _ in range(5):
        when = times(data.draw, events)
        geos = Geos()  # shared by the councils of one answer, as councils_at shares it
        for code in COUNCILS:
            wanted = expected(events, code, when)
            found = latest_summary(model, by_la_code(code), model.view(code, when[2]), moments(when), geos)
            rating, previous = wanted["rating"], wanted["previous"]
            assert (found.rating and found.rating.as_json()) == rating
            assert (found.previous_rating and found.previous_rating.as_json()) == previous
            assert found.direction == (direction(rating["overall"], previous["overall"])
                                       if rating and previous else None)
            latest = found.caseload and {k: v for k, v in found.caseload.as_json().items()
                                         if k not in ("national", "regional")}
            assert latest == (wanted["caseloads"][-1] if wanted["caseloads"] else None)
            assert len(found.caseloads) == (1 if wanted["caseloads"] else 0)


AS_AT = ("2019-09-30", "2020-09-30", "2020-09")  # few days: councils and geos share them
PUBLISHED = st.none() | st.sampled_from(["2019-10-15", "2020-10-01", "2021-03-01"])


def _append(events: list[Decoded], stream: str, version: int, kind: str, data: dict[str, Any],
            stamp: str) -> None:
    topic = ("events.council:Council." if stream in CODES else "events.benchmark:Benchmark.") + (
        "Opened" if kind == "opened" else "X")
    events.append(Decoded(len(events) + 1, stream * 10, version, topic, kind, data, stamp))


@st.composite
def shared_days(draw: Any) -> list[Decoded]:
    """Figures of two councils, England and London on a few as-at days, published at various
    times, recorded out of order, some councils' corrected or retracted: many latest figures
    have England's (and Sutton's London's) beside them."""
    events: list[Decoded] = []
    versions = {stream: 1 for stream in (*CODES, *GEOS)}
    for stream in versions:
        _append(events, stream, 1, "opened", {"la_code": stream} if stream in CODES else
                {"geo_code": stream, "name": stream, "level": "x"}, recorded_text(BASE))
    facts: dict[str, list[int]] = {code: [] for code in CODES}
    for _ in range(draw(st.integers(1, 24))):
        stream = draw(st.sampled_from([*CODES, *GEOS]))
        versions[stream] += 1
        stamp = recorded_text(BASE + timedelta(hours=draw(st.integers(0, 60))))
        published = draw(PUBLISHED if stream in GEOS else st.none() | PUBLISHED)  # geos' often later
        figure = {"occurred_on": draw(st.sampled_from(AS_AT)), "published_on": published,
                  "caseload": {"value": draw(st.floats(10, 25).map(lambda v: round(v, 1)))},
                  "source": {"publisher": "DfE", "title": "w"}}
        action = draw(st.sampled_from(["fact", "fact", "correct", "retract"]))
        if stream in GEOS:
            _append(events, stream, versions[stream], "figure", figure, stamp)
        elif action == "fact" or not facts[stream]:
            facts[stream].append(versions[stream])
            _append(events, stream, versions[stream], "workforce", figure, stamp)
        else:
            data: dict[str, Any] = {"target": draw(st.sampled_from(facts[stream])), "reason": "fix"}
            if action == "correct":
                names = draw(st.sets(st.sampled_from(sorted(figure)), min_size=1, max_size=3))
                data.update(source=None, changes={name: figure[name] for name in names})
            _append(events, stream, versions[stream], "correction" if action == "correct" else "retraction",
                    data, stamp)
    return events


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=with_benchmarks() | shared_days(), data=st.data())
def test_latest_summaries_equal_the_general_summary_with_benchmarks(events: list[Decoded], data: Any) -> None:
    model = folded(events)
    unused = cast(LiveReadModel, None)  # a summary reads the live model only for last events
    for _ in range(5):
        when = times(data.draw, events)
        if data.draw(st.booleans()):  # D and K around the shared days' figures and publications
            as_of = date(2019, 9, 1) + timedelta(days=data.draw(st.integers(0, 700)))
            when = (as_of, as_of + timedelta(days=data.draw(st.integers(-400, 400))), when[2])
        geos = Geos()
        for code in CODES:
            authority = by_la_code(code)
            want = summary(unused, model, authority, when, {}, last_events=False, history=False)
            assert latest_summary(model, authority, model.view(code, when[2]), moments(when), geos) == want
