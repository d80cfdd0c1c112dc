"""Which recorded times the tracker accepts: when it could have recorded something.

A recorded time is when the tracker wrote an event, so it cannot be far in the future
(a day's allowance for a skewed clock) nor before 2000 (the tracker's data starts long
after). Every entry applies the same rule: ``recorded_at`` in an event file,
``--recorded-by`` on the command line and the UI's date dialog. Stored events outside
the range the read side can index (``READABLE``) are treated as damaged, never read.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
SKEW = timedelta(days=1)  # how far ahead of this machine's clock another's may have been
# What the read side folds, fixed so a rebuild never depends on today's clock: a stored
# time outside it (only a store damaged, or written before the rule, holds one) is damage.
READABLE = (EARLIEST, datetime(2100, 1, 1, tzinfo=UTC))
READABLE_TEXT = tuple(moment.isoformat(timespec="microseconds") for moment in READABLE)


def latest_accepted(now: datetime | None = None) -> datetime:
    return (now or datetime.now(UTC)) + SKEW


def recorded_time_problem(moment: datetime, now: datetime | None = None) -> str | None:
    """Why a recorded time cannot be accepted, or None when it can."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return f"{moment.isoformat()} needs a time zone (e.g. +00:00)"
    try:
        utc = moment.astimezone(UTC)
    except OverflowError:
        return f"{moment.isoformat()} is not a time in UTC's calendar"
    if utc < EARLIEST:
        return f"{moment.isoformat()} is before {EARLIEST.date().isoformat()}, before anything was recorded"
    limit = latest_accepted(now)
    if utc > limit:
        return f"{moment.isoformat()} is in the future (after {limit.isoformat(timespec='seconds')})"
    return None


def readable_problem(utc_text: str) -> str | None:
    """Why a stored recorded time (fixed-width UTC text) is outside what reads fold."""
    if READABLE_TEXT[0] <= utc_text < READABLE_TEXT[1]:
        return None
    low, high = READABLE
    return f"recorded at {utc_text}, outside {low.year}-{high.year - 1}: not a time the tracker recorded"
