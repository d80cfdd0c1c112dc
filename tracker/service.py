"""The facade the CLI and the TUI call: plain values in, plain values out."""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError, OperationalError, ProgrammingError

from events.council import Council, council_id
from events.errors import DomainError, UnknownEvent
from events.kinds import parse_kind
from events.validation import validate_fact
from events.vocabulary import Kind
from tracker.application import TrackerApplication
from tracker.councils import (
    Authority,
    by_la_code,
    check_joint_councils,
    current_authorities,
    resolve,
)
from tracker.errors import ReadOnlyStore, UserError
from tracker.importers.matching import MATCHED_KINDS, find_match
from tracker.neighbour_answer import NeighboursAnswer, neighbours_answer
from tracker.neighbours import model_for
from tracker.readside import answers
from tracker.readside.live_model import LiveReadModel
from tracker.readside.logged import LoggedEvent
from tracker.recorded_time import recorded_time_problem
from tracker.results import CouncilSummary, Overview
from tracker.store import lock_timeout_seconds
from tracker.views import damage_json, log_entries

if TYPE_CHECKING:
    from tracker.importing import ImportSummary

T = TypeVar("T")
_EVENT_ID = re.compile(r"^(\d{3})-(\d+)$")
RETRIES = 200  # conflicts on one busy stream; each retry re-reads it first


class StoreLocked(UserError):
    """Another writer held the store's lock for longer than we wait."""


def is_lock_error(error: BaseException) -> bool:
    """SQLite's 'database is locked' / PostgreSQL's lock timeout."""
    text = str(error).lower()
    return "locked" in text or "lock timeout" in text or "could not obtain lock" in text


def parse_event_id(text: str) -> tuple[str, int]:
    """``937-7`` -> ('937', 7); anything else is a clear error."""
    match = _EVENT_ID.match(text.strip())
    if not match:
        raise UnknownEvent(f"{text!r} is not an event id (LA number and position, e.g. 937-7)")
    return match[1], int(match[2])


class DamagedStream(UserError):
    """A write needs a council's stream replayed, and one of its stored events is damaged."""


def _plain(error: BaseException) -> str:
    return (" ".join(str(error).split()) or type(error).__name__)[:200]


class LikelyDuplicate(UserError):
    """The fact looks like one already recorded from another source."""


def refuse_likely_duplicate(
    aggregate: Council, kind: Kind, fields: dict[str, Any], today: date
) -> None:
    if kind not in MATCHED_KINDS or aggregate.find(kind, fields, today) is not None:
        return  # an exact duplicate gets the domain's own message
    match = find_match(aggregate.facts, kind, validate_fact(kind, fields, today))
    if match is not None:
        event_id = f"{aggregate.la_code}-{match}"
        raise LikelyDuplicate(
            f"this looks like {event_id}, {_with_article(kind.value.replace('_', ' '))} with compatible "
            f"dates: correct {event_id} to add what you know, or use --force if it is another"
        )


def is_disk_full(error: BaseException) -> bool:
    text = str(error).lower()
    return "disk is full" in text or "no space left" in text or "disk full" in text


