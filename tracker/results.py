"""Typed answers of the facade's queries: what the UI reads, and what the CLI writes as
JSON (``as_json``, the contract in docs/json-contract.md), made in one place.

Why: the UI used to parse back the JSON dicts the CLI prints; a typed result names its
fields once, and its JSON is derived from it, so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from events.vocabulary import SUB_JUDGEMENTS
from tracker.councils import Authority
from tracker.readside.logged import event_id
from tracker.readside.rows import Entry


@dataclass(frozen=True, slots=True)
class CouncilRef:
    la_code: str
    ons_code: str
    name: str
    region: str

    @classmethod
    def of(cls, authority: Authority) -> CouncilRef:
        return cls(authority.la_code, authority.ons_code, authority.name, authority.region)

    def as_json(self) -> dict[str, Any]:
        return {"la_code": self.la_code, "ons_code": self.ons_code, "name": self.name, "region": self.region}


@dataclass(frozen=True, slots=True)
class Rating:
    """The inspection that counts, with its sub-judgements (by the vocabulary's names)."""

    overall: str | None
    framework: str | None
    inspection_started: str | None
    inspection_ended: str | None
    published_on: str | None
    judgements: tuple[tuple[str, str | None], ...]  # (area, grade), in SUB_JUDGEMENTS order
    event_id: str

    @classmethod
    def of(cls, la_code: str, entry: Entry | None) -> Rating | None:
        if entry is None:
            return None
        f = entry.fields
        return cls(f.get("overall"), f.get("framework"), f.get("occurred_on"), f.get("fieldwork_end"),
                   f.get("published_on"), tuple((str(a), f.get(a)) for a in SUB_JUDGEMENTS),
                   event_id(la_code, entry.version))

    @property
    def since(self) -> str | None:
        """When it began to count: published, else ended, else started."""
        return self.published_on or self.inspection_ended or self.inspection_started

    def grade(self, area: str) -> str | None:
        return dict(self.judgements).get(area)

    def as_json(self) -> dict[str, Any]:
        return {"overall": self.overall, "framework": self.framework,
                "inspection_started": self.inspection_started, "inspection_ended": self.inspection_ended,
                "published_on": self.published_on, "judgements": dict(self.judgements),
                "event_id": self.event_id}


@dataclass(frozen=True, slots=True)
class Figure:
    """A caseload figure: exact (value), a range, or a bound (low or high only)."""

    value: float | None
    low: float | None
    high: float | None

    @classmethod
    def of(cls, entry: Entry | None) -> Figure | None:
        return None if entry is None else cls.of_field(entry.fields["caseload"])

    @classmethod
    def of_field(cls, caseload: dict[str, Any]) -> Figure:
        """From a stored ``caseload`` field: a lone value is its own low and high."""
        value = caseload.get("value")
        return cls(value, caseload.get("low", value), caseload.get("high", value))

    @staticmethod
    def point_of(caseload: dict[str, Any]) -> float:
        """``of_field(caseload).point``, without making the Figure (the rankings' earlier figures)."""
        value = caseload.get("value")
        return _point(value, caseload.get("low", value), caseload.get("high", value))

    @property
    def point(self) -> float:
        """The number a chart plots: the value, a range's middle, or the bound given."""
        return _point(self.value, self.low, self.high)

    def as_json(self) -> dict[str, Any]:
        return {"value": self.value, "low": self.low, "high": self.high}


def _point(value: float | None, low: float | None, high: float | None) -> float:
    if value is not None:
        return float(value)
    if low is not None and high is not None:
        return (float(low) + float(high)) / 2
    bound = low if low is not None else high
    return float(bound) if bound is not None else 0.0


@dataclass(frozen=True, slots=True)
class Caseload:
    """A council's caseload figure for one as-at date, beside England's and its region's."""

    as_at: str | None
    figure: Figure
    text: str | None
    source: dict[str, Any]
    event_id: str
    national: Figure | None
    regional: Figure | None

    @classmethod
    def of(cls, la_code: str, entry: Entry, national: Entry | None = None,
           regional: Entry | None = None) -> Caseload:
        figure = Figure.of(entry)
        assert figure is not None
        return cls(entry.fields.get("occurred_on"), figure, entry.fields["caseload"].get("text"),
                   entry.fields["source"], event_id(la_code, entry.version), Figure.of(national),
                   Figure.of(regional))

    def as_json(self) -> dict[str, Any]:
        f = self.figure
        return {"as_at": self.as_at, "value": f.value, "low": f.low, "high": f.high, "text": self.text,
                "source": self.source, "event_id": self.event_id,
                "national": None if self.national is None else self.national.as_json(),
                "regional": None if self.regional is None else self.regional.as_json()}


@dataclass(frozen=True, slots=True)
class LastEvent:
    """A council's fact that happened last of those that count."""

    event_id: str
    kind: str
    occurred_on: str | None
    published_on: str | None
    summary: str


class Judged(NamedTuple):
    """An inspection that counts, by the day it happened (for marks on a chart). A tuple: a
    comparison at a million events makes hundreds a council (tracker/readside/lanes.py)."""

    happened: date
    overall: str | None


@dataclass(frozen=True, slots=True)
class CouncilSummary:
    """One council at D, K and T: its rating, its caseload history, and its last event."""

    council: CouncilRef
    rating: Rating | None
    previous_rating: Rating | None
    direction: str | None
    caseloads: tuple[Caseload, ...]  # one per as-at date, in the order they happened
    last_event: LastEvent | None = None  # None also when not asked for
    inspections: tuple[Judged, ...] = ()  # every inspection that counts, oldest first (when asked for)

    @property
    def caseload(self) -> Caseload | None:
        """The latest figure that counts."""
        return self.caseloads[-1] if self.caseloads else None

    def as_json(self) -> dict[str, Any]:
        """One row of ``councils --json``."""
        latest = self.caseload
        return {"council": self.council.as_json(),
                "rating": None if self.rating is None else self.rating.as_json(),
                "previous_rating": None if self.previous_rating is None else self.previous_rating.as_json(),
                "direction": self.direction,
                "caseload": None if latest is None else latest.as_json()}


@dataclass(frozen=True, slots=True)
class AtTimePoint:
    """The time point an answer is made at, declared once for every answer that carries it:
    as of D, known on K, recorded by T (None: all that is recorded)."""

    as_of: date
    known_on: date
    recorded_by: datetime | None

    def times_json(self) -> dict[str, Any]:
        """The three times as the JSON contract writes them (docs/json-contract.md)."""
        return {"as_of": self.as_of.isoformat(), "known_on": self.known_on.isoformat(),
                "recorded_by": None if self.recorded_by is None else self.recorded_by.isoformat()}


@dataclass(frozen=True, slots=True)
class Overview(AtTimePoint):
    """Every current council at D, K and T, in name order."""

    councils: tuple[CouncilSummary, ...]

    def as_json(self) -> list[dict[str, Any]]:
        """``councils --json``."""
        return [council.as_json() for council in self.councils]


@dataclass(frozen=True, slots=True)
class TimelinePage:
    """A council's ``show`` answer whose ``events`` are only the last ones that count (and
    ``retracted`` the retracted ones among them), with their ``amendments`` as log lines;
    ``whole`` when no earlier fact counts (the page is the whole timeline)."""

    shown: dict[str, Any]
    amendments: list[dict[str, Any]]
    whole: bool


@dataclass(frozen=True, slots=True)
class Standing:
    """Where a council stands among all councils at D, K and T (docs/analysis.md#rankings).

    Why its own type: the ranking numbers are derived from the overview's answer for every
    council at once (a quartile needs them all), not from one council's summary."""

    caseload: float | None  # the latest figure's number (a range's middle, a bound's bound)
    caseload_as_at: str | None
    change_1y: float | None  # latest minus the figure for the as-at date a year before
    change_2y: float | None  # ... two years before; None when that figure is missing
    months_since_inspection: int | None  # whole months from the judgement's "since" day to D
    quartile: int | None  # 1 = the lowest quarter of caseloads among councils with a figure

    def as_json(self) -> dict[str, Any]:
        return {"caseload": self.caseload, "caseload_as_at": self.caseload_as_at,
                "caseload_change_1y": self.change_1y, "caseload_change_2y": self.change_2y,
                "months_since_inspection": self.months_since_inspection,
                "caseload_quartile": self.quartile}


@dataclass(frozen=True, slots=True)
class Ranking:
    """``councils``: the councils chosen (a region's, or all), in the order asked for, each
    with its standing among every council at D, K and T."""

    chosen: Overview
    standings: dict[str, Standing]

    def as_json(self) -> list[dict[str, Any]]:
        """``councils --json``: each council's row plus its ``ranking``."""
        standings = self.standings
        found = []
        for summary in self.chosen.councils:
            row = summary.as_json()
            row["ranking"] = standings[summary.council.la_code].as_json()
            found.append(row)
        return found
