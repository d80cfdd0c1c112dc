"""The importers' mark on a correction that only adds what a second source knows.

When an importer matches a fact already recorded, the fields the new source adds reach
the fact by a correction. Its reason says which kind it is: ``enriched from TITLE`` (a
gap filled: finer dates, a framework, grades that were unknown or absent) or ``revised
in TITLE`` (a known value replaced). The read side shows an enrichment as the fact's
provenance and a revision as a correction (tracker/provenance.py). Stored corrections
carry no other field for it, so these first words are the mark, written here only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

ENRICHED_FROM = "enriched from"
REVISED_IN = "revised in"


def import_reason(enrichment: bool, title: str, changes: Iterable[str]) -> str:
    """The reason an importer gives its correction: the mark, the source, the fields."""
    verb = ENRICHED_FROM if enrichment else REVISED_IN
    return f"{verb} {title}: {', '.join(sorted(changes))}"


def marked_as_enrichment(data: dict[str, Any]) -> bool:
    """A correction an importer marked as an enrichment, citing the source it came from."""
    return bool(data.get("source")) and str(data.get("reason", "")).startswith(ENRICHED_FROM + " ")
