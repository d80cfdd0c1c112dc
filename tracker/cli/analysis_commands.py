"""`inspections`: every judgement inspection at the date, with the change from the council's
previous one and its caseload at fieldwork beside England's, the region's and the
neighbours' (docs/analysis.md); as a table, `--json` or `--csv`."""

from __future__ import annotations

import csv
import io
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tracker.cli.context import Context, print_json, write_stdout
from tracker.cli.read_commands import time_options, times
from tracker.cli.render import GRADE_STYLES, times_line
from tracker.errors import UserError
from tracker.inspection_answer import CSV_HEADERS, InspectionRow, InspectionsAnswer
from tracker.safe_text import literal
from tracker.spreadsheet import inert_cell


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "inspections", help="every judgement inspection, its change and the caseloads at fieldwork")
    time_options(parser)
    parser.add_argument("--csv", action="store_true",
                        help="CSV on standard output: words not codes, ISO dates, a first line naming the "
                             "date and sources")
    parser.set_defaults(handler=run_inspections)


def run_inspections(ctx: Context) -> int:
    if ctx.args.json and ctx.args.csv:
        raise UserError("inspections: give --json or --csv, not both")
    answer = ctx.tracker.inspections(**times(ctx.args))
    if ctx.args.json:
        print_json(answer.as_json())
    elif ctx.args.csv:
        write_stdout(csv_text(answer))
    else:
        render(ctx.out, answer)
    return 0


def csv_text(answer: InspectionsAnswer) -> str:
    """The rows as CSV: a title line, the headers, then one line per inspection. Text cells
    are made inert (tracker/spreadsheet.py); numbers are written as numbers."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([inert_cell(answer.title_line())])
    writer.writerow([inert_cell(h) for h in CSV_HEADERS])
    for row in answer.csv_rows():
        writer.writerow([cell if isinstance(cell, int | float) else inert_cell(cell) for cell in row])
    return buffer.getvalue()


def _number(value: float | None, signed: bool = False) -> Text:
    if value is None:
        return Text("—", style="dim")
    return Text(f"{value:+.1f}" if signed else f"{value:.1f}")


SHORT = {"outstanding": "Outstanding", "good": "Good", "requires_improvement": "Req. impr.",
         "inadequate": "Inadequate", "unknown": "not read"}


def _grade(grade: str | None) -> Text:
    """The overall grade in a few letters, coloured as elsewhere; none: a dim dash."""
    if grade is None:
        return Text("none", style="dim")
    return Text(SHORT[grade], style=GRADE_STYLES.get(grade, ""))


def _started(row: InspectionRow) -> str:
    """Fieldwork start; an inspection known only by its report reads "by" that date."""
    return row.fieldwork_start or (f"by {row.published_on}" if row.published_on else "—")


def render(console: Console, answer: InspectionsAnswer) -> None:
    console.print(literal("Judgement inspections and caseloads at fieldwork", "bold"))
    console.print(times_line(answer.times_json()))
    table = Table(header_style="bold", box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1, 0, 0))
    numbers = ("load", "2 yrs", "Eng", "reg", "SN")
    for column in ("council", "started", "overall", "chg", *numbers):
        table.add_column(column, no_wrap=column != "council", overflow="fold",
                         min_width=14 if column == "council" else None,
                         justify="right" if column in numbers else "left")
    for r in answer.rows:
        load = r.caseload
        table.add_row(
            literal(r.council.name), literal(_started(r)), _grade(r.overall),
            literal(r.change or "n/c"),
            *((Text("—", style="dim"),) * 5 if load is None else (
                _number(load.value), _number(load.change_two_years, signed=True), _number(load.england),
                _number(load.region), _number(load.neighbours))))
    console.print(table)
    console.print(literal(
        f"{len(answer.rows)} inspections. load: the council's caseload at the last as-at date before "
        "fieldwork began; 2 yrs: its change over the two years before; Eng, reg, SN: England's, the "
        "region's and the statistical neighbours' average for that same date. chg: the overall grade's "
        "change from the previous graded inspection (n/c: not comparable). --json or --csv for every "
        "field.", "dim"), soft_wrap=True)
