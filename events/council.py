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

import hashlib
import json
from datetime import date, datetime
from enum import StrEnum
from typing import Any, ClassVar
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from events.errors import DuplicateEvent, EventRetractedError, InvalidField, UnknownEvent
from events.judgements import why_absent
from events.validation import check_text, normalise_names, validate_fact
from events.vocabulary import Kind

NAMESPACE = uuid5(NAMESPACE_URL, "https://github.com/inspection-tracker/council")


def council_id(la_code: str) -> UUID:
    """Every writer and importer addresses the same stream without a lookup."""
    return uuid5(NAMESPACE, la_code)


def natural_key(kind: str, fields: dict[str, Any]) -> str:
    """Identity of a fact: kind, dates, source and content; not its wording."""
    material = {k: v for k, v in fields.items() if k not in ("summary", "note")}
    blob = json.dumps([kind, material], sort_keys=True, separators=(",", ":"))
    return hashlib.sha1(blob.encode()).hexdigest()[:20]


class Status(StrEnum):
    """A stream position's standing, one character in the aggregate's state."""

    NONE = "."  # not a fact: the Opened event, a correction, a retraction
    LIVE = "L"
    CORRECTED = "C"  # live, with at least one correction
    RETRACTED = "R"


# One character per kind in the state; fixed forever (snapshots keep them).
_KIND_CODES = {"inspection": "i", "focused_visit": "f", "monitoring_visit": "m", "restructure": "s",
               "recruitment": "r", "workforce": "w", "leadership_change": "l", "budget_pressure": "b",
               "initiative": "n"}
_CODE_KINDS = {code: kind for kind, code in _KIND_CODES.items()}


def _entry(key: str, position: int) -> str:
    return f"{key}:{position},"


def _lookup(packed: str, key: str) -> int | None:
    """The position after ``key`` in a packed ``,key:position,`` string."""
    at = packed.find(f",{key}:")
    if at < 0:
        return None
    start = at + len(key) + 2
    return int(packed[start:packed.index(",", start)])


def _without(packed: str, key: str, position: int) -> str:
    return packed.replace(f",{key}:{position},", ",", 1)


