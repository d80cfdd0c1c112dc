"""Pure answers from sorted entries: no I/O, no replay.

Each answer starts with a binary search: a fact counts at D and K when it happened by D
and was public by K, and since a fact's known day is at most ``slack`` days before its
happened day, nothing that happened after min(D, K + slack) can count. From there the
search walks back over the few facts still unpublished at K.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from statistics import mean, median
from typing import Any

import orjson

from events.vocabulary import Grade
from tracker.readside.rows import Entry, Rows, RowTable, happened_by


def newest_rows(rows: Rows, as_of: int, known_on: int, slack: int,
                recorded_by: int | None = None) -> Iterator[int]:
    """Rows that count at D, K (and T), newest (happened, known, version) first."""
    table, order = rows.table, rows.order
    happened, known, rec = table.h, table.k, table.rec
    i = bisect_right(rows.keys, happened_by(min(as_of, known_on + slack)))
    while i > 0:
        i -= 1
        row = order[i]
        if happened[row] <= as_of and known[row] <= known_on \
                and (recorded_by is None or rec[row] <= recorded_by):
            yield row


def newest_first(rows: Rows, as_of: int, known_on: int, slack: int,
                 recorded_by: int | None = None) -> Iterator[Entry]:
    """Entries that count at D, K (and T), newest first."""
    return (rows.table.entry(row) for row in newest_rows(rows, as_of, known_on, slack, recorded_by))


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
        return direction(self.current.fields["overall"], self.previous.fields["overall"])

    @property
    def overall(self) -> str | None:
        return None if self.current is None else self.current.fields["overall"]


def rating(inspections: Rows, as_of: int, known_on: int, slack: int) -> Rating:
    """The inspection that counts at D and K, and the latest earlier one with an overall grade
    (each row looked at decoded once: the all-council query runs this for every council)."""
    found = newest_rows(inspections, as_of, known_on, slack)
    table = inspections.table
    current = next(found, None)
    if current is None:
        return Rating(None, None)
    overall = table.position["overall"]
    for row in found:
        values = table.values.get(row)
        if values[overall] is not None:
            return Rating(table.entry(current), table.entry_of(row, values))
    return Rating(table.entry(current), None)


def counting_rows(rows: Rows, as_of: int, known_on: int, slack: int) -> list[int]:
    """Rows that count at D and K, oldest (happened, known, version) first: newest_rows'
    answer reversed, as one list (a view is already at T)."""
    known = rows.table.k
    end = bisect_right(rows.keys, happened_by(min(as_of, known_on + slack)))
    # every row before ``end`` happened by min(D, K + slack) <= D (a key orders by happened
    # day first), so only the known day is left to test: the hot loop at a million events
    return [r for r in rows.order[:end] if known[r] <= known_on]


def decoded(table: RowTable, rows: list[int]) -> list[list[Any]]:
    """Many rows' values (each the list of the table's fields) in one decoding: one JSON
    array of their texts, so a long answer pays one call into orjson, not one per row."""
    if not rows:
        return []
    values = table.values
    blob, ends = values.blob, values.ends
    found: list[list[Any]] = orjson.loads(b"[" + b",".join([blob[ends[r]:ends[r + 1]] for r in rows]) + b"]")
    return found


def entries(table: RowTable, rows: list[int]) -> list[Entry]:
    """``table.entry`` of each row, decoded together."""
    fields, h, k, v, rec = table.fields, table.h, table.k, table.v, table.rec
    return [Entry(h[r], k[r], v[r], rec[r], dict(zip(fields, values, strict=True)))
            for r, values in zip(rows, decoded(table, rows), strict=True)]


def caseload_rows(figures: Rows, as_of: int, known_on: int, slack: int) -> list[int]:
    """caseload_history's rows: the winning edition of each as-at date that counts, in the
    order the winners happened."""
    table = figures.table
    counting = counting_rows(figures, as_of, known_on, slack)
    dates: list[Any] = [table.occ[r] for r in counting]
    if 0 in dates:  # an as-at text not in canonical form: told apart by its text
        dates = [d or ("text", table.value(r, "occurred_on")) for d, r in zip(dates, counting, strict=True)]
    # each as-at date's last counting row (a dict keeps a key's last value), in counting order
    last = dict(zip(dates, range(len(counting)), strict=True))
    return [counting[at] for at in sorted(last.values())]


def caseload_history(figures: Rows, as_of: int, known_on: int, slack: int) -> list[Entry]:
    """One figure per as-at date (the latest edition wins), in the order the winning editions
    happened. A canonical as-at text is told by its span (columns.canonical), so only the
    winners are decoded (together)."""
    return entries(figures.table, caseload_rows(figures, as_of, known_on, slack))


def latest_caseload(figures: Rows, as_of: int, known_on: int, slack: int) -> Entry | None:
    """The last row of caseload_history, without building the rest of it: the newest figure
    that counts is the winning edition of its own as-at date, and the last of the winners."""
    row = next(newest_rows(figures, as_of, known_on, slack), None)
    return None if row is None else figures.table.entry(row)


def figure_on(figures: Rows, day: int, as_of: int, known_on: int,
              recorded_by: int | None) -> Entry | None:
    """A national or regional figure for the same as-at day, as it counts at D, K, T."""
    table, order = figures.table, figures.order
    happened, known, rec = table.h, table.k, table.rec
    lo = bisect_right(figures.keys, happened_by(day - 1))
    i = bisect_right(figures.keys, happened_by(day))
    while i > lo:
        i -= 1
        row = order[i]
        if known[row] <= known_on and happened[row] <= as_of \
                and (recorded_by is None or rec[row] <= recorded_by):
            return table.entry(row)
    return None


def figure_value(entry: Entry | None) -> float | None:
    """A single number for a figure: its value, else the middle of its range, else None."""
    if entry is None:
        return None
    figure: dict[str, Any] = entry.fields["caseload"] or {}
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
