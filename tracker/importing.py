"""Event files (TOML, JSON Lines) as plans for the import pipeline
(tracker/importers/pipeline.py): all or nothing, every event validated, one transaction.

Idempotent: a fact already recorded (same natural key, or the same exported
position) is counted as already present and written again never. An inspection or
visit without an exported id that matches one already recorded enriches it, by the
same rule as a published file's row.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from events.benchmark import benchmark_id
from events.council import Council, Status, natural_key
from events.errors import DomainError
from events.matching import MATCHED_KINDS
from events.validation import normalise_names, validate_fact
from events.vocabulary import Kind
from tracker.councils import check_joint_councils, resolve
from tracker.event_ids import parse_event_id
from tracker.importers.pipeline import ImportBatch, Plan, Planned, plan_fact, run_import
from tracker.importers.rows import RowProblem
from tracker.importers.summary import ImportSummary, Outcome
from tracker.readside.stream_ids import known_streams
from tracker.records import BENCHMARK_FIGURE, FileEvent, read_event_file
from tracker.writer import Writer


class EventFilePlanner:
    """An event file's events: facts, benchmark figures, corrections and retractions."""

    def problem(self, event: FileEvent, error: Exception) -> RowProblem:
        return RowProblem(event.line_of(getattr(error, "field", None)), str(error))

    def plan(self, batch: ImportBatch, event: FileEvent) -> Planned:
        if event.kind in ("correction", "retraction"):
            return Planned([_plan_amendment(batch, event)])
        if event.kind == BENCHMARK_FIGURE:
            return Planned([_plan_figure(batch, event)])
        return Planned([_plan_fact(batch, event)])


def import_events(
    writer: Writer, events: list[FileEvent], path: str, dry_run: bool = False, fmt: str = "events"
) -> ImportSummary:
    """Validate every event, then save all of them at once (or none)."""
    summary = ImportSummary(fmt, path, dry_run, is_event_file=True)
    return run_import(writer, summary, events, EventFilePlanner())


def import_file(writer: Writer, path: Path, fmt: str | None = None, dry_run: bool = False) -> ImportSummary:
    return import_events(writer, read_event_file(path, fmt), str(path), dry_run, fmt or "events")


def _plan_fact(batch: ImportBatch, event: FileEvent) -> Plan:
    today = batch.tracker.today
    if not event.council:
        raise DomainError("council: is required")
    try:
        kind = Kind(event.kind)
    except ValueError:
        raise DomainError(f"kind: {event.kind!r} is not a kind of event") from None
    la_code = resolve(event.council).la_code
    check_joint_councils(event.fields)
    aggregate = batch.council(la_code, event.opened_at or event.recorded_at)
    position = _exported_position(event, la_code)
    dropped: list[str] = []  # a grade for a judgement that did not exist is left out, and said
    restoring = position is not None  # a backup's event: restored exactly as it was recorded
    fields = validate_fact(kind, event.fields, today, None if restoring else dropped, judged=not restoring)

    def warn(text: str) -> RowProblem:
        return RowProblem(event.line_of(text.split(":", 1)[0]), text)

    found = batch.find(aggregate, kind, fields, position)
    if found is not None:
        plan = Plan(Outcome.ALREADY_PRESENT, council=aggregate, target=found)
    elif position is None and kind in MATCHED_KINDS:
        plan = plan_fact(batch, aggregate, kind, fields, warn)
    else:
        plan = Plan(Outcome.ADDED, council=aggregate, kind=kind, fields=fields)
    if plan.outcome is Outcome.REPEATED:  # an event file says "already present" for both
        plan.outcome = Outcome.ALREADY_PRESENT
    if plan.outcome is Outcome.ADDED:
        plan.timestamp = event.recorded_at or _opening_time(aggregate)
        plan.restoring = restoring
    plan.name = event.id
    plan.warnings = (*map(warn, dropped), *plan.warnings)
    return plan


def _opening_time(aggregate: Council) -> datetime | None:
    """A new stream's first fact shares its Opened time, so exports round-trip exactly."""
    return aggregate.created_on if aggregate.version == 1 and aggregate.pending_events else None


def _plan_figure(batch: ImportBatch, event: FileEvent) -> Plan:
    """A benchmark's figure: the same figure already on its stream is already present.
    Name and level default to England's and the regions' own; others must give them."""
    code = event.benchmark or ""
    known = known_streams().get(benchmark_id(code).hex)
    name = event.benchmark_name or (known.name if known else None)
    level = event.level or (known.level if known else None)
    benchmark = batch.benchmark(code, name, level, event.opened_at or event.recorded_at)
    fields = validate_fact(Kind.WORKFORCE, event.fields, batch.tracker.today)
    if natural_key(Kind.WORKFORCE.value, fields) in benchmark.keys:
        return Plan(Outcome.ALREADY_PRESENT, benchmark=benchmark)
    first = benchmark.version == 1 and bool(benchmark.pending_events)
    stamp = event.recorded_at or (benchmark.created_on if first else None)
    return Plan(Outcome.ADDED, benchmark=benchmark, fields=fields, timestamp=stamp, counted_as=code)


def _exported_position(event: FileEvent, la_code: str) -> int | None:
    if event.id and event.id.startswith(f"{la_code}-") and event.id[4:].isdigit():
        return int(event.id[4:])
    return None


def _plan_amendment(batch: ImportBatch, event: FileEvent) -> Plan:
    """A correction or retraction; one the fact already holds is already present."""
    assert event.target is not None
    la_code, target = batch.ids.get(event.target) or parse_event_id(event.target)
    aggregate = batch.council(la_code)
    status = aggregate.status_of(target)
    reason = event.reason or ""
    if event.kind == "retraction":
        if status is Status.RETRACTED:
            return Plan(Outcome.ALREADY_PRESENT, council=aggregate, target=target)
        return Plan(Outcome.RETRACTED, council=aggregate, target=target, reason=reason,
                    timestamp=event.recorded_at)
    check_joint_councils(event.changes)
    kind = aggregate.kind_of(target)
    if kind is not None and status is not Status.RETRACTED and _already_applied(
            kind, batch.fields(aggregate, target), event):
        return Plan(Outcome.ALREADY_PRESENT, council=aggregate, target=target)
    return Plan(Outcome.CORRECTED, council=aggregate, target=target, changes=event.changes, reason=reason,
                source=event.fields.get("source"), timestamp=event.recorded_at)


def _already_applied(kind: Kind, fields: dict[str, Any], event: FileEvent) -> bool:
    """True when the fact already holds every change (a re-import)."""
    try:
        changes = normalise_names(kind, event.changes)
        merged = validate_fact(kind, {**fields, **changes}, date.max)
    except DomainError:
        return False
    return all(merged.get(name) == fields.get(name) for name in changes)
