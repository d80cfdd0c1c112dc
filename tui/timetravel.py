"""Stepping through time: the previous and next event dates, years, typed dates.

Pure rules over the time point (tracker/time_point.py), so the keys and replay mode
share one meaning of "the previous event date" and the tests can check it without a
screen.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from datetime import date, datetime


def previous_date(dates: Sequence[date], current: date) -> date | None:
    """The latest event date strictly before ``current`` (dates sorted, unique)."""
    index = bisect.bisect_left(dates, current)
    return dates[index - 1] if index > 0 else None


def next_date(dates: Sequence[date], current: date, limit: date | None = None) -> date | None:
    """The earliest event date strictly after ``current``, not beyond ``limit``."""
    index = bisect.bisect_right(dates, current)
    if index >= len(dates):
        return None
    found = dates[index]
    return None if limit is not None and found > limit else found


def shift_years(day: date, years: int, today: date) -> date:
    """The same calendar day ``years`` away (29 Feb -> 28 Feb), never after today."""
    year = day.year + years
    try:
        moved = day.replace(year=year)
    except ValueError:
        moved = date(year, 2, 28)
    return min(moved, today)


def parse_day(text: str) -> date:
    """A date typed by the user: YYYY-MM-DD, YYYY-MM (end of month) or YYYY (end of year)."""
    from events.dates import PartialDate

    return PartialDate.parse(text.strip(), "date").end()


def parse_moment(text: str) -> datetime:
    """A recorded-by timestamp; a bare date means the end of that day (UTC): the forms
    `--recorded-by` takes, and only a time the tracker could have recorded by."""
    from events.dates import iso_moment
    from events.errors import InvalidField
    from tracker.recorded_time import recorded_time_problem

    moment = iso_moment(text, "recorded by")
    problem = recorded_time_problem(moment)
    if problem is not None:
        raise InvalidField("recorded by", problem)
    return moment
