"""The `tracker` console script: no command opens the terminal UI, any command
goes to the CLI (which never imports textual)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from tracker.cli.main import build_parser, undecodable_argument
from tracker.cli.main import main as cli_main


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if undecodable_argument(args_list) is not None:
        return cli_main(args_list)  # which says what cannot be read
    args = build_parser().parse_args(args_list)
    if args.command is not None:
        return cli_main(args_list)
    from tui.launch import run_app

    return run_app(args.store)
