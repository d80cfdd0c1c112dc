"""Apply a published file's rows to the store: match, enrich, add; all or nothing.

Every row is planned in full (validated, matched, merged) before any of its
events is triggered, so a bad row leaves no trace even when it touches two
councils (a joint return). The touched aggregates are saved in one call: one
transaction. With skip_bad_rows a bad row is reported and the rest go on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from events.benchmark import Benchmark, benchmark_id
from events.council import Council
from events.errors import DomainError
from events.matching import changed, conflicts, is_revision, merge, rank
from events.validation import validate_fact
from events.vocabulary import Kind
from tracker.councils import UnknownCouncil
from tracker.enrichment import import_reason
from tracker.errors import ImportRowError
from tracker.importers.rows import Entry, Item, RowError, RowProblem
from tracker.importers.summary import ImportReport
from tracker.write_batch import WriteBatch

if TYPE_CHECKING:
    from tracker.service import Tracker

Progress = Callable[[int], None]
ROW_ERRORS = (DomainError, UnknownCouncil, RowError)
_ENVELOPE = ("originator_id", "originator_version", "timestamp")


@dataclass
class _Plan:
    """What one target of a row will do once the whole row is known to be good."""

    outcome: str  # added, enriched, corrected, already_present, repeated
    council: Council | None = None
    benchmark: Benchmark | None = None
    fields: dict[str, Any] | None = None
    target: int = 0
    changes: dict[str, Any] | None = None
    key: str = ""
    warnings: tuple[str, ...] = ()


class _Batch(WriteBatch):
    """The shared write batch, plus each benchmark's figures and what this import touched."""

    def __init__(self, tracker: Tracker) -> None:
        super().__init__(tracker)
        self.figures: dict[str, list[dict[str, Any]]] = {}
        self.touched: set[tuple[str, int]] = set()

    def published_benchmark(self, geo: str, name: str, level: str) -> Benchmark:
        if geo not in self.figures:
            app = self.tracker.app
            events = app.events.get(benchmark_id(geo))
            self.figures[geo] = [
                {k: v for k, v in e.__dict__.items() if k not in _ENVELOPE}
                for e in events
                if isinstance(e, Benchmark.FigureRecorded)
            ]
        return self.benchmark(geo, name, level)


