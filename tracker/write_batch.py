"""The aggregates one command or import touches, each loaded once, and the fields of the
facts it added or changed: what every write path shares.

The Council aggregate keeps no fields (events/council.py), so a write that needs a fact
whole reads it here: the batch's own version when the batch added or changed it (not
stored yet), else the store's (tracker/stored_facts.py). Likely-duplicate candidates come
from the read side (tracker/readside/candidates.py), with the batch's own facts over them:
a published file may list one inspection on several sheets.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from eventsourcing.application import AggregateNotFoundError

from events.benchmark import Benchmark, benchmark_id
from events.council import Council
from events.errors import DomainError
from events.matching import find_match
from events.vocabulary import Kind
from tracker.errors import UserError
from tracker.readside.candidates import NotCaughtUp, candidates
from tracker.stored_facts import current_fields, unkeyed_keys
from tracker.writer import Writer

_ENVELOPE = frozenset({"originator_id", "originator_version", "timestamp"})


class WriteBatch:
    """One attempt of one write: load, check, trigger; the caller saves ``aggregates()``."""

    def __init__(self, tracker: Writer) -> None:
        self.tracker = tracker
        self.councils: dict[str, Council] = {}
        self.benchmarks: dict[str, Benchmark] = {}
        self.own: dict[tuple[str, int], dict[str, Any]] = {}  # facts this batch added or changed
        self._also: dict[str, dict[str, int]] = {}

    # ---- loading ---------------------------------------------------------------------
    def council(self, la_code: str, opened_at: datetime | None = None) -> Council:
        """Loaded once; a new stream opened by an exported event keeps its time."""
        if la_code not in self.councils:
            self.councils[la_code] = self.tracker.load(la_code, opened_at)
        return self.councils[la_code]

    def benchmark(self, code: str, name: str | None, level: str | None,
                  opened_at: datetime | None = None) -> Benchmark:
        """England's or a region's stream, loaded once (opened if new: it needs a name and level)."""
        if code not in self.benchmarks:
            try:
                found: Benchmark = self.tracker.app.repository.get(benchmark_id(code))
            except AggregateNotFoundError:
                if not name or not level:
                    raise DomainError(f"benchmark {code}: give benchmark_name and level") from None
                found = Benchmark.open(code, name, level, timestamp=opened_at)
            if not isinstance(found, Benchmark):
                raise DomainError(f"benchmark {code}: its stream does not hold a benchmark")
            self.benchmarks[code] = found
        return self.benchmarks[code]

    def aggregates(self) -> list[Any]:
        return [*self.councils.values(), *self.benchmarks.values()]

    # ---- reading facts -----------------------------------------------------------------
    def fields(self, council: Council, position: int) -> dict[str, Any]:
        """A fact's fields as they stand, this batch's changes included."""
        own = self.own.get((council.la_code, position))
        if own is not None:
            return dict(own)
        return current_fields(self.tracker.app, council, position)

    def also(self, council: Council) -> dict[str, int]:
        """Current keys of facts an old correction left unkeyed (old stores only)."""
        if council.la_code not in self._also:
            self._also[council.la_code] = unkeyed_keys(self.tracker.app, council) \
                if council.unkeyed_facts() else {}
        return self._also[council.la_code]

    def find(
        self, council: Council, kind: Kind, raw: dict[str, Any], position: int | None = None
    ) -> int | None:
        return council.find(kind, raw, self.tracker.today, position, also=self.also(council))

    def match(self, council: Council, kind: Kind, fields: dict[str, Any]) -> int | None:
        """The live fact of this council and kind that ``fields`` most likely describe."""
        positions = council.live_facts(kind)
        stored = [p for p in positions if (council.la_code, p) not in self.own]
        stored_version = council.version - len(council.pending_events)
        try:
            found = candidates(self.tracker.read_model, council.la_code, stored, stored_version)
        except NotCaughtUp as error:
            raise UserError(f"{error}; nothing was written, try again") from None
        for position in positions:
            own = self.own.get((council.la_code, position))
            if own is not None:
                found[position] = own
        return find_match(dict(sorted(found.items())), kind, fields)

    # ---- writing -------------------------------------------------------------------------
    def record(self, council: Council, kind: Kind, raw: dict[str, Any], today: date,
               timestamp: datetime | None = None, restoring: bool = False) -> int:
        version = council.record(kind, raw, today, timestamp, restoring, also=self.also(council))
        event = council.pending_events[-1]
        self.own[(council.la_code, version)] = {k: v for k, v in event.__dict__.items() if k not in _ENVELOPE}
        return version

    def correct(self, council: Council, target: int, changes: dict[str, Any], reason: str, today: date,
                source: dict[str, Any] | None = None, timestamp: datetime | None = None) -> int:
        council.fact(target)  # unknown or retracted: refused before anything is read
        current = self.fields(council, target)
        version = council.correct(target, changes, reason, today, source, timestamp, current=current)
        event = council.pending_events[-1]
        assert isinstance(event, Council.Corrected)
        self.own[(council.la_code, target)] = {**current, **event.changes}
        self._also.pop(council.la_code, None)
        return version
