"""Seeding with a progress bar and a plain account of what was loaded (stderr), for the
first command on the default store, `tracker seed`, and the UI's first start."""

from __future__ import annotations

from rich.console import Console

from tracker.importers.progress import progress_bar
from tracker.seeding import SeedReport, ensure_seeded, seed_store
from tracker.service import Tracker


def seed_with_progress(tracker: Tracker, console: Console, only_if_empty: bool = True) -> SeedReport | None:
    """Load the seeds and the national record (into an empty store only, unless told)."""
    with progress_bar(console, "loading the national record") as start:
        report = ensure_seeded(tracker, start) if only_if_empty else seed_store(tracker, start)
    return report


def say_loaded(console: Console, report: SeedReport, where: str) -> None:
    console.print(
        f"Loaded {report.added} events into {where}: the national record and the seeds.",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    for line in report.lines():
        console.print(f"  {line}", markup=False, highlight=False, soft_wrap=True)
