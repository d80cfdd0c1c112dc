"""One-line summaries of facts, for timelines, logs and JSON ``summary``.

How each kind is summarised is part of its entry in ``events.kinds``; grades and
figures are worded in ``events.figures`` (re-exported here for the callers)."""

from __future__ import annotations

from typing import Any

from events.figures import caseload_text, figure_text, grade_label
from events.kinds import REGISTRY
from events.vocabulary import Kind


def describe(kind: str, fields: dict[str, Any]) -> str:
    """The user's own summary if given, else one generated from the fields."""
    if fields.get("summary"):
        return str(fields["summary"])
    return generated_summary(kind, fields)


def generated_summary(kind: str, f: dict[str, Any]) -> str:
    found = REGISTRY.get(Kind(kind))
    return found.summary(f) if found else kind


def source_labels(sources: list[dict[str, Any]]) -> list[str]:
    """Each publisher of a fact's sources once, in the order the fact met them (for a row)."""
    labels: list[str] = []
    for source in sources:
        label = str(source.get("publisher") or source.get("title") or "")
        if label and label not in labels:
            labels.append(label)
    return labels


__all__ = ["caseload_text", "describe", "figure_text", "generated_summary", "grade_label", "source_labels"]
