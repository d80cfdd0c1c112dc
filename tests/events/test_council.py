"""The Council aggregate's invariants: no duplicates, corrections validated whole,
nothing corrected or retracted twice, unknown targets refused."""

import pytest

from events.council import Council, council_id
from events.errors import DuplicateEvent, EventRetractedError, InvalidField, UnknownEvent
from events.vocabulary import Kind
from tests.conftest import TODAY

SOURCE = {"publisher": "Ofsted", "title": "Inspection report"}
INSPECTION = {"fieldwork_start": "2019-01-07", "published_on": "2019-02-19",
              "framework": "ilacs_standard", "overall": "requires improvement", "source": SOURCE}


def recorded() -> tuple[Council, int]:
    council = Council.open("873")
    return council, council.record(Kind.INSPECTION, INSPECTION, TODAY)


def test_stream_is_keyed_by_la_number() -> None:
    council, version = recorded()
    assert council.id == council_id("873")
    assert version == 2  # position 1 is the stream's Opened event
    assert council.facts["2"]["fields"]["overall"] == "requires_improvement"


def test_the_same_fact_twice_is_refused() -> None:
    council, version = recorded()
    with pytest.raises(DuplicateEvent) as caught:
        council.record(Kind.INSPECTION, {**INSPECTION, "summary": "reworded"}, TODAY)
    assert caught.value.version == version


def test_correction_is_validated_against_the_whole_fact() -> None:
    council, version = recorded()
    with pytest.raises(InvalidField) as caught:
        council.correct(version, {"published_on": "2018-12-01"}, "typo", TODAY)
    assert caught.value.field == "published_on"
    with pytest.raises(InvalidField, match="reason"):
        council.correct(version, {"overall": "good"}, " ", TODAY)
    with pytest.raises(InvalidField, match="changes nothing"):
        council.correct(version, {"overall": "Requires improvement to be good"}, "same", TODAY)


def test_correction_changes_state_but_keeps_the_original_event() -> None:
    council, version = recorded()
    council.correct(version, {"overall": "good"}, "misread", TODAY)
    events = council.collect_events()
    assert [type(e).__name__ for e in events] == ["Opened", "InspectionRecorded", "Corrected"]
    assert events[1].overall == "requires_improvement"  # type: ignore[attr-defined]
    assert events[2].changes == {"overall": "good"}  # type: ignore[attr-defined]
    assert council.facts[str(version)]["fields"]["overall"] == "good"


def test_retracted_fact_cannot_be_corrected_or_retracted_again() -> None:
    council, version = recorded()
    council.retract(version, "wrong council")
    with pytest.raises(EventRetractedError):
        council.correct(version, {"overall": "good"}, "x", TODAY)
    with pytest.raises(EventRetractedError):
        council.retract(version, "again")


def test_unknown_or_non_fact_targets_are_refused() -> None:
    council, _ = recorded()
    with pytest.raises(UnknownEvent):
        council.retract(9, "no such event")
    with pytest.raises(UnknownEvent):
        council.retract(1, "the Opened event is not a fact")


def test_find_matches_by_first_recorded_fields_for_idempotent_imports() -> None:
    council, version = recorded()
    council.correct(version, {"overall": "good"}, "misread", TODAY)
    assert council.find(Kind.INSPECTION, INSPECTION, TODAY) == version
    assert council.find(Kind.INSPECTION, {**INSPECTION, "overall": "good"}, TODAY) == version


def test_a_correction_may_use_the_kinds_date_alias() -> None:
    council, version = recorded()
    council.correct(version, {"fieldwork_start": "2019-01-08"}, "fieldwork began a day later", TODAY)
    assert council.facts[str(version)]["fields"]["occurred_on"] == "2019-01-08"
