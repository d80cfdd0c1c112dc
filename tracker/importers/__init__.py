"""Importers of the files the sector publishes: one module per format, sharing
row reading (rows), matching of one fact across sources (matching), the
all-or-nothing apply (apply) and the summary (summary)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tracker.importers import dfe_workforce, ilacs_scrape, ofsted_outcomes
from tracker.importers.apply import apply_entries
from tracker.importers.detect import EVENT_FORMATS, PUBLISHED_FORMATS, detect_format
from tracker.importers.pipeline import Progress
from tracker.importers.rows import Entry
from tracker.importers.summary import ImportSummary
from tracker.writer import Writer

PARSERS: dict[str, Callable[[Path], list[Entry]]] = {
    ofsted_outcomes.FORMAT: ofsted_outcomes.parse,
    ilacs_scrape.FORMAT: ilacs_scrape.parse,
    dfe_workforce.FORMAT: dfe_workforce.parse,
}


def import_published(tracker: Writer, path: Path, fmt: str, dry_run: bool, skip_bad_rows: bool,
                     progress: Callable[[int], Progress] | None) -> ImportSummary:
    """Read, match and save a published file (through the facade: Tracker.import_file);
    ``progress(total)`` returns the per-row callback."""
    entries = PARSERS[fmt](path)
    report = ImportSummary(fmt, str(path), dry_run)
    advance = progress(len(entries)) if progress else None
    return apply_entries(tracker, report, entries, skip_bad_rows, advance)


__all__ = ["EVENT_FORMATS", "PUBLISHED_FORMATS", "ImportSummary", "detect_format", "import_published"]
