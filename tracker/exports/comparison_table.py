"""A comparison (tracker/comparison.py) as export tables: one row per council (its rating
now, its judgements over time in words, its latest caseload beside England's and the
region's), and, for a workbook, every caseload figure of each council beside England's."""

from __future__ import annotations

from tracker.comparison import Comparison
from tracker.exports.councils_table import HEADERS as COUNCIL_HEADERS
from tracker.exports.councils_table import council_row
from tracker.exports.table import Source, Table
from tracker.exports.words import day_cell, figure_cell, grade_words
from tracker.results import CouncilSummary
from tracker.time_point import TimePoint

CASELOAD_HEADERS = ("LA number", "Council", "Caseload as at", "Caseload", "England caseload",
                    "Region caseload")


def judgements_text(summary: CouncilSummary) -> str:
    """"2014-03-10 Requires improvement; 2018-05-21 Good": every judgement that counts."""
    return "; ".join(f"{j.happened.isoformat()} {grade_words(j.overall) or 'No overall grade'}"
                     for j in summary.inspections)


def comparison_tables(found: Comparison) -> list[Table]:
    """[the councils, their caseloads]: a CSV holds the first, a workbook both."""
    when = TimePoint(found.chosen.as_of, found.chosen.known_on, found.chosen.recorded_by)
    sources = [Source.of(c.source) for s in found.councils for c in s.caseloads]
    councils = Table.of("Comparison", (*COUNCIL_HEADERS, "Judgements over time"),
                        [(*council_row(s), judgements_text(s)) for s in found.councils], when, sources,
                        sheet="Councils")
    caseloads = Table.of("Caseloads", CASELOAD_HEADERS,
                         [(s.council.la_code, s.council.name, day_cell(c.as_at), figure_cell(c.figure),
                           figure_cell(c.national), figure_cell(c.regional))
                          for s in found.councils for c in s.caseloads], when, sources, sheet="Caseloads")
    return [councils, caseloads]
