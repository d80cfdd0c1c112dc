"""National and regional workforce figures: the lines a council's caseload is read against.

They are not councils, so they get their own aggregate and streams, one per
geography (the ONS code of England or of a region), addressed without a lookup.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from events.council import NAMESPACE, WorkforceFigures, natural_key
from events.errors import DuplicateEvent, InvalidField
from events.validation import validate_fact
from events.vocabulary import Kind

LEVELS = ("national", "regional")


def benchmark_id(geo_code: str) -> UUID:
    return uuid5(NAMESPACE, f"benchmark:{geo_code}")


class Cited(Aggregate.Event):
    """What a benchmark figure says of itself: when it stood, where it was published. A base of
    its own so that the figures (WorkforceFigures) follow it, as they always have been stored."""

    occurred_on: str
    published_on: str | None
    source: dict[str, str]
    summary: str | None
    note: str | None


class Benchmark(Aggregate):
    """Workforce figures for England or one region, as the DfE publishes them."""

    class Opened(Aggregate.Created):
        geo_code: str
        name: str
        level: str

    class FigureRecorded(WorkforceFigures, Cited):
        """Same fields as a council's workforce event (minus joint returns)."""

        def apply(self, aggregate: Benchmark) -> None:  # type: ignore[override]
            fields = {
                k: v
                for k, v in self.__dict__.items()
                if k not in ("originator_id", "originator_version", "timestamp")
            }
            aggregate.keys[natural_key(Kind.WORKFORCE.value, fields)] = self.originator_version

    def __init__(self, geo_code: str, name: str, level: str) -> None:
        if level not in LEVELS:
            raise InvalidField("level", f"{level!r} is not one of {', '.join(LEVELS)}")
        self.geo_code = geo_code
        self.name = name
        self.level = level
        self.keys: dict[str, int] = {}

    @classmethod
    def open(cls, geo_code: str, name: str, level: str, timestamp: datetime | None = None) -> Benchmark:
        """``timestamp``: when an exported stream was first recorded (None: now)."""
        return cls._create(
            cls.Opened, id=benchmark_id(geo_code), geo_code=geo_code, name=name, level=level,
            timestamp=timestamp,
        )

    def record(self, raw: dict[str, Any], today: date, timestamp: datetime | None = None) -> int:
        fields = validate_fact(Kind.WORKFORCE, raw, today)
        existing = self.keys.get(natural_key(Kind.WORKFORCE.value, fields))
        if existing is not None:
            raise DuplicateEvent(existing)
        self.trigger_event(self.FigureRecorded, timestamp=timestamp, **fields)
        return self.version
