"""DfE workforce indicators: suppression, joint returns, benchmarks, newer editions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eventsourcing.application import AggregateNotFoundError

from events.benchmark import Benchmark, benchmark_id
from tests.tracker.importers.helpers import facts, stored_events
from tracker.service import Tracker


def _workforce(tracker: Tracker, la_code: str, as_at: str) -> dict[str, Any]:
    found = [f["fields"] for f in facts(tracker, la_code, "workforce") if f["occurred_on"] == as_at]
    assert len(found) == 1, found
    return found[0]


def _benchmark_figures(tracker: Tracker, geo: str) -> list[dict[str, Any]]:
    try:
        events = tracker.app.events.get(benchmark_id(geo))
    except AggregateNotFoundError:  # pragma: no cover - reported by the assertion below
        return []
    return [e.__dict__ for e in events if isinstance(e, Benchmark.FigureRecorded)]


def test_one_event_per_council_and_year(tracker: Tracker, fixtures: Path) -> None:
    report = tracker.import_file(fixtures / "csww_indicators_2017_to_2018.csv")
    assert report.format == "dfe-workforce"
    # 4 council rows (one a joint return: two events) and 3 national/regional rows
    assert (report.added, report.skipped) == (8, [])
    warks = _workforce(tracker, "937", "2018-09-30")
    assert warks["caseload"] == {"value": 17.2} and warks["fte"] == {"value": 250.5}
    assert warks["published_on"] == "2019-02"
    assert warks["source"] == {
        "publisher": "Department for Education",
        "title": "Children's social work workforce: local authority indicators, "
        "reporting years 2017 to 2018 (csww_indicators_2017_to_2018.csv)",
        "published": "2019-02",
        "licence": "Open Government Licence v3.0",
    }


def test_suppression_symbols_are_never_numbers(tracker: Tracker, fixtures: Path) -> None:
    tracker.import_file(fixtures / "csww_indicators_2017_to_2018.csv")
    cambs = _workforce(tracker, "873", "2018-09-30")
    assert cambs["suppressed"] == {
        "caseload": "x",
        "agency_rate": "low",
        "turnover_rate": "z",
        "vacancy_rate": "c",
    }
    assert cambs["caseload"] is None and cambs["agency_rate"] is None
    assert cambs["fte"] == {"value": 100.0}


def test_joint_return_belongs_to_both_councils(tracker: Tracker, fixtures: Path) -> None:
    tracker.import_file(fixtures / "csww_indicators_2017_to_2018.csv")
    kingston = _workforce(tracker, "314", "2018-09-30")
    richmond = _workforce(tracker, "318", "2018-09-30")
    assert kingston["joint_with"] == ["318"] and richmond["joint_with"] == ["314"]
    assert kingston["caseload"] == richmond["caseload"] == {"value": 12.0}
    assert kingston["suppressed"] == {"agency_rate": "u"}


def test_national_and_regional_rows_become_benchmarks(tracker: Tracker, fixtures: Path) -> None:
    tracker.import_file(fixtures / "csww_indicators_2017_to_2018.csv")
    england = sorted(_benchmark_figures(tracker, "E92000001"), key=lambda f: f["occurred_on"])
    assert [f["caseload"] for f in england] == [{"value": 17.0}, {"value": 16.1}]
    assert england[1]["fte"] == {"value": 31000.5}  # England's FTE fits the national cap
    london = _benchmark_figures(tracker, "E12000007")
    assert [f["caseload"] for f in london] == [{"value": 15.0}]
    assert facts(tracker, "937", "workforce")  # councils still got theirs


def test_newer_edition_adds_new_years_and_corrects_revised_figures(tracker: Tracker, fixtures: Path) -> None:
    tracker.import_file(fixtures / "csww_indicators_2017_to_2018.csv")
    report = tracker.import_file(fixtures / "csww_indicators_2017_to_2019.csv")
    # new: 2019 for England and Warwickshire; revised: Warwickshire 2018, England 2018
    assert (report.added, report.corrected, report.already_present) == (2, 2, 6)
    warks = [f for f in facts(tracker, "937", "workforce") if f["occurred_on"] == "2018-09-30"]
    assert len(warks) == 1 and warks[0]["fields"]["caseload"] == {"value": 17.9}
    assert warks[0]["corrected_by"]
    log = [e for e in tracker.log("937") if e["type"] == "correction"]
    assert log[0]["data"]["source"]["title"].endswith("(csww_indicators_2017_to_2019.csv)")
    assert log[0]["data"]["reason"].startswith("revised in")
    england = [f for f in _benchmark_figures(tracker, "E92000001") if f["occurred_on"] == "2018-09-30"]
    assert sorted(f["caseload"]["value"] for f in england) == [16.1, 16.3]  # the newer edition's is kept too


def test_older_edition_after_newer_changes_nothing(tracker: Tracker, fixtures: Path) -> None:
    tracker.import_file(fixtures / "csww_indicators_2017_to_2019.csv")
    count = stored_events(tracker)
    report = tracker.import_file(fixtures / "csww_indicators_2017_to_2018.csv")
    assert (report.added, report.corrected, report.enriched) == (0, 0, 0)
    assert stored_events(tracker) == count
    assert _workforce(tracker, "937", "2018-09-30")["caseload"] == {"value": 17.9}


def test_importing_twice_adds_nothing(tracker: Tracker, fixtures: Path) -> None:
    tracker.import_file(fixtures / "csww_indicators_2017_to_2018.csv")
    count = stored_events(tracker)
    report = tracker.import_file(fixtures / "csww_indicators_2017_to_2018.csv")
    assert report.written == 0 and report.already_present == 8
    assert stored_events(tracker) == count
