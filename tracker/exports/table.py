"""The plain value every export writes: a titled table at a time point, with its sources.

Why a value of its own: the CSV and Excel writers (and whoever calls them) agree on one
shape, so a command builds its table once and can write it in either format.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tracker.time_point import TimePoint

Cell = str | int | float | date | None


@dataclass(frozen=True, slots=True)
class Source:
    """A publication a table rests on; the parts not known are None."""

    publisher: str | None
    title: str | None
    published: str | None = None
    url: str | None = None

    @classmethod
    def of(cls, citation: Mapping[str, Any]) -> Source:
        """From a stored citation (publisher, title, published, url)."""

        def part(name: str) -> str | None:
            value = citation.get(name)
            return None if value in (None, "") else str(value)

        return cls(part("publisher"), part("title"), part("published"), part("url"))

    def words(self) -> str:
        """"DfE, Children's social work workforce, 2025-02-27, https://..."."""
        return ", ".join(p for p in (self.publisher, self.title, self.published, self.url) if p)


@dataclass(frozen=True, slots=True)
class Table:
    """A title, column headers in words, rows of cells, its time point and its sources;
    ``sheet`` a short name for its workbook sheet (default: the title, cut to fit)."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    time_point: TimePoint
    sources: tuple[Source, ...] = field(default=())
    sheet: str | None = None

    def __post_init__(self) -> None:
        for number, row in enumerate(self.rows, start=1):
            if len(row) != len(self.headers):
                raise ValueError(f"{self.title}: row {number} has {len(row)} cells, not {len(self.headers)}")

    @classmethod
    def of(cls, title: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]], time_point: TimePoint,
           sources: Sequence[Source] = (), sheet: str | None = None) -> Table:
        """From lists; sources given twice are kept once, in order."""
        unique = tuple(dict.fromkeys(sources))
        return cls(title, tuple(headers), tuple(tuple(r) for r in rows), time_point, unique, sheet)

    def preamble(self) -> list[str]:
        """The line above the headers: the title, the time point and each source."""
        return [self.title, *self.time_point.words(), *(f"source: {s.words()}" for s in self.sources)]
