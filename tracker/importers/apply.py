"""A published file's rows as plans for the import pipeline (pipeline.py): each row
validated for each of its councils (a joint return names several), matched against
what is recorded, merged; a benchmark's figure compared with the figures of its date."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from events.matching import rank
from events.validation import validate_fact
from tracker.importers.pipeline import ImportBatch, Plan, Planned, Progress, plan_fact, run_import
from tracker.importers.rows import Entry, Item, RowError, RowProblem
from tracker.importers.summary import ImportSummary, Outcome
from tracker.writer import Writer


class PublishedPlanner:
    """Rows of a published file; the same row twice in one table is a bad row."""

    def __init__(self) -> None:
        self.seen: dict[tuple[Any, ...], int] = {}

    def problem(self, item: Item, error: Exception) -> RowProblem:
        message = str(error.args[0]) if isinstance(error, LookupError) and error.args else str(error)
        return RowProblem(item.line, message, item.where)

    def plan(self, batch: ImportBatch, item: Item) -> Planned:
        if item.identity:
            first = self.seen.get(item.identity)
            if first is not None and first != item.line:
                raise RowError(f"duplicate row: the same fact as row {first}")
            self.seen[item.identity] = item.line
        today = batch.tracker.today

        def warn(text: str) -> RowProblem:
            return RowProblem(item.line, text, item.where)

        if item.benchmark is not None:
            plans = [_plan_benchmark(batch, item, validate_fact(item.kind, item.fields, today))]
        elif not item.councils:
            raise RowError("no council for this row")
        else:
            plans = []
            for la_code in item.councils:
                raw = dict(item.fields)
                if len(item.councils) > 1:
                    raw["joint_with"] = [code for code in item.councils if code != la_code]
                dropped: list[str] = []  # grades for judgements that did not exist: reported, not kept
                fields = validate_fact(item.kind, raw, today, dropped)
                plan = plan_fact(batch, batch.council(la_code), item.kind, fields, warn)
                plan.warnings = (*map(warn, dropped), *plan.warnings)
                plans.append(plan)
        return Planned(plans, [warn(text) for text in item.warnings], item.unreadable)


def _figures(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if k not in ("source", "note", "summary", "published_on")}


def _plan_benchmark(batch: ImportBatch, item: Item, fields: dict[str, Any]) -> Plan:
    """Benchmarks have no correction event: a newer edition's revised figure is a new event."""
    assert item.benchmark is not None
    geo, name, level = item.benchmark
    benchmark = batch.benchmark(geo, name, level)
    same_date = [f for f in batch.benchmark_figures(geo) if f["occurred_on"] == fields["occurred_on"]]
    if not same_date:
        return Plan(Outcome.ADDED, benchmark=benchmark, fields=fields)
    best = max(same_date, key=lambda f: rank(f["source"]))
    if rank(best["source"]) >= rank(fields["source"]) or _figures(best) == _figures(fields):
        return Plan(Outcome.ALREADY_PRESENT, benchmark=benchmark)
    return Plan(Outcome.CORRECTED, benchmark=benchmark, fields=fields)


def apply_entries(
    writer: Writer,
    summary: ImportSummary,
    entries: Sequence[Entry],
    skip_bad_rows: bool = False,
    progress: Progress | None = None,
) -> ImportSummary:
    """Plan and apply every row, then save everything at once (unless a dry run)."""
    return run_import(writer, summary, entries, PublishedPlanner(), skip_bad_rows, progress)
