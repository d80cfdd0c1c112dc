"""Dates at the precision a report gives: a day, a month or a year.

An imprecise date counts at the *end* of its period: "2022-02" is on or before
D only when 2022-02-28 is.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import StrEnum
from functools import lru_cache

from events.errors import InvalidField


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


# ASCII digits only ("\d" would take full-width and other scripts' digits too).
_PATTERN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MOMENT = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
    r"(?:Z|[+-][0-9]{2}:[0-9]{2})?"
)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to a day, a month or a year."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str, field: str = "date") -> PartialDate:
        if isinstance(text, str):
            known = _parsed(text)  # dates repeat: an import reads the same few thousand often
            if known is not None:
                return known
        return cls._parse(text, field)

    @classmethod
    def _parse(cls, text: str, field: str) -> PartialDate:
        match = _PATTERN.fullmatch(text.strip()) if isinstance(text, str) else None
        if match is None:
            raise InvalidField(field, f"{text!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        try:
            date(year, month or 1, day or 1)
        except ValueError as error:
            raise InvalidField(field, f"{text!r} is not a real date ({error})") from None
        if year < 1900:
            raise InvalidField(field, f"{text!r} is before 1900")
        return cls(year, month, day)

    @classmethod
    def of(cls, value: date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    def start(self) -> date:
        """The first day of the period."""
        return date(self.year, self.month or 1, self.day or 1)

    def end(self) -> date:
        """The last day of the period: when an imprecise date 'counts'."""
        if self.day is not None:
            return date(self.year, self.month or 1, self.day)
        if self.month is not None:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return date(self.year, 12, 31)

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.iso()


@lru_cache(maxsize=65_536)
def _parsed(text: str) -> PartialDate | None:
    """A valid date text's PartialDate, else None (the caller then says what is wrong)."""
    try:
        return PartialDate._parse(text, "date")
    except InvalidField:
        return None


def end_of(text: str) -> date:
    """The date on which a stored partial-date string counts."""
    return PartialDate.parse(text).end()


def iso_day(text: str, field: str) -> date:
    """A day written YYYY-MM-DD, and only so: the basic (20190101) and week
    (2019-W01-1) forms Python would also take are refused, everywhere alike."""
    if not _DAY.fullmatch(text.strip()):
        raise InvalidField(field, f"{text!r} is not a date (YYYY-MM-DD)")
    try:
        return date.fromisoformat(text.strip())
    except ValueError as error:
        raise InvalidField(field, f"{text!r} is not a real date ({error})") from None


def iso_moment(text: str, field: str) -> datetime:
    """A moment: YYYY-MM-DD means the end of that day (UTC); YYYY-MM-DDTHH:MM[:SS[.ffffff]]
    with an optional Z or +HH:MM (else UTC). Any other form is refused."""
    stripped = text.strip()
    if _DAY.fullmatch(stripped):
        return datetime.combine(iso_day(stripped, field), time.max, tzinfo=UTC)
    if not _MOMENT.fullmatch(stripped):
        raise InvalidField(field, f"{text!r} is not a date (YYYY-MM-DD) or timestamp (YYYY-MM-DDTHH:MM:SS)")
    try:
        moment = datetime.fromisoformat(stripped)
    except ValueError as error:
        raise InvalidField(field, f"{text!r} is not a real timestamp ({error})") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
