"""Two to six councils side by side at D, K and T: each one's judgements over time and
caseload history, with England's line (``tracker compare``, the export's chart).

Each council is one index summary (tracker/readside/answers.py), so a comparison costs a
few binary searches per council, never a replay of its stream."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tracker.councils import resolve
from tracker.errors import UserError
from tracker.results import CouncilSummary, Overview

FEWEST, MOST = 2, 6  # a comparison is read lane by lane: more than six is a ranking


@dataclass(frozen=True, slots=True)
class Comparison:
    """The councils in the order asked for, at one time point (an overview of just them)."""

    chosen: Overview

    @property
    def councils(self) -> tuple[CouncilSummary, ...]:
        return self.chosen.councils

    def england(self) -> list[tuple[str, float]]:
        """England's caseload at every as-at date any of the councils has a figure for."""
        found = {c.as_at: c.national.point for s in self.councils for c in s.caseloads
                 if c.as_at is not None and c.national is not None}
        return sorted(found.items())

    def as_json(self) -> dict[str, Any]:
        """``compare --json`` (docs/json-contract.md)."""
        return {
            **self.chosen.times_json(),
            "councils": [{**s.as_json(),
                          "inspections": [{"happened": j.happened.isoformat(), "overall": j.overall}
                                          for j in s.inspections],
                          "caseloads": [c.as_json() for c in s.caseloads]} for s in self.councils],
            "england": [{"as_at": as_at, "caseload": value} for as_at, value in self.england()],
        }


def chosen(names: Sequence[str]) -> list[str]:
    """The councils named, each once, two to six of them (else one message saying why)."""
    if not FEWEST <= len(names) <= MOST:
        raise UserError(f"compare takes {FEWEST} to {MOST} councils; {len(names)} given")
    seen: dict[str, str] = {}
    for name in names:
        code = resolve(name).la_code
        if code in seen:
            raise UserError(f"{name!r} names the same council as {seen[code]!r}: each council once")
        seen[code] = name
    return list(seen)


def compare(summary: Callable[[str], CouncilSummary], names: Sequence[str], as_of: date, known_on: date,
            recorded_by: datetime | None) -> Comparison:
    """``summary``: one council's index summary at the time point (Tracker.summary)."""
    return Comparison(Overview(as_of, known_on, recorded_by, tuple(summary(code) for code in chosen(names))))
