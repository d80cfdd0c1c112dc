"""Each pure fold alone, on hand-made entries: no store, no I/O."""

from __future__ import annotations

from datetime import date

from tracker.readside import folds
from tracker.readside.index import Entry, make_entry, materialize

T0 = "2026-01-01T00:00:00.000000+00:00"
T1 = "2026-02-01T00:00:00.000000+00:00"


def d(text: str) -> int:
    return date.fromisoformat(text).toordinal()


def judged(version: int, start: str, published: str, overall: str | None, stamp: str = T0) -> Entry:
    return make_entry(version, stamp, {"occurred_on": start, "published_on": published, "overall": overall,
                                       "fieldwork_end": None, "framework": None})


def figure(version: int, as_at: str, value: float, published: str | None = None) -> Entry:
    return make_entry(version, T0, {"occurred_on": as_at, "published_on": published,
                                    "caseload": {"value": value}, "source": {}})


def test_rating_counts_by_fieldwork_start_and_publication() -> None:
    entries = sorted([judged(2, "2019-01-10", "2019-03-01", "inadequate"),
                      judged(3, "2022-01-10", "2022-03-01", None),
                      judged(4, "2025-01-10", "2025-03-01", "good")])
    answer = folds.rating(entries, d("2025-02-01"), d("2025-02-01"), 0)  # fieldwork started, unpublished
    assert answer.current is not None and answer.current[2] == 3
    answer = folds.rating(entries, d("2025-02-01"), d("2025-06-01"), 0)
    assert answer.current is not None and answer.current[2] == 4
    assert answer.previous is not None and answer.previous[2] == 2  # skips the ungraded one
    assert answer.direction == "improved"
    assert folds.rating(entries, d("2018-01-01"), d("2018-01-01"), 0).current is None


def test_direction_of_travel() -> None:
    assert folds.direction("good", "inadequate") == "improved"
    assert folds.direction("requires_improvement", "good") == "declined"
    assert folds.direction("good", "good") == "unchanged"
    assert folds.direction("unknown", "good") is None
    assert folds.direction(None, "good") is None


def test_published_before_an_imprecise_happening_still_counts_with_slack() -> None:
    entry = judged(2, "2021", "2021-03-01", "good")  # happened counts 2021-12-31, known 2021-03-01
    slack = entry[0] - entry[1]
    assert folds.rating([entry], d("2022-01-01"), d("2021-06-01"), slack).current == entry
    assert folds.rating([entry], d("2021-06-01"), d("2022-01-01"), slack).current is None


def test_caseload_history_keeps_the_latest_edition_per_as_at_date() -> None:
    entries = sorted([figure(2, "2023-09-30", 17.0, "2024-02-01"),
                      figure(3, "2024-09-30", 18.0, "2025-02-01"),
                      figure(4, "2023-09-30", 16.5, "2024-06-01")])
    history = folds.caseload_history(entries, d("2025-06-01"), d("2025-06-01"), 0)
    assert [(e[4]["occurred_on"], e[4]["caseload"]["value"]) for e in history] == [
        ("2023-09-30", 16.5), ("2024-09-30", 18.0)]
    assert folds.latest_caseload(entries, d("2025-06-01"), d("2025-06-01"), 0) == history[-1]
    early = folds.caseload_history(entries, d("2025-06-01"), d("2024-03-01"), 0)
    assert [e[4]["caseload"]["value"] for e in early] == [17.0]


def test_a_benchmark_figure_is_found_for_the_same_as_at_day_only() -> None:
    line = sorted([figure(2, "2023-09-30", 16.0), figure(3, "2024-09-30", 15.5)])
    found = folds.figure_on(line, d("2024-09-30"), d("2025-01-01"), d("2025-01-01"), None)
    assert found is not None and found[4]["caseload"]["value"] == 15.5
    assert folds.figure_on(line, d("2024-09-29"), d("2025-01-01"), d("2025-01-01"), None) is None
    assert folds.figure_on(line, d("2024-09-30"), d("2025-01-01"), d("2025-01-01"), "2025-12-31") is None


def test_corrections_and_retractions_apply_by_recorded_time() -> None:
    originals = {2: judged(2, "2021-01-10", "2021-03-01", "inadequate"),
                 3: judged(3, "2023-01-10", "2023-03-01", "good")}
    amendments = [(4, 2, T1, "correction", {"overall": "requires_improvement"}),
                  (5, 3, T1, "retraction", {})]
    now, retracted = materialize(originals, amendments, None)
    assert [(e[2], e[4]["overall"]) for e in now] == [(2, "requires_improvement")] and retracted == {3}
    then, _ = materialize(originals, amendments, T0)
    assert [(e[2], e[4]["overall"]) for e in then] == [(2, "inadequate"), (3, "good")]


def test_the_national_picture() -> None:
    good = judged(2, "2024-01-01", "2024-02-01", "good")
    bad = judged(2, "2020-01-01", "2020-02-01", "inadequate")
    none = folds.Rating(None, None)
    ratings = {"319": folds.Rating(good, bad), "866": folds.Rating(good, None), "873": none}
    before = {"319": folds.Rating(bad, None), "866": folds.Rating(good, None), "873": none}
    loads = {"319": figure(3, "2024-09-30", 20.0), "866": figure(3, "2024-09-30", 10.0), "873": None}
    picture = folds.picture(ratings, before, loads)
    assert picture["councils_per_grade"]["good"] == 2 and picture["councils_per_grade"]["none"] == 1
    assert picture["moved"] == [
        {"la_code": "319", "from": "inadequate", "to": "good", "direction": "improved"}
    ]
    assert picture["caseloads_by_grade"]["good"]["mean"] == 15.0
    assert picture["caseloads_by_grade"]["none"] == {"councils": 0}
