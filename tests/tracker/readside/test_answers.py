"""The facade's read answers from the projections, on a real SQLite store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from tracker.service import Tracker

Maker = Callable[..., dict[str, Any]]


def test_rating_has_previous_with_overall_grade_and_direction(tracker: Tracker, inspection: Maker) -> None:
    first = tracker.add("Sutton", "inspection", inspection("2018-01-10", "2018-03-01", "inadequate"))
    tracker.add("Sutton", "inspection", inspection("2021-01-10", "2021-03-01", None, framework="ilacs_2026"))
    third = tracker.add("Sutton", "inspection", inspection("2024-01-10", "2024-03-01", "good",
                                                             children_in_care="outstanding"))
    answer = tracker.show("Sutton", as_of=date(2024, 6, 1))
    assert answer["rating"]["event_id"] == third
    assert answer["rating"]["judgements"]["children_in_care"] == "outstanding"
    assert answer["previous_rating"]["event_id"] == first  # the ungraded 2021 one is skipped
    assert answer["direction"] == "improved"
    row = next(r for r in tracker.councils(as_of=date(2024, 6, 1)) if r["council"]["la_code"] == "319")
    assert row["rating"]["overall"] == "good" and row["direction"] == "improved"
    assert tracker.show("Sutton", as_of=date(2021, 6, 1))["direction"] is None  # no overall grade now


def test_caseload_history_sits_beside_national_and_regional_lines(
    tracker: Tracker, add_benchmark: Callable[..., None], workforce: Maker
) -> None:
    add_benchmark("E92000001", "England", "national", {"2023-09-30": 16.3, "2024-09-30": 15.8})
    add_benchmark("E12000007", "London", "regional", {"2024-09-30": 14.9})
    add_benchmark("E12000001", "North East", "regional", {"2024-09-30": 99.0})
    tracker.add("Sutton", "workforce", workforce("2023-09-30", 17.0))
    tracker.add("Sutton", "workforce", workforce("2024-09-30", 18.5))
    history = tracker.caseload_history("Sutton")
    assert [(c["as_at"], c["value"]) for c in history] == [("2023-09-30", 17.0), ("2024-09-30", 18.5)]
    assert [c["national"]["value"] for c in history] == [16.3, 15.8]
    assert history[0]["regional"] is None  # the data has no London row for 2023
    assert history[1]["regional"]["value"] == 14.9  # Sutton is in London, not the North East
    assert tracker.show("Sutton")["caseloads"] == history
    before = tracker.caseload_history("Sutton", as_of=date(2024, 1, 1))
    assert [c["as_at"] for c in before] == ["2023-09-30"]


def test_national_picture_counts_grades_moves_and_caseloads(
    tracker: Tracker, inspection: Maker, workforce: Maker
) -> None:
    tracker.add("Sutton", "inspection", inspection("2022-01-10", "2022-03-01", "inadequate"))
    tracker.add("Sutton", "inspection", inspection("2025-01-10", "2025-03-01", "good"))
    tracker.add("Swindon", "inspection", inspection("2019-01-10", "2019-03-01", "good"))
    tracker.add("Sutton", "workforce", workforce("2024-09-30", 20.0))
    tracker.add("Swindon", "workforce", workforce("2024-09-30", 14.0))
    picture: dict[str, Any] = tracker.national(as_of=date(2025, 6, 1))
    grades = picture["councils_per_grade"]
    assert grades["good"] == 2 and grades["inadequate"] == 0
    assert grades["none"] == picture["councils"] - 2
    moved = picture["moved"]
    assert [(m["council"]["la_code"], m["from"], m["to"], m["direction"]) for m in moved] == [
        ("319", "inadequate", "good", "improved")
    ]
    assert picture["caseloads_by_grade"]["good"] == {"councils": 2, "mean": 17.0, "median": 17.0,
                                                     "min": 14.0, "max": 20.0}


def test_event_dates_are_sorted_distinct_and_follow_corrections(
    tracker: Tracker, inspection: Maker, workforce: Maker
) -> None:
    tracker.add("Sutton", "workforce", workforce("2024-09-30", 18.5))
    visit = tracker.add("Sutton", "inspection", inspection("2022-05", "2022-08-01", "good"))
    tracker.add("Swindon", "workforce", workforce("2024-09-30", 12.0))
    # When it happened, and when it was published (a rating changes on that day).
    assert tracker.event_dates("Sutton") == [date(2022, 5, 31), date(2022, 8, 1), date(2024, 9, 30)]
    tracker.correct(visit, {"occurred_on": "2022-06-01"}, "date misread")
    assert tracker.event_dates("Sutton") == [date(2022, 6, 1), date(2022, 8, 1), date(2024, 9, 30)]
    tracker.retract(visit, "wrong council")
    assert tracker.event_dates() == [date(2024, 9, 30)]


def test_recorded_by_applies_only_corrections_recorded_by_then(tracker: Tracker, inspection: Maker) -> None:
    event = tracker.add("Sutton", "inspection", inspection("2022-01-10", "2022-03-01", "inadequate"))
    between = tracker.log("Sutton")[-1]["recorded_at"]
    tracker.correct(event, {"overall": "requires improvement"}, "misread")
    moment = datetime.fromisoformat(between)
    assert tracker.show("Sutton", recorded_by=moment)["rating"]["overall"] == "inadequate"
    assert tracker.show("Sutton")["rating"]["overall"] == "requires_improvement"
    shown = tracker.show("Sutton")["events"]
    assert [e["corrected_by"] for e in shown] == [["319-3"]]
