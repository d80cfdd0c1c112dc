"""Load the bundled seed histories and the shipped national record into a store,
with a progress bar and a plain account of what was loaded.

The default store gets both on its first command; `tracker seed` loads them into
any store. Both are idempotent: what is already there is matched, never added twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rich.console import Console

from seeds import seed_files
from tracker.importers.progress import progress_bar
from tracker.importers.summary import ImportSummary
from tracker.importing import import_events
from tracker.national_record import RecordPart, load_record, row_count, shipped_parts
from tracker.records import read_event_file
from tracker.safe_text import say
from tracker.service import Tracker

Start = Callable[[int], Callable[[int], None]]
"""``start(total)`` returns the per-row ``advance(n)`` callback of a progress bar."""


@dataclass
class SeedReport:
    """What loading did: events from the seeds, and each part of the national record."""

    seed_events: int = 0
    record: list[ImportSummary] = field(default_factory=list)
    parts: list[RecordPart] = field(default_factory=list)

    @property
    def added(self) -> int:
        return self.seed_events + sum(report.written for report in self.record)

    def lines(self) -> list[str]:
        """One line for the seeds, one per publication: what it is and what it added."""
        lines = [f"seeds (the five source reports): {self.seed_events} new events"]
        for part, report in zip(self.parts, self.record, strict=True):
            source = part.items[0].fields["source"] if part.items else {}
            edition = source.get("published", "undated")
            lines.append(
                f"{source.get('publisher', '?')}, {source.get('title', part.file)} (edition {edition}): "
                f"{len(part.items)} rows, {report.added} facts added, {report.enriched} enriched, "
                f"{report.corrected} revised, {report.already_present + report.repeated} already present"
            )
        return lines

    def as_dict(self) -> dict[str, object]:
        return {
            "seed_events": self.seed_events,
            "record": [
                {**report.as_dict(), "file": part.file}
                for part, report in zip(self.parts, self.record, strict=True)
            ],
            "added": self.added,
        }


def load_seeds(tracker: Tracker) -> int:
    """Every seed file in one transaction; returns how many events were new."""
    return sum(
        import_events(tracker, read_event_file(path), f"seeds/{path.name}").added for path in seed_files()
    )


def seed_store(tracker: Tracker, start: Start | None = None) -> SeedReport:
    """The seeds, then the national record (a progress bar over its rows, if given)."""
    parts = shipped_parts()
    report = SeedReport(seed_events=load_seeds(tracker), parts=parts)
    advance = start(row_count(parts)) if start else None
    report.record = load_record(tracker, parts, advance)
    return report


def ensure_seeded(tracker: Tracker, start: Start | None = None) -> SeedReport | None:
    """Seed an empty store; a store with anything in it is left alone (None)."""
    if not tracker.is_empty():
        return None
    return seed_store(tracker, start)


def seed_with_progress(tracker: Tracker, console: Console, only_if_empty: bool = True) -> SeedReport | None:
    """Load the seeds and the national record with a progress bar on ``console``
    (into an empty store only, unless told): the first command, `tracker seed`, the UI."""
    with progress_bar(console, "loading the national record") as start:
        return ensure_seeded(tracker, start) if only_if_empty else seed_store(tracker, start)


def say_loaded(console: Console, report: SeedReport, where: str) -> None:
    """What was loaded: the count, then a line per source with its edition."""
    say(console, f"Loaded {report.added} events into {where}: the national record and the seeds.")
    for line in report.lines():
        say(console, f"  {line}")
