"""A council screen draws its card and chart from the index first (``council_head``),
then its timeline from the stream: the first part must say what the full answer says."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.councils import current_authorities
from tracker.service import Tracker
from tracker.time_point import TimePoint
from tui.backend import Backend

POINTS = [TimePoint(date(2019, 12, 31)), TimePoint(date(2022, 6, 30)), TimePoint(date(2025, 3, 31)),
          TimePoint(date(2025, 3, 31), date(2021, 1, 1))]


@pytest.mark.parametrize("point", POINTS, ids=lambda p: p.label())
def test_the_head_says_what_the_full_view_says(seeded: Tracker, point: TimePoint) -> None:
    backend = Backend(seeded)
    compared = 0
    for authority in current_authorities():
        full = backend.council(authority.la_code, point)
        head = backend.council_head(authority.la_code, point)
        for key in ("council", "rating", "previous_rating", "direction", "caseloads"):
            assert head.shown[key] == full.shown[key], (authority.name, key)
        assert (head.inspections, head.lines) == (full.inspections, full.lines), authority.name
        assert head.shown["events"] == [] and head.amendments == []  # the stream is not read
        compared += bool(full.shown["events"])
    assert compared > 0  # the seeds give some councils a history at every point
