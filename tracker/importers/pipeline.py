"""One import path for event files and published files: plan, check, write.

Each entry of a file (an event, a row) is planned in full (validated, matched, merged)
before any of its events is triggered, so a bad entry leaves no trace even when it
touches two councils (a joint return). Every touched aggregate is saved in one call:
one transaction, all or nothing. With skip_bad_rows a bad row is reported and the rest
go on. What differs between the two kinds of file is only how an entry becomes plans
(a :class:`Planner`: tracker/importing.py, tracker/importers/apply.py).

The enrichment rule (:func:`plan_fact`) is the same for both: a fact that matches one
already recorded (events/matching.py) adds what it knows to it by a correction, marked
as an enrichment or a revision (tracker/enrichment.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, TypeVar

from events.benchmark import Benchmark, benchmark_id
from events.council import Council
from events.errors import DomainError
from events.matching import changed, conflicts, is_revision, merge
from events.validation import validate_fact
from events.vocabulary import Kind
from tracker.councils import UnknownCouncil
from tracker.enrichment import import_reason
from tracker.errors import ImportRowError
from tracker.importers.rows import RowError, RowProblem
from tracker.importers.summary import ImportSummary, Outcome
from tracker.write_batch import WriteBatch
from tracker.writer import Writer

Progress = Callable[[int], None]
ROW_ERRORS = (DomainError, UnknownCouncil, RowError, ValueError)
_ENVELOPE = ("originator_id", "originator_version", "timestamp")
E = TypeVar("E", contravariant=True)


@dataclass
class Plan:
    """One write an entry asks for, known to be good before any of the entry's is made."""

    outcome: Outcome
    council: Council | None = None
    benchmark: Benchmark | None = None
    kind: Kind | None = None
    fields: dict[str, Any] | None = None
    target: int = 0  # the fact corrected, retracted or already present
    changes: dict[str, Any] | None = None
    reason: str = ""
    source: dict[str, Any] | None = None
    timestamp: datetime | None = None  # an exported event's recorded time
    restoring: bool = False  # an exported fact: its grades kept as first recorded
    name: str | None = None  # an event file's id for the fact, which later events may name
    counted_as: str | None = None  # a benchmark figure's geography, when the summary counts it
    warnings: tuple[RowProblem, ...] = ()


@dataclass
class Planned:
    """An entry's plans, its own warnings, and whether it had grades no one could read."""

    plans: list[Plan]
    warnings: list[RowProblem] = field(default_factory=list)
    unreadable: bool = False


class ImportBatch(WriteBatch):
    """The shared write batch, plus what an import remembers while it runs."""

    def __init__(self, writer: Writer) -> None:
        super().__init__(writer)
        self.ids: dict[str, tuple[str, int]] = {}  # an event file's ids -> (council, position)
        self.figures: dict[str, list[dict[str, Any]]] = {}  # each benchmark's figures
        self.touched: set[tuple[str, int]] = set()  # facts this import added or changed

    def benchmark_figures(self, geo: str) -> list[dict[str, Any]]:
        """A benchmark's recorded figures, read once (benchmark streams are short)."""
        if geo not in self.figures:
            self.figures[geo] = [
                {k: v for k, v in e.__dict__.items() if k not in _ENVELOPE}
                for e in self.tracker.app.events.get(benchmark_id(geo))
                if isinstance(e, Benchmark.FigureRecorded)
            ]
        return self.figures[geo]


class Planner(Protocol[E]):
    """How one kind of file's entries become plans, and how an entry's error is told."""

    def plan(self, batch: ImportBatch, entry: E) -> Planned: ...

    def problem(self, entry: E, error: Exception) -> RowProblem: ...


