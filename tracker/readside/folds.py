"""Pure answers from sorted entries: no I/O, no replay.

Each answer starts with a binary search: a fact counts at D and K when it happened by D
and was public by K, and since a fact's known day is at most ``slack`` days before its
happened day, nothing that happened after min(D, K + slack) can count. From there the
search walks back over the few facts still unpublished at K.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from statistics import mean, median
from typing import Any

from events.vocabulary import Grade
from tracker.readside.index import Entry

BIG = 1 << 62


def newest_first(entries: list[Entry], as_of: int, known_on: int, slack: int,
                 recorded_by: str | None = None) -> Iterator[Entry]:
    """Entries that count at D, K (and T), newest (happened, known, version) first."""
    i = bisect_right(entries, (min(as_of, known_on + slack), BIG))
    while i > 0:
        i -= 1
        entry = entries[i]
        if entry[0] <= as_of and entry[1] <= known_on and (recorded_by is None or entry[3] <= recorded_by):
            yield entry


def in_order(entries: list[Entry], as_of: int, known_on: int, slack: int) -> list[Entry]:
    """Entries that count at D and K, oldest first."""
    end = bisect_right(entries, (min(as_of, known_on + slack), BIG))
    return [e for e in entries[:end] if e[0] <= as_of and e[1] <= known_on]


def direction(current: str | None, previous: str | None) -> str | None:
    """improved / declined / unchanged between two overall grades; None if either is ungraded."""
    if not current or not previous:
        return None
    now, before = Grade(current).rank, Grade(previous).rank
    if not now or not before:
        return None
    return "improved" if now > before else "declined" if now < before else "unchanged"


@dataclass(frozen=True, slots=True)
class Rating:
    """The judgement that counts, the previous one with an overall grade, and the travel."""

    current: Entry | None
    previous: Entry | None

    @property
    def direction(self) -> str | None:
        if self.current is None or self.previous is None:
            return None
        return direction(self.current[4]["overall"], self.previous[4]["overall"])

    @property
    def overall(self) -> str | None:
        return None if self.current is None else self.current[4]["overall"]


def rating(inspections: list[Entry], as_of: int, known_on: int, slack: int) -> Rating:
    """The inspection that counts at D and K, and the latest earlier one with an overall grade."""
    found = newest_first(inspections, as_of, known_on, slack)
    current = next(found, None)
    previous = next((e for e in found if e[4]["overall"] is not None), None)
    return Rating(current, previous)


def caseload_history(figures: list[Entry], as_of: int, known_on: int, slack: int) -> list[Entry]:
    """One figure per as-at date (the latest edition wins), by as-at date."""
    by_date: dict[str, Entry] = {}
    for entry in in_order(figures, as_of, known_on, slack):
        by_date[entry[4]["occurred_on"]] = entry
    return sorted(by_date.values(), key=lambda e: e[0])


def latest_caseload(figures: list[Entry], as_of: int, known_on: int, slack: int) -> Entry | None:
    """The last row of caseload_history, without building the rest of it."""
    newest = [e for e in _newest_day(figures, as_of, known_on, slack)]
    if not newest:
        return None
    newest.reverse()
    return caseload_history(newest, BIG, BIG, 0)[-1]


def _newest_day(figures: list[Entry], as_of: int, known_on: int, slack: int) -> Iterator[Entry]:
    top = None
    for entry in newest_first(figures, as_of, known_on, slack):
        if top is not None and entry[0] < top:
            return
        top = entry[0]
        yield entry


def figure_on(figures: list[Entry], day: int, as_of: int, known_on: int,
              recorded_by: str | None) -> Entry | None:
    """A national or regional figure for the same as-at day, as it counts at D, K, T."""
    lo = bisect_left(figures, (day,))
    i = bisect_right(figures, (day, BIG))
    while i > lo:
        i -= 1
        entry = figures[i]
        if entry[1] <= known_on and entry[0] <= as_of and (recorded_by is None or entry[3] <= recorded_by):
            return entry
    return None


def figure_value(entry: Entry | None) -> float | None:
    """A single number for a figure: its value, else the middle of its range, else None."""
    if entry is None:
        return None
    figure: dict[str, Any] = entry[4]["caseload"] or {}
    if figure.get("value") is not None:
        return float(figure["value"])
    if figure.get("low") is not None and figure.get("high") is not None:
        return (float(figure["low"]) + float(figure["high"])) / 2
    return None


def picture(ratings: dict[str, Rating], before: dict[str, Rating],
            caseloads: dict[str, Entry | None]) -> dict[str, Any]:
    """The national picture: councils per grade, councils that moved, caseloads by grade."""
    grades = [g.value for g in Grade] + ["none"]
    per_grade = {g: 0 for g in grades}
    loads: dict[str, list[float]] = {g: [] for g in grades}
    moved = []
    for code, answer in ratings.items():
        grade = answer.overall or "none"
        per_grade[grade] += 1
        value = figure_value(caseloads.get(code))
        if value is not None:
            loads[grade].append(value)
        then = before.get(code)
        was = then.overall if then is not None else None
        if was != answer.overall:
            moved.append({"la_code": code, "from": was, "to": answer.overall,
                          "direction": direction(answer.overall, was)})
    return {
        "councils_per_grade": per_grade,
        "moved": moved,
        "caseloads_by_grade": {
            g: {"councils": len(v), "mean": round(mean(v), 2), "median": round(median(v), 2),
                "min": min(v), "max": max(v)} if v else {"councils": 0}
            for g, v in loads.items()
        },
    }
