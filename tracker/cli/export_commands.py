"""`chart`: a council's caseload chart as a PNG or SVG file, and the ``--csv`` / ``--xlsx``
/ ``--out`` options other commands share. Every export is a new file (never over
another) in the folder given, default the current one; its full path is printed.
matplotlib and XlsxWriter are loaded only when a file is written: other commands start fast."""

from __future__ import annotations

from typing import Any

from tracker.cli.context import Context
from tracker.cli.export_options import out_option, report_written, time_point
from tracker.cli.read_commands import time_options, times
from tracker.exports.files import output_folder


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "chart", help="a council's caseload chart (England's, its region's, its inspections) as PNG or SVG")
    parser.add_argument("council", help="name, alias, LA number, ONS code or Ofsted URN")
    time_options(parser)
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument("--png", dest="chart_format", action="store_const", const="png",
                      help="a PNG image, 1200 by 675 pixels (the default)")
    kind.add_argument("--svg", dest="chart_format", action="store_const", const="svg", help="an SVG drawing")
    out_option(parser)
    parser.set_defaults(handler=run_chart, chart_format="png")


def run_chart(ctx: Context) -> int:
    from tracker.exports.chart_files import write_caseload_charts  # matplotlib loads only to draw

    folder = output_folder(ctx.args.out)  # refused before the store is read
    given = times(ctx.args)
    summary = ctx.tracker.summary(ctx.args.council, **given)
    path = write_caseload_charts([summary], time_point(ctx, given), folder, ctx.args.chart_format)
    report_written(ctx, path)
    return 0
