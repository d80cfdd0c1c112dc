"""`neighbours`: a council's ten statistical neighbours under the model in force, with each
one's rating and latest caseload at the date (docs/analysis.md)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tracker.cli.context import Context, print_json
from tracker.cli.export_options import report_written, table_options
from tracker.cli.read_commands import time_options, times
from tracker.cli.render import caseload_text, overall_badge, times_line
from tracker.exports.files import output_folder
from tracker.exports.neighbour_table import neighbours_table
from tracker.exports.writing import write_tables
from tracker.safe_text import literal


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "neighbours", help="a council's ten statistical neighbours (DfE's model in force at the date)")
    parser.add_argument("council", help="name, alias, LA number, ONS code or Ofsted URN")
    time_options(parser)
    table_options(parser)
    parser.set_defaults(handler=run_neighbours)


def run_neighbours(ctx: Context) -> int:
    if ctx.args.csv or ctx.args.xlsx:
        return export_neighbours(ctx)
    answer = ctx.tracker.neighbours(ctx.args.council, **times(ctx.args)).as_json()
    if ctx.args.json:
        print_json(answer)
    else:
        render(ctx.out, answer)
    return 0


def export_neighbours(ctx: Context) -> int:
    """``--csv`` / ``--xlsx``: the table as a new file in ``--out``; prints its full path."""
    folder = output_folder(ctx.args.out)  # refused before the store is read
    found = ctx.tracker.neighbours(ctx.args.council, **times(ctx.args))
    fmt = "csv" if ctx.args.csv else "xlsx"
    path = write_tables([neighbours_table(found)], folder, fmt, "neighbours", found.council.name)
    report_written(ctx, path)
    return 0


def render(console: Console, answer: dict[str, Any]) -> None:
    council, model = answer["council"], answer["model"]
    source = model["source"]
    console.print(literal(f"Statistical neighbours of {council['name']} ({council['la_code']})", "bold"))
    console.print(times_line(answer))
    console.print(literal(f"model: {model['name']} ({source['publisher']}, edition {model['edition']}), "
                          f"in force from {model['in_force_from']}", "dim"), soft_wrap=True)
    table = Table(header_style="bold")
    for column in ("#", "LA", "neighbour", "closeness", "overall", "since", "caseload", "as at"):
        table.add_column(column, no_wrap=column in ("#", "LA", "since", "as at"), overflow="fold",
                         min_width=16 if column == "neighbour" else None)
    notes = []
    for row in answer["neighbours"]:
        name = literal(row["council"]["name"] if row["exists"] else row["listed_as"])
        if row["note"]:
            name.append(" *", style="bold")
            notes.append(literal(f"* {row['listed_as']} ({row['council']['la_code']}): {row['note']}", "dim"))
        rating, caseload = row["rating"], row["caseload"]
        table.add_row(
            str(row["rank"]),
            literal(row["council"]["la_code"]),
            name,
            literal(row["closeness_label"]),
            overall_badge(rating),
            literal(rating["published_on"] or rating["inspection_started"] or "") if rating else Text(""),
            caseload_text(caseload),
            literal(caseload["as_at"] or "") if caseload else Text(""),
        )
    console.print(table)
    for note in notes:
        console.print(note, soft_wrap=True)
