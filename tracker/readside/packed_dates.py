"""A fact's three dates (occurred, published, its source's) packed in one int, and the
days they make (events/timing.py), cached: a fact without a row keeps its dates this way
so a correction can recompute its days, at 8 bytes a fact."""

from __future__ import annotations

from typing import Any

from events.timing import happened_day, known_day, span
from tracker.readside.rows import ORIGIN

# A fact's three dates (occurred, published, its source's) as one int: 21 bits each, a
# span's days counted from ORIGIN (dates up to mid-3335: stored dates are never in
# the future); a later date is kept as that limit.
_BITS = 21
_MASK = (1 << _BITS) - 1
_LIMIT = (_MASK >> 2) + ORIGIN  # the last day a packed span can name


def pack_dates(occurred: int, published: int, cited: int) -> int:
    return (_packed(occurred) << _BITS | _packed(published)) << _BITS | _packed(cited)


def _packed(code: int) -> int:
    return 0 if not code else (min(code >> 2, _LIMIT) - ORIGIN) << 2 | code & 3


def unpack_dates(dates: int) -> tuple[int, int, int]:
    """(occurred, published, cited) spans, as events/timing.py makes them."""
    return (_unpacked(dates >> 2 * _BITS), _unpacked(dates >> _BITS & _MASK), _unpacked(dates & _MASK))


def _unpacked(packed: int) -> int:
    return 0 if not packed else ((packed >> 2) + ORIGIN) << 2 | packed & 3


# (occurred, published, source date) texts -> (happened, known, packed dates): dates are few
TIMES: dict[tuple[Any, Any, Any], tuple[int, int, int]] = {}
# occurred text -> packed dates, for the commonest fact: an occurred date and nothing else,
# which happened and became known on its occurred date's last day, (dates >> DAY_SHIFT) + ORIGIN
PLAIN: dict[str, int] = {}
DAY_SHIFT = 2 * _BITS + 2


def times_of(key: tuple[Any, Any, Any]) -> tuple[int, int, int]:
    """A fact's happened and known days (no fieldwork end: a row keeps its own) and dates."""
    if len(TIMES) > 65_536:
        TIMES.clear()
    dates = pack_dates(span(key[0]), span(key[1]), span(key[2]))
    occurred, published, cited = unpack_dates(dates)  # as a correction will find them
    found = TIMES[key] = (happened_day(occurred, published), known_day(published, 0, occurred, cited), dates)
    return found


def plain_dates(occurred: str) -> int:
    """The packed dates of a fact with only an occurred date (cached in PLAIN)."""
    if len(PLAIN) > 65_536:
        PLAIN.clear()
    found = PLAIN[occurred] = pack_dates(span(occurred), 0, 0)
    return found
