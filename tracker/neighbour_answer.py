"""The typed answer of ``Tracker.neighbours``: a council's ten statistical neighbours under
the model in force, each with its closeness, rating and latest caseload at D as known on K.

Why its own module: the model's facts (tracker/neighbours.py) and the read side's answers
(tracker/results.py) meet here, once, for the CLI's table and its ``--json`` alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker.councils import Authority, by_la_code
from tracker.neighbours import CLOSENESS, ModelRow, NeighbourModel, ceased_note, existed_on, existence
from tracker.results import AtTimePoint, Caseload, CouncilRef, CouncilSummary, Overview, Rating


@dataclass(frozen=True, slots=True)
class Neighbour:
    """One of the ten: who, how close, and how it stood at D as known on K."""

    rank: int
    council: CouncilRef
    listed_as: str  # the name the model gives it
    closeness: str  # a key of CLOSENESS
    exists: bool  # False: the council did not exist on D (note says why)
    note: str | None
    rating: Rating | None
    caseload: Caseload | None

    @property
    def closeness_label(self) -> str:
        return CLOSENESS[self.closeness]

    def as_json(self) -> dict[str, Any]:
        return {"rank": self.rank, "council": self.council.as_json(), "listed_as": self.listed_as,
                "closeness": self.closeness, "closeness_label": self.closeness_label,
                "exists": self.exists, "note": self.note,
                "rating": None if self.rating is None else self.rating.as_json(),
                "caseload": None if self.caseload is None else self.caseload.as_json()}


@dataclass(frozen=True, slots=True)
class NeighboursAnswer(AtTimePoint):
    """A council's neighbours under the model in force on D (and published by K)."""

    council: CouncilRef
    model: NeighbourModel
    neighbours: tuple[Neighbour, ...]

    def model_json(self) -> dict[str, Any]:
        m = self.model
        return {"key": m.key, "name": m.name, "edition": m.edition,
                "in_force_from": m.in_force_from.isoformat(), "in_force_basis": m.in_force_basis,
                "source": m.citation()}

    def as_json(self) -> dict[str, Any]:
        """``neighbours --json`` (docs/json-contract.md)."""
        return {"council": self.council.as_json(), **self.times_json(),
                "model": self.model_json(), "neighbours": [n.as_json() for n in self.neighbours]}


def _note(authority: Authority, day: date) -> str | None:
    if existed_on(authority, day):
        return None
    start, _ = existence(authority)
    if start is not None and day < start:
        return f"did not exist yet on {day.isoformat()}: created {start.isoformat()}"
    return f"no longer existed on {day.isoformat()}: {ceased_note(authority)}"


def neighbours_answer(
    authority: Authority, model: NeighbourModel, row: ModelRow, found: Overview
) -> NeighboursAnswer:
    """Compose the answer from the model's row and the read side's summaries of the ten
    (``found``: one summary per neighbour, in the row's order)."""
    by_code: dict[str, CouncilSummary] = {s.council.la_code: s for s in found.councils}
    ten = []
    for rank, (code, closeness) in enumerate(row.neighbours, start=1):
        neighbour = by_la_code(code)
        summary = by_code.get(code)
        ten.append(Neighbour(rank, CouncilRef.of(neighbour), model.listed_name(code), closeness,
                             existed_on(neighbour, found.as_of), _note(neighbour, found.as_of),
                             None if summary is None else summary.rating,
                             None if summary is None else summary.caseload))
    return NeighboursAnswer(found.as_of, found.known_on, found.recorded_by, council=CouncilRef.of(authority),
                            model=model, neighbours=tuple(ten))