def apply_entries(
    tracker: Tracker,
    report: ImportReport,
    entries: Sequence[Entry],
    skip_bad_rows: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Plan and apply every row, then save everything at once (unless a dry run)."""
    started = time.perf_counter()

    def attempt() -> ImportReport:
        batch = _Batch(tracker)
        fresh = ImportReport(report.format, report.path, report.dry_run)
        seen: dict[tuple[Any, ...], int] = {}
        for entry in entries:
            problem = entry if isinstance(entry, RowProblem) else _apply_item(batch, entry, fresh, seen)
            if problem is not None:
                if not skip_bad_rows:
                    where = f"{report.path} [{problem.where}]" if problem.where else report.path
                    raise ImportRowError(where, problem.line, problem.reason)
                fresh.skipped.append(problem)
            if progress is not None:
                progress(1)
        if not report.dry_run and fresh.written:
            tracker.save(*batch.aggregates())
        return fresh

    result = tracker.retrying(attempt)
    result.seconds = time.perf_counter() - started
    return result


def _apply_item(
    batch: _Batch, item: Item, report: ImportReport, seen: dict[tuple[Any, ...], int]
) -> RowProblem | None:
    if item.identity:
        first = seen.get(item.identity)
        if first is not None and first != item.line:
            return RowProblem(item.line, f"duplicate row: the same fact as row {first}", item.where)
        seen[item.identity] = item.line
    try:
        plans = _plan_row(batch, item)
    except ROW_ERRORS as error:
        return RowProblem(item.line, _message(error), item.where)
    for plan in plans:
        _execute(batch, plan, item, report)
    texts = [*item.warnings, *(text for plan in plans for text in plan.warnings)]
    report.warnings.extend(RowProblem(item.line, text, item.where) for text in texts)
    if item.unreadable:
        report.unreadable += 1
    return None


def _message(error: Exception) -> str:
    if isinstance(error, LookupError) and error.args:
        return str(error.args[0])
    return str(error)


def _plan_row(batch: _Batch, item: Item) -> list[_Plan]:
    today = batch.tracker.today
    if item.benchmark is not None:
        return [_plan_benchmark(batch, item, validate_fact(item.kind, item.fields, today))]
    if not item.councils:
        raise RowError("no council for this row")
    plans = []
    for la_code in item.councils:
        raw = dict(item.fields)
        if len(item.councils) > 1:
            raw["joint_with"] = [code for code in item.councils if code != la_code]
        dropped: list[str] = []  # grades for judgements that did not exist: reported, not kept
        plan = _plan_council(batch, la_code, item.kind, validate_fact(item.kind, raw, today, dropped))
        plan.warnings = (*dropped, *plan.warnings)
        plans.append(plan)
    return plans


def _plan_council(batch: _Batch, la_code: str, kind: Kind, fields: dict[str, Any]) -> _Plan:
    council = batch.council(la_code)
    found = batch.match(council, kind, fields)
    if found is None:
        return _Plan("added", council=council, fields=fields)
    old = batch.fields(council, found)
    dropped: list[str] = []
    merged = validate_fact(kind, merge(kind, old, fields), batch.tracker.today, dropped)
    changes = changed(old, merged)
    warnings = (*conflicts(old, fields, merged, f"{la_code}-{found}"), *dropped)
    if not changes:
        repeated = (la_code, found) in batch.touched
        outcome = "repeated" if repeated else "already_present"
        return _Plan(outcome, council=council, target=found, warnings=warnings)
    outcome = "corrected" if is_revision(kind, old, changes) else "enriched"
    return _Plan(outcome, council=council, target=found, changes=changes, fields=fields, warnings=warnings)


def _figures(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if k not in ("source", "note", "summary", "published_on")}


def _plan_benchmark(batch: _Batch, item: Item, fields: dict[str, Any]) -> _Plan:
    """Benchmarks have no correction event: a newer edition's revised figure is a new event."""
    assert item.benchmark is not None
    benchmark = batch.published_benchmark(*item.benchmark)
    same_date = [f for f in batch.figures[item.benchmark[0]] if f["occurred_on"] == fields["occurred_on"]]
    if not same_date:
        return _Plan("added", benchmark=benchmark, fields=fields, key=item.benchmark[0])
    best = max(same_date, key=lambda f: rank(f["source"]))
    if rank(best["source"]) >= rank(fields["source"]) or _figures(best) == _figures(fields):
        return _Plan("already_present", benchmark=benchmark)
    return _Plan("corrected", benchmark=benchmark, fields=fields, key=item.benchmark[0])


def _execute(batch: _Batch, plan: _Plan, item: Item, report: ImportReport) -> None:
    today = batch.tracker.today
    if plan.outcome in ("already_present", "repeated"):
        setattr(report, plan.outcome, getattr(report, plan.outcome) + 1)
        return
    assert plan.fields is not None
    if plan.benchmark is not None:
        plan.benchmark.record(plan.fields, today)
        batch.figures[plan.key].append(plan.fields)
        setattr(report, plan.outcome, getattr(report, plan.outcome) + 1)
        return
    council = plan.council
    assert council is not None
    if plan.outcome == "added":
        version = batch.record(council, item.kind, plan.fields, today)
        batch.touched.add((council.la_code, version))
        report.added += 1
    else:
        assert plan.changes is not None
        reason = import_reason(plan.outcome == "enriched", plan.fields["source"]["title"], plan.changes)
        batch.correct(council, plan.target, plan.changes, reason, today, plan.fields["source"])
        batch.touched.add((council.la_code, plan.target))
        setattr(report, plan.outcome, getattr(report, plan.outcome) + 1)
    report.by_council[council.la_code] += 1
