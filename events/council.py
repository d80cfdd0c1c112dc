"""The Council aggregate: one stream per council, keyed by its DfE LA number.

Invariants live in the command methods: every fact is validated against the
schema, the same fact is never recorded twice, and a correction or retraction
must name a live fact of this stream.

The aggregate keeps only what those invariants need, never a fact's fields, so
that loading it (and its snapshots) stays fast however long the history grows;
the application reads a fact's fields back from the store when a command needs
them (a correction is validated against the whole fact as it stands).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from events.errors import DuplicateEvent, EventRetractedError, InvalidField, UnknownEvent
from events.fact_index import KIND_CODES, NO_KEY, FactIndex, Status, lookup, natural_key, short_key
from events.judgements import why_absent
from events.kinds import KINDS
from events.validation import check_text, normalise_names, validate_fact
from events.vocabulary import Kind

NAMESPACE = uuid5(NAMESPACE_URL, "https://github.com/inspection-tracker/council")


@dataclass(frozen=True)
class WorkforceFigures:
    """The figures of a workforce return, declared once for a council's event and England's or a
    region's (events/benchmark.py). Put it first among an event's bases: a dataclass lists
    inherited fields from the last base to the first, so these follow the fact's own (the order
    of the stored JSON and of the read side's shape checks)."""

    caseload: dict[str, Any] | None
    caseload_target: float | None
    fte: dict[str, Any] | None
    agency_rate: dict[str, Any] | None
    vacancy_rate: dict[str, Any] | None
    turnover_rate: dict[str, Any] | None
    suppressed: dict[str, str]
    joint_with: list[str]


def council_id(la_code: str) -> UUID:
    """Every writer and importer addresses the same stream without a lookup."""
    return uuid5(NAMESPACE, la_code)


