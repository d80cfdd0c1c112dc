"""The all-council query's summaries, made straight from the rows' values (latest_summary.py),
equal the replaying reference for random histories at random D, K and T: the rating, the
previous rating with an overall grade, the travel between them and the latest caseload."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.tracker.readside.test_properties import COUNCILS, expected, folded, history, times
from tracker.councils import by_la_code
from tracker.readside.decode import Decoded
from tracker.readside.latest_summary import Geos, latest_summary, moments
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
