"""Councils' judgements over time, one lane each: every column a stretch of time from
2012 to the date, coloured by the overall grade of the judgement in force then (the
latest whose fieldwork had begun), its letter where an inspection began."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.text import Text
from textual.widgets import Static

from tracker.comparison import Comparison
from tracker.safe_text import literal
from tui.present import GRADE_LETTER, GRADE_STYLES

START = date(2012, 1, 1)  # the single inspection framework began in November 2013; SIF from 2012
NAME_WIDTH = 22


def day_at(column: int, columns: int, start: date, end: date) -> date:
    """The middle day of a column."""
    span = end.toordinal() - start.toordinal()
    return date.fromordinal(start.toordinal() + int(span * (column + 0.5) / columns))


def column_of(day: date, columns: int, start: date, end: date) -> int:
    span = max(1, end.toordinal() - start.toordinal())
    return min(columns - 1, max(0, int((day.toordinal() - start.toordinal()) * columns / span)))


def lane(judged: Sequence[tuple[date, str | None]], end: date, columns: int, start: date = START) -> Text:
    """One council's lane: a cell per column, in the colour of the grade in force."""
    ordered = sorted(judged, key=lambda j: j[0])
    letters = {column_of(day, columns, start, end): GRADE_LETTER.get(grade or "unknown", "?")[0]
               for day, grade in ordered if start <= day <= end}
    text = Text()
    for column in range(columns):
        middle = day_at(column, columns, start, end)
        in_force = [grade for day, grade in ordered if day <= middle]
        if not in_force:
            text.append(letters.get(column, "·"), style="dim")
            continue
        text.append(letters.get(column, " "), style=GRADE_STYLES[in_force[-1] or "unknown"])
    return text


def axis(end: date, columns: int, start: date = START) -> Text:
    """Years under the lanes, where they fit."""
    cells = [" "] * columns
    for year in range(start.year, end.year + 1):
        at = column_of(date(year, 1, 1), columns, start, end)
        label = str(year)
        if at + len(label) <= columns and all(c == " " for c in cells[max(0, at - 1):at + len(label)]):
            cells[at:at + len(label)] = label
    return Text("".join(cells), style="dim")


def lanes(found: Comparison, width: int) -> Text:
    """Every council's lane, its name first, and the years beneath."""
    end = found.chosen.as_of
    columns = max(10, width - NAME_WIDTH - 1)
    rows = [Text.assemble(literal(f"{s.council.name[:NAME_WIDTH]:<{NAME_WIDTH}}"), " ",
                          lane([(j.happened, j.overall) for j in s.inspections], end, columns))
            for s in found.councils]
    rows.append(Text.assemble(" " * (NAME_WIDTH + 1), axis(end, columns)))
    return Text("\n").join(rows)


class GradeLanes(Static):
    """The lanes, redrawn at the widget's width."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.found: Comparison | None = None

    def show(self, found: Comparison) -> None:
        self.found = found
        self.update(lanes(found, self.size.width or 100))

    def on_resize(self) -> None:
        if self.found is not None:
            self.update(lanes(self.found, self.size.width))
