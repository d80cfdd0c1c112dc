"""Every bad row and bad file: one clear message naming line and field, nothing
written; or, with skip_bad_rows, every skipped row reported and the rest imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tracker.importers.helpers import facts, stored_events
from tracker.errors import UserError
from tracker.records import FileFormatError
from tracker.service import Tracker


def test_scrape_stops_at_the_first_bad_row_and_writes_nothing(tracker: Tracker, fixtures: Path) -> None:
    with pytest.raises(UserError, match=r"line 3: inspection_start_date: '31/02/2019' is not a real date"):
        tracker.import_file(fixtures / "ilacs_scrape_bad_rows.csv")
    assert stored_events(tracker) == 0


def test_scrape_skips_and_reports_every_bad_row(tracker: Tracker, fixtures: Path) -> None:
    report = tracker.import_file(fixtures / "ilacs_scrape_bad_rows.csv", skip_bad_rows=True)
    reasons = {p.line: p.reason for p in report.skipped}
    assert sorted(reasons) == [3, 4, 5, 6, 7]
    assert reasons[3].startswith("inspection_start_date: '31/02/2019'")
    assert reasons[4].startswith("overall_effectiveness_grade: 'excellent' is not a grade")
    assert reasons[5].startswith("unknown council 'atlantis'; closest:")
    assert reasons[6] == "duplicate row: the same fact as row 2"
    assert reasons[7] == "expected 15 cells, found 6"
    assert report.added == 2
    assert len(facts(tracker, "937", "inspection")) == 1 and facts(tracker, "866", "inspection")


def test_dfe_bad_rows(tracker: Tracker, fixtures: Path) -> None:
    with pytest.raises(UserError, match=r"csww_bad_rows.csv, line 3: time_period: '2O18'"):
        tracker.import_file(fixtures / "csww_bad_rows.csv")
    assert stored_events(tracker) == 0
    report = tracker.import_file(fixtures / "csww_bad_rows.csv", skip_bad_rows=True)
    reasons = {p.line: p.reason for p in report.skipped}
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8]
    assert reasons[4].startswith("unknown council '999 (Atlantis)'")
    assert reasons[5].startswith("caseload_fte: 'about 20' is neither a number nor a suppression symbol")
    assert reasons[6].startswith("geographic_level: 'Ward'")
    assert "every figure is blank" in reasons[7]
    assert reasons[8] == "duplicate row: the same fact as row 2"
    assert report.added == 2  # Warwickshire and Sutton


@pytest.mark.parametrize(
    ("name", "fmt", "message"),
    [
        ("ilacs_scrape_missing_column.csv", "ilacs-scrape", "line 1: missing column care_leavers_grade"),
        ("csww_missing_column.csv", "dfe-workforce", "line 1: missing column caseload_fte"),
        ("empty.csv", "ilacs-scrape", "the file is empty"),
        ("empty.csv", "dfe-workforce", "the file is empty"),
        ("ilacs_scrape_cp1252.csv", "ilacs-scrape", r"line 3: not UTF-8 \(byte \d+\)"),
    ],
)
def test_bad_files_fail_whole(tracker: Tracker, fixtures: Path, name: str, fmt: str, message: str) -> None:
    for skip in (False, True):  # a bad file is not a bad row: skipping rows cannot rescue it
        with pytest.raises(UserError, match=message):
            tracker.import_file(fixtures / name, fmt, skip_bad_rows=skip)
    assert stored_events(tracker) == 0


def test_an_empty_file_is_a_clear_error(tracker: Tracker, fixtures: Path) -> None:
    with pytest.raises(FileFormatError, match=r"empty\.csv: the file is empty"):
        tracker.import_file(fixtures / "empty.csv")


def test_a_bad_row_after_good_ones_leaves_no_partial_import(tracker: Tracker, fixtures: Path) -> None:
    tracker.import_file(fixtures / "ilacs_scrape.csv")
    before = stored_events(tracker)
    with pytest.raises(UserError):
        tracker.import_file(fixtures / "ilacs_scrape_bad_rows.csv")  # row 2 is good and new
    assert stored_events(tracker) == before
    assert not facts(tracker, "937")
