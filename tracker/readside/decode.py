"""Decode stored rows into plain values, faster than the library's mapper but never wrong.

The fast path parses the stored JSON with orjson and reads the one custom value the
library writes for our events: the ``timestamp`` ({"_type_": "datetime_iso", ...}).
A row takes the library's own path (``mapper.to_domain_event``, which applies
upcasters) whenever the fast path could differ: a row stored by an older version of its
event class (``class_version``), a state holding any other transcoded value, or a mapper
that compresses or encrypts. Stored events are never written differently, so the stock library reads them.
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
from tracker.readside.rows import whole_seconds
from tracker.readside.shape_checks import Compiled, Shape, opening_problem, shapes
from tracker.recorded_time import READABLE_TEXT, readable_problem

COUNCIL = "events.council:"
BENCHMARK = "events.benchmark:"
DAMAGED = "damaged"  # the kind of a row that cannot be read (its data says why)
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
def route(topic: str) -> tuple[str, int, Shape | None]:
    """The topic's word, its class's version (0: the class cannot be resolved here, so
    only the library reads it), and its class's shape (None: not a class the read side knows)."""
    return kind_of(topic), class_version(topic), shapes().get(topic)


@lru_cache(maxsize=256)
def class_version(topic: str) -> int:
    """The version the topic's class writes today; a row stored with an older one is upcast
    by the library. 0 when the class cannot be resolved (let the library say why)."""
    try:
        cls = resolve_topic(topic)
    except Exception:  # a class that no longer exists
        return 0
    return int(getattr(cls, "class_version", 1))


def damaged(position: int, originator: str, version: int, topic: str, problem: str) -> Decoded:
    """A stored event the read side cannot read: kept aside, named, never folded."""
    return Decoded(position, originator, version, topic, DAMAGED, {"problem": problem}, "")


class RowDecoder:
    """Turns stored rows into :class:`Decoded`, choosing the fast path when it is exact.

    Each row is checked (shape_checks.py): every field of its class when ``full`` (events read
    back to be shown, exported or verified), else the fields the index folds (a rebuild)."""

    def __init__(self, mapper: Mapper[Any], full: bool = False) -> None:
        self.mapper = mapper
        self.full = full
        self.plain = mapper.cipher is None and mapper.compressor is None
        self.fast_rows = 0
        self.library_rows = 0
        self._routes: dict[str, tuple[str, int, Compiled | None, Shape | None]] = {}

    def _route(self, topic: str) -> tuple[str, int, Compiled | None, Shape | None]:
        """The topic's word, its class's version, this decoder's check, its shape."""
        found = self._routes.get(topic)
        if found is None:
            kind, current, shape = route(topic)
            check = None if shape is None else shape.check if self.full else shape.fold_check
            found = self._routes[topic] = (kind, current, check, shape)
        return found

    def decode(self, rows: Iterable[Row]) -> Iterator[Decoded]:
        """Every row, decoded; a row that is not a sound event of a class the read side
        knows comes out as ``damaged`` (kind DAMAGED, its problem in ``data``). The hot
        path of a rebuild: the checks are one call and a few comparisons per row."""
        loads = orjson.loads
        new = tuple.__new__
        plain = self.plain
        low, high = READABLE_TEXT
        routes = self._routes
        fast = 0
        data: Any
        stamp: Any
        for position, originator, version, topic, state in rows:
            kind, current, check, shape = routes.get(topic) or self._route(topic)
            try:
                if current and plain and state.count(_TYPE_MARK) == 1:
                    data = loads(state)
                    if current > 1 and data.pop("class_version", 1) != current:  # an older class's
                        data, stamp = self._by_library(position, originator, version, topic, state)[5:7]
                    else:
                        stamp = data.pop("timestamp")["_data_"]
                        if "originator_topic" in data:
                            del data["originator_topic"]
                        if len(stamp) != 32 or stamp[26:] != "+00:00":  # what the library writes for UTC
                            stamp = _recorded(stamp)
                        fast += 1
                elif check is None:
                    data = stamp = None  # an unknown event type: never decoded
                else:
                    data, stamp = self._by_library(position, originator, version, topic, state)[5:7]
                # sound fields, and a recorded time the folds can read (micros, whole_seconds)
                if check is not None and check(data) is None and low <= stamp < high \
                        and stamp[20:26].isdecimal() and whole_seconds(stamp[:19]) >= 0 and kind != "opened":
                    yield new(Decoded, (position, originator, version, topic, kind, data, stamp))
                    continue
                problem = _problem(topic, originator, shape, data, stamp)
            except Exception as error:  # any failure to read the row is the finding
                problem = f"cannot decode {topic}: {_plain(error)}"
            if problem is None:  # an opening, sound
                yield new(Decoded, (position, originator, version, topic, kind, data, stamp))
            else:
                yield damaged(position, originator, version, topic, problem)
        self.fast_rows += fast

    def _by_library(self, position: int, originator: str, version: int, topic: str, state: bytes) -> Decoded:
        self.library_rows += 1
        stored = StoredEvent(originator_id=UUID(hex=originator), originator_version=version, topic=topic,
                             state=state)
        event = self.mapper.to_domain_event(stored)
        data = {k: v for k, v in event.__dict__.items() if k not in _ENVELOPE}
        stamp = recorded_text(event.timestamp)  # type: ignore[attr-defined]
        return Decoded(position, originator, version, topic, kind_of(topic), data, stamp)


def _problem(topic: str, originator: str, shape: Shape | None, data: Any, stamp: Any) -> str | None:
    """What is wrong with a row the fast checks did not pass (None: an opening, sound)."""
    if shape is None:
        return f"unknown event type {topic!r}"
    problem = shape.problem(data) or readable_problem(stamp)
    if problem is None and not (stamp[20:26].isdecimal() and whole_seconds(stamp[:19]) >= 0):
        problem = f"recorded at {stamp!r}: not a time"
    return problem or opening_problem(topic, originator, data)


def _plain(error: BaseException) -> str:
    """An exception as one short line (its words, or its class when it has none)."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:200]
