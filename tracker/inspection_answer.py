"""The typed answer of ``Tracker.inspections``: one row per judgement inspection that counts
at D, K and T, with the change from the council's previous one and the caseloads around it.

Why its own module: the read side composes the rows (tracker/readside/inspection_rows.py),
and the CLI's table, ``--json``, ``--csv`` and the TUI's outcome table all read these, so
the words and the JSON are made once (docs/analysis.md says what each number means).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from events.vocabulary import SUB_JUDGEMENTS, Framework, Grade
from tracker.results import AtTimePoint, CouncilRef

CHANGES = ("up", "same", "down", "first")
"""How an overall grade moved from the council's previous judgement inspection; None when
either of the two has no overall grade on the four-point scale (2026 framework, unread)."""


def grade_words(grade: str | None) -> str:
    """A grade as the vocabulary words it ("Requires improvement"); none is empty."""
    return Grade(grade).label if grade else ""


def framework_words(framework: str | None) -> str:
    return Framework(framework).label if framework else ""


class CaseloadAt(NamedTuple):
    """The council's caseload at the last as-at date before fieldwork began, and the
    figures it is read against for that same as-at date (None: no figure, or no number)."""

    as_at: str | None  # the figure's as-at date as the source gave it
    value: float | None
    event_id: str
    change_two_years: float | None  # value minus the figure two years before
    earlier_as_at: str | None  # that earlier figure's as-at date
    england: float | None
    region: float | None
    neighbours: float | None  # the average of the neighbours that have a figure
    neighbours_with_figure: int
    neighbour_model: str | None  # the key of the neighbour model in force on the as-at date

    def as_json(self) -> dict[str, Any]:
        return {"as_at": self.as_at, "value": self.value, "event_id": self.event_id,
                "change_two_years": self.change_two_years, "earlier_as_at": self.earlier_as_at,
                "england": self.england, "region": self.region, "neighbours": self.neighbours,
                "neighbours_with_figure": self.neighbours_with_figure,
                "neighbour_model": self.neighbour_model}


class InspectionRow(NamedTuple):
    """One judgement inspection as known at the time point (a named tuple: tens of thousands
    are made per answer at a million events, and a tuple is made fastest)."""

    council: CouncilRef
    event_id: str
    fieldwork_start: str | None
    fieldwork_end: str | None
    published_on: str | None
    framework: str | None
    overall: str | None
    sub_grades: tuple[str | None, ...]  # in SUB_JUDGEMENTS order
    previous_overall: str | None
    previous_event_id: str | None
    change: str | None  # one of CHANGES, or None: not comparable
    caseload: CaseloadAt | None

    @property
    def judgements(self) -> tuple[tuple[str, str | None], ...]:
        """(area, grade) of each sub-judgement, in SUB_JUDGEMENTS order."""
        return tuple(zip((str(a) for a in SUB_JUDGEMENTS), self.sub_grades, strict=True))

    def as_json(self) -> dict[str, Any]:
        return {"council": self.council.as_json(), "event_id": self.event_id,
                "fieldwork_start": self.fieldwork_start, "fieldwork_end": self.fieldwork_end,
                "published_on": self.published_on, "framework": self.framework, "overall": self.overall,
                "judgements": dict(self.judgements),
                "previous": None if self.previous_event_id is None else
                {"overall": self.previous_overall, "event_id": self.previous_event_id},
                "change": self.change, "caseload": None if self.caseload is None else self.caseload.as_json()}


CSV_HEADERS = ("LA number", "Council", "Region", "Fieldwork start", "Fieldwork end", "Published",
               "Framework", "Overall", *(area.label.capitalize() for area in SUB_JUDGEMENTS),
               "Previous overall", "Change", "Caseload as at", "Caseload", "Caseload change over two years",
               "England caseload", "Region caseload", "Neighbours' average caseload",
               "Neighbours with a figure", "Event id")


@dataclass(frozen=True, slots=True)
class InspectionsAnswer(AtTimePoint):
    """Every judgement inspection that counts at D, K and T, oldest first per council."""

    rows: tuple[InspectionRow, ...]
    sources: tuple[str, ...]  # the publications the figures come from, in words

    def as_json(self) -> dict[str, Any]:
        """``inspections --json`` (docs/json-contract.md)."""
        return {**self.times_json(), "sources": list(self.sources),
                "inspections": [r.as_json() for r in self.rows]}

    def csv_rows(self) -> list[list[object]]:
        """The rows in words, not codes; numbers as numbers, dates ISO, empty where none."""
        found: list[list[object]] = []
        for r in self.rows:
            c = r.caseload
            found.append([
                r.council.la_code, r.council.name, r.council.region, r.fieldwork_start or "",
                r.fieldwork_end or "", r.published_on or "", framework_words(r.framework),
                grade_words(r.overall), *(grade_words(g) for _, g in r.judgements),
                grade_words(r.previous_overall), r.change or "not comparable",
                *(("", "", "", "", "", "", "") if c is None else (
                    c.as_at or "", _num(c.value), _num(c.change_two_years), _num(c.england),
                    _num(c.region), _num(c.neighbours), c.neighbours_with_figure)),
                r.event_id])
        return found


def _num(value: float | None) -> object:
    return "" if value is None else round(value, 2)


def sources_of(rows: tuple[InspectionRow, ...]) -> tuple[str, ...]:
    """Where the numbers come from, in words: the reports, the workforce statistics, and each
    neighbour model the rows used."""
    from tracker.neighbours import models

    used = {r.caseload.neighbour_model for r in rows if r.caseload is not None}
    named = [f"{m.publisher}, {m.name} (edition {m.edition})" for m in models() if m.key in used]
    return ("Ofsted inspection reports (dates and grades, as recorded in the tracker)",
            "Department for Education, children's social work workforce statistics "
            "(caseloads of councils, regions and England)", *named)
