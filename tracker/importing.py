"""Import event files all-or-nothing: every event validated, then one transaction.

Idempotent: a fact already recorded (same natural key, or the same exported
position) is counted as already present and written again never.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventsourcing.application import AggregateNotFoundError

from events.benchmark import Benchmark, benchmark_id
from events.council import Council, natural_key
from events.errors import DomainError
from events.validation import normalise_names, validate_fact
from events.vocabulary import Kind
from tracker.councils import UnknownCouncil, check_joint_councils, resolve
from tracker.enrichment import import_reason
from tracker.errors import ImportRowError
from tracker.importers.matching import MATCHED_KINDS, changed, find_match, is_revision, merge
from tracker.readside.stream_ids import known_streams
from tracker.records import BENCHMARK_FIGURE, FileEvent, read_event_file

if TYPE_CHECKING:
    from tracker.service import Tracker


@dataclass
class ImportSummary:
    """What an import did (or, on a dry run, would do)."""

    added: int = 0
    enriched: int = 0
    already_present: int = 0
    corrected: int = 0
    retracted: int = 0
    by_council: Counter[str] = field(default_factory=Counter)
    dry_run: bool = False
    warnings: list[tuple[int | None, str]] = field(default_factory=list)  # (line, what was left out)

    @property
    def written(self) -> int:
        return self.added + self.enriched + self.corrected + self.retracted

    def as_dict(self) -> dict[str, object]:
        return {
            "added": self.added,
            "enriched": self.enriched,
            "already_present": self.already_present,
            "corrected": self.corrected,
            "retracted": self.retracted,
            "councils": dict(sorted(self.by_council.items())),
            "dry_run": self.dry_run,
            "warnings": [{"line": line, "warning": text} for line, text in self.warnings],
        }


class _Batch:
    """The aggregates an import touches, loaded once each."""

    def __init__(self, tracker: Tracker) -> None:
        self.tracker = tracker
        self.aggregates: dict[str, Council] = {}
        self.benchmarks: dict[str, Benchmark] = {}
        self.ids: dict[str, tuple[str, int]] = {}

    def benchmark(self, event: FileEvent) -> Benchmark:
        """England's or a region's stream, loaded once; a new one keeps the exported time.
        Name and level default to England's and the regions' own; others must give them."""
        code = event.benchmark or ""
        if code in self.benchmarks:
            return self.benchmarks[code]
        try:
            found: Benchmark = self.tracker.app.repository.get(benchmark_id(code))
        except AggregateNotFoundError:
            known = known_streams().get(benchmark_id(code).hex)
            name = event.benchmark_name or (known.name if known else None)
            level = event.level or (known.level if known else None)
            if not name or not level:
                raise DomainError(f"benchmark {code}: give benchmark_name and level") from None
            found = Benchmark.open(code, name, level, timestamp=event.opened_at or event.recorded_at)
        if not isinstance(found, Benchmark):
            raise DomainError(f"benchmark {code}: its stream does not hold a benchmark")
        self.benchmarks[code] = found
        return found

    def council(self, la_code: str, opened_at: datetime | None = None) -> Council:
        """Load once; a new stream opened by an exported event keeps its time."""
        if la_code not in self.aggregates:
            self.aggregates[la_code] = self.tracker.load(la_code, opened_at)
        return self.aggregates[la_code]

    def target(self, text: str) -> tuple[str, int]:
        from tracker.service import parse_event_id

        if text in self.ids:
            return self.ids[text]
        return parse_event_id(text)


def import_events(
    tracker: Tracker, events: list[FileEvent], path: str, dry_run: bool = False
) -> ImportSummary:
    """Validate every event, then save all of them at once (or none)."""

    def attempt() -> ImportSummary:
        batch = _Batch(tracker)
        summary = ImportSummary(dry_run=dry_run)
        for event in events:
            try:
                _apply(batch, event, summary)
            except (DomainError, UnknownCouncil, ValueError) as error:
                line = event.line_of(getattr(error, "field", None))
                raise ImportRowError(path, line, str(error)) from None
        if not dry_run and summary.written:
            tracker.save(*batch.aggregates.values(), *batch.benchmarks.values())
        return summary

    return tracker.retrying(attempt)


def import_file(tracker: Tracker, path: Path, fmt: str | None = None, dry_run: bool = False) -> ImportSummary:
    return import_events(tracker, read_event_file(path, fmt), str(path), dry_run)


def _apply(batch: _Batch, event: FileEvent, summary: ImportSummary) -> None:
    today = batch.tracker.today
    if event.kind in ("correction", "retraction"):
        _apply_amendment(batch, event, summary)
        return
    if event.kind == BENCHMARK_FIGURE:
        _apply_figure(batch, event, summary)
        return
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
    summary.warnings.extend((event.line_of(text.split(":", 1)[0]), text) for text in dropped)
    found = aggregate.find(kind, fields, today, position)
    if found is None and position is None and kind in MATCHED_KINDS:
        found = _enrich_match(aggregate, kind, fields, summary, today)
    elif found is not None:
        summary.already_present += 1
    if found is not None:
        version = found
    else:
        stamp = event.recorded_at or _opening_time(aggregate)
        version = aggregate.record(kind, fields, today, timestamp=stamp, restoring=restoring)
        summary.added += 1
        summary.by_council[la_code] += 1
    if event.id:
        batch.ids[event.id] = (la_code, version)


def _enrich_match(
    aggregate: Council, kind: Kind, fields: dict[str, Any], summary: ImportSummary, today: date
) -> int | None:
    """The same inspection or visit from another source: fill in what it adds, by a correction."""
    match = find_match(aggregate.facts, kind, fields)
    if match is None:
        return None
    old = aggregate.facts[str(match)]["fields"]
    changes = changed(old, validate_fact(kind, merge(kind, old, fields), today, []))
    if not changes:
        summary.already_present += 1
        return match
    enrichment = not is_revision(kind, old, changes)
    aggregate.correct(match, changes, import_reason(enrichment, fields["source"]["title"], changes),
                      today, fields["source"])
    if enrichment:
        summary.enriched += 1
    else:
        summary.corrected += 1
    summary.by_council[aggregate.la_code] += 1
    return match


def _opening_time(aggregate: Council) -> datetime | None:
    """A new stream's first fact shares its Opened time, so exports round-trip exactly."""
    return aggregate.created_on if aggregate.version == 1 and aggregate.pending_events else None


