"""`show`, `councils`, `log`: read commands, each with `--json`."""

from __future__ import annotations

import argparse
import re
from datetime import date
from pathlib import Path
from typing import Any

from tracker.cli import render
from tracker.cli.context import Context, print_json
from tracker.cli.export_options import export_folder, file_options, write_file
from tracker.cli.options import parse_day, parse_moment
from tracker.errors import UserError
from tracker.rankings import SORT_KEYS
from tracker.safe_text import visible


def register(commands: Any) -> None:
    show = commands.add_parser("show", help="a council's timeline and state at a date")
    show.add_argument("council", help="name, alias, LA number, ONS code or Ofsted URN")
    time_options(show)
    show.set_defaults(handler=run_show)

    councils = commands.add_parser("councils", help="one row per council")
    time_options(councils)
    councils.add_argument("--region", help="only councils in this region")
    councils.add_argument("--sort", metavar="KEY",
                          help=f"rank by {', '.join(SORT_KEYS)} (lowest first; councils without "
                          "the figure last); ties by name")
    councils.add_argument("--desc", action="store_true", help="with --sort: highest first")
    file_options(councils, "the table")
    councils.set_defaults(handler=run_councils)

    log = commands.add_parser("log", help="the raw log, in order, with recorded times")
    log.add_argument("council", nargs="?")
    log.add_argument("--json", action="store_true")
    log.set_defaults(handler=run_log)


def time_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as-of", metavar="D", help="world time (default: today)")
    parser.add_argument("--known-on", metavar="K", help="count reports published by K (default: D)")
    parser.add_argument("--official", metavar="YYYY",
                        help="Ofsted's 'as at 31 March YYYY' table: --as-of YYYY-03-31 --known-on YYYY-06-30")
    parser.add_argument("--recorded-by", metavar="T", help="only what the tracker had recorded by T")
    parser.add_argument("--json", action="store_true", help="machine-readable output")


def official_times(text: str) -> tuple[date, date]:
    """Ofsted's "as at 31 March" table counts inspections done by 31 March "with a report
    published by 30 June" (its Cover sheet), not by the day the statistics came out."""
    if not re.fullmatch(r"[0-9]{4}", text.strip()) or int(text) < 1900:
        raise UserError(f"--official: {text!r} is not a year (YYYY)")
    year = int(text)
    return date(year, 3, 31), date(year, 6, 30)


def times(args: argparse.Namespace) -> dict[str, Any]:
    as_of = parse_day(args.as_of, "--as-of") if args.as_of else None
    known_on = parse_day(args.known_on, "--known-on") if args.known_on else None
    if args.official is not None:
        if args.as_of or args.known_on:
            raise UserError("--official: give either --official or --as-of/--known-on, not both")
        as_of, known_on = official_times(args.official)
    return {
        "as_of": as_of,
        "known_on": known_on,
        "recorded_by": parse_moment(args.recorded_by) if args.recorded_by else None,
    }


def run_show(ctx: Context) -> int:
    answer = ctx.tracker.show(ctx.args.council, **times(ctx.args))
    if ctx.args.json:
        print_json(answer)
    else:
        render.show(ctx.out, answer)
    return 0


def run_councils(ctx: Context) -> int:
    when = times(ctx.args)
    if ctx.args.sort is not None and ctx.args.sort not in SORT_KEYS:
        raise UserError(f"--sort: {ctx.args.sort!r} is not a ranking (one of {', '.join(SORT_KEYS)})")
    if ctx.args.desc and not ctx.args.sort:
        raise UserError("--desc: give --sort KEY too (one of " + ", ".join(SORT_KEYS) + ")")
    folder = export_folder(ctx)  # a file asked for: its folder refused before the store is read
    if folder is not None:
        return export_councils(ctx, when, folder)
    rows = ctx.tracker.councils(region=ctx.args.region, sort=ctx.args.sort, descending=ctx.args.desc,
                                **when)
    warn_damaged(ctx, ctx.tracker.damaged())
    if ctx.args.json:
        print_json(rows)
    else:
        as_of, known_on = ctx.tracker.times(when["as_of"], when["known_on"])
        render.councils(ctx.out, rows, as_of.isoformat(), known_on.isoformat(), ctx.args.sort,
                        ctx.args.desc)
    return 0


def export_councils(ctx: Context, when: dict[str, Any], folder: Path) -> int:
    """``councils --csv`` / ``--xlsx``: the table (with the ranking numbers) as a new file."""
    from tracker.exports.councils_table import ranking_table

    found = ctx.tracker.ranking(region=ctx.args.region, sort=ctx.args.sort, descending=ctx.args.desc, **when)
    warn_damaged(ctx, ctx.tracker.damaged())
    write_file(ctx, folder, lambda: [ranking_table(found)], None, "councils", ctx.args.region)
    return 0


def run_log(ctx: Context) -> int:
    entries = ctx.tracker.log(ctx.args.council)
    warn_damaged(ctx, ctx.tracker.damaged(ctx.args.council))
    if ctx.args.json:
        print_json(entries)
    else:
        render.log(ctx.out, entries)
    return 0


def warn_damaged(ctx: Context, damaged: list[dict[str, Any]], verb: str = "left out") -> None:
    """One line on stderr per stored event that cannot be read (answers go on without it)."""
    for entry in damaged:
        ctx.err.print(f"warning: damaged event {verb}: {visible(entry['summary'])}; run `tracker verify`",
                      markup=False, highlight=False, soft_wrap=True)
