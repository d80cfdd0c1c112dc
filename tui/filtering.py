"""What the overview's filter words mean, the way analysts type them.

A grade word (``good``, ``ri``, ``requires improvement``) means the overall rating,
not "any judgement"; a region's name (``london``, ``west midlands``) means the
region; every other word must appear in the council's name, LA number or region.
Words narrow together: ``london good`` is London councils rated good. Two grades or
two regions widen within their kind (``good outstanding``). Should the grade or
region reading find nothing (``north east lincolnshire``), the words are read
plainly instead, so a council's own name always finds it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tracker.councils import REGIONS
from tui.backend import OverviewRow

GRADE_PHRASES: dict[tuple[str, ...], str] = {
    ("requires", "improvement"): "requires_improvement",
    ("not", "recorded"): "unknown",
    ("outstanding",): "outstanding",
    ("good",): "good",
    ("requires",): "requires_improvement",
    ("improvement",): "requires_improvement",
    ("ri",): "requires_improvement",
    ("inadequate",): "inadequate",
}
REGION_PHRASES: dict[tuple[str, ...], str] = {
    **{tuple(name.casefold().split()): name for name in REGIONS},
    ("yorkshire",): "Yorkshire and the Humber",
}


@dataclass(frozen=True)
class Query:
    """A filter text read as grades, regions and plain words."""

    grades: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    words: tuple[str, ...] = ()
    plain: tuple[str, ...] = field(default=(), compare=False)  # every word, for the fallback


def read_query(text: str) -> Query:
    """Longest phrases first: ``requires improvement`` is one grade, ``east of england`` one region."""
    words = text.casefold().split()
    grades: set[str] = set()
    regions: set[str] = set()
    rest: list[str] = []
    phrases = sorted([*GRADE_PHRASES.items(), *REGION_PHRASES.items()], key=lambda p: -len(p[0]))
    index = 0
    while index < len(words):
        for phrase, meaning in phrases:
            if tuple(words[index : index + len(phrase)]) == phrase:
                (grades if phrase in GRADE_PHRASES else regions).add(meaning)
                index += len(phrase)
                break
        else:
            rest.append(words[index])
            index += 1
    return Query(frozenset(grades), frozenset(regions), tuple(rest), tuple(words))


def _has_words(row: OverviewRow, words: Iterable[str]) -> bool:
    haystack = f"{row.name} {row.region}".casefold()
    return all(word in haystack or row.la_code.startswith(word) for word in words)


def matches(row: OverviewRow, query: Query) -> bool:
    if query.grades and row.overall not in query.grades:
        return False
    if query.regions and row.region not in query.regions:
        return False
    return _has_words(row, query.words)


def filter_rows(rows: Sequence[OverviewRow], text: str) -> list[OverviewRow]:
    """The rows the filter text keeps, in the order given."""
    query = read_query(text)
    found = [row for row in rows if matches(row, query)]
    if found or not (query.grades or query.regions):
        return found
    return [row for row in rows if _has_words(row, query.plain)]
