"""``tracker neighbours`` as an export table: each neighbour's closeness, rating and latest
caseload in words, with England's and the region's figures beside the caseload."""

from __future__ import annotations

from tracker.exports.table import Cell, Source, Table
from tracker.exports.words import day_cell, figure_cell, framework_words, grade_words
from tracker.neighbour_answer import Neighbour, NeighboursAnswer
from tracker.time_point import TimePoint

HEADERS = ("Rank", "LA number", "Neighbour", "Closeness", "Overall effectiveness", "Framework",
           "Rated since", "Caseload", "Caseload as at", "England caseload", "Region caseload", "Note")


def _row(neighbour: Neighbour) -> tuple[Cell, ...]:
    rating, caseload = neighbour.rating, neighbour.caseload
    name = neighbour.council.name if neighbour.exists else neighbour.listed_as
    return (neighbour.rank, neighbour.council.la_code, name, neighbour.closeness_label,
            grade_words(rating.overall) if rating else None,
            framework_words(rating.framework) if rating else None,
            day_cell(rating.since) if rating else None,
            figure_cell(caseload.figure) if caseload else None,
            day_cell(caseload.as_at) if caseload else None,
            figure_cell(caseload.national) if caseload else None,
            figure_cell(caseload.regional) if caseload else None,
            neighbour.note)


def neighbours_table(answer: NeighboursAnswer) -> Table:
    """The ten neighbours, sourced to the model and to the caseload figures shown."""
    model = answer.model
    sources = [Source.of(model.citation())]
    sources += [Source.of(n.caseload.source) for n in answer.neighbours if n.caseload is not None]
    title = f"Statistical neighbours of {answer.council.name} ({model.name})"
    return Table.of(title, HEADERS, [_row(n) for n in answer.neighbours],
                    TimePoint(answer.as_of, answer.known_on, answer.recorded_by), sources,
                    sheet="Neighbours")
