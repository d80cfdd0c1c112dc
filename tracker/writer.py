"""The write side's storage helpers: load a council, save aggregates in one transaction,
retry on conflicts and locks. The facade (tracker/service.py) and the importers share them,
so neither has to import the other."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import date, datetime
from typing import TypeVar

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError, OperationalError, ProgrammingError

from events.council import Council, council_id
from events.errors import UnknownEvent
from tracker.application import TrackerApplication, replay_council
from tracker.councils import by_la_code
from tracker.errors import ReadOnlyStore, UserError
from tracker.readside.live_model import LiveReadModel
from tracker.store import lock_timeout_seconds

T = TypeVar("T")
RETRIES = 200  # conflicts on one busy stream; each retry re-reads it first


class StoreLocked(UserError):
    """Another writer held the store's lock for longer than we wait."""


def is_lock_error(error: BaseException) -> bool:
    """SQLite's 'database is locked' / PostgreSQL's lock timeout."""
    text = str(error).lower()
    return "locked" in text or "lock timeout" in text or "could not obtain lock" in text


class DamagedStream(UserError):
    """A write needs a council's stream replayed, and one of its stored events is damaged."""


def _plain(error: BaseException) -> str:
    return (" ".join(str(error).split()) or type(error).__name__)[:200]


def is_disk_full(error: BaseException) -> bool:
    text = str(error).lower()
    return "disk is full" in text or "no space left" in text or "disk full" in text


class Writer:
    """A store's write side: what every command and import uses to load and save."""

    def __init__(self, app: TrackerApplication, today: date | None = None) -> None:
        self.app = app
        self._today = today
        self.retry_seconds: float | None = None  # None: three lock timeouts
        self.read_model = LiveReadModel(app)

    @property
    def today(self) -> date:
        return self._today or date.today()

    def load(self, la_code: str, opened_at: datetime | None = None) -> Council:
        """The council's aggregate, or a newly opened one if it has no stream yet. A stream
        that cannot be replayed (a damaged event) is a plain error: nothing is written to it."""
        try:
            aggregate: Council = self.app.repository.get(council_id(la_code))
        except AggregateNotFoundError:
            return Council.open(la_code, timestamp=opened_at)
        except (IntegrityError, OperationalError, ProgrammingError):
            raise
        except Exception as error:  # a stored event that does not decode or apply
            raise DamagedStream(
                f"council {la_code}'s stored events cannot be replayed ({_plain(error)}); "
                "nothing was written: run `tracker verify` to find the damaged event"
            ) from None
        if not isinstance(aggregate, Council):
            raise DamagedStream(f"council {la_code}'s stream does not hold a council; nothing was written")
        if aggregate.is_stale:  # an old snapshot, kept whole facts: replay the events instead
            aggregate = replay_council(self.app, council_id(la_code))
        return aggregate

    def existing(self, la_code: str, event_id: str) -> Council:
        try:
            by_la_code(la_code)
        except LookupError:
            raise UnknownEvent(f"{event_id}: no council has LA number {la_code}") from None
        aggregate = self.load(la_code)
        if not aggregate.has_facts():
            raise UnknownEvent(f"{event_id}: nothing is recorded for council {la_code}")
        return aggregate

    def save(self, *aggregates: Aggregate) -> None:
        """All the aggregates' new events in one transaction, or none of them."""
        try:
            self.app.save(*aggregates)
        except (ProgrammingError, OperationalError) as error:
            text = str(error).lower()
            if "permission denied" in text or "readonly" in text or "read-only" in text:
                raise ReadOnlyStore(
                    "this store is read-only for you: ask for an editor role to add events"
                ) from None
            if is_disk_full(error):
                raise UserError(
                    "the store's disk is full: nothing was written; free some space and try again"
                ) from None
            raise

    def retrying(self, attempt: Callable[[], T]) -> T:
        """Redo a command when another writer took the same stream position, or
        held the store's write lock; give up plainly after a bounded wait."""
        bound = self.retry_seconds if self.retry_seconds is not None else 3 * lock_timeout_seconds()
        deadline = time.monotonic() + bound
        for tries in range(1, RETRIES + 1):
            try:
                return attempt()
            except IntegrityError:
                if tries == RETRIES or time.monotonic() > deadline:
                    raise UserError(
                        f"another writer kept changing this council ({tries} tries); "
                        "nothing was written, try again"
                    ) from None
            except OperationalError as error:
                if not is_lock_error(error):
                    raise
                if time.monotonic() > deadline:
                    raise StoreLocked(
                        f"the store is locked by another writer (waited {bound} s); "
                        "nothing was written, try again"
                    ) from None
            time.sleep(random.uniform(0, min(0.2, 0.002 * 2 ** min(tries, 8))))
        raise AssertionError("unreachable")  # pragma: no cover

