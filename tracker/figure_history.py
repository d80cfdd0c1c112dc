"""One workforce figure of a council over the years (caseload, agency, vacancy or turnover
rate, FTE), each beside England's, its region's and its statistical neighbours' average.

Why its own module: the caseload history (tracker/readside/answers.py) answers for the
caseload alone; analysts read the other figures the same way, against the same three
lines. Everything comes from the read side's index (a few binary searches per council),
never from replaying streams.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from statistics import fmean
from typing import Any

from tracker.councils import Authority
from tracker.errors import UserError
from tracker.neighbours import model_for
from tracker.readside.answers import Times, region_code
from tracker.readside.live_model import LiveReadModel
from tracker.readside.read_model import ENGLAND, ReadModel
from tracker.readside.rows import Entry
from tracker.results import Figure

FIGURES: dict[str, str] = {
    "caseload": "Caseload per social worker",
    "agency_rate": "Agency worker rate, %",
    "vacancy_rate": "Vacancy rate, %",
    "turnover_rate": "Turnover rate, %",
    "fte": "Social workers (FTE)",
}
"""The workforce figures a chart can show, in the order a key cycles them, with their titles."""


def figure_point(entry: Entry | None, figure: str) -> float | None:
    """The number a chart plots for ``figure`` of a stored workforce fact; None when absent."""
    found: dict[str, Any] | None = None if entry is None else entry.fields.get(figure)
    if not found:
        return None
    value = found.get("value")
    low, high = found.get("low", value), found.get("high", value)
    if value is None and low is None and high is None:
        return None
    return Figure(value, low, high).point


@dataclass(frozen=True, slots=True)
class FigurePoint:
    """The council's figure for one as-at date and the lines beside it (None: not stored).
    ``neighbours`` is the mean over the ``neighbour_count`` neighbours that have the figure
    for the same as-at date."""

    as_at: str
    day: date
    value: float
    national: float | None
    regional: float | None
    neighbours: float | None
    neighbour_count: int

    def as_json(self) -> dict[str, Any]:
        return {"as_at": self.as_at, "value": self.value, "national": self.national,
                "regional": self.regional, "neighbours": self.neighbours,
                "neighbour_count": self.neighbour_count}


@dataclass(frozen=True, slots=True)
class FigureHistory:
    """A council's history of one figure at D, K and T; ``neighbour_codes``: the ten of the
    model in force (empty when none is, or when they were not asked for)."""

    la_code: str
    figure: str
    points: tuple[FigurePoint, ...]
    neighbour_codes: tuple[str, ...]

    @property
    def title(self) -> str:
        return FIGURES[self.figure]


def check_figure(figure: str) -> str:
    if figure not in FIGURES:
        raise UserError(f"unknown figure {figure!r}: one of {', '.join(FIGURES)}")
    return figure


def neighbours_in_force(authority: Authority, as_of: date, known_on: date) -> tuple[str, ...]:
    """The LA numbers of a council's ten neighbours under the model in force on D (published
    by K); none before the first model, or when that model does not list the council."""
    try:
        _, row = model_for(authority, as_of, known_on)
    except UserError:
        return ()
    return tuple(code for code, _ in row.neighbours)


def _by_day(model: ReadModel, la_code: str, figure: str, times: Times) -> dict[int, float]:
    """A council's figure by as-at day (its happened day), where it has one."""
    found = {}
    for entry in model.caseloads(la_code, *times):
        value = figure_point(entry, figure)
        if value is not None:
            found[entry.happened] = value
    return found


def figure_history(read: LiveReadModel, authority: Authority, figure: str, times: Times,
                   neighbours: tuple[str, ...] = ()) -> FigureHistory:
    """The council's ``figure`` at each as-at date that counts at D, K and T, beside England's,
    its region's and the mean of ``neighbours``' figures for the same as-at date."""
    check_figure(figure)
    la = authority.la_code
    with read.lock:  # every answer reads under the lock a catch-up folds under
        model = read.ready()
        others = [_by_day(model, code, figure, times) for code in neighbours]
        points = []
        for entry in model.caseloads(la, *times):
            value = figure_point(entry, figure)
            if value is None:
                continue
            lines = [figure_point(model.geo_figure(geo, entry.happened, *times), figure)
                     for geo in (ENGLAND, region_code(authority.region))]
            near = [found[entry.happened] for found in others if entry.happened in found]
            points.append(FigurePoint(entry.fields.get("occurred_on") or "", date.fromordinal(entry.happened),
                                      value, lines[0], lines[1], fmean(near) if near else None, len(near)))
    return FigureHistory(la, figure, tuple(points), neighbours)
