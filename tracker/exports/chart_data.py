"""What a chart draws, as plain values: lines of (day, figure) and inspection marks.

Why apart from the drawing: the council screen, ``tracker chart`` and a comparison all
build these from the facade's answers (Tracker.summary), and tests can check them
without reading pixels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from events.dates import end_of
from tracker.exports.table import Source
from tracker.exports.words import grade_words
from tracker.results import CouncilSummary, Figure
from tracker.time_point import TimePoint

ENGLAND = "England"


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a chart: its label, its points (oldest first) and its role, which sets
    its style: ``subject`` (the chart's own council), ``council``, ``england`` or ``region``."""

    label: str
    points: tuple[tuple[date, float], ...]
    role: str = "council"


@dataclass(frozen=True, slots=True)
class Mark:
    """An inspection that counts: the day it happened and its overall grade in words."""

    day: date
    grade: str


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart's title, its lines (the first is the subject's), marks, time point and sources."""

    title: str
    lines: tuple[Line, ...]
    marks: tuple[Mark, ...]
    time_point: TimePoint
    sources: tuple[Source, ...] = ()
    y_label: str = "caseload (children per social worker)"


def _points(pairs: Sequence[tuple[str | None, Figure | None]]) -> tuple[tuple[date, float], ...]:
    """Each figure at the day its as-at date counts on ("2018" counts on 2018-12-31)."""
    found = []
    for day, figure in pairs:
        if day and figure is not None:
            found.append((end_of(day), figure.point))
    return tuple(sorted(found))


def _sources(summaries: Sequence[CouncilSummary]) -> tuple[Source, ...]:
    return tuple(dict.fromkeys(Source.of(c.source) for s in summaries for c in s.caseloads))


def caseload_chart(summary: CouncilSummary, time_point: TimePoint) -> Chart:
    """One council's caseloads over time beside England's and its region's, with its
    inspections marked by overall grade."""
    council = summary.council
    lines = [Line(council.name, _points([(c.as_at, c.figure) for c in summary.caseloads]), "subject"),
             Line(ENGLAND, _points([(c.as_at, c.national) for c in summary.caseloads]), "england"),
             Line(council.region, _points([(c.as_at, c.regional) for c in summary.caseloads]), "region")]
    marks = tuple(Mark(j.happened, grade_words(j.overall) or "No overall grade") for j in summary.inspections)
    title = f"Caseloads: {council.name}, {', '.join(time_point.words())}"
    return Chart(title, tuple(line for line in lines if line.points), marks, time_point, _sources([summary]))


def comparison_chart(summaries: Sequence[CouncilSummary], time_point: TimePoint) -> Chart:
    """Several councils' caseload lines with England's (from every as-at date any of them has)."""
    lines = [Line(s.council.name, _points([(c.as_at, c.figure) for c in s.caseloads])) for s in summaries]
    england = dict(_points([(c.as_at, c.national) for s in summaries for c in s.caseloads]))
    lines.append(Line(ENGLAND, tuple(sorted(england.items())), "england"))
    names = ", ".join(s.council.name for s in summaries)
    title = f"Caseloads: {names}, {', '.join(time_point.words())}"
    return Chart(title, tuple(line for line in lines if line.points), (), time_point, _sources(summaries))
