"""Random histories: a comparison's lane (tracker/readside/lanes.py, made from rows decoded
together and benchmark figures walked once) equals the council's own summary with its
inspections (answers.summary, an entry at a time), at random D, K and T, for a council
and one of its neighbours with England's and London's figures beside them."""

from __future__ import annotations

from typing import Any, cast

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.tracker.readside.test_inspection_rows import CODES, with_benchmarks
from tests.tracker.readside.test_properties import times
from tracker.councils import by_la_code
from tracker.readside.answers import summary
from tracker.readside.decode import Decoded
from tracker.readside.lanes import GeoDays, lane
from tracker.readside.live_model import LiveReadModel
from tracker.readside.read_model import ReadModel


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=with_benchmarks(), data=st.data())
def test_each_lane_equals_the_councils_summary(events: list[Decoded], data: Any) -> None:
    model = ReadModel()
    model.fold(events)
    unused = cast(LiveReadModel, None)  # a summary reads the live model only for last events
    for _ in range(5):
        when = times(data.draw, events)
        geos = GeoDays(model, when)  # shared by both councils, as a comparison shares it
        for code in CODES:
            authority = by_la_code(code)
            want = summary(unused, model, authority, when, {}, last_events=False, inspections=True)
            assert lane(model, authority, when, geos) == want

