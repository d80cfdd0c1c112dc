"""The two kinds of fact kept as rows (inspections, workforce figures): their fields, a
view of both at some recorded-by T, and the slot that names a fact's row.

A stream keeps one slot per version: 0 for no row, else ``row * 4 + table``, negative
once the fact is retracted. Only this module encodes and decodes it.
"""

from __future__ import annotations

from typing import NamedTuple

from events.vocabulary import SUB_JUDGEMENTS
from tracker.readside.rows import Rows, RowTable

INSPECTIONS, WORKFORCE = 1, 2
INSPECTION_FIELDS = ("occurred_on", "fieldwork_end", "published_on", "framework", "overall",
                     *(str(area) for area in SUB_JUDGEMENTS))
WORKFORCE_FIELDS = ("occurred_on", "published_on", "caseload", "source",
                    "fte", "agency_rate", "vacancy_rate", "turnover_rate")  # the other figures, for charts
FIELDS = {INSPECTIONS: INSPECTION_FIELDS, WORKFORCE: WORKFORCE_FIELDS}


class View(NamedTuple):
    """A stream's inspections and caseload figures as the tracker held them at some T."""

    inspections: Rows
    figures: Rows
    slack: int  # how far a row's known day may precede its happened day


class Slot(NamedTuple):
    """Where a fact's row is: its table (0: no row), its number, and whether retracted."""

    table: int
    row: int
    retracted: bool


def inspection_table() -> RowTable:
    return RowTable(INSPECTION_FIELDS)


def workforce_table() -> RowTable:
    """Figures count only with a caseload (the other figures are read from those rows)."""
    return RowTable(WORKFORCE_FIELDS, needs="caseload")


def slot(table: int, row: int, retracted: bool = False) -> int:
    """The slot naming ``row`` of ``table``."""
    code = row * 4 + table
    return -code if retracted else code


def unslot(code: int) -> Slot:
    """A slot's table, row and state (table 0: the fact has no row)."""
    whole = abs(code)
    return Slot(whole & 3, whole >> 2, code < 0)


def live_row(code: int) -> tuple[int, int] | None:
    """(table, row) of a fact not retracted, else None (the hot path: no tuple for most)."""
    return (code & 3, code >> 2) if code > 0 else None


def retracted_slot(code: int) -> int:
    """The same row, marked retracted."""
    return -abs(code)