def _with_article(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


class Tracker:
    """Commands return event ids; queries return JSON-ready dicts."""

    def __init__(self, app: TrackerApplication, today: date | None = None) -> None:
        self.app = app
        self._today = today
        self.retry_seconds: float | None = None  # None: three lock timeouts
        self.read_model = LiveReadModel(app)

    @property
    def today(self) -> date:
        return self._today or date.today()

    # ---- commands -------------------------------------------------------
    def add(
        self, council: str, kind: str | Kind, fields: dict[str, Any], force: bool = False
    ) -> str:
        """Record one fact on a council's stream; returns its event id.

        An inspection or visit whose dates fit one already recorded is refused
        (it is most likely the same one, from another source: correct that one
        instead) unless ``force`` says it really is another.
        """
        authority = resolve(council)
        kind = kind if isinstance(kind, Kind) else parse_kind(kind)
        check_joint_councils(fields)

        def attempt() -> str:
            aggregate = self.load(authority.la_code)
            if not force:
                refuse_likely_duplicate(aggregate, kind, fields, self.today)
            first = aggregate.created_on if aggregate.pending_events else None
            version = aggregate.record(kind, fields, self.today, timestamp=first)
            self.save(aggregate)
            return f"{authority.la_code}-{version}"

        return self.retrying(attempt)

    def correct(
        self,
        event_id: str,
        changes: dict[str, Any],
        reason: str,
        source: dict[str, Any] | None = None,
    ) -> str:
        la_code, target = parse_event_id(event_id)
        check_joint_councils(changes)

        def attempt() -> str:
            aggregate = self.existing(la_code, event_id)
            version = aggregate.correct(target, changes, reason, self.today, source)
            self.save(aggregate)
            return f"{la_code}-{version}"

        return self.retrying(attempt)

    def retract(self, event_id: str, reason: str) -> str:
        la_code, target = parse_event_id(event_id)

        def attempt() -> str:
            aggregate = self.existing(la_code, event_id)
            version = aggregate.retract(target, reason)
            self.save(aggregate)
            return f"{la_code}-{version}"

        return self.retrying(attempt)

    def import_file(self, path: Path, fmt: str | None = None, dry_run: bool = False) -> ImportSummary:
        """Import a TOML or JSON Lines event file, all or nothing."""
        from tracker.importing import import_file

        return import_file(self, path, fmt, dry_run)

    # ---- storage helpers (also used by importers) ----------------------
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
        return aggregate

    def existing(self, la_code: str, event_id: str) -> Council:
        try:
            by_la_code(la_code)
        except LookupError:
            raise UnknownEvent(f"{event_id}: no council has LA number {la_code}") from None
        aggregate = self.load(la_code)
        if aggregate.version <= 1 and not aggregate.facts:
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

    # ---- queries --------------------------------------------------------
    def refresh(self) -> int:
        """Catch the read model up with the log; returns how many events were new."""
        return self.read_model.refresh()

    def show(
        self,
        council: str,
        as_of: date | None = None,
        known_on: date | None = None,
        recorded_by: datetime | None = None,
    ) -> dict[str, Any]:
        authority = resolve(council)
        self.refresh()
        as_of, known_on = self.times(as_of, known_on)
        return answers.show(self.read_model, authority, (as_of, known_on, recorded_by))

    def councils(
        self,
        as_of: date | None = None,
        known_on: date | None = None,
        recorded_by: datetime | None = None,
        region: str | None = None,
    ) -> list[dict[str, Any]]:
        self.refresh()
        as_of, known_on = self.times(as_of, known_on)
        authorities: list[Authority] = sorted(current_authorities(), key=lambda a: a.name)
        if region:
            from tracker.councils import resolve_region

            try:
                wanted = resolve_region(region)
            except ValueError as error:
                raise UserError(str(error)) from None
            authorities = [a for a in authorities if a.region == wanted]
        times = (as_of, known_on, recorded_by)
        return answers.overview(self.read_model, authorities, times, last_events=False).as_json()

    def overview(
        self,
        as_of: date | None = None,
        known_on: date | None = None,
        recorded_by: datetime | None = None,
        last_events: bool = True,
    ) -> Overview:
        """Every current council at D, K and T, in name order: its rating, its caseload
        history beside England's and its region's, and (``last_events``) its last event.
        One catch-up with the store for all of them (a round trip on PostgreSQL)."""
        self.refresh()
        as_of, known_on = self.times(as_of, known_on)
        authorities = sorted(current_authorities(), key=lambda a: a.name)
        return answers.overview(self.read_model, authorities, (as_of, known_on, recorded_by), last_events)

    def summary(
        self,
        council: str,
        as_of: date | None = None,
        known_on: date | None = None,
        recorded_by: datetime | None = None,
    ) -> CouncilSummary:
        """One council's rating, caseload history (beside England's and its region's) and
        inspections that count, from the index alone: no read of its stream."""
        authority = resolve(council)
        self.refresh()
        as_of, known_on = self.times(as_of, known_on)
        return answers.council(self.read_model, authority, (as_of, known_on, recorded_by))

    def neighbours(
        self,
        council: str,
        as_of: date | None = None,
        known_on: date | None = None,
        recorded_by: datetime | None = None,
    ) -> NeighboursAnswer:
        """A council's ten statistical neighbours under the model in force on D (published by
        K), each with its rating and latest caseload: the overview's answer for just those
        ten (abolished ones too), from the index, with one catch-up with the store."""
        authority = resolve(council)
        as_of, known_on = self.times(as_of, known_on)
        model, row = model_for(authority, as_of, known_on)
        self.refresh()
        ten = [by_la_code(code) for code, _ in row.neighbours]
        found = answers.overview(self.read_model, ten, (as_of, known_on, recorded_by), last_events=False)
        return neighbours_answer(authority, model, row, found)

    def amendments(self, council: str, recorded_by: datetime | None = None) -> list[dict[str, Any]]:
        """A council's corrections and retractions recorded by T, as ``log`` lines."""
        authority = resolve(council)
        self.refresh()
        return answers.amendments(self.read_model, authority, recorded_by)

    def last_events(
        self,
        as_of: date | None = None,
        known_on: date | None = None,
        recorded_by: datetime | None = None,
    ) -> dict[str, dict[str, Any] | None]:
        """Each current council's last event that counts (its timeline's last entry), by LA
        code: read from the index and a few events, never whole streams."""
        self.refresh()
        as_of, known_on = self.times(as_of, known_on)
        authorities = list(current_authorities())
        return answers.last_events(self.read_model, authorities, (as_of, known_on, recorded_by))

    def national(
        self,
        as_of: date | None = None,
        known_on: date | None = None,
        recorded_by: datetime | None = None,
        since: date | None = None,
    ) -> dict[str, Any]:
        """Councils per grade, councils that moved since a date (default a year before D),
        caseloads by grade."""
        self.refresh()
        as_of, known_on = self.times(as_of, known_on)
        authorities = list(current_authorities())
        return answers.national(self.read_model, authorities, (as_of, known_on, recorded_by), since)

    def caseload_history(
        self,
        council: str,
        as_of: date | None = None,
        known_on: date | None = None,
        recorded_by: datetime | None = None,
    ) -> list[dict[str, Any]]:
        """A council's caseload figures by as-at date, each with England's and its region's."""
        authority = resolve(council)
        self.refresh()
        as_of, known_on = self.times(as_of, known_on)
        return answers.caseloads(self.read_model, authority, (as_of, known_on, recorded_by))

    def event_dates(self, council: str | None = None) -> list[date]:
        """Sorted distinct days on which an answer may change: something happened, or an
        inspection or figure was published (for stepping through time)."""
        self.refresh()
        la_code = resolve(council).la_code if council is not None else None
        return self.read_model.ready().event_dates(la_code)

    def close(self) -> None:
        """Save the read model if it changed; the store stays open (the caller owns it)."""
        self.read_model.close()

    def log(self, council: str | None = None) -> list[dict[str, Any]]:
        self.refresh()
        if council is None:
            return log_entries(list(self.read_model.all_events()))
        return log_entries(self.read_model.events_of(resolve(council).la_code))

    def all_events(self, benchmarks: bool = False) -> list[LoggedEvent]:
        """Every readable stored event of every council (and with ``benchmarks``, of
        England's and the regions' streams), in log order."""
        self.refresh()
        return list(self.read_model.all_events(benchmarks))

    def damaged(self, council: str | None = None) -> list[dict[str, Any]]:
        """Stored events that cannot be read (of one council, or anywhere), in log order:
        left out of every answer, named here. ``tracker verify`` says more."""
        self.refresh()
        la_code = resolve(council).la_code if council is not None else None
        return [damage_json(d) for d in self.read_model.damage(la_code)]

    def benchmarks(
        self,
        as_of: date | None = None,
        known_on: date | None = None,
        recorded_by: datetime | None = None,
    ) -> list[dict[str, Any]]:
        """England's and each region's caseload figures that count, by geography code."""
        self.refresh()
        as_of, known_on = self.times(as_of, known_on)
        return answers.benchmarks(self.read_model, (as_of, known_on, recorded_by))

    def publications(self) -> list[dict[str, Any]]:
        """Every publication the store's facts cite, most facts first (``tracker sources``)."""
        from tracker.sources import publications

        return [p.as_dict() for p in publications(self.all_events())]

    def times(self, as_of: date | None, known_on: date | None) -> tuple[date, date]:
        """D defaults to today, K to D."""
        as_of = as_of or self.today
        return as_of, known_on or as_of

    def is_empty(self) -> bool:
        return not self.app.recorder.max_notification_id()

    def recent_event_ids(self, count: int) -> list[str]:
        """Ids of the newest ``count`` council events in the log, cheaply (the TUI's live notices)."""
        newest = self.app.recorder.max_notification_id() or 0
        if count <= 0 or not newest:
            return []
        notes = self.app.recorder.select_notifications(start=max(1, newest - count + 1), limit=count)
        codes = {str(council_id(a.la_code)): a.la_code for a in current_authorities()}
        return [
            f"{codes[str(n.originator_id)]}-{n.originator_version}"
            for n in notes
            if str(n.originator_id) in codes
        ]


def utc_now() -> datetime:
    return datetime.now(tz=UTC)


__all__ = ["DomainError", "Tracker", "parse_event_id", "parse_kind", "recorded_time_problem", "utc_now"]
