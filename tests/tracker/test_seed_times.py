"""For each seed council and each of its judgements: as of, known on and recorded
by, before and after — the judgement counts exactly when all three allow it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from events.dates import PartialDate
from events.timing import happened_on, known_from, source_date
from tracker.seeding import load_seeds
from tracker.service import Tracker

SEED_COUNCILS = ["Warwickshire", "Newcastle upon Tyne", "Sutton", "Swindon", "Cambridgeshire",
                 "Staffordshire"]
OTHER = {"outstanding": "good", "good": "outstanding", "requires_improvement": "inadequate",
         "inadequate": "requires_improvement"}


def counts(answer: dict[str, Any], event_id: str) -> bool:
    """The judgement counts: it is among the facts that count, and the rating is the last
    judgement of those (it, or one that happened after it)."""
    judged = [e["id"] for e in answer["events"] if e["kind"] == "inspection"]
    return event_id in judged and answer["rating"]["event_id"] == judged[-1]


@pytest.mark.parametrize("council", SEED_COUNCILS)
def test_each_judgement_through_the_three_times(council: str, tracker: Tracker) -> None:
    before_seeding = datetime.now(tz=UTC)
    load_seeds(tracker)
    seeded = datetime.now(tz=UTC)
    inspections = [e for e in tracker.show(council)["events"] if e["kind"] == "inspection"]
    assert inspections, f"{council} has no seeded inspection"
    for inspection in inspections:
        fields = inspection["fields"]
        started = PartialDate.parse(fields["occurred_on"])
        happened = happened_on(fields["occurred_on"], fields.get("published_on"))
        public = known_from(fields.get("published_on"), fields.get("fieldwork_end"), fields["occurred_on"],
                            source_date(fields.get("source")))
        counts_from = max(happened, public)
        answer = tracker.show(council, as_of=counts_from)
        assert counts(answer, inspection["id"])
        if answer["rating"]["event_id"] == inspection["id"]:
            assert answer["rating"]["overall"] == fields["overall"]
        # Before fieldwork began it does not count, whatever was known later.
        earlier = tracker.show(council, as_of=started.start() - timedelta(days=1),
                               known_on=counts_from)["rating"]
        assert earlier is None or earlier["event_id"] != inspection["id"]
        # Fieldwork begun but the report not yet public: not with K = D.
        if public > happened:
            unpublished = tracker.show(council, as_of=happened)["rating"]
            assert unpublished is None or unpublished["event_id"] != inspection["id"]
            assert counts(tracker.show(council, as_of=happened, known_on=public), inspection["id"])
        # Recorded by: nothing before the seeds were loaded, the judgement after.
        assert tracker.show(council, as_of=counts_from, recorded_by=before_seeding)["rating"] is None
        assert tracker.show(council, as_of=counts_from, recorded_by=seeded) == answer | {
            "recorded_by": seeded.isoformat()}


@pytest.mark.parametrize("council", SEED_COUNCILS)
def test_a_correction_of_the_latest_judgement_through_recorded_by(council: str,
                                                                  tracker: Tracker) -> None:
    load_seeds(tracker)
    latest = tracker.show(council)["rating"]
    corrected_to = OTHER[latest["overall"]]
    before = datetime.now(tz=UTC)
    tracker.correct(latest["event_id"], {"overall": corrected_to}, "test correction")
    assert tracker.show(council, recorded_by=before)["rating"]["overall"] == latest["overall"]
    assert tracker.show(council)["rating"]["overall"] == corrected_to
    tracker.retract(latest["event_id"], "test retraction")
    assert tracker.show(council)["rating"] is None or (
        tracker.show(council)["rating"]["event_id"] != latest["event_id"]
    )
    assert tracker.show(council, recorded_by=before)["rating"]["event_id"] == latest["event_id"]
