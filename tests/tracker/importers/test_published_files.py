"""The real published files in ../shared/data (skipped when absent): the as-at table
answered by `councils --json`, the same answers in all six import orders, and no
change on a second import."""

from __future__ import annotations

import itertools
import json
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook

from tests.conftest import TODAY
from tests.tracker.importers.helpers import stored_events, without_ids
from tracker.cli.main import main
from tracker.councils import all_authorities, resolve
from tracker.service import Tracker
from tracker.store import open_store

ODS = "LA_Inspection_Outcomes_as_at_31_March_2025.ods"
SCRAPE = "ofsted_csc_ilacs_history.csv"
DFE = "csww_indicators_2017_to_2024.csv"
GRADE_WORDS = {
    "Outstanding": "outstanding",
    "Good": "good",
    "Requires improvement to be good": "requires_improvement",
    "Inadequate": "inadequate",
    "": None,
}


def _as_at_table(path: Path) -> dict[str, list[Any]]:
    """The expected answers, read straight from the spreadsheet (not through the importer)."""
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Inspections_as_at_31_March")
    rows: list[list[Any]] = sheet.to_python()
    header_at = next(i for i, row in enumerate(rows) if row and row[0] == "Web link")
    expected = {}
    for row in rows[header_at + 1 :]:
        if not row[1]:
            continue
        grades = [GRADE_WORDS[str(cell).strip()] for cell in row[6:11]]
        expected[resolve(row[1]).la_code] = [row[4].date().isoformat(), row[5].date().isoformat(), *grades]
    return expected


def test_councils_json_matches_the_as_at_table(
    shared_data: Path, store_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--store", store_path, "import", str(shared_data / ODS)]) == 0
    capsys.readouterr()
    argv = ["--store", store_path, "councils", "--as-of", "2025-03-31", "--known-on", "2025-06-30", "--json"]
    assert main(argv) == 0
    answers = json.loads(capsys.readouterr().out)
    expected = _as_at_table(shared_data / ODS)
    assert len(answers) == len(expected) == 153
    for row in answers:
        rating = row["rating"]
        judgements = rating["judgements"]
        got = [
            rating["inspection_started"],
            rating["published_on"],
            rating["overall"],
            judgements["impact_of_leaders"],
            judgements["help_and_protection"],
            judgements["children_in_care"],
            judgements["care_leavers"],
        ]
        assert got == expected[row["council"]["la_code"]], row["council"]["name"]


def _snapshot(tracker: Tracker) -> str:
    answers = {
        "now": tracker.councils(),
        "as_at": tracker.councils(as_of=date(2025, 3, 31), known_on=date(2025, 6, 30)),
        "2016": tracker.councils(as_of=date(2016, 12, 31)),
        "show": [tracker.show(a.la_code) for a in all_authorities()],
    }
    return json.dumps(without_ids(answers), sort_keys=True)


@pytest.mark.slow
def test_all_six_orders_give_the_same_projections(shared_data: Path, tmp_path: Path) -> None:
    snapshots = {}
    for number, order in enumerate(itertools.permutations((ODS, SCRAPE, DFE))):
        app = open_store(str(tmp_path / f"{number}.db"))
        tracker = Tracker(app, today=TODAY)
        started = time.perf_counter()
        for name in order:
            tracker.import_file(shared_data / name)
        print(f"{' -> '.join(order)}: {time.perf_counter() - started:.2f} s")  # measured, never asserted
        snapshots[order] = _snapshot(tracker)
        app.close()
    first = snapshots[(ODS, SCRAPE, DFE)]
    assert '"overall": "unknown"' in first  # the unreadable pre-2018 reports are there
    assert all(snapshot == first for snapshot in snapshots.values())


def test_importing_again_adds_nothing(shared_data: Path, tracker: Tracker) -> None:
    first = [tracker.import_file(shared_data / name) for name in (ODS, SCRAPE, DFE)]
    assert first[1].unreadable == 176 and first[2].added > 1200
    assert len([w for w in first[1].warnings if "parser slip" in w.reason]) == 2
    count = stored_events(tracker)
    again = [tracker.import_file(shared_data / name) for name in (SCRAPE, DFE, ODS)]
    assert [report.written for report in again] == [0, 0, 0]
    assert stored_events(tracker) == count
