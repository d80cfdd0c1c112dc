"""As of D, known on K, recorded by T — through the service, on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from tracker.service import Tracker

OFSTED = {"publisher": "Ofsted", "title": "Sutton inspection report"}


def overall(tracker: Tracker, **times: Any) -> str | None:
    rating = tracker.show("Sutton", **times)["rating"]
    return None if rating is None else rating["overall"]


def seed_two_inspections(tracker: Tracker) -> tuple[str, str]:
    first = tracker.add("Sutton", "inspection", {
        "fieldwork_start": "2021-11", "published_on": "2022-02", "overall": "requires improvement",
        "framework": "ilacs_standard", "source": OFSTED,
    })
    second = tracker.add("Sutton", "inspection", {
        "fieldwork_start": "2025-03-10", "fieldwork_end": "2025-03-21", "published_on": "2025-05-01",
        "overall": "good", "framework": "ilacs_short", "source": OFSTED,
    })
    return first, second


def test_a_judgement_counts_from_fieldwork_start_once_published(tracker: Tracker) -> None:
    seed_two_inspections(tracker)
    # Before the first report was published (month precision: counts from 2022-02-28).
    assert overall(tracker, as_of=date(2022, 2, 27)) is None
    assert overall(tracker, as_of=date(2022, 2, 28)) == "requires_improvement"
    # Ofsted's "as at 31 March" table: fieldwork started by D, published by K.
    assert overall(tracker, as_of=date(2025, 3, 31)) == "requires_improvement"
    assert overall(tracker, as_of=date(2025, 3, 31), known_on=date(2025, 6, 30)) == "good"
    # Fieldwork not yet started at D: not counted, however late K is.
    assert overall(tracker, as_of=date(2025, 3, 9), known_on=date(2025, 6, 30)) == (
        "requires_improvement"
    )
    assert overall(tracker, as_of=date(2025, 6, 1)) == "good"


def test_previous_rating_is_reported(tracker: Tracker) -> None:
    first, second = seed_two_inspections(tracker)
    answer = tracker.show("319", as_of=date(2025, 6, 1))
    assert answer["rating"]["event_id"] == second
    assert answer["previous_rating"]["event_id"] == first


def test_caseload_counts_by_as_at_and_publication(tracker: Tracker) -> None:
    dfe = {"publisher": "Department for Education", "title": "CSWW 2024"}
    tracker.add("Sutton", "workforce", {"as_at": "2024-09-30", "published_on": "2025-02-27",
                                        "caseload": 14.2, "source": dfe})
    loads = lambda **t: [c["value"] for c in tracker.show("Sutton", **t)["caseloads"]]  # noqa: E731
    assert loads(as_of=date(2024, 12, 1)) == []
    assert loads(as_of=date(2024, 12, 1), known_on=date(2025, 3, 1)) == [14.2]
    assert loads(as_of=date(2024, 9, 29), known_on=date(2025, 3, 1)) == []


def test_correction_seen_through_all_three_times(tracker: Tracker) -> None:
    _, second = seed_two_inspections(tracker)
    before_correction = datetime.now(tz=UTC)
    tracker.correct(second, {"overall": "outstanding", "published_on": "2025-06-10"}, "misread")
    # Recorded by T before the correction: the tracker showed the original.
    assert overall(tracker, as_of=date(2025, 6, 5), recorded_by=before_correction) == "good"
    # Now: corrected grade, and the corrected publication date moves when it counts.
    assert overall(tracker, as_of=date(2025, 6, 5)) == "requires_improvement"
    assert overall(tracker, as_of=date(2025, 6, 10)) == "outstanding"
    shown = tracker.show("Sutton", as_of=date(2025, 7, 1))
    event = next(e for e in shown["events"] if e["id"] == second)
    assert event["corrected_by"] == ["319-4"]


def test_retraction_seen_through_all_three_times(tracker: Tracker) -> None:
    first, second = seed_two_inspections(tracker)
    before_retraction = datetime.now(tz=UTC)
    tracker.retract(second, "belongs to another council")
    assert overall(tracker, as_of=date(2025, 6, 1), recorded_by=before_retraction) == "good"
    answer = tracker.show("Sutton", as_of=date(2025, 6, 1))
    assert answer["rating"]["event_id"] == first
    assert [e["id"] for e in answer["events"]] == [first]
    assert [e["id"] for e in answer["retracted"]] == [second]
    # Before anything was recorded, the tracker knew nothing.
    assert overall(tracker, recorded_by=datetime(2020, 1, 1, tzinfo=UTC)) is None
    log = tracker.log("Sutton")
    assert [e["type"] for e in log] == ["opened", "inspection", "inspection", "retraction"]


def test_councils_lists_every_current_council(tracker: Tracker) -> None:
    seed_two_inspections(tracker)
    rows = tracker.councils(as_of=date(2025, 6, 1))
    assert len(rows) == 153
    sutton = next(r for r in rows if r["council"]["la_code"] == "319")
    assert sutton["rating"]["overall"] == "good"
    london = tracker.councils(region="London")
    assert {r["council"]["region"] for r in london} == {"London"}
    assert len(london) == 33
