"""Which judgements an inspection had: its framework's, on the day its fieldwork began.

Why in the domain: a grade for a judgement that did not exist is not a fact,
whatever a source says, and a judgement that existed but was not read is
``unknown``, never absent. Every path (CLI, forms, event files, importers,
seeds) validates through :func:`settle_judgements`, so they all agree.

- before the single inspection framework (reports before November 2013): one
  overall effectiveness judgement in our vocabulary;
- SIF (November 2013 to 2017): overall; help and protection; looked after and
  achieving permanence (``children_in_care``), with care leavers graded as its
  sub-part (``care_leavers``); leadership, management and governance
  (``impact_of_leaders``). Its adoption sub-judgement has no field yet: no source
  we import gives it;
- ILACS (from January 2018): overall and three sub-judgements; care leavers
  became a judgement of its own on 1 January 2023 (before that, "children in
  care and care leavers" was one judgement: ``children_in_care``);
- the 2026 framework: the four sub-judgements, no overall grade.

An inspection whose framework is unknown is judged by its date.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from events.dates import PartialDate
from events.vocabulary import SUB_JUDGEMENTS, Area, Framework, Grade

SIF_STARTS = date(2013, 11, 1)
ILACS_STARTS = date(2018, 1, 1)
CARE_LEAVERS_JUDGED_FROM = date(2023, 1, 1)

_OVERALL, _CARE_LEAVERS = Area.OVERALL.value, Area.CARE_LEAVERS.value
GRADE_FIELDS = (_OVERALL, *(area.value for area in SUB_JUDGEMENTS))
ALL_GRADE_FIELDS = GRADE_FIELDS

_ILACS = tuple(name for name in GRADE_FIELDS if name != _CARE_LEAVERS)
_SIF = GRADE_FIELDS


def framework_family(framework: str | None, started: date | None) -> str:
    """The framework that governed an inspection: its own, else the one in force on its date."""
    if framework and framework != Framework.UNKNOWN.value:
        return framework
    if started is None:
        return Framework.UNKNOWN.value
    if started < SIF_STARTS:
        return Framework.PRE_SIF.value
    if started < ILACS_STARTS:
        return Framework.SIF.value
    return Framework.ILACS_STANDARD.value


def judgements_of(framework: str | None, started: date | None) -> tuple[str, ...]:
    """The grade fields an inspection of this framework, begun on this day, had."""
    family = framework_family(framework, started)
    if family == Framework.PRE_SIF.value:
        return (_OVERALL,)
    if family == Framework.SIF.value:
        return _SIF
    if family == Framework.ILACS_2026.value:
        return (*_ILACS[1:], _CARE_LEAVERS)
    if family in (Framework.ILACS_STANDARD.value, Framework.ILACS_SHORT.value):
        if started is not None and started >= CARE_LEAVERS_JUDGED_FROM:
            return (*_ILACS, _CARE_LEAVERS)
        return _ILACS
    return GRADE_FIELDS  # no framework and no date: nothing can be ruled out


def started_on(fields: dict[str, Any]) -> date | None:
    """The day an inspection's fieldwork began, as far as known: the start of its
    occurred period, else (only a publication date known) that date, an upper bound."""
    for name in ("occurred_on", "published_on"):
        text = fields.get(name)
        if text:
            parsed = PartialDate.parse(str(text), name)
            return parsed.start() if name == "occurred_on" else parsed.end()
    return None


def absent_judgements(fields: dict[str, Any]) -> list[str]:
    """Grade fields given a real grade that this inspection did not have."""
    existing = judgements_of(fields.get("framework"), started_on(fields))
    return [
        name
        for name in ALL_GRADE_FIELDS
        if name not in existing and fields.get(name) not in (None, "", Grade.UNKNOWN.value)
    ]


def settle_judgements(fields: dict[str, Any]) -> dict[str, Any]:
    """Canonical grades: a judgement that did not exist is None; one that existed but
    is not given is ``unknown`` (not recorded in the source). Call after
    :func:`absent_judgements` has been answered: this drops what it names."""
    existing = judgements_of(fields.get("framework"), started_on(fields))
    settled = dict(fields)
    for name in ALL_GRADE_FIELDS:
        if name not in existing:
            settled[name] = None
        elif settled.get(name) in (None, ""):
            settled[name] = Grade.UNKNOWN.value
    return settled


def why_absent(name: str, fields: dict[str, Any]) -> str:
    """Why this judgement was not part of this inspection (without the field's name)."""
    family = framework_family(fields.get("framework"), started_on(fields))
    if name == _CARE_LEAVERS and family in (Framework.ILACS_STANDARD.value, Framework.ILACS_SHORT.value):
        return (
            "no separate care leavers judgement before 1 January 2023 "
            "(children in care and care leavers were one judgement)"
        )
    if name == _OVERALL and family == Framework.ILACS_2026.value:
        return "the 2026 framework gives no overall grade"
    label = Framework(family).label if family in {f.value for f in Framework} else family
    return f"not a judgement of a {label} inspection"


def absent_label(name: str, framework: str | None, started: str | None, published: str | None) -> str:
    """A few words for a judgement an inspection did not have, as a card shows it
    (never confused with "grade not recorded": a judgement it had but no one read)."""
    fields = {"framework": framework, "occurred_on": started, "published_on": published}
    family = framework_family(framework, started_on(fields))
    if name == _OVERALL and family == Framework.ILACS_2026.value:
        return "no overall grade: 2026 framework"
    if name == _CARE_LEAVERS and family in (Framework.ILACS_STANDARD.value, Framework.ILACS_SHORT.value):
        return "no separate judgement before 2023"
    return "no such judgement"
