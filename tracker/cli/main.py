"""`tracker` entry point: builds the parser from the command modules and turns
every user error into one plain line on stderr with exit code 2."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from rich.console import Console

from events.errors import DomainError
from tracker.cli import (
    admin_commands,
    analysis_commands,
    compare_commands,
    export_commands,
    file_commands,
    neighbour_commands,
    read_commands,
    write_commands,
)
from tracker.cli.context import Context
from tracker.councils import UnknownCouncil
from tracker.errors import UserError
from tracker.records import FileFormatError
from tracker.safe_text import say, visible
from tracker.store import ENV_VAR, StoreError

EXIT_BAD_INPUT = 2
COMMAND_MODULES = [write_commands, read_commands, neighbour_commands, compare_commands, analysis_commands,
                   export_commands, file_commands, admin_commands]
USER_ERRORS = (UserError, DomainError, UnknownCouncil, FileFormatError, StoreError)


class Parser(argparse.ArgumentParser):
    """argparse, but its complaints (which quote arguments) are shown inert."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {visible(message)}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="tracker",
        description="Ofsted judgements, visits and caseloads for English councils, as events.",
        epilog="With no command, `tracker` opens the terminal UI.",
    )
    parser.add_argument("--store", help="SQLite file or postgresql:// URL (env TRACKER_STORE)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def undecodable_argument(argv: Sequence[str]) -> str | None:
    """Why an argument (or TRACKER_STORE) cannot be taken: bytes that are not UTF-8.

    Python hands such bytes over as lone surrogates; they could be neither stored
    nor printed, so they are refused before anything opens the store.
    """
    named = [(f"argument {number}", text) for number, text in enumerate(argv, start=1)]
    named.append((ENV_VAR, os.environ.get(ENV_VAR, "")))
    for name, text in named:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return f"{name} is not valid UTF-8: {visible(text)}"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    problem = undecodable_argument(arguments)
    if problem is not None:
        say(Console(stderr=True), f"error: {problem}")
        return EXIT_BAD_INPUT
    args = build_parser().parse_args(arguments)
    if args.command is None:
        build_parser().print_help()
        return 0
    ctx = Context(args, Console(), Console(stderr=True))
    try:
        return int(args.handler(ctx))
    except USER_ERRORS as error:
        message = error.args[0] if isinstance(error, LookupError) and error.args else error
        say(ctx.err, f"error: {message}")
        return EXIT_BAD_INPUT
    finally:
        ctx.close()