class Council(FactIndex, Aggregate):
    """A council's children's services history, as its invariants need it: its thin
    state (version 3) is described in events/fact_index.py."""

    class_version = 3

    class Opened(Aggregate.Created):
        la_code: str

    class Fact(Aggregate.Event):
        """Base of every real-world happening; fields common to all kinds."""

        kind: ClassVar[Kind]
        occurred_on: str | None  # None: known only by its publication (it happened by then)
        published_on: str | None
        source: dict[str, str]
        summary: str | None
        note: str | None

        def apply(self, aggregate: Council) -> None:  # type: ignore[override]
            fields = {k: v for k, v in self.__dict__.items() if k not in _ENVELOPE}
            aggregate._grow(self.originator_version, KIND_CODES[self.kind.value], Status.LIVE,
                            short_key(natural_key(self.kind.value, fields)))

    class InspectionRecorded(Fact):
        """A judgement inspection; occurred_on is the first day of fieldwork."""

        kind = Kind.INSPECTION
        framework: str | None
        fieldwork_end: str | None
        overall: str | None
        impact_of_leaders: str | None
        help_and_protection: str | None
        children_in_care: str | None
        care_leavers: str | None

    class FocusedVisitRecorded(Fact):
        kind = Kind.FOCUSED_VISIT
        theme: str
        findings: list[str]
        areas_to_improve: list[str]

    class MonitoringVisitRecorded(Fact):
        kind = Kind.MONITORING_VISIT
        theme: str
        findings: list[str]

    class RestructureRecorded(Fact):
        kind = Kind.RESTRUCTURE
        status: str
        changes: str

    class RecruitmentDriveRecorded(Fact):
        kind = Kind.RECRUITMENT
        posts: int | None
        investment_gbp: int | None
        roles: list[str]
        routes: list[str]

    class WorkforceFigureRecorded(WorkforceFigures, Fact):
        """Workforce statistics as at occurred_on; figures may be ranges or bounds."""

        kind = Kind.WORKFORCE

    class LeadershipChanged(Fact):
        kind = Kind.LEADERSHIP_CHANGE
        role: str
        change: str
        person: str | None

    class BudgetPressureRecorded(Fact):
        kind = Kind.BUDGET_PRESSURE
        description: str
        amount_gbp: int | None

    class InitiativeRecorded(Fact):
        kind = Kind.INITIATIVE
        name: str
        description: str | None
        funded_by: str | None

    class Corrected(Aggregate.Event):
        """Fields of an earlier fact replaced; the earlier event stays as it was.

        Version 2 also keeps the values it replaced (``previous``), so the log
        reads as an audit trail on its own; version-1 events load with None.
        Version 3 keeps the fact's natural key after the correction (``key``), so
        the aggregate never needs the fact's fields; older ones load with None.
        """

        class_version = 3
        target: int
        changes: dict[str, Any]
        reason: str
        source: dict[str, str] | None
        previous: dict[str, Any] | None
        key: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Stored before 'previous' existed: what it replaced was not kept."""
            state["previous"] = None

        @staticmethod
        def upcast_v2_v3(state: dict[str, Any]) -> None:
            """Stored before 'key' existed: the fact's new key is unknown here."""
            state["key"] = None

        def apply(self, aggregate: Council) -> None:  # type: ignore[override]
            aggregate._corrected(self.target, self.originator_version, self.key)

    class Retracted(Aggregate.Event):
        """An earlier fact withdrawn: hidden from answers, kept in the log."""

        target: int
        reason: str

        def apply(self, aggregate: Council) -> None:  # type: ignore[override]
            aggregate._retracted(self.target, self.originator_version)

    def __init__(self, la_code: str) -> None:
        self.la_code = la_code
        self.kinds = "."  # position 1: this Opened event
        self.status = Status.NONE.value
        self.keys = NO_KEY
        self.first = ","
        self.fixes = ","
        self.unkeyed = ","

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A snapshot that kept every fact's fields: it never kept which events corrected
        a fact, so it is not made thin but marked ``stale``, and the stream replayed
        (tracker/application.py)."""
        state.pop("facts", None)
        state.update(stale=True)

    @staticmethod
    def upcast_v2_v3(state: dict[str, Any]) -> None:
        """A snapshot that packed whole keys (``,key:position,``): marked ``stale`` like a
        version-1 one, and the stream replayed into the fixed-width short keys."""
        state.update(kinds=".", status=".", keys=NO_KEY, first=",", fixes=",", unkeyed=",", stale=True)

    # ---- commands ----------------------------------------------------------------
    @classmethod
    def open(cls, la_code: str, timestamp: datetime | None = None) -> Council:
        return cls._create(cls.Opened, id=council_id(la_code), la_code=la_code, timestamp=timestamp)

    def record(
        self,
        kind: Kind,
        raw: dict[str, Any],
        today: date,
        timestamp: datetime | None = None,
        restoring: bool = False,
        also: dict[str, int] | None = None,
    ) -> int:
        """Validate and record a fact; returns its position in the stream. ``restoring``
        (a backup's event) keeps its grades exactly as they were first recorded. ``also``:
        current keys of ``unkeyed_facts()``, read from the store by the caller."""
        if kind not in EVENT_CLASSES:
            raise InvalidField("kind", f"{kind.value!r} is not a kind of fact")
        fields = validate_fact(kind, raw, today, judged=not restoring)
        key = natural_key(kind.value, fields)
        existing = self.holder_of(short_key(key))
        if existing is None and also:
            existing = also.get(key)
        if existing is not None:
            raise DuplicateEvent(existing)
        self.trigger_event(EVENT_CLASSES[kind], timestamp=timestamp, **fields)
        return self.version

    def find(
        self,
        kind: Kind,
        raw: dict[str, Any],
        today: date,
        position: int | None = None,
        also: dict[str, int] | None = None,
    ) -> int | None:
        """Where this fact is already recorded, for idempotent imports.

        With a position (an exported id), only that position is compared, so a
        fact recorded again after a retraction keeps its own place. Without one,
        a fact matches by its current fields or by the fields first recorded.
        """
        full = natural_key(kind.value, validate_fact(kind, raw, today, judged=position is None))
        key = short_key(full)
        if position is not None and (f",{key}:{position}," in self.first or (
                self._first_key(position) is None and self._current_key(position) == key)):
            return position
        found = self.holder_of(key)
        if found is None and also:
            found = also.get(full)
        if found is not None or position is not None:
            return found
        return lookup(self.first, key)

    def fact(self, target: int) -> Kind:
        """The kind of the live fact at a position; anything else is refused."""
        kind = self.kind_of(target)
        if kind is None:
            raise UnknownEvent(f"{self.la_code}-{target} is not a recorded fact")
        if self.status_of(target) is Status.RETRACTED:
            raise EventRetractedError(f"{self.la_code}-{target} is retracted")
        return kind

    def correct(
        self,
        target: int,
        raw_changes: dict[str, Any],
        reason: str,
        today: date,
        source: dict[str, Any] | None = None,
        timestamp: datetime | None = None,
        *,
        current: dict[str, Any],
    ) -> int:
        """Replace some fields of an earlier fact, validated as a whole. ``current``:
        the fact's fields as corrected so far (the caller reads them from the store)."""
        kind = self.fact(target)
        known = self._current_key(target)
        if known is not None and short_key(natural_key(kind.value, current)) != known:
            raise ValueError(f"{self.la_code}-{target}: the fields given are not the fact's current ones")
        if not raw_changes:
            raise InvalidField("changes", "a correction must change at least one field")
        reason = _reason(reason)
        named = normalise_names(kind, raw_changes)
        dropped: list[str] = []  # a grade that can no longer be (a corrected date) goes
        merged = validate_fact(kind, {**current, **named}, today, dropped)
        refused = [name for name in named if any(text.startswith(f"{name}:") for text in dropped)]
        if refused:
            raise InvalidField(refused[0], why_absent(refused[0], merged))
        changes = {name: merged[name] for name in merged if merged[name] != current.get(name)}
        if not changes:
            raise InvalidField("changes", "the correction changes nothing")
        if source is not None:
            source = validate_fact(kind, {**current, "source": source}, today)["source"]
        self.trigger_event(
            self.Corrected,
            timestamp=timestamp,
            target=target,
            changes=changes,
            reason=reason,
            source=source,
            previous={name: current.get(name) for name in changes},
            key=natural_key(kind.value, {**current, **changes}),
        )
        return self.version

    def retract(self, target: int, reason: str, timestamp: datetime | None = None) -> int:
        self.fact(target)
        self.trigger_event(self.Retracted, timestamp=timestamp, target=target, reason=_reason(reason))
        return self.version


def _reason(reason: str) -> str:
    if not reason or not str(reason).strip():
        raise InvalidField("reason", "is required")
    return check_text("reason", reason)


_ENVELOPE = frozenset({"originator_id", "originator_version", "timestamp"})

# The event class of each kind, as its entry in events/kinds.py names it (a test checks
# each class's fields against the entry's).
EVENT_CLASSES: dict[Kind, type[Council.Fact]] = {e.kind: getattr(Council, e.event_class) for e in KINDS}