def _apply_figure(batch: _Batch, event: FileEvent, summary: ImportSummary) -> None:
    """A benchmark's figure: the same figure already on its stream is already present."""
    benchmark = batch.benchmark(event)
    fields = validate_fact(Kind.WORKFORCE, event.fields, batch.tracker.today)
    if natural_key(Kind.WORKFORCE.value, fields) in benchmark.keys:
        summary.already_present += 1
        return
    first = benchmark.version == 1 and bool(benchmark.pending_events)
    stamp = event.recorded_at or (benchmark.created_on if first else None)
    benchmark.record(fields, batch.tracker.today, timestamp=stamp)
    summary.added += 1
    summary.by_council[benchmark.geo_code] += 1


def _exported_position(event: FileEvent, la_code: str) -> int | None:
    if event.id and event.id.startswith(f"{la_code}-") and event.id[4:].isdigit():
        return int(event.id[4:])
    return None


def _apply_amendment(batch: _Batch, event: FileEvent, summary: ImportSummary) -> None:
    assert event.target is not None
    la_code, target = batch.target(event.target)
    aggregate = batch.council(la_code)
    fact = aggregate.facts.get(str(target))
    if event.kind == "retraction":
        if fact is not None and fact.get("retracted"):
            summary.already_present += 1
            return
        aggregate.retract(target, event.reason or "", timestamp=event.recorded_at)
        summary.retracted += 1
    else:
        check_joint_councils(event.changes)
        if fact is not None and not fact.get("retracted") and _already_applied(fact, event):
            summary.already_present += 1
            return
        aggregate.correct(
            target,
            event.changes,
            event.reason or "",
            batch.tracker.today,
            event.fields.get("source"),
            timestamp=event.recorded_at,
        )
        summary.corrected += 1
    summary.by_council[la_code] += 1


def _already_applied(fact: dict[str, Any], event: FileEvent) -> bool:
    """True when the fact already holds every change (a re-import)."""
    kind = Kind(str(fact["kind"]))
    fields = fact["fields"]
    try:
        changes = normalise_names(kind, event.changes)
        merged = validate_fact(kind, {**fields, **changes}, date.max)
    except DomainError:
        return False
    return all(merged.get(name) == fields.get(name) for name in changes)
