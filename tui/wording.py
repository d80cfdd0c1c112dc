"""Stored values in the words an analyst reads: grades, frameworks, figures the
publisher withheld, money, rates and recorded times (short and local by default).

Only how a value is worded lives here; which rows the event pane shows, and in
what order, stays in ``tui.widgets.event_detail``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from events.describe import figure_text
from events.judgements import GRADE_FIELDS
from events.schema import SUPPRESSION_SYMBOLS
from events.vocabulary import Framework, Grade
from tracker.councils import UnknownCouncil, by_la_code

LABELS = {
    "fte": "FTE social workers",
    "investment_gbp": "investment",
    "amount_gbp": "amount",
    "joint_with": "joint return with",
    "caseload_target": "caseload target",
}
PERCENT = ("agency_rate", "vacancy_rate", "turnover_rate")
MONEY = ("investment_gbp", "amount_gbp")
GRADES = {g.value for g in Grade}
FRAMEWORKS = {f.value for f in Framework}
PUBLISHERS = {"department for education": "the DfE", "ofsted": "Ofsted"}


def field_label(name: str) -> str:
    """``impact_of_leaders`` -> "impact of leaders"."""
    return LABELS.get(name, name.replace("_", " "))


def value_words(name: str, value: Any) -> str:
    """One field's stored value in words."""
    if name in GRADE_FIELDS and isinstance(value, str) and value in GRADES:
        return Grade(value).label
    if name == "framework" and isinstance(value, str) and value in FRAMEWORKS:
        return Framework(value).label
    if isinstance(value, dict) and ({"value", "low", "high"} & set(value)):
        shown = figure_text(value) + ("%" if name in PERCENT else "")
        return f"{shown} ({value['text']})" if value.get("text") else shown
    if name in MONEY and isinstance(value, int | float):
        return f"£{value:,.0f}"
    if name == "joint_with" and isinstance(value, list):
        return ", ".join(_council(code) for code in value)
    if name in ("status", "change") and isinstance(value, str):
        return value.replace("_", " ").capitalize()
    if isinstance(value, dict):
        return ", ".join(f"{field_label(str(k))}: {v}" for k, v in value.items())
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def withheld(suppressed: dict[str, str], source: dict[str, Any] | None) -> list[tuple[str, str]]:
    """(figure, "withheld by the DfE (x: not available)") for each figure the publisher withheld."""
    publisher = str((source or {}).get("publisher", ""))
    who = PUBLISHERS.get(publisher.strip().casefold(), publisher or "the publisher")
    return [
        (field_label(figure), f"withheld by {who} ({symbol}: {SUPPRESSION_SYMBOLS.get(symbol, 'withheld')})")
        for figure, symbol in suppressed.items()
    ]


def recorded_words(stamp: str, full: bool = False) -> str:
    """When the tracker recorded something: "2026-11-30 22:22" in local time, or (``full``)
    the stored timestamp as it is."""
    if full:
        return stamp
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    local = moment.astimezone() if moment.tzinfo else moment
    return local.strftime("%Y-%m-%d %H:%M")


def _council(code: str) -> str:
    try:
        return f"{by_la_code(code).name} ({code})"
    except UnknownCouncil:
        return code
