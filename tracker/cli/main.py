"""`tracker` entry point: builds the parser from the command modules and turns
every user error into one plain line on stderr with exit code 2."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from rich.console import Console

from events.errors import DomainError
from tracker.cli import admin_commands, file_commands, read_commands, write_commands
from tracker.cli.context import Context
from tracker.councils import UnknownCouncil
from tracker.errors import UserError
from tracker.records import FileFormatError
from tracker.safe_text import visible
from tracker.store import StoreError

EXIT_BAD_INPUT = 2
COMMAND_MODULES = [write_commands, read_commands, file_commands, admin_commands]
USER_ERRORS = (UserError, DomainError, UnknownCouncil, FileFormatError, StoreError)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tracker",
        description="Ofsted judgements, visits and caseloads for English councils, as events.",
        epilog="With no command, `tracker` opens the terminal UI.",
    )
    parser.add_argument("--store", help="SQLite file or postgresql:// URL (env TRACKER_STORE)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.command is None:
        build_parser().print_help()
        return 0
    ctx = Context(args, Console(), Console(stderr=True))
    try:
        return int(args.handler(ctx))
    except USER_ERRORS as error:
        message = error.args[0] if isinstance(error, LookupError) and error.args else error
        text = f"error: {visible(message)}"
        ctx.err.print(text, markup=False, highlight=False, emoji=False, soft_wrap=True)
        return EXIT_BAD_INPUT
