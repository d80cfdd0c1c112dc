"""The facade the CLI and the TUI call: plain values in, plain values out."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import IntegrityError, OperationalError, ProgrammingError

from events.council import Council, council_id
from events.errors import DomainError, UnknownEvent
from events.vocabulary import FACT_KINDS, Kind
from tracker.application import TrackerApplication
from tracker.councils import Authority, by_la_code, current_authorities, resolve
from tracker.errors import ReadOnlyStore, UserError
from tracker.readside.logged import LoggedEvent
from tracker.readside.model import ReadModel
from tracker.views import council_json, council_row, log_entries

if TYPE_CHECKING:
    from tracker.importing import ImportSummary

T = TypeVar("T")
_EVENT_ID = re.compile(r"^(\d{3})-(\d+)$")
RETRIES = 5


def parse_event_id(text: str) -> tuple[str, int]:
    """``937-7`` -> ('937', 7); anything else is a clear error."""
    match = _EVENT_ID.match(text.strip())
    if not match:
        raise UnknownEvent(f"{text!r} is not an event id (LA number and position, e.g. 937-7)")
    return match[1], int(match[2])


def parse_kind(text: str) -> Kind:
    word = text.strip().lower().replace("-", "_")
    word = {"recruitment_drive": "recruitment"}.get(word, word)
    try:
        kind = Kind(word)
    except ValueError:
        kind = None
    if kind is None or kind not in FACT_KINDS:
        choices = ", ".join(k.value.replace("_", "-") for k in FACT_KINDS)
        raise UserError(f"kind: {text!r} is not a kind of event ({choices})")
    return kind


class Tracker:
    """Commands return event ids; queries return JSON-ready dicts."""

    def __init__(self, app: TrackerApplication, today: date | None = None) -> None:
        self.app = app
        self._today = today
        self.read_model = ReadModel()

    @property
    def today(self) -> date:
        return self._today or date.today()

    # ---- commands -------------------------------------------------------
    def add(self, council: str, kind: str | Kind, fields: dict[str, Any]) -> str:
        """Record one fact on a council's stream; returns its event id."""
        authority = resolve(council)
        kind = kind if isinstance(kind, Kind) else parse_kind(kind)

        def attempt() -> str:
            aggregate = self.load(authority.la_code)
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
        """The council's aggregate, or a newly opened one if it has no stream yet."""
        try:
            aggregate: Council = self.app.repository.get(council_id(la_code))
        except AggregateNotFoundError:
            return Council.open(la_code, timestamp=opened_at)
        assert isinstance(aggregate, Council)
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

    def save(self, *aggregates: Council) -> None:
        """All the aggregates' new events in one transaction, or none of them."""
        try:
            self.app.save(*aggregates)
        except (ProgrammingError, OperationalError) as error:
            text = str(error).lower()
            if "permission denied" in text or "readonly" in text or "read-only" in text:
                raise ReadOnlyStore(
                    "this store is read-only for you: ask for an editor role to add events"
                ) from None
            raise

    def retrying(self, attempt: Callable[[], T]) -> T:
        """Redo a command when another writer took the same stream position."""
        for tries in range(RETRIES):
            try:
                return attempt()
            except IntegrityError:
                if tries == RETRIES - 1:
                    raise UserError(
                        "another writer kept changing this council; nothing was written, try again"
                    ) from None
                time.sleep(0.01 * (tries + 1))
        raise AssertionError("unreachable")  # pragma: no cover

    # ---- queries --------------------------------------------------------
    def refresh(self) -> int:
        """Catch the read model up with the log; returns how many events were new."""
        return self.read_model.catch_up(self.app)

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
        history = self.read_model.history(authority.la_code)
        return council_json(authority, history, as_of, known_on, recorded_by)

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

            wanted = resolve_region(region)
            authorities = [a for a in authorities if a.region == wanted]
        return [
            council_row(a, self.read_model.history(a.la_code), as_of, known_on, recorded_by)
            for a in authorities
        ]

    def log(self, council: str | None = None) -> list[dict[str, Any]]:
        self.refresh()
        if council is None:
            histories = list(self.read_model.histories.values())
        else:
            histories = [self.read_model.history(resolve(council).la_code)]
        return log_entries(histories)

    def all_events(self) -> list[LoggedEvent]:
        """Every stored event of every council, in log order."""
        self.refresh()
        events = [e for h in self.read_model.histories.values() for e in h.events]
        events.sort(key=lambda e: e.position)
        return events

    def times(self, as_of: date | None, known_on: date | None) -> tuple[date, date]:
        """D defaults to today, K to D."""
        as_of = as_of or self.today
        return as_of, known_on or as_of

    def is_empty(self) -> bool:
        return not self.app.recorder.max_notification_id()


def utc_now() -> datetime:
    return datetime.now(tz=UTC)


__all__ = ["DomainError", "Tracker", "parse_event_id", "parse_kind", "utc_now"]
