"""The Council aggregate's invariants: no duplicates, corrections validated whole,
nothing corrected or retracted twice, unknown targets refused; and a thin state (no
fact's fields) that snapshots and replays to the same thing."""

import json
import time
from typing import Any

import pytest

from events.council import Council, Status, council_id
from events.errors import DuplicateEvent, EventRetractedError, InvalidField, UnknownEvent
from events.vocabulary import Kind
from tests.conftest import TODAY

SOURCE = {"publisher": "Ofsted", "title": "Inspection report"}
INSPECTION = {"fieldwork_start": "2019-01-07", "published_on": "2019-02-19",
              "framework": "ilacs_standard", "overall": "requires improvement", "source": SOURCE}
_ENVELOPE = ("originator_id", "originator_version", "timestamp")


def recorded() -> tuple[Council, int]:
    council = Council.open("873")
    return council, council.record(Kind.INSPECTION, INSPECTION, TODAY)


def fields_of(council: Council, position: int) -> dict[str, Any]:
    """What the application reads back from the store: the fact's event, then its corrections."""
    events = {e.originator_version: e for e in council.pending_events}
    fields = {k: v for k, v in events[position].__dict__.items() if k not in _ENVELOPE}
    for correction in council.corrections_of(position):
        fields.update(events[correction].changes)  # type: ignore[attr-defined]
    return fields


def correct(council: Council, target: int, changes: dict[str, Any], reason: str = "misread") -> int:
    return council.correct(target, changes, reason, TODAY, current=fields_of(council, target))


def replayed(council: Council) -> Council:
    aggregate: Any = None
    for event in council.pending_events:
        aggregate = event.mutate(aggregate)
    assert isinstance(aggregate, Council)
    return aggregate


def test_stream_is_keyed_by_la_number() -> None:
    council, version = recorded()
    assert council.id == council_id("873")
    assert version == 2  # position 1 is the stream's Opened event
    assert council.pending_events[-1].overall == "requires_improvement"  # type: ignore[attr-defined]
    assert council.kind_of(2) is Kind.INSPECTION and council.kind_of(1) is None
    assert council.status_of(2) is Status.LIVE and council.status_of(1) is Status.NONE


def test_the_same_fact_twice_is_refused() -> None:
    council, version = recorded()
    with pytest.raises(DuplicateEvent) as caught:
        council.record(Kind.INSPECTION, {**INSPECTION, "summary": "reworded"}, TODAY)
    assert caught.value.version == version == caught.value.position


def test_correction_is_validated_against_the_whole_fact() -> None:
    council, version = recorded()
    with pytest.raises(InvalidField) as caught:
        correct(council, version, {"published_on": "2018-12-01"}, "typo")
    assert caught.value.field == "published_on"
    with pytest.raises(InvalidField, match="reason"):
        correct(council, version, {"overall": "good"}, " ")
    with pytest.raises(InvalidField, match="changes nothing"):
        correct(council, version, {"overall": "Requires improvement to be good"}, "same")


def test_a_correction_must_be_given_the_facts_current_fields() -> None:
    council, version = recorded()
    stale = fields_of(council, version)
    correct(council, version, {"overall": "good"})
    with pytest.raises(ValueError, match="current"):
        council.correct(version, {"care_leavers": "good"}, "added", TODAY, current=stale)


def test_correction_changes_state_but_keeps_the_original_event() -> None:
    council, version = recorded()
    correct(council, version, {"overall": "good"})
    events = council.collect_events()
    assert [type(e).__name__ for e in events] == ["Opened", "InspectionRecorded", "Corrected"]
    assert events[1].overall == "requires_improvement"  # type: ignore[attr-defined]
    assert events[2].changes == {"overall": "good"}  # type: ignore[attr-defined]
    assert council.status_of(version) is Status.CORRECTED and council.corrections_of(version) == [3]
    with pytest.raises(DuplicateEvent) as caught:  # the corrected fields are now the fact's own
        council.record(Kind.INSPECTION, {**INSPECTION, "overall": "good"}, TODAY)
    assert caught.value.position == version
    # the fields it was first recorded with are free again for a new fact
    assert council.record(Kind.INSPECTION, INSPECTION, TODAY) == 4


def test_retracted_fact_cannot_be_corrected_or_retracted_again() -> None:
    council, version = recorded()
    current = fields_of(council, version)
    council.retract(version, "wrong council")
    with pytest.raises(EventRetractedError):
        council.correct(version, {"overall": "good"}, "x", TODAY, current=current)
    with pytest.raises(EventRetractedError):
        council.retract(version, "again")
    assert council.status_of(version) is Status.RETRACTED
    assert council.live_facts(Kind.INSPECTION) == []
    assert council.find(Kind.INSPECTION, INSPECTION, TODAY) == version  # found by its first fields
    assert council.record(Kind.INSPECTION, INSPECTION, TODAY) == 4  # recorded again, in a new place


