"""Outcomes by caseload: how often inspections went down, stayed the same or went up, by the
council's caseload at fieldwork (quartile, above or below the median) and by how that
caseload had moved over the two years before.

Why a pure function of the rows: the TUI's table and any test recount the same rows
(tracker/inspection_answer.py), so the counts have one definition. It shows association,
not cause: councils differ in many ways a caseload does not capture.

- only inspections with an outcome (up, same, down: not a council's first, not one whose
  grades cannot be compared) and a caseload number count;
- quartiles and the median are of those inspections' caseloads (statistics.quantiles,
  inclusive method): Q1 is at or below the first quartile, Q4 above the third; "above
  median" is strictly above;
- a caseload is rising when it grew by more than FLAT cases per worker over the two years,
  falling when it shrank by more than FLAT, else flat; without a figure two years before,
  it is left out of the change groupings (and counted as such).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import median, quantiles

from tracker.inspection_answer import InspectionRow

OUTCOMES = ("down", "same", "up")
FLAT = 0.5
"""Cases per worker over two years within which a caseload counts as flat."""
QUARTILES = ("Q1 (lowest)", "Q2", "Q3", "Q4 (highest)")
TRENDS = ("rising", "flat", "falling")
SIDES = ("above median", "at or below median")


@dataclass(frozen=True, slots=True)
class Cell:
    """Counts of each outcome in one group, and n (their sum)."""

    down: int = 0
    same: int = 0
    up: int = 0

    @property
    def n(self) -> int:
        return self.down + self.same + self.up

    def count(self, outcome: str) -> int:
        return int(getattr(self, outcome))

    def plus(self, outcome: str) -> Cell:
        return Cell(**{o: self.count(o) + (o == outcome) for o in OUTCOMES})

    def as_json(self) -> dict[str, int]:
        return {"down": self.down, "same": self.same, "up": self.up, "n": self.n}


@dataclass(frozen=True, slots=True)
class OutcomeTable:
    """The groupings, each an ordered tuple of (group, cell)."""

    by_quartile: tuple[tuple[str, Cell], ...]
    by_trend: tuple[tuple[str, Cell], ...]
    by_side: tuple[tuple[str, Cell], ...]
    by_trend_and_side: tuple[tuple[str, Cell], ...]  # "rising, above median", ...
    cuts: tuple[float, float, float] | None  # the quartile cut points; None: too few
    median: float | None
    counted: int  # inspections with an outcome and a caseload
    without_trend: int  # of those, how many had no figure two years before
    left_out: int  # rows without an outcome or a caseload

    def as_json(self) -> dict[str, object]:
        def part(groups: tuple[tuple[str, Cell], ...]) -> list[dict[str, object]]:
            return [{"group": g, **c.as_json()} for g, c in groups]

        return {"by_quartile": part(self.by_quartile), "by_trend": part(self.by_trend),
                "by_side": part(self.by_side), "by_trend_and_side": part(self.by_trend_and_side),
                "cuts": None if self.cuts is None else list(self.cuts), "median": self.median,
                "counted": self.counted, "without_trend": self.without_trend, "left_out": self.left_out}


def trend(change: float | None) -> str | None:
    if change is None:
        return None
    return "rising" if change > FLAT else "falling" if change < -FLAT else "flat"


def quartile(value: float, cuts: tuple[float, float, float]) -> str:
    for name, cut in zip(QUARTILES, cuts, strict=False):
        if value <= cut:
            return name
    return QUARTILES[-1]


def outcome_table(rows: Iterable[InspectionRow]) -> OutcomeTable:
    """Count outcomes by caseload group (see the module's docstring for every definition)."""
    chosen: list[tuple[str, float, float | None]] = []
    left_out = 0
    for row in rows:
        load = row.caseload
        if row.change in OUTCOMES and load is not None and load.value is not None:
            chosen.append((row.change, load.value, load.change_two_years))
        else:
            left_out += 1
    values = [value for _, value, _ in chosen]
    cuts = tuple(quantiles(values, n=4, method="inclusive")) if len(values) >= 2 else None
    middle = median(values) if values else None
    cells: dict[str, Cell] = {}
    for outcome, value, moved in chosen:
        side = SIDES[0] if middle is not None and value > middle else SIDES[1]
        groups = [side]
        if cuts is not None:
            groups.append(quartile(value, cuts))  # type: ignore[arg-type]
        way = trend(moved)
        if way is not None:
            groups += [way, f"{way}, {side}"]
        for group in groups:
            cells[group] = cells.get(group, Cell()).plus(outcome)

    def pick(names: Iterable[str]) -> tuple[tuple[str, Cell], ...]:
        return tuple((name, cells.get(name, Cell())) for name in names)

    return OutcomeTable(
        pick(QUARTILES if cuts is not None else ()), pick(TRENDS), pick(SIDES),
        pick(f"{t}, {s}" for t in TRENDS for s in SIDES),
        None if cuts is None else (cuts[0], cuts[1], cuts[2]), middle, len(chosen),
        sum(1 for _, _, moved in chosen if moved is None), left_out)


def caseloads_by_outcome(rows: Iterable[InspectionRow]) -> dict[str, list[float]]:
    """The caseloads at fieldwork of the inspections with each outcome, sorted (the chart's
    points): the same inspections the table counts."""
    found: dict[str, list[float]] = {o: [] for o in OUTCOMES}
    for row in rows:
        load = row.caseload
        if row.change in OUTCOMES and load is not None and load.value is not None:
            found[row.change].append(load.value)
    return {o: sorted(v) for o, v in found.items()}