def plan_fact(batch: ImportBatch, council: Council, kind: Kind, fields: dict[str, Any],
              warn: Callable[[str], RowProblem]) -> Plan:
    """The one enrichment rule: a new fact, or what it adds to the fact it matches."""
    found = batch.match(council, kind, fields)
    if found is None:
        return Plan(Outcome.ADDED, council=council, kind=kind, fields=fields)
    old = batch.fields(council, found)
    dropped: list[str] = []
    merged = validate_fact(kind, merge(kind, old, fields), batch.tracker.today, dropped)
    changes = changed(old, merged)
    texts = (*conflicts(old, fields, merged, f"{council.la_code}-{found}"), *dropped)
    warnings = tuple(map(warn, texts))
    if not changes:
        repeated = (council.la_code, found) in batch.touched
        outcome = Outcome.REPEATED if repeated else Outcome.ALREADY_PRESENT
        return Plan(outcome, council=council, target=found, warnings=warnings)
    outcome = Outcome.CORRECTED if is_revision(kind, old, changes) else Outcome.ENRICHED
    reason = import_reason(outcome is Outcome.ENRICHED, fields["source"]["title"], changes)
    return Plan(outcome, council=council, kind=kind, target=found, changes=changes, reason=reason,
                source=fields["source"], warnings=warnings)


def execute(batch: ImportBatch, plan: Plan, summary: ImportSummary) -> None:
    """Trigger a plan's event (if it writes) and count it."""
    today = batch.tracker.today
    outcome = plan.outcome
    if plan.benchmark is not None:
        if outcome.writes:
            assert plan.fields is not None
            plan.benchmark.record(plan.fields, today, timestamp=plan.timestamp)
            batch.figures.setdefault(plan.benchmark.geo_code, []).append(plan.fields)
        summary.count(outcome, plan.counted_as)
        return
    council = plan.council
    assert council is not None
    position = plan.target
    if outcome is Outcome.ADDED:
        assert plan.kind is not None and plan.fields is not None
        position = batch.record(council, plan.kind, plan.fields, today, plan.timestamp, plan.restoring)
    elif outcome in (Outcome.ENRICHED, Outcome.CORRECTED):
        assert plan.changes is not None
        batch.correct(council, plan.target, plan.changes, plan.reason, today, plan.source, plan.timestamp)
    elif outcome is Outcome.RETRACTED:
        council.retract(plan.target, plan.reason, timestamp=plan.timestamp)
    if outcome.writes:
        batch.touched.add((council.la_code, position))
    if plan.name:
        batch.ids[plan.name] = (council.la_code, position)
    summary.count(outcome, council.la_code)


def run_import(
    writer: Writer,
    summary: ImportSummary,
    entries: Sequence[Any],
    planner: Planner[Any],
    skip_bad_rows: bool = False,
    progress: Progress | None = None,
) -> ImportSummary:
    """Plan and write every entry, then save everything at once (unless a dry run)."""
    started = time.perf_counter()

    def attempt() -> ImportSummary:
        batch = ImportBatch(writer)
        fresh = summary.fresh()
        for entry in entries:
            problem = entry if isinstance(entry, RowProblem) else _entry(batch, planner, entry, fresh)
            if problem is not None:
                if not skip_bad_rows:
                    where = f"{summary.path} [{problem.where}]" if problem.where else summary.path
                    raise ImportRowError(where, problem.line, problem.reason)
                fresh.skipped.append(problem)
            if progress is not None:
                progress(1)
        if not summary.dry_run and fresh.written:
            writer.save(*batch.aggregates())
        return fresh

    result = writer.retrying(attempt)
    result.seconds = time.perf_counter() - started
    return result


def _entry(
    batch: ImportBatch, planner: Planner[Any], entry: Any, summary: ImportSummary
) -> RowProblem | None:
    """Plan one entry (nothing triggered yet), then write it; a bad entry is a problem."""
    try:
        planned = planner.plan(batch, entry)
        for plan in planned.plans:
            execute(batch, plan, summary)
    except ROW_ERRORS as error:
        return planner.problem(entry, error)
    summary.warnings.extend(planned.warnings)
    summary.warnings.extend(w for plan in planned.plans for w in plan.warnings)
    if planned.unreadable:
        summary.unreadable += 1
    return None