def test_unknown_or_non_fact_targets_are_refused() -> None:
    council, _ = recorded()
    with pytest.raises(UnknownEvent):
        council.retract(9, "no such event")
    with pytest.raises(UnknownEvent):
        council.retract(1, "the Opened event is not a fact")


def test_find_matches_by_first_recorded_fields_for_idempotent_imports() -> None:
    council, version = recorded()
    exported = fields_of(council, version)  # an exported event carries its canonical fields
    correct(council, version, {"overall": "good"})
    assert council.find(Kind.INSPECTION, INSPECTION, TODAY) == version
    assert council.find(Kind.INSPECTION, {**INSPECTION, "overall": "good"}, TODAY) == version
    assert council.find(Kind.INSPECTION, exported, TODAY, position=version) == version
    assert council.find(Kind.INSPECTION, exported, TODAY, position=3) is None


def test_a_correction_may_use_the_kinds_date_alias() -> None:
    council, version = recorded()
    correct(council, version, {"fieldwork_start": "2019-01-08"}, "fieldwork began a day later")
    assert council.pending_events[-1].changes == {"occurred_on": "2019-01-08"}  # type: ignore[attr-defined]
    assert fields_of(council, version)["occurred_on"] == "2019-01-08"


def test_live_facts_of_a_kind_in_stream_order() -> None:
    council, first = recorded()
    visit = council.record(Kind.FOCUSED_VISIT, {"occurred_on": "2020-02-03", "source": SOURCE,
                                                 "theme": "front door", "findings": [],
                                                 "areas_to_improve": []}, TODAY)
    second = council.record(Kind.INSPECTION, {**INSPECTION, "fieldwork_start": "2022-05-09",
                                              "published_on": "2022-06-20"}, TODAY)
    council.retract(first, "wrong council")
    assert council.live_facts(Kind.INSPECTION) == [second]
    assert council.live_facts(Kind.FOCUSED_VISIT) == [visit]


def many(count: int) -> Council:
    council = Council.open("873")
    for n in range(count):
        council.record(Kind.INITIATIVE, {"occurred_on": "2020-01-01", "source": SOURCE,
                                         "name": f"Family hubs {n}", "description": "a long description " * 5,
                                         "funded_by": "DfE"}, TODAY)
    return council


def test_snapshot_state_holds_no_fields_and_replays_to_the_same_state() -> None:
    council = many(50)
    correct(council, 10, {"funded_by": "the council"})
    council.retract(20, "withdrawn")
    state = Council.Snapshot.take(council).state
    own = {name: value for name, value in state.items()
           if not name.startswith("_") and name != "class_version"}
    assert set(own) == {"la_code", "kinds", "status", "keys", "first", "fixes", "unkeyed"}
    assert all(isinstance(value, str) for value in own.values())
    assert state["class_version"] == 3
    text = json.dumps(state, default=str)
    assert "long description" not in text and "Family hubs" not in text
    restored = Council.Snapshot.take(council).mutate(None)
    assert isinstance(restored, Council)
    assert restored.state() == council.state() == replayed(council).state()
    with pytest.raises(DuplicateEvent):  # the restored aggregate still knows the corrected key
        restored.record(Kind.INITIATIVE, {**fields_of(council, 10)}, TODAY)


def test_a_big_councils_snapshot_decodes_in_about_a_millisecond() -> None:
    council = many(6_500)
    text = json.dumps(Council.Snapshot.take(council).state, default=str)
    assert len(text) < 6_500 * 11  # kind, status and an eight-character key per fact
    started = time.perf_counter()
    for _ in range(10):
        json.loads(text)
    assert (time.perf_counter() - started) / 10 < 0.005


def test_a_version_2_snapshot_with_packed_keys_is_stale_and_replays() -> None:
    """Version 2 packed whole keys as ``,key:position,``; a load from one must not read them
    as fixed-width keys, so it is marked stale and the application replays the stream."""
    council = many(3)
    snapshot = Council.Snapshot.take(council)
    old = {**snapshot.state, "class_version": 2, "keys": ",c26d5edf98e70337d79e:2,0586bf9b02a2c3fe52c0:3,"}
    type(council).upcast_v2_v3(old)
    assert old["stale"] and old["keys"] == "." * 8
    fresh = replayed(council)
    assert not fresh.is_stale and fresh.state() == council.state()


def test_keys_are_found_only_at_the_start_of_their_slot() -> None:
    """A key that happens to straddle two neighbouring slots is no fact's key."""
    council = many(2)
    both = council.keys[8:24]  # positions 2 and 3
    straddling = both[4:12]
    assert council.holder_of(straddling) is None
    assert council.holder_of(both[:8]) == 2 and council.holder_of(both[8:]) == 3
