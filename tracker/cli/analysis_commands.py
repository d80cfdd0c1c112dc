"""`inspections`: every judgement inspection at the date, with the change from the council's
previous one and its caseload at fieldwork beside England's, the region's and the
neighbours' (docs/analysis.md); as a table, `--json`, or a `--csv` / `--xlsx` file, or the chart
of caseload against outcome as `--png` / `--svg` (tracker/exports/outcome_chart.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from events.vocabulary import Grade
from tracker.cli.context import Context, print_json
from tracker.cli.export_options import export_folder, file_options, time_point, write_file
from tracker.cli.read_commands import time_options, times
from tracker.cli.render import GRADE_STYLES, times_line
from tracker.errors import UserError
from tracker.inspection_answer import InspectionRow, InspectionsAnswer
from tracker.safe_text import literal


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "inspections", help="every judgement inspection, its change and the caseloads at fieldwork")
    time_options(parser)
    file_options(parser, "the table", "the chart of caseload at fieldwork against outcome")
    parser.set_defaults(handler=run_inspections)


def run_inspections(ctx: Context) -> int:
    if ctx.args.json and ctx.args.export:
        raise UserError("inspections: give --json or a file (--csv, --xlsx, --png, --svg), not both")
    folder = export_folder(ctx)
    given = times(ctx.args)
    answer = ctx.tracker.inspections(**given)
    if folder is not None:
        from tracker.exports.inspections_table import inspections_table  # loaded only to write

        def chart(where: Path, fmt: str) -> Path:
            from tracker.exports.outcome_chart import write_outcome_chart  # matplotlib only to draw
            from tracker.outcomes import caseloads_by_outcome

            return write_outcome_chart(caseloads_by_outcome(answer.rows), time_point(ctx, given), where, fmt)

        write_file(ctx, folder, lambda: [inspections_table(answer)], chart, "inspections")
    elif ctx.args.json:
        print_json(answer.as_json())
    else:
        render(ctx.out, answer)
    return 0


def _number(value: float | None, signed: bool = False) -> Text:
    if value is None:
        return Text("—", style="dim")
    return Text(f"{value:+.1f}" if signed else f"{value:.1f}")


def _grade(grade: str | None) -> Text:
    """The overall grade in a few letters, coloured as elsewhere; none: a dim dash."""
    if grade is None:
        return Text("none", style="dim")
    return Text(Grade(grade).short, style=GRADE_STYLES.get(grade, ""))


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
                         min_width=12 if column == "council" else None,
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
