"""The options and the last line every export shares: ``--csv`` / ``--xlsx`` (``--png`` /
``--svg`` for a command that draws a chart) / ``--out`` and the full path written
(tracker/cli/export_commands.py, and the table commands that export)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from tracker.cli.context import Context, print_json
from tracker.exports.files import output_folder
from tracker.exports.table import Table
from tracker.safe_text import say
from tracker.time_point import TimePoint


def out_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", metavar="DIR", default=".",
                        help="the folder to write to (default: the current one); no file there is replaced")


def file_options(parser: argparse.ArgumentParser, table: str, chart: str | None = None) -> None:
    """``--csv`` / ``--xlsx`` writing ``table`` (and ``--png`` / ``--svg`` drawing ``chart``)
    as one choice, ``args.export`` (None: no file), and ``--out``."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--csv", dest="export", action="store_const", const="csv",
                       help=f"write {table} as a CSV file (words, ISO dates)")
    group.add_argument("--xlsx", dest="export", action="store_const", const="xlsx",
                       help=f"write {table} as an Excel workbook")
    if chart is not None:
        group.add_argument("--png", dest="export", action="store_const", const="png",
                           help=f"write {chart} as a PNG image, 1200 by 675 pixels")
        group.add_argument("--svg", dest="export", action="store_const", const="svg",
                           help=f"write {chart} as an SVG drawing")
    out_option(parser)
    parser.set_defaults(export=None)


def export_folder(ctx: Context) -> Path | None:
    """The folder a file asked for goes to, checked before the store is read; None: no file."""
    return output_folder(ctx.args.out) if ctx.args.export else None


def write_file(ctx: Context, folder: Path, tables: Callable[[], Sequence[Table]],
               chart: Callable[[Path, str], Path] | None, what: str, subject: str | None = None) -> None:
    """Write the file ``args.export`` names (the chart, a CSV of the first table, or a
    workbook of them all) and say its full path."""
    fmt = ctx.args.export
    if fmt in ("png", "svg") and chart is not None:
        path = chart(folder, fmt)
    else:
        from tracker.exports.writing import write_tables

        found = tables()
        path = write_tables(found if fmt == "xlsx" else found[:1], folder, fmt, what, subject)
    report_written(ctx, path)


def time_point(ctx: Context, given: dict[str, Any]) -> TimePoint:
    """The D, K and T the answer was made at (D today and K = D when not given)."""
    as_of, known_on = ctx.tracker.times(given["as_of"], given["known_on"])
    return TimePoint(as_of, known_on, given["recorded_by"])


def report_written(ctx: Context, path: Path) -> None:
    """The full path written: as JSON with --json, else one line."""
    if getattr(ctx.args, "json", False):
        print_json({"written": str(path)})
    else:
        say(ctx.out, str(path))
