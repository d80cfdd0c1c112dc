"""The fast decoder reads exactly what the library's mapper reads, and hands the library
every row it could get wrong (upcasts)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

import orjson
from eventsourcing.persistence import StoredEvent

from tracker.readside.decode import RowDecoder, recorded_text
from tracker.readside.row_source import RowSource
from tracker.service import Tracker

ENVELOPE = {"originator_id", "originator_version", "timestamp", "originator_topic"}
Maker = Callable[..., dict[str, Any]]


def _history(tracker: Tracker, inspection: Maker, workforce: Maker,
             add_benchmark: Callable[..., None]) -> None:
    first = tracker.add("Sutton", "inspection", inspection("2021-11-01", "2022-02-01", "inadequate"))
    tracker.add("Sutton", "workforce", workforce("2024-09-30", 18.0))
    tracker.correct(first, {"overall": "requires improvement"}, "misread")
    tracker.retract(first, "wrong council")
    add_benchmark("E92000001", "England", "national", {"2024-09-30": 16.0})


def test_fast_rows_equal_the_mappers_events(tracker: Tracker, inspection: Maker, workforce: Maker,
                                            add_benchmark: Callable[..., None]) -> None:
    _history(tracker, inspection, workforce, add_benchmark)
    source = RowSource(tracker.app)
    rows = [r for batch in source.batches(0) for r in batch]
    decoder = RowDecoder(tracker.app.mapper)
    decoded = list(decoder.decode(rows))
    assert decoder.fast_rows == 7 and decoder.library_rows == 0 and len(decoded) == len(rows) == 7
    for row, event in zip(rows, decoded, strict=True):
        _, originator, version, topic, state = row
        stored = StoredEvent(originator_id=UUID(hex=originator), originator_version=version, topic=topic,
                             state=state)
        by_library = tracker.app.mapper.to_domain_event(stored)
        assert (event.position, event.originator, event.version, event.topic) == row[:4]
        assert event.data == {k: v for k, v in by_library.__dict__.items() if k not in ENVELOPE}, topic
        assert event.recorded == recorded_text(by_library.timestamp)  # type: ignore[attr-defined]
        assert recorded_text(event.recorded_at) == event.recorded


def test_a_version_one_correction_is_upcast_by_the_library(
    tracker: Tracker, inspection: Maker, workforce: Maker, add_benchmark: Callable[..., None]
) -> None:
    _history(tracker, inspection, workforce, add_benchmark)
    rows = [r for batch in RowSource(tracker.app).batches(0) for r in batch]
    correction = next(r for r in rows if r[3].endswith("Corrected"))
    state = orjson.loads(correction[4])
    state.pop("previous", None)
    state.pop("class_version", None)  # as stored before Corrected had a version 2
    old = (*correction[:4], orjson.dumps(state))
    decoder = RowDecoder(tracker.app.mapper)
    (event,) = decoder.decode([old])
    assert decoder.library_rows == 1 and decoder.fast_rows == 0
    assert event.data["previous"] is None and event.data["changes"] == {"overall": "requires_improvement"}


def test_a_version_two_correction_is_upcast_by_the_library(
    tracker: Tracker, inspection: Maker, workforce: Maker, add_benchmark: Callable[..., None]
) -> None:
    """Stored by Corrected's version 2 (no resulting key): the fast path, which reads only rows
    stored by the class as it is today, leaves it to the library's upcasters."""
    _history(tracker, inspection, workforce, add_benchmark)
    rows = [r for batch in RowSource(tracker.app).batches(0) for r in batch]
    correction = next(r for r in rows if r[3].endswith("Corrected"))
    state = orjson.loads(correction[4])
    assert state.pop("key") and state["class_version"] == 3
    state["class_version"] = 2
    decoder = RowDecoder(tracker.app.mapper)
    (event,) = decoder.decode([(*correction[:4], orjson.dumps(state))])
    assert decoder.library_rows == 1 and decoder.fast_rows == 0
    assert event.data["key"] is None and event.data["changes"] == {"overall": "requires_improvement"}


def test_the_generic_path_reads_what_the_sqlite_path_reads(
    tracker: Tracker, inspection: Maker, workforce: Maker, add_benchmark: Callable[..., None]
) -> None:
    _history(tracker, inspection, workforce, add_benchmark)
    fast = RowSource(tracker.app)
    generic = RowSource(tracker.app)
    generic.path = None  # what PostgreSQL and in-memory SQLite use
    assert fast.max_position() == generic.max_position() == 7
    assert [list(b) for b in fast.batches(2, batch=3)] == [list(b) for b in generic.batches(2, batch=3)]
    index = tracker.read_model.ready()
    tracker.refresh()
    council = index.councils["319"]
    assert fast.stream(council.originator, list(council.positions)) == \
        generic.stream(council.originator, list(council.positions))
