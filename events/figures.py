"""Grades and figures in words, as plain text: every summary, table and card words
them through here, so a range is never shown as one invented number anywhere."""

from __future__ import annotations

from typing import Any

from events.vocabulary import Grade


def grade_label(value: str | None) -> str:
    return "none" if value is None else Grade(value).label


def figure_text(figure: dict[str, Any] | None) -> str:
    """17, 24–26, ≥20, ≤15 — never an invented single number for a range."""
    if not figure:
        return "-"
    if "value" in figure:
        return f"{figure['value']:g}"
    low, high = figure.get("low"), figure.get("high")
    if low is not None and high is not None:
        return f"{low:g}–{high:g}"
    return f"≥{low:g}" if low is not None else f"≤{high:g}"


def caseload_text(entry: dict[str, Any] | None) -> str:
    """A caseload answer (the JSON contract's value, low, high) as 17, 24–26, ≥20 or ≤15;
    "" when there is none (the caller says how an absent caseload looks)."""
    if not entry:
        return ""
    if entry.get("value") is not None:
        return figure_text({"value": entry["value"]})
    return figure_text({k: entry[k] for k in ("low", "high") if entry.get(k) is not None})
