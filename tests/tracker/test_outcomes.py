"""The outcome table's counts equal a plain recount of the same rows, cell by cell, and
every cell's n is the sum of its counts."""

from __future__ import annotations

from statistics import median, quantiles
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.inspection_answer import CaseloadAt, InspectionRow
from tracker.outcomes import FLAT, QUARTILES, caseloads_by_outcome, outcome_table
from tracker.results import CouncilRef

COUNCIL = CouncilRef("319", "E09000029", "Sutton", "London")


def row(change: str | None, value: float | None, moved: float | None, has_caseload: bool) -> InspectionRow:
    load = CaseloadAt("2020-09-30", value, "319-2", moved, None, None, None, None, 0, None) \
        if has_caseload else None
    return InspectionRow(COUNCIL, "319-1", "2021-01-01", None, None, "ilacs_standard", "good", (None,) * 4,
                         None, None, change, load)


ROWS = st.lists(st.builds(
    row, st.sampled_from(["up", "same", "down", "first", None]),
    st.none() | st.integers(80, 260).map(lambda v: v / 10),
    st.none() | st.sampled_from([-FLAT, FLAT, 0.0]) | st.integers(-40, 40).map(lambda v: v / 10),
    st.booleans()), max_size=60)


def recount(rows: list[InspectionRow]) -> dict[str, dict[str, int]]:
    """Count by hand: which rows fall in each group, and their outcomes."""
    kept = [(r.change, r.caseload.value, r.caseload.change_two_years) for r in rows
            if r.change in ("up", "same", "down") and r.caseload is not None and r.caseload.value is not None]
    values = [v for _, v, _ in kept]
    counts: dict[str, dict[str, int]] = {}

    def add(group: str, outcome: Any) -> None:
        cell = counts.setdefault(group, {"down": 0, "same": 0, "up": 0})
        cell[outcome] += 1

    middle = median(values) if values else 0.0
    cuts = quantiles(values, n=4, method="inclusive") if len(values) >= 2 else None
    for outcome, value, moved in kept:
        side = "above median" if value > middle else "at or below median"
        add(side, outcome)
        if cuts is not None:
            add(QUARTILES[sum(1 for cut in cuts if value > cut)], outcome)
        if moved is not None:
            way = "rising" if moved > FLAT else "falling" if moved < -FLAT else "flat"
            add(way, outcome)
            add(f"{way}, {side}", outcome)
    return counts


@settings(max_examples=300)
@given(rows=ROWS)
def test_the_outcome_table_equals_a_plain_recount(rows: list[InspectionRow]) -> None:
    table = outcome_table(rows)
    want = recount(rows)
    shown = [*table.by_quartile, *table.by_trend, *table.by_side, *table.by_trend_and_side]
    for group, cell in shown:
        expected = want.get(group, {"down": 0, "same": 0, "up": 0})
        assert {"down": cell.down, "same": cell.same, "up": cell.up} == expected, group
        assert cell.n == sum(expected.values())
    assert {g for g, c in shown if c.n} == set(want)  # no group counted that is not shown
    counted = sum(c.n for _, c in table.by_side)
    assert table.counted == counted and table.left_out == len(rows) - counted
    assert sum(map(len, caseloads_by_outcome(rows).values())) == counted


def test_a_small_table_by_hand() -> None:
    rows = [row("down", 20.0, 2.0, True), row("up", 12.0, -2.0, True), row("same", 16.0, 0.2, True),
            row("first", 30.0, None, True), row("down", None, None, True), row(None, 14.0, 1.0, True)]
    table = outcome_table(rows)
    assert table.median == 16.0 and table.counted == 3 and table.left_out == 3
    assert dict(table.by_side)["above median"].as_json() == {"down": 1, "same": 0, "up": 0, "n": 1}
    assert dict(table.by_trend)["flat"].as_json() == {"down": 0, "same": 1, "up": 0, "n": 1}
    assert dict(table.by_trend_and_side)["falling, at or below median"].as_json() == \
        {"down": 0, "same": 0, "up": 1, "n": 1}
    assert caseloads_by_outcome(rows) == {"down": [20.0], "same": [16.0], "up": [12.0]}
