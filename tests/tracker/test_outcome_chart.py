"""The chart of caseload against outcome (tracker/exports/outcome_chart.py) as plain values
and bytes: every counted inspection is a dot on its outcome's row, the dots stay on their
row, and the same answer gives the same file, so a report can be rebuilt byte for byte."""

from __future__ import annotations

import struct
from datetime import date
from pathlib import Path

import pytest

from tracker.errors import UserError
from tracker.exports import outcome_chart as oc
from tracker.time_point import TimePoint

WHEN = TimePoint(date(2025, 3, 31), date(2025, 6, 30))
FOUND = {"down": [21.5, 18.0], "same": [15.0, 16.2, 14.1], "up": []}


def test_each_outcome_is_a_row_of_its_caseloads_in_order() -> None:
    chart = oc.OutcomeChart.of(FOUND, WHEN)
    assert chart.rows == (("down", (18.0, 21.5)), ("same", (14.1, 15.0, 16.2)), ("up", ()))
    assert chart.counted == 5
    assert chart.title == ("Caseload at fieldwork and inspection outcome, as of 2025-03-31, "
                           "known on 2025-06-30")


def test_dots_stay_on_their_row_and_the_first_sits_on_it() -> None:
    spread = oc.offsets(200)
    assert spread[0] == 0.0
    assert all(-oc.SPREAD <= o <= oc.SPREAD for o in spread)
    assert len({round(o, 9) for o in spread}) == 200  # no two dots at one height
    assert oc.offsets(200) == spread


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_the_same_answer_gives_the_same_bytes(fmt: str) -> None:
    first = oc.outcome_chart_bytes(oc.OutcomeChart.of(FOUND, WHEN), fmt)
    assert first == oc.outcome_chart_bytes(oc.OutcomeChart.of(FOUND, WHEN), fmt)
    if fmt == "png":
        assert struct.unpack(">II", first[16:24]) == (1200, 675)


def test_nothing_to_draw_is_refused_before_any_file(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no chart written"):
        oc.write_outcome_chart({"down": [], "same": [], "up": []}, WHEN, str(tmp_path), "png")
    assert list(tmp_path.iterdir()) == []
