"""A CSV with two columns of one name is refused, naming them: which one would count?
(A second `caseload_fte` column of 99s once became every council's caseload.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tracker.importers.helpers import AS_AT, FIXTURES, HISTORY, IN_YEAR, stored_events
from tests.tracker.importers.odsfile import AS_AT_HEADER, HISTORY_HEADER, IN_YEAR_HEADER, outcomes_workbook
from tracker.errors import UserError
from tracker.service import Tracker


def with_extra_column(source: Path, target: Path, name: str, value: str) -> Path:
    lines = source.read_text(encoding="utf-8").splitlines()
    target.write_text("\n".join([f"{lines[0]},{name}", *(f"{line},{value}" for line in lines[1:])]) + "\n",
                      encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("fixture", "column"),
    [("csww_indicators_2017_to_2018.csv", "caseload_fte"),
     ("ilacs_scrape.csv", "overall_effectiveness_grade")],
)
def test_a_column_given_twice_is_refused(
    backend_tracker: Tracker, tmp_path: Path, fixture: str, column: str
) -> None:
    path = with_extra_column(FIXTURES / fixture, tmp_path / fixture, column, "99")
    with pytest.raises(UserError, match=rf"line 1: column {column} is given twice \(columns \d+ and \d+\)"):
        backend_tracker.import_file(path)
    with pytest.raises(UserError, match=column):
        backend_tracker.import_file(path, skip_bad_rows=True)
    assert stored_events(backend_tracker) == 0


def test_blank_column_names_may_repeat(backend_tracker: Tracker, tmp_path: Path) -> None:
    """Spreadsheet exports often end rows with empty, unnamed columns: those are ignored."""
    source = FIXTURES / "csww_indicators_2017_to_2018.csv"
    path = with_extra_column(source, tmp_path / "blank.csv", ",", ",")
    report = backend_tracker.import_file(path)
    assert report.added > 0


def test_a_spreadsheet_column_given_twice_is_refused(backend_tracker: Tracker, tmp_path: Path) -> None:
    history = [[*row, "Inadequate"] for row in HISTORY]
    headers = ([*HISTORY_HEADER, "Overall effectiveness"], IN_YEAR_HEADER, AS_AT_HEADER)
    path = outcomes_workbook(tmp_path / "outcomes.ods", history, IN_YEAR, AS_AT, headers=headers)
    expected = r"sheet ILACS_inspection_history, row 3: column overall effectiveness is given twice"
    with pytest.raises(UserError, match=expected + r" \(columns 9 and 14\)"):
        backend_tracker.import_file(path)
    assert stored_events(backend_tracker) == 0