class Council(Aggregate):
    """A council's children's services history, as its invariants need it.

    State (version 2), all of it strings so a snapshot decodes in well under a
    millisecond even with thousands of facts:

    - ``kinds``: one character per stream position (position p is character p-1):
      the fact's kind (``_KIND_CODES``), or ``.`` for a position that is no fact.
    - ``status``: one character per position, a :class:`Status`.
    - ``keys``: ``,key:position,`` for every live fact whose current natural key is
      known; ``str.find`` looks a key up.
    - ``first``: the same, for the first-recorded key of a fact that no longer has
      it in ``keys`` (a correction changed it, or it was retracted), so ``find``
      matches a fact by its fields as first recorded too.
    - ``fixes``: ``,target:position,`` for every correction, so the application
      can read a fact and its corrections back from the store by position.
    - ``unkeyed``: ``,position,`` for facts corrected by an event stored before
      corrections carried the resulting key (class_version < 3): their current key
      is not known here, only their first one.
    """

    class_version = 2

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
            aggregate._grow(self.originator_version, _KIND_CODES[self.kind.value], Status.LIVE)
            aggregate.keys += _entry(natural_key(self.kind.value, fields), self.originator_version)

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

    class WorkforceFigureRecorded(Fact):
        """Workforce statistics as at occurred_on; figures may be ranges or bounds."""

        kind = Kind.WORKFORCE
        caseload: dict[str, Any] | None
        caseload_target: float | None
        fte: dict[str, Any] | None
        agency_rate: dict[str, Any] | None
        vacancy_rate: dict[str, Any] | None
        turnover_rate: dict[str, Any] | None
        suppressed: dict[str, str]
        joint_with: list[str]

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
        self.keys = ","
        self.first = ","
        self.fixes = ","
        self.unkeyed = ","

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A snapshot that kept every fact's fields, made thin. It never kept which
        events corrected a fact, so it asks to be replayed (``stale``)."""
        facts: dict[str, dict[str, Any]] = state.pop("facts")
        state.pop("keys")
        size = max([1, *map(int, facts)])
        kinds, status = ["."] * size, [Status.NONE.value] * size
        keys, first = [","], [","]
        for version, fact in facts.items():
            at = int(version)
            kinds[at - 1] = _KIND_CODES[fact["kind"]]
            status[at - 1] = Status.RETRACTED.value if fact.get("retracted") else Status.LIVE.value
            if not fact.get("retracted"):
                keys.append(_entry(natural_key(fact["kind"], fact["fields"]), at))
            if fact.get("retracted") or natural_key(fact["kind"], fact["fields"]) != fact["key0"]:
                first.append(_entry(fact["key0"], at))
        state.update(kinds="".join(kinds), status="".join(status), keys="".join(keys),
                     first="".join(first), fixes=",", unkeyed=",", stale=True)

    # ---- applying events (the only writers of the state) -----------------------
    def _grow(self, position: int, kind: str, status: Status) -> None:
        gap = position - 1 - len(self.kinds)
        self.kinds += "." * gap + kind
        self.status += Status.NONE.value * gap + status.value

    def _set_status(self, position: int, status: Status) -> None:
        self.status = self.status[: position - 1] + status.value + self.status[position:]

    def _current_key(self, position: int) -> str | None:
        """The live fact's current key, if this aggregate knows it (each position
        appears once in ``keys``, and only ever after a ``:``)."""
        at = self.keys.find(f":{position},")
        return self.keys[self.keys.rfind(",", 0, at) + 1:at] if at >= 0 else None

    def _first_key(self, position: int) -> str | None:
        """The fact's key as first recorded (when it is not its current one)."""
        at = self.first.find(f":{position},")
        return self.first[self.first.rfind(",", 0, at) + 1:at] if at >= 0 else None

    def _amended(self, target: int, position: int) -> None:
        """A stored amendment of a position that holds no fact cannot be replayed."""
        if self.kind_of(target) is None:
            raise UnknownEvent(f"{self.la_code}-{position} amends {target}, which is not a recorded fact")
        self._grow(position, ".", Status.NONE)

    def _corrected(self, target: int, position: int, key: str | None) -> None:
        self._amended(target, position)
        self.fixes += _entry(str(target), position)
        self._set_status(target, Status.CORRECTED)
        old = self._current_key(target)
        if old is not None and old == key:
            return
        if old is not None:
            self.keys = _without(self.keys, old, target)
            if self._first_key(target) is None:
                self.first += _entry(old, target)
        if key is None:
            if f",{target}," not in self.unkeyed:
                self.unkeyed += f"{target},"
            return
        self.unkeyed = self.unkeyed.replace(f",{target},", ",", 1)
        if self._first_key(target) == key:  # corrected back to its first fields
            self.first = _without(self.first, key, target)
        self.keys += _entry(key, target)

    def _retracted(self, target: int, position: int) -> None:
        self._amended(target, position)
        self._set_status(target, Status.RETRACTED)
        old = self._current_key(target)
        if old is not None:
            self.keys = _without(self.keys, old, target)
            if self._first_key(target) is None:
                self.first += _entry(old, target)

    # ---- reading the state -------------------------------------------------------
    @property
    def is_stale(self) -> bool:
        """Loaded from a version-1 snapshot: replay the stream's events instead."""
        return bool(self.__dict__.get("stale"))

    def status_of(self, position: int) -> Status | None:
        """A position's standing; None past the end of the stream."""
        if not 0 < position <= len(self.status):
            return None
        return Status(self.status[position - 1])

    def kind_of(self, position: int) -> Kind | None:
        """The kind of the fact at a position (None: no fact there)."""
        if not 0 < position <= len(self.kinds) or self.kinds[position - 1] == ".":
            return None
        return Kind(_CODE_KINDS[self.kinds[position - 1]])

    def live_facts(self, kind: Kind) -> list[int]:
        """Positions of the live (not retracted) facts of one kind, oldest first."""
        code, kinds, status = _KIND_CODES[kind.value], self.kinds, self.status
        found, at = [], kinds.find(code)
        while at >= 0:
            if status[at] != Status.RETRACTED.value:
                found.append(at + 1)
            at = kinds.find(code, at + 1)
        return found

    def corrections_of(self, target: int) -> list[int]:
        """Positions of the corrections of one fact, oldest first."""
        needle, found = f",{target}:", []
        at = self.fixes.find(needle)
        while at >= 0:
            start = at + len(needle)
            found.append(int(self.fixes[start:self.fixes.index(",", start)]))
            at = self.fixes.find(needle, start)
        return found

    def has_facts(self) -> bool:
        return self.kinds.strip(".") != ""

    def unkeyed_facts(self) -> list[int]:
        """Live facts whose current key this aggregate does not know (old corrections)."""
        return [int(p) for p in self.unkeyed.strip(",").split(",") if p
                and self.status[int(p) - 1] != Status.RETRACTED.value]

    def state(self) -> tuple[str, ...]:
        """Everything the invariants read, for comparing two loads of one stream."""
        return (self.la_code, self.kinds, self.status, self.keys, self.first, self.fixes, self.unkeyed)

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
        existing = _lookup(self.keys, key)
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
        key = natural_key(kind.value, validate_fact(kind, raw, today, judged=position is None))
        entry = f",{key}:{position},"
        if position is not None and (entry in self.first or (
                self._first_key(position) is None and entry in self.keys)):
            return position
        found = _lookup(self.keys, key)
        if found is None and also:
            found = also.get(key)
        if found is not None or position is not None:
            return found
        return _lookup(self.first, key)

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
        if known is not None and natural_key(kind.value, current) != known:
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

EVENT_CLASSES: dict[Kind, type[Council.Fact]] = {
    cls.kind: cls
    for cls in (
        Council.InspectionRecorded,
        Council.FocusedVisitRecorded,
        Council.MonitoringVisitRecorded,
        Council.RestructureRecorded,
        Council.RecruitmentDriveRecorded,
        Council.WorkforceFigureRecorded,
        Council.LeadershipChanged,
        Council.BudgetPressureRecorded,
        Council.InitiativeRecorded,
    )
}
