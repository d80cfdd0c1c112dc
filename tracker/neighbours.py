"""DfE's children's services statistical neighbour models: for each council, the ten
councils most like it, and how close each is. Analysts compare a council with these
ten as a matter of course, so "which ten" is itself history: the April 2021 groupings
gave way to the 2025 model, and councils were reorganised while a model stood.

The data is the project's own derived file, ``tracker/data/statistical-neighbours.json``
(made by ``python -m tracker.neighbour_source DIR``; see docs/analysis.md), one model per
entry with its citation and the day it counts from. This module answers which model was
in force on a day, a council's row in it, and whether a council existed on a day.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from tracker.councils import Authority, by_la_code
from tracker.errors import UserError

DATA_FILE = "statistical-neighbours.json"

CLOSENESS: dict[str, str] = {
    "extremely_close": "Extremely close",
    "very_close": "Very close",
    "close": "Close",
    "somewhat_close": "Somewhat close",
    "not_close": "Not close",
}
"""The models' closeness words, closest first (the files spell them with varying case and
trailing spaces; the derived file keeps these keys)."""

REORGANISED: dict[str, tuple[date | None, date | None]] = {
    "835": (None, date(2019, 4, 1)),  # Dorset (county): into Dorset (838) and BCP (839)
    "836": (None, date(2019, 4, 1)),  # Poole: into BCP
    "837": (None, date(2019, 4, 1)),  # Bournemouth: into BCP
    "838": (date(2019, 4, 1), None),  # Dorset (unitary)
    "839": (date(2019, 4, 1), None),  # Bournemouth, Christchurch and Poole
    "928": (None, date(2021, 4, 1)),  # Northamptonshire: into North and West Northamptonshire
    "940": (date(2021, 4, 1), None),
    "941": (date(2021, 4, 1), None),
    "909": (None, date(2023, 4, 1)),  # Cumbria: into Cumberland and Westmorland and Furness
    "942": (date(2023, 4, 1), None),
    "943": (date(2023, 4, 1), None),
}
"""When the councils reorganised since 2019 began or ceased to exist (the first day of the
new councils; every other council existed throughout)."""


@dataclass(frozen=True, slots=True)
class ModelRow:
    """One council's line in a model: its ten neighbours, closest first."""

    la_code: str
    listed_as: str
    region_as_listed: str
    former: bool  # listed in the model's section of councils since reorganised ("Old SNs")
    neighbours: tuple[tuple[str, str], ...]  # (LA number, closeness key), in the model's order


@dataclass(frozen=True, slots=True)
class NeighbourModel:
    """One edition of the model, with its citation and the day it counts from."""

    key: str
    name: str
    publisher: str
    title: str
    edition: str
    url: str
    licence: str
    published_file: str
    in_force_from: date
    in_force_basis: str
    rows: dict[str, ModelRow]

    def row(self, la_code: str) -> ModelRow | None:
        return self.rows.get(la_code)

    def listed_name(self, la_code: str) -> str:
        """The name the model itself gives a council (its own row), else ours."""
        row = self.rows.get(la_code)
        return row.listed_as if row is not None else by_la_code(la_code).name

    def citation(self) -> dict[str, str]:
        return {"publisher": self.publisher, "title": self.title, "edition": self.edition,
                "url": self.url, "licence": self.licence}


def _row(data: dict[str, Any]) -> ModelRow:
    return ModelRow(data["la_code"], data["listed_as"], data["region_as_listed"], bool(data.get("former")),
                    tuple((code, closeness) for code, closeness in data["neighbours"]))


def _model(data: dict[str, Any]) -> NeighbourModel:
    rows = {r["la_code"]: _row(r) for r in data["councils"]}
    return NeighbourModel(data["key"], data["name"], data["publisher"], data["title"], data["edition"],
                          data["url"], data["licence"], data["published_file"],
                          date.fromisoformat(data["in_force_from"]), data["in_force_basis"], rows)


def decode(text: str) -> tuple[NeighbourModel, ...]:
    """The models in the derived file, oldest first."""
    return tuple(sorted((_model(m) for m in json.loads(text)["models"]), key=lambda m: m.in_force_from))


@cache
def models() -> tuple[NeighbourModel, ...]:
    """The shipped models, oldest first."""
    return decode(resources.files("tracker").joinpath("data", DATA_FILE).read_text(encoding="utf-8"))


def in_force(day: date) -> NeighbourModel | None:
    """The model in force on ``day``: the latest whose in-force day has come; None before
    the first shipped one (no model is shipped for that day)."""
    found = [m for m in models() if m.in_force_from <= day]
    return found[-1] if found else None


def existence(authority: Authority) -> tuple[date | None, date | None]:
    """(first day, day it ceased) of a council; None where it is open-ended."""
    return REORGANISED.get(authority.la_code, (None, None))


def existed_on(authority: Authority, day: date) -> bool:
    start, end = existence(authority)
    return (start is None or start <= day) and (end is None or day < end)


def ceased_note(authority: Authority) -> str:
    """Why a council no longer exists, in a few words: 'abolished 2023-04-01; now ...'."""
    _, end = existence(authority)
    successors = "; ".join(by_la_code(code).name for code in authority.successors)
    return f"abolished {end.isoformat() if end else '(date not known)'}" + (
        f"; now {successors}" if successors else "")


def model_for(authority: Authority, as_of: date, known_on: date) -> tuple[NeighbourModel, ModelRow]:
    """The model in force on D and already published by K, and the council's row in it.

    Raises UserError, saying why, when no model is shipped for that day, when the council
    did not exist on D, or when the model in force does not list it.
    """
    day = min(as_of, known_on)
    model = in_force(day)
    if model is None:
        first = models()[0]
        raise UserError(
            f"no statistical neighbour model is shipped for {day.isoformat()}: the earliest is "
            f"{first.name}, in force from {first.in_force_from.isoformat()}")
    start, end = existence(authority)
    if start is not None and as_of < start:
        raise UserError(f"{authority} did not exist on {as_of.isoformat()}: it was created on "
                        f"{start.isoformat()}")
    if end is not None and as_of >= end:
        raise UserError(f"{authority} did not exist on {as_of.isoformat()}: {ceased_note(authority)}")
    row = model.row(authority.la_code)
    if row is None or row.former:
        later = [m for m in models() if m.in_force_from > model.in_force_from and m.row(authority.la_code)]
        hint = (f"; {later[0].name} lists it, in force from {later[0].in_force_from.isoformat()}"
                if later else "")
        raise UserError(f"{authority} is not in {model.name}, the model in force on {day.isoformat()}"
                        f"{hint}")
    return model, row
