"""What a fact's corrections mean for how it is shown.

A correction is one of two things. An *enrichment* is a second source adding what the
fact lacked (finer dates, a framework, grades that were unknown or absent): the
importers make one when they match a fact already recorded, and it is the fact's
provenance — another of its sources — not a change of mind. A *revision* replaces a
known value (a newer edition's revised figure, a user's correction): it is shown as a
correction. A correction counts as an enrichment only when the importer marked it so
(tracker/enrichment.py) and, checked against the fact as it then stood by the
importers' own rule, it replaced nothing known: no wording, old or new, hides a change.

A fact's recorded summary is the reporter's text about the values of its time. Once a
revision replaces a value the summary may state, without restating the summary, the
fact is shown with a summary made from its corrected fields instead (the recorded text
stays in ``fields``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from events.describe import (
    describe,
    generated_summary,
    source_labels,  # noqa: F401  (re-exported)
)
from events.matching import is_revision
from events.vocabulary import Kind
from tracker.enrichment import marked_as_enrichment

UNDESCRIBED = frozenset({"summary", "note", "source", "occurred_on", "fieldwork_end", "published_on"})
"""Fields a summary does not state: its own text, the note, the citation and the dates
(a timeline shows dates in their own column)."""


@dataclass(frozen=True)
class Provenance:
    """How one fact is shown once its corrections (as of T) are applied."""

    summary: str
    sources: list[dict[str, Any]]
    revised_by: list[str]
    enriched_by: list[str]


def provenance(kind: str, original: dict[str, Any], corrections: Iterable[Any]) -> Provenance:
    """Replay the fact's corrections (logged events, in stream order) over its first fields."""
    corrections = list(corrections)
    if not corrections:  # most facts: as recorded
        first = original.get("source")
        return Provenance(describe(kind, original), [first] if first else [], [], [])
    fact_kind = Kind(kind)
    state = dict(original)
    current = True  # the recorded summary still describes the fields
    sources = [original["source"]] if original.get("source") else []
    revised: list[str] = []
    enriched: list[str] = []
    for correction in corrections:
        data = correction.data
        changes: dict[str, Any] = data.get("changes") or {}
        replaces = is_revision(fact_kind, state, changes)
        (enriched if marked_as_enrichment(data) and not replaces else revised).append(correction.id)
        if "summary" in changes:
            current = True
        elif is_revision(fact_kind, state, {k: v for k, v in changes.items() if k not in UNDESCRIBED}):
            current = False
        cited = data.get("source")
        if cited and cited not in sources:
            sources.append(cited)
        state.update(changes)
    summary = state.get("summary")
    shown = str(summary) if current and summary else generated_summary(kind, state)
    return Provenance(shown, sources, revised, enriched)
