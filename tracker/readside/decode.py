"""Decode stored rows into plain values, faster than the library's mapper but never wrong.

The fast path parses the stored JSON with orjson and reads the one custom value the
library writes for our events: the ``timestamp`` ({"_type_": "datetime_iso", ...}).
A row takes the library's own path (``mapper.to_domain_event``, which applies
upcasters) whenever the fast path could differ: an event class with ``class_version``
above 1, a state holding any other transcoded value, or a mapper that compresses or
encrypts. Stored events are never written differently, so the stock library reads them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, NamedTuple
from uuid import UUID

import orjson
from eventsourcing.persistence import Mapper, StoredEvent
from eventsourcing.utils import resolve_topic

from tracker.readside.logged import TYPE_OF_CLASS

COUNCIL = "events.council:"
BENCHMARK = "events.benchmark:"
_TYPE_MARK = b'"_type_"'
_ENVELOPE = frozenset({"originator_id", "originator_version", "timestamp", "originator_topic"})

# (position, originator id as 32 hex digits, version, topic, state)
Row = tuple[int, str, int, str, bytes]


class Decoded(NamedTuple):
    """One stored event as plain values: what the folds read."""

    position: int
    originator: str  # uuid hex
    version: int
    topic: str
    kind: str  # the read side's word: 'opened', 'inspection', ..., 'figure'
    data: dict[str, Any]
    recorded: str  # the library timestamp as fixed-width UTC ISO text: sorts like time

    @property
    def recorded_at(self) -> datetime:
        return datetime.fromisoformat(self.recorded)


def recorded_text(moment: datetime) -> str:
    """A timestamp as 'YYYY-MM-DDTHH:MM:SS.ffffff+00:00', so text order is time order."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _recorded(iso: str) -> str:
    """The library writes datetime.isoformat(); normalise only what is not already UTC micros."""
    if len(iso) == 32 and iso.endswith("+00:00"):
        return iso
    return recorded_text(datetime.fromisoformat(iso))


@lru_cache(maxsize=256)
def kind_of(topic: str) -> str:
    """The read side's word for a topic; unknown classes keep their class name."""
    name = topic.rsplit(".", 1)[-1].rsplit(":", 1)[-1]
    if topic.startswith(BENCHMARK):
        return "opened" if name == "Opened" else "figure"
    return TYPE_OF_CLASS.get(name, name)


@lru_cache(maxsize=256)
def route(topic: str) -> tuple[str, bool]:
    """The topic's word and whether the fast path reads it exactly."""
    return kind_of(topic), not needs_library(topic)


@lru_cache(maxsize=256)
def needs_library(topic: str) -> bool:
    """True when the topic's class may be upcast (or cannot be resolved here)."""
    try:
        cls = resolve_topic(topic)
    except Exception:  # a class that no longer exists: let the library say so
        return True
    return getattr(cls, "class_version", 1) > 1


class RowDecoder:
    """Turns stored rows into :class:`Decoded`, choosing the fast path when it is exact."""

    def __init__(self, mapper: Mapper[Any]) -> None:
        self.mapper = mapper
        self.plain = mapper.cipher is None and mapper.compressor is None
        self.fast_rows = 0
        self.library_rows = 0

    def decode(self, rows: Iterable[Row],
               prefixes: tuple[str, ...] = (COUNCIL, BENCHMARK)) -> Iterator[Decoded]:
        loads = orjson.loads
        new = tuple.__new__
        plain = self.plain
        fast = 0
        for position, originator, version, topic, state in rows:
            if not topic.startswith(prefixes):
                continue
            kind, exact = route(topic)
            if exact and plain and state.count(_TYPE_MARK) == 1:
                data = loads(state)
                stamp = data.pop("timestamp")["_data_"]
                if "originator_topic" in data:
                    del data["originator_topic"]
                fast += 1
                if len(stamp) != 32 or stamp[26:] != "+00:00":  # what the library writes for UTC
                    stamp = _recorded(stamp)
                yield new(Decoded, (position, originator, version, topic, kind, data, stamp))
            else:
                yield self._by_library(position, originator, version, topic, state)
        self.fast_rows += fast

    def _by_library(self, position: int, originator: str, version: int, topic: str, state: bytes) -> Decoded:
        self.library_rows += 1
        stored = StoredEvent(originator_id=UUID(hex=originator), originator_version=version, topic=topic,
                             state=state)
        event = self.mapper.to_domain_event(stored)
        data = {k: v for k, v in event.__dict__.items() if k not in _ENVELOPE}
        stamp = recorded_text(event.timestamp)  # type: ignore[attr-defined]
        return Decoded(position, originator, version, topic, kind_of(topic), data, stamp)
