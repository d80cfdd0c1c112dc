"""Rankings: each council's caseload, its change over one and two years, the whole months
since its judgement began to count, its caseload quartile, and the order councils rank in.

Why pure and here: every number comes from the overview's one answer for all councils (the
read side's index, never a replay of streams), and a quartile needs all of them at once; the
CLI (`councils --sort`) and the UI's overview rank alike from this one module.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import TypeVar

from events.dates import PartialDate, end_of
from tracker.results import CouncilSummary, Overview, Ranking, Standing

T = TypeVar("T")

SORT_KEYS = ("caseload", "caseload-change", "caseload-change-2y", "since-inspection")
"""What `councils --sort` takes, and the overview's rank key cycles through, in this order."""

SORT_LABELS = {"caseload": "caseload", "caseload-change": "caseload change over one year",
               "caseload-change-2y": "caseload change over two years",
               "since-inspection": "months since the judgement that counts"}


@lru_cache(maxsize=4096)  # as-at dates repeat: every council's 30 September
def years_before(as_at: str, years: int) -> str:
    """The as-at date ``years`` earlier, at the same precision (29 February goes to the 28th)."""
    day = PartialDate.parse(as_at)
    year = day.year - years
    if day.day is None:
        return PartialDate(year, day.month).iso()
    month = day.month or 1
    return PartialDate(year, month, min(day.day, calendar.monthrange(year, month)[1])).iso()


def whole_months(start: date, end: date) -> int:
    """Calendar months completed from ``start`` to ``end`` (0 if ``end`` is not later): a
    month completes on the same day of a later month, or on its last day if it is shorter."""
    if end <= start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day and end.day < calendar.monthrange(end.year, end.month)[1]:  # the month's length
        months -= 1  # only when it can matter: the all-council query runs this for every council
    return max(0, months)


Earlier = Callable[[str, str], "float | None"]
"""A council's figure (as a number) for an as-at date, by (LA code, as-at date text)."""


def change(summary: CouncilSummary, years: int, earlier: Earlier | None = None) -> float | None:
    """The latest figure minus the figure for the as-at date ``years`` before it; None when
    there is no latest figure, or none for exactly that earlier as-at date. The earlier figure
    comes from the summary's caseload history, or from ``earlier`` when the summary holds only
    the latest (``councils``: ranking_answer.py)."""
    latest = summary.caseload
    if latest is None or latest.as_at is None:
        return None
    wanted = years_before(latest.as_at, years)
    if earlier is not None:
        point = earlier(summary.council.la_code, wanted)
    else:
        found = next((c for c in summary.caseloads if c.as_at == wanted), None)
        point = None if found is None else found.figure.point
    return None if point is None else round(latest.figure.point - point, 2)


def standing(summary: CouncilSummary, as_of: date, earlier: Earlier | None = None) -> Standing:
    """One council's ranking numbers at D, without its quartile (that needs every council)."""
    return Standing(*numbers(summary, as_of, earlier), None)


Numbers = tuple[float | None, str | None, float | None, float | None, int | None]
"""A standing's numbers before its quartile: caseload, its as-at date, its change over one
and two years, the months since the judgement."""


def numbers(summary: CouncilSummary, as_of: date, earlier: Earlier | None = None) -> Numbers:
    """``standing``'s numbers, as a plain tuple (a Standing is made once, with its quartile)."""
    latest, rating = summary.caseload, summary.rating
    since = rating.since if rating is not None else None
    return (None if latest is None else latest.figure.point, None if latest is None else latest.as_at,
            change(summary, 1, earlier), change(summary, 2, earlier),
            None if since is None else whole_months(end_of(since), as_of))


def quartiles(values: Mapping[str, float | None]) -> dict[str, int]:
    """Each key's quartile of the values that are not None: rank-based, over the n values
    sorted ascending, rank r (ties share the lowest rank of their group) gives quartile
    1 + floor(4 (r - 1) / n); 1 is the lowest quarter. Keys without a value are left out."""
    known = sorted((v, k) for k, v in values.items() if v is not None)
    n = len(known)
    found: dict[str, int] = {}
    rank = 0
    for position, (value, key) in enumerate(known, start=1):
        if position == 1 or value != known[position - 2][0]:
            rank = position
        found[key] = 1 + (4 * (rank - 1)) // n
    return found


def standings(overview: Overview, earlier: Earlier | None = None) -> dict[str, Standing]:
    """Every council's standing at the overview's D, by LA code; quartiles among them all."""
    as_of = overview.as_of
    plain = {s.council.la_code: numbers(s, as_of, earlier) for s in overview.councils}
    found = quartiles({code: n[0] for code, n in plain.items()})
    return {code: Standing(*n, found.get(code)) for code, n in plain.items()}


def value_of(found: Standing, key: str) -> float | None:
    """The number a sort key ranks by (``SORT_KEYS``)."""
    if key == "caseload":
        return found.caseload
    if key == "caseload-change":
        return found.change_1y
    if key == "caseload-change-2y":
        return found.change_2y
    if key == "since-inspection":
        return None if found.months_since_inspection is None else float(found.months_since_inspection)
    raise ValueError(f"no such ranking: {key!r} (one of {', '.join(SORT_KEYS)})")


def ranked(items: Iterable[T], name: Callable[[T], str], value: Callable[[T], float | None],
           descending: bool = False) -> list[T]:
    """Items by value (highest first when ``descending``), those without a value last
    whatever the direction, ties (and the valueless) by name, always A to Z."""
    by_name: Sequence[T] = sorted(items, key=lambda item: (name(item).casefold(), name(item)))
    known = [item for item in by_name if value(item) is not None]
    known.sort(key=lambda item: value(item) or 0.0, reverse=descending)  # stable: names stay A-Z
    return known + [item for item in by_name if value(item) is None]


def ranking(overview: Overview, region: str | None = None, sort: str | None = None,
            descending: bool = False, earlier: Earlier | None = None) -> Ranking:
    """The councils of the overview (only the region's when given), in name order or by
    ``sort``, each with its standing (quartiles among every council of the overview)."""
    found = standings(overview, earlier)
    chosen = [s for s in overview.councils if region is None or s.council.region == region]
    if sort is not None:
        chosen = ranked(chosen, lambda s: s.council.name,
                        lambda s: value_of(found[s.council.la_code], sort), descending)
    return Ranking(replace(overview, councils=tuple(chosen)), found)
