"""compare: two to six councils side by side, with --json, --csv / --xlsx (a table) and
--png / --svg (their caseload lines and England's on one chart)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tracker.cli.context import Context, print_json
from tracker.cli.export_options import export_folder, file_options, time_point, write_file
from tracker.cli.read_commands import time_options, times
from tracker.cli.render import caseload_text, overall_badge, times_line
from tracker.comparison import Comparison
from tracker.exports.words import grade_words
from tracker.results import Caseload
from tracker.safe_text import literal


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "compare", help="two to six councils side by side: judgements over time, caseloads and England's")
    parser.add_argument("councils", nargs="+", metavar="council",
                        help="name, alias, LA number, ONS code or Ofsted URN (two to six)")
    time_options(parser)
    file_options(parser, "the comparison", "the caseload lines (and England's)")
    parser.set_defaults(handler=run_compare)


def run_compare(ctx: Context) -> int:
    folder = export_folder(ctx)
    given = times(ctx.args)
    found = ctx.tracker.compare(ctx.args.councils, **given)
    if folder is not None:
        from tracker.exports.comparison_table import comparison_tables  # loaded only to write

        def chart(where: Path, fmt: str) -> Path:
            from tracker.exports.chart_files import write_caseload_charts  # matplotlib only to draw

            return write_caseload_charts(found.councils, time_point(ctx, given), where, fmt)

        names = "-".join(s.council.name for s in found.councils)
        write_file(ctx, folder, lambda: comparison_tables(found), chart, "comparison", names)
    elif ctx.args.json:
        print_json(found.as_json())
    else:
        render(ctx.out, found)
    return 0


def judgement_lane(found: Comparison, index: int) -> Text:
    """A council's judgements over time: year and grade, oldest first."""
    lane = Text()
    for n, judged in enumerate(found.councils[index].inspections):
        if n:
            lane.append(" → ", style="dim")
        lane.append(f"{judged.happened.year} ")
        lane.append(grade_words(judged.overall) or "no overall grade")
    return lane or Text("no judgement inspection", style="dim")


def caseload_cell(latest: Caseload | None) -> Text:
    """The latest figure and its as-at date."""
    text = caseload_text(None if latest is None else latest.as_json())
    if latest is not None and latest.as_at:
        text.append(f" ({latest.as_at})", style="dim")
    return text


def render(console: Console, found: Comparison) -> None:
    as_json = found.as_json()
    console.print(times_line(as_json))
    table = Table(show_lines=False)
    for header in ("council", "rating", "judgements over time", "caseload (as at)", "England"):
        table.add_column(header)
    for index, summary in enumerate(found.councils):
        rating = summary.rating
        latest = summary.caseload
        national = "" if latest is None or latest.national is None else f"{latest.national.point:g}"
        table.add_row(literal(summary.council.name),
                      overall_badge(None if rating is None else rating.as_json()),
                      judgement_lane(found, index),
                      caseload_cell(latest),
                      national)
    console.print(table)
