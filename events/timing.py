"""When a fact counts: the day it has surely happened by, and the day it was surely public.

Both rules take the stored partial-date strings (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``)
and are shared by every read path: the replaying reference and the read model's index,
which keeps dates as :func:`span` integers and calls the ``*_day`` forms directly.

- **Happened by**: an imprecise date counts at the end of its period, or by the fact's
  publication date if that is earlier (never before the period began); a precise date is
  its day. A fact with no date (only its publication is known) happened on or before
  its publication.
- **Known from**: its publication date; an imprecise one at the end of its period or at
  the date of the source that reports it (``source.published``, at the end of its own
  period), whichever is earlier. Without a publication date, from the source's date
  (the earliest day it was surely public); without either, from the end of fieldwork,
  else from when it happened.

A fact with neither an occurred nor a publication date never counts (:data:`NEVER`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from events.dates import PartialDate, Precision

NEVER_DAY = date.max.toordinal()
NEVER = date.max
DAY, MONTH, YEAR = 1, 2, 3  # a span's low two bits: its precision (0: no date)
_PRECISION = {Precision.DAY: DAY, Precision.MONTH: MONTH, Precision.YEAR: YEAR}


class _Spans(dict[str | None, int]):
    """Date text -> span, filled on first use (lookups run in C; dates are few)."""

    def __missing__(self, text: str | None) -> int:
        if not text:
            found = 0
        else:
            parsed = PartialDate.parse(text)
            found = parsed.end().toordinal() << 2 | _PRECISION[parsed.precision]
        self[text] = found
        return found


SPANS = _Spans()
span = SPANS.__getitem__  # a partial date as one int: its last day's ordinal << 2 | precision; 0: none


def first_day(code: int) -> int:
    """The ordinal of a span's first day."""
    end = code >> 2
    if code & 3 == DAY:
        return end
    last = date.fromordinal(end)
    return end - last.day + 1 if code & 3 == MONTH else date(last.year, 1, 1).toordinal()


def _by(code: int, bound: int) -> int:
    """An imprecise span's day, brought forward to ``bound`` if that is earlier (but never
    before the span's first day); a precise span's day is never moved."""
    end = code >> 2
    if bound and code & 3 != DAY and (bound >> 2) < end:
        return max(bound >> 2, first_day(code))
    return end


def happened_day(occurred: int, published: int) -> int:
    """The ordinal of the day a fact has surely happened by (spans in, :data:`NEVER_DAY`
    when it has no date at all)."""
    if occurred:
        return _by(occurred, published)
    return published >> 2 if published else NEVER_DAY


def known_day(published: int, fieldwork_end: int, occurred: int, source: int) -> int:
    """The ordinal of the day a fact was surely public (spans in)."""
    if published:
        return _by(published, source)
    if not occurred:
        return NEVER_DAY
    if source:
        return source >> 2
    return (fieldwork_end or occurred) >> 2


def happened_on(occurred_on: str | None, published_on: str | None) -> date:
    """The day a fact has surely happened by."""
    return date.fromordinal(happened_day(span(occurred_on), span(published_on)))


def known_from(published_on: str | None, fieldwork_end: str | None, occurred_on: str | None,
               source_published: str | None) -> date:
    """The day a fact was surely public."""
    return date.fromordinal(known_day(span(published_on), span(fieldwork_end), span(occurred_on),
                                      span(source_published)))


def source_date(source: Any) -> str | None:
    """A citation's own date (``source.published``), if it has one."""
    return source.get("published") if isinstance(source, dict) else None


def when_text(occurred_on: str | None, published_on: str | None) -> str:
    """The date a fact is shown with: when it happened, else "by" its publication."""
    if occurred_on:
        return occurred_on
    return f"by {published_on}" if published_on else "?"
