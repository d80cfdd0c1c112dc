"""Importers of the files the sector publishes: one module per format, sharing
row reading (rows), matching of one fact across sources (matching), the
all-or-nothing apply (apply) and the summary (summary)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.importers import dfe_workforce, ilacs_scrape, ofsted_outcomes
from tracker.importers.apply import Progress, apply_entries
from tracker.importers.detect import EVENT_FORMATS, PUBLISHED_FORMATS, detect_format
from tracker.importers.rows import Entry
from tracker.importers.summary import ImportReport

if TYPE_CHECKING:
    from tracker.service import Tracker

PARSERS: dict[str, Callable[[Path], list[Entry]]] = {
    ofsted_outcomes.FORMAT: ofsted_outcomes.parse,
    ilacs_scrape.FORMAT: ilacs_scrape.parse,
    dfe_workforce.FORMAT: dfe_workforce.parse,
}


def import_published(
    tracker: Tracker,
    path: Path,
    fmt: str | None = None,
    dry_run: bool = False,
    skip_bad_rows: bool = False,
    progress: Callable[[int], Progress] | None = None,
) -> ImportReport:
    """Read, match and save a published file; `progress(total)` returns the per-row callback."""
    fmt = fmt or detect_format(path)
    if fmt not in PARSERS:
        from tracker.errors import UserError

        raise UserError(f"{path}: not a published format ({', '.join(PUBLISHED_FORMATS)})")
    entries = PARSERS[fmt](path)
    report = ImportReport(fmt, str(path), dry_run)
    advance = progress(len(entries)) if progress else None
    return apply_entries(tracker, report, entries, skip_bad_rows, advance)


__all__ = ["EVENT_FORMATS", "PUBLISHED_FORMATS", "ImportReport", "detect_format", "import_published"]
