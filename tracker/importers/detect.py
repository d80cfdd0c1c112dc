"""Which published format a file is, from its content (never from its name)."""

from __future__ import annotations

from pathlib import Path

from tracker.importers import dfe_workforce, ilacs_scrape, ofsted_outcomes

PUBLISHED_FORMATS = (ofsted_outcomes.FORMAT, ilacs_scrape.FORMAT, dfe_workforce.FORMAT)
EVENT_FORMATS = ("toml", "jsonl")


def detect_format(path: Path) -> str | None:
    """A published format's name, or None for anything else (an event file, or unknown)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return None
    if ofsted_outcomes.looks_like(head):
        return ofsted_outcomes.FORMAT
    text = head.decode("utf-8", errors="replace")
    if ilacs_scrape.looks_like(text):
        return ilacs_scrape.FORMAT
    if dfe_workforce.looks_like(text):
        return dfe_workforce.FORMAT
    return None
