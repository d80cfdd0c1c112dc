"""The overview (every council at D, K and T) as an export table: each council's rating
and its direction of travel in words, and its latest caseload with England's and the
region's figures at the same as-at date beside it."""

from __future__ import annotations

from tracker.exports.table import Cell, Source, Table
from tracker.exports.words import day_cell, figure_cell, framework_words, grade_words
from tracker.results import CouncilSummary, Overview, Ranking, Standing
from tracker.time_point import TimePoint

HEADERS = ("LA number", "Council", "Region", "Overall effectiveness", "Framework", "Rated since",
           "Previous overall effectiveness", "Direction", "Caseload", "Caseload as at", "England caseload",
           "Region caseload")


def council_row(summary: CouncilSummary) -> tuple[Cell, ...]:
    rating, previous, caseload = summary.rating, summary.previous_rating, summary.caseload
    return (summary.council.la_code, summary.council.name, summary.council.region,
            grade_words(rating.overall) if rating else None,
            framework_words(rating.framework) if rating else None,
            day_cell(rating.since) if rating else None,
            grade_words(previous.overall) if previous else None,
            summary.direction.capitalize() if summary.direction else None,
            figure_cell(caseload.figure) if caseload else None,
            day_cell(caseload.as_at) if caseload else None,
            figure_cell(caseload.national) if caseload else None,
            figure_cell(caseload.regional) if caseload else None)


def councils_table(overview: Overview, title: str = "Councils") -> Table:
    """One row per council, in the overview's order (the caller sorts it first if it wants)."""
    sources = [Source.of(s.caseload.source) for s in overview.councils if s.caseload is not None]
    return Table.of(title, HEADERS, [council_row(s) for s in overview.councils],
                    TimePoint(overview.as_of, overview.known_on, overview.recorded_by), sources,
                    sheet="Councils")


RANKING_HEADERS = ("Caseload quartile", "Caseload change over 1 year", "Caseload change over 2 years",
                   "Months since the judgement")


def _standing_cells(found: Standing) -> tuple[Cell, ...]:
    return (found.quartile, found.change_1y, found.change_2y, found.months_since_inspection)


def ranking_table(ranking: Ranking) -> Table:
    """``councils --csv`` / ``--xlsx``: the overview's row of each council chosen, in the order
    asked for, with its quartile, caseload changes and months since its judgement."""
    chosen = ranking.chosen
    table = councils_table(chosen)
    found = ranking.standings
    rows = [(*council_row(s), *_standing_cells(found[s.council.la_code])) for s in chosen.councils]
    return Table.of(table.title, (*HEADERS, *RANKING_HEADERS), rows, table.time_point, table.sources,
                    sheet=table.sheet)
