"""`tracker inspections` as an export table: one row per judgement inspection in words, with
its change and the caseloads at fieldwork (tracker/inspection_answer.py's rows)."""

from __future__ import annotations

from tracker.exports.table import Cell, Source, Table
from tracker.exports.words import day_cell
from tracker.inspection_answer import CSV_HEADERS, InspectionsAnswer
from tracker.time_point import TimePoint

DATES = frozenset(i for i, h in enumerate(CSV_HEADERS)
                  if h in ("Fieldwork start", "Fieldwork end", "Published", "Caseload as at"))


def _cell(column: int, value: object) -> Cell:
    """A date column's text as a date, a number as itself, nothing as an empty cell."""
    if value in ("", None):
        return None
    if column in DATES:
        return day_cell(str(value))
    return value if isinstance(value, int | float) else str(value)


def inspections_table(answer: InspectionsAnswer) -> Table:
    """Every row of the answer; its sources are named in words (no single link each)."""
    rows = [[_cell(i, value) for i, value in enumerate(row)] for row in answer.csv_rows()]
    when = TimePoint(answer.as_of, answer.known_on, answer.recorded_by)
    return Table.of("Judgement inspections", CSV_HEADERS, rows, when,
                    [Source(text, None) for text in answer.sources], sheet="Inspections")
