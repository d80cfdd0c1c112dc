"""The judgement that counts at the current date: overall grade, the four
sub-judgements, framework and dates, the one before it, the latest caseload."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Static

from events.judgements import absent_label
from events.timing import when_text
from events.vocabulary import SUB_JUDGEMENTS, Framework
from tui.backend import caseload_text
from tui.present import badge, text

AREA_LABELS = {
    "impact_of_leaders": "leaders",
    "help_and_protection": "help & protection",
    "children_in_care": "children in care",
    "care_leavers": "care leavers",
}


def card(shown: dict[str, Any]) -> Text:
    out = Text()
    council, rating = shown["council"], shown["rating"]
    out.append_text(text(council["name"], "bold"))
    out.append_text(text(f"  LA {council['la_code']} · {council['region']}", "dim"))
    out.append("\n")
    if rating is None:
        out.append("No inspection counts at this date.\n", style="dim")
    else:
        out.append("overall  ")
        out.append_text(_judgement(rating, "overall"))
        framework = Framework(rating["framework"] or "unknown").label
        since = rating["published_on"] or rating["inspection_ended"] or rating["inspection_started"]
        out.append_text(text(f"  {framework}, since {since}", "dim"))
        out.append("\n")
        for area in SUB_JUDGEMENTS:
            out.append(f"  {AREA_LABELS[area]:<18}")
            out.append_text(_judgement(rating, area))
            out.append("\n")
    previous = shown["previous_rating"]
    if previous:
        out.append("before   ")
        out.append_text(badge(previous["overall"], short=False))
        started = when_text(previous["inspection_started"], previous["published_on"])
        out.append_text(text(f"  ({started})", "dim"))
        out.append("\n")
    loads = shown["caseloads"]
    if loads:
        out.append_text(text(f"caseload {caseload_text(loads[-1])} as at {loads[-1]['as_at']}"))
    return out


def _judgement(rating: dict[str, Any], name: str) -> Text:
    """A grade badge; a judgement the inspection did not have says why (not "no grade")."""
    grade = rating["overall"] if name == "overall" else rating["judgements"][name]
    if grade is None:
        why = absent_label(name, rating["framework"], rating["inspection_started"], rating["published_on"])
        return Text(f" {why}", style="dim italic")
    return badge(grade, short=False)


class JudgementCard(Static):
    def show_council(self, shown: dict[str, Any]) -> None:
        self.update(card(shown))
