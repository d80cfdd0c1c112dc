"""The options and the last line every export shares: ``--csv`` / ``--xlsx`` / ``--out`` and the
full path written (tracker/cli/export_commands.py, and the table commands that export)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tracker.cli.context import Context, print_json
from tracker.exports.table import TimePoint
from tracker.safe_text import say


def out_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", metavar="DIR", default=".",
                        help="the folder to write to (default: the current one); no file there is replaced")


def table_options(parser: argparse.ArgumentParser) -> None:
    """``--csv`` / ``--xlsx`` / ``--out`` for a command whose answer is a table."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--csv", action="store_true", help="write the table as a CSV file (words, ISO dates)")
    group.add_argument("--xlsx", action="store_true", help="write the table as an Excel workbook")
    out_option(parser)


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
