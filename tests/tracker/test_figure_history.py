"""Tracker.figure_history: every workforce figure of a council beside England's, its
region's and its neighbours' average, equal to a reference recomputed here from the
figures the test wrote, under each model and before any model."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from statistics import fmean

import pytest

from tests.workforce_file import ENGLAND, YEARS, Values, write
from tracker.councils import by_la_code
from tracker.errors import UserError
from tracker.figure_history import FIGURES
from tracker.neighbours import in_force
from tracker.readside.answers import region_code
from tracker.service import Tracker

COUNCILS = ("937", "873", "209")  # Warwickshire, Cambridgeshire, Lewisham


def reference(values: Values, la_code: str, figure: str, day: date) -> list[tuple[float, float | None,
                                                                                 float | None, float | None]]:
    """(council, England, region, neighbours' mean) per year, from the written figures alone."""
    model = in_force(day)
    row = model.row(la_code) if model else None
    ten = [code for code, _ in row.neighbours] if row else []
    region = region_code(by_la_code(la_code).region) or ""
    found = []
    for year in YEARS:
        own = values[(la_code, year)][figure]
        if own is None:
            continue
        near = [v for code in ten if (v := values.get((code, year), {}).get(figure)) is not None]
        found.append((own, values[(ENGLAND, year)][figure], values[(region, year)][figure],
                      fmean(near) if near else None))
    return found


@pytest.mark.parametrize("la_code", COUNCILS)
@pytest.mark.parametrize("day", [date(2021, 3, 31), date(2022, 6, 30), date(2026, 3, 31)])
def test_each_figure_equals_the_reference(tracker: Tracker, tmp_path: Path, la_code: str, day: date) -> None:
    values = write(tmp_path / "csww_indicators_test.csv", la_code)
    tracker.import_file(tmp_path / "csww_indicators_test.csv")
    for figure in FIGURES:
        found = tracker.figure_history(la_code, figure, as_of=day)
        got = [(p.value, p.national, p.regional, p.neighbours) for p in found.points]
        assert got == pytest.approx(reference(values, la_code, figure, day)), figure
        assert [p.day.year for p in found.points] == list(YEARS)
        assert found.title == FIGURES[figure]


def test_the_neighbour_line_follows_the_model_in_force(backend_tracker: Tracker, tmp_path: Path) -> None:
    tracker = backend_tracker  # SQLite and PostgreSQL alike
    write(tmp_path / "csww_indicators_test.csv", "937")
    tracker.import_file(tmp_path / "csww_indicators_test.csv")
    before = tracker.figure_history("937", as_of=date(2021, 3, 31))
    under_2021 = tracker.figure_history("937", as_of=date(2025, 12, 30))
    under_2025 = tracker.figure_history("937", as_of=date(2025, 12, 31))
    assert before.neighbour_codes == () and all(p.neighbours is None for p in before.points)
    first, second = (in_force(date(2025, 12, 30)), in_force(date(2025, 12, 31)))
    assert first is not None and second is not None and first.key != second.key
    assert under_2021.neighbour_codes == tuple(c for c, _ in first.rows["937"].neighbours)
    assert under_2025.neighbour_codes == tuple(c for c, _ in second.rows["937"].neighbours)
    assert [p.neighbours for p in under_2021.points] != [p.neighbours for p in under_2025.points]
    assert not tracker.figure_history("937", as_of=date(2025, 12, 31), neighbours=False).neighbour_codes


def test_an_unknown_figure_is_named(tracker: Tracker) -> None:
    with pytest.raises(UserError, match="unknown figure 'sickness'"):
        tracker.figure_history("937", "sickness")
