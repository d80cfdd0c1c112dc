"""`neighbours`: a council's ten statistical neighbours under the model in force, with each
one's rating and latest caseload at the date (docs/analysis.md)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tracker.cli.context import Context, print_json
from tracker.cli.export_options import export_folder, file_options, write_file
from tracker.cli.read_commands import time_options, times
from tracker.cli.render import caseload_text, overall_badge, times_line
from tracker.exports.neighbour_table import neighbours_table
from tracker.safe_text import literal


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "neighbours", help="a council's ten statistical neighbours (DfE's model in force at the date)")
    parser.add_argument("council", help="name, alias, LA number, ONS code or Ofsted URN")
    time_options(parser)
    file_options(parser, "the table")
    parser.set_defaults(handler=run_neighbours)


def run_neighbours(ctx: Context) -> int:
    folder = export_folder(ctx)  # a file asked for: its folder refused before the store is read
    if folder is not None:
        found = ctx.tracker.neighbours(ctx.args.council, **times(ctx.args))
        write_file(ctx, folder, lambda: [neighbours_table(found)], None, "neighbours", found.council.name)
        return 0
    answer = ctx.tracker.neighbours(ctx.args.council, **times(ctx.args)).as_json()
    if ctx.args.json:
        print_json(answer)
    else:
        render(ctx.out, answer)
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
